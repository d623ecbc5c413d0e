import AgentDeskCore
@testable import AgentDeskUI
import Testing

/// The workstation reads right in every state: outbound, transfer, hold, tiny
/// windows, the help overlay in `run`. Golden screens plus the facts they show.
@Suite("Screens in every state")
struct FidelityScreenTests {
    static let bridge = (address: "127.0.0.1:7788",
                         url: "http://127.0.0.1:7788/?token=Zq3Xv9Lm2Np8Rt5Wy7Bc4Df6Gh1Jk0Ps")

    static func callOut(_ number: String, desc: String? = nil) -> Action {
        var message: [String: JSONValue] = ["phoneNumber": .string(number)]
        if let desc { message["desc"] = .string(desc) }
        return .pageMessage(.object(["source": .string("ccc-sdk"),
                                     "payload": .object(["event": .string("callOut"), "message": .object(message)])]))
    }

    /// An inbound call that ended, then the agent calling out from the dialpad.
    static func outbound(_ language: Language, answered: Bool = false) -> AppModel {
        var m = model(.ended, language: language)
        m.send(.wrapUp(.done))
        m.send(callOut("15889000000", desc: "王女士"))
        m.send(.dial)
        _ = m.handle(.clock(seconds: 90, wall: "12:01:30"))
        if answered { m.send(.calleeAnswer()) }
        return m
    }

    @Test("an outbound call is labelled as a call out in both languages; the pages still show the last inbound session",
          arguments: Language.allCases)
    func outboundCall(language: Language) {
        let m = Self.outbound(language)
        let lines = Screen.lines(m, width: 100, height: 30)
        expectAligned(lines, width: 100)
        let screen = lines.joined(separator: "\n")
        #expect(!screen.contains("呼入中"), "an outbound call is never 'ringing in'")
        #expect(!screen.contains("100 Ringing"))
        #expect(screen.contains(language == .zh ? "呼出中 Calling out" : "Calling out 呼出中"))
        #expect(screen.contains(language == .zh ? "呼出中 · 页面仍显示上个呼入会话：" : "Calling out · pages still show last inbound:"))
        #expect(screen.contains("s1 刘先生"))
        Golden.check(lines, named: "outbound_100x30_\(language.rawValue)")
        let answered = Screen.lines(Self.outbound(language, answered: true), width: 100, height: 30).joined(separator: "\n")
        #expect(answered.contains(language == .zh ? "通话中 Connected" : "Connected 通话中"))
    }

    @Test("a transfer reads as a transfer with its target, each call-panel field labelled")
    func transfer() {
        var m = model(.connected, language: .zh)
        m.send(.sendDTMF(digits: "123#"))
        m.send(.mute())
        m.send(.transfer(to: "技术支持组"))
        _ = m.handle(.clock(seconds: 75, wall: "12:01:15"))
        let lines = Screen.lines(m, width: 100, height: 30)
        expectAligned(lines, width: 100)
        let screen = lines.joined(separator: "\n")
        #expect(screen.contains("已转接 → 技术支持组"))
        #expect(!screen.contains("座席挂断"), "not 'the agent hung up'")
        #expect(screen.contains("DTMF    123#"), "DTMF on its own labelled line")
        #expect(!screen.contains("🔇"), "the muted badge left with the call")
        #expect(screen.contains("sessionEnded s1 seat (已转接 → 技术支持组)"))
        Golden.check(lines, named: "transfer_100x30_zh")
    }

    @Test("on hold: the badge is labelled, the hint says resume; both leave with the call", arguments: Language.allCases)
    func hold(language: Language) {
        var m = model(.connected, language: language)
        m.send(.hold())
        m.send(.mute())
        let lines = Screen.lines(m, width: 100, height: 30)
        expectAligned(lines, width: 100)
        let screen = lines.joined(separator: "\n")
        #expect(screen.contains(language.pick("话路    ⏸ 保持中 · 🔇 静音", "Line    ⏸ on hold · 🔇 muted")))
        #expect(lines.last!.contains(language.pick("o 恢复通话", "o resume")))
        #expect(lines.last!.contains(language.pick("m 取消静音", "m unmute")))
        Golden.check(lines, named: "hold_100x30_\(language.rawValue)")
        m.send(.hangUp())
        let after = Screen.lines(m, width: 100, height: 30)
        #expect(!after.joined().contains("⏸"), "the hold badge left with the call")
        #expect(!after.joined().contains("🔇"), "the muted badge left with the call")
        #expect(after.last!.contains(language.pick("o 保持", "o hold")))
    }

