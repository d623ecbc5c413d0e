@testable import AgentDeskUI
import Testing

/// `CellBuffer.changes(since:)`: what every backend draws for a frame.
@Suite("The frame diff")
struct ChangesTests {
    /// A buffer of the given rows, written through the sink.
    static func frame(_ rows: [String], width: Int, style: Style = .plain) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: rows.count)
        for (y, row) in rows.enumerated() { buffer.write(row, x: 0, y: y, style: style) }
        return buffer
    }

    /// The changes as "x,y:text" for reading in a table.
    static func described(_ changes: [CellChange]) -> [String] {
        changes.map { "\($0.x),\($0.y):\($0.cell.text)" }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let before: [String]
        let after: [String]
        let width: Int
        let expected: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "an unchanged frame gives no changes", before: ["abc", "刘先生"], after: ["abc", "刘先生"], width: 6, expected: []),
        Case(name: "one changed letter", before: ["abc"], after: ["abd"], width: 3, expected: ["2,0:d"]),
        Case(name: "a wide character replaces two narrow ones: one change, at its own column",
             before: ["ab  "], after: ["刘  "], width: 4, expected: ["0,0:刘"]),
        Case(name: "two narrow characters replace a wide one: both drawn",
             before: ["刘  "], after: ["ab  "], width: 4, expected: ["0,0:a", "1,0:b"]),
        Case(name: "a wide character moved right by one: the cell it left is drawn",
             before: ["a刘 "], after: ["刘 x"], width: 4, expected: ["0,0:刘", "2,0: ", "3,0:x"]),
        Case(name: "a wide character replaced by another wide one", before: ["刘先"], after: ["刘生"], width: 4, expected: ["2,0:生"]),
        Case(name: "a cluster of several scalars", before: ["e "], after: ["e\u{301} "], width: 2, expected: ["0,0:e\u{301}"]),
        Case(name: "an emoji sequence", before: ["    "], after: ["🧑‍🌾  "], width: 4, expected: ["0,0:🧑‍🌾"]),
    ]

    @Test(arguments: cases)
    func table(_ c: Case) {
        let before = Self.frame(c.before, width: c.width)
        let after = Self.frame(c.after, width: c.width)
        #expect(Self.described(after.changes(since: before)) == c.expected)
    }

    @Test("a style change alone is a change")
    func style() {
        let before = Self.frame(["ok"], width: 2)
        let after = Self.frame(["ok"], width: 2, style: .bold)
        #expect(Self.described(after.changes(since: before)) == ["0,0:o", "1,0:k"])
    }

    @Test("after a resize (or with no previous frame) every cell is drawn, a wide one once")
    func resize() {
        let small = Self.frame(["ab"], width: 2)
        let large = Self.frame(["ab刘", "  x "], width: 4)
        let all = ["0,0:a", "1,0:b", "2,0:刘", "0,1: ", "1,1: ", "2,1:x", "3,1: "]
        #expect(Self.described(large.changes(since: small)) == all)
        #expect(Self.described(large.changes(since: nil)) == all)
        #expect(Self.described(small.changes(since: large)) == ["0,0:a", "1,0:b"])
    }

    @Test("applying the changes to the previous frame gives the new frame, for every pair of screens")
    func applying() {
        var m = AppModel(config: .demo, language: .zh)
        var screens: [CellBuffer] = []
        for key in ["i", "a", "s", "\t", "h", "d", "1", "?"] {
            _ = m.handle(.key(key == "\t" ? .tab : .char(Character(key))))
            var buffer = CellBuffer(width: 80, height: 24)
            Screen.render(m, into: &buffer)
            screens.append(buffer)
        }
        for old in screens {
            for new in screens {
                var shown = old
                for change in new.changes(since: old) {
                    let width = change.cell.isContinuation ? 1 : DisplayWidth.of(change.cell.text)
                    shown.write(change.cell.text, x: change.x, y: change.y, maxWidth: width, style: change.cell.style)
                }
                #expect(shown.lines == new.lines)
            }
        }
    }
}

@Suite("Cells are plain data")
struct CellTests {
    @Test("a cell of one scalar or of several keeps its text")
    func text() {
        for text in ["a", "刘", "…", "e\u{301}", "🧑‍🌾", "\u{25CC}\u{301}", ""] {
            #expect(Cell(text).text == text)
            #expect(Cell(text) == Cell(text))
        }
        #expect(Cell("a") != Cell("b"))
        #expect(Cell("e\u{301}") != Cell("e"))
        #expect(Cell("").isContinuation)
        #expect(Cell("刘").scalar == "刘")
        #expect(Cell("🧑‍🌾").scalar == nil)
        #expect(MemoryLayout<Cell>.stride == 8)
    }

