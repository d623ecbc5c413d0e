import Foundation
import Testing

/// Writes that never destroy: transcripts go to the path they are given, in place,
/// and a write that fails ends the program cleanly.
@Suite("Transcript files written in place", .serialized)
struct FileSafetyTests {
    /// `agentdesk serve` in the background with its own runtime folder and port.
    final class Server {
        let process = Process()
        let runtime: String
        let stderrPath: String

        init(transcript: String, in dir: String) throws {
            runtime = dir + "/run"
            try FileManager.default.createDirectory(atPath: runtime, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            stderrPath = dir + "/serve.err"
            FileManager.default.createFile(atPath: stderrPath, contents: nil)
            process.executableURL = URL(fileURLWithPath: Tmux.binary)
            process.arguments = ["serve", "--listen", "127.0.0.1:0", "--transcript", transcript]
            process.environment = ProcessInfo.processInfo.environment.merging(["XDG_RUNTIME_DIR": runtime]) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle(forWritingAtPath: stderrPath)
            process.standardInput = FileHandle.nullDevice
            try process.run()
            try waitUntil("the runtime file") { FileManager.default.fileExists(atPath: self.runtime + "/agentdesk/server.json") || !self.process.isRunning }
        }

        func send(_ arguments: [String]) throws -> MeasuredRun {
            try MeasuredRun.of(["send"] + arguments, environment: ["XDG_RUNTIME_DIR": runtime])
        }

        var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
        var runtimeFileExists: Bool { FileManager.default.fileExists(atPath: runtime + "/agentdesk/server.json") }

        func stop() {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }
    }

    static func folder() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("agentdesk-files-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func inode(_ path: String) -> (ino: UInt, mode: UInt32, kind: UInt32) {
        var info = stat()
        lstat(path, &info)
        return (UInt(info.st_ino), UInt32(info.st_mode & 0o7777), UInt32(info.st_mode & S_IFMT))
    }

    @Test("an existing file keeps its inode, owner and mode; a symlink stays a symlink and its target gets the lines")
    func inPlace() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let target = dir + "/target.jsonl", link = dir + "/link.jsonl"
        try "old contents\n".write(toFile: target, atomically: false, encoding: .utf8)
        chmod(target, 0o640)
        symlink(target, link)
        let before = Self.inode(target)
        let server = try Server(transcript: link, in: dir)
        defer { server.stop() }
        #expect(try server.send(["call", "--mobile", "13800138000"]).status == 0)
        try waitUntil("the call in the target") { ((try? String(contentsOfFile: target, encoding: .utf8)) ?? "").contains("callIn") }
        let after = Self.inode(target)
        #expect(after.ino == before.ino && after.mode == 0o640, "inode or mode changed: \(before) → \(after)")
        #expect(Self.inode(link).kind == UInt32(S_IFLNK), "the symlink was replaced")
        #expect(!(try String(contentsOfFile: target, encoding: .utf8)).contains("old contents"), "the file starts over")
    }

