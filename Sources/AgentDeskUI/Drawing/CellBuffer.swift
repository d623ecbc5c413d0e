/// A grid of cells the panes draw into; the terminal backend presents it.
/// `write` is the sanitising sink: the only way text gets into a cell.
public struct CellBuffer: Sendable, Equatable {
    public private(set) var width: Int
    public private(set) var height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < width, y < height else { return .blank }
        return cells[y * width + x]
    }

    /// Writes untrusted text at (x, y) within `maxWidth` columns, cleaned by
    /// `TextSanitizer` and cut at a grapheme boundary with `…` when it does not fit.
    /// Returns the columns used.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, style: Style = .plain) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let budget = min(maxWidth ?? (width - x), width - max(0, x))
        guard budget > 0 else { return 0 }
        let clean = TextSanitizer.clean(text)
        var column = x
        let fits = DisplayWidth.of(clean) <= budget
        let limit = fits ? budget : budget - 1
        for cluster in clean {
            let w = DisplayWidth.of(cluster)
            if w == 0 { continue }
            if column - x + w > limit { break }
            put(TextSanitizer.standalone(cluster), width: w, x: column, y: y, style: style)
            column += w
        }
        if !fits {
            put("…", width: 1, x: column, y: y, style: style)
            column += 1
        }
        return column - x
    }

    /// Text wrapped over lines at grapheme boundaries, at most `maxLines`; the last
    /// line ends with `…` if text is left over. Returns the lines used.
    @discardableResult
    public mutating func writeWrapped(_ text: String, in rect: Rect, maxLines: Int? = nil, style: Style = .plain) -> Int {
        let lines = CellBuffer.wrap(TextSanitizer.clean(text), width: rect.width)
        let count = min(lines.count, maxLines ?? rect.height, rect.height)
        for index in 0..<count {
            var line = lines[index]
            // The last line carries the rest, so `write` cuts it with an ellipsis.
            if index == count - 1 && count < lines.count { line = lines[index...].joined() }
            write(line, x: rect.x, y: rect.y + index, maxWidth: rect.width, style: style)
        }
        return count
    }

    /// Splits text into lines of at most `width` columns at word and number
    /// boundaries (see `TextWrap`), never splitting a cluster.
    public static func wrap(_ text: String, width: Int) -> [String] {
        TextWrap.lines(text, width: width)
    }

    /// Blanks a region in a style. A wide character cut by the region's edge is
    /// blanked whole, so an overlay never leaves half a character behind.
    public mutating func fill(_ rect: Rect, style: Style) {
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) {
                clearCell(x, y, style: style)
            }
        }
    }

    public mutating func restyle(_ rect: Rect, _ change: (inout Style) -> Void) {
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) {
                change(&cells[y * width + x].style)
            }
        }
    }

    /// A single-line box with a title in its top edge.
    public mutating func box(_ rect: Rect, title: String? = nil, style: Style = .plain, titleStyle: Style = .bold) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let right = rect.maxX - 1, bottom = rect.maxY - 1
        for x in rect.x...right {
            put(x == rect.x ? "┌" : x == right ? "┐" : "─", width: 1, x: x, y: rect.y, style: style)
            put(x == rect.x ? "└" : x == right ? "┘" : "─", width: 1, x: x, y: bottom, style: style)
        }
        for y in (rect.y + 1)..<bottom {
            put("│", width: 1, x: rect.x, y: y, style: style)
            put("│", width: 1, x: right, y: y, style: style)
        }
        if let title, rect.width > 4 {
            write(" " + title + " ", x: rect.x + 1, y: rect.y, maxWidth: rect.width - 2, style: titleStyle)
        }
    }

    /// The rows as plain text, a wide cluster once (its continuation cell skipped),
    /// trailing spaces kept: what a person reads off the screen.
    public var lines: [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width {
                let cell = cells[y * width + x]
                if !cell.isContinuation { line += cell.text }
            }
            return line
        }
    }

    /// Places one sanitised cluster, keeping wide clusters whole: a cluster that a
    /// write cuts in half is replaced by spaces.
    private mutating func put(_ text: String, width w: Int, x: Int, y: Int, style: Style) {
        guard x >= 0, y >= 0, y < height, x + w <= width else {
            if x >= 0, x < width, y >= 0, y < height { clearCell(x, y, style: style) }
            return
        }
        for offset in 0..<w { breakWide(at: x + offset, y: y) }
        cells[y * width + x] = Cell(text, style: style)
        if w == 2 { cells[y * width + x + 1] = Cell("", style: style) }
    }

    private mutating func clearCell(_ x: Int, _ y: Int, style: Style) {
        breakWide(at: x, y: y)
        cells[y * width + x] = Cell(" ", style: style)
    }

    /// If (x, y) is half of a wide cluster, blank the other half.
    private mutating func breakWide(at x: Int, y: Int) {
        let index = y * width + x
        if cells[index].isContinuation, x > 0 {
            cells[index - 1] = Cell(" ", style: cells[index - 1].style)
            cells[index] = Cell(" ", style: cells[index].style)
        } else if x + 1 < width, cells[index + 1].isContinuation {
            cells[index + 1] = Cell(" ", style: cells[index + 1].style)
        }
    }
}
