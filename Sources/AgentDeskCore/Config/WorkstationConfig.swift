/// Everything an admin configures for one workstation.
public struct WorkstationConfig: Sendable, Equatable {
    /// The TCCC application id, sent as `sdkAppId`.
    public var sdkAppId: String
    public var agent: AgentProfile
    public var pages: [ScreenPopPage]
    /// Admit `http://localhost` and `http://127.0.0.1` page URLs (developers' local servers).
    public var allowInsecureLocalhost: Bool
    /// Seconds of after-call work (arrange) after a connected voice session; 0: none.
    public var afterCallWork: Double
    /// Where an inbound session goes when its ring timeout passes: a skill group or an
    /// agent (the admin's timeout transfer). Nil: the session just ends.
    public var timeoutTransferTo: String?
    /// The most live sessions (ringing or connected) at once; another inbound call is
    /// refused. TCCC documents no per-agent figure we could find; 10 is a small,
    /// realistic number for an agent who takes one voice call and a few chats.
    public var maxSessions: Int = WorkstationConfig.defaultMaxSessions
    public static let defaultMaxSessions = 10
    public static let maxSessionsRange = 1...1000
    /// Quick replies, cards, orders and chats' idle timeout.
    public var chat = ChatSettings()
    /// How calls wait while the agent cannot take them (`queue:`).
    public var queue = QueuePolicy()
    /// The transfer directory (`transferTargets:`): skill groups and agents, with names.
    public var transferTargets: [TransferTarget] = []
    /// The rest (小休) reasons the admin allows (`restReasons:`); empty: any reason.
    public var restReasons: [String] = []

    public init(
        sdkAppId: String, agent: AgentProfile, pages: [ScreenPopPage],
        allowInsecureLocalhost: Bool = false, afterCallWork: Double = 30, timeoutTransferTo: String? = nil
    ) {
        self.sdkAppId = sdkAppId
        self.agent = agent
        self.pages = pages
        self.allowInsecureLocalhost = allowInsecureLocalhost
        self.afterCallWork = afterCallWork
        self.timeoutTransferTo = timeoutTransferTo
    }

    /// The pages that take effect (状态 on), in configured order.
    public var enabledPages: [ScreenPopPage] { pages.filter(\.enabled) }
}
