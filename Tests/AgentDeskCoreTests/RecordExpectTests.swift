@testable import AgentDeskCore
import Testing

/// `record --with-expects`: after each of the agent's actions, an expect of what it
/// changed, which reads back and holds on the state it was taken from.
@Suite("Expects of what an action changed")
struct RecordExpectTests {
    static let walk: [(Action, String)] = [
        (.answer(), "  - expect: {session: {status: 200}}\n"),
        (.sendDTMF(digits: "1#"), "  - expect: {session: {dtmf: \"1#\"}}\n"),
        (.hold(), "  - expect: {session: {onHold: true}}\n"),
        (.hangUp(), "  - expect: {session: {status: 400"),
        (.wrapUp(.done), "  - expect: {agent: free"),
        (.setStatus(.rest, reason: "午休"), "  - expect: {agent: rest, reason: \"午休\"}\n"),
        (.setStatus(.free), "  - expect: {agent: free}\n"),
        (.dialpad(.press("1")), "  - expect: {dialpad: {number: \"1\", display: \"1\"}}\n"),
        (.dialpad(.press("0")), "  - expect: {dialpad: {number: \"10\", display: \"10\"}}\n"),
        (.dial, "  - expect: {session: {status: 100, direction: outbound, mobile: \"10\"}, agent: busy"),
    ]

    @Test("each action's change is written as an expect that parses and holds; nothing checkable changed gives none")
    func changes() throws {
        var state = WorkstationState(config: .demo)
        _ = state.reduce(.callIn(IncomingCall(caller: Caller(mobile: "13800000000", nickName: "王女士"))))
        for (action, expected) in Self.walk {
            let before = state
            _ = state.reduce(action)
            guard let change = Expectation.changes(from: before, to: state) else {
                Issue.record("no change for \(action)")
                continue
            }
            let step = ScenarioWriter.expectStep(change)
            #expect(step.hasPrefix(expected), "\(action): \(step)")
            let parsed = try Scenario.parse("steps:\n" + step, file: "r.yaml")
            guard case let .expect(read) = parsed.steps[0].kind else { Issue.record("not an expect: \(step)"); continue }
            #expect(read == change, "\(step)")
            #expect(read.check(state).isEmpty, "\(step) does not hold: \(read.check(state))")
            #expect(!read.check(before).isEmpty, "\(step) held before the action too")
        }
        let before = state
        _ = state.reduce(.tick(to: 0))
        #expect(Expectation.changes(from: before, to: state) == nil)
    }
}
