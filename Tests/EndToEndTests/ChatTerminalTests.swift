import Foundation
import Testing

/// A chat in the real terminal: the customer's side comes over the API
/// (`agentdesk send`), the agent answers with keys typed into tmux.
@Suite("chats in a terminal", .serialized)
struct ChatTerminalTests {
    @Test("r opens the reply line: typing, Backspace, arrows, Enter sends; CJK from send-keys -l; a quick reply by number")
    func replyWithR() throws {
        let tmux = try Tmux(width: 100, height: 30)
        let config = tmux.runtimeDirectory + "/chat.yaml"
        try """
        sdkAppId: 1400000001
        agent: {nickName: 小王}
        quickReplies: [请稍等，我查一下。, "Thanks for waiting!"]
        pages: [{name: CRM, url: "https://crm.example.com/", alwaysShow: true}]
        """.write(toFile: config, atomically: true, encoding: .utf8)
        try tmux.shell("'\(Tmux.binary)' --lang en --config chat.yaml --listen 127.0.0.1:0; echo \"EXIT=$?\"")
        try tmux.waitFor("No session.")
        // The customer's side, over the API, found through the runtime file of this test's own folder.
        func send(_ arguments: String...) throws {
            let (status, _, err) = try Child.run([Tmux.binary, "send"] + arguments,
                                                 environment: ["XDG_RUNTIME_DIR": tmux.runtimeDirectory, "HOME": tmux.runtimeDirectory],
                                                 directory: tmux.runtimeDirectory)
            #expect(status == 0, "send \(arguments): \(err)")
        }
        try tmux.waitUntil("the runtime file") { _ in FileManager.default.fileExists(atPath: tmux.runtimeDirectory + "/agentdesk/server.json") }
        try send("call", "--type", "im", "--nick", "刘先生")
        try send("says", "你好，我的耳机坏了 😢")
        try tmux.waitFor("Chat s1")
        try tmux.waitFor("你好，我的耳机坏了")
        // r before accepting: it says how.
        try tmux.send("r")
        try tmux.waitFor("is still ringing")
        try tmux.send("a")
        try tmux.waitFor("r reply · 1-2 quick reply")

        // Type with a typo, mend it with Backspace, insert with the arrows, send.
        try tmux.send("r")
        try tmux.waitFor("Enter sends")
        try tmux.type("Helo wrld")
        try tmux.waitFor("› Helo wrld")
        try tmux.send("BSpace", "BSpace", "BSpace", "BSpace")
        try tmux.type("world")
        try tmux.send("Left", "Left", "Left", "Left", "Left", "Left", "Left", "Left")
        try tmux.type("l")
        try tmux.waitFor("› Hello world")
        try tmux.send("Enter")
        try tmux.waitFor("imMessage s1 → Hello world")
        var screen = try tmux.waitFor("Me · ")
        #expect(screen.contains { $0.contains("  Hello world") }, "the thread shows the reply:\n\(screen.joined(separator: "\n"))")

        // CJK as an input method delivers it (UTF-8 through the tty), then Backspace removes a whole character.
        try tmux.send("r")
        try tmux.type("谢谢您的耐心🙏等")
        try tmux.waitFor("› 谢谢您的耐心🙏等")
        try tmux.send("BSpace")
        try tmux.waitUntil("the last character removed") { lines in
            lines.contains { $0.contains("› 谢谢您的耐心🙏") && !$0.contains("🙏等") }
        }
        try tmux.send("Enter")
        try tmux.waitFor("imMessage s1 → 谢谢您的耐心🙏")

        // Esc cancels: nothing is sent.
        try tmux.send("r")
        try tmux.type("never sent")
        try tmux.waitFor("› never sent")
        try tmux.send("Escape")
        try tmux.waitUntil("the reply line closed") { lines in !lines.contains { $0.contains("never sent") } }

        // A quick reply by its number fills the line; Enter sends it.
        try tmux.send("2")
        try tmux.waitFor("› Thanks for waiting!")
        try tmux.send("Enter")
        try tmux.waitFor("imMessage s1 → Thanks for waiting!")

        // The customer writes again: the thread shows it at the bottom.
        try send("says", "好的，谢谢")
        screen = try tmux.waitFor("  好的，谢谢")
        try send("hangup")
        try tmux.waitFor("the chat has ended")
        try tmux.send("q")
        try tmux.waitFor("EXIT=0")
        _ = screen
    }
}
