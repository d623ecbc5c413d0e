/// What a file holds: a workstation configuration or a scenario, told apart by
/// its parsed top-level keys (a scenario has `steps`). Every command reads files
/// through `read`, so a file means one thing to `check`, `run` headless, the
/// terminal's playback and `record`'s read-back alike.
public enum WorkstationDocument: Sendable {
    case configuration(WorkstationConfig)
    case scenario(Scenario)

    /// Parses the text once. A scenario's steps are read one at a time as the
    /// parser reaches them and kept only as decoded steps, so a huge scenario never
    /// stands in memory as a YAML tree. Throws every error found, each located.
    public enum Kind: Sendable { case configuration, scenario }

    /// `expecting` says what the caller was given the file as; nil tells from the keys.
    public static func read(
        _ text: String, file: String, expecting expected: Kind? = nil, limits: DocumentLimits = .standard,
        loadWorkstation: (String) throws(ConfigErrors) -> WorkstationConfig = Scenario.noWorkstationFiles
    ) throws(ConfigErrors) -> WorkstationDocument {
        var reader = DocumentReader(file: file, limits: limits)
        var steps: [ScenarioStep] = []
        var clock = 0.0
        var stepErrors: [ConfigError] = []
        func readStep(_ node: DocumentNode, _ index: Int) -> Bool {
            var stepReader = DocumentReader(file: file, limits: limits)
            if let step = Scenario.readStep(node, number: index + 1, previous: clock, reader: &stepReader) {
                clock = step.time
                steps.append(step)
            }
            stepErrors += stepReader.errors
            return stepErrors.count < limits.maxErrors
        }
        let root = reader.parse(text, streaming: "steps", item: readStep)
        /// Errors in file order, at most `maxErrors`, and a last line when there were more.
        func failure(_ errors: [ConfigError]) -> ConfigErrors {
            var sorted = errors.enumerated().sorted { a, b in
                (a.element.line, a.element.column, a.offset) < (b.element.line, b.element.column, b.offset)
            }.map(\.element)
            if sorted.count > limits.maxErrors {
                sorted = Array(sorted.prefix(limits.maxErrors))
                sorted.append(ConfigError(file: file, line: 0, column: 0, field: "",
                                          message: "stopped after \(limits.maxErrors) errors; fix these first"))
            }
            return ConfigErrors(sorted)
        }
        /// The one thing to say about a file that is not what it was given as: its
        /// contents (values, keys) are nobody's business, so nothing else is said.
        func only(_ message: String, at node: DocumentNode?) -> ConfigErrors {
            var plain = DocumentReader(file: file, limits: limits)
            plain.report(at: node, "", message)
            return ConfigErrors(plain.errors)
        }
        guard let root else { throw failure(reader.errors + stepErrors) }
        guard case let .mapping(pairs, _) = root else {
            reader.quotesValues = false
            throw only("expected a mapping (key: value pairs), found \(reader.describe(root)); "
                + "this is neither a workstation configuration nor a scenario", at: root)
        }
        let keys = Set(pairs.compactMap(\.key.text))
        let isScenario = keys.contains("steps") || (expected == .scenario && keys.isDisjoint(with: WorkstationConfig.topKeys))
            || (expected == nil && keys.contains { NearestName.suggestion(for: $0, among: Scenario.topKeys) != nil }
                && keys.isDisjoint(with: WorkstationConfig.topKeys))
        if isScenario, expected == .configuration {
            throw only("is a scenario, not a workstation configuration; play it with `agentdesk run \(file)`", at: root)
        }
        if !isScenario, expected == .scenario {
            throw only("is a workstation configuration, not a scenario (it has no steps); open it with `agentdesk --config \(file)`", at: root)
        }
        if isScenario {
            guard let top = reader.mapping(root, "", known: Scenario.topKeys) else { throw failure(reader.errors + stepErrors) }
            _ = reader.required(top, "steps", "a scenario is a list of steps")
            // A list the parser could not hand over as it went (an anchored one) is read here.
            if let node = top["steps"], case let .sequence(items, _) = node, !items.isEmpty {
                for (index, item) in items.enumerated() where readStep(item, index) {}
            }
            var scenario = Scenario.readHeader(top, file: file, reader: &reader, loadWorkstation: loadWorkstation)
            stepErrors += Scenario.restReasonProblems(steps, workstation: scenario.workstation, file: file)
            guard reader.errors.isEmpty, stepErrors.isEmpty else { throw failure(reader.errors + stepErrors) }
            scenario.steps = steps
            return .scenario(scenario)
        }
        guard !keys.isDisjoint(with: WorkstationConfig.topKeys) else {
            // Not ours at all (`workstation: /etc/shadow`): say so without quoting it.
            throw only("is neither a workstation configuration nor a scenario: none of its top-level keys is "
                + (WorkstationConfig.topKeys + ["steps"]).joined(separator: ", "), at: root)
        }
        if let config = WorkstationConfig.read(root, field: "", reader: &reader), reader.errors.isEmpty {
            return .configuration(config)
        }
        throw failure(reader.errors)
    }
}
