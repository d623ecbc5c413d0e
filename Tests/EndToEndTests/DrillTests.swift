import Foundation
import Testing

/// `agentdesk drill` in a real terminal, and `agentdesk score` over the files it writes.
@Suite("Drills and the class's scores")
struct DrillTests {
    static let drill = """
        name: Answering
        steps:
          - at: 1
            call: {mobile: "13800000000", nickName: 王女士}
          - goal: {session: {status: 200}, within: 60, points: 10, hint: "press a to answer"}
          - goal: {agent: rest, within: 2, points: 5, hint: "press s until the status is rest"}
          - after: 8
            say: "That was the drill."
        """

    @Test("in tmux: a goal met by pressing a in time, a goal missed by doing nothing, the scorecard, the score file")
    func drillInTmux() throws {
        let tmux = try Tmux(width: 100, height: 30)
        let file = tmux.runtimeDirectory + "/answering.yaml"
        try Self.drill.write(toFile: file, atomically: true, encoding: .utf8)
        try tmux.shell("'\(Tmux.binary)' drill answering.yaml --trainee Ann --score ann.json --lang en; echo \"EXIT=$?\"")
        try tmux.waitFor("100 Ringing")
        try tmux.send("a")
        try tmux.waitFor("✓ goal (step 2) met in")
        try tmux.waitFor("✗ goal (step 3) missed")
        // The hint, whole, above the key hints (the event pane may be too narrow for it).
        try tmux.waitFor("✗ press s until the status is rest")
        try tmux.waitFor("Scorecard · Ann")
        let card = try tmux.waitFor("Total 10 / 15 (1 of 2 goals met)")
        #expect(card.contains { $0.contains("✓ line 5") && $0.contains("10/10 points") }, "\(card.joined(separator: "\n"))")
        #expect(card.contains { $0.contains("✗ line 6  missed  0/5 points") }, "\(card.joined(separator: "\n"))")
        try tmux.send("q")
        try tmux.waitFor("EXIT=1")
        try tmux.waitFor("Ann · Answering: 10 / 15 points")

        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: tmux.runtimeDirectory + "/ann.json"))) as? [String: Any]
        let score = try #require(json)
        #expect(score["trainee"] as? String == "Ann" && score["scenario"] as? String == "Answering")
        #expect((score["startedAt"] as? String)?.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"#, options: .regularExpression) != nil)
        #expect(score["total"] as? Int == 10 && score["max"] as? Int == 15)
        let goals = try #require(score["goals"] as? [[String: Any]])
        #expect(goals.count == 2)
        #expect(goals[0]["line"] as? Int == 5 && goals[0]["met"] as? Bool == true && goals[0]["points"] as? Int == 10)
        #expect((goals[0]["seconds"] as? Double).map { $0 >= 0 && $0 <= 60 } == true)
        #expect(goals[1]["line"] as? Int == 6 && goals[1]["met"] as? Bool == false && goals[1]["seconds"] is NSNull && goals[1]["points"] as? Int == 0)
        // The score file holds callers' business: private, like transcripts.
        let mode = try FileManager.default.attributesOfItem(atPath: tmux.runtimeDirectory + "/ann.json")[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test("every goal met: exit 0; the built-in drill starts with its caption")
    func allMet() throws {
        let tmux = try Tmux(width: 100, height: 30)
        try """
            steps:
              - call: {mobile: "13800000000"}
              - goal: {session: {status: 200}, within: 60, points: 3}
            """.write(toFile: tmux.runtimeDirectory + "/one.yaml", atomically: true, encoding: .utf8)
        try tmux.shell("'\(Tmux.binary)' drill one.yaml --lang en; echo \"EXIT=$?\"")
        try tmux.waitFor("100 Ringing")
        try tmux.send("a")
        try tmux.waitFor("Total 3 / 3 (1 of 1 goals met)")
        try tmux.send("Enter")
        try tmux.waitFor("EXIT=0")
        try tmux.waitFor("trainee · one.yaml: 3 / 3 points")

        try tmux.shell("clear; '\(Tmux.binary)' drill demo --lang en; echo \"EXIT=$?\"")
        try tmux.waitFor("Drill: a customer is about to call. Answer with a.")
        try tmux.send("C-c")
        try tmux.waitFor("EXIT=1")
    }

    @Test("a drill file doing the trainee's work is refused with the line; so is one without goals")
    func refusals() throws {
        let file = try temporaryFile("drill-answers.yaml", """
            steps:
              - call: {}
              - answer: {}
              - hangup: {}
              - hangup: {closeBy: client}
              - goal: {agent: free, within: 5}
            """)
        let (status, _, stderr) = try runBinary(["drill", file])
        #expect(status == 2)
        #expect(stderr.contains(file + ":3:5: steps[1].answer: 'answer' is the trainee's to do in a drill; make it a goal"), "\(stderr)")
        #expect(stderr.contains(file + ":4:5: steps[2].hangup: hanging up by the seat is the trainee's to do"), "\(stderr)")
        #expect(!stderr.contains(":5:5:"), "the customer hanging up is the scenario's")
        let none = try temporaryFile("drill-none.yaml", "steps:\n  - call: {}\n")
        let (noneStatus, _, noneErr) = try runBinary(["drill", none])
        #expect(noneStatus == 2 && noneErr.contains("a drill needs at least one goal step"), "\(noneErr)")
        let (sameStatus, _, sameErr) = try runBinary(["drill", file, "--score", file])
        #expect(sameStatus == 2 && sameErr.contains("that is the drill file"), "\(sameErr)")
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("goal:"), "the drill file is left as it was")
        let (nameStatus, _, nameErr) = try runBinary(["drill", none, "--trainee", " "])
        #expect(nameStatus == 2 && nameErr.contains("--trainee: give the trainee's name"), "\(nameErr)")
    }

    @Test("headless, a drill file's goals are judged against the scenario's own play")
    func headless() throws {
        let file = try temporaryFile("drill-headless.yaml", Self.drill + "\n  - answer: {}\n    by: scenario\n")
        let (status, stdout, stderr) = try runBinary(["run", file, "--headless"])
        #expect(status == 0, "\(stderr)")
        #expect(stdout.contains(#""event":"goalMet","step":2,"line":5,"seconds":8,"points":10"#), "\(stdout)")
        #expect(stdout.contains(#""event":"goalMissed","step":3,"line":6,"points":0"#), "\(stdout)")
        #expect(stderr.contains("goals ✓ 1 ✗ 1"), "\(stderr)")
    }

    static func scoreFile(_ name: String, _ trainee: String, _ goals: String, total: Int) throws -> String {
        try temporaryFile(name, #"{"trainee":"\#(trainee)","scenario":"Answering","startedAt":"2026-11-25T04:00:00Z","goals":[\#(goals)],"total":\#(total),"max":15}"#)
    }

    @Test("score over several files: the table, CSV, an HTML page; a bad file is named and the others count")
    func score() throws {
        let ann = try Self.scoreFile("s-ann.json", "Ann", #"{"line":5,"met":true,"seconds":2.5,"points":10},{"line":6,"met":false,"seconds":null,"points":0}"#, total: 10)
        let bo = try Self.scoreFile("s-bo.json", "Bo <i>", #"{"line":5,"met":true,"seconds":1,"points":10},{"line":6,"met":true,"seconds":1.5,"points":5}"#, total: 15)
        let cy = try Self.scoreFile("s-cy.json", "Cy", #"{"line":5,"met":false,"seconds":null,"points":0},{"line":6,"met":false,"seconds":null,"points":0}"#, total: 0)
        let bad = try temporaryFile("s-bad.json", #"{"trainee":"Di","scenario":"Answering","startedAt":"x","goals":[{"line":5,"met":"yes","points":1}],"total":1,"max":15}"#)

        let (status, stdout, stderr) = try runBinary(["score", ann, bo, cy, bad])
        #expect(status == 2)
        #expect(stderr.contains(bad + ": goals[0].met: expected true or false"), "\(stderr)")
        #expect(stdout == """
            trainee  line 5        line 6       total  max
            Bo <i>   ✓ 10 (1 s)    ✓ 5 (1.5 s)     15   15
            Ann      ✓ 10 (2.5 s)  ✗ 0             10   15
            Cy       ✗ 0           ✗ 0              0   15

            """, "\(stdout)")

        let (csvStatus, csv, _) = try runBinary(["score", "--csv", ann, bo, cy])
        #expect(csvStatus == 0)
        #expect(csv.hasPrefix("trainee,line 5 points,line 5 seconds,line 6 points,line 6 seconds,total,max,scenario,startedAt\nBo <i>,10,1,5,1.5,15,15,"), "\(csv)")
        #expect(csv.split(separator: "\n").count == 4)

        let page = FileManager.default.temporaryDirectory.appendingPathComponent("agentdesk-e2e-\(getpid())/class.html").path
        let (htmlStatus, _, htmlErr) = try runBinary(["score", ann, bo, cy, "--html", page, "--title", "Class & co"])
        #expect(htmlStatus == 0, "\(htmlErr)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("<h1>Class &amp; co</h1>") && html.contains("<td>Bo &lt;i&gt;</td>") && !html.contains("<i>"))
        #expect(!html.contains("http") && !html.contains("<script"))

        let (missingStatus, _, missingErr) = try runBinary(["score", "/nonexistent/x.json", ann])
        #expect(missingStatus == 2 && missingErr.contains("/nonexistent/x.json"), "\(missingErr)")
    }

    @Test("the schema takes goal and by: scenario, and refuses a misspelt goal field")
    func schema() throws {
        let script = """
            import json, sys, yaml, jsonschema
            v = jsonschema.Draft202012Validator(json.load(open(sys.argv[1] + '/docs/scenario.schema.json')))
            src = open(sys.argv[1] + '/Sources/AgentDeskCore/Scenario/Scenario+DrillDemo.swift').read().split('\"\"\"')[1]
            demo = yaml.safe_load('\\n'.join(l[8:] for l in src.split('\\n')))
            good = yaml.safe_load('steps:\\n  - goal: {session: {status: 200}, within: 10, points: 10, hint: press a}\\n  - answer: {}\\n    by: scenario\\n')
            bad = ['steps:\\n  - goal: {agent: free, withn: 5}\\n', 'steps:\\n  - goal: {agent: free}\\n', 'steps:\\n  - goal: {within: 5}\\n',
                   'steps:\\n  - goal: {agent: free, within: 5, points: 1.5}\\n', 'steps:\\n  - answer: {}\\n    by: trainer\\n']
            errors = [e.message for d in (demo, good) for e in v.iter_errors(d)]
            print('ERRORS', errors)
            missed = [b for b in bad if not list(v.iter_errors(yaml.safe_load(b)))]
            print('MISSED', missed)
            sys.exit(1 if errors or missed else 0)
            """
        let path = try temporaryFile("goal_schema.py", script)
        let (status, text) = try runPython(path, [SchemaTests.root.path])
        #expect(status == 0, "\(text)")
    }
}

@Suite("README drill example")
struct ReadmeDrillTests {
    @Test("the README's drill is a valid drill: headless, its goals are judged, and drill accepts it")
    func readmeDrill() throws {
        let text = try String(contentsOf: ReadmeTests.readme, encoding: .utf8)
        let section = try #require(text.range(of: "### Drills"))
        let open = try #require(text.range(of: "```yaml\n", range: section.upperBound..<text.endIndex))
        let close = try #require(text.range(of: "```", range: open.upperBound..<text.endIndex))
        let file = try temporaryFile("readme-drill.yaml", String(text[open.upperBound..<close.lowerBound]))
        let (status, stdout, stderr) = try runBinary(["run", file, "--headless"])
        #expect(status == 0, "\(stderr)")
        // Nobody answers headless: the first goal is missed with its hint.
        #expect(stdout.contains(#""event":"goalMissed","step":3,"line":6,"points":0,"hint":"press a to answer""#), "\(stdout)")
        #expect(stderr.contains("goals ✓"), "\(stderr)")
        // And drill takes it (refused files exit 2 before the terminal; here the terminal is missing, exit 1).
        let (drillStatus, _, drillErr) = try runBinary(["drill", file])
        #expect(drillStatus != 2, "\(drillErr)")
    }
}
