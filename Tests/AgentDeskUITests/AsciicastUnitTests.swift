import AgentDeskCore
@testable import AgentDeskUI
import Testing

@Suite("Asciicast frames")
struct AsciicastUnitTests {
    @Test("a frame places every row, styles as SGR from a reset; a later frame sends only the rows that changed")
    func ansi() {
        var a = CellBuffer(width: 4, height: 2)
        a.write("王a", x: 0, y: 0, style: Style(foreground: .red, bold: true))
        a.write("\u{1B}[2J", x: 0, y: 1)
        let text = AnsiText.frame(a)
        #expect(text.contains("\u{1B}[1;1H\u{1B}[0;1;31m王a\u{1B}[0m"), "the wide character once, its continuation skipped")
        #expect(text.contains("\u{1B}[2;1H\u{1B}[0m␛[2J\u{1B}[0m"), "text from the sink: the escape shown, not sent: \(text.debugDescription)")
        var b = a
        b.write("b", x: 3, y: 1)
        let diff = AnsiText.frame(b, since: a)
        #expect(!diff.contains("\u{1B}[1;1H") && diff.contains("\u{1B}[2;1H"))
        #expect(AnsiText.frame(b, since: b).isEmpty)
    }

    @Test("a recording: deterministic, frames at events, idle gaps capped, pauses do not wait")
    func recording() throws {
        let scenario = try Scenario.parse("""
            name: t
            steps:
              - say: hello
                for: 2
              - at: 1
                call: {mobile: "1"}
              - pause: {}
              - at: 500
                answer: {}
            """, file: "t.yaml")
        let options = Asciicast.Options(width: 80, height: 24, language: .en, idleLimit: 1.5)
        let lines = Asciicast.record(scenario, options: options)
        #expect(lines == Asciicast.record(scenario, options: options))
        #expect(lines[0] == #"{"version":2,"width":80,"height":24,"title":"t","env":{"TERM":"xterm-256color"}}"#)
        let times = lines.dropFirst().compactMap { line in Double(line.dropFirst().prefix { $0 != "," }) }
        #expect(times == [0, 1, 2, 3.5], "at 0, the call at 1, the caption gone at 2, the answer at 500 (capped to 1.5 s later): \(times)")
        #expect(lines[1].contains("hello"))
    }

    @Test("hostile text in a caption or a caller's name reaches the recording as visible symbols, never as escapes")
    func hostile() throws {
        let yaml = "steps:\n  - say: \"\\e]0;pwned\\a\\e[2Jclass \\u202E\"\n  - call: {mobile: \"1\", nickName: \"\\e[31mred\\x9b6n\"}\n"
        let lines = Asciicast.record(try Scenario.parse(yaml, file: "h.yaml"), options: .init(width: 80, height: 24))
        for line in lines {
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}" })
        }
        let frames = lines.dropFirst().joined()
        // Only the writer's own sequences: cursor positions, SGR, clear and hide.
        #expect(!frames.contains(#"\u001b]"#) && !frames.contains(#"\u0007"#) && !frames.contains(#"\u009b"#))
        #expect(frames.contains("␛]0;pwned␇␛[2Jclass"), "\(frames)")
    }
}
