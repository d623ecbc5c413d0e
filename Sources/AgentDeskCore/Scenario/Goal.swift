/// A drill's target (`goal:` step): a condition with the same keys as `expect`,
/// to become true within `within` seconds of the step, worth `points`; `hint`
/// tells the trainee what to do when it is missed.
public struct Goal: Sendable, Equatable {
    public var condition: Expectation
    public var within: Double
    public var points: Int
    public var hint: String?

    /// The keys a goal takes beside its condition's.
    public static let ownFields = ["within", "points", "hint"]
    public static let maxWithin: Double = 86_400
    public static let maxPoints = 1000
    public static let defaultPoints = 1
    public static let maxHintLength = 240

    public init(condition: Expectation, within: Double, points: Int = Goal.defaultPoints, hint: String? = nil) {
        self.condition = condition
        self.within = within
        self.points = points
        self.hint = hint
    }
}

/// How one goal ended: met (and how many seconds it took) or missed.
public struct GoalOutcome: Sendable, Equatable {
    /// The goal's step (1-based) and line in the file.
    public var step: Int
    public var line: Int
    public var met: Bool
    /// Seconds from the goal's start to when it held (nil when missed).
    public var seconds: Double?
    /// Points earned: the goal's points when met, 0 when missed.
    public var points: Int
    /// What the goal was worth.
    public var possible: Int
    public var hint: String?

    public init(step: Int, line: Int, met: Bool, seconds: Double?, points: Int, possible: Int, hint: String? = nil) {
        self.step = step
        self.line = line
        self.met = met
        self.seconds = seconds
        self.points = points
        self.possible = possible
        self.hint = hint
    }
}

/// Watches a drill's goals against the workstation: pure, the clock passed in.
/// A goal starts when its step plays and is watched until it holds (met) or its
/// `within` seconds have gone by without it holding (missed); later steps play
/// meanwhile, so several goals may be watched at once.
public struct GoalWatch: Sendable {
    public struct Watched: Sendable, Equatable {
        public var step: ScenarioStep
        public var goal: Goal
        /// Scenario seconds when it started.
        public var since: Double
        public var deadline: Double { since + goal.within }
    }

    public private(set) var watching: [Watched] = []
    /// Every goal ended so far, in the order they ended.
    public private(set) var outcomes: [GoalOutcome] = []

    public init() {}

    /// Starts watching a goal at `now` and checks it at once (it may already hold).
    public mutating func start(_ step: ScenarioStep, _ goal: Goal, state: WorkstationState, at now: Double) -> [GoalOutcome] {
        watching.append(Watched(step: step, goal: goal, since: now))
        return observe(state, at: now)
    }

    /// Checks every goal watched against the state at `now`; returns the goals that
    /// ended now. A goal holding at its deadline is met; past it, missed.
    public mutating func observe(_ state: WorkstationState, at now: Double) -> [GoalOutcome] {
        var ended: [GoalOutcome] = []
        watching.removeAll { watched in
            let outcome: GoalOutcome
            if now <= watched.deadline, watched.goal.condition.check(state).isEmpty {
                outcome = Self.outcome(watched, met: true, seconds: max(0, now - watched.since))
            } else if now >= watched.deadline {
                outcome = Self.outcome(watched, met: false, seconds: nil)
            } else {
                return false
            }
            ended.append(outcome)
            return true
        }
        outcomes += ended
        return ended
    }

    /// Ends the watch (the drill is over or was left): goals still watched are missed.
    public mutating func finish() -> [GoalOutcome] {
        let ended = watching.map { Self.outcome($0, met: false, seconds: nil) }
        watching = []
        outcomes += ended
        return ended
    }

    /// The earliest deadline of the goals watched (the player wakes then).
    public var nextDeadline: Double? { watching.map(\.deadline).min() }

    private static func outcome(_ w: Watched, met: Bool, seconds: Double?) -> GoalOutcome {
        GoalOutcome(step: w.step.number, line: w.step.line, met: met, seconds: seconds.map { ($0 * 10).rounded() / 10 },
                    points: met ? w.goal.points : 0, possible: w.goal.points, hint: w.goal.hint)
    }
}
