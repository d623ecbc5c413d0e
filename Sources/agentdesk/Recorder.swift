import AgentDeskCore
import Foundation

/// Writes what the agent does to a scenario file as it happens, so a session can
/// be replayed (`agentdesk run FILE`), even if the program is killed midway. The
/// workstation goes in inline, so the recording can be shared on its own.
final class Recorder {
    private let file: OutputFile
    private var steps = 0
    /// `--with-expects`: after each action, an `expect` of what it changed.
    private let withExpects: Bool

    init(path: String, workstation: WorkstationConfig, withExpects: Bool = false) throws {
        self.withExpects = withExpects
        file = try OutputFile(path: path)
        // The path as JSON: a newline in it cannot start a line of YAML.
        file.write("# Recorded by agentdesk. Replay it with: agentdesk run " + OrderedJSON.encode(.string(path)) + "\nname: recorded session\n"
            + "workstation: " + WorkstationConfigWriter.json(workstation) + "\n")
    }

    func record(_ actions: [Action], changes: [Expectation?] = [], at time: Double) {
        for (index, action) in actions.enumerated() {
            guard let step = ScenarioWriter.step(action, at: time) else { continue }
            if steps == 0 { file.write("steps:\n") }
            steps += 1
            file.write(step)
            if withExpects, index < changes.count, let change = changes[index] {
                steps += 1
                file.write(ScenarioWriter.expectStep(change))
            }
        }
    }

    /// Why writing stopped, if it has: the loop ends and says so.
    var failure: String? { file.failure?.description }

    /// A recording with no steps is still a valid (empty) scenario.
    func finish() {
        if steps == 0 { file.write("steps: []\n") }
    }
}
