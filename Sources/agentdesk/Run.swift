import AgentDeskBrowser
import AgentDeskCore
import AgentDeskUI
import ArgumentParser
import Foundation

/// `agentdesk run FILE|demo [--headless]`: plays a scenario.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Play a scenario: in the workstation in real time, or headless with a virtual clock.",
        discussion: "Headless, the transcript (JSON Lines) goes to stdout and a summary to stderr; the exit status is "
            + "0 when every expect held, 1 when one failed, 2 when the file is invalid. In the workstation, space pauses "
            + "and plays, . plays the next step, r restarts, and every workstation key still works (n switches sessions). "
            + "`demo` plays the built-in demo. With --headless --browser it plays in real time with the bridge page in headless Chromium "
            + "(page steps click, type, waitFor; exit 2 also when the browser is missing or dies).")

    @Argument(help: "The scenario file (YAML or JSON), or demo.")
    var file: String

    @Flag(help: "No terminal: a virtual clock, the transcript on stdout, a summary on stderr.")
    var headless = false

    // Unconditional, so `--speed -1` reaches validate() and is told why, rather
    // than being read as an unknown option.
    @Option(parsing: .unconditional, help: "Playing speed in the terminal (2 plays twice as fast): above 0, at most 1000.")
    var speed: Double = 1

    @Flag(help: "Stop at a failed expect: in the terminal, playback pauses and every expect so far shows (space plays on); headless, the run ends there (exit 1).")
    var stopOnFailure = false

    @Option(help: "Also write the transcript to this file (in the terminal).")
    var transcript: String?

    @Option(help: ArgumentHelp("Headless: also write the workstation's screen through the scenario as an asciicast v2 file (asciinema plays it).", valueName: "OUT.cast"))
    var asciicast: String?

    @Option(help: ArgumentHelp("The asciicast's terminal size, WIDTHxHEIGHT (default 100x30; at least \(Layout.minWidth)x\(Layout.minHeight)).", valueName: "WxH"))
    var size: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("In the asciicast, a gap longer than this many seconds of scenario time is shortened to it (default 2).", valueName: "SECONDS"))
    var idleLimit: Double?

    @Option(name: .long, help: ArgumentHelp("Headless, with the bridge page in headless Chromium, so the configured pages load and run: "
        + "page steps (click, type, waitFor) and page expects (pageMessages, pageErrors) need it. `--browser` alone looks on PATH "
        + "for " + BrowserProcess.candidates.joined(separator: ", ") + ".", valueName: "PATH"))
    var browser: String?

    @Option(name: .customLong("screenshot-on-failure"), help: ArgumentHelp("With --browser: save a PNG of the bridge with the page here when a check fails.", valueName: "DIR"))
    var screenshotOnFailure: String?

    @OptionGroup var language: LanguageOption

    @OptionGroup(title: "Loopback API and bridge page (in the terminal only)") var server: ServerOptions

    /// `--size`, read: nil when it is not WIDTHxHEIGHT within bounds.
    static func castSize(_ text: String) -> (width: Int, height: Int)? {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let w = Int(parts[0]), let h = Int(parts[1]),
              (Layout.minWidth...500).contains(w), (Layout.minHeight...200).contains(h) else { return nil }
        return (w, h)
    }

    func validate() throws {
        if asciicast == nil, size != nil || idleLimit != nil {
            throw ValidationError("--size and --idle-limit go with --asciicast OUT.cast")
        }
        if asciicast != nil, !headless {
            throw ValidationError("--asciicast writes a recording of a headless run; add --headless")
        }
        if let size, Self.castSize(size) == nil {
            throw ValidationError("--size \(size): expected WIDTHxHEIGHT such as 100x30, at least \(Layout.minWidth)x\(Layout.minHeight), at most 500x200")
        }
        if let idleLimit, !(idleLimit.isFinite && idleLimit > 0 && idleLimit <= 3600) {
            throw ValidationError("--idle-limit \(idleLimit.isFinite ? OrderedJSON.number(idleLimit) : String(idleLimit)): expected seconds above 0, at most 3600")
        }
        if browser != nil, !headless { throw ValidationError("--browser plays the scenario headless in a browser; add --headless") }
        if browser != nil, asciicast != nil { throw ValidationError("--asciicast records a run with a virtual clock; it does not go with --browser") }
        if screenshotOnFailure != nil, browser == nil { throw ValidationError("--screenshot-on-failure goes with --browser") }
        if headless && (server.listen != nil || server.token != nil) {
            throw ValidationError("a headless run has no server; --listen and --token go with the workstation in the terminal")
        }
        guard speed.isFinite, speed > 0 else { throw ValidationError("--speed \(OrderedJSON.number(speed)): the speed must be positive (2 plays twice as fast)") }
        guard speed <= 1000 else { throw ValidationError("--speed \(OrderedJSON.number(speed)): at most 1000") }
    }

    func run() throws {
        let scenario: Scenario
        do {
            guard case let .scenario(read) = try ConfigFile.document(file, expecting: .scenario) else { throw ExitCode(2) }
            scenario = read
        } catch let error as ConfigErrors {
            throw report(error)
        }
        if let browser {
            throw ExitCode(BrowserRun.play(scenario, browser: browser == Self.findBrowser ? nil : browser, screenshots: screenshotOnFailure,
                                           stopOnFailure: stopOnFailure))
        }
        if let step = scenario.browserSteps.first {
            let what = step.name == "expect" ? "expects on what pages posted or threw" : "'\(step.name)' drives a real page"
            printError("\(scenario.file):\(step.line):\(step.column): step \(step.number): \(what); run it with --headless --browser")
            throw ExitCode(2)
        }
        if headless {
            if let asciicast {
                let started = ContinuousClock.now
                let dimensions = size.flatMap(Self.castSize) ?? (100, 30)
                let options = Asciicast.Options(width: dimensions.width, height: dimensions.height,
                                                language: language.lang ?? .en, idleLimit: idleLimit ?? 2)
                let lines = Asciicast.record(scenario, options: options)
                do {
                    let file = try OutputFile(path: asciicast)
                    file.write(lines: lines)
                    if let failure = file.failure { throw failure }
                } catch {
                    printError("\(error)")
                    throw ExitCode(2)
                }
                let elapsed = ContinuousClock.now - started
                printError("\(asciicast): \(lines.count - 1) frames, \(dimensions.width)x\(dimensions.height), written in "
                    + elapsed.formatted(.units(allowed: [.milliseconds], width: .narrow)), prefixed: false)
            }
            throw ExitCode(HeadlessPlayer.play(scenario, stopOnFailure: stopOnFailure))
        }
        throw ExitCode(try ScenarioTerminal.play(scenario, speed: speed, transcriptPath: transcript, language: language.lang,
                                                 server: server, stopOnFailure: stopOnFailure))
    }
}

