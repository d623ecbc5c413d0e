/// What makes a scenario a drill: it plays the customer's side only; the
/// trainee's actions are the trainee's to do, and its goals are scored.
public enum Drill {
    /// The customer's side (and the world's): a call ringing, the caller or an
    /// admin ending it, a page's message, the called party picking up. Every other
    /// action (new ones too, until listed here) is the trainee's.
    public static func isScenarioSide(_ action: Action) -> Bool {
        switch action {
        case .tick, .callIn, .calleeAnswer, .pageMessage: true
        case let .hangUp(_, closeBy): closeBy != .seat
        default: false
        }
    }

    /// The marker that lets a drill play a trainee's action itself.
    public static let marker = "by: scenario"

    /// Every step that does the trainee's work, as a located error: a drill
    /// would otherwise do what the trainee is scored on.
    public static func check(_ scenario: Scenario) throws(ConfigErrors) {
        var errors: [ConfigError] = []
        for step in scenario.steps where !step.byScenario {
            guard case let .actions(actions) = step.kind, let action = actions.first(where: { !isScenarioSide($0) }) else { continue }
            let what = action.name == "hangup" ? "hanging up by the seat" : "'\(step.name)'"
            errors.append(ConfigError(
                file: scenario.file, line: step.line, column: step.column, field: "steps[\(step.number - 1)].\(step.name)",
                message: "\(what) is the trainee's to do in a drill; make it a goal (e.g. goal: {session: {status: 200}, within: 10}) "
                    + "or, if the scenario plays it, add '\(marker)'"))
        }
        if !errors.isEmpty { throw ConfigErrors(errors) }
    }

    /// The goal steps of a scenario, in order.
    public static func goals(of scenario: Scenario) -> [(step: ScenarioStep, goal: Goal)] {
        scenario.steps.compactMap { step in
            if case let .goal(goal) = step.kind { (step, goal) } else { nil }
        }
    }
}

/// A trainee's result in a drill: what `--score FILE` writes and `agentdesk score` reads.
public struct DrillScore: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var line: Int
        public var met: Bool
        public var seconds: Double?
        public var points: Int

        public init(line: Int, met: Bool, seconds: Double?, points: Int) {
            self.line = line
            self.met = met
            self.seconds = seconds
            self.points = points
        }
    }

    public var trainee: String
    public var scenario: String
    public var startedAt: String
    public var goals: [Entry]
    public var total: Int
    public var max: Int

    public init(trainee: String, scenario: String, startedAt: String, goals: [Entry], total: Int, max: Int) {
        self.trainee = trainee
        self.scenario = scenario
        self.startedAt = startedAt
        self.goals = goals
        self.total = total
        self.max = max
    }

    /// The score of a drill: every goal of the scenario in file order, those that
    /// never ended (the drill was left early) as missed.
    public init(trainee: String, scenario: Scenario, startedAt: String, outcomes: [GoalOutcome]) {
        var entries: [Entry] = []
        var max = 0
        for (step, goal) in Drill.goals(of: scenario) {
            max += goal.points
            let outcome = outcomes.first { $0.step == step.number }
            entries.append(Entry(line: step.line, met: outcome?.met ?? false, seconds: outcome?.seconds, points: outcome?.points ?? 0))
        }
        self.init(trainee: trainee, scenario: scenario.name ?? scenario.file, startedAt: startedAt, goals: entries,
                  total: entries.map(\.points).reduce(0, +), max: max)
    }

    public var allMet: Bool { goals.allSatisfy(\.met) }

    /// The score as one JSON object (the `--score` file).
    public var json: String {
        OrderedJSON.encode([
            ("trainee", .string(trainee)), ("scenario", .string(scenario)), ("startedAt", .string(startedAt)),
            ("goals", .array(goals.map { g in
                .object([("line", .number(Double(g.line))), ("met", .bool(g.met)),
                         ("seconds", g.seconds.map(OrderedJSON.Value.number) ?? .null), ("points", .number(Double(g.points)))])
            })),
            ("total", .number(Double(total))), ("max", .number(Double(max))),
        ])
    }

    /// Reads a score file; the error names the file and the field at fault.
    public static func read(_ text: String, file: String) throws(ConfigError) -> DrillScore {
        func fail(_ field: String, _ message: String) -> ConfigError {
            ConfigError(file: file, line: 0, column: 0, field: field, message: message)
        }
        let value: JSONValue
        do { value = try JSONValue.parse(text) } catch {
            throw fail("", "not a score file: it is not JSON (agentdesk drill --score FILE writes one)")
        }
        guard case let .object(root) = value else { throw fail("", "not a score file: expected a JSON object") }
        func textField(_ key: String) throws(ConfigError) -> String {
            guard case let .string(s)? = root[key] else { throw fail(key, root[key] == nil ? "missing" : "expected text") }
            guard s.utf8.count <= DocumentReader.maxTextLength else { throw fail(key, "longer than \(DocumentReader.maxTextLength) bytes") }
            // A name is shown in tables, pages and terminals: control characters have no place in it.
            guard !s.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw fail(key, "has control characters")
            }
            return s
        }
        func whole(_ v: JSONValue?, _ field: String) throws(ConfigError) -> Int {
            guard case let .number(n)? = v else { throw fail(field, v == nil ? "missing" : "expected a whole number") }
            guard n == n.rounded(), abs(n) <= 1_000_000_000 else { throw fail(field, "expected a whole number, found \(OrderedJSON.number(n))") }
            return Int(n)
        }
        guard case let .array(items)? = root["goals"] else { throw fail("goals", root["goals"] == nil ? "missing" : "expected a list") }
        guard items.count <= 1000 else { throw fail("goals", "more than 1000 goals") }
        var goals: [Entry] = []
        for (i, item) in items.enumerated() {
            let path = "goals[\(i)]"
            guard case .object = item else { throw fail(path, "expected an object {line, met, seconds, points}") }
            guard case let .bool(met)? = item["met"] else { throw fail(path + ".met", item["met"] == nil ? "missing" : "expected true or false") }
            var seconds: Double?
            switch item["seconds"] {
            case nil, .null?: seconds = nil
            case let .number(n)? where n.isFinite && n >= 0: seconds = n
            default: throw fail(path + ".seconds", "expected seconds (a number, at least 0) or null")
            }
            goals.append(Entry(line: try whole(item["line"], path + ".line"), met: met, seconds: seconds,
                               points: try whole(item["points"], path + ".points")))
        }
        return DrillScore(trainee: try textField("trainee"), scenario: try textField("scenario"), startedAt: try textField("startedAt"),
                          goals: goals, total: try whole(root["total"], "total"), max: try whole(root["max"], "max"))
    }
}
