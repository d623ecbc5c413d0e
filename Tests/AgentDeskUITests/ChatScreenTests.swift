import AgentDeskCore
@testable import AgentDeskUI
import Testing

/// A chat beside its call pane: a thread with CJK, emoji and a long URL, a card
/// and an order, the reply line, and the unread mark, in both languages.

@Suite("Chat screens")
struct ChatScreenTests {
    static var config: WorkstationConfig {
        var c = WorkstationConfig.demo
        c.chat.quickReplies = ["您好，请问有什么可以帮您？", "请稍等"]
        c.chat.cards = [ChatCard(title: "退货指引", description: "七天无理由退货，运费由我们承担", picture: "https://img.example.com/return.png",
                                 link: "https://help.example.com/return/policy?from=wechat&session=o6_bmjrPTlm6_2sgVt7hMZOPfL2M")]
        c.chat.orders = [ChatOrder(guide: "请确认您的订单", name: "蓝牙耳机 Pro", fields: [.init(name: "订单号", value: "2024-0001"), .init(name: "数量", value: "2")])]
        c.chat.idleTimeout = [.im: 300]
        return c
    }

    /// A chat at 12:00:40 with messages both ways.
    static func chat(_ language: Language, card: Bool = false) -> AppModel {
        var m = AppModel(config: config, language: language)
        _ = m.handle(.clock(seconds: 0, wall: "12:00:00"))
        m.send(.callIn(IncomingCall(type: .im, caller: Caller(userId: "o6_bmjr", nickName: "刘先生🧑‍🌾"))))
        m.send(.customerSays(text: "你好，我的蓝牙耳机坏了 😢 左边没有声音"))
        _ = m.handle(.clock(seconds: 5, wall: "12:00:05"))
        m.send(.answer())
        m.send(.agentSends(nil, .text("您好，请问有什么可以帮您？")))
        _ = m.handle(.clock(seconds: 20, wall: "12:00:20"))
        m.send(.customerSays(text: "订单在这里 https://shop.example.com/orders/2024-0001/detail?utm_source=wechat&utm_medium=chat&utm_campaign=spring"))
        if card {
            _ = m.handle(.clock(seconds: 30, wall: "12:00:30"))
            m.send(.agentSends(nil, .card(config.chat.cards[0])))
            m.send(.agentSends(nil, .order(config.chat.orders[0])))
        }
        _ = m.handle(.clock(seconds: 40, wall: "12:00:40"))
        return m
    }

    @Test("a chat thread with CJK, emoji and a long URL, newest at the bottom", arguments: Language.allCases)
    func thread(language: Language) {
        for (w, h) in [(80, 24), (120, 40)] {
            let lines = Screen.lines(Self.chat(language), width: w, height: h)
            expectAligned(lines, width: w)
            Golden.check(lines, named: "chat_thread_\(w)x\(h)_\(language.rawValue)")
        }
        let lines = Screen.lines(Self.chat(language), width: 120, height: 40)
        // The whole URL is there, wrapped, and the newest message is the lowest.
        let joined = lines.map { $0.replacingTrailingSpaces() }.joined()
        #expect(joined.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "│", with: "").contains("utm_campaign=spring"))
        // In the thread (the left column), not the event feed.
        let first = lines.firstIndex { $0.hasPrefix("│   你好，我的蓝牙耳机坏了") } ?? -1
        let last = lines.firstIndex { $0.hasPrefix("│   订单在这里") } ?? -1
        #expect(first >= 0 && last > first)
    }

    @Test("a card and an order are drawn as cards", arguments: Language.allCases)
    func card(language: Language) {
        let lines = Screen.lines(Self.chat(language, card: true), width: 120, height: 40)
        expectAligned(lines, width: 120)
        Golden.check(lines, named: "chat_card_120x40_\(language.rawValue)")
        #expect(lines.contains { $0.contains("退货指引") })
        #expect(lines.contains { $0.contains("订单号 2024-0001") })
    }

    @Test("the reply line shows what is typed and where the cursor is; quick replies are listed")
    func replyLine() {
        var m = Self.chat(.en)
        _ = m.handle(.key(.char("r")))
        for c in "你好 world" { _ = m.handle(.key(.char(c))) }
        _ = m.handle(.key(.left))
        let lines = Screen.lines(m, width: 100, height: 30)
        expectAligned(lines, width: 100)
        #expect(lines.contains { $0.contains("› 你好 world") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("Tab 1 您好") })
        #expect(lines.contains { $0.contains("Enter sends") })
        // Backspace left of the cursor: "worl" + "d" becomes "word"
        _ = m.handle(.key(.backspace))
        let output = m.handle(.key(.enter))
        #expect(output.agentActions == [.agentSends(SessionID("s1"), .text("你好 word"))])
        #expect(m.core.thread(SessionID("s1")).messages.last?.content == .text("你好 word"))
        #expect(m.ui.mode == .main)
    }