/// Plays a scenario with a virtual clock: the transcript on stdout (buffered when
/// it is a file or a pipe), a summary sentence on stderr.
enum HeadlessPlayer {
    static func play(_ scenario: Scenario, stopOnFailure: Bool = false) -> Int32 {
        let started = ContinuousClock.now
        var run = ScenarioRun(scenario)
        var events = 0
        let out = StandardOutput()
        while !run.isFinished && !out.stopped && !(stopOnFailure && !run.failures.isEmpty) {
            let failed = run.failures.count
            let lines = run.playNext()
            events += lines.count
            out.write(lines: lines)
            // A failed expect is on disk before anything else can go wrong.
            if run.failures.count != failed { out.flush() }
        }
        if run.isFinished && !out.stopped {
            // Goals still watched end at their deadlines.
            let lines = run.settleGoals()
            events += lines.count
            out.write(lines: lines)
        }
        out.flush()
        if out.closed { return 141 }
        if let failure = out.failure {
            printError(failure)
            return 2
        }
        let elapsed = ContinuousClock.now - started
        let expects = run.expectsHeld + run.failures.count
        let time = "\(OrderedJSON.number(scenario.duration)) s of scenario time in \(elapsed.formatted(.units(allowed: [.milliseconds], width: .narrow)))"
        var summary = "\(scenario.file): played \(run.position) of \(scenario.steps.count) steps (\(events) events, \(time))"
        switch (expects, run.failures.count) {
        case (0, _): summary += "; no expect to check"
        case (_, 0): summary += expects == 1 ? "; the one expect held" : "; all \(expects) expects held"
        case let (_, failed): summary += "; \(failed) of \(expects) expect\(expects == 1 ? "" : "s") failed, listed below"
        }
        let goals = run.goals.outcomes
        if !goals.isEmpty { summary += "; goals ✓ \(goals.filter(\.met).count) ✗ \(goals.filter { !$0.met }.count)" }
        if stopOnFailure, !run.failures.isEmpty, !run.isFinished { summary += "; stopped at the first failure (--stop-on-failure)" }
        if let peak = peakMemoryMiB() { summary += String(format: "; peak memory %.1f MiB", peak) }
        printError(summary, prefixed: false)
        for line in run.failureReport { printError("  " + line, prefixed: false) }
        return run.failures.isEmpty ? 0 : 1
    }
}

/// This process's own peak resident memory (VmHWM), in MiB.
func peakMemoryMiB() -> Double? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kib = Double(line.split(separator: " ").dropFirst().first ?? "") else { return nil }
    return kib / 1024
}

extension Run {
    /// `--browser` may stand alone (look for the browser on PATH): then it is given
    /// a value no path can be (argument-parser has no option with an optional
    /// value), so the parser does not take the next option as its value.
    static let findBrowser = "\u{0}on-path"

    static func browserArguments(_ arguments: [String]) -> [String] {
        var out: [String] = []
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            if argument == "--" { out += arguments[index...]; break }
            if argument == "--browser" {
                let next = arguments.index(after: index)
                // Nothing, another option, or the scenario itself (`--browser lesson.yaml`): no PATH given.
                let scenario = next < arguments.endIndex && [".yaml", ".yml", ".json"].contains { arguments[next].lowercased().hasSuffix($0) }
                if next == arguments.endIndex || arguments[next].hasPrefix("-") || scenario {
                    out.append("--browser=" + findBrowser)
                    index = next
                    continue
                }
            }
            out.append(argument)
            index = arguments.index(after: index)
        }
        return out
    }
}
