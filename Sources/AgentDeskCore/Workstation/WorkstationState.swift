/// The whole workstation at one moment. Changed only by `reduce(_:)`.
public struct WorkstationState: Sendable, Equatable {
    public let config: WorkstationConfig
    /// The workstation clock, in seconds since start. Only `Action.tick` moves it.
    public internal(set) var now: Double = 0
    public internal(set) var agent: AgentState
    /// Live sessions and a bounded history of ended ones, oldest first.
    public internal(set) var sessions: [Session] = []
    /// The session the agent is looking at (the call panel's session).
    public internal(set) var selected: SessionID?
    /// The inbound session the screen-pop pages show: the one selected last.
    public internal(set) var screenPopSession: SessionID?
    /// The URL each visible screen-pop page has now, by page name.
    public internal(set) var pageURLs: [String: String] = [:]
    public internal(set) var dialpad = Dialpad()
    /// Inbound voice calls waiting for the agent, in arrival order.
    public internal(set) var queue: [QueuedCall] = []
    var nextSessionNumber = 1
    /// Each chat session's conversation, by session (see `thread(_:)`).
    public internal(set) var chats: [SessionID: ChatThread] = [:]

    /// Ended sessions kept for display; older ones are dropped so memory stays flat.
    public static let historyLimit = 50

    public init(config: WorkstationConfig, initialStatus: AgentStatus = .free) {
        self.config = config
        self.agent = AgentState(status: initialStatus)
        self.pageURLs = computePageURLs()
    }

    // MARK: Reading

    // The readers below look at sessions through their indices: a predicate over
    // `sessions` itself is handed each session as a copy (every caller, note and
    // history retained and released), and they run several times a frame.

    public func session(_ id: SessionID) -> Session? {
        sessions.indices.first { sessions[$0].id == id }.map { sessions[$0] }
    }

    public var selectedSession: Session? { selected.flatMap(session) }

    public var liveSessions: [Session] { sessions.filter { $0.status.isLive } }

    /// The one live voice session (phone, om, oim), if any; there is never more than one.
    public var voiceSession: Session? {
        sessions.indices.last { sessions[$0].type.hasAudio && sessions[$0].status.isLive }.map { sessions[$0] }
    }

    /// The screen-pop pages whose tabs show now, in configured order: resident pages
    /// always; pop-only pages while an inbound session is unfinished; disabled never.
    public var visiblePages: [ScreenPopPage] {
        let popping = sessions.indices.contains { sessions[$0].direction == .inbound && !sessions[$0].finished }
        return config.pages.filter { $0.enabled && ($0.alwaysShow || popping) }
    }

    /// Sessions ringing or connected: what `maxSessions` limits.
    public var liveSessionCount: Int { sessions.indices.reduce(0) { $0 + (sessions[$1].status.isLive ? 1 : 0) } }

    /// The URL a visible page has now; nil for a hidden or unknown page.
    public func url(ofPage name: String) -> String? { pageURLs[name] }

    func computePageURLs() -> [String: String] {
        let shown = screenPopSession.flatMap(session)
        var urls: [String: String] = [:]
        for page in visiblePages {
            urls[page.name] = ScreenPopParameters.url(of: page, showing: shown, config: config)
        }
        return urls
    }
}
