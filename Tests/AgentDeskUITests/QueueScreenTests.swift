import AgentDeskCore
@testable import AgentDeskUI
import Testing

/// A configuration with a directory, rest reasons and a short patience.
private let shiftConfig: WorkstationConfig = {
    var c = WorkstationConfig.demo
    c.queue = QueuePolicy(patience: 45, capacity: 5)
    c.transferTargets = [
        TransferTarget(kind: .skillGroup, id: "1001", name: "售后技能组"),
        TransferTarget(kind: .skillGroup, id: "1002", name: "VIP 客服 🌟"),
        TransferTarget(kind: .agent, id: "li@example.com", name: "李四"),
    ]
    c.restReasons = ["午餐", "会议", "培训"]
    return c
}()

private func press(_ m: inout AppModel, _ keys: Key...) {
    for key in keys { _ = m.handle(.key(key)) }
}

/// On a call since 0:03, two callers waiting since 0:10 and 0:20; the clock at 0:50.
private func queueModel(_ language: Language) -> AppModel {
    var m = AppModel(config: shiftConfig, language: language)
    _ = m.handle(.clock(seconds: 0, wall: "12:00:00"))
    _ = m.handle(.clock(seconds: 3, wall: "12:00:03"))
    m.send(.callIn(SampleCallers.all[0]))
    m.send(.answer())
    _ = m.handle(.clock(seconds: 10, wall: "12:00:10"))
    m.send(.callIn(IncomingCall(caller: Caller(mobile: "13800000002", nickName: "王女士"))))
    _ = m.handle(.clock(seconds: 20, wall: "12:00:20"))
    m.send(.callIn(IncomingCall(caller: Caller(mobile: "13800000003"))))
    _ = m.handle(.clock(seconds: 50, wall: "12:00:50"))
    return m
}

@Suite("The queue and the pickers on screen")
struct QueueScreenTests {
    @Test("the header shows the queue's length and longest wait; the call panel lists who waits", arguments: [Language.zh, .en])
    func queueHeader(_ language: Language) {
        let m = queueModel(language)
        let lines = Screen.lines(m, width: 100, height: 30)
        expectAligned(lines, width: 100)
        #expect(lines[0].contains(language == .zh ? "排队 2 · 最长 00:40" : "queue 2 · longest 00:40"), "\(lines[0])")
        let screen = lines.joined(separator: "\n")
        #expect(screen.contains("s2 phone 00:40 王女士"))
        #expect(screen.contains("s3 phone 00:30 13800000003"))
        Golden.check(lines, named: "queue_header_100x30_\(language.rawValue)")
        // At 80 columns the queue still shows in the header.
        let narrow = Screen.lines(m, width: 80, height: 24)
        expectAligned(narrow, width: 80)
        #expect(narrow[0].contains(language == .zh ? "排队 2" : "queue 2"), "\(narrow[0])")
    }

    @Test("t opens the transfer directory; ↓ moves; Enter transfers to the highlighted target", arguments: [Language.zh, .en])
    func transferPicker(_ language: Language) {
        var m = AppModel(config: shiftConfig, language: language)
        _ = m.handle(.clock(seconds: 0, wall: "12:00:00"))
        m.send(.callIn(SampleCallers.all[0]))
        m.send(.answer())
        _ = m.handle(.clock(seconds: 30, wall: "12:00:30"))
        press(&m, .char("t"), .down)
        guard case let .picker(picker) = m.ui.mode else {
            Issue.record("no picker: \(m.ui.mode)")
            return
        }
        #expect(picker.highlighted == 1)
        let lines = Screen.lines(m, width: 100, height: 30)
        expectAligned(lines, width: 100)
        Golden.check(lines, named: "transfer_picker_100x30_\(language.rawValue)")
        press(&m, .enter)
        #expect(m.ui.mode == .main)
        #expect(m.core.sessions[0].transferredTo == "VIP 客服 🌟")
    }

    @Test("the picker: numbers pick, free text wins over the list, Esc cancels and changes nothing")
    func pickerKeys() {
        var m = AppModel(config: shiftConfig, language: .en)
        m.send(.callIn(SampleCallers.all[0]))
        m.send(.answer())
        let before = m.core
        press(&m, .char("t"), .char("x"), .backspace, .escape)
        #expect(m.ui.mode == .main && m.core == before)
        press(&m, .char("t"), .char("技"), .char("术"), .enter)
        #expect(m.core.sessions[0].transferredTo == "技术")
        var n = AppModel(config: shiftConfig, language: .en)
        n.send(.callIn(SampleCallers.all[0]))
        n.send(.answer())
        press(&n, .char("t"), .char("3"))
        #expect(n.core.sessions[0].transferredTo == "李四")
        // A number past the list does nothing; 0 is not a pick.
        var o = AppModel(config: shiftConfig, language: .en)
        press(&o, .char("s"), .char("s"), .char("9"), .char("0"))
        guard case let .picker(p) = o.ui.mode else {
            Issue.record("no rest picker: \(o.ui.mode)")
            return
        }
        #expect(p.purpose == .restReason && p.text.isEmpty, "rest reasons are the list's only")
        press(&o, .up, .enter)
        #expect(o.core.agent.status == .rest && o.core.agent.restReason == "培训")
    }

    @Test("the rest picker lists the configured reasons", arguments: [Language.zh, .en])
    func restPicker(_ language: Language) {
        var m = AppModel(config: shiftConfig, language: language)
        _ = m.handle(.clock(seconds: 0, wall: "12:00:00"))
        press(&m, .char("s"), .char("s"))
        let lines = Screen.lines(m, width: 80, height: 24)
        expectAligned(lines, width: 80)
        Golden.check(lines, named: "rest_picker_80x24_\(language.rawValue)")
    }

    @Test("an abandoned call stays in Recent sessions; b puts its number on the dialpad")
    func abandonedAndCallBack() {
        var m = queueModel(.en)
        _ = m.handle(.clock(seconds: 60, wall: "12:01:00"))
        let lines = Screen.lines(m, width: 120, height: 40)
        expectAligned(lines, width: 120)
        let screen = lines.joined(separator: "\n")
        #expect(screen.contains("Recent sessions (b calls back)"), "\(screen)")
        #expect(screen.contains("00:10 ← abandoned 00:45 · 王女士 · phone"), "\(screen)")
        press(&m, .char("b"))
        #expect(m.ui.mode == .dialpad)
        #expect(m.core.dialpad.number == "13800000002" && m.core.dialpad.display == "王女士")
    }

    @Test("tiny terminals and a huge directory: the picker never draws outside the screen")
    func tinyAndHuge() {
        var config = shiftConfig
        config.transferTargets = (1...150).map { TransferTarget(kind: .agent, id: "a\($0)", name: "座席\($0) \u{202E}evil\u{0007}") }
        var m = AppModel(config: config, language: .zh)
        m.send(.callIn(SampleCallers.all[0]))
        m.send(.answer())
        press(&m, .char("t"))
        for _ in 0..<140 { press(&m, .down) }
        for (w, h) in [(60, 20), (80, 24), (200, 60)] {
            let lines = Screen.lines(m, width: w, height: h)
            expectAligned(lines, width: w)
            let screen = lines.joined()
            #expect(screen.contains("座席141"), "the highlighted item stays in view at \(w)x\(h)")
            #expect(!screen.contains("\u{202E}") && !screen.contains("\u{0007}"))
        }
    }
}