    @Test("the too-small screen names the live call and shows the quit question it waits for")
    func tooSmallWithALiveCall() {
        var m = model(.connected, language: .en)
        _ = m.handle(.resize(width: 50, height: 15))
        var lines = Screen.lines(m, width: 50, height: 15)
        expectAligned(lines, width: 50)
        #expect(lines.contains { $0.contains("s1 刘先生 · 200 Connected 01:04") })
        Golden.check(lines, named: "too_small_live_50x15_en")
        _ = m.handle(.key(.char("q")))
        #expect(m.ui.mode == .confirmQuit)
        lines = Screen.lines(m, width: 50, height: 15)
        #expect(lines.contains { $0.contains("Quit anyway?") })
        #expect(lines.contains { $0.contains("y quits, any other key stays") })
        Golden.check(lines, named: "too_small_confirm_50x15_en")
        #expect(m.handle(.key(.char("y"))).quit)
    }

    @Test("the help overlay in run lists every key once with its mode, and the bridge URL whole",
          arguments: Language.allCases)
    func helpInRun(language: Language) {
        var m = AppModel(playing: Scenario.demo(), speed: 1, language: language)
        m.ui.bridge = Self.bridge
        _ = m.handle(.clock(seconds: 0, wall: "12:00:00"))
        _ = m.handle(.key(.char("?")))
        for (w, h) in [(80, 24), (60, 20)] {
            let lines = Screen.lines(m, width: w, height: h)
            expectAligned(lines, width: w)
            let screen = lines.joined(separator: "\n")
            // The URL is never cut: its wrapped pieces, joined, are the whole URL.
            let pieces = lines.flatMap { $0.split(separator: "│").map { $0.trimmingCharacters(in: .whitespaces) } }
                .filter { $0.count >= 6 && Self.bridge.url.contains($0) }
            #expect(pieces.joined() == Self.bridge.url, "\(w)x\(h): \(pieces)")
            for context in KeyContext.allCases {
                #expect(screen.contains(KeyTable.modeName(context, language)), "\(context) at \(w)x\(h)")
            }
            if w == 80 {
                for binding in KeyTable.bindings {
                    let label = language == .zh ? binding.zh : binding.en
                    let key = binding.keys.isEmpty ? language.pick("其他键", "other") : binding.keyText
                    #expect(screen.contains(key + " " + label), "\(key) \(label)")
                }
                Golden.check(lines, named: "help_run_80x24_\(language.rawValue)")
            }
        }
    }

    @Test("a 256-character token at 60x20: the bridge URL is still whole; key rows give way, marked …")
    func longTokenAtMinimumSize() {
        let url = "http://[::1]:65535/?token=" + String(repeating: "Ab9-", count: 64)
        var m = model(.connected, language: .en)
        m.ui.bridge = ("[::1]:65535", url)
        _ = m.handle(.key(.char("?")))
        let lines = Screen.lines(m, width: 60, height: 20)
        expectAligned(lines, width: 60)
        let pieces = lines.flatMap { $0.split(separator: "│").map { $0.trimmingCharacters(in: .whitespaces) } }
            .filter { $0.count >= 6 && url.contains($0) }
        #expect(pieces.joined() == url)
        #expect(lines.contains { $0.contains(" …") }, "the cut key rows are marked")
    }

    @Test("at 60x20 the talk timer is whole; at 80x24 the header keeps the bridge address")
    func smallSizes() {
        for language in Language.allCases {
            var m = model(.connected, language: language)
            m.ui.bridge = Self.bridge
            let small = Screen.lines(m, width: 60, height: 20).joined(separator: "\n")
            #expect(small.contains("01:04"), "\(language): the talk timer at 60x20")
            let header = Screen.lines(m, width: 80, height: 24)[0]
            #expect(header.contains("⇄ 127.0.0.1:7788"), "\(language): \(header)")
        }
    }

    @Test("text wraps at word and number boundaries: a phone number is never split")
    func wrapping() {
        let url = "https://crm.example.com/customer#?mobile=18888888888&userId=u-10001&status=200&type=phone"
        for width in 12...40 {
            let lines = CellBuffer.wrap(url, width: width)
            #expect(lines.joined() == url)
            #expect(lines.allSatisfy { DisplayWidth.of($0) <= width })
            #expect(lines.contains { $0.contains("18888888888") }, "width \(width): \(lines)")
        }
        #expect(CellBuffer.wrap("call 18888888888 now", width: 12) == ["call ", "18888888888 ", "now"])
        #expect(CellBuffer.wrap("刘先生来电", width: 4) == ["刘先", "生来", "电"])
        #expect(CellBuffer.wrap("12345678", width: 3) == ["123", "456", "78"], "a piece longer than the line is split")
    }

