/// What a scenario's `expect` step says must hold. Every field is optional; only
/// those given are checked.
public struct Expectation: Sendable, Equatable {
    /// The selected session's fields, by name: status, type, direction, mobile,
    /// userId, nickName, avatar, onHold, muted, closeBy, dtmf.
    public var session: [(String, String)] = []
    /// The agent's status, and rest's reason when given.
    public var agentStatus: AgentStatus?
    public var restReason: String?
    /// The visible tabs, in order.
    public var tabs: [String]?
    /// A page's URL: in full, or selected hash parameters.
    public var page: String?
    public var pageURL: String?
    public var pageParameters: [(String, String)] = []
    public var dialpadNumber: String?
    public var dialpadDisplay: String?
    /// The last page message's outcome (accepted, refused, ignored, unsupported) and display text.
    public var lastRequestOutcome: String?
    public var lastRequestDisplay: String?
    /// What the pages posted (a browser run only).
    public var pageMessages: PageMessagesCheck?
    /// How many uncaught exceptions the pages threw (a browser run only).
    public var pageErrors: Int?
    /// How many callers wait in the queue.
    public var queueLength: Int?

    public init() {}

    public static func == (a: Expectation, b: Expectation) -> Bool {
        a.session.elementsEqual(b.session, by: ==) && a.agentStatus == b.agentStatus && a.restReason == b.restReason
            && a.tabs == b.tabs && a.page == b.page && a.pageURL == b.pageURL
            && a.pageParameters.elementsEqual(b.pageParameters, by: ==) && a.dialpadNumber == b.dialpadNumber
            && a.dialpadDisplay == b.dialpadDisplay && a.lastRequestOutcome == b.lastRequestOutcome
            && a.lastRequestDisplay == b.lastRequestDisplay && a.pageMessages == b.pageMessages && a.pageErrors == b.pageErrors && a.queueLength == b.queueLength
    }

    /// One thing that did not hold.
    public struct Mismatch: Sendable, Equatable {
        public var field: String
        public var expected: String
        public var actual: String

        public init(field: String, expected: String, actual: String) {
            self.field = field
            self.expected = expected
            self.actual = actual
        }
    }

    public static let sessionFields = ["status", "type", "direction", "mobile", "userId", "nickName", "avatar", "onHold", "muted", "closeBy", "dtmf"] + chatFields

    /// Checks the state; empty when everything held.
    public func check(_ state: WorkstationState) -> [Mismatch] {
        var out: [Mismatch] = []
        func compare(_ field: String, _ expected: String?, _ actual: String?) {
            guard let expected else { return }
            let actual = actual ?? "(none)"
            if expected != actual { out.append(Mismatch(field: field, expected: expected, actual: actual)) }
        }
        let session = state.selectedSession
        for (field, expected) in self.session {
            compare("session.\(field)", expected,
                    session.flatMap { Self.value(of: field, in: $0) ?? Self.chatValue(of: field, in: $0, state) } ?? (session == nil ? "(no session)" : nil))
        }
        compare("agent", agentStatus?.rawValue, state.agent.status.rawValue)
        compare("agent.reason", restReason, state.agent.restReason)
        if let tabs {
            compare("tabs", tabs.joined(separator: ", "), state.visiblePages.map(\.name).joined(separator: ", "))
        }
        if let page {
            let url = state.url(ofPage: page)
            compare("page[\(page)].url", pageURL, url ?? "(tab not visible)")
            if !pageParameters.isEmpty {
                let actual = url.map(HashCodec.parameters(of:)) ?? []
                for (key, expected) in pageParameters {
                    compare("page[\(page)].\(key)", expected, actual.first { $0.key == key }?.value)
                }
            }
        }
        compare("dialpad.number", dialpadNumber, state.dialpad.number)
        compare("dialpad.display", dialpadDisplay, state.dialpad.display)
        compare("lastRequest.outcome", lastRequestOutcome, state.dialpad.lastRequest?.verdict)
        compare("lastRequest.display", lastRequestDisplay, state.dialpad.lastRequest?.display)
        compare("queue", queueLength.map(String.init), String(state.queue.count))
        return out
    }

    static func value(of field: String, in s: Session) -> String? {
        switch field {
        case "status": String(s.status.rawValue)
        case "type": s.type.rawValue
        case "direction": s.direction.rawValue
        case "mobile": s.caller.mobile
        case "userId": s.caller.userId
        case "nickName": s.caller.nickName
        case "avatar": s.caller.avatar
        case "onHold": String(s.onHold)
        case "muted": String(s.muted)
        case "closeBy": s.closeBy?.rawValue
        case "dtmf": s.dtmfSent
        default: nil
        }
    }
}
