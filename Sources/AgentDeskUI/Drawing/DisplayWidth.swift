/// How many terminal columns a grapheme cluster takes: 2 for East Asian wide and
/// fullwidth characters and for emoji (a whole ZWJ sequence or flag counts once),
/// 0 for a cluster of nothing but zero-width marks, 1 otherwise.
public enum DisplayWidth {
    public static func of(_ cluster: Character) -> Int {
        let scalars = cluster.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if cluster.isASCII { return first.value < 0x20 || first.value == 0x7F ? 0 : 1 }
        if scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        if scalars.contains(where: { $0.properties.isEmojiPresentation }) { return 2 }
        if isZeroWidth(first) && scalars.allSatisfy(isZeroWidth) { return 0 }
        return isWide(first) ? 2 : 1
    }

    /// The width of a scalar known to be a whole cluster by itself in any text and
    /// to pass the sanitiser unchanged (printable ASCII, Latin, punctuation, box
    /// drawing, CJK, kana, Hangul syllables, most emoji); 0 for any other scalar, whose
    /// text must take the full path (grapheme clusters, the sanitiser). A test checks
    /// every scalar this accepts against that full path.
    @inline(__always)
    public static func ofPlainScalar(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x7F { return v >= 0x20 ? 1 : 0 }
        if v < 0x300 { return v >= 0xA0 && v != 0xAD ? 1 : 0 }
        if v >= 0x4E00 && v <= 0x9FFF { return 2 }
        if v >= 0xAC00 && v <= 0xD7A3 { return 2 }
        if v >= 0x3000 && v <= 0x30FF {
            // Ideographic punctuation, kana; not the combining marks among them.
            if (0x302A...0x302F).contains(v) || (0x3097...0x309A).contains(v) || v == 0x3040 || v == 0x303F { return 0 }
            return 2
        }
        if v >= 0x2190 && v <= 0x21FF { return 1 }
        if v >= 0x2500 && v <= 0x25FC { return 1 }
        if v >= 0x2010 && v <= 0x2027 { return 1 }
        if v >= 0x2030 && v <= 0x205E { return 1 }
        if v >= 0x2100 && v <= 0x2BFF { return isWide(s) || s.properties.isEmojiPresentation ? 2 : 1 }
        if v >= 0x3400 && v <= 0x4DBF { return 2 }
        if v >= 0xFF01 && v <= 0xFF60 { return 2 }
        if v >= 0xFFE0 && v <= 0xFFE6 { return 2 }
        if (v >= 0x1F300 && v <= 0x1F3FA) || (v >= 0x1F400 && v <= 0x1F64F) || (v >= 0x1F680 && v <= 0x1F6FF)
            || (v >= 0x1F900 && v <= 0x1F9FF) {
            return isWide(s) || s.properties.isEmojiPresentation ? 2 : 1
        }
        return 0
    }

    /// The ranges `ofPlainScalar` accepts, for the test that checks them.
    public static let plainScalarRanges: [ClosedRange<UInt32>] = [
        0x20...0x7E, 0xA0...0x2FF, 0x2010...0x2027, 0x2030...0x205E, 0x2100...0x2BFF, 0x3000...0x30FF,
        0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3, 0xFF01...0xFF60, 0xFFE0...0xFFE6,
        0x1F300...0x1F3FA, 0x1F400...0x1F64F, 0x1F680...0x1F6FF, 0x1F900...0x1F9FF,
    ]

    /// The columns a whole string takes.
    public static func of(_ text: String) -> Int {
        var total = 0
        for scalar in text.unicodeScalars {
            let w = ofPlainScalar(scalar)
            if w == 0 { return text.reduce(0) { $0 + of($1) } }
            total += w
        }
        return total
    }

    static func isZeroWidth(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return s.value == 0x200B || (0x1160...0x11FF).contains(s.value)
        }
    }

    /// East Asian Wide (W) and Fullwidth (F) ranges.
    static func isWide(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x1100 { return false }
        for range in wideRanges where range.contains(v) { return true }
        return false
    }

    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0, 0x23F3...0x23F3,
        0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F, 0x2693...0x2693, 0x26A1...0x26A1,
        0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA,
        0x26F2...0x26F3, 0x26F5...0x26F5, 0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B,
        0x2728...0x2728, 0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF, 0x1F004...0x1F004, 0x1F0CF...0x1F0CF,
        0x1F18E...0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F202, 0x1F210...0x1F23B, 0x1F240...0x1F248,
        0x1F250...0x1F251, 0x1F260...0x1F265, 0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB,
        0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}
