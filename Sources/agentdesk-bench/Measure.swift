import AgentDeskProcess
import Foundation

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    return (ContinuousClock.now - start).seconds
}

/// CPU seconds this thread spent in `body`: on a shared machine the wall clock also
/// counts the time other processes had the core; this does not.
func cpuSeconds(_ body: () throws -> Void) rethrows -> Double {
    func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
    let start = now()
    try body()
    return now() - start
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// The executables built beside this one (`swift build -c release` builds them all).
enum Binaries {
    static let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    static func path(_ name: String) -> String? {
        let path = folder.appendingPathComponent(name).path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// A program on PATH (jq, chromium, tmux), or nil.
    static func onPath(_ names: String...) -> String? {
        for name in names {
            for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
                let path = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }
}

/// A finished child process.
struct Finished {
    var status: Int32
    var seconds: Double
}

/// Runs a program to its end with its standard streams on files; the wall time
/// covers the whole process, start to exit.
func run(_ argv: [String], stdin: String = "/dev/null", stdout: String = "/dev/null", stderr: String = "/dev/null") -> Finished? {
    let start = ContinuousClock.now
    guard let pid = try? ChildProcess.spawn(argv, stdin: .file(stdin), stdout: .file(stdout), stderr: .file(stderr)) else { return nil }
    let status = ChildProcess.wait(pid)
    return Finished(status: status, seconds: (ContinuousClock.now - start).seconds)
}

/// A shell command's output. system(), not Process: a tmux server would inherit
/// the descriptor Process watches for the child's exit and keep it open for ever.
func sh(_ command: String) -> String {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("agentdesk-bench-sh-\(getpid()).out").path
    defer { unlink(scratch) }
    _ = system(command + " </dev/null >\(scratch) 2>&1")
    return (try? String(contentsOfFile: scratch, encoding: .utf8)) ?? ""
}

/// Polls `condition` every 5 ms until it holds or `timeout` seconds pass.
func waitFor<T>(timeout: Double, _ condition: () -> T?) -> T? {
    let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
    while ContinuousClock.now < deadline {
        if let value = condition() { return value }
        usleep(5_000)
    }
    return nil
}

/// A temporary folder of this run, removed at exit by the caller.
func scratchFolder(_ name: String) -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("agentdesk-bench-\(name)-\(getpid())").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    return path
}

/// CPU time (user + system) a process has used so far, in seconds (/proc/PID/stat);
/// nil when it cannot be read.
func processCPUSeconds(_ pid: Int32) -> Double? {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return nil }
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    guard fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]) else { return nil }
    return Double(user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
}

/// Proportional set size of a process and all its descendants, in bytes
/// (/proc/PID/smaps_rollup): each shared page counted once over its sharers.
func proportionalSetSize(ofTree root: Int32) -> Int {
    var children: [Int32: [Int32]] = [:]
    for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
        guard let pid = Int32(entry), let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { continue }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        if fields.count > 1, let parent = Int32(fields[1]) { children[parent, default: []].append(pid) }
    }
    var total = 0
    var queue = [root]
    while let pid = queue.popLast() {
        queue += children[pid] ?? []
        guard let rollup = try? String(contentsOfFile: "/proc/\(pid)/smaps_rollup", encoding: .utf8) else { continue }
        for line in rollup.split(separator: "\n") where line.hasPrefix("Pss:") {
            total += (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) * 1024
        }
    }
    return total
}

func mebibytes(_ bytes: Int) -> String { String(format: "%.1f MiB", Double(bytes) / 1_048_576) }
