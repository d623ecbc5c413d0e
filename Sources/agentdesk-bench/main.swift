import AgentDeskCore
import AgentDeskServer
import AgentDeskTerminal
import AgentDeskUI
import Foundation


// Figures, not pass/fail: medians of repeated runs, printed for the README and
// closing notes. Build in release first: `swift build -c release`, then run
// `.build/release/agentdesk-bench`.

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

func seconds(_ body: () -> Void) -> Double {
    let start = ContinuousClock.now
    body()
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

/// A busy workstation: a connected call, a chat beside it, a page request, a full feed.
func busyModel() -> AppModel {
    var m = AppModel(config: .demo, language: .zh)
    _ = m.handle(.clock(seconds: 0, wall: "12:00:00"))
    for i in 0..<40 {
        m.send(.tick(to: Double(i * 10)))
        m.send(.callIn(SampleCallers.all[0]))
        m.send(.answer())
        m.send(.hangUp())
        m.send(.wrapUp(.done))
    }
    m.send(.callIn(SampleCallers.all[0]))
    m.send(.answer())
    m.send(.callIn(SampleCallers.all[1]))
    m.send(.pageMessage(try! JSONValue.parse(
        #"{"source":"ccc-sdk","payload":{"event":"callOut","message":{"phoneNumber":"15889000000","desc":"刘先生"}}}"#)))
    return m
}

// 1. Rendering a full 200x60 frame into the cell buffer.
do {
    let model = busyModel()
    var buffer = CellBuffer(width: 200, height: 60)
    let frames = 200
    var perFrame: [Double] = []
    for _ in 0..<11 {
        let t = seconds { for _ in 0..<frames { Screen.render(model, into: &buffer) } }
        perFrame.append(t / Double(frames))
    }
    print(String(format: "render 200x60 frame: median %.3f ms over 11 runs of %d frames (%.0f frames/s)",
                 median(perFrame) * 1000, frames, 1 / median(perFrame)))
}

// 2. Bytes written to the terminal for one status change: the real ncurses backend
//    writing into a file as an xterm-256color of 100x30.
do {
    setenv("COLUMNS", "100", 1)
    setenv("LINES", "30", 1)
    // ncurses writes to the stream's descriptor itself, so a temporary file, measured by fstat.
    guard let output = tmpfile(), let input = fopen("/dev/null", "r") else { fatalError("cannot open a temporary file") }
    var size: Int {
        var info = stat()
        fstat(fileno(output), &info)
        return Int(info.st_size)
    }
    let backend = try NcursesBackend(output: output, input: input, term: "xterm-256color", colors: true)
    var model = AppModel(config: .demo, language: .zh)
    _ = model.handle(.clock(seconds: 0, wall: "12:00:00"))
    _ = model.handle(.resize(width: 100, height: 30))
    var buffer = CellBuffer(width: 100, height: 30)
    func frame() -> Int {
        Screen.render(model, into: &buffer)
        backend.present(buffer)
        fflush(output)
        return size
    }
    let first = frame()
    var changes: [(String, Int)] = []
    let steps: [(String, Key)] = [
        ("status free → notReady (s)", .char("s")), ("status notReady → rest (s)", .char("s")),
        ("status rest → offline (s)", .char("s")), ("status offline → free (s)", .char("s")),
        ("a call rings (i)", .char("i")), ("Tab to the pop-only tab", .tab), ("the call is answered (a)", .char("a")),
    ]
    for (label, key) in steps {
        let before = size
        _ = model.handle(.key(key))
        changes.append((label, frame() - before))
        if ProcessInfo.processInfo.environment["AGENTDESK_BENCH_DUMP"] != nil {
            fflush(output)
            let all = try String(contentsOfFile: "/proc/self/fd/\(fileno(output))", encoding: .isoLatin1)
            print("  [\(label)] " + all.dropFirst(before).debugDescription)
        }
    }
    let clockBefore = size
    _ = model.handle(.clock(seconds: 1, wall: "12:00:01"))
    let clockTick = frame() - clockBefore
    backend.shutdown()
    fclose(output)
    print("bytes to the terminal (100x30, xterm-256color): first full frame \(first)")
    for (label, bytes) in changes { print("  \(label): \(bytes) bytes") }
    print("  the clock ticking one second: \(clockTick) bytes")
}

// 3. Scenarios: a generated scenario of N calls, headless.
/// Each call: rings, is answered, DTMF, hangs up, after-call work is done; every
/// tenth is a chat; an expect every hundred calls.
func generatedScenario(calls: Int) -> String {
    var yaml = "name: generated \(calls) calls\nsteps:\n"
    for i in 0..<calls {
        let chat = i % 10 == 9
        yaml += "  - after: 5\n    call: {type: \(chat ? "im" : "phone"), mobile: \"138\(String(format: "%08d", i))\", nickName: 客户\(i)}\n"
        yaml += "  - after: 3\n    answer: {}\n"
        if !chat { yaml += "  - after: 20\n    dtmf: \"1#\"\n" }
        yaml += "  - after: 60\n    hangup: {closeBy: client}\n"
        if !chat { yaml += "  - after: 2\n    wrapUp: done\n" }
        if i % 100 == 99 { yaml += "  - expect: {agent: free}\n" }
    }
    return yaml
}

do {
    let text = generatedScenario(calls: 10_000)
    var parse: [Double] = [], play: [Double] = []
    var events = 0
    for _ in 0..<5 {
        var scenario: Scenario?
        parse.append(seconds { scenario = try? Scenario.parse(text, file: "generated") })
        guard let scenario else { fatalError("the generated scenario does not parse") }
        play.append(seconds {
            var run = ScenarioRun(scenario)
            var count = 0
            var bytes = 0
            while !run.isFinished {
                let lines = run.playNext()
                count += lines.count
                for line in lines { bytes += line.utf8.count }
            }
            events = count
            precondition(run.failures.isEmpty && bytes > 0)
        })
    }
    print(String(format: "scenario of 10,000 calls (%d steps): parse median %.2f s; play median %.3f s for %d events = %.0f events/s (transcript lines built, not written)",
                 text.components(separatedBy: "\n  - ").count - 1, median(parse), median(play), events, Double(events) / median(play)))

    // Peak memory of the real binary, headless, as the scenario grows.
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("agentdesk").path
    if FileManager.default.isExecutableFile(atPath: binary) {
        for calls in [1_000, 10_000, 50_000] {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("agentdesk-bench-\(calls).yaml").path
            try generatedScenario(calls: calls).write(toFile: path, atomically: true, encoding: .utf8)
            defer { unlink(path) }
            // The binary reports its own peak (VmHWM): a spawned child's ru_maxrss on
            // Linux carries this process's high-water mark across exec.
            let summaryPath = path + ".summary"
            defer { unlink(summaryPath) }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, summaryPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            let words: [String] = [binary, "run", path, "--headless"]
            let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
            var pid: pid_t = 0
            let start = ContinuousClock.now
            guard posix_spawn(&pid, binary, &actions, nil, argv, environ) == 0 else { continue }
            var status: Int32 = 0
            var usage = rusage()
            wait4(pid, &status, 0, &usage)
            let elapsed = ContinuousClock.now - start
            argv.forEach { free($0) }
            posix_spawn_file_actions_destroy(&actions)
            let wall = elapsed.formatted(.units(allowed: [.seconds, .milliseconds], width: .narrow))
            let summary = (try? String(contentsOfFile: summaryPath, encoding: .utf8)) ?? ""
            let peak = summary.range(of: #"peak memory [0-9.]+ MiB"#, options: .regularExpression).map { String(summary[$0]) } ?? "peak memory ?"
            print(String(format: "  agentdesk run --headless, %6d calls: exit %d, ", calls, status >> 8) + peak + ", " + wall + " wall")
        }
    }
}

// 4. Idle CPU of the real binary in tmux over 10 seconds.
do {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("agentdesk").path
    guard FileManager.default.isExecutableFile(atPath: binary) else {
        print("idle CPU: skipped, no agentdesk binary beside this one (swift build -c release builds both)")
        exit(0)
    }
    // system(), not Process: the tmux server would inherit the descriptor Process
    // watches for the child's exit and keep it open for ever.
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("agentdesk-bench-\(getpid()).out").path
    func sh(_ command: String) -> String {
        _ = system(command + " </dev/null >\(scratch) 2>&1")
        return (try? String(contentsOfFile: scratch, encoding: .utf8)) ?? ""
    }
    defer { unlink(scratch) }
    let socket = "agentdesk-bench-\(getpid())"
    _ = sh("tmux -L \(socket) new-session -d -x 100 -y 30 'exec env LANG=C.UTF-8 \(binary)'")
    Thread.sleep(forTimeInterval: 1.5)
    let pid = sh("tmux -L \(socket) display-message -p '#{pane_pid}'").trimmingCharacters(in: .whitespacesAndNewlines)
    func cpuTicks() -> Int {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return -1 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return (Int(fields[11]) ?? 0) + (Int(fields[12]) ?? 0)
    }
    let before = cpuTicks()
    Thread.sleep(forTimeInterval: 10)
    let after = cpuTicks()
    _ = sh("tmux -L \(socket) kill-server")
    let hz = Double(sysconf(Int32(_SC_CLK_TCK)))
    if before < 0 || after < 0 {
        print("idle CPU: could not read /proc/\(pid)/stat")
    } else {
        print(String(format: "idle CPU over 10 s: %d ticks = %.2f s of CPU (%.2f%%), one wake a second for the clock",
                     after - before, Double(after - before) / hz, Double(after - before) / hz / 10 * 100))
    }
}

// 5. The loopback API under load: concurrent clients, each on its own kept-alive
//    connection, post calls and page call-outs to `agentdesk serve`; then every
//    accepted request is looked for in the transcript.
do {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("agentdesk").path
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("agentdesk-load-\(getpid())").path
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let token = "load-benchmark-token-0123456789"
    _ = system("XDG_RUNTIME_DIR=\(dir) \(binary) serve --listen 127.0.0.1:0 --token \(token) > \(dir)/transcript.jsonl 2> \(dir)/serve.err < /dev/null & echo $! > \(dir)/pid")
    var url: String?
    for _ in 0..<100 where url == nil {
        Thread.sleep(forTimeInterval: 0.1)
        if let data = FileManager.default.contents(atPath: dir + "/agentdesk/server.json"),
           let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] { url = json["url"] as? String }
    }
    let pid = Int32((try? String(contentsOfFile: dir + "/pid", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
    guard let url else {
        print("API load: skipped, `agentdesk serve` did not start")
        exit(0)
    }
    let clients = 16, perClient = 500
    final class Tally: @unchecked Sendable {
        let lock = NSLock()
        var sessions: Set<String> = []
        var callOuts: [String: Int] = [:]
        var refused = 0, failed = 0
    }
    let tally = Tally()
    let group = DispatchGroup()
    let elapsed = seconds {
        for c in 0..<clients {
            group.enter()
            Thread {
                defer { group.leave() }
                guard let client = try? LoopbackClient(url: url, token: token) else { return }
                for i in 0..<perClient {
                    let n = "1\(String(format: "%02d", c))\(String(format: "%07d", i))"
                    do {
                        if i % 2 == 0 {
                            let r = try client.request("POST", "/api/calls", body: #"{"type":"im","userId":"u\#(n)","nickName":"load \#(n)"}"#)
                            let id = (try? JSONValue.parse(r.body))?["session"]?.stringValue
                            tally.lock.lock(); if r.status == 201, let id { tally.sessions.insert(id) } else { tally.refused += 1 }; tally.lock.unlock()
                        } else {
                            let body = #"{"source":"ccc-sdk","payload":{"event":"callOut","message":{"phoneNumber":"\#(n)"}}}"#
                            let r = try client.request("POST", "/api/messages", body: body)
                            tally.lock.lock(); if r.status == 200 { tally.callOuts[n, default: 0] += 1 } else { tally.refused += 1 }; tally.lock.unlock()
                        }
                    } catch {
                        tally.lock.lock(); tally.failed += 1; tally.lock.unlock()
                    }
                }
            }.start()
        }
        group.wait()
    }
    kill(pid, SIGTERM)
    Thread.sleep(forTimeInterval: 1)
    let lines = ((try? String(contentsOfFile: dir + "/transcript.jsonl", encoding: .utf8)) ?? "").split(separator: "\n")
    var seenSessions: Set<String> = []
    var seenCallOuts: [String: Int] = [:]
    for line in lines {
        guard let json = try? JSONValue.parse(String(line)) else { continue }
        if json["event"]?.stringValue == "callIn", let s = json["session"]?.stringValue { seenSessions.insert(s) }
        if json["event"]?.stringValue == "callOutRequest", json["accepted"] == .bool(true), let n = json["phoneNumber"]?.stringValue {
            seenCallOuts[n, default: 0] += 1
        }
    }
    let total = clients * perClient
    let lostCalls = tally.sessions.subtracting(seenSessions).count
    let lostCallOuts = tally.callOuts.filter { seenCallOuts[$0.key, default: 0] < $0.value }.count
    print(String(format: "API load: %d clients x %d requests = %d in %.2f s = %.0f requests/s; accepted %d calls + %d call-outs, refused %d, failed %d",
                 clients, perClient, total, elapsed, Double(total) / elapsed, tally.sessions.count,
                 tally.callOuts.values.reduce(0, +), tally.refused, tally.failed))
    print("API load: transcript has \(lines.count) lines; accepted requests missing from it: \(lostCalls) calls, \(lostCallOuts) call-outs"
          + (lostCalls + lostCallOuts == 0 ? " (none lost)" : " — LOST"))
}
