@testable import AgentDeskCore
import Foundation
import Testing

@Suite("Goal steps: parsing, drills and their checks")
struct GoalParsingTests {
    @Test("a goal takes expect's keys beside within, points and hint; points default to 1")
    func reading() throws {
        let scenario = try Scenario.parse("""
            steps:
              - call: {mobile: "13800000000"}
              - goal: {session: {status: 200}, within: 10, points: 10, hint: "press a to answer"}
              - after: 5
                goal:
                  agent: free
                  within: 2.5
            """, file: "d.yaml")
        guard case let .goal(first) = scenario.steps[1].kind, case let .goal(second) = scenario.steps[2].kind else {
            Issue.record("not goals: \(scenario.steps)")
            return
        }
        var answered = Expectation()
        answered.session = [("status", "200")]
        #expect(first == Goal(condition: answered, within: 10, points: 10, hint: "press a to answer"))
        #expect(scenario.steps[1].line == 3 && scenario.steps[1].name == "goal")
        #expect(second.condition.agentStatus == .free && second.within == 2.5 && second.points == 1 && second.hint == nil)
        #expect(scenario.steps[2].time == 5)
    }

    static let errors: [(String, String)] = [
        ("  - goal: {within: 10}\n", "d.yaml:2:11: steps[0].goal: say what must become true, with expect's keys: session, agent"),
        ("  - goal: {agent: free}\n", "d.yaml:2:11: steps[0].goal.within: say how many seconds the trainee has"),
        ("  - goal: {agent: free, within: 0}\n", "d.yaml:2:33: steps[0].goal.within: 0 s leaves the trainee no time"),
        ("  - goal: {agent: free, within: -3}\n", "d.yaml:2:33: steps[0].goal.within: -3 is out of range; expected 0 to 86400"),
        ("  - goal: {agent: free, within: soon}\n", "d.yaml:2:33: steps[0].goal.within: expected a number, found the text \"soon\""),
        ("  - goal: {agent: free, within: 100000}\n", "d.yaml:2:33: steps[0].goal.within: 100000 is out of range"),
        ("  - goal: {agent: free, within: 5, points: 2.5}\n", "d.yaml:2:44: steps[0].goal.points: 2.5 is not a whole number of points"),
        ("  - goal: {agent: free, within: 5, points: -1}\n", "d.yaml:2:44: steps[0].goal.points: -1 is out of range; expected 0 to 1000"),
        ("  - goal: {agent: free, within: 5, points: 1001}\n", "d.yaml:2:44: steps[0].goal.points: 1001 is out of range"),
        ("  - goal: {agent: free, within: 5, points: many}\n", "d.yaml:2:44: steps[0].goal.points: expected a number"),
        ("  - goal: {agent: free, within: 5, hint: \"  \"}\n", "d.yaml:2:42: steps[0].goal.hint: the hint is empty"),
        ("  - goal: {agent: free, within: 5, hint: [a]}\n", "d.yaml:2:42: steps[0].goal.hint: expected text, found a list"),
        ("  - goal: {agent: free, within: 5, hint: \"\(String(repeating: "x", count: 241))\"}\n",
         "d.yaml:2:42: steps[0].goal.hint: is 241 characters long; at most 240 are accepted"),
        ("  - goal: {agent: free, withn: 5}\n", "d.yaml:2:25: steps[0].goal.withn: unknown key 'withn'; did you mean 'within'?"),
        ("  - goal: {agent: bored, within: 5}\n", "d.yaml:2:19: steps[0].goal.agent: 'bored' is not one of"),
        ("  - goal: {session: {}, within: 5}\n", "d.yaml:2:21: steps[0].goal.session: say what to check"),
        ("  - goal: 10\n", "d.yaml:2:11: steps[0].goal: expected a mapping"),
        ("  - goal:\n", "d.yaml:2:10: steps[0].goal: expected a mapping (key: value pairs), found nothing (null)"),
        ("  - goal: {agent: free, within: 5}\n    for: 3\n", "d.yaml:3:5: steps[0].for: 'for' goes with say"),
        ("  - goal: {agent: free, within: 5}\n    session: s1\n", "d.yaml:3:5: steps[0].session: 'goal' takes no session"),
        ("  - goal: {agent: free, within: 5}\n    by: scenario\n", "d.yaml:3:5: steps[0].by: 'by' marks an action as played by the scenario; 'goal' is not an action"),
        ("  - answer: {}\n    by: trainer\n", "d.yaml:3:9: steps[0].by: 'trainer' is not one of scenario"),
        ("  - goal: {agent: free, within: 5}\n    expect: {agent: free}\n", "d.yaml:3:5: steps[0].expect: a step takes one action; this one already has 'goal'"),
    ]

