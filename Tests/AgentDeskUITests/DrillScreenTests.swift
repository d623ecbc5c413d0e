import AgentDeskCore
@testable import AgentDeskUI
import Testing

/// A drill as the trainee sees it: goals met (✓, seconds) and missed (✗, hint) in
/// the feed, playback that cannot be skipped, the scorecard at the end.
@Suite("Drills in the workstation")
struct DrillScreenTests {
    func clock(_ m: inout AppModel, _ seconds: Double) -> AppModel.Output {
        m.handle(.clock(seconds: seconds, wall: "12:00:00"))
    }

    static let drill = """
        name: Answering
        steps:
          - at: 1
            call: {mobile: "13800000000", nickName: 王女士}
          - goal: {session: {status: 200}, within: 5, points: 10, hint: "press a to answer"}
          - after: 1
            goal: {agent: rest, within: 3, points: 5, hint: "press s until the status is rest"}
        """

    @Test("a goal met by a key in time shows ✓ and its seconds; one missed shows ✗ and its hint; then the scorecard")
    func metMissedScorecard() throws {
        let scenario = try Scenario.parse(Self.drill, file: "d.yaml")
        var m = AppModel(drilling: scenario, trainee: "Ann", language: .en)
        _ = clock(&m, 1)
        #expect(m.core.selectedSession?.status == .ringing && m.drill.goals.watching.count == 1)
        _ = clock(&m, 3)
        let answered = m.handle(.key(.char("a")))
        #expect(answered.transcript.contains { $0.contains(#""event":"goalMet","step":2,"line":5,"seconds":2,"points":10"#) },
                "\(answered.transcript)")
        var lines = Screen.lines(m, width: 100, height: 30)
        #expect(lines.contains { $0.contains("✓ goal (step 2) met in 2 s +10") }, "\(lines.joined(separator: "\n"))")

        // The trainee cannot skip, restart or pause: the scenario clock is the goals' clock.
        _ = m.handle(.key(.char(".")))
        #expect(m.playback?.position == 3 && m.ui.notice?.contains("real time") == true)
        _ = m.handle(.key(.char(" ")))
        #expect(m.playback?.paused == false)

        // Nothing done: at its deadline (2 + 3 s) the goal is missed, with its hint.
        _ = clock(&m, 4.9)
        #expect(m.drill.goals.watching.count == 1 && !m.drill.over)
        let missed = clock(&m, 5)
        #expect(missed.transcript.contains { $0.contains(#""event":"goalMissed","step":3,"line":6,"points":0,"hint":"press s until the status is rest""#) })
        #expect(m.drill.over)
        lines = Screen.lines(m, width: 100, height: 30)
        let screen = lines.joined(separator: "\n")
        #expect(screen.contains("Scorecard · Ann"), "\(screen)")
        #expect(screen.contains("✓ line 5  2 s  10/10 points  · press a to answer"), "\(screen)")
        #expect(screen.contains("✗ line 6  missed  0/5 points  · press s until the status is rest"), "\(screen)")
        #expect(screen.contains("Total 10 / 15 (1 of 2 goals met)"), "\(screen)")
        expectAligned(lines, width: 100)
        // Small terminals keep the total in view.
        let small = Screen.lines(m, width: 60, height: 20).joined(separator: "\n")
        #expect(small.contains("Total 10 / 15"), "\(small)")

        #expect(m.handle(.key(.char("x"))).quit == false)
        #expect(m.handle(.key(.char("q"))).quit)
        let score = DrillScore(trainee: "Ann", scenario: scenario, startedAt: "t", outcomes: m.goalOutcomes)
        #expect(score.total == 10 && score.max == 15 && score.goals.map(\.met) == [true, false])
    }

    @Test("a drill left early counts the goals still watched, and those not reached, as missed")
    func leftEarly() throws {
        let scenario = try Scenario.parse(Self.drill, file: "d.yaml")
        var m = AppModel(drilling: scenario, trainee: "Ann", language: .zh)
        _ = clock(&m, 1.5)
        m.leaveDrill()
        #expect(m.drill.over && m.goalOutcomes.map(\.met) == [false])
        let score = DrillScore(trainee: "Ann", scenario: scenario, startedAt: "t", outcomes: m.goalOutcomes)
        #expect(score.goals.map(\.met) == [false, false] && score.total == 0 && score.max == 15)
        #expect(Screen.lines(m, width: 80, height: 24).joined().contains("成绩单"))
    }

    @Test("the loop wakes at a goal's deadline")
    func wakesAtDeadline() throws {
        let scenario = try Scenario.parse(Self.drill, file: "d.yaml")
        var m = AppModel(drilling: scenario, trainee: "Ann", language: .en)
        _ = clock(&m, 2.5)
        // The second goal started at 2 and ends at 5; the first at 6.
        #expect(m.secondsUntilNextStep == 2.5)
    }
}

