import AgentDeskCore

/// A drill in the terminal: the scenario plays the customer's side, the trainee
/// works the keys, goals are watched (`GoalWatch`, in the core) and shown as they
/// end; after the last step and goal, the scorecard.
public struct DrillProgress: Sendable {
    /// True for `agentdesk drill`: playback cannot be skipped and the end shows the scorecard.
    public var active = false
    public var trainee = ""
    public internal(set) var goals = GoalWatch()
    /// The drill has ended (every step played, every goal ended): the scorecard shows.
    public internal(set) var over = false

    public init() {}
}

extension AppModel {
    /// A model that runs `scenario` as a drill for `trainee`.
    public init(drilling scenario: Scenario, trainee: String, language: Language, colors: Bool = true) {
        self.init(playing: scenario, speed: 1, language: language, colors: colors)
        drill.active = true
        drill.trainee = trainee
    }

    /// Every goal that ended, in the order they ended.
    public var goalOutcomes: [GoalOutcome] { drill.goals.outcomes }

    /// Starts watching a goal step's goal (`ScenarioScore.play` hands it over).
    mutating func startGoal(_ step: ScenarioStep, _ goal: Goal) -> Output {
        let ended = drill.goals.start(step, goal, state: core, at: core.now)
        if drill.active, let hint = goal.hint {
            ui.record(.init(time: core.now, text: "◎ " + ui.language.pick("目标（\(OrderedJSON.number(goal.within)) 秒内）：",
                                                                         "goal (within \(OrderedJSON.number(goal.within)) s): ") + hint,
                            style: Style(foreground: .cyan, bold: true)))
        }
        return Output(transcript: show(ended))
    }

    /// Checks the goals watched against the workstation now (after each change and tick).
    mutating func observeGoals() -> [String] {
        guard !drill.goals.watching.isEmpty else { return [] }
        return show(drill.goals.observe(core, at: core.now))
    }

    /// Ended goals in the feed: ✓ with the seconds taken, ✗ with the hint.
    private mutating func show(_ outcomes: [GoalOutcome]) -> [String] {
        let lang = ui.language
        var lines: [String] = []
        for outcome in outcomes {
            lines.append(transcript.goalLine(outcome, t: core.now))
            let label = lang.pick("第 \(outcome.step) 步目标", "goal (step \(outcome.step))")
            if outcome.met {
                let seconds = OrderedJSON.number(outcome.seconds ?? 0)
                ui.record(.init(time: core.now, text: "✓ " + label + lang.pick(" 达成，用时 \(seconds) 秒 +\(outcome.points)",
                                                                             " met in \(seconds) s +\(outcome.points)"),
                                style: Style(foreground: .green, bold: true)))
            } else {
                let hint = outcome.hint.map { lang.pick("：", ": ") + $0 } ?? ""
                ui.record(.init(time: core.now, text: "✗ " + label + lang.pick(" 未达成", " missed") + hint,
                                style: Style(foreground: .red, bold: true)))
                if drill.active { ui.notice = "✗ " + (outcome.hint ?? label) }
            }
        }
        return lines
    }

    /// After the last step, once every goal has ended: the drill is over.
    mutating func endDrillIfDone() {
        guard drill.active, !drill.over, let playback, playback.isFinished, drill.goals.watching.isEmpty else { return }
        drill.over = true
    }

    /// Ends a drill left early (the trainee quit): goals still watched are missed.
    public mutating func leaveDrill() {
        guard drill.active else { return }
        _ = show(drill.goals.finish())
        drill.over = true
    }

    /// Keys during a drill: the scorecard takes q, Enter, space and ctrl-c to end;
    /// playback cannot be skipped, restarted or paused by the trainee (the scenario
    /// clock is the goals' clock), except to go on after a `pause` step.
    mutating func drillKey(_ key: Key) -> Output? {
        guard drill.active else { return nil }
        if drill.over {
            switch key {
            case .char("q"), .char("Q"), .enter, .char(" "), .ctrl("c"): return Output(quit: true)
            default: return Output()
            }
        }
        guard ui.mode == .main, let playback,
              let binding = KeyTable.binding(for: key, dialpadFocused: false, playing: true), binding.context == .playback
        else { return nil }
        if binding.command == .pauseResume, playback.awaitingTrainer { return nil }
        ui.notice = ui.language.pick("练习按真实时间进行：不能暂停、跳步或重来", "a drill runs in real time: no pausing, skipping or restarting")
        return Output()
    }

    /// Real seconds until the next goal's deadline (the loop wakes to show ✗ on time).
    var secondsUntilGoalDeadline: Double? {
        guard let playback, !playback.paused, let deadline = drill.goals.nextDeadline else { return nil }
        return max(0, (deadline - playback.scenarioTime(at: realTime)) / playback.speed)
    }
}
