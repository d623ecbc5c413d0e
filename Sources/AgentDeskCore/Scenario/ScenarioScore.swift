/// What playing a scenario means, defined once for both players (headless, and
/// the terminal's playback): a step moves the clock to its time, then runs its
/// actions or checks its expectation; expects are counted and failures kept.
/// How the clock moves and actions run is the player's (the terminal's model
/// also updates its screen), so they are passed in.
public struct ScenarioScore: Sendable {
    public private(set) var expectsHeld = 0
    public private(set) var failures: [(step: ScenarioStep, mismatches: [Expectation.Mismatch])] = []
    /// Every expect so far, in order, held (no mismatches) or not: the results panel.
    public private(set) var results: [(step: ScenarioStep, mismatches: [Expectation.Mismatch])] = []

    public init() {}

    public var expects: Int { expectsHeld + failures.count }

    /// Plays one step. Returns an expect's mismatches (empty when it held); nil for
    /// actions and narration (`say`, `pause`, `goal`), which are handed to `narrate`: the
    /// players show a caption or wait for the trainer in their own way.
    @discardableResult
    public mutating func play(
        _ step: ScenarioStep, now: Double, tick: (Double) -> Void, perform: (Action) -> Void,
        check: (Expectation) -> [Expectation.Mismatch], narrate: (ScenarioStep.Kind) -> Void = { _ in }
    ) -> [Expectation.Mismatch]? {
        if step.time > now { tick(step.time) }
        switch step.kind {
        case let .actions(actions):
            actions.forEach(perform)
            return nil
        case let .expect(expectation):
            let mismatches = check(expectation)
            if mismatches.isEmpty { expectsHeld += 1 } else { failures.append((step, mismatches)) }
            results.append((step, mismatches))
            return mismatches
        case .say, .pause, .goal, .page:
            narrate(step.kind)
            return nil
        }
    }

    /// A step that failed in the player's own way (a page step whose element never
    /// came): counted and reported as a failed expect is.
    public mutating func record(failed step: ScenarioStep, _ mismatches: [Expectation.Mismatch]) {
        failures.append((step, mismatches))
        results.append((step, mismatches))
    }

    /// An expect checked by the player itself (a browser run checks what the pages did too).
    public mutating func record(expect step: ScenarioStep, _ mismatches: [Expectation.Mismatch]) {
        if mismatches.isEmpty { expectsHeld += 1 } else { failures.append((step, mismatches)) }
        results.append((step, mismatches))
    }

    /// A one-line account per failed expectation: where, what, expected, actual.
    public func failureReport(file: String) -> [String] {
        failures.flatMap { step, mismatches in mismatches.map { Self.describe($0, step: step, file: file) } }
    }

    /// One mismatch in full: file:line:column, the step, the field, expected and actual.
    public static func describe(_ m: Expectation.Mismatch, step: ScenarioStep, file: String) -> String {
        "\(file):\(step.line):\(step.column): step \(step.number) (\(step.name) at \(OrderedJSON.number(step.time)) s): \(m.field) expected \(m.expected), got \(m.actual)"
    }
}
