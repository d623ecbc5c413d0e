/// Plays a scenario step by step against a workstation, with a virtual clock,
/// streaming transcript lines as they happen. Pure: the caller decides where the
/// lines go and when (the headless runner at once, the TUI in real time).
public struct ScenarioRun: Sendable {
    public let scenario: Scenario
    public private(set) var state: WorkstationState
    public private(set) var transcript = Transcript()
    /// The index of the next step to play.
    public private(set) var position = 0
    public private(set) var expectsHeld = 0
    public private(set) var failures: [(step: ScenarioStep, mismatches: [Expectation.Mismatch])] = []

    public init(_ scenario: Scenario) {
        self.scenario = scenario
        state = WorkstationState(config: scenario.workstation)
    }

    public var isFinished: Bool { position >= scenario.steps.count }
    public var nextStep: ScenarioStep? { isFinished ? nil : scenario.steps[position] }

    /// Plays the next step: the clock moves to its time (timers fire on the way),
    /// then its actions run or its expectation is checked. Returns the transcript lines.
    public mutating func playNext() -> [String] {
        guard let step = nextStep else { return [] }
        position += 1
        return play(step)
    }

    /// Plays any step (a streamed scenario hands them over one at a time).
    public mutating func play(_ step: ScenarioStep) -> [String] {
        var lines = transcript.lines(for: state.reduce(.tick(to: max(state.now, step.time))))
        switch step.kind {
        case let .actions(actions):
            for action in actions { lines += transcript.lines(for: state.reduce(action)) }
        case let .expect(expectation):
            let mismatches = expectation.check(state)
            if mismatches.isEmpty { expectsHeld += 1 } else { failures.append((step, mismatches)) }
            lines.append(transcript.expectLine(step: step, t: state.now, mismatches: mismatches))
        }
        return lines
    }

    /// A one-line account per failed expectation: where, what, expected, actual.
    public var failureReport: [String] {
        failures.flatMap { step, mismatches in
            mismatches.map {
                "\(scenario.file):\(step.line):\(step.column): step \(step.number) (expect at \(OrderedJSON.number(step.time)) s): \($0.field) expected \($0.expected), got \($0.actual)"
            }
        }
    }
}
