import AgentDeskCore
@testable import AgentDeskUI
import Testing

@Suite("Keys and mouse")
struct InputTests {
    func press(_ m: inout AppModel, _ keys: Key...) {
        for key in keys { _ = m.handle(.key(key)) }
    }

    @Test("i, a, h walk a call through 100, 200, 400")
    func walk() {
        var m = AppModel(config: .demo, language: .en)
        press(&m, .char("i"))
        #expect(m.core.selectedSession?.status == .ringing)
        press(&m, .char("a"))
        #expect(m.core.selectedSession?.status == .connected)
        press(&m, .char("o"), .char("m"))
        #expect(m.core.voiceSession?.onHold == true && m.core.voiceSession?.muted == true)
        press(&m, .char("o"), .char("m"))
        #expect(m.core.voiceSession?.onHold == false && m.core.voiceSession?.muted == false)
        press(&m, .char("h"))
        #expect(m.core.sessions[0].status == .ended)
        #expect(m.core.agent.status == .arrange)
        press(&m, .char("w"))
        #expect(m.core.agent.status == .free)
    }

    @Test("a refused key says why on the notice line, and the next key clears it")
    func refusalNotice() {
        var m = AppModel(config: .demo, language: .en)
        press(&m, .char("a"))
        #expect(m.ui.notice == "answer refused: there is no ringing inbound session")
        #expect(Screen.lines(m, width: 80, height: 24)[22].contains("answer refused"))
        press(&m, .tab)
        #expect(m.ui.notice == nil)
    }

    @Test("i during a call brings a chat beside it; s cycles status; busy refuses")
    func sampleAndStatus() {
        var m = AppModel(config: .demo, language: .en)
        press(&m, .char("i"), .char("a"), .char("i"))
        #expect(m.core.liveSessions.map(\.type) == [.phone, .im])
        press(&m, .char("s"))
        #expect(m.ui.notice?.contains("on a call") == true)
        var idle = AppModel(config: .demo, language: .en)
        press(&idle, .char("s"))
        #expect(idle.core.agent.status == .notReady)
        press(&idle, .char("s"))
        #expect(idle.core.agent.status == .rest && idle.core.agent.restReason == "小休")
        press(&idle, .char("s"))
        #expect(idle.core.agent.status == .offline)
        press(&idle, .char("s"))
        #expect(idle.core.agent.status == .free)
    }

    @Test("the dialpad: d, digits, Backspace, Enter dials, Esc leaves; in a call digits are DTMF")
    func dialpad() {
        var m = AppModel(config: .demo, language: .en)
        press(&m, .char("1"))
        #expect(m.core.dialpad.number.isEmpty, "digits do nothing until the dialpad has focus")
        press(&m, .char("d"), .char("1"), .char("0"), .char("0"), .char("8"), .char("6"), .char("6"), .backspace)
        #expect(m.core.dialpad.number == "10086")
        press(&m, .char("x"))
        #expect(m.ui.notice?.contains("dialpad takes") == true)
        press(&m, .enter)
        #expect(m.core.selectedSession?.direction == .outbound)
        #expect(m.ui.mode == .main)
        press(&m, .char("a"))
        #expect(m.core.selectedSession?.status == .connected, "a: the callee answers (simulated)")
        press(&m, .char("d"), .char("5"), .char("#"), .escape)
        #expect(m.core.selectedSession?.dtmfSent == "5#")
        #expect(m.ui.mode == .main)
    }

    @Test("t asks where to transfer, Enter transfers, Esc cancels")
    func transfer() {
        var m = AppModel(config: .demo, language: .zh)
        press(&m, .char("i"), .char("a"), .char("t"))
        #expect(m.ui.mode == .transferPrompt("技术支持组"))
        #expect(Screen.lines(m, width: 80, height: 24)[22].contains("转接到：技术支持组"))
        press(&m, .escape)
        #expect(m.core.voiceSession?.status == .connected)
        press(&m, .char("t"), .backspace, .backspace, .char("A"), .enter)
        #expect(m.core.sessions[0].transferredTo == "技术支A")
    }

    @Test("q quits at once when idle, asks when a call is live")
    func quit() {
        var idle = AppModel(config: .demo, language: .en)
        #expect(idle.handle(.key(.char("q"))).quit)
        var live = AppModel(config: .demo, language: .en)
        press(&live, .char("i"))
        #expect(!live.handle(.key(.char("q"))).quit)
        #expect(Screen.lines(live, width: 80, height: 24)[22].contains("A session is live. Quit anyway?"))
        #expect(!live.handle(.key(.char("n"))).quit)
        _ = live.handle(.key(.char("q")))
        #expect(live.handle(.key(.char("y"))).quit)
        #expect(live.handle(.key(.ctrl("c"))).quit, "Ctrl-C quits at once")
    }

    @Test("Tab and Shift-Tab move between visible tabs; v shows the page in full")
    func tabs() {
        var m = AppModel(config: .demo, language: .en)
        press(&m, .char("i"))
        #expect(m.currentTab?.name == "客户资料")
        press(&m, .tab)
        #expect(m.currentTab?.name == "工单")
        press(&m, .tab)
        #expect(m.currentTab?.name == "客户资料")
        press(&m, .backTab)
        #expect(m.currentTab?.name == "工单")
        press(&m, .char("v"))
        let detail = Screen.lines(m, width: 80, height: 24).joined(separator: "\n")
        #expect(detail.contains("URL the page receives now"))
        #expect(detail.contains("agentRoleId   agent"))
        press(&m, .escape)
        #expect(m.ui.mode == .main)
    }

