import Foundation
import Testing

/// The bridge page in a real browser (headless Chromium) against the real binary in
/// tmux: a developer's page, served on loopback, sees `hashchange` for 100, 200 and
/// 400 without reloading, and its call-out button fills the terminal's dialpad.
@Suite(.serialized) struct BridgeBrowserTests {
    /// The developer's page: it reports every load and `hashchange` to its own server
    /// (which logs each request), and posts a call-out once the call is connected.
    static let page = """
    <!doctype html><meta charset="utf-8"><title>screen-pop under test</title>
    <script>
    function report(kind) { fetch("/log?event=" + kind + "&hash=" + encodeURIComponent(location.hash)).catch(() => {}); }
    report("load");
    let calledOut = false;
    window.addEventListener("hashchange", () => {
      report("hashchange");
      if (!calledOut && location.hash.includes("status=200")) {
        calledOut = true;
        window.parent.postMessage({ source: "ccc-sdk", payload: { event: "callOut",
          message: { phoneNumber: "02012345678", desc: "测试客户" } } }, "*");
      }
    });
    </script>
    <p>page under test</p>
    """

    @Test("A real page in Chromium sees 100, 200, 400 as hashchange and its call-out reaches the terminal's dialpad")
    func pageInChromium() throws {
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let browser = try #require(chromium, "chromium is not installed; .ci/run installs it (apt-get install chromium)")
        let dir = NSTemporaryDirectory() + "agentdesk-bridge-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.page.write(toFile: dir + "/page.html", atomically: true, encoding: .utf8)

        let tmux = try Tmux(width: 110, height: 32)
        // The developer's page server: Python's, logging every request to a file.
        try tmux.run(["new-window", "-d", "-t", tmux.session,
                      "cd '\(dir)' && exec python3 -u -m http.server 0 --bind 127.0.0.1 > server.out 2> server.log"])
        let pagePort = try Self.waitForValue(timeout: 15) { () -> Int? in
            guard let text = try? String(contentsOfFile: dir + "/server.out", encoding: .utf8),
                  let range = text.range(of: "port ") else { return nil }
            return Int(text[range.upperBound...].prefix { $0.isNumber })
        }
        let config = """
        sdkAppId: "1400000001"
        agent: {nickName: 小王, email: a@example.com}
        allowInsecureLocalhost: true
        pages:
          - {name: 测试页, url: "http://127.0.0.1:\(pagePort)/page.html", alwaysShow: true}
        """
        try config.write(toFile: dir + "/desk.yaml", atomically: true, encoding: .utf8)
        let token = "browser-test-token-0123456789"
        try tmux.shell("\(Tmux.binary) --config '\(dir)/desk.yaml' --listen 127.0.0.1:0 --token \(token) --transcript '\(dir)/t.jsonl'")
        _ = try tmux.waitFor("⇄ 127.0.0.1:")
        let runtime = tmux.runtimeDirectory + "/agentdesk/server.json"
        let base = try Self.waitForValue(timeout: 10) { () -> String? in
            guard let data = FileManager.default.contents(atPath: runtime),
                  let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
            return json["url"] as? String
        }
        #expect(base.hasPrefix("http://127.0.0.1:"))
        try tmux.run(["new-window", "-d", "-t", tmux.session,
                      "exec '\(browser)' --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir='\(dir)/profile' "
                      + "--remote-debugging-port=0 '\(base)/#token=\(token)' > '\(dir)/chromium.log' 2>&1"])
        defer { _ = try? tmux.run(["kill-window", "-t", "\(tmux.session):1"]) }

        func log() -> [(event: String, hash: String)] {
            let text = (try? String(contentsOfFile: dir + "/server.log", encoding: .utf8)) ?? ""
            return text.split(separator: "\n").compactMap { line in
                guard let start = line.range(of: "GET /log?event="), let end = line.range(of: " HTTP/1.1") else { return nil }
                let query = line[start.upperBound..<end.lowerBound]
                let parts = query.split(separator: "&hash=", maxSplits: 1)
                return (String(parts[0]), parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? "") : "")
            }
        }
        func waitForLog(_ what: String, _ found: @escaping ([(event: String, hash: String)]) -> Bool) throws {
            _ = try Self.waitForValue(timeout: 30, what: what + "; the page reported: \(log().map { "\($0.event) \($0.hash)" })") {
                found(log()) ? true : nil
            }
        }
        // The bridge opened the page in its iframe.
        try waitForLog("the page loading in the bridge") { $0.contains { $0.event == "load" } }

