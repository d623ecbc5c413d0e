/// Makes untrusted text safe for a terminal. Used only by `CellBuffer.write`, the
/// one way text enters the screen, so no input path can forget it.
///
/// - C0 controls, DEL and C1 controls (which include the 8-bit CSI, U+009B) become
///   their visible Control Pictures (`␛`, `␡`) or `�`, so an escape sequence shows
///   as text and never reaches the terminal.
/// - Bidirectional overrides, embeddings and isolates (U+202A-202E, U+2066-2069)
///   and the bidi marks become a visible `�`: they would reorder what is shown.
/// - Other invisible format characters (zero-width space, joiners outside emoji,
///   BOM, soft hyphen…) are dropped.
/// - A combining mark with nothing to combine with is shown on a dotted circle,
///   and so is any cluster that would join the cell before it on a terminal.
public enum TextSanitizer {
    public static func clean(_ text: String) -> String {
        // Fast path: printable ASCII needs nothing.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        // And text of scalars that are each a whole, harmless cluster (CJK, kana,
        // Hangul, box drawing…: see DisplayWidth.ofPlainScalar) needs nothing either.
        if text.unicodeScalars.allSatisfy({ DisplayWidth.ofPlainScalar($0) > 0 }) { return text }
        var out = String.UnicodeScalarView()
        var previousWasEmoji = false
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            let v = scalar.value
            switch v {
            case 0x00...0x1F:
                out.append(Unicode.Scalar(0x2400 + v)!)
            case 0x7F:
                out.append("\u{2421}")
            case 0x80...0x9F:
                out.append("\u{FFFD}")
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C:
                out.append("\u{FFFD}")
            case 0x200D:
                // Keep a joiner only between two emoji (🧑‍🌾); elsewhere it is invisible.
                let nextIsEmoji = index + 1 < scalars.count && scalars[index + 1].properties.isEmoji
                if previousWasEmoji && nextIsEmoji { out.append(scalar) }
            case 0x2028, 0x2029:
                out.append(" ")
            default:
                if scalar.properties.generalCategory == .format {
                    continue
                }
                let category = scalar.properties.generalCategory
                let isMark = category == .nonspacingMark || category == .enclosingMark || category == .spacingMark
                if isMark && out.isEmpty && v != 0xFE0F {
                    out.append("\u{25CC}")
                }
                out.append(scalar)
            }
            if v != 0x200D && v != 0xFE0F {
                previousWasEmoji = scalar.properties.isEmoji && v > 0xFF
            }
        }
        return String(out)
    }

    /// The text to put in one cell for `cluster`: itself, unless a terminal would
    /// join it to whatever the previous cell holds (a leading mark, a Hangul vowel
    /// jamo…), in which case it stands on a dotted circle.
    public static func standalone(_ cluster: Character) -> String {
        let text = String(cluster)
        if cluster.isASCII { return text }
        return (" " + text).count == 2 ? text : "\u{25CC}" + text
    }
}
