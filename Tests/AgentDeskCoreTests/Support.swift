import AgentDeskCore

/// A workstation driven by actions, remembering what each one reported.
struct Desk {
    var state: WorkstationState
    private(set) var last: [Occurrence] = []

    init(_ config: WorkstationConfig = .demo, status: AgentStatus = .free) {
        state = WorkstationState(config: config, initialStatus: status)
    }

    @discardableResult
    mutating func send(_ action: Action) -> [Occurrence] {
        last = state.reduce(action)
        return last
    }

    @discardableResult
    mutating func send(_ actions: [Action]) -> [Occurrence] {
        var all: [Occurrence] = []
        for action in actions { all += send(action) }
        return all
    }

    /// The names of the events the last action reported.
    var names: [String] { last.map(\.event.name) }

    var refusal: Refusal? {
        for occurrence in last { if case let .refused(r) = occurrence.event { return r } }
        return nil
    }

    var hashchanges: [(page: String, url: String)] {
        last.compactMap { if case let .hashchange(page, url) = $0.event { (page, url) } else { nil } }
    }
}

extension Action {
    static func call(_ mobile: String = "18888888888", type: SessionType = .phone, nick: String? = nil, timeout: Double = 0) -> Action {
        .callIn(IncomingCall(type: type, caller: Caller(mobile: mobile, nickName: nick), ringTimeout: timeout))
    }

    static func callOut(_ number: String, desc: String? = nil) -> Action {
        var message: [String: JSONValue] = ["phoneNumber": .string(number)]
        if let desc { message["desc"] = .string(desc) }
        return .pageMessage(.object([
            "source": .string("ccc-sdk"),
            "payload": .object(["event": .string("callOut"), "message": .object(message)]),
        ]))
    }
}

/// A configuration with no after-call work, for tests that want the agent free again at once.
let quickConfig: WorkstationConfig = {
    var c = WorkstationConfig.demo
    c.afterCallWork = 0
    return c
}()