    @Test("the table of clusters is bounded: past its limit a new cluster has no number (the cell shows �)")
    func clusterTableBounded() {
        let table = Cell.ClusterTable(limit: 3)
        let clusters = ["e\u{301}", "a\u{308}", "🧑‍🌾", "o\u{302}"]
        let numbers = clusters.map(table.number(of:))
        #expect(numbers == [0, 1, 2, nil])
        #expect(table.number(of: "a\u{308}") == 1, "a known cluster keeps its number when the table is full")
        #expect(table.text(of: 2) == "🧑‍🌾")
        #expect(table.text(of: 99) == "\u{FFFD}")
    }

    /// Every scalar the fast path of `CellBuffer.write` takes must come out exactly
    /// as the full path (sanitiser, grapheme clusters, widths) would put it.
    @Test("the plain-scalar fast path agrees with the full path on every scalar it takes")
    func plainScalars() {
        var checked = 0
        for range in DisplayWidth.plainScalarRanges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let w = DisplayWidth.ofPlainScalar(scalar)
                guard w > 0 else { continue }
                let text = String(Character(scalar))
                #expect(w == DisplayWidth.of(Character(scalar)), "width of U+\(String(value, radix: 16))")
                #expect(TextSanitizer.clean(text) == text, "U+\(String(value, radix: 16)) is cleaned")
                #expect(TextSanitizer.standalone(Character(scalar)) == text, "U+\(String(value, radix: 16)) joins")
                // A cluster by itself whatever stands beside it.
                #expect((text + text).count == 2 && ("a" + text + "a").count == 3 && ("刘" + text + "가").count == 3,
                        "U+\(String(value, radix: 16)) joins a neighbour")
                checked += 1
            }
        }
        #expect(checked > 40_000, "\(checked) scalars checked")
        // And outside the ranges it takes nothing.
        for value: UInt32 in [0x0, 0x1B, 0x7F, 0x9B, 0xAD, 0x301, 0x200B, 0x200D, 0x202E, 0x2066, 0x3099, 0x1160, 0xFE0F, 0x1F3FB, 0x1F1E6] {
            #expect(DisplayWidth.ofPlainScalar(Unicode.Scalar(value)!) == 0, "U+\(String(value, radix: 16))")
        }
    }

    @Test("a write cutting a wide character at either end blanks its other half, on every path")
    func cutsAtEdges() {
        let cases: [(text: String, expected: String)] = [("ab", " ab 中中"), ("刘先", " 刘先 中"), ("a\u{200B}b", " ab 中中")]
        for (text, expected) in cases {
            var buffer = CellBuffer(width: 8, height: 1)
            buffer.write("中中中中", x: 0, y: 0)
            buffer.write(text, x: 1, y: 0)
            #expect(buffer.lines == [expected], "\(text.debugDescription)")
            #expect(buffer.cells.enumerated().allSatisfy { index, cell in
                !cell.isContinuation || (index > 0 && DisplayWidth.of(buffer.cells[index - 1].text) == 2)
            }, "no continuation without its wide cell: \(text.debugDescription)")
        }
    }

    @Test("a write that starts left of the screen or runs past its edge")
    func offScreen() {
        for text in ["abc", "刘先生", "a刘b", "e\u{301}刘"] {
            for x in [-3, -2, -1, 3, 4, 5] {
                var fast = CellBuffer(width: 6, height: 1)
                var full = CellBuffer(width: 6, height: 1)
                fast.write("中中中", x: 0, y: 0)
                full.write("中中中", x: 0, y: 0)
                let used = fast.write(text, x: x, y: 0)
                #expect(used == full.write("\u{200B}" + text, x: x, y: 0), "\(text) at \(x)")
                #expect(fast == full, "\(text) at \(x): \(fast.lines) vs \(full.lines)")
            }
        }
    }

    @Test("text through the fast path and the full path gives the same cells")
    func samePaths() {
        for text in ["刘先生 18888888888", "https://crm.example.com/customer#?mobile=1", "━─│┌ ⇄ ● ✔ ✘ → …", "안녕하세요 ｶﾀｶﾅ", "mixed e\u{301} 刘"] {
            for width in [3, 7, 12, 40] {
                var fast = CellBuffer(width: width, height: 1)
                fast.write(text, x: 0, y: 0)
                // A leading zero-width joiner is dropped by the sanitiser and sends the text down the full path.
                var full = CellBuffer(width: width, height: 1)
                full.write("\u{200B}" + text, x: 0, y: 0)
                #expect(fast == full, "\(text) in \(width)")
            }
        }
    }
}
