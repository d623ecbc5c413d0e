@testable import AgentDeskCore
import Foundation
import Testing

private let scenarioDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scenarios")

/// Plays a scenario headless and returns its transcript lines.
func transcript(of scenario: Scenario) -> (lines: [String], run: ScenarioRun) {
    var run = ScenarioRun(scenario)
    var lines: [String] = []
    while !run.isFinished { lines += run.playNext() }
    return (lines, run)
}

@Suite("Scenario files")
struct ScenarioParsingTests {
    func steps(_ yaml: String) throws -> [ScenarioStep] {
        try Scenario.parse("steps:\n" + yaml, file: "s.yaml").steps
    }

    @Test("every action becomes the workstation action it names")
    func actions() throws {
        let table: [(String, [Action])] = [
            ("  - call: {type: im, userId: u1, nickName: Ann, avatar: https://a.example/a.png, timeout: 20}",
             [.callIn(IncomingCall(type: .im, caller: Caller(userId: "u1", nickName: "Ann", avatar: "https://a.example/a.png"), ringTimeout: 20))]),
            ("  - call: {mobile: 18888888888}", [.callIn(IncomingCall(caller: Caller(mobile: "18888888888")))]),
            ("  - answer: {}", [.answer(nil)]),
            ("  - answer: {}\n    session: s2", [.answer("s2")]),
            ("  - hangup: {closeBy: client}", [.hangUp(nil, closeBy: .client)]),
            ("  - hangup: {}", [.hangUp(nil, closeBy: .seat)]),
            ("  - hold: {}", [.hold(nil)]),
            ("  - resume: {}", [.resume(nil)]),
            ("  - mute: {}", [.mute(nil)]),
            ("  - unmute: {}", [.unmute(nil)]),
            ("  - transfer: {to: 技术支持组}", [.transfer(nil, to: "技术支持组")]),
            ("  - dtmf: \"123#\"", [.sendDTMF(nil, digits: "123#")]),
            ("  - dtmf: 8001", [.sendDTMF(nil, digits: "8001")]),
            ("  - status: notReady", [.setStatus(.notReady, reason: nil)]),
            ("  - status: rest\n    reason: 午休", [.setStatus(.rest, reason: "午休")]),
            ("  - wrapUp: done", [.wrapUp(.done)]),
            ("  - wrapUp: keepGoing", [.wrapUp(.keepGoing)]),
            ("  - message: {source: ccc-sdk, payload: {event: callOut, message: {phoneNumber: \"10086\"}}}",
             [.pageMessage(.object(["source": .string("ccc-sdk"), "payload": .object(["event": .string("callOut"),
                 "message": .object(["phoneNumber": .string("10086")])])]))]),
            ("  - dial: {}", [.dial]),
            ("  - dialpad: \"+86*1#\"", "+86*1#".map { .dialpad(.press($0)) }),
            ("  - calleeAnswer: {}", [.calleeAnswer(nil)]),
            ("  - select: s1", [.select("s1")]),
        ]
        for (yaml, expected) in table {
            let parsed = try steps(yaml)
            #expect(parsed.count == 1)
            #expect(parsed.first?.kind == .actions(expected), "\(yaml)")
        }
    }

    @Test("at and after set the time; line and column are kept")
    func timing() throws {
        let s = try steps("  - at: 5\n    answer: {}\n  - after: 2.5\n    hold: {}\n  - resume: {}\n  - at: 10\n    mute: {}\n")
        #expect(s.map(\.time) == [5, 7.5, 7.5, 10])
        #expect(s.map(\.line) == [2, 4, 6, 7])
        #expect(s.map(\.column) == [5, 5, 5, 5])
        #expect(s.map(\.number) == [1, 2, 3, 4])
    }

