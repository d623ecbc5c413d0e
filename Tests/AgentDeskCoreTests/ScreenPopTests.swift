import AgentDeskCore
import Testing

@Suite("Screen-pop tabs and hashchange")
struct ScreenPopTests {
    @Test("resident always, pop-only from ring until the agent finishes, disabled never")
    func visibilityThroughACall() {
        var desk = Desk()
        let tabs = { (d: Desk) in d.state.visiblePages.map(\.name) }
        #expect(tabs(desk) == ["客户资料"])
        #expect(desk.state.url(ofPage: "客户资料") == "https://crm.example.com/customer")
        #expect(desk.state.url(ofPage: "工单") == nil)

        desk.send(.call())
        #expect(tabs(desk) == ["客户资料", "工单"])
        desk.send(.answer())
        #expect(tabs(desk) == ["客户资料", "工单"])
        desk.send(.hangUp())
        #expect(tabs(desk) == ["客户资料", "工单"], "after-call work still belongs to the call")
        #expect(desk.state.url(ofPage: "工单")?.contains("status=400") == true)
        desk.send(.tick(to: 10))
        #expect(tabs(desk) == ["客户资料", "工单"])
        desk.send(.wrapUp(.done))
        #expect(tabs(desk) == ["客户资料"])
        #expect(desk.state.url(ofPage: "客户资料")?.contains("status=400") == true, "the resident page keeps the last state")
        #expect(!desk.state.visiblePages.contains { $0.name == "旧系统" })
    }

    @Test("each page gets status 100, 200, 400 in order, once each")
    func hashchangesInOrder() {
        var desk = Desk()
        var seen: [String: [String]] = [:]
        for action in [Action.call(nick: "刘先生"), .hold(), .answer(), .hold(), .mute(), .sendDTMF(digits: "1"), .hangUp()] {
            for (page, url) in (desk.send(action), desk.hashchanges).1 {
                let status = HashCodec.decode(HashCodec.fragment(of: url)!).first { $0.key == "status" }!.value
                seen[page, default: []].append(status)
            }
        }
        #expect(seen["客户资料"] == ["100", "200", "400"])
        #expect(seen["工单"] == ["100", "200", "400"])
        #expect(seen["旧系统"] == nil)
    }

    @Test("no hashchange when the URL does not change")
    func onlyRealChanges() {
        var desk = Desk()
        desk.send([.call(), .answer()])
        for action in [Action.hold(), .resume(), .mute(), .unmute(), .sendDTMF(digits: "12"), .dialpad(.press("3")),
                       .callOut("10086"), .tick(to: 5)] {
            desk.send(action)
            #expect(desk.hashchanges.isEmpty, "\(action.name)")
        }
    }

    @Test("a second call with the same caller still reports its states")
    func sameCallerTwice() {
        var desk = Desk(quickConfig)
        desk.send([.call(), .answer(), .hangUp()])
        desk.send(.call())
        #expect(desk.hashchanges.map(\.page) == ["客户资料", "工单"])
    }

    @Test("a missed call closes the pop-only tab at once")
    func missedCall() {
        var desk = Desk()
        desk.send([.call(), .hangUp(closeBy: .client)])
        #expect(desk.state.visiblePages.map(\.name) == ["客户资料"])
        #expect(desk.state.agent.status == .free)
    }

    @Test("Chinese, spaces, + and & in caller fields reach the page intact")
    func encodingThroughTheReducer() throws {
        var desk = Desk()
        let caller = Caller(mobile: "+86 138-0000&status=0", userId: "o6_bmjrPTlm6_2sgVt7hMZOPfL2M", nickName: "刘 先生 #1 100%", avatar: "https://x.example/a.png?s=1&t=2")
        desk.send(.callIn(IncomingCall(type: .oim, caller: caller)))
        let url = try #require(desk.state.url(ofPage: "客户资料"))
        let params = Dictionary(uniqueKeysWithValues: HashCodec.decode(try #require(HashCodec.fragment(of: url))).map { ($0.key, $0.value) })
        #expect(params["mobile"] == caller.mobile)
        #expect(params["userId"] == caller.userId)
        #expect(params["nickName"] == caller.nickName)
        #expect(params["avatar"] == caller.avatar)
        #expect(params["status"] == "100")
        #expect(params["type"] == "oim")
        #expect(params["agentNickName"] == "小王")
        #expect(!url.contains("+"))
    }
}

@Suite("Determinism and bounds")
struct DeterminismTests {
    static let script: [Action] = [
        .call(timeout: 15), .tick(to: 3), .answer(), .tick(to: 40), .sendDTMF(digits: "1#"), .hangUp(closeBy: .client), .wrapUp(.done),
        .tick(to: 50), .call("", type: .im, nick: "Ann"), .tick(to: 55), .answer(), .callOut("10086", desc: "客服"),
        .call(timeout: 10), .tick(to: 70), .hangUp(), .tick(to: 200), .dial, .calleeAnswer(), .hangUp(), .tick(to: 400),
    ]

    @Test("the same actions give the same events and state, every time")
    func replay() {
        var a = Desk(), b = Desk()
        let first = a.send(Self.script), second = b.send(Self.script)
        #expect(first == second)
        #expect(!first.contains { if case .refused = $0.event { true } else { false } }, "the script is a valid walk")
        #expect(a.state == b.state)
        #expect(first.map(\.time) == first.map(\.time).sorted(), "times never go back")
        // The ring timeout fired at its own moment, not when the clock was next read.
        #expect(first.contains { $0.time == 65 && $0.event == .sessionEnded("s3", closeBy: .timer) })
    }

    @Test("history stays bounded however many calls go by")
    func boundedHistory() {
        var desk = Desk(quickConfig)
        for i in 0..<500 {
            desk.send([.tick(to: Double(i * 10)), .call(), .answer(), .hangUp()])
        }
        #expect(desk.state.sessions.count <= WorkstationState.historyLimit + 1)
        #expect(desk.state.sessions.last?.id == "s500")
    }
}
