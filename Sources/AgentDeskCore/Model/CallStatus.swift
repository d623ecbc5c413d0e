/// The state of a session as a screen-pop page receives it (`status=`).
public enum CallStatus: Int, Sendable, CaseIterable, Codable {
    case ringing = 100
    case connected = 200
    case ended = 400

    /// The workstation's own word for the state (呼入中, 已接入, 已结束).
    public var chineseName: String {
        switch self {
        case .ringing: "呼入中"
        case .connected: "已接入"
        case .ended: "已结束"
        }
    }

    public var englishName: String {
        switch self {
        case .ringing: "Ringing"
        case .connected: "Connected"
        case .ended: "Ended"
        }
    }

    public var isLive: Bool { self != .ended }
}
