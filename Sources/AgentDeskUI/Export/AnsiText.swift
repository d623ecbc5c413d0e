/// A cell buffer as ANSI text for a terminal that is not this one (an asciicast
/// player): each row placed by cursor position, styles as SGR sequences. The text
/// comes from cells, so it went through the sanitising sink already.
public enum AnsiText {
    static let escape = "\u{1B}["

    /// The whole screen: every row, from its first column, then the style reset.
    /// With `previous` (of the same size), only the rows that differ from it.
    public static func frame(_ buffer: CellBuffer, since previous: CellBuffer? = nil) -> String {
        var out = ""
        out.reserveCapacity(buffer.width * buffer.height + 64)
        let comparable = previous.map { $0.width == buffer.width && $0.height == buffer.height } ?? false
        for y in 0..<buffer.height {
            if comparable, let previous, (0..<buffer.width).allSatisfy({ buffer[$0, y] == previous[$0, y] }) { continue }
            out += escape + "\(y + 1);1H"
            var current: Style? = nil
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                if cell.isContinuation { continue }
                if cell.style != current {
                    out += sgr(cell.style)
                    current = cell.style
                }
                out += cell.text
            }
            out += escape + "0m"
        }
        return out
    }

    /// Select Graphic Rendition for a style, from a reset, so nothing carries over.
    static func sgr(_ style: Style) -> String {
        var codes = ["0"]
        if style.bold { codes.append("1") }
        if style.dim { codes.append("2") }
        if style.underline { codes.append("4") }
        if style.reverse { codes.append("7") }
        if style.foreground != .default { codes.append(String(29 + Int(style.foreground.rawValue))) }
        if style.background != .default { codes.append(String(39 + Int(style.background.rawValue))) }
        return escape + codes.joined(separator: ";") + "m"
    }
}
