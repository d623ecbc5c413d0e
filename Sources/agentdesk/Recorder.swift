import AgentDeskCore
import Foundation

/// Appends what the agent does to a scenario file as it happens, so a session
/// can be replayed (`agentdesk run FILE`), even if the program is killed midway.
final class Recorder {
    struct OpenFailed: Error, CustomStringConvertible { let description: String }
    private let handle: FileHandle
    private var steps = 0

    init(path: String, workstationPath: String?) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw OpenFailed(description: "cannot write the recording to \(path)")
        }
        self.handle = handle
        var header = "# Recorded by agentdesk. Replay it with: agentdesk run \(path)\nname: recorded session\n"
        if let workstationPath {
            let absolute = URL(fileURLWithPath: workstationPath).standardizedFileURL.path
            header += "workstation: " + OrderedJSON.encode(.string(absolute)) + "\n"
        }
        handle.write(Data(header.utf8))
    }

    func record(_ actions: [Action], at time: Double) {
        for action in actions {
            guard let step = ScenarioWriter.step(action, at: time) else { continue }
            if steps == 0 { handle.write(Data("steps:\n".utf8)) }
            steps += 1
            handle.write(Data(step.utf8))
        }
        try? handle.synchronize()
    }

    /// Closes the file; a recording with no steps is still a valid (empty) scenario.
    func finish() {
        if steps == 0 { handle.write(Data("steps: []\n".utf8)) }
        try? handle.close()
    }
}