    @Test("a new transcript is created 0600: it holds callers' numbers")
    func newFileMode() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/new.jsonl"
        let server = try Server(transcript: path, in: dir)
        defer { server.stop() }
        try waitUntil("the file") { FileManager.default.fileExists(atPath: path) }
        #expect(Self.inode(path).mode == 0o600)
    }

    @Test("a FIFO receives the lines and stays a FIFO")
    func fifo() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fifo = dir + "/pipe", copy = dir + "/copy"
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/sh")
        reader.arguments = ["-c", "cat '\(fifo)' > '\(copy)'"]
        try reader.run()
        defer { reader.terminate() }
        let server = try Server(transcript: fifo, in: dir)
        defer { server.stop() }
        #expect(try server.send(["call", "--mobile", "13800138000"]).status == 0)
        try waitUntil("the call through the FIFO") { ((try? String(contentsOfFile: copy, encoding: .utf8)) ?? "").contains("callIn") }
        #expect(Self.inode(fifo).kind == UInt32(S_IFIFO))
    }

    @Test("a FIFO with no reader is refused at once, not waited on")
    func fifoWithoutReader() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fifo = dir + "/pipe"
        mkfifo(fifo, 0o600)
        let run = try MeasuredRun.of(["serve", "--listen", "127.0.0.1:0", "--transcript", fifo], environment: ["XDG_RUNTIME_DIR": dir], timeout: 10)
        #expect(!run.timedOut && run.status == 2)
        #expect(run.stderr.contains("a FIFO with no reader"))
    }

    @Test("a full device: one line naming the path and the error, exit 2, runtime file removed, the node untouched",
          .enabled(if: getuid() == 0, "mknod needs root (CI runs as root)"))
    func fullDevice() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let full = dir + "/full"
        // Our own node (major 1, minor 7: /dev/full's), never the system's.
        #expect(mknod(full, S_IFCHR | 0o600, fullDeviceNumber) == 0)
        let server = try Server(transcript: full, in: dir)
        defer { server.stop() }
        _ = try server.send(["call", "--mobile", "13800138000"])
        try waitUntil("serve to end") { !server.process.isRunning }
        #expect(server.process.terminationStatus == 2)
        #expect(server.stderr.contains("\(full): No space left on device"), "\(server.stderr)")
        #expect(!server.stderr.contains("Fatal error"))
        #expect(!server.runtimeFileExists, "the runtime file is left behind")
        #expect(Self.inode(full).kind == UInt32(S_IFCHR))
    }

    @Test("serve | head -1 ends quietly: no backtrace, runtime file removed")
    func closedPipe() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let runtime = dir + "/run"
        try FileManager.default.createDirectory(atPath: runtime, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let pipeline = Process()
        pipeline.executableURL = URL(fileURLWithPath: "/bin/bash")
        pipeline.arguments = ["-c", "set -o pipefail; '\(Tmux.binary)' serve --listen 127.0.0.1:0 2> '\(dir)/err' | head -1 > '\(dir)/first'"]
        pipeline.environment = ProcessInfo.processInfo.environment.merging(["XDG_RUNTIME_DIR": runtime]) { $1 }
        try pipeline.run()
        try waitUntil("the runtime file") { FileManager.default.fileExists(atPath: runtime + "/agentdesk/server.json") }
        let send = { (args: [String]) in try MeasuredRun.of(["send"] + args, environment: ["XDG_RUNTIME_DIR": runtime]) }
        _ = try send(["call", "--mobile", "1"])
        try waitUntil("head to take its line") { ((try? String(contentsOfFile: dir + "/first", encoding: .utf8)) ?? "").contains("\n") }
        // Writes after head has gone meet a closed pipe.
        for _ in 0..<20 where pipeline.isRunning {
            _ = try send(["call", "--mobile", "2"])
            usleep(100_000)
        }
        try waitUntil("the pipeline to end") { !pipeline.isRunning }
        let err = (try? String(contentsOfFile: dir + "/err", encoding: .utf8)) ?? ""
        #expect(pipeline.terminationStatus == 141, "serve | head: \(pipeline.terminationStatus)")
        #expect(!err.contains("Fatal error") && !err.contains("Backtrace") && !err.contains("Illegal"), "\(err)")
        #expect(!FileManager.default.fileExists(atPath: runtime + "/agentdesk/server.json"))
    }

    @Test("in the terminal, a write error restores the screen, says which file, exits 2",
          .enabled(if: getuid() == 0, "mknod needs root (CI runs as root)"))
    func terminalWriteError() throws {
        let tmux = try Tmux(width: 100, height: 30)
        let full = tmux.runtimeDirectory + "/full"
        #expect(mknod(full, S_IFCHR | 0o600, fullDeviceNumber) == 0)
        try tmux.shell("stty -g > before.stty; '\(Tmux.binary)' --lang en --transcript '\(full)'; echo \"EXIT=$?\"; stty -g | cmp -s before.stty - && echo TTY-SANE")
        try tmux.waitFor("No session.")
        try tmux.send("i")
        let screen = try tmux.waitFor("EXIT=2")
        #expect(screen.joined().contains("full: No space left on device"))
        try tmux.waitFor("TTY-SANE")
    }
}

/// Waits for a condition, polling; fails after `timeout` seconds.
func waitUntil(_ what: String, timeout: Double = 20, _ condition: () throws -> Bool) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try condition() { return }
        usleep(20_000)
    }
    Issue.record("timed out waiting for \(what)")
    throw TmuxTimeout()
}

/// The device number of /dev/full (major 1, minor 7), as glibc's makedev packs it.
let fullDeviceNumber: dev_t = (1 << 8) | 7
