import Foundation
import Testing

/// The bridge as a page developer's workbench, in headless Chromium driven through
/// the DevTools protocol: what the page receives (URL, parameters, hashchanges),
/// what it posts (every message, with its outcome and reason), the controls enabled
/// by the core's own rules, live timers, a narrow window, the keyboard, and a
/// workstation restarted with a new token. Screenshots are kept as artifacts.
@Suite(.serialized) struct BridgeWorkbenchTests {
    /// The page under test: a broken call-out (wrong parameter name) and one sent as
    /// `JSON.stringify` at load, a cyclic object, markup, a frame inside it posting to
    /// the top, a heartbeat every second, and the right call-out once the call is connected.
    static let page = """
    <!doctype html><meta charset="utf-8"><title>page under test</title>
    <script>
    window.addEventListener("hashchange", () => {
      if (location.hash.includes("status=200")) parent.postMessage({ source: "ccc-sdk", payload: { event: "callOut",
        message: { phoneNumber: "02012345678", desc: "测试客户" } } }, "*");
    });
    parent.postMessage({ source: "ccc-sdk", payload: { event: "callOut", message: { phone: "123" } } }, "*");
    parent.postMessage(JSON.stringify({ source: "ccc-sdk", payload: { event: "callOut", message: { phoneNumber: "456" } } }), "*");
    setInterval(() => parent.postMessage({ source: "ccc-sdk", payload: { event: "heartbeat" } }, "*"), 1000);
    const cyclic = { source: "ccc-sdk" }; cyclic.self = cyclic;
    parent.postMessage(cyclic, "*");
    parent.postMessage({ source: "ccc-sdk", payload: { event: "<img src=x onerror=alert(1)>" } }, "*");
    </script>
    <iframe srcdoc="<script>top.postMessage({ from: 'a frame inside the page' }, '*')</script>"></iframe>
    <p>page under test</p>
    """

    /// Chromium through `--remote-debugging-pipe` (fd 3 in, fd 4 out, NUL-separated
    /// JSON), with Python's standard library: it plays a list of steps (navigate,
    /// wait for a condition, evaluate, press a key, run a command, resize, screenshot)
    /// and prints what it found as JSON; on a failure it prints what it waited for.
    static let driver = #"""
    # Drives headless Chromium through the DevTools protocol on a pipe
    # (--remote-debugging-pipe: the browser reads commands on fd 3 and writes on fd 4,
    # each message JSON ending with a NUL). Reads a list of steps (JSON); prints one
    # JSON object with what it found; exit 1 (with what it waited for) on a failure.
    import base64, json, os, subprocess, sys, time
    browser, steps_file, folder = sys.argv[1], sys.argv[2], sys.argv[3]
    # Descriptors the test process left open (its servers' sockets, when they are
    # inheritable) must not live on in the driver or the browser: a socket held
    # here would never close for its other end.
    os.closerange(3, os.sysconf("SC_OPEN_MAX"))
    steps = json.load(open(steps_file, encoding="utf-8"))
    to_browser_r, to_browser_w = os.pipe()
    from_browser_r, from_browser_w = os.pipe()
    def plumbing():
        # Through spare numbers first: a pipe's end may already be 3 or 4.
        r, w = os.dup(to_browser_r), os.dup(from_browser_w)
        os.dup2(r, 3)
        os.dup2(w, 4)
    proc = subprocess.Popen([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                             "--user-data-dir=" + folder + "/profile", "--remote-debugging-pipe", "about:blank"],
                            preexec_fn=plumbing, close_fds=True, pass_fds=(3, 4), stdout=subprocess.DEVNULL,
                            stderr=open(folder + "/chromium.log", "w"))
    os.close(to_browser_r); os.close(from_browser_w)
    spawned = []
    buffer = b""
    next_id = 0
    events = []
    exceptions = []
    console = []
    session = None
    
    def read_message():
        global buffer
        while b"\0" not in buffer:
            chunk = os.read(from_browser_r, 65536)
            if not chunk:
                raise SystemExit(json.dumps({"failed": "the browser closed the pipe"}))
            buffer += chunk
        raw, buffer = buffer.split(b"\0", 1)
        return json.loads(raw)
    
