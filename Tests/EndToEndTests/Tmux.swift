import AgentDeskProcess
import Foundation
import Testing

/// A tmux server of the test's own (its own socket), a shell in a pane of a
/// given size, and the screen read back as text.
final class Tmux {
    let socket = "agentdesk-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let session = "e2e"

    /// The test's own runtime folder: where a workstation started here writes its
    /// address and token (never the developer's own).
    let runtimeDirectory = NSTemporaryDirectory() + "agentdesk-e2e-run-\(UInt32.random(in: 0...UInt32.max))"

    init(width: Int, height: Int, environment: [String: String] = [:]) throws {
        try FileManager.default.createDirectory(atPath: runtimeDirectory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        var env = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PS1": "$ ", "HOME": NSTemporaryDirectory(), "XDG_RUNTIME_DIR": runtimeDirectory]
        env.merge(environment) { $1 }
        let exports = env.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        try run(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-s", session, "-c", runtimeDirectory,
                 "env -i PATH=\"$PATH\" TERM=tmux-256color \(exports) bash --norc --noprofile"])
        try run(["set-option", "-t", session, "-g", "status", "off"])
        _ = try waitFor("$", timeout: 10)
    }

    deinit {
        _ = try? run(["kill-server"])
        try? FileManager.default.removeItem(atPath: runtimeDirectory)
    }

    /// The built `agentdesk`, beside this test binary.
    static var binary: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        // On Linux the tests run from <build>/debug/agentdeskPackageTests.xctest.
        if dir.lastPathComponent.hasSuffix(".xctest") { dir = dir.deletingLastPathComponent() }
        return dir.appendingPathComponent("agentdesk").path
    }

    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        try Spawn.output(of: ["tmux", "-L", socket] + arguments)
    }

    /// Types text (tmux key names such as Enter, Escape, C-c are sent as keys).
    func send(_ keys: String...) throws {
        try run(["send-keys", "-t", session] + keys)
    }

    /// Types a command line into the pane's shell and presses Enter.
    func shell(_ command: String) throws {
        try type(command)
        try send("Enter")
    }

    func type(_ text: String) throws {
        try run(["send-keys", "-t", session, "-l", text])
    }

    var screen: [String] {
        ((try? run(["capture-pane", "-p", "-t", session])) ?? "").components(separatedBy: "\n")
    }

    /// What runs in the pane now, for a failure's message: the shell waiting, or
    /// the program (and the kernel function it sleeps in).
    var paneProcess: String {
        let shown = (try? run(["display-message", "-p", "-t", session, "#{pane_current_command} #{pane_pid}"])) ?? ""
        let parts = shown.split(separator: " ")
        guard parts.count == 2, let shell = Int32(parts[1]) else { return "pane: \(shown)" }
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        let states = children.split(separator: " ").map { pid -> String in
            let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?.split(separator: " ") ?? []
            let wchan = (try? String(contentsOfFile: "/proc/\(pid)/wchan", encoding: .utf8)) ?? "?"
            return "pid \(pid) state \(stat.count > 2 ? String(stat[2]) : "?") waiting in \(wchan)"
        }
        return "pane runs \(parts[0])" + (states.isEmpty ? "" : ": " + states.joined(separator: ", "))
    }

    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Polls the screen until `text` appears; returns the screen. Fails the test
    /// with the last screen when it does not appear in time.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 10, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        var last: [String] = []
        while Date() < deadline {
            last = screen
            if last.contains(where: { $0.contains(text) }) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record(Comment(rawValue: "\"\(text)\" did not appear (\(paneProcess)); the screen was:\n" + last.joined(separator: "\n")),
                     sourceLocation: sourceLocation)
        throw TmuxTimeout()
    }

    /// Polls until `condition` holds for the screen.
    func waitUntil(_ what: String, timeout: Double = 10, sourceLocation: SourceLocation = #_sourceLocation,
                   _ condition: ([String]) -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var last: [String] = []
        while Date() < deadline {
            last = screen
            if condition(last) { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record(Comment(rawValue: "\(what) did not happen (\(paneProcess)); the screen was:\n" + last.joined(separator: "\n")),
                     sourceLocation: sourceLocation)
        throw TmuxTimeout()
    }
}

struct TmuxTimeout: Error {}

/// Runs a command and waits for it (`ChildProcess`: posix_spawn, a clean signal
/// mask, nothing of ours inherited). Foundation's Process notices an exit through a
/// descriptor the child inherits, and the tmux server that `new-session` forks
/// keeps that open, so Process would wait for ever.
enum Spawn {
    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    static func output(of arguments: [String]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("spawn-\(UUID().uuidString).out").path
        defer { unlink(path) }
        do {
            ChildProcess.wait(try ChildProcess.spawn(arguments, stdout: .file(path), stderr: .sameAs(1)))
        } catch {
            throw Failed(description: "\(error)")
        }
        return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }
}