@Suite("The class's table")
struct ClassTableTests {
    static let scores = [
        DrillScore(trainee: "Bob", scenario: "Answering", startedAt: "2026-11-25T09:00:00Z",
                   goals: [.init(line: 5, met: true, seconds: 4.5, points: 10), .init(line: 7, met: false, seconds: nil, points: 0)],
                   total: 10, max: 15),
        DrillScore(trainee: "<b>Eve</b> & \"co\"", scenario: "Answering", startedAt: "2026-11-25T09:10:00Z",
                   goals: [.init(line: 5, met: true, seconds: 1, points: 10), .init(line: 7, met: true, seconds: 2.2, points: 5)],
                   total: 15, max: 15),
        DrillScore(trainee: "Bob", scenario: "Answering", startedAt: "2026-11-25T08:00:00Z",
                   goals: [.init(line: 5, met: false, seconds: nil, points: 0), .init(line: 7, met: false, seconds: nil, points: 0)],
                   total: 0, max: 15),
        DrillScore(trainee: "=1+2 李雷", scenario: "Answering", startedAt: "2026-11-25T09:20:00Z",
                   goals: [.init(line: 5, met: true, seconds: 9.9, points: 10), .init(line: 7, met: false, seconds: nil, points: 0)],
                   total: 10, max: 15),
    ]

    @Test("one row per trainee (the best attempt), one column per goal, sorted by total then name")
    func text() {
        let table = ClassTable(Self.scores)
        #expect(table.text == """
            trainee            line 5        line 7       total  max
            <b>Eve</b> & "co"  ✓ 10 (1 s)    ✓ 5 (2.2 s)     15   15
            =1+2 李雷          ✓ 10 (9.9 s)  ✗ 0             10   15
            Bob                ✓ 10 (4.5 s)  ✗ 0             10   15

            """)
    }

    @Test("CSV: points and seconds per goal, quoted where needed, formulas made text")
    func csv() {
        #expect(ClassTable(Self.scores).csv == #"""
            trainee,line 5 points,line 5 seconds,line 7 points,line 7 seconds,total,max,scenario,startedAt
            "<b>Eve</b> & ""co""",10,1,5,2.2,15,15,Answering,2026-11-25T09:10:00Z
            '=1+2 李雷,10,9.9,0,,10,15,Answering,2026-11-25T09:20:00Z
            Bob,10,4.5,0,,10,15,Answering,2026-11-25T09:00:00Z

            """#)
    }

    @Test("HTML: a plain page, nothing fetched, every value escaped")
    func html() {
        let page = ClassTable(Self.scores).html(title: "Class <3>")
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("<title>Class &lt;3&gt;</title>"))
        #expect(page.contains("<td>&lt;b&gt;Eve&lt;/b&gt; &amp; &quot;co&quot;</td>"))
        #expect(!page.contains("<b>Eve"))
        #expect(page.contains(#"<td class="met">✓ 10 (1 s)</td>"#) && page.contains(#"<td class="missed">✗ 0</td>"#))
        for outside in ["http:", "https:", "<script", "src=", "href=", "@import", "url("] { #expect(!page.contains(outside), "\(outside)") }
        // Eve first, then =1+2 李雷 and Bob (10 each, by name).
        let eve = page.range(of: "Eve")!.lowerBound, li = page.range(of: "李雷")!.lowerBound, bob = page.range(of: "<td>Bob")!.lowerBound
        #expect(eve < li && li < bob)
    }

    @Test("scores from different scenarios get columns of their own")
    func scenarios() {
        let other = DrillScore(trainee: "Cy", scenario: "Call-out", startedAt: "t", goals: [.init(line: 5, met: true, seconds: 3, points: 2)],
                               total: 2, max: 2)
        let table = ClassTable([Self.scores[0], other])
        #expect(table.columns.map(\.title) == ["Answering line 5", "Answering line 7", "Call-out line 5"])
        #expect(table.text.contains("Cy   ") && table.text.split(separator: "\n")[2].contains("✓ 2 (3 s)"))
    }
}
