import AgentDeskCore
@testable import AgentDeskUI
import Testing

@Suite("Playing a scenario in the workstation")
struct PlaybackTests {
    func clock(_ m: inout AppModel, _ seconds: Double) -> AppModel.Output {
        m.handle(.clock(seconds: seconds, wall: "12:00:00"))
    }

    @Test("steps play when their time comes, at the given speed")
    func realTime() {
        var m = AppModel(playing: Scenario.demo(), speed: 2, language: .en)
        _ = clock(&m, 0.4)
        #expect(m.playback?.position == 0, "the first step is at 1 s of scenario time, 0.5 s of real time at ×2")
        _ = clock(&m, 0.6)
        #expect(m.playback?.position == 2, "the call and the expect right after it")
        #expect(m.core.selectedSession?.status == .ringing)
        let output = clock(&m, 3)
        #expect(m.core.selectedSession?.status == .connected)
        #expect(output.transcript.contains { $0.contains("\"event\":\"userAccessed\"") })
        let bar = Screen.lines(m, width: 100, height: 30)[1]
        #expect(bar.contains("agentdesk demo") && bar.contains("next") && bar.contains("×2"))
    }

    @Test("space pauses the scenario clock (ring timers too); . plays exactly one step; r restarts")
    func steering() {
        var m = AppModel(playing: Scenario.demo(), speed: 1, language: .en)
        _ = clock(&m, 1.5)
        #expect(m.playback?.position == 2)
        _ = m.handle(.key(.char(" ")))
        _ = clock(&m, 100)
        #expect(m.playback?.position == 2, "paused: nothing plays")
        #expect(m.core.now == 1.5, "paused: the workstation clock stands still")
        #expect(Screen.lines(m, width: 100, height: 30)[1].contains("⏸"))
        _ = m.handle(.key(.char(".")))
        #expect(m.playback?.position == 3)
        #expect(m.core.selectedSession?.status == .connected, "step 3 answers")
        _ = m.handle(.key(.char(".")))
        _ = clock(&m, 101)
        #expect(m.playback?.position == 4, "still paused after a step")
        let restart = m.handle(.key(.char("r")))
        #expect(m.playback?.position == 0)
        #expect(m.core.sessions.isEmpty)
        #expect(restart.transcript.first?.contains("\"event\":\"restart\"") == true)
        _ = m.handle(.key(.char(" ")))
        _ = clock(&m, 102.5)
        #expect(m.playback?.position == 2, "resumed from the restart")
    }

    @Test("every key of the workstation still works while a scenario plays; n steps instead of switching sessions")
    func workstationKeys() {
        var m = AppModel(playing: Scenario.demo(), speed: 1, language: .en)
        _ = clock(&m, 1.5)
        _ = m.handle(.key(.char("a")))
        #expect(m.core.selectedSession?.status == .connected)
        _ = m.handle(.key(.char("o")))
        #expect(m.core.voiceSession?.onHold == true)
    }

    @Test("expect results show in the feed; the bar sums them up at the end")
    func expectations() {
        var m = AppModel(playing: Scenario.demo(), speed: 1, language: .en)
        _ = clock(&m, 100)
        #expect(m.playback?.isFinished == true)
        #expect(m.playback?.expectsHeld == 8 && m.playback?.expectsFailed == 0)
        #expect(m.ui.feed.contains { $0.text.hasPrefix("expect ✔") })
        #expect(Screen.lines(m, width: 100, height: 30)[1].contains("■ finished · expect ✔ 8"))

        let failing = try! Scenario.parse("steps:\n  - call: {mobile: \"1\"}\n  - expect: {session: {status: 200}}\n", file: "f.yaml")
        var f = AppModel(playing: failing, speed: 1, language: .en)
        _ = clock(&f, 1)
        #expect(f.playback?.expectsFailed == 1)
        #expect(f.ui.feed.contains { $0.text.contains("expect ✘ step 2 session.status: expected 200, got 100") })
    }

    @Test("p on the plain workstation plays the built-in demo")
    func playDemo() {
        var m = AppModel(config: .demo, language: .zh)
        _ = m.handle(.key(.char("p")))
        #expect(m.playback?.scenario.file == "demo")
        _ = clock(&m, 2)
        #expect(m.core.selectedSession?.caller.nickName == "刘先生")
    }

    @Test("what the agent does by hand is reported for recording; refused keys are not")
    func agentActions() {
        var m = AppModel(config: .demo, language: .en)
        #expect(m.handle(.key(.char("i"))).agentActions.count == 1)
        #expect(m.handle(.key(.char("i"))).agentActions.isEmpty == false, "a chat beside the call")
        #expect(m.handle(.key(.char("w"))).agentActions.isEmpty, "refused: not in after-call work")
        #expect(m.handle(.clock(seconds: 5, wall: "")).agentActions.isEmpty, "time is not the agent's doing")
    }
}

/// While a scenario plays, r is the trainer's restart; a chat's bottom line says
/// the key that replies then (Enter), and Enter does open the reply line. (Found
/// playing a shift in tmux: the line said "r reply", and r restarted the scenario.)
@Suite("A chat while a scenario plays")
struct PlayingChatTests {
    @Test("the chat's line says Enter replies; Enter opens the reply line; r restarts")
    func replyKey() throws {
        let scenario = try Scenario.parse("""
            name: chat
            steps:
              - call: {type: im, nickName: 访客}
              - answer: {}
              - customerSays: "你好"
            """, file: "c.yaml")
        var m = AppModel(playing: scenario, speed: 1, language: .en)
        _ = m.handle(.clock(seconds: 1, wall: "12:00:00"))
        #expect(m.core.selectedSession?.status == .connected)
        let screen = Screen.lines(m, width: 100, height: 30)
        #expect(screen.contains { $0.contains("Enter reply") }, "\(screen.joined(separator: "\n"))")
        #expect(!screen.contains { $0.contains("│ r reply") })
        _ = m.handle(.key(.enter))
        guard case .reply = m.ui.mode else {
            Issue.record("Enter did not open the reply line: \(m.ui.mode)")
            return
        }
        _ = m.handle(.key(.escape))
        let restart = m.handle(.key(.char("r")))
        #expect(restart.transcript.first?.contains("\"event\":\"restart\"") == true)
        // Without a scenario, r replies and the line says so.
        var free = AppModel(config: .demo, language: .en)
        free.send(.callIn(IncomingCall(type: .im, caller: Caller(nickName: "访客"))))
        free.send(.answer())
        #expect(Screen.lines(free, width: 100, height: 30).contains { $0.contains("│ r reply") })
    }
}