    @Test("every mistake in a goal (and in by) names file:line:column and the field")
    func errorTable() {
        for (yaml, expected) in Self.errors {
            do {
                _ = try Scenario.parse("steps:\n" + yaml, file: "d.yaml")
                Issue.record("accepted: \(yaml)")
            } catch {
                #expect(error.errors.first?.description.hasPrefix(expected) == true, "\(yaml)\ngot: \(error)")
            }
        }
    }

    @Test("a drill refuses the trainee's actions, with their lines, unless marked by: scenario")
    func traineeActions() throws {
        let scenario = try Scenario.parse("""
            steps:
              - call: {mobile: "13800000000"}
              - answer: {}
              - answer: {}
                by: scenario
              - dtmf: "1#"
              - hangup: {closeBy: client}
              - hangup: {}
              - status: rest
                reason: 午休
              - wrapUp: done
              - dialpad: "138"
              - dial: {}
              - calleeAnswer: {}
              - message: {source: ccc-sdk, payload: {event: callOut, message: {phoneNumber: "10086"}}}
              - hold: {}
              - transfer: {to: 售后}
              - goal: {agent: free, within: 5}
            """, file: "d.yaml")
        do {
            try Drill.check(scenario)
            Issue.record("a drill playing the trainee's actions was accepted")
        } catch {
            let lines = error.errors.map(\.line)
            #expect(lines == [3, 6, 8, 9, 11, 12, 13, 16, 17], "\(error)")
            #expect(error.errors[0].description.hasPrefix("d.yaml:3:5: steps[1].answer: 'answer' is the trainee's to do in a drill; make it a goal"))
            #expect(error.errors[0].description.hasSuffix("add 'by: scenario'"))
            #expect(error.errors[2].description.contains("hanging up by the seat is the trainee's to do"))
        }
        #expect(try Scenario.parse("steps:\n  - answer: {}\n    by: scenario\n", file: "d.yaml").steps[0].byScenario)
    }

    @Test("the built-in drill parses, is a valid drill, and has its three goals")
    func demo() throws {
        let scenario = try Scenario.parse(Scenario.drillDemoText, file: "drill demo")
        try Drill.check(scenario)
        #expect(Drill.goals(of: scenario).count == 3)
        #expect(Drill.goals(of: scenario).allSatisfy { $0.goal.hint != nil && $0.goal.points == 10 })
    }
}

@Suite("Goal evaluation (pure, the clock passed in)")
struct GoalWatchTests {
    static func step(_ number: Int, line: Int) -> ScenarioStep {
        ScenarioStep(number: number, line: line, column: 5, time: 0, name: "goal", kind: .pause)
    }

    static func answered(within: Double = 10, points: Int = 10) -> Goal {
        var condition = Expectation()
        condition.session = [("status", "200")]
        return Goal(condition: condition, within: within, points: points, hint: "press a")
    }

    /// A workstation with a call ringing at `t` (answered at `answeredAt` when given).
    static func state(ringingAt t: Double = 0, answeredAt: Double? = nil, now: Double) -> WorkstationState {
        var s = WorkstationState(config: .demo)
        _ = s.reduce(.tick(to: t))
        _ = s.reduce(.callIn(IncomingCall(caller: Caller(mobile: "13800000000"))))
        if let answeredAt {
            _ = s.reduce(.tick(to: answeredAt))
            _ = s.reduce(.answer())
        }
        _ = s.reduce(.tick(to: now))
        return s
    }

