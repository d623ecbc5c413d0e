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
                      + "--remote-debugging-port=0 '\(base)/?token=\(token)' > '\(dir)/chromium.log' 2>&1"])
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

    static func waitForValue<T>(timeout: Double, what: String = "a value", _ probe: () -> T?) throws -> T {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let value = probe() { return value }
            Thread.sleep(forTimeInterval: 0.1)
        }
        if let value = probe() { return value }
        Issue.record("timed out waiting for \(what)")
        throw CancellationError()
    }
}