    @Test("hostile text in a message reaches the screen only as visible, harmless characters")
    func hostile() {
        var m = Self.chat(.en)
        m.send(.customerSays(text: "\u{1B}[31mred\u{1B}[0m \u{202E}evil\u{202C} zero\u{200B}width\u{9B}2J"))
        let lines = Screen.lines(m, width: 100, height: 30)
        expectAligned(lines, width: 100)
        let all = lines.joined()
        #expect(!all.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B || $0.value == 0x202E || $0.value == 0x200B })
        #expect(all.contains("␛[31mred"))
    }

    @Test("an unread mark on another chat until the agent looks at it")
    func unread() {
        var m = Self.chat(.en)
        m.send(.callIn(IncomingCall(type: .im, caller: Caller(nickName: "Ann"))))
        m.send(.customerSays(SessionID("s2"), text: "hello?"))
        m.send(.customerSays(SessionID("s2"), text: "anyone?"))
        var lines = Screen.lines(m, width: 100, height: 30)
        #expect(lines.contains { $0.contains("●2 s2 im") }, "\(lines.joined(separator: "\n"))")
        _ = m.handle(.key(.char("n")))
        lines = Screen.lines(m, width: 100, height: 30)
        #expect(!lines.contains { $0.contains("●2") })
        #expect(lines.contains { $0.contains("Chat s2") })
    }

    @Test("c picks a card or an order by number; Esc sends nothing")
    func picker() {
        var m = Self.chat(.zh)
        _ = m.handle(.key(.char("c")))
        let lines = Screen.lines(m, width: 80, height: 24)
        expectAligned(lines, width: 80)
        Golden.check(lines, named: "chat_picker_80x24_zh")
        _ = m.handle(.key(.escape))
        #expect(m.ui.mode == .main)
        _ = m.handle(.key(.char("c")))
        let output = m.handle(.key(.char("2")))
        #expect(output.agentActions == [.agentSends(SessionID("s1"), .order(Self.config.chat.orders[0]))])
    }

    @Test("the smallest screen, a 2000-character message and a 2000-character reply line: aligned, the cursor in view")
    func extremes() {
        var m = Self.chat(.zh, card: true)
        m.send(.customerSays(text: String(repeating: "长", count: 1000) + String(repeating: "a", count: 1000)))
        _ = m.handle(.key(.char("r")))
        for _ in 0..<ReplyLine.maxLength + 10 { _ = m.handle(.key(.char("好"))) }
        guard case let .reply(line) = m.ui.mode else { Issue.record("no reply line"); return }
        #expect(line.text.count == ReplyLine.maxLength)
        for (w, h) in [(60, 20), (80, 24), (200, 60)] {
            let lines = Screen.lines(m, width: w, height: h)
            expectAligned(lines, width: w)
            // The cursor is at the end: the reversed blank cell right after the last 好.
            #expect(lines.contains { $0.contains("› 好") && $0.contains("好 ") }, "\(w)x\(h)")
        }
        for _ in 0..<5 { _ = m.handle(.key(.left)) }
        _ = m.handle(.key(.up))
        let lines = Screen.lines(m, width: 60, height: 20)
        expectAligned(lines, width: 60)
        _ = m.handle(.key(.escape))
        _ = m.handle(.key(.char("c")))
        expectAligned(Screen.lines(m, width: 60, height: 20), width: 60)
    }

    @Test("a reply line edits by characters: combining marks and emoji sequences stay whole")
    func editing() {
        var line = ReplyLine()
        for c in ["e", "\u{301}", "🧑", "\u{200D}", "🌾", "刘"] as [Character] { line.insert(c) }
        #expect(line.text == "e\u{301}🧑\u{200D}🌾刘")
        #expect(line.cursor == 3)
        line.left()
        line.backspace()
        #expect(line.text == "e\u{301}刘")
        line.home()
        line.backspace()
        #expect(line.text == "e\u{301}刘")
        line.end()
        line.backspace()
        line.backspace()
        #expect(line.text.isEmpty)
        line.right()
        #expect(line.cursor == 0)
        let window = ReplyLine(String(repeating: "宽", count: 50)).window(width: 11)
        #expect(window.before == String(repeating: "宽", count: 5) && window.under == nil)
    }
}
