/// What happened, as the reducer reports it. TCCC's event names where TCCC has one.
public enum Event: Sendable, Equatable {
    /// A new session rings (inbound).
    case callIn(Session)
    /// An inbound session was answered: connected.
    case userAccessed(SessionID)
    case sessionEnded(SessionID, closeBy: CloseBy)
    /// The ring timeout passed and the admin's timeout transfer took the session.
    case autoTransfer(SessionID, to: String)
    /// The agent started an outbound call.
    case callOuted(Session)
    /// The called party answered an outbound call.
    case calloutAccepted(SessionID)
    case statusChanged(from: AgentStatus, to: AgentStatus, reason: String?)
    /// The agent stopped the after-call-work countdown to keep wrapping up.
    case afterCallWorkExtended
    /// A screen-pop page's URL changed (its fragment, or it appeared with one).
    case hashchange(page: String, url: String)
    /// A page posted a message; what became of it.
    case callOutRequest(CallOutOutcome, page: String?)
    case holdChanged(SessionID, onHold: Bool)
    case muteChanged(SessionID, muted: Bool)
    case dtmf(SessionID, digits: String)
    /// The agent transferred a connected session away (to a directory entry or free text).
    case transferred(SessionID, to: TransferTarget)
    case selected(SessionID)
    /// An action that could not be carried out; nothing changed.
    case refused(Refusal)
    /// A message in a chat, from the customer or the agent.
    case imMessage(SessionID, ChatMessage)
    /// An inbound call joined the queue (the agent cannot take it now), at `position` (1: next).
    case queued(QueuedCall, position: Int)
    /// A caller in the queue gave up waiting: `sessionEnded` with closeBy client and `abandoned`.
    case abandoned(Session)
    /// The dialpad took a past session's number, to call the customer back.
    case callBack(SessionID, phoneNumber: String)

    /// The event's name in transcripts and the event feed.
    public var name: String {
        switch self {
        case .callIn: "callIn"
        case .userAccessed: "userAccessed"
        case .sessionEnded: "sessionEnded"
        case .autoTransfer: "autoTransfer"
        case .callOuted: "callOuted"
        case .calloutAccepted: "calloutAccepted"
        case .statusChanged: "statusChanged"
        case .afterCallWorkExtended: "afterCallWorkExtended"
        case .hashchange: "hashchange"
        case .callOutRequest: "callOutRequest"
        case .holdChanged: "hold"
        case .muteChanged: "mute"
        case .dtmf: "dtmf"
        case .transferred: "transfer"
        case .selected: "selected"
        case .refused: "refused"
        case .imMessage: "imMessage"
        case .queued: "queued"
        case .abandoned: "sessionEnded"
        case .callBack: "callBack"
        }
    }
}

/// Why an action was not carried out.
public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
    public var action: String
    public var reason: String

    public init(action: String, reason: String) {
        self.action = action
        self.reason = reason
    }

    public var description: String { "\(action) refused: \(reason)" }
}

/// An event with the workstation-clock time it happened at.
public struct Occurrence: Sendable, Equatable {
    public var time: Double
    public var event: Event

    public init(time: Double, event: Event) {
        self.time = time
        self.event = event
    }
}
