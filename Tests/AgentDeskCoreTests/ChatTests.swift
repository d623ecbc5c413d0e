import AgentDeskCore
import Testing

private let s1 = SessionID("s1"), s2 = SessionID("s2"), s3 = SessionID("s3")
private let chatIn: Action = .call("", type: .im, nick: "微信用户")
private let oimIn: Action = .call("13800000000", type: .oim, nick: "김민준")
private var idleConfig: WorkstationConfig {
    var c = WorkstationConfig.demo
    c.chat.idleTimeout = [.im: 60, .oim: 120]
    return c
}

private func texts(_ state: WorkstationState, _ id: SessionID) -> [String] {
    state.thread(id).messages.map { message in
        let who = message.from == .customer ? "C" : "A"
        switch message.content {
        case let .text(t): return "\(who):\(t)"
        case let .card(c): return "\(who):card \(c.title)"
        case let .order(o): return "\(who):order \(o.name)"
        }
    }
}

/// Chats with messages: who may write when, which chat a message goes to, unread
/// marks, and the idle timeout. Each refusal changes nothing.
let chatTransitions: [Transition] = [
    .init("the customer writes while the chat rings", before: [chatIn], .customerSays(text: "你好 🧑‍🌾"),
          .events(["imMessage"]), then: { texts($0, s1) == ["C:你好 🧑‍🌾"] && $0.thread(s1).messages[0].time == 0 }),
    .init("the agent replies in the connected chat", before: [chatIn, .answer(), .tick(to: 5), .customerSays(text: "在吗")],
          .agentSends(nil, .text("您好，请讲")),
          .events(["imMessage"]), then: { texts($0, s1) == ["C:在吗", "A:您好，请讲"] && $0.thread(s1).messages[1].time == 5 }),
    .init("a card goes into the chat", before: [chatIn, .answer()],
          .agentSends(s1, .card(ChatCard(title: "退货指引", link: "https://example.com/r"))),
          .events(["imMessage"]), then: { texts($0, s1) == ["A:card 退货指引"] }),
    .init("an order goes into the chat", before: [chatIn, .answer()],
          .agentSends(s1, .order(ChatOrder(guide: "请确认订单", name: "蓝牙耳机", fields: [.init(name: "数量", value: "2")]))),
          .events(["imMessage"]), then: { texts($0, s1) == ["A:order 蓝牙耳机"] }),
    .init("the agent cannot reply to a ringing chat", before: [chatIn], .agentSends(nil, .text("hi")),
          .refused("s1 is still ringing; answer it before replying")),
    .init("the agent cannot reply to a named ringing chat", before: [chatIn], .agentSends(s1, .text("hi")),
          .refused("s1 is still ringing; answer it before replying")),
    .init("a phone call has no chat", before: [.call()], .customerSays(s1, text: "hi"),
          .refused("s1 is a phone call; only chats (im, oim) carry messages")),
    .init("an om call has no chat", before: [.call(type: .om)], .agentSends(s1, .text("hi")),
          .refused("s1 is an audio call (om); only chats (im, oim) carry messages")),
    .init("with only a phone call, there is no chat to write in", before: [.call(), .answer()], .customerSays(text: "hi"),
          .refused("there is no live chat (im or oim)")),
    .init("an ended chat is closed", before: [chatIn, .answer(), .hangUp()], .customerSays(s1, text: "还在吗"),
          .refused("s1 has ended; its chat is closed")),
    .init("the agent cannot write in an ended chat", before: [chatIn, .answer(), .hangUp(closeBy: .client)], .agentSends(s1, .text("x")),
          .refused("s1 has ended; its chat is closed")),
    .init("the selected chat has ended: said so, without naming it", before: [chatIn, .answer(), .hangUp()], .agentSends(nil, .text("x")),
          .refused("s1 has ended; its chat is closed")),
    .init("no such session", before: [chatIn], .customerSays(s3, text: "x"), .refused("there is no session s3")),
    .init("an empty message is refused", before: [chatIn], .customerSays(text: "  \n "), .refused("the message is empty")),
    .init("a message over the limit is refused, not cut", before: [chatIn],
          .customerSays(text: String(repeating: "好", count: ChatMessage.maxTextLength + 1)),
          .refused("the message is 2001 characters long; at most 2000 are sent")),
    .init("a message at the limit is taken whole", before: [chatIn],
          .customerSays(text: String(repeating: "好", count: ChatMessage.maxTextLength)),
          .events(["imMessage"]), then: { $0.thread(s1).messages[0].content == .text(String(repeating: "好", count: 2000)) }),
    .init("a card needs a title", before: [chatIn, .answer()], .agentSends(nil, .card(ChatCard(title: " "))),
          .refused("the card needs a title")),
    .init("an order needs a name", before: [chatIn, .answer()], .agentSends(nil, .order(ChatOrder(name: ""))),
          .refused("the order needs a name")),
    .init("an order with too many custom fields is refused", before: [chatIn, .answer()],
          .agentSends(nil, .order(ChatOrder(name: "x", fields: (0...ChatMessage.maxOrderFields).map { .init(name: "k\($0)", value: "v") }))),
          .refused("custom fields; at most 20 are sent")),
    // Several chats at once: each message goes to its own thread.
    .init("a message without a session goes to the selected chat", before: [chatIn, .answer(), chatIn, .answer(s2), .select(s1)],
          .customerSays(text: "第一"), .events(["imMessage"]), then: { texts($0, s1) == ["C:第一"] && texts($0, s2).isEmpty }),
    .init("a message names its session", before: [chatIn, .answer(), chatIn, .answer(s2), .select(s1), .customerSays(text: "一")],
          .customerSays(s2, text: "二"), .events(["imMessage"]),
          then: { texts($0, s1) == ["C:一"] && texts($0, s2) == ["C:二"] && $0.thread(s2).unread == 1 && $0.thread(s1).unread == 0 }),
    .init("looking at a chat reads it", before: [chatIn, .answer(), chatIn, .answer(s2), .select(s1), .customerSays(s2, text: "二"),
                                                  .customerSays(s2, text: "三")],
          .select(s2), .events(["selected"]), then: { $0.thread(s2).unread == 0 && texts($0, s2).count == 2 }),
    .init("a chat beside a phone call: its messages are unread while the call is selected",
          before: [.call(), .answer(), chatIn], .customerSays(s2, text: "你好"),
          .events(["imMessage"]), then: { $0.selected == s1 && $0.thread(s2).unread == 1 }),
    .init("an oim session carries a chat beside its voice", before: [oimIn, .answer(), .hold()], .agentSends(nil, .text("稍等")),
          .events(["imMessage"]), then: { texts($0, s1) == ["A:稍等"] && $0.session(s1)?.onHold == true }),
    // Idle: a connected chat with no message for its type's idleTimeout ends, closeBy timer.
    .init("a chat idle for its timeout ends, closeBy timer", config: idleConfig, before: [chatIn, .answer(), .tick(to: 30), .customerSays(text: "hi")],
          .tick(to: 200), .events(["sessionEnded", "hashchange"]),
          then: { $0.session(s1)?.closeBy == .timer && $0.session(s1)?.endedAt == 90 && $0.now == 200 }),
    .init("every message restarts the idle time", config: idleConfig, before: [chatIn, .answer(), .tick(to: 50), .agentSends(nil, .text("在吗"))],
          .tick(to: 109), .events([]), then: { $0.session(s1)?.status == .connected && $0.idleDeadline(of: s1) == 110 }),
    .init("idle counts from the answer, not the ring", config: idleConfig, before: [chatIn, .tick(to: 100), .answer()],
          .tick(to: 159), .events([]), then: { $0.session(s1)?.status == .connected }),
    .init("oim has its own idle timeout", config: idleConfig, before: [oimIn, .answer()],
          .tick(to: 120), .events(["sessionEnded", "statusChanged", "hashchange", "hashchange"]),
          then: { $0.session(s1)?.closeBy == .timer && $0.agent.status == .arrange }),
    .init("no idle timeout configured: a chat waits forever", before: [chatIn, .answer()], .tick(to: 86_400), .events([]),
          then: { $0.session(s1)?.status == .connected }),
    .init("idle ends only the chat that was idle", config: idleConfig,
          before: [chatIn, .answer(), .tick(to: 40), chatIn, .answer(s2)], .tick(to: 60),
          .events(["sessionEnded"]), then: { $0.session(s1)?.status == .ended && $0.session(s2)?.status == .connected }),
]

