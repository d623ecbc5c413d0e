import AgentDeskCore
import Testing

/// The queue, missed calls, the transfer directory, rest reasons and timers: the
/// same transition tables as the rest of the workstation (`TransitionTests`).
private let connected: [Action] = [.call(), .answer()]
/// A configuration with a short patience, no after-call work, a directory and rest reasons.
private let shiftConfig: WorkstationConfig = {
    var c = WorkstationConfig.demo
    c.queue = QueuePolicy(patience: 30, capacity: 3)
    c.transferTargets = [
        TransferTarget(kind: .skillGroup, id: "1001", name: "售后技能组"),
        TransferTarget(kind: .agent, id: "wang@example.com", name: "王五"),
    ]
    c.restReasons = ["午餐", "会议", "培训"]
    return c
}()
private let waitingConfig: WorkstationConfig = {
    var c = shiftConfig
    c.afterCallWork = 0
    return c
}()
private let rest: Action = .setStatus(.rest, reason: "午餐")

extension Action {
    static func waiting(_ mobile: String, patience: Double? = nil, type: SessionType = .phone) -> Action {
        .callIn(IncomingCall(type: type, caller: Caller(mobile: mobile), patience: patience))
    }
}

let queueTransitions: [Transition] = [
    // A call in every agent status.
    .init("free: the call rings at once, no queue", config: shiftConfig, .waiting("13800000001"),
          .events(["statusChanged", "callIn", "hashchange", "hashchange"]), then: { $0.queue.isEmpty }),
    .init("busy on a phone call: the call waits", config: shiftConfig, before: connected, .waiting("13800000002"),
          .events(["queued"]), then: { $0.queue.map(\.id) == ["s2"] && $0.liveSessions.count == 1 }),
    .init("busy while it rings: the call waits", config: shiftConfig, before: [.call()], .waiting("13800000002"),
          .events(["queued"]), then: { $0.queue.count == 1 }),
    .init("notReady: the call waits", config: shiftConfig, status: .notReady, .waiting("13800000003"),
          .events(["queued"]), then: { $0.queue.first?.queuedAt == 0 && $0.queue.first?.patience == 30 }),
    .init("rest: the call waits", config: shiftConfig, before: [rest], .waiting("13800000004"),
          .events(["queued"]), then: { $0.agent.status == .rest && $0.queue.count == 1 }),
    .init("after-call work: the call waits", config: shiftConfig, before: connected + [.hangUp()], .waiting("13800000005"),
          .events(["queued"]), then: { $0.agent.status == .arrange && $0.queue.count == 1 }),
    .init("offline: the call is refused, nothing waits", config: shiftConfig, status: .offline, .waiting("13800000006"),
          .refused("the agent is offline")),
    .init("a chat does not queue (it still needs free or busy)", config: shiftConfig, status: .notReady,
          .waiting("", type: .im), .refused("a chat reaches only an agent who is free or on a call")),
    .init("a full queue turns the caller away", config: shiftConfig, status: .notReady,
          before: [.waiting("1"), .waiting("2"), .waiting("3")], .waiting("4"), .refused("the queue is full (3 callers waiting")),
    .init("a patience out of range", config: shiftConfig, status: .notReady, .waiting("1", patience: 0),
          .refused("the patience must be 1 to 86400 seconds")),
    // Abandoning in every status that queues.
    .init("busy: the caller abandons after their patience", config: shiftConfig, before: connected + [.waiting("2")],
          .tick(to: 31), .events(["sessionEnded"]),
          then: { $0.queue.isEmpty && $0.session("s2")?.abandoned == true && $0.session("s2")?.closeBy == .client
              && $0.session("s2")?.endedAt == 30 && $0.session("s2")?.isMissed == true && $0.sessions[0].status == .connected }),
    .init("notReady: the caller abandons", config: shiftConfig, status: .notReady, before: [.waiting("1")],
          .tick(to: 30), .events(["sessionEnded"]), then: { $0.session("s1")?.abandoned == true && $0.agent.status == .notReady }),
    .init("rest: the caller abandons", config: shiftConfig, before: [rest, .waiting("1")],
          .tick(to: 45), .events(["sessionEnded"]), then: { $0.session("s1")?.finished == true && $0.agent.status == .rest }),
    .init("after-call work (kept going): the caller abandons", config: shiftConfig,
          before: connected + [.hangUp(), .wrapUp(.keepGoing), .waiting("2")], .tick(to: 30),
          .events(["sessionEnded"]), then: { $0.session("s2")?.abandoned == true && $0.agent.status == .arrange }),
    .init("the call's own patience beats the configuration's", config: shiftConfig, status: .notReady,
          before: [.waiting("1", patience: 5)], .tick(to: 5), .events(["sessionEnded"]), then: { $0.session("s1")?.endedAt == 5 }),
    .init("not yet: the caller still waits", config: shiftConfig, status: .notReady, before: [.waiting("1")],
          .tick(to: 29.9), .events([]), then: { $0.queue.count == 1 && $0.longestWait == 29.9 }),
    // Ringing when the agent becomes free, in arrival order.
    .init("free again: the first caller rings", config: shiftConfig, status: .notReady, before: [.waiting("1"), .waiting("2")],
          .setStatus(.free), .events(["statusChanged", "statusChanged", "callIn", "hashchange", "hashchange"]),
          then: { $0.queue.map(\.id) == ["s2"] && $0.selectedSession?.id == "s1" && $0.selectedSession?.queuedAt == 0 }),
    .init("rest to free: the caller rings", config: shiftConfig, before: [rest, .waiting("1"), .tick(to: 10)],
          .setStatus(.free), .events(["statusChanged", "statusChanged", "callIn", "hashchange", "hashchange"]),
          then: { $0.session("s1")?.startedAt == 10 && $0.session("s1")?.queueWait(at: 10) == 10 }),
    .init("the call ends with no after-call work: the next rings", config: waitingConfig,
          before: connected + [.waiting("2"), .waiting("3")], .hangUp(),
          .events(["sessionEnded", "statusChanged", "hashchange", "statusChanged", "callIn", "hashchange", "hashchange"]),
          then: { $0.voiceSession?.id == "s2" && $0.queue.map(\.id) == ["s3"] }),
    .init("wrap-up done: the next rings", config: shiftConfig, before: connected + [.hangUp(), .waiting("2")], .wrapUp(.done),
          .events(["statusChanged", "statusChanged", "callIn", "hashchange", "hashchange"]),
          then: { $0.voiceSession?.id == "s2" }),
    .init("the after-call countdown ends: the next rings at that moment", config: shiftConfig,
          before: connected + [.tick(to: 5), .hangUp(), .waiting("2", patience: 100)], .tick(to: 50),
          .events(["statusChanged", "statusChanged", "callIn", "hashchange", "hashchange"]),
          then: { $0.session("s2")?.startedAt == 35 && $0.now == 50 }),
    .init("a queued call that rings and times out frees the agent for the next", config: shiftConfig, status: .notReady,
          before: [.callIn(IncomingCall(caller: Caller(mobile: "1"), ringTimeout: 10)), .waiting("2", patience: 100), .setStatus(.free)],
          .tick(to: 10), .events(["sessionEnded", "statusChanged", "hashchange", "statusChanged", "callIn", "hashchange", "hashchange"]),
          then: { $0.session("s1")?.isMissed == true && $0.voiceSession?.id == "s2" }),
    .init("a free agent with callers waiting: a new caller queues behind them", config: shiftConfig, status: .notReady,
          before: [.waiting("1"), .waiting("2")], .waiting("3"), .events(["queued"]),
          then: { $0.queue.map(\.id) == ["s1", "s2", "s3"] }),
    .init("sign out while callers wait", config: shiftConfig, status: .notReady, before: [.waiting("1")], .setStatus(.offline),
          .refused("1 caller is waiting in the queue")),
    // Call-back.
    .init("call back the newest missed call", config: shiftConfig, status: .notReady,
          before: [.waiting("13800000001"), .waiting("13800000002"), .tick(to: 30)], .callBack(),
          .events(["callBack"]), then: { $0.dialpad.number == "13800000002" }),
    .init("call back a named session", config: shiftConfig, status: .notReady,
          before: [.waiting("13800000001"), .waiting("13800000002"), .tick(to: 30)], .callBack("s1"),
          .events(["callBack"]), then: { $0.dialpad.number == "13800000001" }),
    .init("call back with no missed call", config: shiftConfig, .callBack(), .refused("there is no missed call to call back")),
    .init("call back a live session", config: shiftConfig, before: [.call()], .callBack("s1"), .refused("s1 is still live")),
    .init("call back a masked number", config: shiftConfig, before: [.call("138****5678"), .hangUp(closeBy: .client)],
          .callBack(), .refused("is masked")),
    .init("call back skips a newer masked number for one that can be dialled", config: shiftConfig,
          before: [.call("13800000001"), .hangUp(closeBy: .client), .call("138****5678"), .hangUp(closeBy: .client)],
          .callBack(), .events(["callBack"]), then: { $0.dialpad.number == "13800000001" }),
    .init("a rang-out call is missed and can be called back", config: shiftConfig,
          before: [.callIn(IncomingCall(caller: Caller(mobile: "10086", nickName: "刘先生"), ringTimeout: 5)), .tick(to: 6)],
          .callBack(), .events(["callBack"]), then: { $0.dialpad.number == "10086" && $0.dialpad.display == "刘先生" }),
    // Transfer directory.
    .init("transfer to a skill group by name", config: shiftConfig, before: connected, .transfer(to: "售后技能组"),
          .events(["transfer", "sessionEnded", "statusChanged", "hashchange", "hashchange"]),
          then: { $0.sessions[0].transferredTo == "售后技能组" }),
    .init("transfer to an agent by id", config: shiftConfig, before: connected, .transfer(to: "wang@example.com"),
          .events(["transfer", "sessionEnded", "statusChanged", "hashchange", "hashchange"]),
          then: { $0.sessions[0].transferredTo == "王五" }),
    // Rest reasons.
    .init("rest with a listed reason", config: shiftConfig, .setStatus(.rest, reason: "会议"), .events(["statusChanged"]),
          then: { $0.agent.restReason == "会议" }),
    .init("rest with a reason not on the list", config: shiftConfig, .setStatus(.rest, reason: "午休"),
          .refused("\"午休\" is not a rest reason here; choose 午餐, 会议, 培训")),
    // Timers.
    .init("hold time per hold and in all", config: shiftConfig, before: connected + [.tick(to: 10), .hold(), .tick(to: 15), .resume(),
                                                                                     .tick(to: 20), .hold()],
          .tick(to: 23), .events([]),
          then: { $0.sessions[0].holdTime(at: $0.now) == 3 && $0.sessions[0].totalHoldTime(at: $0.now) == 8
              && $0.sessions[0].talkTime(at: $0.now) == 23 && $0.sessions[0].ringTime(at: $0.now) == 0 }),
    .init("a hold that ends with the call counts", config: shiftConfig, before: connected + [.hold(), .tick(to: 4)], .hangUp(),
          .events(["sessionEnded", "statusChanged", "hashchange", "hashchange"]),
          then: { $0.sessions[0].heldTotal == 4 && $0.sessions[0].holdTime(at: $0.now) == nil }),
]

