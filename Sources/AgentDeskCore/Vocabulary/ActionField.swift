/// One field an action takes, with its kind and limit: defined once, read the
/// same way from a scenario step, an API request and `agentdesk send`.
public struct ActionField: Sendable {
    public enum Kind: Sendable, Equatable {
        /// A session id (`s1`).
        case session
        /// Text of at most so many characters (an unquoted number stands for its digits).
        case text(maxLength: Int)
        /// DTMF tones: 0-9, * and #.
        case tones
        /// Dialpad keys: 0-9, *, # and +.
        case keys
        /// One of these words.
        case choice([String])
        /// Seconds within a range.
        case seconds(ClosedRange<Double>)
        /// Any JSON value (what a page posts).
        case json
    }

    public let name: String
    public let kind: Kind
    public let help: String
    /// Why it is needed, when it is.
    public let requiredBecause: String?

    public init(_ name: String, _ kind: Kind, help: String, required requiredBecause: String? = nil) {
        self.name = name
        self.kind = kind
        self.help = help
        self.requiredBecause = requiredBecause
    }

    /// Tones sent at a time; a real softphone's DTMF string is short.
    public static let maxTones = 32
    /// Keys typed on the dialpad at a time: as many as a dialable number has.
    public static let maxKeys = CallOutRequest.maxPhoneNumberLength
    public static let maxSessionIDLength = 32
    /// Largest JSON value a field takes (a page's message), as the API's body limit.
    public static let maxJSONBytes = 64 << 10
}

/// What an action's fields held, read and checked against their kinds.
public struct ActionValues: Sendable {
    public var texts: [String: String] = [:]
    public var numbers: [String: Double] = [:]
    public var json: [String: JSONValue] = [:]

    public init() {}

    public var session: SessionID? { texts["session"].map { SessionID($0) } }
}

/// A value that is well-formed but does not make sense for the action.
public struct ActionProblem: Error, Sendable, Equatable {
    /// The field at fault; nil for the action as a whole.
    public var field: String?
    public var message: String

    public init(field: String? = nil, _ message: String) {
        self.field = field
        self.message = message
    }
}