        try tmux.send("i")
        try waitForLog("status=100") { $0.contains { $0.event == "hashchange" && $0.hash.contains("status=100") } }
        try tmux.send("a")
        try waitForLog("status=200") { $0.contains { $0.event == "hashchange" && $0.hash.contains("status=200") } }
        // The page's call-out, relayed by the bridge, fills the dialpad in the terminal.
        _ = try tmux.waitFor("测试客户", timeout: 20)
        try tmux.send("h")
        try waitForLog("status=400") { $0.contains { $0.event == "hashchange" && $0.hash.contains("status=400") } }

        let seen = log()
        #expect(seen.filter { $0.event == "load" }.count == 1, "the page reloaded: \(seen)")
        let statuses = seen.filter { $0.event == "hashchange" }.compactMap { entry -> String? in
            guard let r = entry.hash.range(of: "status=") else { return nil }
            return String(entry.hash[r.upperBound...].prefix(3))
        }
        #expect(statuses == ["100", "200", "400"])
        // The parameters are the caller's, as the terminal shows them, and the agent's.
        let ringing = try #require(seen.first { $0.hash.contains("status=100") }).hash
        #expect(ringing.hasPrefix("#?"))
        for parameter in ["mobile=18888888888", "type=phone", "agentNickName=%E5%B0%8F%E7%8E%8B", "agentEmail=a%40example.com"] {
            #expect(ringing.contains(parameter), "\(parameter) missing from \(ringing)")
        }
        // The transcript has the relayed call-out, from the page's tab, with its display text.
        let transcript = try String(contentsOfFile: dir + "/t.jsonl", encoding: .utf8)
        let callOut = try #require(transcript.split(separator: "\n").first { $0.contains("\"event\":\"callOutRequest\"") })
        #expect(callOut.contains("\"accepted\":true"))
        #expect(callOut.contains("\"display\":\"测试客户\""))
        #expect(callOut.contains("\"page\":\"测试页\""))
        #expect(tmux.screen.joined(separator: "\n").contains("02012345678"))
        try tmux.send("q")
    }

    /// A screen-pop page's own server that records every request whole (line,
    /// headers, body), so a test can prove what it never received.
    static let recordingServer = """
    import http.server, sys
    folder = sys.argv[1]
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        def log_message(self, *args): pass
        def record(self, body):
            with open(folder + "/requests.log", "a", encoding="utf-8") as f:
                f.write(self.command + " " + self.path + "\\n" + str(self.headers) + body.decode("utf-8", "replace") + "\\n----\\n")
        def answer(self, data, kind):
            self.send_response(200 if data else 204)
            if data: self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        def do_GET(self):
            self.record(b"")
            if self.path.startswith("/page.html"):
                self.answer(open(folder + "/page.html", "rb").read(), "text/html; charset=utf-8")
            else:
                self.answer(b"", "")
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            self.record(body)
            self.answer(b"", "")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()
    """

    /// A hostile page: it tosses cookies at the bridge's port (the bridge's origin is
    /// its parent's, from location.ancestorOrigins), tells its own server everything
    /// it can see, then posts `burst` call-outs as fast as it can, 20000000, 20000001, ….
    static let hostilePage = """
    <!doctype html><meta charset="utf-8"><title>hostile screen-pop</title>
    <script>
    const parentOrigin = (location.ancestorOrigins && location.ancestorOrigins[0]) || "";
    const port = parentOrigin.split(":").pop();
    for (const name of ["agentdesk_token_" + port, "agentdesk_token", "token", "Authorization"]) {
      for (const path of ["/", "/api", "/api/messages", "/api/events"]) document.cookie = name + "=tossed-by-page; path=" + path;
    }
    function tell(what) {
      return fetch("/log?event=" + what, { method: "POST", body: JSON.stringify({ what, parentOrigin, referrer: document.referrer,
        cookie: document.cookie, href: location.href, name: window.name }) }).catch(() => {});
    }
    tell("load").then(() => {
      const n = parseInt(new URLSearchParams(location.search).get("burst") || "0", 10);
      for (let i = 0; i < n; i++) {
        window.parent.postMessage({ source: "ccc-sdk", payload: { event: "callOut", message: { phoneNumber: String(20000000 + i) } } }, "*");
      }
      tell("posted-" + n);
    });
    </script>
    <p>hostile page</p>
    """

    /// Runs `agentdesk serve` with the hostile page as an always-shown tab, opens the
    /// bridge in headless Chromium, waits until `burst` call-outs are in the
    /// transcript; returns the transcript's callOutRequest lines and the page server's log.
    static func runHostilePage(burst: Int, token: String, dumpDOM: Bool = false) throws -> (callOuts: [String], pageLog: String, state: String, dom: String) {
        // Blocking (processes, polling): called on a thread of its own, see `onThread`.
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let browser = chromium else { throw Timeout(description: "chromium is not installed; .ci/run installs it (apt-get install chromium)") }
        let scratch = try ServeTests.Scratch()
        let dir = scratch.path
        try recordingServer.write(toFile: dir + "/server.py", atomically: true, encoding: .utf8)
        try hostilePage.write(toFile: dir + "/page.html", atomically: true, encoding: .utf8)
        let pageServer = try Child(["/usr/bin/python3", "-u", dir + "/server.py", dir], environment: [:], directory: dir)
        defer { kill(pageServer.pid, SIGTERM); pageServer.wait() }
        let pagePort = try waitForValue(timeout: 20, what: "the page server's port") { Int(pageServer.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) }
        let config = """
        sdkAppId: "1400000001"
        agent: {nickName: 小王, email: a@example.com}
        allowInsecureLocalhost: true
        pages:
          - {name: 恶意页, url: "http://127.0.0.1:\(pagePort)/page.html?burst=\(burst)", alwaysShow: true}
        """
        try config.write(toFile: dir + "/desk.yaml", atomically: true, encoding: .utf8)
        let (server, base) = try ServeTests.serve(scratch, arguments: ["--config", dir + "/desk.yaml"], environment: ["AGENTDESK_TOKEN": token])
        defer { kill(server.pid, SIGTERM); server.wait() }
        // With dumpDOM, Chromium runs the page for a budget of virtual time (timers run
        // ahead, pending fetches hold it), then prints the bridge's DOM and exits.
        let chrome = try Child([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(dir)/profile"]
                               + (dumpDOM ? ["--virtual-time-budget=120000", "--dump-dom"] : ["--remote-debugging-port=0"])
                               + ["\(base)/#token=\(token)"], environment: ["HOME": dir], directory: dir)
        defer { kill(chrome.pid, SIGTERM); chrome.wait() }
        let dom = dumpDOM ? (chrome.wait() == 0 ? chrome.stdout : "chromium failed: \(chrome.stderr)") : ""
        func callOuts() -> [String] {
            server.stdout.split(separator: "\n").filter { $0.contains("\"event\":\"callOutRequest\"") }.map(String.init)
        }
        _ = try waitForValue(timeout: 60, what: "the page to load; its server saw: \((try? String(contentsOfFile: dir + "/requests.log", encoding: .utf8)) ?? "")") {
            ((try? String(contentsOfFile: dir + "/requests.log", encoding: .utf8)) ?? "").contains("POST /log?event=posted-") ? true : nil
        }
        _ = try waitForValue(timeout: 600, what: "\(burst) call-outs in the transcript (\(callOuts().count) so far)") {
            callOuts().count >= burst ? true : nil
        }
        let (status, state, err) = try Child.run([Tmux.binary, "send", "state", "--url", base], environment: ["AGENTDESK_TOKEN": token], directory: dir)
        guard status == 0 else { throw Timeout(description: "agentdesk send state failed (\(status)): \(err)") }
        let log = (try? String(contentsOfFile: dir + "/requests.log", encoding: .utf8)) ?? ""
        return (callOuts(), log, state, dom)
    }

    @Test("A screen-pop page's own server never sees the token, and cookies the page sets change nothing")
    func pageServerNeverSeesToken() async throws {
        let token = "secret-bridge-token-0123456789"
        let (callOuts, log, _, _) = try await onThread { try Self.runHostilePage(burst: 3, token: token) }
        // The page did its worst: it set cookies, and told its server all it could see.
        #expect(log.contains("GET /page.html?burst=3"))
        #expect(log.contains("tossed-by-page"), "the page's cookies did not reach its own server: \(log)")
        #expect(log.contains("POST /log?event=posted-3"))
        // The token is nowhere in what the page's server received: not in a URL, a
        // Referer, a cookie, a header or a body.
        #expect(!log.contains(token), "the page's server saw the token:\n\(log)")
        // The bridge sent no Referer when it loaded the page.
        let pageRequest = log.components(separatedBy: "\n----\n").first { $0.hasPrefix("GET /page.html") } ?? ""
        #expect(!pageRequest.isEmpty && !pageRequest.lowercased().contains("referer:"), "\(pageRequest)")
        // The cookies changed nothing: every call-out was relayed and accepted.
        #expect(callOuts.count == 3)
        #expect(callOuts.allSatisfy { $0.contains("\"accepted\":true") && $0.contains("\"page\":\"恶意页\"") })
    }

    @Test("A burst of 10,000 page messages reaches the workstation complete and in order; the last number wins")
    func burst() async throws {
        let count = 10_000
        let (callOuts, _, state, _) = try await onThread { try Self.runHostilePage(burst: count, token: "burst-bridge-token-0123456789") }
        #expect(callOuts.count == count)
        let numbers = callOuts.compactMap { line -> Int? in
            guard let r = line.range(of: "\"phoneNumber\":\"") else { return nil }
            return Int(line[r.upperBound...].prefix { $0 != "\"" })
        }
        #expect(numbers == Array(20_000_000..<(20_000_000 + count)), "out of order or missing: first \(numbers.prefix(5)), count \(numbers.count)")
        #expect(callOuts.allSatisfy { $0.contains("\"accepted\":true") })
        #expect(state.contains("\"number\":\"\(20_000_000 + count - 1)\""), "the dialpad does not show the last number: \(state.prefix(600))")
    }

    @Test("The bridge shows what it received, delivered and still has waiting; the token is nowhere in its page")
    func relayCounters() async throws {
        let count = 300
        let (callOuts, _, _, dom) = try await onThread { try Self.runHostilePage(burst: count, token: "counter-bridge-token-0123456789", dumpDOM: true) }
        #expect(callOuts.count == count)
        #expect(dom.contains("received <span id=\"received\">\(count)</span> · delivered <span id=\"delivered\">\(count)</span> · "
                             + "backlog <span id=\"backlog\">0</span> · dropped <span id=\"dropped\">0</span>"), "\(dom.prefix(3000))")
        #expect(dom.contains("<span id=\"status\" role=\"status\" aria-live=\"polite\" class=\"\">connected</span>"), "\(dom.prefix(3000))")
        // Each message is in the message log with its outcome; none is still waiting.
        #expect(dom.contains("data-outcome=\"accepted\""), "\(dom.prefix(3000))")
        #expect(!dom.contains("data-outcome=\"relayed\""), "a message is still waiting in the log")
        #expect(!dom.contains("counter-bridge-token"), "the token is in the page's DOM")
    }

    struct Timeout: Error, CustomStringConvertible {
        let description: String
    }

    /// Polls `probe` until it gives a value; throws (saying what it waited for) after `timeout` s.
    static func waitForValue<T>(timeout: Double, what: String = "a value", _ probe: () -> T?) throws -> T {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let value = probe() { return value }
            Thread.sleep(forTimeInterval: 0.1)
        }
        if let value = probe() { return value }
        throw Timeout(description: "timed out after \(Int(timeout)) s waiting for \(what)")
    }
}

/// Runs blocking work (waiting for processes, polling files) on a thread of its own.
/// The cooperative pool has as many threads as cores (two on the CI machines) and
/// also runs the handlers of every in-process server the other suites start: a test
/// that blocked it for a minute made their requests wait as long.
func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}
