import AgentDeskCore
@testable import AgentDeskUI
import Testing

/// Captions, pauses for the trainer and the results panel of `--stop-on-failure`,
/// as the class sees them.
@Suite("Narration in the workstation")
struct NarrationScreenTests {
    func clock(_ m: inout AppModel, _ seconds: Double) -> AppModel.Output {
        m.handle(.clock(seconds: seconds, wall: "12:00:00"))
    }

    static let narrated = """
        name: Training
        steps:
          - say: "A customer calls. Watch the call pane: the call rings and shows who is calling, and the pages open with the caller's number."
          - at: 1
            call: {mobile: "13800000000", nickName: 王女士}
          - at: 2
            pause: {}
          - answer: {}
          - say: 接通后，坐席可以保持、静音或转接。
            for: 3
          - at: 20
            hangup: {closeBy: client}
        """

    @Test("a caption shows whole (wrapped, bold) above the panes until the next say, and one with for goes away on time")
    func caption() throws {
        let scenario = try Scenario.parse(Self.narrated, file: "n.yaml")
        var m = AppModel(playing: scenario, speed: 1, language: .en)
        let first = clock(&m, 0.5)
        #expect(first.transcript.first?.contains(#""event":"say","step":1,"text":"A customer calls."#) == true)
        var lines = Screen.lines(m, width: 100, height: 30)
        expectAligned(lines, width: 100)
        #expect(lines[2].contains("A customer calls. Watch the call pane"))
        #expect(lines[3].contains("open with the caller's number."))
        var buffer = CellBuffer(width: 100, height: 30)
        Screen.render(m, into: &buffer)
        #expect(buffer[1, 2].style.bold && buffer[1, 2].style.reverse, "the banner is bold, in reverse video")
        Golden.check(lines, named: "caption_100x30_en")

        // At 60 columns, the same caption wraps over more lines; none is cut.
        let narrow = Screen.lines(m, width: 60, height: 20)
        expectAligned(narrow, width: 60)
        let banner = narrow[2...].prefix { !$0.contains("│") && !$0.contains("┌") }
        #expect(banner.count == 3, "\(narrow)")
        #expect(!banner.joined().contains("…"))
        #expect(banner.last?.contains("caller's number.") == true, "\(banner)")

        // The pause step: the clock stands still until the trainer presses space.
        _ = clock(&m, 2.5)
        #expect(m.playback?.paused == true && m.playback?.awaitingTrainer == true)
        #expect(Screen.lines(m, width: 100, height: 30)[1].contains("waiting for the trainer: space goes on"))
        _ = clock(&m, 60)
        #expect(m.playback?.position == 3, "nothing plays while the trainer talks")
        _ = m.handle(.key(.char(" ")))
        _ = clock(&m, 60.1)
        #expect(m.playback?.position == 5 && m.core.selectedSession?.status == .connected)
        lines = Screen.lines(m, width: 100, height: 30)
        #expect(lines[2].contains("接通后，坐席可以保持、静音或转接。"), "the next say replaces the caption")
        #expect(!lines.joined().contains("A customer calls"))
        // `for: 3` from when the say played (the clock stood at 2.5 s): gone at 5.5 s, 2.9 s from now.
        #expect(m.secondsUntilNextStep.map { abs($0 - 2.9) < 0.01 } == true, "the loop wakes when the caption goes")
        _ = clock(&m, 63.2)
        #expect(!Screen.lines(m, width: 100, height: 30).joined().contains("接通后"))
    }