    @Test("i while offline says why in the caller's channel terms; while notReady the caller waits in the queue")
    func inboundWhileNotReady() {
        var m = AppModel(config: .demo, language: .en)
        m.send(.setStatus(.offline))
        _ = m.handle(.key(.char("i")))
        #expect(m.ui.notice?.contains("a phone call reaches only a signed-in agent") == true, "\(m.ui.notice ?? "")")
        #expect(m.ui.notice?.contains("s changes your status") == true)
        var waiting = AppModel(config: .demo, language: .en)
        waiting.send(.setStatus(.notReady))
        _ = waiting.handle(.key(.char("i")))
        #expect(waiting.ui.notice == nil)
        #expect(waiting.core.queue.count == 1)
        #expect(Screen.lines(waiting, width: 80, height: 24)[0].contains("queue 1 · longest 00:00"))
    }

    @Test("REC shows while recording")
    func recording() {
        var m = model(.idle, language: .en)
        #expect(!Screen.lines(m, width: 80, height: 24)[0].contains("REC"))
        m.ui.recording = true
        #expect(Screen.lines(m, width: 80, height: 24)[0].contains("● REC"))
    }

    @Test("the event feed says each word once and scrolls with PgUp/PgDn")
    func feed() {
        var m = model(.idle, language: .en)
        m.send(.pageMessage(.string("{\"source\":\"ccc-sdk\"}")))
        let screen = Screen.lines(m, width: 100, height: 30).joined(separator: "\n")
        #expect(screen.contains("callOutRequest ✘ ignored:"))
        #expect(!screen.contains("ignored: ignored:"))
        for i in 0..<40 { m.send(.tick(to: Double(i + 1))); m.send(.callIn(SampleCallers.all[1])); m.send(.hangUp(closeBy: .client)) }
        let top = Screen.lines(m, width: 100, height: 30)
        #expect(top.joined().contains("PgUp for older"))
        _ = m.handle(.key(.pageUp))
        #expect(m.ui.feedOffset == 5)
        let scrolled = Screen.lines(m, width: 100, height: 30)
        #expect(scrolled != top)
        #expect(scrolled.joined().contains("5 newer above"))
        _ = m.handle(.key(.down))
        #expect(m.ui.feedOffset == 4)
        _ = m.handle(.key(.pageDown))
        #expect(m.ui.feedOffset == 0)
    }

    @Test("a missed (timed-out) call stays in Recent sessions, marked missed")
    func missedCall() {
        var m = AppModel(config: .demo, language: .en)
        _ = m.handle(.clock(seconds: 0, wall: "12:00:00"))
        m.send(.callIn(SampleCallers.all[2]))  // rings with a 30 s timeout
        _ = m.handle(.clock(seconds: 31, wall: "12:00:31"))
        #expect(m.core.sessions[0].closeBy == .timer)
        m.send(.callIn(SampleCallers.all[0]))
        for (w, h) in [(80, 24), (120, 40)] {
            let screen = Screen.lines(m, width: w, height: h).joined(separator: "\n")
            #expect(screen.contains("Recent sessions"), "\(w)x\(h)")
            #expect(screen.contains("00:00 ← missed (timed out)"), "\(w)x\(h)")
        }
        #expect(Screen.lines(m, width: 120, height: 40).joined().contains("← missed (timed out) · Alice Wong"))
    }

    @Test("the default transfer target does not depend on the language")
    func transferDefault() {
        var prompts: [UIState.Mode] = []
        for language in Language.allCases {
            var m = model(.connected, language: language)
            _ = m.handle(.key(.char("t")))
            prompts.append(m.ui.mode)
        }
        #expect(prompts.count == 2 && prompts[0] == prompts[1], "\(prompts)")
    }

    @Test("the screen-pop pane names the session the pages show; after a chat ends beside a call, n brings the call back")
    func pagesShow() {
        var m = model(.connected, language: .en)
        var screen = Screen.lines(m, width: 100, height: 30).joined(separator: "\n")
        #expect(screen.contains("Pages show s1 刘先生 · 200 Connected"))
        m.send(.callIn(SampleCallers.all[1]))
        m.send(.answer("s2"))
        m.send(.hangUp("s2", closeBy: .client))
        screen = Screen.lines(m, width: 100, height: 30).joined(separator: "\n")
        #expect(screen.contains("Pages show s2 微信用户🌸 · 400 Ended · n shows s1"))
        _ = m.handle(.key(.char("v")))
        #expect(Screen.lines(m, width: 100, height: 30).joined().contains("Pages show s2 微信用户🌸 · 400 Ended"),
                "page detail names the session too")
        _ = m.handle(.key(.escape))
        _ = m.handle(.key(.char("n")))
        screen = Screen.lines(m, width: 100, height: 30).joined(separator: "\n")
        #expect(screen.contains("Pages show s1 刘先生 · 200 Connected"))
        #expect(m.core.url(ofPage: "工单")?.contains("status=200") == true)
    }
}
