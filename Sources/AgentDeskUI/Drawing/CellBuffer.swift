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
        // Printable ASCII, the commonest text (URLs, numbers, English): one byte, one cell.
        if let used = writeASCII(text, x: x, y: y, budget: budget, style: style) { return used }
        // Most other text is scalars that are each a whole cluster and need no
        // cleaning (CJK, kana, Hangul, box drawing): placed straight from the scalars.
        var total = 0, fitted = 0
        for scalar in text.unicodeScalars {
            let w = DisplayWidth.ofPlainScalar(scalar)
            if w == 0 { return writeClusters(text, x: x, y: y, budget: budget, style: style) }
            total += w
            if total <= budget - 1 { fitted = total }
        }
        let fits = total <= budget
        if fits { fitted = total }
        guard x >= 0 else { return writeScalars(text, x: x, y: y, limit: fits ? budget : budget - 1, fits: fits, style: style) }
        let end = x + fitted + (fits ? 0 : 1)
        guard end > x else { return 0 }
        let row = y * width
        // A wide cluster cut at either end of the run is blanked whole; inside, every cell is overwritten.
        breakWide(at: row + x, x: x)
        if end - 1 > x { breakWide(at: row + end - 1, x: end - 1) }
        cells.withUnsafeMutableBufferPointer { cells in
            var index = row + x
            let last = row + x + fitted
            for scalar in text.unicodeScalars {
                let w = DisplayWidth.ofPlainScalar(scalar)
                if index + w > last { break }
                cells[index] = Cell(content: scalar.value, style: style)
                if w == 2 { cells[index + 1] = Cell(content: 0, style: style) }
                index += w
            }
            if !fits { cells[index] = Cell(content: 0x2026, style: style) }
        }
        return end - x
    }

    /// Plain scalars one cell at a time, for a write that starts left of the screen.
    private mutating func writeScalars(_ text: String, x: Int, y: Int, limit: Int, fits: Bool, style: Style) -> Int {
        var column = x
        for scalar in text.unicodeScalars {
            let w = DisplayWidth.ofPlainScalar(scalar)
            if column - x + w > limit { break }
            put(Cell(content: scalar.value, style: style), width: w, x: column, y: y)
            column += w
        }
        if !fits {
            put(Cell(content: 0x2026, style: style), width: 1, x: column, y: y)
            column += 1
        }
        return column - x
    }

    /// Places printable ASCII text a byte a cell; nil (nothing written) when the
    /// text is not all printable ASCII or its storage is not contiguous.
    private mutating func writeASCII(_ text: String, x: Int, y: Int, budget: Int, style: Style) -> Int? {
        let width = self.width
        return text.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            for byte in bytes where byte < 0x20 || byte > 0x7E { return nil }
            let fits = bytes.count <= budget
            let count = fits ? bytes.count : budget - 1
            let start = max(0, x)
            // Cells left of the screen are skipped (as `put` does), the rest written in a run.
            let skipped = start - x
            let end = x + count + (fits ? 0 : 1)
            guard end > start else { return count + (fits ? 0 : 1) }
            let row = y * width
            // A wide cluster cut at either end of the run is blanked whole.
            breakWide(at: row + start, x: start)
            if end - 1 > start { breakWide(at: row + end - 1, x: end - 1) }
            cells.withUnsafeMutableBufferPointer { cells in
                var index = row + start
                for offset in min(skipped, count)..<count {
                    cells[index] = Cell(content: UInt32(bytes[offset]), style: style)
                    index += 1
                }
                if !fits, count >= skipped { cells[index] = Cell(content: 0x2026, style: style) }
            }
            return end - x
        } ?? nil
    }

    /// The full path: sanitise, split into grapheme clusters, measure each.
    private mutating func writeClusters(_ text: String, x: Int, y: Int, budget: Int, style: Style) -> Int {
        let clean = TextSanitizer.clean(text)
        var column = x
        let fits = DisplayWidth.of(clean) <= budget
        let limit = fits ? budget : budget - 1
        for cluster in clean {
            let w = DisplayWidth.of(cluster)
            if w == 0 { continue }
            if column - x + w > limit { break }
            put(Cell(TextSanitizer.standalone(cluster), style: style), width: w, x: column, y: y)
            column += w
        }
        if !fits {
            put(Cell(content: 0x2026, style: style), width: 1, x: column, y: y)
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

    /// Blanks every cell, keeping the size: a new frame without a new allocation.
    public mutating func clear() {
        let blank = Cell.blank
        cells.withUnsafeMutableBufferPointer { $0.update(repeating: blank) }
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
        func line(_ scalar: Unicode.Scalar) -> Cell { Cell(content: scalar.value, style: style) }
        if rect.x >= 0, rect.y >= 0, rect.maxX <= width, rect.maxY <= height {
            // Wholly on screen (every pane's box): the edges in runs. Only the cells at
            // the four sides can cut a wide cluster outside the box in half.
            for y in rect.y...bottom {
                breakWide(at: y * width + rect.x, x: rect.x)
                breakWide(at: y * width + right, x: right)
            }
            for x in rect.x...right {
                breakWide(at: rect.y * width + x, x: x)
                breakWide(at: bottom * width + x, x: x)
            }
            let (horizontal, vertical) = (line("─"), line("│"))
            let (topLeft, topRight, bottomLeft, bottomRight) = (line("┌"), line("┐"), line("└"), line("┘"))
            let width = self.width
            cells.withUnsafeMutableBufferPointer { cells in
                let top = rect.y * width, base = bottom * width
                cells[top + rect.x] = topLeft
                cells[top + right] = topRight
                cells[base + rect.x] = bottomLeft
                cells[base + right] = bottomRight
                for x in (rect.x + 1)..<right {
                    cells[top + x] = horizontal
                    cells[base + x] = horizontal
                }
                for y in (rect.y + 1)..<bottom {
                    cells[y * width + rect.x] = vertical
                    cells[y * width + right] = vertical
                }
            }
        } else {
            // Partly off screen: cell by cell, `put` skipping what falls outside.
            for x in rect.x...right {
                put(line(x == rect.x ? "┌" : x == right ? "┐" : "─"), width: 1, x: x, y: rect.y)
                put(line(x == rect.x ? "└" : x == right ? "┘" : "─"), width: 1, x: x, y: bottom)
            }
            for y in (rect.y + 1)..<bottom {
                put(line("│"), width: 1, x: rect.x, y: y)
                put(line("│"), width: 1, x: right, y: y)
            }
        }
        if let title, rect.width > 4 {
            write(" " + title + " ", x: rect.x + 1, y: rect.y, maxWidth: rect.width - 2, style: titleStyle)
        }
    }

    /// The rows as plain text, a wide cluster once (its continuation cell skipped),
    /// trailing spaces kept: what a person reads off the screen.
    public var lines: [String] {
        (0..<height).map { y in
            var line = String.UnicodeScalarView()
            for x in 0..<width {
                let cell = cells[y * width + x]
                if let scalar = cell.scalar {
                    line.append(scalar)
                } else if !cell.isContinuation {
                    line.append(contentsOf: cell.text.unicodeScalars)
                }
            }
            return String(line)
        }
    }

    /// Places one sanitised cluster, keeping wide clusters whole: a cluster that a
    /// write cuts in half is replaced by spaces.
    @inline(__always)
    private mutating func put(_ cell: Cell, width w: Int, x: Int, y: Int) {
        guard x >= 0, y >= 0, y < height, x + w <= width else {
            if x >= 0, x < width, y >= 0, y < height { clearCell(x, y, style: cell.style) }
            return
        }
        let index = y * width + x
        breakWide(at: index, x: x)
        if w == 2 { breakWide(at: index + 1, x: x + 1) }
        cells[index] = cell
        if w == 2 { cells[index + 1] = Cell(content: 0, style: cell.style) }
    }

    private mutating func clearCell(_ x: Int, _ y: Int, style: Style) {
        let index = y * width + x
        breakWide(at: index, x: x)
        cells[index] = Cell(content: 0x20, style: style)
    }

    /// If the cell at `index` (column x) is half of a wide cluster, blank the other half.
    @inline(__always)
    private mutating func breakWide(at index: Int, x: Int) {
        if cells[index].isContinuation {
            if x > 0 { cells[index - 1].content = 0x20 }
            cells[index].content = 0x20
        } else if x + 1 < width, cells[index + 1].isContinuation {
            cells[index + 1].content = 0x20
        }
    }
}
