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
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([Tmux.binary] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        let started = Date()
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, Tmux.binary, &actions, nil, argv, envp)
        guard spawned == 0 else { throw Spawn.Failed(description: "cannot start the binary: error \(spawned)") }
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
            status: exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F), signal: exited ? nil : status & 0x7F,
            stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "",
            seconds: Date().timeIntervalSince(started), peakMiB: Double(usage.ru_maxrss) / 1024, timedOut: timedOut)
    }
}
