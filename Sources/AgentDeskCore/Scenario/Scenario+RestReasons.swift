extension Scenario {
    /// `status: rest` steps whose reason the workstation's `restReasons:` does not
    /// list, each located at its step: a scenario that could only be refused when
    /// played is refused when read. (The steps are read before the workstation, so
    /// this runs once both are known.)
    static func restReasonProblems(_ steps: [ScenarioStep], workstation: WorkstationConfig, file: String) -> [ConfigError] {
        let allowed = workstation.restReasons
        guard !allowed.isEmpty else { return [] }
        var problems: [ConfigError] = []
        for step in steps {
            guard case let .actions(actions) = step.kind else { continue }
            for case let .setStatus(.rest, reason?) in actions {
                let trimmed = String(reason.trimmingWhitespace)
                guard !allowed.contains(trimmed) else { continue }
                let hint = NearestName.suggestion(for: trimmed, among: allowed).map { " (did you mean \($0)?)" } ?? ""
                problems.append(ConfigError(
                    file: file, line: step.line, column: step.column, field: "steps[\(step.number - 1)].reason",
                    message: "\"\(DocumentReader.short(trimmed).debugEscaped)\" is not one of the workstation's restReasons: "
                        + allowed.joined(separator: ", ") + hint))
            }
        }
        return problems
    }
}
