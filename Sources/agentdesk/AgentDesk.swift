import AgentDeskCore
import ArgumentParser

@main
struct AgentDesk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agentdesk",
        abstract: "A terminal simulator of the Tencent Cloud Contact Center (TCCC) agent workstation.",
        subcommands: [Desk.self, Run.self, Record.self, Check.self],
        defaultSubcommand: Desk.self
    )
}
