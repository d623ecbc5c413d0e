import AgentDeskProcess
import Foundation
import Testing

/// A run of the binary with its exit, what it said, how long it took and its peak
/// memory, ended with SIGKILL if it outlives `timeout` (a hang is a failure, not a
/// stuck test run).
struct MeasuredRun {
    var status: Int32
    /// The signal that ended it, if one did.
    var signal: Int32?
    var stdout: String
    var stderr: String
    var seconds: Double
    var peakMiB: Double
    var timedOut: Bool

    static func of(_ arguments: [String], environment: [String: String] = [:], timeout: Double = 20) throws -> MeasuredRun {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("agentdesk-measured-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out").path, err = dir.appendingPathComponent("err").path
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        let started = Date()
        let pid = try ChildProcess.spawn([Tmux.binary] + arguments, environment: env, stdout: .file(out), stderr: .file(err))
        var status: Int32 = 0
        var usage = rusage()
        var timedOut = false
        while true {
            let done = wait4(pid, &status, WNOHANG, &usage)
            if done == pid { break }
            if done == -1 && errno != EINTR { break }
            if Date().timeIntervalSince(started) > timeout {
                timedOut = true
                kill(pid, SIGKILL)
            }
            usleep(2_000)
        }
        let exited = (status & 0x7F) == 0
        return MeasuredRun(
            status: ChildProcess.exitStatus(status), signal: exited ? nil : status & 0x7F,
            stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "",
            seconds: Date().timeIntervalSince(started), peakMiB: Double(usage.ru_maxrss) / 1024, timedOut: timedOut)
    }
}
