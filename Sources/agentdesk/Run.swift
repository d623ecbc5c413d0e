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
            + "`demo` plays the built-in demo.")

    @Argument(help: "The scenario file (YAML or JSON), or demo.")
    var file: String

    @Flag(help: "No terminal: a virtual clock, the transcript on stdout, a summary on stderr.")
    var headless = false

    // Unconditional, so `--speed -1` reaches validate() and is told why, rather
    // than being read as an unknown option.
    @Option(parsing: .unconditional, help: "Playing speed in the terminal (2 plays twice as fast): above 0, at most 1000.")
    var speed: Double = 1

    @Option(help: "Also write the transcript to this file (in the terminal).")
    var transcript: String?

    @OptionGroup var language: LanguageOption

    @OptionGroup(title: "Loopback API and bridge page (in the terminal only)") var server: ServerOptions

    func validate() throws {
        if headless && (server.listen != nil || server.token != nil) {
            throw ValidationError("a headless run has no server; --listen and --token go with the workstation in the terminal")
        }
        guard speed.isFinite, speed > 0 else { throw ValidationError("--speed \(OrderedJSON.number(speed)): the speed must be positive (2 plays twice as fast)") }
        guard speed <= 1000 else { throw ValidationError("--speed \(OrderedJSON.number(speed)): at most 1000") }
    }

    func run() throws {
        if headless {
            // Large files stream: validated step by step, then played step by step.
            do {
                if let stream = try ScenarioFile.stream(file) { throw ExitCode(HeadlessPlayer.play(stream)) }
            } catch let error as ConfigErrors {
                throw report(error)
            }
        }
        let scenario: Scenario
        do {
            scenario = try ScenarioFile.load(file)
        } catch {
            throw report(error)
        }
        if headless {
            throw ExitCode(HeadlessPlayer.play(scenario))
        }
        throw ExitCode(try ScenarioTerminal.play(scenario, speed: speed, transcriptPath: transcript, language: language.lang, server: server))
    }
}

/// Reads scenario files; `workstation: path` is resolved beside the scenario.
enum ScenarioFile {
    /// A block-layout file as a stream (nil: read it whole with `load`).
    static func stream(_ path: String) throws(ConfigErrors) -> ScenarioStream? {
        guard path != "demo" else { return nil }
        let text = try ConfigFile.text(of: path, maxBytes: 256 << 20)
        return try ScenarioStream.open(text, file: path, loadWorkstation: workstationLoader(beside: path))
    }

    static func workstationLoader(beside path: String) -> (String) throws(ConfigErrors) -> WorkstationConfig {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        return { reference throws(ConfigErrors) in
            try ConfigFile.load(reference.hasPrefix("/") ? reference : directory.appendingPathComponent(reference).path)
        }
    }

    static func load(_ path: String) throws(ConfigErrors) -> Scenario {
        if path == "demo" { return try Scenario.parse(Scenario.demoText, file: "demo") }
        // Generated scenarios run to tens of thousands of calls; a configuration never does.
        let text = try ConfigFile.text(of: path, maxBytes: 256 << 20)
        return try Scenario.parse(text, file: path, loadWorkstation: workstationLoader(beside: path))
    }

    /// Whether a document is a scenario (it has `steps`) rather than a configuration.
    static func looksLikeScenario(_ text: String) -> Bool {
        text.split(separator: "\n").contains { $0.hasPrefix("steps:") } || text.contains("\"steps\"")
    }
}

/// Plays a scenario with a virtual clock: every line out as it happens.
enum HeadlessPlayer {
    static func play(_ scenario: Scenario) -> Int32 {
        play(header: scenario, steps: scenario.steps.count, duration: scenario.duration) { body in scenario.steps.forEach(body) }
    }

    static func play(_ stream: ScenarioStream) -> Int32 {
        play(header: stream.header, steps: stream.stepCount, duration: stream.duration) { body in stream.forEachStep(body) }
    }

    private static func play(header scenario: Scenario, steps: Int, duration: Double,
                             forEachStep: ((ScenarioStep) -> Void) -> Void) -> Int32 {
        let started = ContinuousClock.now
        var run = ScenarioRun(scenario)
        var count = 0
        let out = FileHandle.standardOutput
        forEachStep { step in
            let lines = run.play(step)
            count += lines.count
            if !lines.isEmpty { out.write(Data((lines.joined(separator: "\n") + "\n").utf8)) }
        }
        let elapsed = ContinuousClock.now - started
        let expects = run.expectsHeld + run.failures.count
        var summary = "\(scenario.file): \(steps) steps, \(count) events, \(OrderedJSON.number(duration)) s of scenario time in \(elapsed.formatted(.units(allowed: [.milliseconds], width: .narrow)))"
        if run.failures.isEmpty {
            summary += "; \(expects) expect(s), all held"
        } else {
            summary += "; \(run.failures.count) of \(expects) expect(s) failed:"
        }
        if let peak = peakMemoryMiB() { summary += String(format: "; peak memory %.1f MiB", peak) }
        FileHandle.standardError.write(Data((TextSanitizer.clean(summary) + "\n").utf8))
        for line in run.failureReport {
            FileHandle.standardError.write(Data(("  " + TextSanitizer.clean(line) + "\n").utf8))
        }
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
