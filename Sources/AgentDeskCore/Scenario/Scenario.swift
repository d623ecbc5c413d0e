/// A scripted call flow: a workstation configuration and timed steps, played the
/// same way every time (a trainer's demo, an integrator's CI check).
public struct Scenario: Sendable, Equatable {
    /// Where it came from, for messages.
    public var file: String
    /// The scenario's own title (`name:`), shown while it plays.
    public var name: String?
    public var description: String?
    public var workstation: WorkstationConfig
    public var steps: [ScenarioStep]

    public init(file: String, name: String? = nil, description: String? = nil, workstation: WorkstationConfig, steps: [ScenarioStep]) {
        self.file = file
        self.name = name
        self.description = description
        self.workstation = workstation
        self.steps = steps
    }

    /// When the last step plays.
    public var duration: Double { steps.last?.time ?? 0 }
}

/// One step: when it plays and what it does.
public struct ScenarioStep: Sendable, Equatable {
    /// 1-based position in the file's `steps`.
    public var number: Int
    /// Where the step stands in the file.
    public var line: Int
    public var column: Int
    /// Seconds from the start of the scenario (resolved from `at` or `after`).
    public var time: Double
    /// The action's key in the file (`call`, `answer`, `expect`, …).
    public var name: String
    public var kind: Kind
    /// `by: scenario`: an action a drill plays itself although it is the trainee's kind.
    public var byScenario = false

    public enum Kind: Sendable, Equatable {
        /// Actions for the workstation (typing `dialpad: "138"` is one per key).
        case actions([Action])
        /// Assertions on the state at that moment.
        case expect(Expectation)
        /// A caption for the class (`say: "text"`), shown until the next one or for `seconds`.
        case say(String, seconds: Double?)
        /// Playback waits for the trainer (`pause: {}`); headless runs note it and go on.
        case pause
        /// A drill's target: a condition to become true within some seconds (see `Goal`).
        case goal(Goal)
        /// Drives a screen-pop page in the browser (`run --headless --browser`).
        case page(PageStep)
    }

    public init(number: Int, line: Int, column: Int, time: Double, name: String, kind: Kind) {
        self.number = number
        self.line = line
        self.column = column
        self.time = time
        self.name = name
        self.kind = kind
    }
}
