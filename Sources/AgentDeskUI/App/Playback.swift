import AgentDeskCore

/// A scenario playing in the terminal: its own clock (paused, stepped, sped up)
/// drives the workstation clock, so ring timeouts and countdowns pause with it.
public struct Playback: Sendable {
    public let scenario: Scenario
    public let speed: Double
    /// The index of the next step.
    public internal(set) var position = 0
    public internal(set) var paused = false
    /// Scenario time = (real time − origin) × speed while playing; frozen while paused.
    var origin: Double = 0
    var frozenAt: Double = 0
    /// Expects so far: the same counting as a headless run.
    public internal(set) var score = ScenarioScore()
    public var expectsHeld: Int { score.expectsHeld }
    public var expectsFailed: Int { score.failures.count }
    /// The step played last, for the bar.
    public internal(set) var lastStep: ScenarioStep?
    /// The caption of the last `say`, and the scenario time it goes away (nil: at the next say).
    public internal(set) var caption: (text: String, until: Double?)?
    /// True from a `pause` step until the trainer presses space.
    public internal(set) var awaitingTrainer = false
    /// `--stop-on-failure`: a failed expect pauses playback and shows every result.
    public let stopOnFailure: Bool

    public init(scenario: Scenario, speed: Double, startingAt realTime: Double, stopOnFailure: Bool = false) {
        self.scenario = scenario
        self.speed = speed
        self.stopOnFailure = stopOnFailure
        origin = realTime
    }

    /// The caption showing at `realTime`, if any.
    public func caption(at realTime: Double) -> String? {
        guard let caption else { return nil }
        if let until = caption.until, scenarioTime(at: realTime) >= until { return nil }
        return caption.text
    }

    /// Real seconds until the caption goes away (nil when it stays, or time stands still).
    func secondsUntilCaptionEnds(at realTime: Double) -> Double? {
        guard !paused, let until = caption?.until else { return nil }
        let left = until - scenarioTime(at: realTime)
        return left > 0 ? left / speed : nil
    }

    public var nextStep: ScenarioStep? { position < scenario.steps.count ? scenario.steps[position] : nil }
    public var isFinished: Bool { nextStep == nil }

    public func scenarioTime(at realTime: Double) -> Double {
        paused ? frozenAt : max(0, (realTime - origin) * speed)
    }

    mutating func pause(at realTime: Double) {
        guard !paused else { return }
        frozenAt = scenarioTime(at: realTime)
        paused = true
    }

    mutating func resume(at realTime: Double) {
        guard paused else { return }
        origin = realTime - frozenAt / speed
        paused = false
        awaitingTrainer = false
    }

    /// Moves the scenario clock to `time` (never back), keeping the paused state.
    mutating func jump(to time: Double, at realTime: Double) {
        if paused { frozenAt = max(frozenAt, time) } else { origin = min(origin, realTime - time / speed) }
    }

    /// Real seconds until the next step is due (nil when paused or finished).
    public func secondsUntilNextStep(at realTime: Double) -> Double? {
        guard !paused, let step = nextStep else { return nil }
        return max(0, (step.time - scenarioTime(at: realTime)) / speed)
    }
}
