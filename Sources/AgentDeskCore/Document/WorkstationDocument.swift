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
        let root = reader.parse(text, streaming: "steps") { node, index in
            var stepReader = DocumentReader(file: file, limits: limits)
            if let step = Scenario.readStep(node, number: index + 1, previous: clock, reader: &stepReader) {
                clock = step.time
                steps.append(step)
            }
            stepErrors += stepReader.errors
            return stepErrors.count < limits.maxErrors
        }
        for error in stepErrors { reader.report(error) }
        guard let root else { throw ConfigErrors(reader.sortedErrors) }
        guard case let .mapping(pairs, _) = root else {
            reader.quotesValues = false
            reader.report(at: root, "", "expected a mapping (key: value pairs), found \(reader.describe(root)); "
                + "this is neither a workstation configuration nor a scenario")
            throw ConfigErrors(reader.sortedErrors)
        }
        let keys = Set(pairs.compactMap(\.key.text))
        let isScenario = keys.contains("steps") || (expected == .scenario && keys.isDisjoint(with: WorkstationConfig.topKeys))
            || (expected == nil && keys.contains { NearestName.suggestion(for: $0, among: Scenario.topKeys) != nil }
                && keys.isDisjoint(with: WorkstationConfig.topKeys))
        if isScenario, expected == .configuration {
            reader.report(at: root, "", "is a scenario, not a workstation configuration; play it with `agentdesk run \(file)`")
            throw ConfigErrors(reader.sortedErrors)
        }
        if !isScenario, expected == .scenario {
            reader.report(at: root, "", "is a workstation configuration, not a scenario (it has no steps); open it with `agentdesk --config \(file)`")
            throw ConfigErrors(reader.sortedErrors)
        }
        if isScenario {
            guard let top = reader.mapping(root, "", known: Scenario.topKeys) else { throw ConfigErrors(reader.sortedErrors) }
            _ = reader.required(top, "steps", "a scenario is a list of steps")
            var scenario = Scenario.readHeader(top, file: file, reader: &reader, loadWorkstation: loadWorkstation)
            guard reader.errors.isEmpty else { throw ConfigErrors(reader.sortedErrors) }
            scenario.steps = steps
            return .scenario(scenario)
        }
        guard !keys.isDisjoint(with: WorkstationConfig.topKeys) else {
            // Not ours at all (`workstation: /etc/shadow`): say so without quoting it.
            reader.quotesValues = false
            reader.report(at: root, "", "is neither a workstation configuration nor a scenario: none of its top-level keys is "
                + (WorkstationConfig.topKeys + ["steps"]).joined(separator: ", "))
            throw ConfigErrors(reader.sortedErrors)
        }
        if let config = WorkstationConfig.read(root, field: "", reader: &reader), reader.errors.isEmpty {
            return .configuration(config)
        }
        throw ConfigErrors(reader.sortedErrors)
    }
}
