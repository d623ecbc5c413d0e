@testable import AgentDeskCore
import Foundation
import Testing

@Suite("Narration steps: say, pause")
struct NarrationParsingTests {
    func steps(_ yaml: String) throws -> [ScenarioStep] {
        try Scenario.parse("steps:\n" + yaml, file: "s.yaml").steps
    }

    @Test("say takes its caption's text, with for beside it; pause takes nothing")
    func reading() throws {
        let parsed = try steps("""
              - say: "A customer calls: watch the ringing call"
              - after: 2
                say: 欢迎来到培训
                for: 5
              - say: 10086
              - pause: {}
              - pause:
            """)
        #expect(parsed.map(\.kind) == [
            .say("A customer calls: watch the ringing call", seconds: nil),
            .say("欢迎来到培训", seconds: 5),
            .say("10086", seconds: nil),
            .pause, .pause,
        ])
        #expect(parsed.map(\.name) == ["say", "say", "say", "pause", "pause"])
        #expect(parsed[1].time == 2 && parsed[1].line == 3)
    }

    static let errors: [(String, String)] = [
        ("steps:\n  - say: {text: hi}\n", "s.yaml:2:10: steps[0].say: expected text, found a mapping"),
        ("steps:\n  - say:\n", "s.yaml:2:9: steps[0].say: expected text, found nothing (null)"),
        ("steps:\n  - say: true\n", "s.yaml:2:10: steps[0].say: expected text, found the boolean true"),
        ("steps:\n  - say: \"  \"\n", "s.yaml:2:10: steps[0].say: the caption is empty"),
        ("steps:\n  - say: \"\(String(repeating: "字", count: 241))\"\n", "s.yaml:2:10: steps[0].say: is 241 characters long; at most 240 are accepted"),
        ("steps:\n  - say: hi\n    for: -1\n", "s.yaml:3:10: steps[0].for: -1 is out of range; expected 0 to 86400"),
        ("steps:\n  - say: hi\n    for: 0\n", "s.yaml:3:10: steps[0].for: a caption shown for 0 s is never seen"),
        ("steps:\n  - say: hi\n    for: long\n", "s.yaml:3:10: steps[0].for: expected a number, found the text \"long\""),
        ("steps:\n  - answer: {}\n    for: 3\n", "s.yaml:3:5: steps[0].for: 'for' goes with say (how long its caption shows), not with 'answer'"),
        ("steps:\n  - pause: {}\n    for: 3\n", "s.yaml:3:5: steps[0].for: 'for' goes with say"),
        ("steps:\n  - say: hi\n    session: s1\n", "s.yaml:3:5: steps[0].session: 'say' takes no session"),
        ("steps:\n  - pause: 5\n", "s.yaml:2:12: steps[0].pause: takes no arguments; write pause: {}"),
        ("steps:\n  - pause: {for: 5}\n", "s.yaml:2:12: steps[0].pause: takes no arguments; write pause: {}"),
        ("steps:\n  - say: hi\n    pause: {}\n", "s.yaml:3:5: steps[0].pause: a step takes one action; this one already has 'say'"),
        ("steps:\n  - sya: hi\n", "s.yaml:2:5: steps[0].sya: unknown key 'sya'; did you mean 'say'?"),
    ]

    @Test("every mistake in say, for and pause names file:line:column")
    func errorTable() {
        for (yaml, expected) in Self.errors {
            do {
                _ = try Scenario.parse(yaml, file: "s.yaml")
                Issue.record("accepted: \(yaml)")
            } catch {
                #expect(error.errors.first?.description.hasPrefix(expected) == true, "\(yaml)\ngot: \(error)")
            }
        }
    }

    @Test("headless: say is a transcript event with its text, pause is noted and play goes on")
    func headless() throws {
        let scenario = try Scenario.parse("""
            steps:
              - say: "Step 1: the call rings"
                for: 3
              - call: {mobile: "1"}
              - after: 1
                pause: {}
              - answer: {}
              - expect: {session: {status: 200}}
            """, file: "s.yaml")
        let (lines, run) = transcript(of: scenario)
        #expect(lines.first == #"{"seq":1,"t":0,"event":"say","step":1,"text":"Step 1: the call rings","for":3}"#)
        #expect(lines.contains(#"{"seq":6,"t":1,"event":"pause","step":3}"#), "\(lines)")
        #expect(run.isFinished && run.expectsHeld == 1 && run.failures.isEmpty)
    }

    @Test("every expect is kept in order, held or not, for the results panel")
    func results() throws {
        let scenario = try Scenario.parse("""
            steps:
              - call: {mobile: "1"}
              - expect: {session: {status: 100}}
              - expect: {session: {status: 200}}
              - expect: {session: {mobile: "1"}}
            """, file: "s.yaml")
        let (_, run) = transcript(of: scenario)
        #expect(run.score.results.map(\.step.number) == [2, 3, 4])
        #expect(run.score.results.map(\.mismatches.isEmpty) == [true, false, true])
        #expect(run.failureReport == ["s.yaml:4:5: step 3 (expect at 0 s): session.status expected 200, got 100"])
    }
}
