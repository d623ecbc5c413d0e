import AgentDeskCore
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

// 3. Idle CPU of the real binary in tmux over 10 seconds.
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
