import AgentDeskBrowser
import AgentDeskCore
import AgentDeskServer
import AgentDeskTerminal
import AgentDeskUI
import Foundation

/// `run FILE --headless --browser`: the scenario in real time against the
/// workstation's own loopback server, with headless Chromium on its bridge page,
/// so the configured screen-pop pages really load, receive their hashchanges and
/// post their messages. Page steps (click, type, waitFor) act in the page's own
/// frame over the DevTools pipe. The browser is stopped on every way out.
final class BrowserRun {
    /// How long an expect that does not hold yet is checked again: the page and the
    /// bridge work asynchronously (a click's message reaches the workstation a few
    /// milliseconds later).
    static let expectGrace: Double = 2
    /// How long the bridge may take to load and connect.
    static let bridgeTimeout: Double = 60

    private let scenario: Scenario
    private let screenshots: String?
    private let stopOnFailure: Bool
    private var model: AppModel
    private var score = ScenarioScore()
    private var pages = PageObservations()
    private let out = StandardOutput()
    private let clock = Stopwatch()
    private var events = 0
    private var server: WorkstationServer!
    private var driver: BridgeDriver!
    private var browser: BrowserProcess!
    /// Why the run could not go on (the browser died, a signal): exit 2 or 128 + signal.
    private var broken: String?

    private init(_ scenario: Scenario, screenshots: String?, stopOnFailure: Bool) {
        self.scenario = scenario
        self.screenshots = screenshots
        self.stopOnFailure = stopOnFailure
        model = AppModel(config: scenario.workstation, language: .en, colors: false)
    }

    /// Plays `scenario`; returns the exit status (0 held, 1 failed, 2 could not run, 128 + signal).
    static func play(_ scenario: Scenario, browser path: String?, screenshots: String?, stopOnFailure: Bool) -> Int32 {
        let executable: String
        switch BrowserProcess.find(path) {
        case let .success(found): executable = found
        case let .failure(problem):
            printError("\(problem)")
            return 2
        }
        if let screenshots {
            do {
                try FileManager.default.createDirectory(atPath: screenshots, withIntermediateDirectories: true)
            } catch {
                printError("--screenshot-on-failure \(screenshots): cannot make the folder: \(error.localizedDescription)")
                return 2
            }
        }
        TerminationSignal.install()
        let run = BrowserRun(scenario, screenshots: screenshots, stopOnFailure: stopOnFailure)
        return run.start(executable)
    }

    private func start(_ executable: String) -> Int32 {
        do {
            server = try WorkstationServer.start(at: ListenAddress(host: "127.0.0.1", port: 0), token: WorkstationServer.randomToken(), tasks: .sharedPool)
        } catch {
            printError("\(error)")
            return 2
        }
        defer { server.stop() }
        do {
            browser = try BrowserProcess.launch(executable)
        } catch {
            printError("\(error)")
            return 2
        }
        // Every way out of here (the end, a failed expect, a signal, an error) stops the browser.
        defer { browser.stop() }
        do {
            driver = try BridgeDriver.open(browser.connection, url: server.bridgeURL)
        } catch {
            printError("cannot open the bridge page in \(executable): \(error)" + tail())
            return 2
        }
        // The bridge asks the server for the state as it loads: serve it while waiting.
        let connected = waitUntil(seconds: Self.bridgeTimeout) { driver.bridgeStatus() == "connected" }
        guard connected else {
            if broken == nil { broken = "the bridge page did not connect within \(Int(Self.bridgeTimeout)) s (it says: \(driver.bridgeStatus() ?? "nothing"))" }
            return finish()
        }
        // Scenario time starts when the bridge is up, not while the browser starts.
        lag = clock.seconds
        for step in scenario.steps {
            guard broken == nil, !out.stopped, !(stopOnFailure && !score.failures.isEmpty) else { break }
            current = step.number
            wait(forStepAt: step.time)
            guard broken == nil else { break }
            play(step)
            position += 1
            // A real-time run: its transcript is followed as it happens (tail -f, a CI log).
            out.flush()
        }
        pump()
        return finish()
    }

    private var position = 0
    /// The step being waited for or played.
    private var current = 0
    /// Real seconds the run is behind the scenario's clock (page steps and bridge loading take time).
    private var lag: Double = 0

    private func tail() -> String {
        let said = browser.logTail()
        return said.isEmpty ? "" : "; the browser said:\n" + said
    }

    // MARK: The loop

    private func deliver(_ output: AppModel.Output) {
        guard !output.transcript.isEmpty else { return }
        events += output.transcript.count
        out.write(lines: output.transcript)
        server.hub.publish(output.transcript)
    }

    private func write(_ line: String) {
        events += 1
        out.write(lines: [line])
    }

