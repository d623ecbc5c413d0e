/// Every input to the workstation: a key, a scenario step, an API request, a
/// relayed page message, or the passing of time. `WorkstationState.reduce` is the
/// only place they change anything.
///
/// A nil session id means "the obvious one": the selected session when it fits,
/// otherwise the live voice session, otherwise the newest that fits.
public enum Action: Sendable, Equatable {
    /// The clock reads `seconds` now (since the workstation started). Timers that
    /// fall due on the way fire at their own times. Time never goes back.
    case tick(to: Double)
    /// An inbound session rings.
    case callIn(IncomingCall)
    /// The agent answers a ringing inbound session.
    case answer(SessionID? = nil)
    /// A live session ends: by the agent (`seat`), the customer, an admin or a timer.
    case hangUp(SessionID? = nil, closeBy: CloseBy = .seat)
    /// The called party picks up an outbound call.
    case calleeAnswer(SessionID? = nil)
    case hold(SessionID? = nil)
    case resume(SessionID? = nil)
    case mute(SessionID? = nil)
    case unmute(SessionID? = nil)
    /// The agent hands a connected session to a skill group or another agent.
    case transfer(SessionID? = nil, to: String)
    /// Tones sent on a connected voice session (extensions, menus).
    case sendDTMF(SessionID? = nil, digits: String)
    /// The agent chooses a status: free, notReady, rest (with a reason) or offline.
    case setStatus(AgentStatus, reason: String? = nil)
    /// After-call work: return to free now, or keep wrapping up (stop the countdown).
    case wrapUp(WrapUp)
    /// The agent looks at another session; inbound ones also fill the screen-pop pages.
    case select(SessionID)
    /// What a screen-pop page posted to its parent, from `page` when known.
    case pageMessage(JSONValue, page: String? = nil)
    case dialpad(DialpadKey)
    /// Call the number on the dialpad.
    case dial
    /// The customer writes in a chat (im, oim).
    case customerSays(SessionID? = nil, text: String)
    /// The agent sends text (a reply), a card or an order into a connected chat.
    case agentSends(SessionID? = nil, ChatMessage.Content)
    /// Put a past session's number on the dialpad (a missed call, by default the newest).
    case callBack(SessionID? = nil)

    /// A short name for refusals and logs.
    public var name: String {
        switch self {
        case .tick: "tick"
        case .callIn: "callIn"
        case .answer: "answer"
        case .hangUp: "hangup"
        case .calleeAnswer: "calleeAnswer"
        case .hold: "hold"
        case .resume: "resume"
        case .mute: "mute"
        case .unmute: "unmute"
        case .transfer: "transfer"
        case .sendDTMF: "dtmf"
        case .setStatus: "status"
        case .wrapUp: "wrapUp"
        case .select: "select"
        case .pageMessage: "message"
        case .dialpad: "dialpad"
        case .dial: "dial"
        case .customerSays: "customerSays"
        case .agentSends(_, .text): "reply"
        case .agentSends(_, .card): "card"
        case .agentSends(_, .order): "order"
        case .callBack: "callBack"
        }
    }
}

public enum WrapUp: String, Sendable, Equatable, CaseIterable {
    /// Back to free at once.
    case done
    /// Keep wrapping up: the countdown stops; `done` ends it.
    case keepGoing
}