@Suite("The queue, missed calls, the directory, rest reasons, timers")
struct QueueTests {
    @Test("transitions", arguments: queueTransitions)
    func transitions(_ t: Transition) { TransitionTests.check(t) }

    @Test("callers ring in arrival order, and each abandons at their own time")
    func ordering() {
        var desk = Desk(shiftConfig, status: .notReady)
        desk.send([.waiting("1", patience: 100), .tick(to: 1), .waiting("2", patience: 5), .tick(to: 2), .waiting("3", patience: 100)])
        #expect(desk.state.queue.map(\.id) == ["s1", "s2", "s3"])
        desk.send(.tick(to: 10))
        #expect(desk.names == ["sessionEnded"])
        #expect(desk.state.queue.map(\.id) == ["s1", "s3"])
        #expect(desk.state.longestWait == 10)
        var served: [SessionID] = []
        desk.send(.setStatus(.free))
        for _ in 0..<2 {
            served.append(desk.state.voiceSession!.id)
            desk.send([.answer(), .hangUp(), .wrapUp(.done)])
        }
        #expect(served == ["s1", "s3"])
        #expect(desk.state.queue.isEmpty)
        #expect(desk.state.agent.status == .free)
    }

    @Test("the transcript says queued, the abandon, the wait and the transfer's kind")
    func transcript() {
        var desk = Desk(shiftConfig, status: .notReady)
        var transcript = Transcript()
        var lines: [String] = []
        for action: Action in [.waiting("10086", patience: 20), .waiting("10010"), .tick(to: 20), .setStatus(.free), .answer(),
                               .transfer(to: "售后技能组")] {
            lines += transcript.lines(for: desk.send(action))
        }
        #expect(lines.contains(#"{"seq":1,"t":0,"event":"queued","session":"s1","type":"phone","direction":"inbound","mobile":"10086","position":1,"patience":20}"#))
        #expect(lines.contains(#"{"seq":3,"t":20,"event":"sessionEnded","session":"s1","closeBy":"client","abandoned":true,"waited":20}"#))
        #expect(lines.contains { $0.contains(#""event":"callIn","session":"s2","type":"phone","direction":"inbound","mobile":"10010","waited":20"#) })
        #expect(lines.contains { $0.contains(#""event":"transfer","session":"s2","to":"1001","kind":"skillGroup","name":"售后技能组""#) })
    }