    /// (goal starts at, observed at, answered at, within) → outcome (met, seconds) or still watched (nil).
    static let table: [(start: Double, observe: Double, answered: Double?, within: Double, outcome: (Bool, Double?)?)] = [
        (0, 0, 0, 10, (true, 0)),        // already true when it starts: met at once
        (0, 3.25, 3.25, 10, (true, 3.3)), // met after 3.25 s (tenths)
        (0, 5, nil, 10, nil),            // not yet, time left: still watched
        (0, 10, 10, 10, (true, 10)),     // true exactly at the deadline: met
        (0, 10, nil, 10, (false, nil)),  // the deadline, not true: missed
        (0, 12, 11, 10, (false, nil)),   // true only after the deadline: missed
        (4, 8, 8, 5, (true, 4)),         // seconds count from the goal's start
    ]

    @Test("met, missed or still watched, by when the condition holds and the deadline")
    func evaluation() {
        for row in Self.table {
            var watch = GoalWatch()
            let start = Self.state(now: row.start)
            var ended = watch.start(Self.step(2, line: 7), Self.answered(within: row.within), state: start, at: row.start)
            if ended.isEmpty {
                ended = watch.observe(Self.state(answeredAt: row.answered, now: row.observe), at: row.observe)
            }
            if let (met, seconds) = row.outcome {
                #expect(ended == [GoalOutcome(step: 2, line: 7, met: met, seconds: seconds, points: met ? 10 : 0, possible: 10, hint: "press a")],
                        "\(row)")
                #expect(watch.watching.isEmpty && watch.outcomes == ended)
            } else {
                #expect(ended.isEmpty && watch.watching.count == 1 && watch.nextDeadline == row.start + row.within, "\(row)")
            }
        }
    }

    @Test("several goals are watched at once; finishing misses those left; deadlines come in order")
    func several() {
        var watch = GoalWatch()
        var agentFree = Expectation()
        agentFree.agentStatus = .free
        let ringing = Self.state(now: 0)
        #expect(watch.start(Self.step(1, line: 3), Self.answered(within: 20), state: ringing, at: 0).isEmpty)
        // The agent is busy while a call rings: this one waits too.
        #expect(watch.start(Self.step(2, line: 4), Goal(condition: agentFree, within: 5, points: 3), state: ringing, at: 0).isEmpty)
        #expect(watch.nextDeadline == 5)
        let missed = watch.observe(Self.state(now: 5), at: 5)
        #expect(missed.map(\.step) == [2] && missed[0].met == false && missed[0].points == 0 && missed[0].possible == 3)
        let met = watch.observe(Self.state(answeredAt: 6, now: 6), at: 6)
        #expect(met.map(\.step) == [1] && met[0].seconds == 6)
        #expect(watch.start(Self.step(3, line: 9), Self.answered(within: 0.5), state: Self.state(now: 6), at: 6).isEmpty)
        let left = watch.finish()
        #expect(left.map(\.met) == [false] && watch.watching.isEmpty && watch.outcomes.map(\.step) == [2, 1, 3])
    }

    @Test("headless, goals are judged on the scenario clock: met by the model answer, missed at the deadline")
    func headless() throws {
        let scenario = try Scenario.parse("""
            steps:
              - call: {mobile: "13800000000"}
              - goal: {session: {status: 200}, within: 10, points: 10, hint: "press a"}
              - after: 4
                answer: {}
                by: scenario
              - goal: {agent: free, within: 5, points: 5, hint: "press w"}
              - after: 30
                hangup: {closeBy: client}
              - goal: {agent: free, within: 8, points: 2}
            """, file: "h.yaml")
        var run = ScenarioRun(scenario)
        var lines: [String] = []
        while !run.isFinished { lines += run.playNext() }
        lines += run.settleGoals()
        let goalLines = lines.filter { $0.contains("\"event\":\"goalM") }
        #expect(goalLines.count == 3, "\(lines)")
        #expect(goalLines[0].contains(#""t":4,"event":"goalMet","step":2,"line":3,"seconds":4,"points":10"#), "\(goalLines)")
        #expect(goalLines[1].contains(#""t":9,"event":"goalMissed","step":4,"line":7,"points":0,"hint":"press w""#), "\(goalLines)")
        // After-call work lasts 30 s: the agent is not free within 8 s of the hangup.
        #expect(goalLines[2].contains(#""t":42,"event":"goalMissed","step":6"#), "\(goalLines)")
        #expect(lines.contains { $0.contains(#""event":"goal","step":2,"line":3,"within":10,"points":10"#) })
    }
}

