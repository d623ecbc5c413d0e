import AgentDeskCore
import AgentDeskUI
import ArgumentParser
import Foundation
import Glibc

/// `agentdesk drill FILE|demo [--trainee NAME] [--score FILE]`: the scenario plays
/// the customer's side in real time, the trainee works the keys, goals are scored.
struct DrillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drill",
        abstract: "Run a drill: the scenario plays the customer's side, the trainee works the workstation, goals are scored.",
        discussion: "Each goal shows ✓ with the seconds taken or ✗ with its hint as it ends; after the last step the scorecard "
            + "shows (q, Enter or space ends). --score writes it as JSON for `agentdesk score`. Exit status: 0 when every goal "
            + "was met, 1 otherwise, 2 when the file is invalid (a trainee's action not marked `by: scenario` is an error). "
            + "`demo` runs the built-in drill.")

    @Argument(help: "The drill file (a scenario with goal steps), or demo.")
    var file: String

    @Option(help: "The trainee's name, for the scorecard and the score file (default: trainee).")
    var trainee: String = "trainee"

    @Option(help: ArgumentHelp("Write the scorecard to this file as JSON (for agentdesk score).", valueName: "FILE"))
    var score: String?

    @Option(help: "Also write the transcript to this file.")
    var transcript: String?

    @OptionGroup var language: LanguageOption

    @OptionGroup(title: "Loopback API and bridge page") var server: ServerOptions

    static let maxTraineeLength = 64

    func validate() throws {
        let name = trainee.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw ValidationError("--trainee: give the trainee's name") }
        guard name.count <= Self.maxTraineeLength else { throw ValidationError("--trainee: at most \(Self.maxTraineeLength) characters") }
        guard name.unicodeScalars.allSatisfy({ !$0.properties.isDefaultIgnorableCodePoint && $0.properties.generalCategory != .control }) else {
            throw ValidationError("--trainee: the name has control characters")
        }
    }

    func run() throws {
        // The score file must not be the drill itself (opening it empties it).
        if let score, file != "demo", Self.sameFile(score, file) {
            printError("--score \(score): that is the drill file; give another path for the score")
            throw ExitCode(2)
        }
        let scenario: Scenario
        do {
            if file == "demo" {
                scenario = try Scenario.parse(Scenario.drillDemoText, file: "drill demo")
            } else {
                guard case let .scenario(read) = try ConfigFile.document(file, expecting: .scenario) else { throw ExitCode(2) }
                scenario = read
            }
            try Drill.check(scenario)
        } catch let error as ConfigErrors {
            throw report(error)
        }
        guard !Drill.goals(of: scenario).isEmpty else {
            printError("\(scenario.file): a drill needs at least one goal step, e.g. goal: {session: {status: 200}, within: 10, points: 10}")
            throw ExitCode(2)
        }
        // Opened before the drill: a path that cannot be written is said now, not after the trainee's work.
        let scoreFile: OutputFile?
        let sink: TranscriptFile?
        do {
            scoreFile = try score.map(OutputFile.init(path:))
            sink = try transcript.map(TranscriptFile.init(path:))
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
        let name = trainee.trimmingCharacters(in: .whitespaces)
        let startedAt = Date().formatted(.iso8601)
        let environment = ProcessInfo.processInfo.environment
        let colors = ColorChoice.enabled(environment)
        var model = AppModel(drilling: scenario, trainee: name, language: language.lang ?? Language.fromLocale(environment), colors: colors)
        let signal = try TerminalSession.runWorkstation(&model, colors: colors, transcript: sink, recorder: nil, server: server)
        model.leaveDrill()
        let result = DrillScore(trainee: name, scenario: scenario, startedAt: startedAt, outcomes: model.goalOutcomes)
        if let scoreFile {
            scoreFile.write(result.json + "\n")
            if let failure = scoreFile.failure {
                printError("\(failure)")
                throw ExitCode(2)
            }
        }
        for line in Self.card(result) { printSafe(line) }
        if let signal { throw ExitCode(128 + signal) }
        throw ExitCode(result.allMet ? 0 : 1)
    }

    static func sameFile(_ a: String, _ b: String) -> Bool {
        var x = stat(), y = stat()
        return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino
    }

    /// The scorecard as plain lines, printed once the terminal is back.
    static func card(_ score: DrillScore) -> [String] {
        var lines = ["\(score.trainee) · \(score.scenario): \(score.total) / \(score.max) points"]
        for goal in score.goals {
            let seconds = goal.seconds.map { OrderedJSON.number($0) + " s" } ?? "-"
            lines.append("  \(goal.met ? "✓" : "✗") line \(goal.line)  \(seconds)  \(goal.points) points")
        }
        return lines
    }
}
