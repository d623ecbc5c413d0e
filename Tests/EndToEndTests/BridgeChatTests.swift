import Foundation
import Testing

/// The bridge page's chat: the selected chat's thread (text only), a reply field
/// and a "customer says" field, in headless Chromium.
@Suite("The bridge page's chat", .serialized)
struct BridgeChatTests {
    static func js(_ id: String) -> String { BridgeWorkbenchTests.js(id) }

    @Test("both sides of a chat from the bridge; markup in a message stays text; a refused reply keeps its text")
    func chat() async throws {
        _ = try BridgeWorkbenchTests.chromium()
        let output = try await onThread { () -> String in
            let scratch = try ServeTests.Scratch()
            let dir = scratch.path
            try """
            sdkAppId: "1400000001"
            agent: {nickName: 小王}
            pages: []
            """.write(toFile: dir + "/desk.yaml", atomically: true, encoding: .utf8)
            let token = "bridge-chat-token-0123456789"
            let (server, base) = try ServeTests.serve(scratch, arguments: ["--config", dir + "/desk.yaml"], environment: ["AGENTDESK_TOKEN": token])
            defer { kill(server.pid, SIGTERM); server.wait() }
            let thread = "\(Self.js("thread"))"
            let steps: [[String: Any]] = [
                ["navigate": "\(base)/#token=\(token)"],
                ["wait": "\(Self.js("status")).textContent === 'connected'", "what": "the bridge connected"],
                ["eval": "\(Self.js("call-type")).value = 'im'; \(Self.js("call-nickName")).value = '刘先生'; \(Self.js("call-form")).requestSubmit()"],
                ["wait": "!\(Self.js("says")).disabled && \(Self.js("reply")).disabled", "what": "the customer may write; the agent not before answering"],
                ["eval": "\(Self.js("says-text")).value = '<img src=x onerror=\"window.pwned=1\">你好 😢'; \(Self.js("says-form")).requestSubmit()"],
                ["wait": "\(thread).querySelectorAll('li.customer').length === 1", "what": "the customer's message in the thread"],
                ["eval": "\(thread).textContent", "label": "afterSays"],
                ["eval": "\(thread).querySelectorAll('img').length + (window.pwned ? 100 : 0)", "label": "injected"],
                ["eval": "\(Self.js("answer")).click()"],
                ["wait": "!\(Self.js("reply")).disabled", "what": "reply enabled once connected"],
                ["eval": "\(Self.js("reply-text")).value = '您好，请讲'; \(Self.js("reply-form")).requestSubmit()"],
                ["wait": "\(thread).querySelectorAll('li.agent').length === 1 && \(Self.js("reply-text")).value === ''", "what": "the reply in the thread, the field emptied"],
                ["eval": "\(thread).querySelector('li.agent').textContent", "label": "reply"],
                ["eval": "[...document.querySelectorAll('#sessions .session')].map(b => b.textContent).join('|')", "label": "sessions"],
                ["eval": "\(Self.js("hangup")).click()"],
                ["wait": "\(Self.js("reply")).disabled", "what": "reply disabled once ended"],
                // Submitted anyway (Enter in the field): refused, and the text stays.
                ["eval": "\(Self.js("reply-text")).value = '还在吗'; \(Self.js("reply-form")).requestSubmit()"],
                ["wait": "\(Self.js("action-outcome")).textContent.includes('refused')", "what": "the refusal shown"],
                ["eval": "\(Self.js("action-outcome")).textContent + '|' + \(Self.js("reply-text")).value", "label": "refused"],
            ]
            return try BridgeWorkbenchTests.play(steps, in: dir, environment: ["AGENTDESK_TOKEN": token], server: server)
        }
        let (results, exceptions) = try BridgeWorkbenchTests.parse(output)
        #expect(exceptions.isEmpty, "the bridge threw: \(exceptions)")
        #expect((results["afterSays"] as? String)?.contains("<img src=x onerror=\"window.pwned=1\">你好 😢") == true, "\(results["afterSays"] ?? "")")
        #expect((results["injected"] as? Int) == 0, "markup from a message became elements")
        #expect((results["reply"] as? String)?.contains("您好，请讲") == true, "\(results["reply"] ?? "")")
        #expect((results["refused"] as? String)?.contains("has ended; its chat is closed|还在吗") == true, "\(results["refused"] ?? "")")
        _ = results["sessions"]
    }
}
