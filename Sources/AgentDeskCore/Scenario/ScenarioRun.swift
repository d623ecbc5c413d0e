/// Plays a scenario step by step against a workstation, with a virtual clock,
/// streaming transcript lines as they happen. Pure: the caller decides where the
/// lines go and when. What a step does is `ScenarioScore.play`, shared with the
/// terminal's playback.
public struct ScenarioRun: Sendable {
    public let scenario: Scenario
    public private(set) var state: WorkstationState
    public private(set) var transcript = Transcript()
    /// The index of the next step to play.
    public private(set) var position = 0
    public private(set) var score = ScenarioScore()
    /// The goals being watched and those ended (the scenario plays the trainee's side too).
    public private(set) var goals = GoalWatch()

    public init(_ scenario: Scenario) {
        self.scenario = scenario
        state = WorkstationState(config: scenario.workstation)
    }

    public var isFinished: Bool { position >= scenario.steps.count }
    public var nextStep: ScenarioStep? { isFinished ? nil : scenario.steps[position] }
    public var expectsHeld: Int { score.expectsHeld }
    public var failures: [(step: ScenarioStep, mismatches: [Expectation.Mismatch])] { score.failures }

    /// Plays the next step and returns its transcript lines.
    public mutating func playNext() -> [String] {
        guard let step = nextStep else { return [] }
        position += 1
        return play(step)
    }

    /// Plays any step: the clock moves to its time (timers fire on the way), then
    /// its actions run or its expectation is checked. Returns the transcript lines.
    public mutating func play(_ step: ScenarioStep) -> [String] {
        var lines: [String] = []
        // The score is taken out while the step plays, so the closures may change the state.
        var score = self.score
        self.score = ScenarioScore()
        let mismatches = score.play(
            step, now: state.now,
            tick: { lines += tick(to: $0) },
            perform: {
                lines += transcript.lines(for: state.reduce($0))
                lines += observeGoals()
            },
            check: { $0.check(state) },
            narrate: { kind in
                // Headless, a caption is only its line and a pause waits for no one.
                if let line = transcript.narrationLine(step: step, t: state.now) { lines.append(line) }
                if case let .goal(goal) = kind {
                    for outcome in goals.start(step, goal, state: state, at: state.now) { lines.append(transcript.goalLine(outcome, t: state.now)) }
                }
            })
        self.score = score
        if let mismatches { lines.append(transcript.expectLine(step: step, t: state.now, mismatches: mismatches)) }
        return lines
    }

    public var failureReport: [String] { score.failureReport(file: scenario.file) }

    /// Moves the clock to `time`, stopping at each goal's deadline on the way so a
    /// goal is judged at its own moment.
    private mutating func tick(to time: Double) -> [String] {
        var lines: [String] = []
        while let deadline = goals.nextDeadline, deadline < time {
            lines += transcript.lines(for: state.reduce(.tick(to: deadline)))
            lines += observeGoals()
        }
        lines += transcript.lines(for: state.reduce(.tick(to: time)))
        lines += observeGoals()
        return lines
    }

    private mutating func observeGoals() -> [String] {
        guard !goals.watching.isEmpty else { return [] }
        return goals.observe(state, at: state.now).map { transcript.goalLine($0, t: state.now) }
    }

    /// After the last step: the clock runs on until every goal watched has ended.
    public mutating func settleGoals() -> [String] {
        guard let last = goals.watching.map(\.deadline).max() else { return [] }
        return tick(to: last)
    }
}
