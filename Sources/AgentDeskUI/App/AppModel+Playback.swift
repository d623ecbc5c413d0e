import AgentDeskCore

extension AppModel {
    /// Starts playing a scenario from its beginning, on a fresh workstation.
    public mutating func play(_ scenario: Scenario, speed: Double = 1, stopOnFailure: Bool = false) {
        core = WorkstationState(config: scenario.workstation)
        ui.clearFeed()
        drill.goals = GoalWatch()
        drill.over = false
        if ui.mode == .results { ui.mode = .main }
        playback = Playback(scenario: scenario, speed: speed, startingAt: realTime, stopOnFailure: stopOnFailure)
        ui.record(.init(time: 0, text: ui.language.pick("▶ 开始播放：", "▶ playing: ") + (scenario.name ?? scenario.file), style: .bold))
    }

    /// Plays every step that is due by the scenario clock.
    mutating func advancePlayback() -> Output {
        guard var playback else { return Output() }
        var output = Output()
        let target = playback.scenarioTime(at: realTime)
        // While paused only `n` plays steps, one at a time, even when several share a moment.
        while !playback.paused, let step = playback.nextStep, step.time <= target {
            output.append(playStep(step, playback: &playback))
        }
        self.playback = playback
        if target > core.now { output.append(send(.tick(to: target))) }
        endDrillIfDone()
        return output
    }

    /// Plays one step now, as a headless run plays it (`ScenarioScore.play`), with
    /// the screen following: the feed shows each expect's result.
    private mutating func playStep(_ step: ScenarioStep, playback: inout Playback) -> Output {
        var output = Output()
        playback.position += 1
        playback.lastStep = step
        var narration: ScenarioStep.Kind?
        let mismatches = playback.score.play(
            step, now: core.now,
            tick: { output.append(send(.tick(to: $0))) },
            perform: { output.append(send($0)) },
            check: { $0.check(core) },
            narrate: { narration = $0 })
        if let narration {
            if let line = transcript.narrationLine(step: step, t: core.now) { output.transcript.append(line) }
            switch narration {
            case let .say(text, seconds):
                // For `seconds` from when it shows (a pause may have held the clock past the step's time).
                playback.caption = (text, seconds.map { max(step.time, core.now) + $0 })
            case .pause:
                playback.pause(at: realTime)
                playback.awaitingTrainer = true
            case let .goal(goal):
                output.append(startGoal(step, goal))
            case .actions, .expect, .page:
                break
            }
        }
        guard let mismatches else { return output }
        output.transcript.append(transcript.expectLine(step: step, t: core.now, mismatches: mismatches))
        if playback.stopOnFailure, !mismatches.isEmpty {
            // The trainer sees what failed, in full, before anything else plays.
            playback.pause(at: realTime)
            ui.mode = .results
        }
        let label = ui.language.pick("第 \(step.number) 步", "step \(step.number)")
        if mismatches.isEmpty {
            ui.record(.init(time: core.now, text: "expect ✔ " + label, style: Style(foreground: .green)))
        }
        for m in mismatches {
            ui.record(.init(time: core.now, text: "expect ✘ " + label
                + " \(m.field): \(ui.language.pick("应为", "expected")) \(m.expected), \(ui.language.pick("实际", "got")) \(m.actual)",
                            style: Style(foreground: .red, bold: true)))
        }
        return output
    }

    /// Space, n and r while a scenario plays; nil for every other key.
    mutating func playbackKey(_ key: Key) -> Output? {
        guard var playback, ui.mode == .main,
              let binding = KeyTable.binding(for: key, dialpadFocused: false, playing: true), binding.context == .playback
        else {
            if playback == nil, ui.mode == .main,
               KeyTable.binding(for: key, dialpadFocused: false, playing: false)?.command == .playDemo {
                play(Scenario.demo())
                return Output()
            }
            return nil
        }
        switch binding.command {
        case .pauseResume:
            if playback.paused { playback.resume(at: realTime) } else { playback.pause(at: realTime) }
            self.playback = playback
            return Output()
        case .nextStep:
            guard let step = playback.nextStep else {
                ui.notice = ui.language.pick("脚本已播放完", "the scenario has finished")
                return Output()
            }
            playback.jump(to: step.time, at: realTime)
            let output = playStep(step, playback: &playback)
            self.playback = playback
            return output
        case .restart:
            let scenario = playback.scenario
            let wasPaused = playback.paused && !playback.awaitingTrainer
            play(scenario, speed: playback.speed, stopOnFailure: playback.stopOnFailure)
            if wasPaused { self.playback?.pause(at: realTime) }
            // The transcript is only ever appended to: a restart is a line, and `t` starts over after it.
            return Output(transcript: [transcript.line(t: 0, event: "restart", fields: [("scenario", .string(scenario.file))])])
        default:
            return nil
        }
    }

    /// Real seconds until something is due: the next step, or a caption going away
    /// (the loop wakes for it).
    public var secondsUntilNextStep: Double? {
        guard let playback else { return nil }
        let due = [playback.secondsUntilNextStep(at: realTime), playback.secondsUntilCaptionEnds(at: realTime),
                   secondsUntilGoalDeadline].compactMap { $0 }
        return due.min()
    }

    /// The caption showing now, if any.
    public var caption: String? { playback?.caption(at: realTime) }

    /// Keys while the results panel shows: space closes it and plays on, any other
    /// key closes it (the scenario stays paused), ctrl-c quits.
    mutating func resultsKey(_ key: Key) -> Output {
        switch key {
        case .ctrl("c"):
            return Output(quit: true)
        case .char(" "):
            ui.mode = .main
            playback?.resume(at: realTime)
        default:
            ui.mode = .main
        }
        return Output()
    }
}
