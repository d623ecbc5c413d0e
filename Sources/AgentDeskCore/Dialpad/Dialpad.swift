/// The dialpad: the number being entered, the text shown for it, and the last
/// call-out request a page made.
public struct Dialpad: Sendable, Equatable {
    public internal(set) var number: String = ""
    /// The `desc` of the call-out request that filled the number; dropped as soon as
    /// the agent edits the number, since it no longer names it.
    public internal(set) var desc: String?
    /// What became of the last message a page posted.
    public internal(set) var lastRequest: CallOutOutcome?

    public init() {}

    /// What the dialpad shows: the request's `desc` when present, otherwise the number.
    public var display: String {
        if let desc, !CallOutRequest.isInvisible(desc) { return desc }
        return number
    }

    /// The keys of the keypad, in the order of its grid.
    public static let keypad: [Character] = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"]

    public static func isDTMFTone(_ key: Character) -> Bool {
        key.isASCII && (key.isNumber || key == "*" || key == "#")
    }
}

/// A press on the dialpad.
public enum DialpadKey: Sendable, Equatable {
    /// A digit, `*`, `#` or `+`.
    case press(Character)
    case backspace
    case clear
}