    @Test("expectations read every field")
    func expectation() throws {
        let s = try steps("""
              - expect:
                  session: {status: 200, type: phone, mobile: "188", onHold: false}
                  agent: rest
                  reason: 午休
                  tabs: [A, B]
                  page: {tab: A, url: "https://a.example", params: {status: "200"}}
                  dialpad: {number: "10086", display: 客服}
                  lastRequest: {outcome: refused, display: x}
            """ + "\n")
        guard case let .expect(e) = s[0].kind else { Issue.record("not an expect"); return }
        #expect(e.session.map(\.0) == ["status", "type", "mobile", "onHold"])
        #expect(e.session.map(\.1) == ["200", "phone", "188", "false"])
        #expect(e.agentStatus == .rest && e.restReason == "午休")
        #expect(e.tabs == ["A", "B"])
        #expect(e.page == "A" && e.pageURL == "https://a.example" && e.pageParameters.map(\.1) == ["200"])
        #expect(e.dialpadNumber == "10086" && e.dialpadDisplay == "客服")
        #expect(e.lastRequestOutcome == "refused" && e.lastRequestDisplay == "x")
    }

    @Test("an inline workstation, or the demo when there is none")
    func workstation() throws {
        let inline = try Scenario.parse("workstation:\n  sdkAppId: 7\n  agent: {nickName: Ann}\nsteps: []\n", file: "w.yaml")
        #expect(inline.workstation.sdkAppId == "7")
        #expect(inline.workstation.pages.isEmpty)
        let none = try Scenario.parse("steps: []\n", file: "n.yaml")
        #expect(none.workstation == .demo)
        let referenced = try Scenario.parse("workstation: desk.yaml\nsteps: []\n", file: "r.yaml") { path throws(ConfigErrors) in
            #expect(path == "desk.yaml")
            return WorkstationConfig(sdkAppId: "9", agent: AgentProfile(nickName: "x"), pages: [])
        }
        #expect(referenced.workstation.sdkAppId == "9")
    }

