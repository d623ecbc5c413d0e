/// What became of a message a page posted.
public enum CallOutOutcome: Sendable, Equatable {
    /// A well-formed call-out: the dialpad takes the number and display text.
    /// `notes` say what was tolerated (a non-text `desc`, unknown fields).
    case accepted(CallOutRequest, notes: [String])
    /// A `ccc-sdk` call-out that cannot be honoured: why, and what was sent.
    case refused(reason: String, phoneNumber: String?, desc: String?)
    /// A `ccc-sdk` message whose event is not `callOut`.
    case unsupported(event: String)
    /// Not a `ccc-sdk` message at all; pages and browser extensions post many such.
    case ignored(reason: String)

    public var isAccepted: Bool {
        if case .accepted = self { return true }
        return false
    }

    public var request: CallOutRequest? {
        if case let .accepted(request, _) = self { return request }
        return nil
    }

    /// The number as sent, when it was text.
    public var phoneNumber: String? {
        switch self {
        case let .accepted(request, _): request.phoneNumber
        case let .refused(_, phoneNumber, _): phoneNumber
        default: nil
        }
    }

    public var desc: String? {
        switch self {
        case let .accepted(request, _): request.desc
        case let .refused(_, _, desc): desc
        default: nil
        }
    }

    public var display: String? { request?.display }

    /// Why it was not accepted (nil when accepted).
    public var error: String? {
        switch self {
        case .accepted: nil
        case let .refused(reason, _, _): reason
        case let .unsupported(event): "unsupported event \"\(event)\"; the workstation handles callOut only"
        case let .ignored(reason): "ignored: \(reason)"
        }
    }

    /// One word for the outcome: accepted, refused, unsupported, ignored.
    public var verdict: String {
        switch self {
        case .accepted: "accepted"
        case .refused: "refused"
        case .unsupported: "unsupported"
        case .ignored: "ignored"
        }
    }
}
