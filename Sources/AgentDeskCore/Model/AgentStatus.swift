/// The agent's status, with TCCC Web SDK's names.
public enum AgentStatus: String, Sendable, CaseIterable, Codable {
    /// 空闲: idle, receives inbound sessions.
    case free
    /// On a call; set by the system, the agent cannot change it until the call ends.
    case busy
    /// 话后整理: after-call work, a countdown back to free.
    case arrange
    /// 示忙: marked busy.
    case notReady
    /// 小休: a short break, with a reason.
    case rest
    /// Signed out.
    case offline

    /// Whether an inbound voice session may ring at the agent.
    public var receivesInbound: Bool { self == .free }
    /// Whether the agent may call out.
    public var mayCallOut: Bool { self != .busy && self != .offline }
    /// The statuses an agent may choose for themselves.
    public static let selectable: [AgentStatus] = [.free, .notReady, .rest, .offline]

    public var chineseName: String {
        switch self {
        case .free: "空闲"
        case .busy: "忙碌"
        case .arrange: "话后整理"
        case .notReady: "示忙"
        case .rest: "小休"
        case .offline: "离线"
        }
    }
}