    static let errors: [(String, String)] = [
        ("steps:\n  - ring: {}\n", "s.yaml:2:5: steps[0].ring: unknown key 'ring'"),
        ("steps:\n  - anwser: {}\n", "s.yaml:2:5: steps[0].anwser: unknown key 'anwser'; did you mean 'answer'?"),
        ("steps:\n  - at: 1\n", "s.yaml:2:5: steps[0]: a step needs one action"),
        ("steps:\n  - answer: {}\n    hold: {}\n", "s.yaml:3:5: steps[0].hold: a step takes one action; this one already has 'answer'"),
        ("steps:\n  - at: 1\n    after: 2\n    answer: {}\n", "s.yaml:3:12: steps[0].after: give 'at' or 'after', not both"),
        ("steps:\n  - at: 10\n    answer: {}\n  - at: 5\n    hold: {}\n", "s.yaml:4:9: steps[1].at: 5 is before the previous step (10); steps play in order"),
        ("steps:\n  - at: -1\n    answer: {}\n", "s.yaml:2:9: steps[0].at: -1 is out of range"),
        ("steps:\n  - at: soon\n    answer: {}\n", "s.yaml:2:9: steps[0].at: expected a number, found the text \"soon\""),
        ("steps:\n  - call: {type: fax}\n", "s.yaml:2:18: steps[0].call.type: 'fax' is not one of phone, im, om, oim"),
        ("steps:\n  - call: {mobil: \"1\"}\n", "s.yaml:2:12: steps[0].call.mobil: unknown key 'mobil'; did you mean 'mobile'?"),
        ("steps:\n  - hangup: {closeBy: caller}\n", "s.yaml:2:23: steps[0].hangup.closeBy: 'caller' is not one of client, seat, admin, timer"),
        ("steps:\n  - status: busy\n", "s.yaml:2:13: steps[0].status: busy is set by the system"),
        ("steps:\n  - status: rest\n", "s.yaml:2:13: steps[0].status: rest needs a reason"),
        ("steps:\n  - status: away\n", "s.yaml:2:13: steps[0].status: 'away' is not one of free, busy, arrange, notReady, rest, offline"),
        ("steps:\n  - wrapUp: later\n", "s.yaml:2:13: steps[0].wrapUp: 'later' is not one of done, keepGoing"),
        ("steps:\n  - dtmf: \"12a\"\n", "s.yaml:2:11: steps[0].dtmf: \"12a\" is not a string of tones"),
        ("steps:\n  - dialpad: \"138x\"\n", "s.yaml:2:14: steps[0].dialpad: \"138x\" has keys the dialpad does not have"),
        ("steps:\n  - transfer: {}\n", "s.yaml:2:15: steps[0].transfer.to: missing; say where to"),
        ("steps:\n  - answer: now\n", "s.yaml:2:13: steps[0].answer: takes no arguments; write answer: {}"),
        ("steps:\n  - dial: {}\n    session: s1\n", "s.yaml:3:14: steps[0].session: 'dial' takes no session"),
        ("steps:\n  - hold: {}\n    reason: x\n", "s.yaml:3:13: steps[0].reason: 'reason' goes with 'status'"),
        ("steps:\n  - expect: {agent: sleeping}\n", "s.yaml:2:21: steps[0].expect.agent: 'sleeping' is not one of"),
        ("steps:\n  - expect: {session: {colour: red}}\n", "s.yaml:2:24: steps[0].expect.session.colour: unknown key 'colour'"),
        ("steps:\n  - expect: {page: {tab: A}}\n", "s.yaml:2:20: steps[0].expect.page: say what to check"),
        ("steps:\n  - expect: {lastRequest: {outcome: maybe}}\n", "s.yaml:2:37: steps[0].expect.lastRequest.outcome: 'maybe' is not one of"),
        ("steps:\n  - expect: {tabs: A}\n", "s.yaml:2:20: steps[0].expect.tabs: expected a list"),
        ("step:\n  - answer: {}\n", "s.yaml:1:1: step: unknown key 'step'; did you mean 'steps'?"),
        ("steps: {answer: {}}\n", "s.yaml:1:8: steps: expected a list, found a mapping"),
        ("workstation:\n  sdkAppId: x\n  agent: {nickName: a}\nsteps: []\n", "s.yaml:2:13: workstation.sdkAppId: expected the application's numeric id"),
        ("workstation: [1]\nsteps: []\n", "s.yaml:1:14: workstation: expected a configuration (a mapping) or the path of one"),
        ("steps:\n  - answer: {}\n  -\n", "s.yaml:3:4: steps[1]: expected a mapping"),
    ]

    @Test("every error names file:line:column before anything plays")
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
}

