import AgentDeskCore
import ArgumentParser

/// `agentdesk check FILE`: validates a workstation configuration or a scenario,
/// told apart by its keys, with the same reader `run` plays from; exit 0 or 2.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate a workstation configuration or a scenario (YAML or JSON); report every error with its line.")

    @Argument(help: "The file to check, or demo.")
    var file: String

    func run() throws {
        let document: WorkstationDocument
        do {
            document = try ConfigFile.document(file)
        } catch {
            throw report(error)
        }
        switch document {
        case let .scenario(scenario):
            printSafe("\(file): a valid scenario, \(scenario.steps.count) steps over \(OrderedJSON.number(scenario.duration)) s")
        case let .configuration(config):
            let pages = config.pages.map { page in
                var marks: [String] = [page.alwaysShow ? "resident" : "pop-only"]
                if !page.enabled { marks = ["disabled"] }
                if page.isInsecureLocal { marks.append("insecure local http") }
                return "  \(page.name) (\(marks.joined(separator: ", "))): \(page.url)"
            }
            printSafe("\(file): a valid workstation configuration")
            printSafe("  agent \(config.agent.nickName) (\(config.agent.role.chineseName)), sdkAppId \(config.sdkAppId)")
            printSafe(pages.isEmpty ? "  no screen-pop pages" : "  \(config.pages.count) screen-pop page(s):")
            pages.forEach(printSafe)
        }
    }
}
