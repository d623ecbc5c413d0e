import Foundation
import Testing

/// Usage errors exit 2 in every subcommand (the documented status for bad usage;
/// argument-parser's own is 64), with a message that says what is wrong.
@Suite("Exit codes of usage errors")
struct ExitCodeTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let status: Int32
        let says: String
        var testDescription: String { "agentdesk " + arguments.joined(separator: " ") }
    }

    static let usageErrors: [Case] = [
        .init(arguments: ["--bogus"], status: 2, says: "Unknown option"),
        .init(arguments: ["calll"], status: 2, says: "calll"),
        .init(arguments: ["desk", "--lang", "fr"], status: 2, says: "--lang"),
        .init(arguments: ["desk", "--listen", "10.0.0.1:80"], status: 2, says: "--listen"),
        .init(arguments: ["desk", "--listen", "127.0.0.1:0", "--no-listen"], status: 2, says: "contradict"),
        .init(arguments: ["desk", "--token", "short"], status: 2, says: "--token"),
        .init(arguments: ["run"], status: 2, says: "Missing expected argument"),
        .init(arguments: ["run", "demo", "--speed", "-1"], status: 2, says: "the speed must be positive"),
        .init(arguments: ["run", "demo", "--speed", "0"], status: 2, says: "the speed must be positive"),
        .init(arguments: ["run", "demo", "--speed", "-0"], status: 2, says: "the speed must be positive"),
        .init(arguments: ["run", "demo", "--speed", "nan"], status: 2, says: "the speed must be positive"),
        .init(arguments: ["run", "demo", "--speed", "inf"], status: 2, says: "the speed must be positive"),
        .init(arguments: ["run", "demo", "--speed"], status: 2, says: "--speed"),
        .init(arguments: ["run", "demo", "--speed", "fast"], status: 2, says: "--speed"),
        .init(arguments: ["run", "demo", "--speed", "5000"], status: 2, says: "at most 1000"),
        .init(arguments: ["run", "demo", "--headless", "--listen", "127.0.0.1:0"], status: 2, says: "headless run has no server"),
        .init(arguments: ["run", "demo", "--lang", "de"], status: 2, says: "--lang"),
        .init(arguments: ["record"], status: 2, says: "Missing expected argument"),
        .init(arguments: ["record", "x.yaml", "--lang", "jp"], status: 2, says: "--lang"),
        .init(arguments: ["check"], status: 2, says: "Missing expected argument"),
        .init(arguments: ["check", "a", "b"], status: 2, says: "Unexpected argument"),
        .init(arguments: ["serve", "--no-listen"], status: 2, says: "nothing to do"),
        .init(arguments: ["serve", "--lang", "xx"], status: 2, says: "--lang"),
        .init(arguments: ["send", "calll"], status: 2, says: "calll"),
        .init(arguments: ["send", "transfer"], status: 2, says: "--to"),
        .init(arguments: ["send", "callout"], status: 2, says: "--phone"),
        .init(arguments: ["send", "call", "--type", "fax"], status: 2, says: "'phone', 'im', 'om' or 'oim'"),
        .init(arguments: ["send", "call", "--timeout", "soon"], status: 2, says: "--timeout"),
        .init(arguments: ["send", "status", "busy"], status: 2, says: "'free', 'notReady', 'rest' or 'offline'"),
        .init(arguments: ["send", "status"], status: 2, says: "Missing expected argument"),
        .init(arguments: ["send", "wrapup", "later"], status: 2, says: "'done' and 'keepGoing'"),
        .init(arguments: ["send", "dtmf"], status: 2, says: "Missing expected argument"),
        .init(arguments: ["send", "dialpad"], status: 2, says: "Missing expected argument"),
        .init(arguments: ["send", "answer", "--bogus"], status: 2, says: "Unknown option"),
        .init(arguments: ["send", "hangup", "extra"], status: 2, says: "Unexpected argument"),
        .init(arguments: ["send", "hold", "--session"], status: 2, says: "--session"),
        .init(arguments: ["send", "resume", "x"], status: 2, says: "Unexpected argument"),
        .init(arguments: ["send", "mute", "x"], status: 2, says: "Unexpected argument"),
        .init(arguments: ["send", "unmute", "x"], status: 2, says: "Unexpected argument"),
        .init(arguments: ["send", "callee-answer", "x"], status: 2, says: "Unexpected argument"),
        .init(arguments: ["send", "dial", "x"], status: 2, says: "Unexpected argument"),
        .init(arguments: ["send", "state", "x"], status: 2, says: "Unexpected argument"),
        .init(arguments: ["send", "bridge", "--url"], status: 2, says: "--url"),
    ]

    @Test("a usage error exits 2 and says what is wrong", arguments: usageErrors)
    func usageError(_ c: Case) throws {
        let result = try runBinary(c.arguments)
        #expect(result.status == c.status, "stderr: \(result.stderr)")
        #expect(result.stderr.contains(c.says), "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty, "stdout: \(result.stdout)")
    }

    @Test("--version and --help exit 0; --help lists the choices of each enumeration")
    func versionAndHelp() throws {
        let version = try runBinary(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines).range(of: #"^\d+\.\d+\.\d+$"#, options: .regularExpression) != nil,
                "\(version.stdout)")
        for (arguments, choices) in [(["send", "status", "--help"], "free, notReady, rest, offline"),
                                     (["send", "call", "--help"], "phone, im, om, oim"),
                                     (["send", "wrapup", "--help"], "done, keepGoing"),
                                     (["desk", "--help"], "zh, en"),
                                     (["run", "--help"], "zh, en")] {
            let help = try runBinary(arguments)
            #expect(help.status == 0)
            // argument-parser wraps help at 80 columns: compare with the spaces collapsed.
            let text = help.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
            #expect(text.contains("values: " + choices), "\(arguments): \(help.stdout)")
        }
    }

    @Test("shell completion scripts are generated for bash, zsh and fish")
    func completions() throws {
        for shell in ["bash", "zsh", "fish"] {
            let script = try runBinary(["--generate-completion-script", shell])
            #expect(script.status == 0)
            #expect(script.stdout.contains("agentdesk"), "\(shell)")
            #expect(script.stdout.contains("transfer"), "\(shell): send's subcommands complete too")
        }
    }
}
