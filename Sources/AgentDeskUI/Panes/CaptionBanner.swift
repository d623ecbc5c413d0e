/// A scenario's caption (`say`), for a class reading from the back of the room:
/// bold, in reverse video across the whole width, wrapped and never cut.
enum CaptionBanner {
    static let style = Style(foreground: .yellow, bold: true, reverse: true)

    /// The caption's lines at a terminal width: one column of margin each side.
    static func lines(_ text: String, width: Int) -> [String] {
        CellBuffer.wrap(TextSanitizer.clean(text), width: max(1, width - 2))
    }

    static func render(_ text: String, in rect: Rect, into buffer: inout CellBuffer) {
        buffer.fill(rect, style: style)
        buffer.writeWrapped(text, in: Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: rect.height), style: style)
    }
}
