import Foundation
import Testing

/// `agentdesk record --with-expects`: a trainer's model answer, recorded, is a test.
@Suite("Recording with expects")
struct RecordExpectsTests {
    @Test("record --with-expects writes the workstation inline and an expect after each action; the replay holds them all")
    func recordWithExpects() throws {
        let tmux = try Tmux(width: 100, height: 30)
        let file = tmux.runtimeDirectory + "/model.yaml"
        try tmux.shell("'\(Tmux.binary)' record model.yaml --with-expects; echo \"EXIT=$?\"")
        try tmux.waitFor("No session.")
        try tmux.send("i")
        try tmux.waitFor("100 Ringing")
        try tmux.send("a")
        try tmux.waitFor("200 Connected")
        try tmux.send("o")
        try tmux.waitFor("on hold")
        try tmux.send("o")
        try tmux.send("h")
        try tmux.waitFor("400 Ended")
        try tmux.send("w")
        try tmux.waitFor("● free")
        try tmux.send("q")
        try tmux.waitFor("EXIT=0")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("\nworkstation: {"), "the workstation inline: \(text)")
        #expect(text.contains("    call: {"), "\(text)")
        #expect(text.contains("    answer: {}\n  - expect: {session: {status: 200}"), "\(text)")
        #expect(text.contains("  - expect: {session: {onHold: true}}\n"), "\(text)")
        #expect(text.contains("  - expect: {session: {status: 400"), "\(text)")
        #expect(text.contains("wrapUp: done\n  - expect: {agent: free"), "\(text)")
        let expects = text.components(separatedBy: "  - expect: ").count - 1
        #expect(expects >= 6, "\(text)")
        let (status, stdout, stderr) = try runBinary(["run", file, "--headless"])
        #expect(status == 0, "\(stderr)\n\(text)")
        #expect(stderr.contains("all \(expects) expects held"), "\(stderr)")
        #expect(!stdout.contains(#""ok":false"#))
    }
}
