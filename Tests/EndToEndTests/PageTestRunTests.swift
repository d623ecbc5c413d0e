import Foundation
import Testing

/// `agentdesk run FILE --headless --browser`: the README's example page and
/// scenario (docs/examples/screen-pop, the very files), played in headless
/// Chromium against the workstation's own server; and the same page broken in the
/// ways page developers break it, each of which must fail the run (exit 1).
@Suite("Page tests in headless Chromium", .serialized)
struct PageTestRunTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/examples/screen-pop").path

    /// Serves a folder on a free loopback port; prints the port once it listens.
    static let staticServer = """
    import functools, http.server, sys
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args): pass
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=sys.argv[1]))
    print(server.server_address[1], flush=True)
    server.serve_forever()
    """

    struct Outcome: Sendable {
        let status: Int32
        let stdout: String
        let stderr: String
        let folder: String
    }

    /// Copies the example into a folder of its own, lets `change` break the page,
    /// serves it on its own port (the scenario's port 8125 replaced by it), and runs
    /// the scenario with `--browser` (`@shots` in `extra` stands for the folder's
    /// `shots`). The folder is kept, with its screenshots, for a look after the test.
    static func play(extra: [String] = [], scenario edit: (String) -> String = { $0 }, page change: (String) -> String = { $0 }) throws -> Outcome {
        _ = try BridgeWorkbenchTests.chromium()
        let scratch = try ServeTests.Scratch()
        let dir = scratch.path
        let page = try String(contentsOfFile: examples + "/page.html", encoding: .utf8)
        try change(page).write(toFile: dir + "/page.html", atomically: true, encoding: .utf8)
        try staticServer.write(toFile: dir + "/server.py", atomically: true, encoding: .utf8)
        let server = try Child(["/usr/bin/python3", "-u", dir + "/server.py", dir], environment: [:], directory: dir)
        defer { kill(server.pid, SIGTERM); server.wait() }
        let port = try BridgeBrowserTests.waitForValue(timeout: 30, what: "the page server's port") {
            Int(server.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let scenario = try String(contentsOfFile: examples + "/scenario.yaml", encoding: .utf8)
        #expect(scenario.contains("http://127.0.0.1:8125/page.html"))
        try edit(scenario.replacingOccurrences(of: "127.0.0.1:8125", with: "127.0.0.1:\(port)"))
            .write(toFile: dir + "/scenario.yaml", atomically: true, encoding: .utf8)
        let (status, out, err) = try Child.run([Tmux.binary, "run", dir + "/scenario.yaml", "--headless", "--browser"] + extra.map { $0 == "@shots" ? dir + "/shots" : $0 },
                                               environment: ["HOME": dir, "TMPDIR": dir], directory: dir)
        let kept = NSTemporaryDirectory() + "agentdesk-page-test-\(UInt32.random(in: 0...UInt32.max))"
        try? FileManager.default.copyItem(atPath: dir, toPath: kept)
        return Outcome(status: status, stdout: out, stderr: err, folder: kept)
    }

    /// The transcript's lines as objects.
    static func lines(_ stdout: String) -> [[String: Any]] {
        stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// No browser process of ours is left: nothing with our profile folder on its command line.
    static func noBrowserLeft(_ folder: String) throws -> Bool {
        let pids = try FileManager.default.contentsOfDirectory(atPath: "/proc").filter { $0.allSatisfy(\.isNumber) }
        return !pids.contains { pid in
            guard let cmdline = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            return String(decoding: cmdline, as: UTF8.self).contains(folder) && String(decoding: cmdline, as: UTF8.self).contains("remote-debugging-pipe")
        }
    }

    @Test("The README's example passes: the page reads the hash, its button calls out, the dialpad shows the number")
    func readmeExample() async throws {
        let outcome = try await onThread { try Self.play() }
        #expect(outcome.status == 0, "\(outcome.stderr)\n\(outcome.stdout.suffix(3000))")
        let lines = Self.lines(outcome.stdout)
        #expect(lines.contains { $0["event"] as? String == "click" && $0["ok"] as? Bool == true && $0["selector"] as? String == "#call-out" })
        #expect(lines.contains { $0["event"] as? String == "callOutRequest" && $0["outcome"] as? String == "accepted"
                && $0["page"] as? String == "Customer" && $0["phoneNumber"] as? String == "13800138000" })
        #expect(lines.filter { $0["event"] as? String == "expect" }.allSatisfy { $0["ok"] as? Bool == true })
        #expect(outcome.stderr.contains("all 4 checks held"), "\(outcome.stderr)")
        #expect(try Self.noBrowserLeft(outcome.folder))
    }

    @Test("A page that reads the wrong parameter name never enables its button: the click fails, exit 1")
    func wrongParameter() async throws {
        let outcome = try await onThread {
            try Self.play(page: { page in
                #expect(page.contains(#"params.get("mobile")"#))
                return page.replacingOccurrences(of: #"params.get("mobile")"#, with: #"params.get("phone")"#)
            })
        }
        #expect(outcome.status == 1, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("step 7 (click at 0 s): click #call-out in Customer expected done, got the element \"#call-out\" is disabled (waited 5 s)"),
                "\(outcome.stderr)")
        #expect(outcome.stderr.contains("pageMessages.count expected 1, got 0"))
        #expect(outcome.stderr.contains("dialpad.number expected 13800138000"))
    }

    @Test("A button that posts JSON.stringify of the envelope: the workstation does not take it, exit 1, the reason said")
    func stringified() async throws {
        let outcome = try await onThread {
            try Self.play(extra: ["--screenshot-on-failure", "@shots"], page: { page in
                #expect(page.contains(#"window.parent.postMessage(message, "*")"#))
                return page.replacingOccurrences(of: #"window.parent.postMessage(message, "*")"#, with: #"window.parent.postMessage(JSON.stringify(message), "*")"#)
            })
        }
        #expect(outcome.status == 1, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("pageMessages.outcome expected accepted, got"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("pageMessages.last expected {\"payload\""), "\(outcome.stderr)")
        let request = Self.lines(outcome.stdout).first { $0["event"] as? String == "callOutRequest" }
        #expect(request?["accepted"] as? Bool == false)
        // The screenshot of the bridge with the page, where the run was told to keep it.
        let shots = outcome.folder + "/shots"
        let pngs = (try? FileManager.default.contentsOfDirectory(atPath: shots))?.filter { $0.hasSuffix(".png") } ?? []
        #expect(!pngs.isEmpty, "no screenshot in \(shots)")
        if let first = pngs.sorted().first {
            #expect(BridgeWorkbenchTests.pngSize(shots + "/" + first) != nil, "not a PNG")
        }
        #expect(Self.lines(outcome.stdout).contains { $0["event"] as? String == "screenshot" })
    }

    @Test("A page that throws: the exception is in the transcript (pageError) and pageErrors: 0 fails, exit 1")
    func throwing() async throws {
        let outcome = try await onThread {
            try Self.play(page: { page in
                #expect(page.contains("window.addEventListener(\"hashchange\", show);"))
                return page.replacingOccurrences(of: "window.addEventListener(\"hashchange\", show);", with:
                    "window.addEventListener(\"hashchange\", show);\n  window.addEventListener(\"hashchange\", () => { console.error(\"about to fail\"); document.getElementById(\"missing\").textContent = \"x\"; });")
            })
        }
        #expect(outcome.status == 1, "\(outcome.stderr)")
        let lines = Self.lines(outcome.stdout)
        let error = lines.first { $0["event"] as? String == "pageError" }
        #expect((error?["text"] as? String)?.contains("TypeError") == true, "\(outcome.stdout.suffix(2000))")
        #expect(error?["tab"] as? String == "Customer")
        #expect(lines.contains { $0["event"] as? String == "pageConsole" && $0["level"] as? String == "error" && $0["text"] as? String == "about to fail" })
        #expect(outcome.stderr.contains("pageErrors expected 0, got "), "\(outcome.stderr)")
    }

    @Test("type fills an input as typing does; an invalid selector fails at once; a page logging in a loop is capped")
    func typing() async throws {
        let outcome = try await onThread {
            try Self.play(scenario: { scenario in
                scenario + """
                  - type: {tab: Customer, selector: "#note", text: "回访 'ok'"}
                  - waitFor: {tab: Customer, selector: "body[data-note=\\"回访 'ok'\\"]", within: 5}
                  - click: {tab: Customer, selector: "##bad", within: 60}

                """
            }, page: { page in
                page.replacingOccurrences(of: "</script>", with: """
                  document.body.insertAdjacentHTML("beforeend", '<input id="note">');
                  document.getElementById("note").addEventListener("input", (e) => { document.body.dataset.note = e.target.value; });
                  for (let i = 0; i < 1500; i++) console.log("line " + i);
                </script>
                """)
            })
        }
        #expect(outcome.status == 1, "\(outcome.stderr)")
        let lines = Self.lines(outcome.stdout)
        #expect(lines.contains { $0["event"] as? String == "type" && $0["ok"] as? Bool == true })
        #expect(lines.contains { $0["event"] as? String == "waitFor" && $0["step"] as? Int == 12 && $0["ok"] as? Bool == true }, "\(outcome.stdout.suffix(1500))")
        #expect(outcome.stderr.contains(###"step 13 (click at 0.5 s): click ##bad in Customer expected done, got "##bad" is not a valid CSS selector"###), "\(outcome.stderr)")
        // It failed at once, not after its 60 s.
        #expect(!outcome.stderr.contains("waited 60"))
        #expect(lines.filter { $0["event"] as? String == "pageConsole" }.count == 1000)
        #expect(lines.contains { $0["event"] as? String == "pageConsoleLimit" })
        #expect(lines.first { $0["event"] as? String == "pageConsole" }?["text"] as? String == "line 0")
    }

    @Test("The README shows the example's page and scenario exactly as the tests play them")
    func readmeShowsTheExample() throws {
        let readme = try String(contentsOfFile: Self.examples + "/../../../README.md", encoding: .utf8)
        let section = try #require(readme.range(of: "## Page tests in CI"))
        func block(_ kind: String) throws -> String {
            let open = try #require(readme.range(of: "```\(kind)\n", range: section.upperBound..<readme.endIndex))
            let close = try #require(readme.range(of: "```", range: open.upperBound..<readme.endIndex))
            return String(readme[open.upperBound..<close.lowerBound])
        }
        #expect(try block("html") == String(contentsOfFile: Self.examples + "/page.html", encoding: .utf8))
        #expect(try block("yaml") == String(contentsOfFile: Self.examples + "/scenario.yaml", encoding: .utf8))
    }

    @Test("No browser: exit 2 with what to do; page steps without --browser: exit 2 naming the step")
    func noBrowser() async throws {
        let scratch = try ServeTests.Scratch()
        let dir = scratch.path
        let scenario = try String(contentsOfFile: Self.examples + "/scenario.yaml", encoding: .utf8)
        try scenario.write(toFile: dir + "/scenario.yaml", atomically: true, encoding: .utf8)
        let (status, out, err) = try await onThread {
            try Child.run(["/usr/bin/env", "PATH=" + dir + "/nothing-here", Tmux.binary, "run", dir + "/scenario.yaml", "--headless", "--browser"], environment: [:], directory: dir)
        }
        #expect(status == 2)
        #expect(out.isEmpty)
        #expect(err.contains("no browser found: none of chromium, chromium-browser, google-chrome"), "\(err)")
        // `--browser` right before the scenario: the scenario is not taken for the browser.
        let before = try await onThread {
            try Child.run(["/usr/bin/env", "PATH=" + dir + "/nothing-here", Tmux.binary, "run", "--headless", "--browser", dir + "/scenario.yaml"],
                          environment: [:], directory: dir)
        }
        #expect(before.0 == 2)
        #expect(before.2.contains("no browser found"), "\(before.2)")
        let given = try await onThread {
            try Child.run([Tmux.binary, "run", dir + "/scenario.yaml", "--headless", "--browser", dir + "/no-such-chrome"], environment: [:], directory: dir)
        }
        #expect(given.0 == 2)
        #expect(given.2.contains("--browser \(dir)/no-such-chrome: no such file"), "\(given.2)")
        let plain = try await onThread { try Child.run([Tmux.binary, "run", dir + "/scenario.yaml", "--headless"], environment: [:], directory: dir) }
        #expect(plain.0 == 2)
        #expect(plain.2.contains("scenario.yaml:13:5: step 1: 'waitFor' drives a real page; run it with --headless --browser"), "\(plain.2)")
        let terminal = try await onThread { try Child.run([Tmux.binary, "run", dir + "/scenario.yaml", "--browser"], environment: [:], directory: dir) }
        #expect(terminal.0 == 2)
        #expect(terminal.2.contains("add --headless"))
    }

    /// The browser processes started for a run whose TMPDIR is `folder` (the main one first).
    static func browsers(in folder: String) -> [pid_t] {
        let pids = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { pid_t($0) }
        return pids.filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            let line = String(decoding: data, as: UTF8.self)
            return line.contains("--user-data-dir=" + folder)
        }.sorted { a, b in
            let main = { (pid: pid_t) in !(String(decoding: FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") ?? Data(), as: UTF8.self).contains("--type=")) }
            return main(a) && !main(b)
        }
    }

    /// Starts a run of the example whose last step waits a minute for what never comes;
    /// returns once the page has loaded in the browser (the first step's line is out).
    static func startWaitingRun(_ scratch: ServeTests.Scratch) throws -> (run: Child, server: Child) {
        let dir = scratch.path
        try String(contentsOfFile: examples + "/page.html", encoding: .utf8).write(toFile: dir + "/page.html", atomically: true, encoding: .utf8)
        try staticServer.write(toFile: dir + "/server.py", atomically: true, encoding: .utf8)
        let server = try Child(["/usr/bin/python3", "-u", dir + "/server.py", dir], environment: [:], directory: dir)
        let port = try BridgeBrowserTests.waitForValue(timeout: 30, what: "the page server's port") {
            Int(server.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let scenario = try String(contentsOfFile: examples + "/scenario.yaml", encoding: .utf8)
            .replacingOccurrences(of: "127.0.0.1:8125", with: "127.0.0.1:\(port)")
            + "  - waitFor: {tab: Customer, selector: \"#never\", within: 120}\n"
        try scenario.write(toFile: dir + "/scenario.yaml", atomically: true, encoding: .utf8)
        let run = try Child([Tmux.binary, "run", dir + "/scenario.yaml", "--headless", "--browser"],
                            environment: ["HOME": dir, "TMPDIR": dir], directory: dir)
        _ = try BridgeBrowserTests.waitForValue(timeout: 60, what: "the run to reach its last step; stderr: \(run.stderr)") {
            run.stdout.contains(#""event":"expect","step":10"#) ? true : nil
        }
        return (run, server)
    }

    @Test("SIGTERM during a run: exit 143, and no browser process is left")
    func terminated() async throws {
        _ = try BridgeWorkbenchTests.chromium()
        let scratch = try ServeTests.Scratch()
        try await onThread {
            let (run, server) = try Self.startWaitingRun(scratch)
            defer { kill(server.pid, SIGTERM); server.wait() }
            #expect(!Self.browsers(in: scratch.path).isEmpty, "the browser runs during the scenario")
            kill(run.pid, SIGTERM)
            #expect(run.wait() == 143, "\(run.stderr)")
            _ = try BridgeBrowserTests.waitForValue(timeout: 30, what: "every browser process to end") {
                Self.browsers(in: scratch.path).isEmpty ? true : nil
            }
            // Nothing left in TMPDIR: no profile, no temporary file of Chromium's.
            let left = (try? FileManager.default.contentsOfDirectory(atPath: scratch.path))?
                .filter { $0.hasPrefix("agentdesk-browser-") || $0.hasPrefix("org.chromium") || $0.hasPrefix(".org.chromium") } ?? []
            #expect(left.isEmpty, "left in TMPDIR: \(left)")
            #expect(run.stderr.contains("stopped by signal 15 at step 11 of 11; the browser is stopped"), "\(run.stderr)")
        }
    }

    @Test("The browser dies mid-run: the waiting step ends at once, exit 2 saying the browser is gone")
    func browserDies() async throws {
        _ = try BridgeWorkbenchTests.chromium()
        let scratch = try ServeTests.Scratch()
        try await onThread {
            let (run, server) = try Self.startWaitingRun(scratch)
            defer { kill(server.pid, SIGTERM); server.wait() }
            let main = try #require(Self.browsers(in: scratch.path).first)
            kill(main, SIGKILL)
            // The step waits up to 120 s; the run must end long before (it waits on the pipe, not the clock).
            let status = run.wait()
            #expect(status == 2, "\(run.stderr)")
            #expect(run.stderr.contains("the run could not go on: "), "\(run.stderr)")
            #expect(run.stderr.contains("browser"), "\(run.stderr)")
            #expect(run.stdout.contains(#""event":"waitFor","step":11"#) && run.stdout.contains(#""ok":false"#))
        }
    }
}