@Suite("Score files")
struct DrillScoreTests {
    @Test("a drill's score lists every goal in file order, those never ended as missed, and reads back")
    func roundTrip() throws {
        let scenario = try Scenario.parse("""
            name: Answering
            steps:
              - call: {}
              - goal: {session: {status: 200}, within: 10, points: 10}
              - goal: {agent: free, within: 5, points: 5}
              - goal: {agent: rest, within: 5, points: 2}
            """, file: "a.yaml")
        let outcomes = [GoalOutcome(step: 3, line: 5, met: false, seconds: nil, points: 0, possible: 5),
                        GoalOutcome(step: 2, line: 4, met: true, seconds: 2.5, points: 10, possible: 10)]
        let score = DrillScore(trainee: "Ann \"A\" 李", scenario: scenario, startedAt: "2026-11-25T04:00:00Z", outcomes: outcomes)
        #expect(score.json == #"{"trainee":"Ann \"A\" 李","scenario":"Answering","startedAt":"2026-11-25T04:00:00Z","goals":[{"line":4,"met":true,"seconds":2.5,"points":10},{"line":5,"met":false,"seconds":null,"points":0},{"line":6,"met":false,"seconds":null,"points":0}],"total":10,"max":17}"#)
        #expect(!score.allMet)
        #expect(try DrillScore.read(score.json, file: "ann.json") == score)
    }

    static let bad: [(String, String)] = [
        ("not json", "c/x.json: not a score file: it is not JSON"),
        ("[1]", "c/x.json: not a score file: expected a JSON object"),
        (#"{"scenario":"s","startedAt":"t","goals":[],"total":0,"max":0}"#, "c/x.json: trainee: missing"),
        (#"{"trainee":5,"scenario":"s","startedAt":"t","goals":[],"total":0,"max":0}"#, "c/x.json: trainee: expected text"),
        (#"{"trainee":"a\u001b[2J","scenario":"s","startedAt":"t","goals":[],"total":0,"max":0}"#, "c/x.json: trainee: has control characters"),
        (#"{"trainee":"a","scenario":"s","startedAt":"t","goals":{},"total":0,"max":0}"#, "c/x.json: goals: expected a list"),
        (#"{"trainee":"a","scenario":"s","startedAt":"t","goals":[{"line":1,"met":"yes","points":1}],"total":0,"max":0}"#, "c/x.json: goals[0].met: expected true or false"),
        (#"{"trainee":"a","scenario":"s","startedAt":"t","goals":[{"line":1,"met":true,"seconds":-1,"points":1}],"total":0,"max":0}"#, "c/x.json: goals[0].seconds: expected seconds"),
        (#"{"trainee":"a","scenario":"s","startedAt":"t","goals":[{"line":1.5,"met":true,"points":1}],"total":0,"max":0}"#, "c/x.json: goals[0].line: expected a whole number, found 1.5"),
        (#"{"trainee":"a","scenario":"s","startedAt":"t","goals":[],"total":"ten","max":0}"#, "c/x.json: total: expected a whole number"),
        (#"{"trainee":"a","scenario":"s","startedAt":"t","goals":[],"total":1}"#, "c/x.json: max: missing"),
    ]

    @Test("a bad score file is named with the field at fault")
    func errors() {
        for (text, expected) in Self.bad {
            do {
                _ = try DrillScore.read(text, file: "c/x.json")
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.description.hasPrefix(expected), "\(text)\ngot: \(error)")
            }
        }
    }
}