    @Test("the longest caption (240 wide characters) is whole at the smallest size, over the panes; tiny terminals say they are")
    func longestCaption() throws {
        let text = String(repeating: "坐席接听来电。", count: 240 / 7) + "完毕"
        #expect(text.count <= Scenario.maxCaptionLength)
        let scenario = try Scenario.parse("steps:\n  - say: \"\(text)\"\n  - call: {mobile: \"1\"}\n", file: "l.yaml")
        var m = AppModel(playing: scenario, speed: 1, language: .zh)
        _ = clock(&m, 0.1)
        for (width, height) in [(60, 20), (61, 21), (100, 30), (200, 60)] {
            let lines = Screen.lines(m, width: width, height: height)
            expectAligned(lines, width: width)
            let banner = lines[2...].prefix { !$0.contains("│") && !$0.contains("┌") && !$0.contains("└") }
            #expect(banner.joined().replacingOccurrences(of: " ", with: "") == text, "\(width)x\(height): \(lines)")
            #expect(lines.last?.contains("帮助") == true, "the hints stay at the bottom")
        }
        let tiny = Screen.lines(m, width: 40, height: 10).joined()
        #expect(tiny.contains("终端窗口太小"))
    }

    @Test("captions are untrusted text: control characters never reach the screen")
    func sanitised() throws {
        let scenario = try Scenario.parse("steps:\n  - say: \"\\e[2J\\e]0;pwned\\aHello\\u202Eclass\"\n", file: "x.yaml")
        var m = AppModel(playing: scenario, speed: 1, language: .en)
        _ = clock(&m, 0.1)
        let lines = Screen.lines(m, width: 80, height: 24)
        #expect(lines[2].contains("Hello"))
        #expect(!lines.joined().unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{202E}" || $0.value == 0x7F })
    }

    @Test("--stop-on-failure: a failed expect pauses playback and the panel lists every expect, the failure in full")
    func stopOnFailure() throws {
        let scenario = try Scenario.parse("""
            steps:
              - call: {mobile: "1"}
              - expect: {session: {status: 100}}
              - expect: {session: {status: 200, mobile: "2"}}
              - answer: {}
              - expect: {session: {status: 200}}
            """, file: "f.yaml")
        var m = AppModel(playing: scenario, speed: 1, language: .en, stopOnFailure: true)
        let out = clock(&m, 1)
        #expect(out.transcript.contains { $0.contains(#""event":"expect","step":3,"line":4,"ok":false"#) })
        #expect(m.playback?.paused == true && m.playback?.position == 3, "stopped right after the failure")
        #expect(m.ui.mode == .results)
        let lines = Screen.lines(m, width: 100, height: 30)
        expectAligned(lines, width: 100)
        let screen = lines.joined(separator: "\n")
        #expect(screen.contains("✔ step 2 (f.yaml:3) held"))
        #expect(screen.contains("✘ f.yaml:4:5: step 3 (expect at 0 s): session.status expected 200, got 100"))
        #expect(screen.contains("✘ f.yaml:4:5: step 3 (expect at 0 s): session.mobile expected 2, got 1"))
        Golden.check(lines, named: "results_100x30_en")
        // Space closes the panel and plays on.
        _ = m.handle(.key(.char(" ")))
        #expect(m.ui.mode == .main)
        _ = clock(&m, 2)
        #expect(m.playback?.isFinished == true && m.playback?.expectsHeld == 2 && m.playback?.expectsFailed == 1)

        // Without the flag, the failure is noted and playback goes on.
        var plain = AppModel(playing: scenario, speed: 1, language: .en)
        _ = clock(&plain, 1)
        #expect(plain.playback?.isFinished == true && plain.ui.mode == .main)
    }

    @Test("a results panel longer than the screen shows the newest lines and counts the others")
    func manyResults() throws {
        var yaml = "steps:\n  - call: {mobile: \"1\"}\n"
        for _ in 0..<40 { yaml += "  - expect: {session: {status: 100}}\n" }
        yaml += "  - expect: {session: {status: 400}}\n"
        var m = AppModel(playing: try Scenario.parse(yaml, file: "many.yaml"), speed: 1, language: .zh, stopOnFailure: true)
        _ = clock(&m, 1)
        let lines = Screen.lines(m, width: 60, height: 20)
        expectAligned(lines, width: 60)
        let screen = lines.joined(separator: "\n")
        #expect(screen.contains("… 之前还有"))
        #expect(screen.contains("✘ many.yaml:43:5: step 42"), "\(screen)")
        #expect(screen.contains("session.status expected 400, got 100"), "the failure is wrapped, not cut")
    }
}