    @Test("expect: {queue: N} checks how many callers wait, and says so when it does not hold")
    func expectQueue() throws {
        let yaml = """
            workstation: {sdkAppId: 1, agent: {nickName: a}}
            steps:
              - status: notReady
              - call: {mobile: "1"}
              - expect: {queue: 2}
              - expect: {queue: 1}
              - expect: {queue: 1.5}
            """
        #expect(throws: ConfigErrors.self) { try Scenario.parse(yaml, file: "q.yaml") }
        let scenario = try Scenario.parse(yaml.replacingOccurrences(of: "\n  - expect: {queue: 1.5}", with: ""), file: "q.yaml")
        var desk = Desk(scenario.workstation)
        var results: [[AgentDeskCore.Expectation.Mismatch]] = []
        for step in scenario.steps {
            switch step.kind {
            case let .actions(actions): desk.send(actions)
            case let .expect(e): results.append(e.check(desk.state))
            default: break
            }
        }
        #expect(results.map(\.count) == [1, 0])
        let miss = results.first?.first
        #expect(miss?.field == "queue" && miss?.expected == "2" && miss?.actual == "1")
    }

    @Test("a refused queue action changes nothing, whatever the state")
    func refusalsChangeNothing() {
        var desk = Desk(shiftConfig, status: .offline)
        let before = desk.state
        desk.send(.waiting("1"))
        #expect(desk.state == before)
    }
}