@Suite("Chats")
struct ChatTests {
    @Test("chat transitions", arguments: chatTransitions)
    func transitions(_ t: Transition) {
        var desk = Desk(t.config, status: t.status)
        for action in t.before {
            desk.send(action)
            #expect(desk.refusal == nil, "setup step \(action.name) was refused: \(desk.refusal!)")
        }
        let before = desk.state
        desk.send(t.action)
        switch t.outcome {
        case let .events(names):
            #expect(desk.refusal == nil, "refused: \(desk.refusal.map(\.reason) ?? "")")
            #expect(desk.names == names)
        case let .refused(reason):
            let refusal = desk.refusal
            #expect(refusal?.reason.contains(reason) == true, "got \(String(describing: refusal))")
            #expect(desk.last.count == 1)
            #expect(desk.state == before, "a refused action must change nothing")
        }
        if let then = t.then { #expect(then(desk.state)) }
    }

    @Test("a thread keeps its newest messages and counts the ones let go")
    func bounded() {
        var desk = Desk()
        desk.send([chatIn, .answer()])
        for n in 1...(ChatThread.maxMessages + 25) { desk.send(.customerSays(text: "m\(n)")) }
        let thread = desk.state.thread(s1)
        #expect(thread.messages.count == ChatThread.maxMessages)
        #expect(thread.dropped == 25)
        #expect(thread.messages.first?.content == .text("m26"))
        #expect(thread.messages.last?.content == .text("m\(ChatThread.maxMessages + 25)"))
    }

    @Test("the transcript's imMessage line: session, from, text; cards and orders as objects")
    func transcript() {
        var desk = Desk()
        var transcript = Transcript()
        var lines: [String] = []
        for action: Action in [chatIn, .customerSays(text: "你好\n\"引号\""), .answer(),
                               .agentSends(nil, .card(ChatCard(title: "卡", link: "https://e.com/?a=1&b=2"))),
                               .agentSends(nil, .order(ChatOrder(name: "耳机", fields: [.init(name: "数量", value: "2")])))] {
            lines += transcript.lines(for: desk.send(action))
        }
        let messages = lines.filter { $0.contains("\"imMessage\"") }
        #expect(messages == [
            #"{"seq":4,"t":0,"event":"imMessage","session":"s1","from":"customer","text":"你好\n\"引号\""}"#,
            #"{"seq":8,"t":0,"event":"imMessage","session":"s1","from":"agent","card":{"title":"卡","link":"https://e.com/?a=1&b=2"}}"#,
            #"{"seq":9,"t":0,"event":"imMessage","session":"s1","from":"agent","order":{"name":"耳机","fields":[{"name":"数量","value":"2"}]}}"#,
        ], "\(lines)")
    }

    @Test("expect checks a chat's messages, unread count and last message")
    func expect() throws {
        let scenario = try Scenario.parse("""
            steps:
              - call: {type: im, nickName: A}
              - call: {type: im, nickName: B}
              - customerSays: 你好
                session: s2
              - expect: {session: {messages: 0, unread: 0}}
              - select: s2
              - expect: {session: {messages: 1, unread: 0, lastMessage: 你好}}
              - expect: {session: {lastMessage: 再见}}
            """, file: "e.yaml")
        var run = ScenarioRun(scenario)
        while !run.isFinished { _ = run.playNext() }
        #expect(run.expectsHeld == 2)
        #expect(run.failures.count == 1)
        #expect(run.failureReport.first?.contains("session.lastMessage expected 再见, got 你好") == true, "\(run.failureReport)")
    }

    @Test("old sessions' threads go with them")
    func pruned() {
        var desk = Desk(quickConfig)
        for _ in 0..<(WorkstationState.historyLimit + 5) {
            desk.send([chatIn, .answer(), .customerSays(text: "x"), .hangUp()])
        }
        #expect(desk.state.chats.count <= WorkstationState.historyLimit + 1)
        #expect(desk.state.chats.keys.allSatisfy { desk.state.session($0) != nil })
    }

    @Test("record writes chat actions that read back the same; the chat settings survive the written configuration")
    func recording() throws {
        let actions: [Action] = [
            .customerSays(nil, text: "你好 \"引号\" #1: yes"), .customerSays(s2, text: "08"),
            .agentSends(nil, .text("no")), .agentSends(s1, .text("多行\n第二行")),
            .agentSends(nil, .card(ChatCard(title: "退货: 指引", description: "七天", picture: "https://i/p.png", link: "https://h/r?a=1&b=2"))),
            .agentSends(s2, .order(ChatOrder(guide: "请确认", name: "耳机", description: nil, picture: nil,
                                              fields: [.init(name: "数量", value: "2"), .init(name: "颜色", value: "黑")]))),
        ]
        var yaml = "steps:\n"
        for (index, action) in actions.enumerated() { yaml += try #require(ScenarioWriter.step(action, at: Double(index))) }
        let steps = try Scenario.parse(yaml, file: "rec.yaml").steps
        #expect(steps.map(\.kind) == actions.map { .actions([$0]) }, "\(yaml)")

        var config = WorkstationConfig.demo
        config.chat.quickReplies = ["您好", "1"]
        config.chat.cards = [ChatCard(title: "卡", link: "https://x/y")]
        config.chat.orders = [ChatOrder(name: "单", fields: [.init(name: "b", value: "2"), .init(name: "a", value: "1")])]
        config.chat.idleTimeout = [.im: 300, .oim: 60]
        let again = try WorkstationConfig.parse(WorkstationConfigWriter.json(config), file: "w.json")
        #expect(again.chat == config.chat)
    }

    @Test("bad chat settings are reported where they are", arguments: [
        ("quickReplies: [\"\"]", "quickReplies[0]: must not be empty"),
        ("idleTimeout: {om: 5}", "idleTimeout"),
        ("idleTimeout: -1", "idleTimeout"),
        ("cards: [{link: x}]", "cards[0]"),
        ("orders: [{name: x, fields: [{name: a}]}]", "orders[0]"),
        ("quickReplies: [1,2,3,4,5,6,7,8,9,10]", "at most 9"),
    ])
    func badSettings(_ line: String, _ expected: String) {
        do {
            _ = try WorkstationConfig.parse("sdkAppId: 1\nagent: {nickName: a}\n" + line + "\n", file: "c.yaml")
            Issue.record("accepted: \(line)")
        } catch {
            #expect(error.errors.contains { $0.description.contains(expected) }, "\(error)")
        }
    }
}
