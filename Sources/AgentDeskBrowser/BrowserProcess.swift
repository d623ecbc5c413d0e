import AgentDeskCore
import AgentDeskProcess
import Foundation
import Glibc

/// Headless Chromium, started with its own temporary profile and a DevTools pipe,
/// in its own process group; `stop()` kills the group and removes the profile.
/// Chromium also exits by itself when it reads the end of its command pipe, so a
/// killed agentdesk leaves no browser behind.
public final class BrowserProcess: @unchecked Sendable {
    public let pid: pid_t
    public let executable: String
    public let connection: CDPConnection
    /// The temporary profile folder (removed by `stop`); Chromium's own log is `chromium.log` in it.
    public let profile: String
    private let stopped = NSLock()
    private var isStopped = false

    public struct LaunchFailed: Error, CustomStringConvertible {
        public let description: String
    }

    /// The names tried on PATH when no browser is given, in order.
    public static let candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    /// The browser to use: `path` when given (it must be an executable file; a bare
    /// name is looked up on PATH), else the first of `candidates` on PATH.
    public static func find(_ path: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> Result<String, LaunchFailed> {
        let searchPath = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        func onPath(_ name: String) -> String? {
            for dir in searchPath where !dir.isEmpty {
                let full = dir + "/" + name
                if FileManager.default.isExecutableFile(atPath: full) { return full }
            }
            return nil
        }
        if let path {
            if path.contains("/") {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                    return .failure(LaunchFailed(description: "--browser \(path): no such file"))
                }
                guard FileManager.default.isExecutableFile(atPath: path) else {
                    return .failure(LaunchFailed(description: "--browser \(path): not an executable file"))
                }
                return .success(path)
            }
            return onPath(path).map { .success($0) } ?? .failure(LaunchFailed(description: "--browser \(path): not found on PATH"))
        }
        for name in candidates {
            if let found = onPath(name) { return .success(found) }
        }
        return .failure(LaunchFailed(description: "no browser found: none of " + candidates.joined(separator: ", ")
            + " is on PATH; install Chromium (apt-get install chromium) or give its path: --browser /path/to/chrome"))
    }

    /// The command line: headless, a throwaway profile, the DevTools pipe, and
    /// frames of every origin in one process (no out-of-process iframes), so a
    /// screen-pop page's frame is in the bridge page's frame tree.
    public static func arguments(profile: String, width: Int = 1280, height: Int = 900) -> [String] {
        var arguments = [
            "--headless", "--remote-debugging-pipe", "--user-data-dir=" + profile,
            "--no-first-run", "--no-default-browser-check", "--disable-gpu", "--mute-audio", "--hide-scrollbars",
            "--disable-extensions", "--disable-background-networking", "--disable-sync", "--disable-component-update",
            "--disable-site-isolation-trials", "--disable-features=site-per-process,IsolateOrigins,Translate",
            "--window-size=\(width),\(height)",
        ]
        // Chromium refuses to run as root with its sandbox (containers, CI).
        if geteuid() == 0 { arguments.append("--no-sandbox") }
        arguments.append("about:blank")
        return arguments
    }

    /// Starts the browser; throws (with Chromium's own words when it said any) when it cannot.
    public static func launch(_ executable: String, width: Int = 1280, height: Int = 900) throws -> BrowserProcess {
        var template = Array((FileManager.default.temporaryDirectory.path + "/agentdesk-browser-XXXXXX").utf8CString)
        guard let profile = template.withUnsafeMutableBufferPointer({ buffer -> String? in
            mkdtemp(buffer.baseAddress!).map { String(cString: $0) }
        }) else {
            throw LaunchFailed(description: "cannot make a temporary profile folder: " + String(cString: strerror(errno)))
        }
        // All four ends close on exec (Swift's Glibc has no pipe2); the child gets its
        // two as 3 and 4, ours stay here.
        func pipeClosedOnExec() -> [Int32]? {
            var ends: [Int32] = [-1, -1]
            guard pipe(&ends) == 0 else { return nil }
            for fd in ends { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            return ends
        }
        guard let commands = pipeClosedOnExec() else {
            throw LaunchFailed(description: "cannot make the DevTools pipes: " + String(cString: strerror(errno)))
        }
        guard let answers = pipeClosedOnExec() else {
            let reason = String(cString: strerror(errno))
            commands.forEach { Glibc.close($0) }
            throw LaunchFailed(description: "cannot make the DevTools pipes: " + reason)
        }
        let (commandRead, commandWrite, answerRead, answerWrite) = (commands[0], commands[1], answers[0], answers[1])
        defer {
            Glibc.close(commandRead)
            Glibc.close(answerWrite)
        }
        // Its temporary files too go in the profile, so stopping it leaves nothing behind.
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = profile
        // Its own process group (stopped together); nothing else of ours (the server's
        // sockets, the terminal) goes to the browser.
        let pid: pid_t
        do {
            pid = try ChildProcess.spawn([executable] + arguments(profile: profile, width: width, height: height), environment: environment,
                                         stdout: .file(profile + "/chromium.log"), stderr: .sameAs(1),
                                         descriptors: [commandRead, answerWrite], newProcessGroup: true)
        } catch {
            Glibc.close(commandWrite)
            Glibc.close(answerRead)
            try? FileManager.default.removeItem(atPath: profile)
            throw LaunchFailed(description: "\(error)")
        }
        let connection = CDPConnection(readFrom: answerRead, writeTo: commandWrite)
        return BrowserProcess(pid: pid, executable: executable, connection: connection, profile: profile)
    }

    private init(pid: pid_t, executable: String, connection: CDPConnection, profile: String) {
        self.pid = pid
        self.executable = executable
        self.connection = connection
        self.profile = profile
    }

    deinit { stop() }

    /// Whether the browser has exited (reaping it); the connection is told why.
    public func hasExited() -> Bool {
        stopped.lock()
        defer { stopped.unlock() }
        if isStopped { return true }
        var status: Int32 = 0
        let reaped = waitpid(pid, &status, WNOHANG)
        guard reaped == pid else { return false }
        isStopped = true
        connection.markGone(Self.describe(status))
        return true
    }

    static func describe(_ status: Int32) -> String {
        let signal = status & 0x7f
        if signal == 0 { return "the browser exited with status \((status >> 8) & 0xff)" }
        return "the browser was killed by signal \(signal)"
    }

    /// The last lines Chromium wrote on its stderr (for a launch that failed).
    public func logTail(lines: Int = 5) -> String {
        guard let text = try? String(contentsOfFile: profile + "/chromium.log", encoding: .utf8) else { return "" }
        return text.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }

    /// Kills the browser and its children (its process group), reaps it and
    /// removes the profile. Safe to call more than once, and from any exit path.
    public func stop() {
        stopped.lock()
        let already = isStopped
        isStopped = true
        stopped.unlock()
        connection.close("the browser was stopped")
        if !already {
            kill(-pid, SIGKILL)
            kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        } else {
            kill(-pid, SIGKILL)
        }
        try? FileManager.default.removeItem(atPath: profile)
    }
}
