import AgentDeskCore
import AgentDeskUI
import ArgumentParser
import Foundation

/// `agentdesk score FILE… [--csv] [--html FILE]`: the class's table from drill score files.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Print the class's table from drill score files (agentdesk drill --score FILE).",
        discussion: "One row per trainee (their best total), one column per goal, sorted by total. A file that cannot be read "
            + "is named with the field at fault and left out; the others still count (exit 2 then, else 0).")

    @Argument(help: "Score files written by agentdesk drill --score.")
    var files: [String]

    @Flag(help: "Print CSV (for a spreadsheet) instead of the table.")
    var csv = false

    @Option(help: ArgumentHelp("Also write the table as a plain, self-contained HTML page (for a projector).", valueName: "FILE"))
    var html: String?

    @Option(help: "The page's title (default: Drill scores).")
    var title: String = "Drill scores"

    func validate() throws {
        if files.isEmpty { throw ValidationError("give the score files, e.g. agentdesk score scores/*.json") }
    }

    func run() throws {
        var scores: [DrillScore] = []
        var bad = false
        for file in files {
            do {
                let text = try ConfigFile.text(of: file, maxBytes: 1 << 20)
                scores.append(try DrillScore.read(text, file: file))
            } catch let error as ConfigErrors {
                bad = true
                for e in error.errors { printError(e.description) }
            } catch let error as ConfigError {
                bad = true
                printError(error.description)
            }
        }
        let table = ClassTable(scores)
        if let html {
            do {
                let page = try OutputFile(path: html)
                page.write(table.html(title: title))
                if let failure = page.failure { throw failure }
            } catch {
                printError("\(error)")
                throw ExitCode(2)
            }
        }
        // CSV keeps its text as it is (quoted); the table goes through the sink for the terminal.
        let out = StandardOutput()
        if csv { out.write(lines: [String(table.csv.dropLast())]) } else {
            out.write(lines: table.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { TextSanitizer.clean(String($0)) })
        }
        out.flush()
        if out.closed { throw ExitCode(141) }
        throw ExitCode(bad ? 2 : 0)
    }
}