    /// Everything due now: the clock, the server's requests (the bridge's), what the pages logged.
    private func pump() {
        deliver(model.handle(.clock(seconds: clock.seconds, wall: TerminalSession.wallClock())))
        server.inbox.process { request in
            let (reply, output) = APIProcessor.apply(request, to: &model)
            if case let .message(message, page) = request {
                let outcome = output.occurrences.lazy.compactMap { occurrence -> String? in
                    if case let .callOutRequest(outcome, _) = occurrence.event { return outcome.verdict }
                    return nil
                }.first ?? "refused"
                pages.messages.append(.init(tab: page, message: message, outcome: outcome))
            }
            deliver(output)
            return reply
        }
        for event in driver?.pageEvents() ?? [] {
            switch event {
            case let .console(tab, level, text, url):
                consoleLines += 1
                if consoleLines == Self.maxConsoleLines + 1 {
                    write(model.transcriptLine(event: "pageConsoleLimit", [("written", .number(Double(Self.maxConsoleLines)))]))
                }
                guard consoleLines <= Self.maxConsoleLines else { continue }
                var fields: [(String, OrderedJSON.Value)] = [("tab", tab.map(OrderedJSON.Value.string) ?? .null), ("level", .string(level)),
                                                             ("text", .string(text))]
                if let url { fields.append(("url", .string(url))) }
                write(model.transcriptLine(event: "pageConsole", fields))
            case let .error(tab, text, url, line):
                pages.errors.append(.init(tab: tab, text: text))
                guard pages.errors.count <= Self.maxConsoleLines else { continue }
                var fields: [(String, OrderedJSON.Value)] = [("tab", tab.map(OrderedJSON.Value.string) ?? .null), ("text", .string(text))]
                if let url { fields.append(("url", .string(url))) }
                if let line { fields.append(("line", .number(Double(line)))) }
                write(model.transcriptLine(event: "pageError", fields))
            }
        }
        if broken == nil, let signal = TerminationSignal.pending { broken = "stopped by signal \(signal)"; signalled = signal }
        if broken == nil, browser.hasExited() || browser.connection.endReason != nil {
            broken = browser.connection.endReason ?? "the browser exited"
        }
    }

    private var signalled: Int32?
    /// A page that logs in a loop must not flood the transcript: the first
    /// `maxConsoleLines` console messages (and as many errors) are written, all errors counted.
    static let maxConsoleLines = 1000
    private var consoleLines = 0

    /// Pumps until `condition` holds (true) or `seconds` pass or the run breaks (false).
    private func waitUntil(seconds: Double, interval: Double = 0.05, _ condition: () -> Bool) -> Bool {
        let deadline = clock.seconds + seconds
        while true {
            pump()
            if broken != nil { return false }
            if condition() { return true }
            if clock.seconds >= deadline { return false }
            server.inbox.wake.wait(timeoutMilliseconds: Int(interval * 1000))
        }
    }

    private func wait(forStepAt time: Double) {
        while broken == nil {
            pump()
            let left = time + lag - clock.seconds
            if left <= 0 { return }
            server.inbox.wake.wait(timeoutMilliseconds: max(1, min(50, Int(left * 1000))))
        }
    }

    // MARK: Steps

    private func play(_ step: ScenarioStep) {
        defer { lag = max(lag, clock.seconds - step.time) }
        switch step.kind {
        case let .expect(expectation):
            var mismatches = expectation.check(model.core, pages: pages)
            if !mismatches.isEmpty {
                _ = waitUntil(seconds: Self.expectGrace) {
                    mismatches = expectation.check(model.core, pages: pages)
                    return mismatches.isEmpty
                }
            }
            score.record(expect: step, mismatches)
            write(model.expectLine(step: step, mismatches: mismatches))
            if !mismatches.isEmpty { failed(step) }
        case let .page(pageStep):
            let problem = perform(pageStep)
            var fields: [(String, OrderedJSON.Value)] = [("step", .number(Double(step.number))), ("tab", .string(pageStep.tab)),
                                                         ("selector", .string(pageStep.selector))]
            if let text = pageStep.text { fields.append(("text", .string(text))) }
            fields.append(("ok", .bool(problem == nil)))
            if let problem { fields.append(("error", .string(problem))) }
            write(model.transcriptLine(event: pageStep.verb.rawValue, fields))
            if let problem {
                score.record(failed: step, [Expectation.Mismatch(field: "\(pageStep.verb.rawValue) \(pageStep.selector) in \(pageStep.tab)",
                                                                 expected: pageStep.verb == .waitFor ? "an element within \(OrderedJSON.number(pageStep.within)) s" : "done",
                                                                 actual: problem)])
                failed(step)
            }
        default:
            var narration = false
            score.play(step, now: .greatestFiniteMagnitude, tick: { _ in }, perform: { deliver(model.handle(.action($0))) },
                       check: { _ in [] }, narrate: { _ in narration = true })
            if narration, let line = model.narrationLine(step: step) { write(line) }
        }
    }