@Suite("Scenario playback")
struct ScenarioPlaybackTests {
    @Test("fixture transcripts match their golden files line by line", arguments: ["phone_timeout", "callout_messages", "failing_expect", "demo", "chat", "queue_abandon"])
    func golden(_ name: String) throws {
        let scenario: Scenario
        if name == "demo" {
            scenario = try Scenario.parse(Scenario.demoText, file: "demo")
        } else {
            let file = scenarioDirectory.appendingPathComponent(name + ".yaml")
            scenario = try Scenario.parse(try String(contentsOf: file, encoding: .utf8), file: name + ".yaml")
        }
        let (lines, _) = transcript(of: scenario)
        let goldenFile = scenarioDirectory.appendingPathComponent(name + ".jsonl")
        if ProcessInfo.processInfo.environment["AGENTDESK_UPDATE_GOLDEN"] == "1" {
            try (lines.joined(separator: "\n") + "\n").write(to: goldenFile, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: goldenFile, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == expected.count, "\(lines.count) lines, golden has \(expected.count)")
        for (index, (actual, wanted)) in zip(lines, expected).enumerated() where actual != wanted {
            Issue.record("line \(index + 1) differs\n  expected: \(wanted)\n  actual:   \(actual)")
            break
        }
    }

    @Test("every line is JSON with seq 1, 2, 3…, times that never go back, and a known event")
    func transcriptShape() throws {
        let (lines, _) = transcript(of: Scenario.demo())
        var lastT = 0.0
        for (index, line) in lines.enumerated() {
            guard case let .object(o) = try JSONValue.parse(line) else { Issue.record("not an object"); continue }
            #expect(o["seq"] == .number(Double(index + 1)))
            guard case let .number(t) = o["t"] else { Issue.record("no t"); continue }
            #expect(t >= lastT)
            lastT = t
            #expect(o["event"]?.stringValue.map { !$0.isEmpty } == true)
        }
        // Each page's URL change is reported once per real change: no two equal hashchanges in a row per tab.
        var lastURL: [String: String] = [:]
        for line in lines {
            guard case let .object(o) = try JSONValue.parse(line), o["event"] == .string("hashchange"),
                  let tab = o["tab"]?.stringValue, let url = o["url"]?.stringValue else { continue }
            #expect(lastURL[tab] != url)
            lastURL[tab] = url
        }
    }

    @Test("a failed expect names the step, its line, expected and actual, and the run counts it")
    func failure() throws {
        let file = scenarioDirectory.appendingPathComponent("failing_expect.yaml")
        let scenario = try Scenario.parse(try String(contentsOf: file, encoding: .utf8), file: "failing_expect.yaml")
        let (lines, run) = transcript(of: scenario)
        #expect(run.failures.count == 1)
        #expect(run.expectsHeld == 1)
        #expect(run.failureReport == ["failing_expect.yaml:3:5: step 2 (expect at 1 s): session.status expected 200, got 100"])
        #expect(lines.contains { $0.contains(#""event":"expect","step":2,"line":3,"ok":false,"failures":[{"field":"session.status","expected":"200","actual":"100"}]"#) })
    }

    @Test("a long scenario runs in a blink on the virtual clock")
    func virtualClock() throws {
        var yaml = "steps:\n"
        for i in 0..<100 {
            yaml += "  - at: \(i * 600)\n    call: {mobile: \"1\(i)\"}\n  - after: 10\n    answer: {}\n  - after: 60\n    hangup: {}\n"
        }
        let scenario = try Scenario.parse(yaml, file: "long.yaml")
        #expect(scenario.duration > 59_000)
        let (lines, run) = transcript(of: scenario)
        #expect(run.failures.isEmpty)
        #expect(lines.filter { $0.contains("\"event\":\"sessionEnded\"") }.count == 100)
    }
}

@Suite("Recording")
struct RecordingTests {
    @Test("every action the writer writes parses back to the same action at the same time")
    func roundTrip() throws {
        let actions: [Action] = [
            .callIn(IncomingCall(type: .oim, caller: Caller(mobile: "+86 138", userId: "u\"1", nickName: "刘 \\ 先生", avatar: "https://a/b?c=1&d=2"), ringTimeout: 30)),
            .answer(nil), .answer("s2"), .calleeAnswer(nil), .hangUp(nil, closeBy: .client), .hold(nil), .resume("s1"), .mute(nil), .unmute(nil),
            .transfer(nil, to: "技术: 支持组"), .sendDTMF(nil, digits: "12#"), .setStatus(.rest, reason: "午休 #1"), .setStatus(.free, reason: nil),
            .wrapUp(.keepGoing), .select("s3"), .dialpad(.press("+")), .dialpad(.backspace), .dialpad(.clear), .dial,
            .pageMessage(.object(["source": .string("ccc-sdk"), "payload": .object(["event": .string("callOut"),
                "message": .object(["phoneNumber": .string("10086"), "desc": .string("客服: \"A\"")])])])),
        ]
        var yaml = "steps:\n"
        for (index, action) in actions.enumerated() {
            yaml += try #require(ScenarioWriter.step(action, at: Double(index) * 1.25))
        }
        let steps = try Scenario.parse(yaml, file: "rec.yaml").steps
        #expect(steps.count == actions.count)
        for (step, (index, action)) in zip(steps, actions.enumerated()) {
            #expect(step.kind == .actions([action]), "\(action)")
            #expect(abs(step.time - (Double(index) * 1.25 * 10).rounded() / 10) < 1e-9)
        }
        #expect(ScenarioWriter.step(.tick(to: 5), at: 5) == nil)
    }
}

@Suite("One reader for every layout")
struct LayoutTests {
    /// The same steps in block, margin, flow and JSON layouts, with comments that
    /// mention steps and anchors used across steps: one reader, one meaning.
    static let layouts = [
        "name: x\nsteps:\n  - call: &c {mobile: \"1\"}\n  # steps: in a comment\n  - at: 3\n    answer: {}\n  - call: *c\n",
        "steps:\n- call: &c {mobile: \"1\"}\n# steps: in a comment\n- at: 3\n  answer: {}\n- call: *c\nname: x\n",
        "name: x\nsteps: [{call: &c {mobile: \"1\"}}, {at: 3,\nanswer: {}}, {call: *c}]\n",
        #"{"name": "x", "steps": [{"call": {"mobile": "1"}}, {"at": 3, "answer": {}}, {"call": {"mobile": "1"}}]}"#,
    ]

