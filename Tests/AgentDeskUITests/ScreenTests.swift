import AgentDeskCore
@testable import AgentDeskUI
import Testing

enum CallStage: String, CaseIterable, Sendable { case idle, ringing, connected, ended }

/// A model walked to a stage, with fixed clocks so screens are the same every run.
func model(_ stage: CallStage, language: Language, caller: IncomingCall = SampleCallers.all[0]) -> AppModel {
    var m = AppModel(config: .demo, language: language)
    _ = m.handle(.clock(seconds: 0, wall: "12:00:00"))
    if stage == .idle { return m }
    _ = m.handle(.clock(seconds: 3, wall: "12:00:03"))
    m.send(.callIn(caller))
    _ = m.handle(.clock(seconds: 8, wall: "12:00:08"))
    if stage == .ringing { return m }
    m.send(.answer())
    _ = m.handle(.clock(seconds: 72, wall: "12:01:12"))
    if stage == .connected { return m }
    m.send(.hangUp(closeBy: .client))
    _ = m.handle(.clock(seconds: 80, wall: "12:01:20"))
    return m
}

/// Every line of a screen is exactly as wide as the screen: borders stay aligned
/// whatever the text (CJK, combining marks, emoji).
func expectAligned(_ lines: [String], width: Int, sourceLocation: SourceLocation = #_sourceLocation) {
    for (index, line) in lines.enumerated() {
        #expect(DisplayWidth.of(line) == width, "line \(index + 1) is \(DisplayWidth.of(line)) columns: \(line)", sourceLocation: sourceLocation)
    }
}

@Suite("Golden screens")
struct ScreenTests {
    static let sizes = [(80, 24), (120, 40)]

    @Test("the main screen at each size, language and stage of a call",
          arguments: Language.allCases, CallStage.allCases)
    func mainScreen(language: Language, stage: CallStage) {
        for (w, h) in Self.sizes {
            let lines = Screen.lines(model(stage, language: language), width: w, height: h)
            expectAligned(lines, width: w)
            Golden.check(lines, named: "main_\(w)x\(h)_\(language.rawValue)_\(stage.rawValue)")
        }
    }

    @Test("a long Chinese nickname and an emoji are cut with … and keep the borders aligned")
    func longNameAndEmoji() {
        let caller = IncomingCall(type: .im, caller: Caller(
            userId: "o6_bmjrPTlm6_2sgVt7hMZOPfL2M", nickName: "上海浦东新区张江高科技园区客户服务中心的刘先生🧑‍🌾",
            avatar: "https://thirdwx.qlogo.cn/mmopen/vi_32/Q0j4TwGTfTLongAvatarPath/132"))
        for (w, h) in Self.sizes {
            let lines = Screen.lines(model(.connected, language: .zh, caller: caller), width: w, height: h)
            expectAligned(lines, width: w)
            #expect(lines.contains { $0.contains("上海浦东") && $0.contains("…") })
            Golden.check(lines, named: "long_name_\(w)x\(h)")
        }
    }

    @Test("the call panel shows what the issue lists: code and label, type, direction, caller, times, marks")
    func callPanelContent() {
        var m = model(.connected, language: .en)
        m.send(.hold())
        m.send(.mute())
        let screen = Screen.lines(m, width: 120, height: 40).joined(separator: "\n")
        for text in ["200 Connected 已接入", "talk 01:04", "phone 电话 · inbound · s1", "刘先生", "18888888888", "u-10001",
                     "on hold", "muted", "● busy ", "sdkAppId 1400000001", "12:01:12", "小王 Agent"] {
            #expect(screen.contains(text), "missing \(text)")
        }
    }

    @Test("an im session beside a call is listed")
    func otherSessions() {
        var m = model(.connected, language: .en)
        m.send(.callIn(SampleCallers.all[1]))
        let screen = Screen.lines(m, width: 100, height: 30).joined(separator: "\n")
        #expect(screen.contains("Other sessions"))
        #expect(screen.contains("s2 im 100 微信用户🌸"))
    }

    @Test("the selected tab shows its full URL, decoded parameters and latest hashchanges")
    func screenPopTab() {
        let m = model(.connected, language: .en)
        let lines = Screen.lines(m, width: 120, height: 40)
        let screen = lines.joined(separator: "\n")
        let url = m.core.url(ofPage: "客户资料")!
        // The URL is wrapped, not cut: its pieces, joined, are the whole URL.
        let pane = lines.compactMap { line -> String? in
            guard let r = line.range(of: "│ ", options: .backwards) else { return nil }
            let piece = String(line[r.upperBound...]).replacingOccurrences(of: "│", with: "").replacingTrailingSpaces()
            return piece.count >= 6 && url.contains(piece) ? piece : nil
        }.joined()
        #expect(pane.contains(url))
        #expect(screen.contains("nickName      刘先生"))
        #expect(screen.contains("status=200 type=phone"))
        #expect(screen.contains("status=100 type=phone"))
    }