    /// A failed expect or page step: on disk at once, and the screen kept when asked.
    private func failed(_ step: ScenarioStep) {
        out.flush()
        guard let screenshots, let driver else { return }
        let file = screenshots + "/step-\(step.number)-line-\(step.line).png"
        do {
            let png = try driver.screenshot()
            try png.write(to: URL(fileURLWithPath: file))
            write(model.transcriptLine(event: "screenshot", [("step", .number(Double(step.number))), ("file", .string(file))]))
        } catch {
            printError("--screenshot-on-failure: \(file): \(error)")
        }
    }

    /// Does a page step; nil when it was done, else why not.
    private func perform(_ step: PageStep) -> String? {
        let deadline = clock.seconds + step.within
        var last = "the tab \(String(reflecting: step.tab)) is not showing"
        driver.choose(tab: step.tab)
        while true {
            pump()
            if let broken { return broken }
            let outcome = attempt(step)
            switch outcome {
            case .done: return nil
            case let .fatal(why): return why
            case let .notYet(why): last = why
            }
            if clock.seconds >= deadline {
                return last + (step.within > 0 ? " (waited \(OrderedJSON.number(step.within)) s)" : "")
            }
            server.inbox.wake.wait(timeoutMilliseconds: 50)
        }
    }

    private enum Attempt { case done, notYet(String), fatal(String) }

    private func attempt(_ step: PageStep) -> Attempt {
        guard model.core.visiblePages.contains(where: { $0.name == step.tab }) else {
            let showing = model.core.visiblePages.map(\.name)
            return .notYet("no tab named \(String(reflecting: step.tab)) is showing" + (showing.isEmpty ? " (none is)" : "; showing: " + showing.joined(separator: ", ")))
        }
        do {
            guard let frame = try driver.frame(ofTab: step.tab) else { return .notYet("the bridge has not opened the tab's page yet") }
            let context = try driver.world(in: frame)
            let result = try driver.evaluate(PageScript.script(for: step), context: context)
            switch result["state"]?.stringValue {
            case "done": driver.choose(tab: step.tab); return .done
            case "missing" where result["url"]?.stringValue?.hasPrefix("chrome-error:") == true:
                let url = model.core.url(ofPage: step.tab).map { String($0.prefix { $0 != "#" }) } ?? "its address"
                return .notYet("the page did not load from \(url); is its server running?")
            case "missing": return .notYet("no element matches \(String(reflecting: step.selector)) in the page (\(result["url"]?.stringValue ?? "?"))")
            case "loading": return .notYet("the page is still loading")
            case "disabled": return .notYet("the element \(String(reflecting: step.selector)) is disabled")
            case "invalid": return .fatal("\(String(reflecting: step.selector)) is not a valid CSS selector: \(result["why"]?.stringValue ?? "")")
            case "notEditable": return .fatal("the element \(String(reflecting: step.selector)) takes no typing (not an input, a textarea or editable)")
            default: return .notYet("the page gave no answer")
            }
        } catch let failure as CDPConnection.Failure {
            if case .browserGone = failure { return .fatal("\(failure)") }
            // The frame navigated away mid-step: its world is gone; try again.
            return .notYet("\(failure)")
        } catch {
            return .notYet("\(error)")
        }
    }

    // MARK: The end

    private func finish() -> Int32 {
        out.flush()
        if out.closed { return 141 }
        if let failure = out.failure {
            printError(failure)
            return 2
        }
        if let signalled {
            printError("\(scenario.file): stopped by signal \(signalled) at step \(current) of \(scenario.steps.count); the browser is stopped", prefixed: false)
            return 128 + signalled
        }
        let expects = score.expects
        var summary = "\(scenario.file): played \(position) of \(scenario.steps.count) steps in headless \(browser.map { URL(fileURLWithPath: $0.executable).lastPathComponent } ?? "browser") (\(events) events, "
            + "\(OrderedJSON.number((clock.seconds * 10).rounded() / 10)) s)"
        switch (expects, score.failures.count) {
        case (0, _): summary += "; nothing checked"
        case (_, 0): summary += expects == 1 ? "; the one check held" : "; all \(expects) checks held"
        case let (_, failed): summary += "; \(failed) of \(expects) check\(expects == 1 ? "" : "s") failed, listed below"
        }
        if !pages.errors.isEmpty { summary += "; the pages threw \(pages.errors.count) error\(pages.errors.count == 1 ? "" : "s") (pageError in the transcript)" }
        if stopOnFailure, !score.failures.isEmpty, position < scenario.steps.count { summary += "; stopped at the first failure (--stop-on-failure)" }
        printError(summary, prefixed: false)
        for line in score.failureReport(file: scenario.file) { printError("  " + line, prefixed: false) }
        if let broken {
            printError("the run could not go on: \(broken)")
            return 2
        }
        return score.failures.isEmpty ? 0 : 1
    }
}
