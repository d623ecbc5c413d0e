import AgentDeskCore
import ArgumentParser

/// `agentdesk check FILE`: validates a workstation configuration; exit 0 or 2.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate a workstation configuration or a scenario (YAML or JSON); report every error with its line.")

    @Argument(help: "The file to check.")
    var file: String

    func run() throws {
        if file == "demo" || ((try? ConfigFile.text(of: file)).map(ScenarioFile.looksLikeScenario) ?? false) {
            do {
                let scenario = try ScenarioFile.load(file)
                printSafe("\(file): a valid scenario, \(scenario.steps.count) steps over \(OrderedJSON.number(scenario.duration)) s")
                return
            } catch {
                throw report(error)
            }
        }
        let config: WorkstationConfig
        do {
            config = try ConfigFile.load(file)
        } catch {
            throw report(error)
        }
        let pages = config.pages.map { page in
            var marks: [String] = [page.alwaysShow ? "resident" : "pop-only"]
            if !page.enabled { marks = ["disabled"] }
            if page.isInsecureLocal { marks.append("insecure local http") }
            return "  \(page.name) (\(marks.joined(separator: ", "))): \(page.url)"
        }
        printSafe("\(file): a valid workstation configuration")
        printSafe("  agent \(config.agent.nickName) (\(config.agent.role.chineseName)), sdkAppId \(config.sdkAppId)")
        print(pages.isEmpty ? "  no screen-pop pages" : "  \(config.pages.count) screen-pop page(s):")
        pages.forEach(printSafe)
    }
}
