import AgentDeskCore
@testable import AgentDeskUI
import Testing

/// Scalars that must never reach a terminal cell.
func isForbidden(_ s: Unicode.Scalar) -> Bool {
    let v = s.value
    return v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v)
        || (0x2066...0x2069).contains(v) || v == 0x200B || v == 0x200E || v == 0x200F || v == 0xFEFF
}

@Suite("The sanitising sink")
struct SinkTests {
    static let hostile = [
        "\u{1b}[2J清屏", "\u{1b}]0;pwned\u{7}标题", "\u{9b}31m红", "\u{202E}evil.exe\u{202C}", "nul\u{0}byte",
        "del\u{7F}", "zero\u{200B}width", "\u{2066}isolate\u{2069}", "bom\u{FEFF}", "tab\tand\nnewline",
    ]

    @Test("hostile caller names render as harmless visible text", arguments: hostile)
    func callerName(_ name: String) {
        var m = AppModel(config: .demo, language: .en)
        m.send(.callIn(IncomingCall(type: .phone, caller: Caller(mobile: name, userId: name, nickName: name, avatar: name))))
        var buffer = CellBuffer(width: 120, height: 40)
        Screen.render(m, into: &buffer)
        for cell in buffer.cells {
            #expect(!cell.text.unicodeScalars.contains(where: isForbidden), "cell holds \(cell.text.debugDescription)")
        }
        expectAligned(buffer.lines, width: 120)
    }

    @Test("escape sequences show as visible pictures")
    func visible() {
        #expect(TextSanitizer.clean("\u{1b}[2J") == "␛[2J")
        #expect(TextSanitizer.clean("\u{1b}]0;x\u{7}") == "␛]0;x␇")
        #expect(TextSanitizer.clean("a\u{0}b") == "a␀b")
        #expect(TextSanitizer.clean("\u{9b}1m") == "\u{FFFD}1m")
        #expect(TextSanitizer.clean("\u{202E}abc") == "\u{FFFD}abc")
        #expect(TextSanitizer.clean("del\u{7F}") == "del␡")
        #expect(TextSanitizer.clean("a\u{200B}b\u{FEFF}") == "ab")
    }

    @Test("legitimate text is untouched: CJK, Hangul, combining marks, ZWJ emoji")
    func untouched() {
        for text in ["刘先生", "안녕하세요", "e\u{301}", "🧑‍🌾", "👍🏽", "🇨🇳", "Jean-Luc", "❤️"] {
            #expect(TextSanitizer.clean(text) == text)
        }
    }

    @Test("a write never leaves a control character in the buffer, whatever the input")
    func anyScalar() {
        var buffer = CellBuffer(width: 40, height: 2)
        for start in stride(from: 0, to: 0x3000, by: 0x40) {
            let text = String(String.UnicodeScalarView((start..<start + 0x40).compactMap { Unicode.Scalar(UInt32($0)) }))
            buffer.write(text, x: 0, y: 0)
            buffer.write(text, x: 3, y: 1, maxWidth: 20)
            for cell in buffer.cells {
                #expect(!cell.text.unicodeScalars.contains(where: isForbidden))
            }
            expectAligned(buffer.lines, width: 40)
        }
    }
}

@Suite("Display width and truncation")
struct WidthTests {
    @Test("columns per grapheme cluster", arguments: [
        ("刘先生", 6), ("안녕하세요", 10), ("e\u{301}", 1), ("🧑‍🌾", 2), ("abc", 3), ("🇨🇳", 2), ("👍🏽", 2),
        ("❤️", 2), ("ｶﾀｶﾅ", 4), ("ＡＢ", 4), ("…", 1),
    ])
    func widths(text: String, columns: Int) {
        #expect(DisplayWidth.of(text) == columns)
    }

    @Test("cut at the column budget with …, never inside a cluster")
    func truncation() {
        var buffer = CellBuffer(width: 10, height: 6)
        buffer.write("刘先生你好世界", x: 0, y: 0, maxWidth: 7)
        #expect(buffer.lines[0] == "刘先生…   ")
        buffer.write("e\u{301}e\u{301}e\u{301}e\u{301}", x: 0, y: 1, maxWidth: 3)
        #expect(buffer.lines[1] == "e\u{301}e\u{301}…       ")
        buffer.write("🧑‍🌾🧑‍🌾🧑‍🌾", x: 0, y: 2, maxWidth: 5)
        #expect(buffer.lines[2] == "🧑‍🌾🧑‍🌾…     ")
        buffer.write("안녕하세요", x: 0, y: 3, maxWidth: 10)
        #expect(buffer.lines[3] == "안녕하세요")
        buffer.write("ab", x: 0, y: 4, maxWidth: 2)
        #expect(buffer.lines[4] == "ab        ")
        for line in buffer.lines { #expect(DisplayWidth.of(line) == 10) }
    }

    @Test("overwriting half of a wide character blanks the other half")
    func overwriteHalf() {
        var buffer = CellBuffer(width: 6, height: 1)
        buffer.write("刘先生", x: 0, y: 0)
        buffer.write("x", x: 1, y: 0)
        #expect(buffer.lines[0] == " x先生")
        buffer.write("y", x: 2, y: 0)
        #expect(buffer.lines[0] == " xy 生")
    }

    @Test("a box drawn over wide characters keeps every edge whole and blanks the halves it cuts")
    func boxOverWide() {
        var buffer = CellBuffer(width: 8, height: 4)
        for y in 0..<4 { buffer.write("刘先生刘", x: 0, y: y) }
        // Edges at columns 1 and 5 cut 刘 (0-1) and 生 (4-5) in half on every row.
        buffer.box(Rect(x: 1, y: 0, width: 5, height: 4))
        #expect(buffer.lines == [" ┌───┐刘", " │先 │刘", " │先 │刘", " └───┘刘"])
        // Partly off screen (the cell-by-cell path): the edges that show, the inside untouched.
        var clipped = CellBuffer(width: 8, height: 4)
        for y in 0..<4 { clipped.write("刘先生刘", x: 0, y: y) }
        clipped.box(Rect(x: -1, y: 0, width: 7, height: 4))
        #expect(clipped.lines == ["─────┐刘", "刘先 │刘", "刘先 │刘", "─────┘刘"])
    }

    @Test("wrapping keeps clusters whole")
    func wrap() {
        // Wide characters break anywhere; a Latin word stays whole when it fits a line.
        #expect(CellBuffer.wrap("刘先生abc", width: 4) == ["刘先", "生", "abc"])
        // A piece longer than a line is split where it stands.
        #expect(CellBuffer.wrap("刘先生abcde", width: 4) == ["刘先", "生ab", "cde"])
        #expect(CellBuffer.wrap("a刘", width: 2) == ["a", "刘"])
    }
}

@Suite("Overlays over wide characters")
struct OverlayWidthTests {
    @Test("filling a region that cuts a wide character blanks it whole")
    func fillCutsWide() {
        var buffer = CellBuffer(width: 6, height: 1)
        buffer.write("刘先生", x: 0, y: 0)
        buffer.fill(Rect(x: 1, y: 0, width: 2, height: 1), style: .plain)
        #expect(buffer.lines[0] == "    生", "刘 (0-1) and 先 (2-3) are both cut, so both go")
        #expect(DisplayWidth.of(buffer.lines[0]) == 6)
    }
}
