/// Where text may break across lines: after a space or a URL separator, around a
/// wide (CJK) character; never inside a word or a number (a phone number stays on
/// one line), unless a single piece is wider than the line.
enum TextWrap {
    static let breaksAfter: Set<Character> = [" ", "&", "?", "/", "#", "=", ",", ";", ":", "·", "、", "，", "；", "："]

    /// Lines of at most `width` columns, broken between pieces; a piece wider than
    /// a line is split between clusters.
    static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        return printableASCIILines(text, width: width) ?? clusterLines(text, width: width)
    }

    /// `lines` for any text, cluster by cluster. Pieces run up to and including a
    /// break character; a wide cluster is a piece of its own. Lines are ranges of
    /// the text (a line is always contiguous), cut out once, not built a cluster at
    /// a time.
    static func clusterLines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var start = text.startIndex, end = text.startIndex, used = 0
        func emit() { lines.append(String(text[start..<end])) }
        var i = text.startIndex
        while i < text.endIndex {
            // The piece [i, j) and its width.
            var j = i, w = 0
            let first = DisplayWidth.of(text[i])
            if first > 1 {
                j = text.index(after: i)
                w = first
            } else {
                while j < text.endIndex {
                    let cluster = text[j]
                    let cw = DisplayWidth.of(cluster)
                    if cw > 1 { break }
                    j = text.index(after: j)
                    w += cw
                    if breaksAfter.contains(cluster) { break }
                }
            }
            // A space that would start the next line ends this one instead.
            if used + w > width, end > start, text[i] == " ", text.index(after: i) == j {
                emit()
                (start, end, used, i) = (j, j, 0, j)
                continue
            }
            if used + w > width, end > start, w <= width {
                emit()
                (start, end, used) = (i, i, 0)
            }
            var k = i
            while k < j {
                let cw = first > 1 ? first : DisplayWidth.of(text[k])
                if used + cw > width, end > start {
                    emit()
                    (start, used) = (k, 0)
                }
                k = text.index(after: k)
                end = k
                used += cw
            }
            i = j
        }
        if end > start || lines.isEmpty { emit() }
        return lines
    }

    /// `lines` for text of printable ASCII only (URLs, numbers, most names in en),
    /// which is what a frame wraps most: every byte is a cluster of width 1, so the
    /// same breaks are found on the bytes, without building a Character or a String
    /// per cluster (the screen-pop pane's URL was half of a frame's time). Nil for
    /// any other text.
    static func printableASCIILines(_ text: String, width: Int) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            for byte in bytes where byte < 0x20 || byte > 0x7E { return nil }
            func breaks(_ byte: UInt8) -> Bool {
                switch byte {
                case 0x20, 0x26, 0x3F, 0x2F, 0x23, 0x3D, 0x2C, 0x3B, 0x3A: true // space & ? / # = , ; :
                default: false
                }
            }
            var lines: [String] = []
            // The line being built is bytes[start..<end]: it is always contiguous.
            var start = 0, end = 0
            func emit() {
                lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
            }
            var i = 0
            while i < bytes.count {
                var j = i
                while j < bytes.count {
                    j += 1
                    if breaks(bytes[j - 1]) { break }
                }
                let w = j - i, used = end - start
                // A space that would start the next line ends this one instead.
                if w == 1, bytes[i] == 0x20, used + w > width, used > 0 {
                    emit()
                    (start, end, i) = (j, j, j)
                    continue
                }
                if used + w > width, end > start, w <= width {
                    emit()
                    (start, end) = (i, i)
                }
                for k in i..<j {
                    if end - start + 1 > width, end > start {
                        emit()
                        start = k
                    }
                    end = k + 1
                }
                i = j
            }
            if end > start || lines.isEmpty { emit() }
            return lines
        }
    }
}
