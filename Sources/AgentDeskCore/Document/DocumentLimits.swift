/// The bounds every document is read within, whatever reads it (`check`, `run`,
/// the terminal's playback, the API): hostile files end in a located error, never
/// in a crash, a hang or a blow-up. One place, so the readers cannot drift apart.
public struct DocumentLimits: Sendable, Equatable {
    /// Largest file read at all (configurations and scenarios alike).
    public var maxBytes = 64 << 20
    /// Deepest nesting of lists and mappings, aliases' contents included. A
    /// scenario needs about 8; a page message a little more.
    public var maxDepth = 64
    /// Values that aliases may add to a document, in all (a "billion laughs" file
    /// asks for 10^9).
    public var maxAliasNodes = 100_000
    /// Values composed at once: the document outside its streamed list, or one item
    /// of that list (one scenario step).
    public var maxNodesPerValue = 200_000
    /// Errors reported before reading stops: enough to fix a file in one go.
    public var maxErrors = 100

    public init() {}

    public static let standard = DocumentLimits()
}
