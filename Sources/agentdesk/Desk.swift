import AgentDeskCore
import AgentDeskTerminal
import AgentDeskUI
import ArgumentParser
import Foundation

/// `agentdesk [--config FILE] [--lang zh|en]`: the workstation in the terminal.
struct Desk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "desk",
        abstract: "Open the workstation in this terminal (the default).")

    @OptionGroup var workstation: WorkstationOptions

    @Option(name: .long, help: "Write the transcript (JSON Lines) to this file as things happen.")
    var transcript: String?

    @Option(name: .long, help: "Record what you do as a replayable scenario in this file.")
    var record: String?

    @OptionGroup(title: "Loopback API and bridge page") var server: ServerOptions

    func run() throws {
        try Desk.open(config: workstation.config, lang: workstation.lang, transcript: transcript, record: record, server: server)
    }

    /// Opens the workstation in this terminal until the user quits.
    static func open(config: String?, lang: Language?, transcript: String?, record: String?, server options: ServerOptions,
                     withExpects: Bool = false) throws {
        let workstation: WorkstationConfig
        if let config {
            do {
                workstation = try ConfigFile.load(config)
            } catch {
                throw report(error)
            }
        } else {
            workstation = .demo
        }
        let environment = ProcessInfo.processInfo.environment
        let colors = ColorChoice.enabled(environment)
        let sink: TranscriptFile?
        let recorder: Recorder?
        do {
            sink = try transcript.map(TranscriptFile.init(path:))
            recorder = try record.map { try Recorder(path: $0, workstation: workstation, withExpects: withExpects) }
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
        defer { recorder?.finish() }
        var model = AppModel(config: workstation, language: lang ?? Language.fromLocale(environment), colors: colors)
        model.ui.recording = recorder != nil
        if let signal = try TerminalSession.runWorkstation(&model, colors: colors, transcript: sink, recorder: recorder, server: options) {
            throw ExitCode(128 + signal)
        }
    }
}

/// The options every command that opens the workstation takes.
struct WorkstationOptions: ParsableArguments {
    @Option(name: .long, help: "A workstation configuration (YAML or JSON); without it the built-in demo runs.")
    var config: String?

    @OptionGroup var language: LanguageOption

    var lang: Language? { language.lang }
}

/// `agentdesk record FILE`: the workstation, with everything you do recorded.
struct Record: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the workstation and record what you do as a scenario you can replay with `agentdesk run FILE`.")

    @Argument(help: "The scenario file to write.")
    var file: String

    @OptionGroup var workstation: WorkstationOptions

    @Flag(help: "After each of your actions, also write an expect of what it changed: your model answer becomes a test.")
    var withExpects = false

    @OptionGroup(title: "Loopback API and bridge page") var server: ServerOptions

    func run() throws {
        try Desk.open(config: workstation.config, lang: workstation.lang, transcript: nil, record: file, server: server,
                      withExpects: withExpects)
    }
}
