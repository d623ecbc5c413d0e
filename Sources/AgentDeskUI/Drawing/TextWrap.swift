/// Where text may break across lines: after a space or a URL separator, around a
/// wide (CJK) character; never inside a word or a number (a phone number stays on
/// one line), unless a single piece is wider than the line.
enum TextWrap {
    static let breaksAfter: Set<Character> = [" ", "&", "?", "/", "#", "=", ",", ";", ":", "·", "、", "，", "；", "："]

    /// The pieces the text breaks into; joined, they are the text again.
    static func pieces(of text: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        for cluster in text {
            let wide = DisplayWidth.of(cluster) > 1
            if wide, !current.isEmpty {
                pieces.append(current)
                current = ""
            }
            current.append(cluster)
            if wide || breaksAfter.contains(cluster) {
                pieces.append(current)
                current = ""
            }
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    /// Lines of at most `width` columns, broken between pieces; a piece wider than
    /// a line is split between clusters.
    static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        var used = 0
        func add(_ cluster: Character, _ w: Int) {
            if used + w > width, !line.isEmpty {
                lines.append(line)
                line = ""
                used = 0
            }
            line.append(cluster)
            used += w
        }
        for piece in pieces(of: text) {
            let w = DisplayWidth.of(piece)
            // A space that would start the next line ends this one instead.
            if piece.allSatisfy({ $0 == " " }), used + w > width, !line.isEmpty {
                lines.append(line)
                line = ""
                used = 0
                continue
            }
            if used + w > width, !line.isEmpty, w <= width {
                lines.append(line)
                line = ""
                used = 0
            }
            for cluster in piece { add(cluster, DisplayWidth.of(cluster)) }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
