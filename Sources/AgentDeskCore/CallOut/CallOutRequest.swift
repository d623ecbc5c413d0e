/// A page's accepted request to call a number (`payload.event == "callOut"`).
public struct CallOutRequest: Sendable, Equatable {
    /// The number to dial, with spaces and dashes removed.
    public let phoneNumber: String
    /// The text to show while calling, when the page gave one.
    public let desc: String?

    public init(phoneNumber: String, desc: String?) {
        self.phoneNumber = phoneNumber
        self.desc = desc
    }

    /// What the workstation shows: `desc` when it is non-empty, otherwise the number.
    public var display: String {
        if let desc, !CallOutRequest.isInvisible(desc) { return desc }
        return phoneNumber
    }

    /// Longest number accepted, after spaces and dashes are removed: E.164's 15
    /// digits plus room for a prefix and an extension dialled with `*` or `#`.
    public static let maxPhoneNumberLength = 32
    /// Longest `desc` accepted, in characters; longer is refused, never cut.
    public static let maxDescLength = 64
}