    def call(method, params=None, in_session=True):
        global next_id
        next_id += 1
        message = {"id": next_id, "method": method, "params": params or {}}
        if in_session and session: message["sessionId"] = session
        os.write(to_browser_w, json.dumps(message).encode() + b"\0")
        while True:
            m = read_message()
            if m.get("id") == next_id:
                if "error" in m: raise RuntimeError(method + ": " + json.dumps(m["error"]))
                return m.get("result", {})
            if m.get("method") == "Runtime.exceptionThrown":
                exceptions.append(m["params"]["exceptionDetails"].get("exception", {}).get("description") or m["params"]["exceptionDetails"].get("text"))
            if m.get("method") == "Runtime.consoleAPICalled":
                console.append(" ".join(str(a.get("value", a.get("description", ""))) for a in m["params"]["args"]))
    
    def evaluate(expression):
        r = call("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in r:
            raise RuntimeError("evaluating " + expression + ": " + json.dumps(r["exceptionDetails"])[:500])
        return r["result"].get("value")
    
    def fail(what):
        try: page = evaluate("document.body.innerText")
        except Exception as e: page = str(e)
        print(json.dumps({"failed": what, "page": (page or "")[:4000], "exceptions": exceptions, "console": console}, ensure_ascii=False))
        finish(1)
    
    def finish(status):
        for p in spawned:
            p.terminate(); p.wait()
        proc.terminate()
        try: proc.wait(10)
        except Exception: proc.kill()
        sys.exit(status)
    
    keys = {"Tab": 9, "Enter": 13, "ArrowRight": 39, "ArrowLeft": 37, " ": 32}
    results = {}
    try:
        target = call("Target.createTarget", {"url": "about:blank"}, False)["targetId"]
        session = call("Target.attachToTarget", {"targetId": target, "flatten": True}, False)["sessionId"]
        call("Page.enable"); call("Runtime.enable")
        call("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False})
        for step in steps:
            if "navigate" in step:
                call("Page.navigate", {"url": step["navigate"]})
            elif "wait" in step:
                deadline = time.time() + step.get("timeout", 30)
                while True:
                    try:
                        if evaluate(step["wait"]): break
                    except RuntimeError:
                        pass  # no document yet (navigating)
                    if time.time() > deadline: fail(step.get("what", step["wait"]))
                    time.sleep(0.1)
            elif "eval" in step:
                value = evaluate(step["eval"])
                if "label" in step: results[step["label"]] = value
            elif "press" in step:
                code = keys[step["press"]]
                text = {"Enter": "\r", " ": " "}.get(step["press"])
                down = {"type": "keyDown", "key": step["press"], "code": step["press"], "windowsVirtualKeyCode": code}
                if text: down["text"] = text
                call("Input.dispatchKeyEvent", down)
                call("Input.dispatchKeyEvent", {"type": "keyUp", "key": step["press"], "code": step["press"], "windowsVirtualKeyCode": code})
            elif "run" in step:
                r = subprocess.run(step["run"], capture_output=True, text=True)
                if r.returncode != step.get("status", 0):
                    fail("%s exited %d: %s %s" % (step["run"], r.returncode, r.stdout, r.stderr))
                if "label" in step: results[step["label"]] = r.stdout
            elif "spawn" in step:
                env = dict(os.environ); env.update(step.get("env", {}))
                spawned.append(subprocess.Popen(step["spawn"], env=env, stdout=open(folder + "/spawned.out", "w"), stderr=subprocess.STDOUT))
            elif "size" in step:
                call("Emulation.setDeviceMetricsOverride", {"width": step["size"][0], "height": step["size"][1], "deviceScaleFactor": 1, "mobile": False})
            elif "screenshot" in step:
                data = call("Page.captureScreenshot", {"format": "png"})["data"]
                with open(step["screenshot"], "wb") as f: f.write(base64.b64decode(data))
            else:
                fail("unknown step " + json.dumps(step))
    except (RuntimeError, OSError) as e:
        fail(str(e))
    print(json.dumps({"results": results, "exceptions": exceptions, "console": console}, ensure_ascii=False))
    finish(0)
    """#

    static func chromium() throws -> String {
        let found = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
        return try #require(found, "chromium is not installed; .ci/run installs it (apt-get install chromium)")
    }

    /// Plays `steps` in the driver; the results by label and the page's exceptions.
    /// `server`, when given, is the workstation the steps talk to: a failure says
    /// whether it still runs and what it wrote on stderr.
    static func play(_ steps: [[String: Any]], in dir: String, environment: [String: String], server: Child? = nil) throws -> String {
        try driver.write(toFile: dir + "/driver.py", atomically: true, encoding: .utf8)
        let data = try JSONSerialization.data(withJSONObject: steps)
        FileManager.default.createFile(atPath: dir + "/steps.json", contents: data)
        let (status, out, err) = try Child.run(["/usr/bin/python3", dir + "/driver.py", try chromium(), dir + "/steps.json", dir],
                                               environment: environment.merging(["HOME": dir]) { $1 }, directory: dir)
        guard status == 0 else {
            let workstation = server.map { server in
                "; the workstation (pid \(server.pid)) " + (kill(server.pid, 0) == 0 ? "still runs" : "is gone")
                    + ", its stderr: \(server.stderr.suffix(2000))"
            } ?? ""
            throw BridgeBrowserTests.Timeout(description: "the browser run failed (\(status)): \(out.prefix(5000)) \(err.prefix(2000))\(workstation)")
        }
        return out
    }

    /// The driver's answer: the results by label and the page's exceptions.
    static func parse(_ out: String) throws -> (results: [String: Any], exceptions: [String]) {
        let json = (try? JSONSerialization.jsonObject(with: Data(out.utf8))) as? [String: Any] ?? [:]
        let results = try #require(json["results"] as? [String: Any], "the driver printed no results: \(out.prefix(2000))")
        return (results, json["exceptions"] as? [String] ?? [])
    }

    /// Width and height of a PNG, from its IHDR chunk.
    static func pngSize(_ path: String) -> (Int, Int)? {
        guard let data = FileManager.default.contents(atPath: path), data.count > 24,
              data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { return nil }
        let bytes = [UInt8](data[16..<24])
        let width = bytes[0..<4].reduce(0) { $0 << 8 | Int($1) }, height = bytes[4..<8].reduce(0) { $0 << 8 | Int($1) }
        return (width, height)
    }

    static func js(_ id: String) -> String { "document.getElementById('\(id)')" }
    static func enabled(_ ids: [String]) -> String { ids.map { "!\(js($0)).disabled" }.joined(separator: " && ") }
    static func disabled(_ ids: [String]) -> String { ids.map { "\(js($0)).disabled" }.joined(separator: " && ") }
    static func logHas(_ outcome: String, _ text: String) -> String {
        "[...document.querySelectorAll('#log li[data-outcome=\"\(outcome)\"]')].some(li => li.textContent.includes(\(String(reflecting: text))))"
    }
    static let controlStates = "JSON.stringify(Object.fromEntries([...document.querySelectorAll('aside button[id]')].map(b => [b.id, !b.disabled])))"

    @Test("A page developer watches the page in the bridge: messages, URL, parameters, hashchanges, controls, timers, restart")
    func workbench() async throws {
        _ = try Self.chromium()
        let artifacts = NSTemporaryDirectory() + "agentdesk-bridge-screenshots-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: artifacts, withIntermediateDirectories: true)
        let output = try await onThread { () -> String in
            let scratch = try ServeTests.Scratch()
            let dir = scratch.path
            try Self.page.write(toFile: dir + "/page.html", atomically: true, encoding: .utf8)
            try BridgeBrowserTests.recordingServer.write(toFile: dir + "/server.py", atomically: true, encoding: .utf8)
            let pageServer = try Child(["/usr/bin/python3", "-u", dir + "/server.py", dir], environment: [:], directory: dir)
            defer { kill(pageServer.pid, SIGTERM); pageServer.wait() }
            let pagePort = try BridgeBrowserTests.waitForValue(timeout: 20, what: "the page server's port") {
                Int(pageServer.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            try """
            sdkAppId: "1400000001"
            agent: {nickName: 小王, email: a@example.com}
            allowInsecureLocalhost: true
            afterCallWork: 60
            pages:
              - {name: 测试页, url: "http://127.0.0.1:\(pagePort)/page.html", alwaysShow: true}
              - {name: 工单, url: "http://127.0.0.1:\(pagePort)/page.html?second=1", alwaysShow: true}
            """.write(toFile: dir + "/desk.yaml", atomically: true, encoding: .utf8)
            let token = "workbench-token-0123456789"
            let (server, base) = try ServeTests.serve(scratch, arguments: ["--config", dir + "/desk.yaml"], environment: ["AGENTDESK_TOKEN": token])
            defer { kill(server.pid, SIGTERM); server.wait() }
            let port = String(base.split(separator: ":").last ?? "")
            let rerun = dir + "/run2"
            mkdir(rerun, 0o700)
            let timer = "document.querySelector('[data-timer=\"s1\"]').textContent"
            let steps: [[String: Any]] = [
                ["navigate": "\(base)/#token=\(token)"],
                ["wait": "\(Self.js("status")).textContent === 'connected'", "what": "the bridge connected"],
                ["wait": "document.querySelectorAll('#tabs [role=tab]').length === 2 && document.querySelector('#tabs [aria-selected=true]').textContent.includes('测试页')",
                 "what": "two tabs, the first one active"],
                // Every message, from every frame, with its outcome and reason.
                ["wait": Self.logHas("refused", "phoneNumber is required") + " && " + Self.logHas("ignored", "JSON.stringify")
                    + " && " + Self.logHas("dropped", "frame inside the page"), "what": "the load-time messages in the log"],
                ["eval": "document.querySelector('#log li[data-outcome=refused] pre').textContent", "label": "refusedPretty"],
                // Hostile messages: one that cannot be sent as JSON is dropped with the reason;
                // markup in a message is shown as text.
                ["wait": Self.logHas("dropped", "cannot be sent as JSON") + " && " + Self.logHas("unsupported", "<img src=x"), "what": "the cyclic and the markup messages"],
                ["eval": "document.querySelectorAll('#log img, #log [onerror]').length", "label": "injected"],
                ["eval": "[...document.querySelectorAll('#log li[data-outcome=dropped]')].find(li => li.textContent.includes('cannot be sent')).querySelector('pre').textContent",
                 "label": "cyclicPretty"],
                ["eval": Self.controlStates, "label": "idle"],
                // Keyboard: the tabs follow the arrow keys.
                ["eval": "document.querySelector('#tabs [aria-selected=true]').focus()"],
                ["press": "ArrowRight"],
                ["eval": "document.activeElement.textContent + '|' + document.querySelector('#tabs [aria-selected=true]').textContent + '|' + \(Self.js("params-tab")).textContent", "label": "afterArrow"],
                ["press": "ArrowLeft"],
                // Ring a sample caller through the form.
                ["eval": "const s = \(Self.js("sample")); s.value = '0'; s.dispatchEvent(new Event('change')); \(Self.js("call-form")).requestSubmit()"],
                // Ring stays enabled: a second caller would wait in the queue (issue 14).
                ["wait": Self.enabled(["answer", "hangup", "ring"]) + " && " + Self.disabled(["hold"]), "what": "answer enabled, hold disabled while ringing"],
                ["wait": "document.querySelector('#history li[data-status=\"100\"]') !== null && \(timer).includes('ringing')", "what": "status 100 in the history, the ring timer"],
                // Answer with the keyboard.
                ["eval": "\(Self.js("answer")).focus()"],
                ["press": "Enter"],
                ["wait": Self.enabled(["hold", "mute", "transfer", "dtmf", "hangup"]) + " && " + Self.disabled(["answer", "resume", "unmute"]), "what": "the connected call's controls"],
                ["wait": "[...document.querySelectorAll('#history li[data-status=\"200\"]')].some(li => li.textContent.includes('status: 100 → 200'))",
                 "what": "status 200 in the history with its diff"],
                ["wait": Self.logHas("accepted", "测试客户") + " && \(Self.js("dialpad")).textContent.includes('测试客户')", "what": "the accepted call-out and the dialpad"],
                ["eval": "JSON.stringify([...document.querySelectorAll('#params tbody tr')].map(r => [r.children[1].textContent, r.children[2].textContent]))", "label": "params"],
                ["eval": "window.talk = \(timer)"],
                ["wait": "\(timer) !== window.talk && \(timer).includes('talk')", "what": "the talk timer moving"],
                // A second caller while on the call waits in the queue, with its timer (issue 14).
                ["eval": "\(Self.js("call-form")).requestSubmit()"],
                ["wait": "\(Self.js("queue-summary")).textContent.includes('Queue: 1 · longest') && document.querySelector('[data-queued=\"s2\"]') !== null"
                    + " && document.querySelector('[data-queued=\"s2\"]').textContent.includes('gives up in')", "what": "the second caller waiting in the queue"],
                ["eval": "\(Self.js("queue-list")).textContent", "label": "queue"],
                ["eval": "\(Self.js("hold")).click()"],
                ["wait": "!\(Self.js("resume")).disabled && \(Self.js("hold")).disabled && \(timer).includes('hold')", "what": "resume enabled and the hold timer"],
                ["eval": "\(Self.js("dtmf-digits")).value = '12#'; \(Self.js("dtmf-form")).requestSubmit()"],
                ["wait": "\(Self.js("action-outcome")).textContent.includes('on hold')", "what": "DTMF on hold refused with the core's reason"],
                ["eval": "\(Self.js("closeby")).value = 'client'; \(Self.js("hangup")).click()"],
                ["wait": Self.enabled(["wrapup-done", "wrapup-keep"]) + " && \(Self.js("agent-timer")).textContent.includes('after-call work ends in')",
                 "what": "after-call work with its countdown"],
                ["eval": "window.left = parseInt(\(Self.js("agent-timer")).textContent.split('ends in ')[1])"],
                ["wait": "parseInt(\(Self.js("agent-timer")).textContent.split('ends in ')[1]) < window.left", "what": "the countdown going down"],
                ["eval": "document.querySelector('[data-session=\"s1\"]').textContent", "label": "ended"],
                ["screenshot": artifacts + "/bridge.png"],
                ["size": [400, 900]],
                ["eval": "document.documentElement.scrollWidth - window.innerWidth", "label": "overflow"],
                ["screenshot": artifacts + "/bridge-narrow.png"],
                ["size": [1280, 900]],
                // The workstation restarts with a new token, on the same port.
                ["run": ["kill", "-TERM", String(server.pid)]],
                ["spawn": [Tmux.binary, "serve", "--listen", "127.0.0.1:\(port)", "--config", dir + "/desk.yaml"],
                 "env": ["AGENTDESK_TOKEN": "a-new-token-0123456789", "XDG_RUNTIME_DIR": rerun]],
                ["wait": "!\(Self.js("problem")).hidden", "what": "the restart recognised", "timeout": 60],
                ["eval": "\(Self.js("problem")).textContent + '|' + \(Self.js("status")).textContent", "label": "problem"],
                // Messages posted after that stay in the backlog, said so, and are not retried for ever.
                ["wait": Self.logHas("relayed", "no longer takes this page's token"), "what": "a message held back after the restart", "timeout": 30],
                ["eval": Self.controlStates, "label": "locked"],
                ["screenshot": artifacts + "/bridge-restarted.png"],
            ]
            return try Self.play(steps, in: dir, environment: ["AGENTDESK_TOKEN": token], server: server)
        }
        let (results, exceptions) = try Self.parse(output)
        #expect(exceptions.isEmpty, "the bridge threw: \(exceptions)")
        // The message pretty-printed.
        #expect((results["refusedPretty"] as? String)?.contains("\n  \"payload\": {") == true, "\(results["refusedPretty"] ?? "")")
        #expect((results["injected"] as? Int) == 0, "markup from a message became elements")
        #expect((results["cyclicPretty"] as? String)?.contains("\"self\": \"[seen above]\"") == true, "\(results["cyclicPretty"] ?? "")")
        // Idle: nothing to answer or hang up; a phone call can ring; "free" is the status already.
        let idle = try JSONSerialization.jsonObject(with: Data(((results["idle"] as? String) ?? "{}").utf8)) as? [String: Bool] ?? [:]
        #expect(idle["answer"] == false && idle["hangup"] == false && idle["hold"] == false && idle["dial"] == false)
        #expect(idle["ring"] == true && idle["set-status"] == false && idle["wrapup-done"] == false)
        #expect((results["afterArrow"] as? String) == "▶ ⚠ 工单|▶ ⚠ 工单|工单", "\(results["afterArrow"] ?? "")")
        let params = (results["params"] as? String) ?? ""
        for pair in ["[\"status\",\"200\"]", "[\"mobile\",\"18888888888\"]", "[\"agentNickName\",\"小王\"]", "[\"nickName\",\"刘先生\"]"] {
            #expect(params.contains(pair), "\(pair) not in \(params)")
        }
        #expect((results["ended"] as? String)?.contains("closeBy client") == true, "\(results["ended"] ?? "")")
        #expect((results["queue"] as? String)?.contains("s2 phone · 刘先生") == true, "\(results["queue"] ?? "")")
        #expect(((results["overflow"] as? Int) ?? 1) <= 0, "the narrow window scrolls sideways by \(results["overflow"] ?? "")")
        let problem = (results["problem"] as? String) ?? ""
        #expect(problem.contains("restarted with a new token") && problem.contains("agentdesk send bridge"), "\(problem)")
        let locked = try JSONSerialization.jsonObject(with: Data(((results["locked"] as? String) ?? "{}").utf8)) as? [String: Bool] ?? [:]
        #expect(!locked.isEmpty && locked.filter { $0.key != "clear-log" }.values.allSatisfy { !$0 }, "controls still enabled: \(locked)")
        // The screenshots, kept as artifacts: wide, narrow, restarted.
        #expect(Self.pngSize(artifacts + "/bridge.png").map { $0 == (1280, 900) } == true)
        #expect(Self.pngSize(artifacts + "/bridge-narrow.png").map { $0.0 == 400 } == true)
        #expect(Self.pngSize(artifacts + "/bridge-restarted.png") != nil)
        print("bridge screenshots kept in \(artifacts)")
    }
}
