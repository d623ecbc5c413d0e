import AgentDeskCore
import ArgumentParser
import Foundation
import Glibc

@main
struct AgentDesk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agentdesk",
        abstract: "A terminal simulator of the Tencent Cloud Contact Center (TCCC) agent workstation.",
        discussion: "`agentdesk` alone opens the workstation with the built-in demo configuration; "
            + "`agentdesk desk --help` lists its options (--config, --lang, --transcript, --record, --listen, --no-listen, --token). "
            + "While it runs, `agentdesk send …` drives it over its loopback API and `agentdesk send bridge` prints the bridge page's address.",
        version: AgentDesk.version,
        subcommands: [Desk.self, Run.self, Record.self, Check.self, Serve.self, Send.self, DrillCommand.self, ScoreCommand.self],
        defaultSubcommand: Desk.self
    )

    static let version = "0.10.0"

    /// argument-parser's own `main`, except that every usage error exits 2, the
    /// status the documentation gives for "bad usage" (argument-parser uses 64,
    /// EX_USAGE); help and --version still exit 0. And a closed pipe is an error
    /// to handle (`| head`: end quietly, clean up), not a signal that kills the
    /// process before it can put the terminal back.
    static func main() {
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot(Run.browserArguments(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                let message = fullMessage(for: error)
                _ = OutputFile.writeAll(STDERR_FILENO, message.hasSuffix("\n") ? message : message + "\n")
                Self.exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}
