@testable import AgentDeskUI
import Testing

/// Wrapping printable ASCII on its bytes breaks exactly where wrapping cluster by
/// cluster does: the fast path is only faster.
@Suite("Text wrap: the ASCII path and the cluster path agree")
struct TextWrapTests {
    @Test("table: URLs, numbers, spaces at the break, a piece wider than the line, empty text")
    func table() {
        let cases: [(String, Int, [String])] = [
            ("", 5, [""]),
            ("abc", 5, ["abc"]),
            ("13800138000", 4, ["1380", "0138", "000"]),
            ("hello world", 6, ["hello ", "world"]),
            // A word as wide as the line: its space ends the line, it does not make one.
            ("hello world", 5, ["hello", "world"]),
            ("hello  world", 6, ["hello ", "world"]),
            ("https://a.example/p?x=1&y=2", 10, ["https://", "a.example/", "p?x=1&y=2"]),
            ("a b", 1, ["a", "b"]),
            ("a b", 2, ["a ", "b"]),
        ]
        for (text, width, expected) in cases {
            #expect(TextWrap.printableASCIILines(text, width: width) == expected, "\(text) at \(width)")
            #expect(TextWrap.clusterLines(text, width: width) == expected, "\(text) at \(width)")
        }
        #expect(TextWrap.printableASCIILines("刘先生", width: 4) == nil)
        #expect(TextWrap.printableASCIILines("a\tb", width: 4) == nil)
        #expect(TextWrap.lines("abc", width: 0) == [])
        #expect(TextWrap.lines("刘先生 ok", width: 6) == ["刘先生", "ok"])
        #expect(TextWrap.lines("ok 刘先生 ok", width: 2) == ["ok", "刘", "先", "生", "ok"])
    }

    @Test("10,000 random ASCII texts of URL-ish characters at every width up to 30")
    func random() {
        expectAgreement(seed: 12, alphabet: "ab1 &?/#=,;:.-_  ".map(String.init), texts: 10_000, maxUnits: 60, maxWidth: 30,
                        TextWrap.printableASCIILines)
    }

    @Test("20,000 random texts of CJK, emoji, combining marks, zero-width and URL characters agree with the reference wrap")
    func randomClusters() {
        let alphabet: [String] = ["a", "1", " ", "/", "?", "&", "刘", "先", "，", "：", "、", "·", "😀", "👩‍💻", "e\u{301}", "\u{301}",
                                  "\u{200B}", "🇨🇳", "ｗ", "x"]
        expectAgreement(seed: 7, alphabet: alphabet, texts: 20_000, maxUnits: 40, maxWidth: 12, TextWrap.lines)
    }

    @Test("20,000 random texts of scalars that are clusters by themselves wrap on the scalars as the reference does")
    func randomPlainScalars() {
        let alphabet: [String] = ["a", "1", " ", "/", "?", "&", "=", "刘", "先", "，", "：", "；", "、", "·", "😀", "🚀", "é", "한",
                                  "カ", "ｗ", "—", "…", "●", "→", "—", "〔", "x", "\u{3000}"]
        expectAgreement(seed: 21, alphabet: alphabet, texts: 20_000, maxUnits: 40, maxWidth: 12, TextWrap.plainScalarLines)
    }

    /// `texts` random texts of fewer than `maxUnits` pieces of `alphabet`, at widths
    /// 1...`maxWidth`: `path` wraps each exactly as the reference does (the first
    /// difference is reported and ends the test).
    private func expectAgreement(seed: UInt64, alphabet: [String], texts: Int, maxUnits: UInt64, maxWidth: UInt64,
                                 _ path: (String, Int) -> [String]?) {
        var generator = SplitMix(seed: seed)
        for _ in 0..<texts {
            let count = Int(generator.next() % maxUnits)
            let text = (0..<count).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined()
            let width = Int(generator.next() % maxWidth) + 1
            let wrapped = path(text, width), reference = Reference.lines(text, width: width)
            #expect(wrapped == reference, "\(text.debugDescription) at \(width)")
            if wrapped != reference { return }
        }
    }

    @Test("Text with a scalar that joins others (a combining mark, a joiner, a flag, a variation selector, a control) takes the cluster path")
    func plainScalarsRefuse() {
        for text in ["e\u{301}", "👩\u{200D}💻", "🇨🇳", "☺\u{FE0F}", "a\tb", "a\u{200B}b", "👍\u{1F3FD}", "\u{1100}\u{1161}"] {
            #expect(TextWrap.plainScalarLines("刘" + text, width: 4) == nil, "\(text.debugDescription)")
            #expect(TextWrap.lines("刘" + text, width: 4) == Reference.lines("刘" + text, width: 4), "\(text.debugDescription)")
        }
        // Every break character is one scalar, and the scalar test agrees with the set.
        for character in TextWrap.breaksAfter {
            #expect(character.unicodeScalars.count == 1 && TextWrap.breaks(character.unicodeScalars.first!), "\(character)")
        }
        #expect(!TextWrap.breaks("a") && !TextWrap.breaks("刘") && !TextWrap.breaks("."))
    }

    /// The wrap as it was first written (pieces as Strings, lines built a cluster at
    /// a time): slow and plainly right, the oracle for the faster paths.
    enum Reference {
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
                if wide || TextWrap.breaksAfter.contains(cluster) {
                    pieces.append(current)
                    current = ""
                }
            }
            if !current.isEmpty { pieces.append(current) }
            return pieces
        }

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
                    // A space that would start the next line ends this one instead.
                    if cluster == " " { return }
                }
                line.append(cluster)
                used += w
            }
            for piece in pieces(of: text) {
                let w = DisplayWidth.of(piece)
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
}
