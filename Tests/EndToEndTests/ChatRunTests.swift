import Foundation
import Testing

@Suite("Chats headless and recorded", .serialized)
struct ChatRunTests {
    static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("AgentDeskCoreTests/Scenarios")

    @Test("run --headless: the chat scenario's transcript is its golden file, byte for byte")
    func headlessGolden() throws {
        let (status, stdout, stderr) = try runBinary(["run", Self.scenarios.appendingPathComponent("chat.yaml").path, "--headless"])
        #expect(status == 0, "\(stderr)")
        let golden = try String(contentsOf: Self.scenarios.appendingPathComponent("chat.jsonl"), encoding: .utf8)
        #expect(stdout == golden)
    }

    @Test("record keeps the agent's reply typed with r; the recording replays it")
    func recordReply() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("agentdesk-e2e-\(getpid())-chat-rec.yaml").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let tmux = try Tmux(width: 100, height: 30)
        try tmux.shell("'\(Tmux.binary)' record '\(file)' --lang en; echo \"EXIT=$?\"")
        try tmux.waitFor("No session.")
        // i rings a phone call first: refuse it, then i brings a chat.
        try tmux.send("i")
        try tmux.waitFor("100 Ringing")
        try tmux.send("h")
        try tmux.waitFor("sessionEnded s1")
        try tmux.send("i")
        try tmux.waitFor("Chat s2")
        try tmux.send("a")
        try tmux.waitFor("r reply")
        try tmux.send("r")
        try tmux.type("您好，请讲 🙂")
        try tmux.waitFor("› 您好，请讲 🙂")
        try tmux.send("Enter")
        try tmux.waitFor("imMessage s2 → 您好，请讲 🙂")
        try tmux.send("h")
        try tmux.waitFor("the chat has ended")
        try tmux.send("q")
        try tmux.waitFor("EXIT=0")
        let recording = try String(contentsOfFile: file, encoding: .utf8)
        #expect(recording.contains("reply: \"您好，请讲 🙂\""), "\(recording)")
        let (status, stdout, stderr) = try runBinary(["run", file, "--headless"])
        #expect(status == 0, "\(stderr)")
        #expect(stdout.contains(#""event":"imMessage","session":"s2","from":"agent","text":"您好，请讲 🙂""#), "\(stdout)")
    }
}
