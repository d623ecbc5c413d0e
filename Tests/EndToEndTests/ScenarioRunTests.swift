import Foundation
import Testing

/// Runs the binary to completion (no terminal) and returns what it said.
func runBinary(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Tmux.binary)
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
}

/// Runs a Python script (the tests' jsonschema, PyYAML and pyte checks) and
/// returns its exit status and everything it printed, stdout and stderr together.
func runPython(_ script: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script] + arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = out
    try process.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, text)
}

func temporaryFile(_ name: String, _ contents: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("agentdesk-e2e-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let file = dir.appendingPathComponent(name)
    try contents.write(to: file, atomically: true, encoding: .utf8)
    return file.path
}

@Suite("agentdesk run", .serialized)
struct ScenarioRunTests {
    @Test("headless: the transcript on stdout, a summary on stderr, exit 0 when every expect held")
    func headlessDemo() throws {
        let (status, stdout, stderr) = try runBinary(["run", "demo", "--headless"])
        #expect(status == 0)
        let lines = stdout.split(separator: "\n")
        #expect(lines.count == 38)
        #expect(lines.first?.hasPrefix(#"{"seq":1,"t":1,"event":"statusChanged""#) == true)
        #expect(stderr.contains("demo: played 23 of 23 steps (38 events, 74 s of scenario time"))
        #expect(stderr.contains("all 8 expects held"))
    }

    @Test("headless: exit 1 when an expect fails, naming the step, its line, expected and actual")
    func headlessFailure() throws {
        let file = try temporaryFile("fails.yaml", "steps:\n  - call: {mobile: \"1\"}\n  - after: 1\n    expect: {session: {status: 200}}\n")
        let (status, stdout, stderr) = try runBinary(["run", file, "--headless"])
        #expect(status == 1)
        #expect(stdout.contains(#""event":"expect","step":2,"line":3,"ok":false"#))
        #expect(stderr.contains("fails.yaml:3:5: step 2 (expect at 1 s): session.status expected 200, got 100"))
    }

    @Test("an invalid file: exit 2 with file:line:column, before anything plays; check says the same")
    func invalid() throws {
        let file = try temporaryFile("bad.yaml", "steps:\n  - at: 1\n    anwser: {}\n")
        let (status, stdout, stderr) = try runBinary(["run", file, "--headless"])
        #expect(status == 2)
        #expect(stdout.isEmpty)
        #expect(stderr.contains("bad.yaml:3:5: steps[0].anwser: unknown key 'anwser'; did you mean 'answer'?"))
        let check = try runBinary(["check", file])
        #expect(check.status == 2)
        #expect(check.stderr.contains("bad.yaml:3:5"))
        let good = try runBinary(["check", "demo"])
        #expect(good.status == 0 && good.stdout.contains("a valid scenario, 23 steps"))
    }

    @Test("a workstation file referenced from a scenario is read beside it")
    func workstationReference() throws {
        _ = try temporaryFile("desk.yaml", "sdkAppId: 42\nagent: {nickName: Ann}\npages:\n  - {name: P, url: \"https://p.example\", alwaysShow: true}\n")
        let file = try temporaryFile("ref.yaml", "workstation: desk.yaml\nsteps:\n  - call: {mobile: \"1\"}\n  - expect: {page: {tab: P, params: {sdkAppId: \"42\", agentNickName: Ann}}}\n")
        let (status, _, stderr) = try runBinary(["run", file, "--headless"])
        #expect(status == 0, "\(stderr)")
    }

    @Test("in the terminal: the bar follows, space pauses, . steps, the screen follows; the exit says how expects went")
    func terminalPlayback() throws {
        let tmux = try Tmux(width: 100, height: 30)
        let transcript = FileManager.default.temporaryDirectory.appendingPathComponent("agentdesk-e2e-\(getpid())-t.jsonl").path
        try tmux.shell("'\(Tmux.binary)' run demo --lang en --transcript '\(transcript)'; echo \"EXIT=$?\"")
        try tmux.waitFor("agentdesk demo ▶ ")
        try tmux.waitFor("2/23 expect")
        try tmux.send("Space")
        var screen = try tmux.waitFor("⏸ 2/23")
        #expect(screen.joined().contains("100 Ringing 呼入中"))
        try tmux.send(".")
        screen = try tmux.waitFor("⏸ 3/23 answer")
        #expect(screen.joined().contains("200 Connected 已接入"))
        try tmux.send(".")
        try tmux.waitFor("⏸ 4/23 dtmf")
        try tmux.waitFor("DTMF    1#")
        try tmux.send("r")
        try tmux.waitFor("⏸ 0/23")
        try tmux.waitFor("No session.")
        try tmux.send("q")
        try tmux.waitFor("EXIT=0")
        let lines = try String(contentsOfFile: transcript, encoding: .utf8).split(separator: "\n")
        #expect(lines.contains { $0.contains(#""event":"userAccessed""#) })
        #expect(lines.last?.contains(#""event":"restart""#) == true)
    }

    @Test("record what the agent does, then replay it headless")
    func recordAndReplay() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("agentdesk-e2e-\(getpid())-rec.yaml").path
        let tmux = try Tmux(width: 100, height: 30)
        try tmux.shell("'\(Tmux.binary)' record '\(file)'; echo \"EXIT=$?\"")
        try tmux.waitFor("No session.")
        try tmux.send("i")
        try tmux.waitFor("100 Ringing")
        try tmux.send("a")
        try tmux.waitFor("200 Connected")
        try tmux.send("h")
        try tmux.waitFor("400 Ended")
        try tmux.send("q")
        try tmux.waitFor("EXIT=0")
        let (status, stdout, stderr) = try runBinary(["run", file, "--headless"])
        #expect(status == 0, "\(stderr)")
        let events = stdout.split(separator: "\n").compactMap { line in
            line.range(of: #""event":"[a-zA-Z]+""#, options: .regularExpression).map { String(line[$0]) }
        }
        #expect(events.contains(#""event":"callIn""#))
        #expect(events.contains(#""event":"userAccessed""#))
        #expect(events.contains(#""event":"sessionEnded""#))
    }
}

@Suite("Untrusted text outside the screen")
struct CommandLineSafetyTests {
    @Test("an escape sequence in a bad file's key is shown as ␛ in the error, never sent raw")
    func errorMessages() throws {
        let file = try temporaryFile("evil.yaml", "sdkAppId: 1\nagent: {nickName: a}\n\"\\e[2J\\e]0;pwned\\a\": 1\n")
        let (status, _, stderr) = try runBinary(["check", file])
        #expect(status == 2)
        #expect(stderr.contains("unknown key '␛[2J␛]0;pwned␇'"), "\(stderr)")
        #expect(!stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }
}

@Suite("A large generated scenario")
struct LargeScenarioTests {
    @Test("10,000 calls run headless: every call ends, every expect holds, nothing is lost")
    func tenThousandCalls() throws {
        var yaml = "name: generated\nsteps:\n"
        for i in 0..<10_000 {
            yaml += "  - after: 5\n    call: {mobile: \"138\(String(format: "%08d", i))\", nickName: 客户\(i)}\n"
            yaml += "  - after: 3\n    answer: {}\n  - after: 60\n    hangup: {closeBy: client}\n  - after: 2\n    wrapUp: done\n"
            if i % 1000 == 999 { yaml += "  - expect: {agent: free, session: {status: 400, nickName: 客户\(i)}}\n" }
        }
        let file = try temporaryFile("ten-thousand.yaml", yaml)
        let (status, stdout, stderr) = try runBinary(["run", file, "--headless"])
        #expect(status == 0, "\(stderr)")
        var seq = 0, ended = 0, held = 0
        for line in stdout.split(separator: "\n") {
            seq += 1
            #expect(line.hasPrefix("{\"seq\":\(seq),"), "line \(seq) out of order")
            if line.contains(#""event":"sessionEnded""#) { ended += 1 }
            if line.contains(#""event":"expect""#) && line.contains(#""ok":true"#) { held += 1 }
        }
        #expect(ended == 10_000)
        #expect(held == 10)
        #expect(stderr.contains("all 10 expects held"))
        // The binary streams the file and bounds its history: well under 100 MiB.
        let peak = stderr.range(of: #"peak memory [0-9.]+"#, options: .regularExpression).flatMap { Double(stderr[$0].split(separator: " ").last ?? "") }
        #expect((peak ?? 1000) < 100, "\(stderr)")
    }
}
