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

    @Option(name: .long, help: "A workstation configuration (YAML or JSON); without it the built-in demo runs.")
    var config: String?

    @Option(name: .long, help: "Label language: zh or en (default: from the locale).")
    var lang: Language?

    func run() throws {
        let workstation: WorkstationConfig
        if let config {
            do {
                workstation = try ConfigFile.load(config)
            } catch {
                for line in error.description.split(separator: "\n") { printError(String(line)) }
                throw ExitCode(2)
            }
        } else {
            workstation = .demo
        }
        let environment = ProcessInfo.processInfo.environment
        let colors = (environment["NO_COLOR"] ?? "").isEmpty
        let backend: NcursesBackend
        do {
            backend = try NcursesBackend.openStandard(colors: colors)
        } catch {
            printError("\(error)")
            throw ExitCode(1)
        }
        var model = AppModel(config: workstation, language: lang ?? Language.fromLocale(environment), colors: colors)
        let signal = TerminalLoop(backend: backend).run(&model)
        backend.shutdown()
        if let signal { throw ExitCode(128 + signal) }
    }
}

extension Language: ExpressibleByArgument {}