    @Test("pop-only tabs appear with a call and the disabled page never")
    func tabs() {
        let idle = Screen.lines(model(.idle, language: .zh), width: 80, height: 24).joined()
        let ringing = Screen.lines(model(.ringing, language: .zh), width: 80, height: 24).joined()
        #expect(idle.contains("客户资料") && !idle.contains("工单"))
        #expect(ringing.contains("客户资料") && ringing.contains("工单"))
        #expect(!ringing.contains("旧系统"))
    }

    @Test("below the minimum size, a clear 'too small' screen")
    func tooSmall() {
        let lines = Screen.lines(model(.ringing, language: .en), width: 50, height: 15)
        #expect(lines.contains { $0.contains("Terminal too small") })
        #expect(lines.contains { $0.contains("50×15") })
        #expect(lines.contains { $0.contains("needs 60×20") })
        expectAligned(lines, width: 50)
    }

    @Test("the smallest size still shows the whole workstation")
    func minimumSize() {
        let lines = Screen.lines(model(.connected, language: .zh), width: 60, height: 20)
        expectAligned(lines, width: 60)
        let screen = lines.joined()
        for text in ["200 已接入", "客户资料", "拨号盘", "事件"] { #expect(screen.contains(text), "missing \(text)") }
    }

    @Test("NO_COLOR: no cell carries a colour; bold and reverse remain")
    func noColor() {
        var m = model(.ringing, language: .en)
        m.ui.colors = false
        var buffer = CellBuffer(width: 80, height: 24)
        Screen.render(m, into: &buffer)
        #expect(buffer.cells.allSatisfy { $0.style.foreground == .default && $0.style.background == .default })
        #expect(buffer.cells.contains { $0.style.reverse })
        var colored = CellBuffer(width: 80, height: 24)
        Screen.render(model(.ringing, language: .en), into: &colored)
        #expect(colored.cells.contains { $0.style.foreground != .default })
    }

    @Test("the help overlay lists every binding of the key table")
    func help() {
        var m = model(.idle, language: .en)
        _ = m.handle(.key(.char("?")))
        for (w, h) in Self.sizes + [(60, 20)] {
            let lines = Screen.lines(m, width: w, height: h)
            expectAligned(lines, width: w)
            let screen = lines.joined(separator: "\n")
            for binding in KeyTable.bindings {
                #expect(screen.contains(binding.keyText), "\(binding.keyText) missing at \(w)x\(h)")
                if w >= 80 { #expect(screen.contains(binding.en), "\(binding.en) missing at \(w)x\(h)") }
            }
        }
        var zh = model(.idle, language: .zh)
        _ = zh.handle(.key(.char("?")))
        Golden.check(Screen.lines(zh, width: 80, height: 24), named: "help_80x24_zh")
    }

    @Test("the hint bar is drawn from the key table")
    func hintBar() {
        let lines = Screen.lines(model(.idle, language: .en), width: 200, height: 30)
        let bar = lines.last!
        for binding in KeyTable.hints(dialpadFocused: false) {
            #expect(bar.contains("\(binding.keyText) \(binding.en)"))
        }
        #expect(!bar.contains("0-9*#+"), "dialpad keys show only when it has focus")
    }
}

@Suite("Recent sessions")
struct RecentSessionsTests {
    @Test("finished sessions are listed newest first where there is room")
    func recent() {
        var m = AppModel(config: .demo, language: .en)
        _ = m.handle(.clock(seconds: 0, wall: "12:00:00"))
        m.send(.callIn(SampleCallers.all[0]))
        m.send(.hangUp(closeBy: .client))
        _ = m.handle(.clock(seconds: 10, wall: "12:00:10"))
        m.send(.callIn(SampleCallers.all[2]))
        m.send(.answer())
        _ = m.handle(.clock(seconds: 75, wall: "12:01:15"))
        m.send(.hangUp())
        m.send(.wrapUp(.done))
        _ = m.handle(.clock(seconds: 80, wall: "12:01:20"))
        m.send(.callIn(SampleCallers.all[1]))
        let lines = Screen.lines(m, width: 120, height: 40)
        expectAligned(lines, width: 120)
        let screen = lines.joined(separator: "\n")
        #expect(screen.contains("Recent sessions"))
        let newer = screen.range(of: "00:10 ← 01:05 · Alice Wong · phone")
        let older = screen.range(of: "00:00 ← missed · 刘先生 · phone")
        #expect(newer != nil && older != nil)
        if let newer, let older { #expect(newer.lowerBound < older.lowerBound, "newest first") }
        Golden.check(lines, named: "recent_sessions_120x40")
    }
}