    @Test("clicks on a tab choose it; clicks on a keypad button type it")
    func mouse() {
        var m = AppModel(config: .demo, language: .en)
        _ = m.handle(.resize(width: 100, height: 30))
        press(&m, .char("i"))
        let layout = Layout(width: 100, height: 30)
        let tab = ScreenPopPane.tabHits(m, in: layout.screenPop).first { $0.1 == "工单" }!.0
        _ = m.handle(.click(x: tab.x + 1, y: tab.y))
        #expect(m.currentTab?.name == "工单")
        let seven = DialpadPane.keyHits(in: layout.dialpad).first { $0.1 == "7" }!.0
        _ = m.handle(.click(x: seven.x + 1, y: seven.y))
        #expect(m.core.dialpad.number == "7")
        #expect(m.ui.mode == .dialpad)
    }

    @Test("every binding's keys lead to its command, and no key is bound twice in one context")
    func table() {
        let modes: [KeyContext] = [.confirmQuit, .transferPrompt, .pageDetail]
        for binding in KeyTable.bindings where !modes.contains(binding.context) {
            for key in binding.keys {
                let dialpad = binding.context == .dialpad
                let playing = binding.context == .playback
                #expect(KeyTable.binding(for: key, dialpadFocused: dialpad, playing: playing)?.command == binding.command, "\(key)")
            }
        }
        for context in [KeyContext.main, .dialpad] {
            let keys = KeyTable.bindings.filter { $0.context == context || $0.context == .everywhere }.flatMap(\.keys)
            #expect(Set(keys).count == keys.count, "\(context)")
        }
        // While a scenario plays, a key still has one meaning: playback keys are keys of
        // their own, so n switches sessions in `run` as everywhere else and . steps.
        // One exception, documented: r replies in a chat, but restarts while a scenario
        // plays (the trainer's key since before chats had messages); Enter replies then.
        let playing = KeyTable.bindings.filter { [.playback, .main, .everywhere].contains($0.context) }.flatMap(\.keys)
            .filter { $0 != .char("r") }
        #expect(Set(playing).count == playing.count, "a key bound twice while playing")
        #expect(KeyTable.binding(for: .char("r"), dialpadFocused: false, playing: true)?.command == .restart)
        #expect(KeyTable.binding(for: .enter, dialpadFocused: false, playing: true)?.command == .reply)
        #expect(KeyTable.binding(for: .char("r"), dialpadFocused: false, playing: false)?.command == .reply)
        #expect(KeyTable.binding(for: .char("n"), dialpadFocused: false, playing: false)?.command == .nextSession)
        #expect(KeyTable.binding(for: .char("n"), dialpadFocused: false, playing: true)?.command == .nextSession)
        #expect(KeyTable.binding(for: .char("."), dialpadFocused: false, playing: true)?.command == .nextStep)
        // Each mode's keys are distinct within the mode.
        for mode in modes {
            let keys = KeyTable.bindings.filter { $0.context == mode }.flatMap(\.keys)
            #expect(Set(keys).count == keys.count, "\(mode)")
        }
    }

    @Test("a page's call-out fills the dialpad on screen, with desc")
    func callOutOnScreen() {
        var m = AppModel(config: .demo, language: .zh)
        m.send(.pageMessage(.object(["source": .string("ccc-sdk"), "payload": .object([
            "event": .string("callOut"), "message": .object(["phoneNumber": .string("15889000000"), "desc": .string("刘先生")]),
        ])])))
        let screen = Screen.lines(m, width: 80, height: 24).joined(separator: "\n")
        #expect(screen.contains("号码    15889000000"))
        #expect(screen.contains("显示    刘先生"))
        #expect(screen.contains("✔ 已接受"))
        m.send(.pageMessage(.object(["source": .string("ccc-sdk"), "payload": .object([
            "event": .string("callOut"), "message": .object(["phoneNumber": .string("abc")]),
        ])])))
        let refused = Screen.lines(m, width: 80, height: 24).joined(separator: "\n")
        #expect(refused.contains("✘ 已拒绝"))
        #expect(refused.contains("号码    15889000000"), "what was accepted stays")
    }

    @Test("the headless backend records frames and counts changed cells")
    func headless() {
        let backend = HeadlessBackend(width: 80, height: 24)
        var m = AppModel(config: .demo, language: .en)
        var buffer = CellBuffer(width: 80, height: 24)
        Screen.render(m, into: &buffer)
        backend.present(buffer)
        #expect(backend.cellsChanged > 0)
        let before = backend.cellsChanged
        _ = m.handle(.key(.char("s")))
        Screen.render(m, into: &buffer)
        backend.present(buffer)
        #expect(backend.cellsChanged - before < 200, "a status change redraws a small part of the screen")
        #expect(backend.lines[0].contains("notReady"))
    }
}
