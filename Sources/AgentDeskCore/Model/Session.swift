/// One inbound or outbound session at this workstation.
public struct Session: Sendable, Equatable, Identifiable {
    public let id: SessionID
    public let type: SessionType
    public let direction: Direction
    /// Inbound: who called. Outbound: whom the agent called (`mobile` is the number dialled).
    public let caller: Caller
    /// Outbound: the text shown instead of the number while calling (`desc` / `phoneDesc`).
    public let phoneDesc: String?
    public internal(set) var status: CallStatus
    /// Seconds on the workstation clock.
    public let startedAt: Double
    public internal(set) var connectedAt: Double?
    public internal(set) var endedAt: Double?
    /// Inbound ring timeout in seconds; 0 means none.
    public let ringTimeout: Double
    public internal(set) var closeBy: CloseBy?
    /// Set when the session left this agent by a transfer, the agent's or the timeout's.
    public internal(set) var transferredTo: String?
    public internal(set) var onHold: Bool = false
    /// When the call was last put on hold, while it is (for the hold timer).
    public internal(set) var heldAt: Double?
    public internal(set) var muted: Bool = false
    /// Every DTMF digit sent during the session, in order.
    public internal(set) var dtmfSent: String = ""
    /// True once the agent is done with the session: it ended and its after-call
    /// work (if any) is over. A pop-only screen-pop tab stays until then.
    public internal(set) var finished: Bool = false

    public init(
        id: SessionID, type: SessionType, direction: Direction, caller: Caller,
        phoneDesc: String? = nil, status: CallStatus = .ringing, startedAt: Double, ringTimeout: Double = 0
    ) {
        self.id = id
        self.type = type
        self.direction = direction
        self.caller = caller
        self.phoneDesc = phoneDesc
        self.status = status
        self.startedAt = startedAt
        self.ringTimeout = ringTimeout
    }

    /// What the workstation shows for the other party: the outbound `desc`, else the
    /// nickname, else the number, else the user id.
    public var displayName: String {
        if let d = phoneDesc, !d.isEmpty { return d }
        for candidate in [caller.nickName, caller.mobile, caller.userId] {
            if let c = candidate, !c.isEmpty { return c }
        }
        return id.rawValue
    }

    /// When an unanswered inbound session times out, if it has a ring timeout.
    public var ringDeadline: Double? {
        guard direction == .inbound, status == .ringing, ringTimeout > 0 else { return nil }
        return startedAt + ringTimeout
    }
}
