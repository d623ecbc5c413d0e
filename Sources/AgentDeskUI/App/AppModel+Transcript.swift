import AgentDeskCore

extension AppModel {
    /// A transcript line at the workstation's time, numbered with the rest: for
    /// players outside the model (a browser run's page steps, page console and errors).
    public mutating func transcriptLine(event: String, _ fields: [(String, OrderedJSON.Value)]) -> String {
        transcript.line(t: core.now, event: event, fields: fields)
    }

    /// An expect step's line, numbered with the rest.
    public mutating func expectLine(step: ScenarioStep, mismatches: [Expectation.Mismatch]) -> String {
        transcript.expectLine(step: step, t: core.now, mismatches: mismatches)
    }

    /// A say or pause step's line, numbered with the rest.
    public mutating func narrationLine(step: ScenarioStep) -> String? {
        transcript.narrationLine(step: step, t: core.now)
    }
}
