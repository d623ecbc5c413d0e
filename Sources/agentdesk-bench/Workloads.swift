import AgentDeskCore
import AgentDeskUI
import Foundation

enum Workloads {
    /// A busy workstation: a connected call, a chat beside it, a page request, a full feed.
    static func busyModel() -> AppModel {
        var m = AppModel(config: .demo, language: .zh)
        _ = m.handle(.clock(seconds: 0, wall: "12:00:00"))
        for i in 0..<40 {
            m.send(.tick(to: Double(i * 10)))
            m.send(.callIn(SampleCallers.all[0]))
            m.send(.answer())
            m.send(.hangUp())
            m.send(.wrapUp(.done))
        }
        m.send(.callIn(SampleCallers.all[0]))
        m.send(.answer())
        m.send(.callIn(SampleCallers.all[1]))
        m.send(.pageMessage(try! JSONValue.parse(
            #"{"source":"ccc-sdk","payload":{"event":"callOut","message":{"phoneNumber":"15889000000","desc":"刘先生"}}}"#)))
        return m
    }

    /// A generated scenario of `calls` calls. Each call rings, is answered, gets
    /// DTMF, hangs up, and after-call work is done; every tenth is a chat; an
    /// expect every hundred calls.
    static func generatedScenario(calls: Int) -> String {
        var yaml = "name: generated \(calls) calls\nsteps:\n"
        for i in 0..<calls {
            let chat = i % 10 == 9
            yaml += "  - after: 5\n    call: {type: \(chat ? "im" : "phone"), mobile: \"138\(String(format: "%08d", i))\", nickName: 客户\(i)}\n"
            yaml += "  - after: 3\n    answer: {}\n"
            if !chat { yaml += "  - after: 20\n    dtmf: \"1#\"\n" }
            yaml += "  - after: 60\n    hangup: {closeBy: client}\n"
            if !chat { yaml += "  - after: 2\n    wrapUp: done\n" }
            if i % 100 == 99 { yaml += "  - expect: {agent: free}\n" }
        }
        return yaml
    }
}
