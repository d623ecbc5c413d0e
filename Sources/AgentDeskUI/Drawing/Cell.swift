/// One terminal cell: a grapheme cluster and its style. A wide cluster occupies
/// its cell and the next, which holds a continuation (empty text).
public struct Cell: Sendable, Equatable {
    public var text: String
    public var style: Style

    public init(_ text: String = " ", style: Style = .plain) {
        self.text = text
        self.style = style
    }

    public static let blank = Cell()
    static let continuation = Cell("")

    public var isContinuation: Bool { text.isEmpty }
}
