/// One inbound or outbound session at this workstation.
public struct Session: Sendable, Equatable, Identifiable {
    /// What never changes about a session, held once and shared by every copy: a
    /// session is copied on every reading of the state, and its texts would
    /// otherwise each be retained and released every time (the headless player
    /// spent a third of its time there).
    private final class Identity: Sendable {
        let id: SessionID
        let type: SessionType
        let direction: Direction
        let caller: Caller
        let phoneDesc: String?
        let startedAt: Double
        let ringTimeout: Double

        init(id: SessionID, type: SessionType, direction: Direction, caller: Caller, phoneDesc: String?, startedAt: Double, ringTimeout: Double) {
            self.id = id
            self.type = type
            self.direction = direction
            self.caller = caller
            self.phoneDesc = phoneDesc
            self.startedAt = startedAt
            self.ringTimeout = ringTimeout
        }
    }

    private let identity: Identity
    public var id: SessionID { identity.id }
    public var type: SessionType { identity.type }
    public var direction: Direction { identity.direction }
    /// Inbound: who called. Outbound: whom the agent called (`mobile` is the number dialled).
    public var caller: Caller { identity.caller }
    /// Outbound: the text shown instead of the number while calling (`desc` / `phoneDesc`).
    public var phoneDesc: String? { identity.phoneDesc }
    /// Seconds on the workstation clock.
    public var startedAt: Double { identity.startedAt }
    /// Inbound ring timeout in seconds; 0 means none.
    public var ringTimeout: Double { identity.ringTimeout }

    public internal(set) var status: CallStatus
    public internal(set) var connectedAt: Double?
    public internal(set) var endedAt: Double?
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
    /// When the call joined the queue, if it waited for the agent (nil: it rang at once).
    public internal(set) var queuedAt: Double?
    /// The caller gave up while waiting in the queue (it never rang).
    public internal(set) var abandoned: Bool = false
    /// Seconds on hold in holds that are over (the current hold is `heldAt`).
    public internal(set) var heldTotal: Double = 0

    public init(
        id: SessionID, type: SessionType, direction: Direction, caller: Caller,
        phoneDesc: String? = nil, status: CallStatus = .ringing, startedAt: Double, ringTimeout: Double = 0
    ) {
        identity = Identity(id: id, type: type, direction: direction, caller: caller, phoneDesc: phoneDesc,
                            startedAt: startedAt, ringTimeout: ringTimeout)
        self.status = status
    }

    public static func == (a: Session, b: Session) -> Bool {
        (a.identity === b.identity || (a.id == b.id && a.type == b.type && a.direction == b.direction && a.caller == b.caller
            && a.phoneDesc == b.phoneDesc && a.startedAt == b.startedAt && a.ringTimeout == b.ringTimeout))
            && a.status == b.status && a.connectedAt == b.connectedAt && a.endedAt == b.endedAt && a.closeBy == b.closeBy
            && a.transferredTo == b.transferredTo && a.onHold == b.onHold && a.heldAt == b.heldAt && a.muted == b.muted && a.dtmfSent == b.dtmfSent
            && a.finished == b.finished
            && a.queuedAt == b.queuedAt && a.abandoned == b.abandoned && a.heldTotal == b.heldTotal
    }

    /// What the workstation shows for the other party: the outbound `desc`, else the
    /// nickname, else the number, else the user id.
    public var displayName: String {
        // One by one, not through an array of the three: it is asked for every row
        // of the session lists, every frame.
        if let d = phoneDesc, !d.isEmpty { return d }
        if let c = caller.nickName, !c.isEmpty { return c }
        if let c = caller.mobile, !c.isEmpty { return c }
        if let c = caller.userId, !c.isEmpty { return c }
        return id.rawValue
    }

    /// When an unanswered inbound session times out, if it has a ring timeout.
    public var ringDeadline: Double? {
        guard direction == .inbound, status == .ringing, ringTimeout > 0 else { return nil }
        return startedAt + ringTimeout
    }
}
