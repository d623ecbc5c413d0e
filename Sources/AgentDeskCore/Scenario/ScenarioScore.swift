/// What playing a scenario means, defined once for both players (headless, and
/// the terminal's playback): a step moves the clock to its time, then runs its
/// actions or checks its expectation; expects are counted and failures kept.
/// How the clock moves and actions run is the player's (the terminal's model
/// also updates its screen), so they are passed in.
public struct ScenarioScore: Sendable {
    public private(set) var expectsHeld = 0
    public private(set) var failures: [(step: ScenarioStep, mismatches: [Expectation.Mismatch])] = []

    public init() {}

    public var expects: Int { expectsHeld + failures.count }

    /// Plays one step. Returns an expect's mismatches (empty when it held); nil for actions.
    @discardableResult
    public mutating func play(
        _ step: ScenarioStep, now: Double, tick: (Double) -> Void, perform: (Action) -> Void,
        check: (Expectation) -> [Expectation.Mismatch]
    ) -> [Expectation.Mismatch]? {
        if step.time > now { tick(step.time) }
        switch step.kind {
        case let .actions(actions):
            actions.forEach(perform)
            return nil
        case let .expect(expectation):
            let mismatches = check(expectation)
            if mismatches.isEmpty { expectsHeld += 1 } else { failures.append((step, mismatches)) }
            return mismatches
        }
    }

    /// A one-line account per failed expectation: where, what, expected, actual.
    public func failureReport(file: String) -> [String] {
        failures.flatMap { step, mismatches in
            mismatches.map {
                "\(file):\(step.line):\(step.column): step \(step.number) (expect at \(OrderedJSON.number(step.time)) s): \($0.field) expected \($0.expected), got \($0.actual)"
            }
        }
    }
}
