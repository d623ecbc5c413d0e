import Foundation
import Testing

@Suite("Narrated scenarios: say, pause, --stop-on-failure", .serialized)
struct NarrationRunTests {
    static let demo = """
        name: Class demo
        steps:
          - say: "Welcome: a customer is about to call"
          - at: 1
            call: {mobile: "13800000000", nickName: 王女士}
          - pause: {}
          - say: "Now the agent answers the call"
          - answer: {}
          - expect: {session: {status: 100}}
          - say: "This caption comes after the failure"
        """

    @Test("in the terminal: the caption banner, a pause for the trainer, the results panel on a failure")
    func terminal() throws {
        let file = try temporaryFile("narrated.yaml", Self.demo)
        let transcript = FileManager.default.temporaryDirectory.appendingPathComponent("agentdesk-e2e-\(getpid())-narr.jsonl").path
        let tmux = try Tmux(width: 100, height: 30)
        try tmux.shell("'\(Tmux.binary)' run '\(file)' --lang en --no-listen --stop-on-failure --transcript '\(transcript)'; echo \"EXIT=$?\"")
        // Wait for the whole condition, not one capture: a frame can be read while it is being drawn.
        try tmux.waitUntil("the banner right under the bar") { $0.count > 2 && $0[2].contains("Welcome: a customer is about to call") }
        try tmux.waitUntil("the pause, with the call ringing and the caption still up") { lines in
            let screen = lines.joined()
            return screen.contains("waiting for the trainer: space goes on") && screen.contains("100 Ringing")
                && screen.contains("Welcome: a customer")
        }
        var screen: [String]
        try tmux.send("Space")
        screen = try tmux.waitFor("expect results ✔ 0 ✘ 1")
        // The failure as the panel's rows read joined up: where its lines wrap depends on
        // the file's path, whose folder has this process's id in it (3 to 7 digits).
        let panel = Self.unwrapped(screen)
        #expect(panel.contains("narrated.yaml:9:5: step 6 (expect at 1 s): session.status expected"), "\(panel)")
        #expect(panel.contains("100, got 200"), "the rest of the failure, wrapped, not cut: \(panel)")
        #expect(!panel.contains("after the failure"), "playback stopped at the failure")
        try tmux.send("Space")
        try tmux.waitFor("This caption comes after the failure")
        try tmux.waitFor("■ finished · expect ✔ 0 ✘ 1")
        try tmux.send("q")
        try tmux.waitFor("Quit anyway?")
        try tmux.send("y")
        try tmux.waitFor("EXIT=1")
        let lines = try String(contentsOfFile: transcript, encoding: .utf8).split(separator: "\n")
        #expect(lines.contains { $0.contains(#""event":"say","step":1,"text":"Welcome: a customer is about to call""#) })
        #expect(lines.contains { $0.contains(#""event":"pause","step":3"#) })
    }

    /// The text inside the boxes of a screen, each row's content with the borders and
    /// the padding taken off, the rows joined with one space.
    static func unwrapped(_ screen: [String]) -> String {
        screen.map { row in
            row.split(separator: "│", omittingEmptySubsequences: false).dropFirst().first.map(String.init) ?? row
        }
        .map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty }
        .joined(separator: " ")
    }

    @Test("headless: say and pause are transcript lines; --stop-on-failure ends the run at the first failure, exit 1")
    func headless() throws {
        let file = try temporaryFile("narrated-headless.yaml", Self.demo)
        let all = try runBinary(["run", file, "--headless"])
        #expect(all.status == 1)
        #expect(all.stdout.contains(#""event":"pause","step":3}"#))
        #expect(all.stdout.contains("This caption comes after the failure"), "without the flag, the run goes on")
        let stopped = try runBinary(["run", file, "--headless", "--stop-on-failure"])
        #expect(stopped.status == 1)
        let lines = stopped.stdout.split(separator: "\n")
        #expect(lines.last?.contains(#""event":"expect","step":6,"line":9,"ok":false"#) == true, "\(stopped.stdout)")
        #expect(!stopped.stdout.contains("after the failure"))
        #expect(stopped.stderr.contains("played 6 of 7 steps"))
        #expect(stopped.stderr.contains("stopped at the first failure (--stop-on-failure)"))
        #expect(stopped.stderr.contains("narrated-headless.yaml:9:5: step 6 (expect at 1 s): session.status expected 100, got 200"))
    }
}
