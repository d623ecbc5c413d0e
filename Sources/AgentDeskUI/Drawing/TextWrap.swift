/// Where text may break across lines: after a space or a URL separator, around a
/// wide (CJK) character; never inside a word or a number (a phone number stays on
/// one line), unless a single piece is wider than the line.
enum TextWrap {
    static let breaksAfter: Set<Character> = [" ", "&", "?", "/", "#", "=", ",", ";", ":", "·", "、", "，", "；", "："]

    /// Lines of at most `width` columns, broken between pieces; a piece wider than
    /// a line is split between clusters.
    static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        return printableASCIILines(text, width: width) ?? plainScalarLines(text, width: width) ?? clusterLines(text, width: width)
    }

    /// `lines` for any text, cluster by cluster.
    static func clusterLines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        wrap(text, width: width, widthOf: DisplayWidth.of, breaksAfter: breaksAfter.contains, isSpace: { $0 == " " }) {
            lines.append(String(text[$0]))
        }
        return lines
    }

    /// `lines` for text whose every scalar is a cluster of its own in any text
    /// (`DisplayWidth.ofPlainScalar`: CJK, kana, Hangul syllables, Latin, most
    /// punctuation and emoji), on the scalars: no grapheme breaking. Nil for any other
    /// text (combining marks, joiners, flags, variation selectors, controls).
    static func plainScalarLines(_ text: String, width: Int) -> [String]? {
        guard width > 0 else { return [] }
        let scalars = text.unicodeScalars
        for scalar in scalars where DisplayWidth.ofPlainScalar(scalar) == 0 { return nil }
        var lines: [String] = []
        wrap(scalars, width: width, widthOf: DisplayWidth.ofPlainScalar, breaksAfter: breaks, isSpace: { $0 == " " }) {
            lines.append(String(scalars[$0]))
        }
        return lines
    }

    /// `breaksAfter` as scalars (each of its characters is one).
    @inline(__always)
    static func breaks(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x26, 0x3F, 0x2F, 0x23, 0x3D, 0x2C, 0x3B, 0x3A, 0xB7, 0x3001, 0xFF0C, 0xFF1B, 0xFF1A: true
        default: false
        }
    }

    /// `lines` for text of printable ASCII only (URLs, numbers, most names in en),
    /// which is what a frame wraps most: every byte is a cluster of width 1, so the
    /// breaks are found on the bytes (the screen-pop pane's URL was half of a frame's
    /// time when it was wrapped cluster by cluster). Nil for any other text.
    static func printableASCIILines(_ text: String, width: Int) -> [String]? {
        guard width > 0 else { return [] }
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            for byte in bytes where byte < 0x20 || byte > 0x7E { return nil }
            var lines: [String] = []
            wrap(bytes, width: width, widthOf: { _ in 1 }, breaksAfter: { breaks(Unicode.Scalar($0)) }, isSpace: { $0 == 0x20 }) {
                lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self))
            }
            return lines
        }
    }

    /// The wrap itself, on any units (bytes, scalars, clusters) that are each a
    /// cluster: pieces run up to and including a break unit; a wide unit is a piece of
    /// its own; a piece goes to the next line when it does not fit on this one (a
    /// space that would start the next line ends this one instead), and a piece wider
    /// than a line is split between units. Each line is a contiguous range of the
    /// units, handed to `emit` in order; empty text gives one empty line.
    @inline(__always)
    private static func wrap<Units: BidirectionalCollection>(
        _ units: Units, width: Int, widthOf: (Units.Element) -> Int, breaksAfter: (Units.Element) -> Bool,
        isSpace: (Units.Element) -> Bool, emit: (Range<Units.Index>) -> Void
    ) {
        var start = units.startIndex, end = units.startIndex, used = 0, emitted = false
        func line() {
            emit(start..<end)
            emitted = true
        }
        var i = units.startIndex
        while i < units.endIndex {
            // The piece [i, j) and its width.
            var j = i, w = 0
            let first = widthOf(units[i])
            if first > 1 {
                j = units.index(after: i)
                w = first
            } else {
                while j < units.endIndex {
                    let unit = units[j]
                    let uw = widthOf(unit)
                    if uw > 1 { break }
                    j = units.index(after: j)
                    w += uw
                    if breaksAfter(unit) { break }
                }
            }
            if used + w > width, end > start, isSpace(units[i]), units.index(after: i) == j {
                line()
                (start, end, used, i) = (j, j, 0, j)
                continue
            }
            if used + w > width, end > start, w <= width {
                line()
                (start, end, used) = (i, i, 0)
            }
            var k = i
            while k < j {
                let uw = first > 1 ? first : widthOf(units[k])
                if used + uw > width, end > start {
                    line()
                    // A space that would start the next line ends this one instead.
                    if isSpace(units[k]) {
                        k = units.index(after: k)
                        (start, end, used) = (k, k, 0)
                        continue
                    }
                    (start, used) = (k, 0)
                }
                k = units.index(after: k)
                end = k
                used += uw
            }
            i = j
        }
        if end > start || !emitted { line() }
    }
}