    @Test("block, margin, flow (continued at column 0) and JSON layouts read and play the same", arguments: layouts)
    func same(_ text: String) throws {
        let scenario = try Scenario.parse(text, file: "f")
        let reference = try Scenario.parse(Self.layouts[0], file: "f")
        #expect(scenario.steps.map(\.kind) == reference.steps.map(\.kind))
        #expect(scenario.steps.map(\.time) == [0, 3, 3])
        #expect(scenario.name == "x")
        #expect(transcript(of: scenario).lines == transcript(of: reference).lines)
    }

    @Test("text before the steps, tabs and a stray carriage return mean the same to every reader")
    func strays() throws {
        #expect(try Scenario.parse("steps:\n  - call: {}\r\n  - expect: {session: {status: 999}}\n", file: "f").steps.count == 2)
        #expect(throws: ConfigErrors.self) { try Scenario.parse("steps:\n  -\texpect: {}\n", file: "f") }
        #expect(throws: ConfigErrors.self) { try Scenario.parse("junk\nsteps:\n  - answer: {}\n", file: "f") }
    }

    @Test("a configuration is told from a scenario by its keys, not its text")
    func kinds() throws {
        let config = #"{"sdkAppId": "1", "agent": {"nickName": "steps"}, "pages": [{"name": "\"steps\"", "url": "https://a.example"}]}"#
        guard case .configuration = try WorkstationDocument.read(config, file: "c.json") else { Issue.record("not a configuration"); return }
        guard case .scenario = try WorkstationDocument.read("{steps: [{answer: {}}]}", file: "s.yaml") else { Issue.record("not a scenario"); return }
        #expect(throws: ConfigErrors.self) { try Scenario.parse(config, file: "c.json") }
        #expect(throws: ConfigErrors.self) { try WorkstationConfig.parse("{steps: []}", file: "s.yaml") }
    }
}

@Suite("Transcript safety")
struct TranscriptSafetyTests {
    @Test("controls, C1 and bidi overrides in caller fields leave as JSON escapes, and parse back intact")
    func escapes() throws {
        let hostile = "A\u{1b}[2J\u{9b}31m\u{202E}evil\u{2066}\u{7}\"\\\n"
        var state = WorkstationState(config: .demo)
        var transcript = Transcript()
        let lines = transcript.lines(for: state.reduce(.callIn(IncomingCall(caller: Caller(mobile: "1", nickName: hostile)))))
        let line = try #require(lines.first { $0.contains("callIn") })
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) })
        #expect(line.contains(#"\u001b[2J\u009b31m\u202eevil\u2066\u0007\"\\\n"#))
        #expect(try JSONValue.parse(line)["nickName"] == .string(hostile))
    }
}
