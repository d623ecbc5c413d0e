import Foundation
import Testing

/// The real binary in a real terminal (tmux), read back as text.
@Suite("agentdesk in a terminal", .serialized)
struct TerminalTests {
    init() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Tmux.binary), "no binary at \(Tmux.binary)")
    }

    @Test("i, a, h walk a call through 100, 200, 400; a resize reflows; q leaves a sane terminal")
    func callWalkthrough() throws {
        let tmux = try Tmux(width: 100, height: 30)
        try tmux.shell("stty -g > before.stty; '\(Tmux.binary)' --lang en; echo \"EXIT=$?\"; stty -g > after.stty; cmp -s before.stty after.stty && echo TTY-SANE")
        try tmux.waitFor("No session.")
        try tmux.waitFor("? help")

        try tmux.send("i")
        var screen = try tmux.waitFor("100 Ringing 呼入中")
        // tmux may capture a frame half written: wait for each part rather than assert at once.
        try tmux.waitFor("callIn s1 phone 刘先生")
        try tmux.waitFor("工单")
        // Time passes on screen: the ring timer counts and the header shows the wall clock.
        screen = try tmux.waitFor("ringing 00:02", timeout: 5)
        #expect(screen[0].range(of: #"\d\d:\d\d:\d\d"#, options: .regularExpression) != nil, "no clock in the header: \(screen[0])")

        try tmux.send("a")
        screen = try tmux.waitFor("200 Connected 已接入")
        try tmux.waitFor("status=200")

        try tmux.send("h")
        screen = try tmux.waitFor("400 Ended 已结束")
        try tmux.waitFor("● arrange")

        try tmux.resize(width: 60, height: 20)
        try tmux.waitUntil("reflow to 60x20") { lines in
            lines.first { $0.hasPrefix("┌") }.map { $0.count == 60 && $0.hasSuffix("┐") } == true
                && lines.contains { $0.contains("400 Ended") }
        }
        try tmux.resize(width: 100, height: 30)
        try tmux.waitUntil("reflow back to 100x30") { lines in
            lines.first { $0.hasPrefix("┌") }.map { $0.count == 100 } == true && lines.contains { $0.contains("400 Ended 已结束") }
        }

        try tmux.send("q")
        screen = try tmux.waitFor("EXIT=0")
        try tmux.waitFor("TTY-SANE")
    }

    @Test("Ctrl-C and SIGTERM restore the terminal too")
    func interrupts() throws {
        let tmux = try Tmux(width: 100, height: 30)
        try tmux.shell("stty -g > before.stty; '\(Tmux.binary)'; echo \"EXIT=$?\"; stty -g | cmp -s before.stty - && echo SANE1")
        try tmux.waitFor("agentdesk │")
        try tmux.send("i")
        try tmux.waitFor("100 ")
        try tmux.send("C-c")
        try tmux.waitFor("EXIT=0")
        try tmux.waitFor("SANE1")

        try tmux.shell("clear; '\(Tmux.binary)'; echo \"EXIT=$?\"; stty -g | cmp -s before.stty - && echo SANE2")
        try tmux.waitFor("agentdesk │")
        let shell = try tmux.run(["display-message", "-p", "-t", tmux.session, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try Spawn.output(of: ["pkill", "-TERM", "-P", shell, "-x", "agentdesk"])
        try tmux.waitFor("EXIT=143")
        try tmux.waitFor("SANE2")
    }

    @Test("a TERM curses cannot use: a clear message and exit 2 (the user fixes TERM)")
    func badTerm() throws {
        let tmux = try Tmux(width: 100, height: 30)
        try tmux.shell("TERM=no-such-terminal '\(Tmux.binary)'; echo \"EXIT=$?\"")
        let screen = try tmux.waitFor("EXIT=2")
        #expect(screen.joined().contains("TERM=no-such-terminal is not one curses can use"))
    }

    @Test("not a terminal: a clear message and a non-zero exit")
    func notATerminal() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Tmux.binary)
        process.standardInput = FileHandle.nullDevice
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 1)
        #expect(message.contains("must be a terminal"))
    }

    @Test("a bad --config is reported with file:line before any screen opens")
    func badConfig() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("agentdesk-e2e-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("bad.yaml")
        try "sdkAppId: 1\nagent:\n  nickName: a\npages:\n  - name: x\n    url: http://x.example\n".write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Tmux.binary)
        process.arguments = ["--config", file.path]
        let err = Pipe()
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 2)
        #expect(message.contains("bad.yaml:6:10: pages[0].url: http:// is refused by TCCC"))
    }
}
