import AgentDeskCore
import AgentDeskTerminal
import AgentDeskUI
import Foundation

/// Plays a scenario in the terminal in real time, the workstation's keys still live.
enum ScenarioTerminal {
    /// Returns the exit status: 0 when every expect held, 1 when one failed.
    static func play(_ scenario: Scenario, speed: Double, transcriptPath: String?, language: Language?, server options: ServerOptions,
                     stopOnFailure: Bool = false) throws -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        let colors = ColorChoice.enabled(environment)
        let sink: TranscriptFile?
        do {
            sink = try transcriptPath.map(TranscriptFile.init(path:))
        } catch {
            printError("\(error)")
            return 2
        }
        var model = AppModel(playing: scenario, speed: speed, language: language ?? Language.fromLocale(environment), colors: colors,
                             stopOnFailure: stopOnFailure)
        if let signal = try TerminalSession.runWorkstation(&model, colors: colors, transcript: sink, recorder: nil, server: options) {
            return 128 + signal
        }
        if let playback = model.playback {
            printSafe("\(scenario.file): \(playback.position) of \(scenario.steps.count) steps played; expect ✔ \(playback.expectsHeld) ✘ \(playback.expectsFailed)")
            return playback.expectsFailed == 0 ? 0 : 1
        }
        return 0
    }
}

/// A transcript file: each line written as it happens, never rewritten (see `OutputFile`).
final class TranscriptFile {
    private let file: OutputFile

    init(path: String) throws {
        file = try OutputFile(path: path)
    }

    func write(_ lines: [String]) { file.write(lines: lines) }

    /// Why writing stopped, if it has: the loop ends and says so.
    var failure: String? { file.failure?.description }
}
