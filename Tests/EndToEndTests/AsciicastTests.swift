import Foundation
import Testing

/// `run --headless --asciicast`: a recording asciinema plays, checked against the
/// asciicast v2 format and replayed through pyte (a terminal emulator, from PyPI,
/// installed by .ci/run) to see the screen a viewer sees at the end.
@Suite("Asciicast export", .serialized)
struct AsciicastTests {
    static let scenario = """
        name: Shared demo
        steps:
          - say: "A customer calls; the agent answers"
          - at: 1
            call: {mobile: "13800000000", nickName: 王女士}
          - pause: {}
          - at: 4
            answer: {}
          - at: 600
            say: "Ten minutes later the customer hangs up"
          - hangup: {closeBy: client}
          - expect: {session: {status: 400}}
        """

    static let replay = """
        import json, sys, pyte
        path, = sys.argv[1:]
        lines = open(path, encoding='utf-8').read().split('\\n')
        assert lines[-1] == '', 'ends with a newline'
        header = json.loads(lines[0])
        assert header['version'] == 2 and isinstance(header['width'], int) and isinstance(header['height'], int), header
        screen = pyte.Screen(header['width'], header['height'])
        stream = pyte.Stream(screen)
        last = -1.0
        for line in lines[1:-1]:
            event = json.loads(line)
            assert isinstance(event, list) and len(event) == 3, event
            t, kind, data = event
            assert isinstance(t, (int, float)) and t >= last, (t, last)
            assert kind == 'o' and isinstance(data, str)
            last = t
            stream.feed(data)
        print('FRAMES', len(lines) - 2)
        print('DURATION', last)
        print('TITLE', header.get('title'))
        for row in screen.display: print('|' + row)
        """

    func record(_ file: String, _ extra: [String]) throws -> (status: Int32, cast: String, stderr: String) {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("agentdesk-e2e-\(getpid())-\(UUID().uuidString).cast").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try runBinary(["run", file, "--headless", "--asciicast", out] + extra)
        let cast = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        return (result.status, cast, result.stderr)
    }

    func replay(_ cast: String) throws -> String {
        let castFile = try temporaryFile("replay-\(UUID().uuidString).cast", cast)
        let script = try temporaryFile("replay_cast.py", Self.replay)
        let (status, text) = try runPython(script, [castFile])
        #expect(status == 0, "\(text)")
        return text
    }

    @Test("valid asciicast v2; pyte replays it to the workstation's final screen; idle gaps capped; two runs identical")
    func export() throws {
        let file = try temporaryFile("cast.yaml", Self.scenario)
        let first = try record(file, ["--size", "100x30", "--lang", "en", "--idle-limit", "3"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("frames, 100x30, written in"))
        #expect(first.cast.hasPrefix(#"{"version":2,"width":100,"height":30,"title":"Shared demo","env":{"TERM":"xterm-256color"}}"#))
        let replayed = try replay(first.cast)
        let screen = replayed.split(separator: "\n").filter { $0.hasPrefix("|") }.map { String($0.dropFirst()) }
        #expect(screen.count == 30)
        #expect(screen[0].contains("agentdesk"))
        #expect(screen[1].contains("■ finished · expect ✔ 1"), "\(replayed)")
        #expect(screen[2].contains("Ten minutes later the customer hangs up"), "the caption banner: \(replayed)")
        #expect(screen.joined().contains("400 Ended"), "\(replayed)")
        // Ten minutes of scenario: the gap between the answer and the hang-up is shortened to 3 s.
        let duration = replayed.split(separator: "\n").first { $0.hasPrefix("DURATION ") }.flatMap { Double($0.dropFirst(9)) }
        #expect(duration.map { $0 > 3 && $0 < 20 } == true, "\(replayed)")

        let second = try record(file, ["--size", "100x30", "--lang", "en", "--idle-limit", "3"])
        #expect(second.cast == first.cast, "byte for byte the same")

        let zh = try record(file, ["--size", "80x24", "--lang", "zh"])
        let zhScreen = try replay(zh.cast)
        #expect(zh.cast.hasPrefix(#"{"version":2,"width":80,"height":24,"#))
        #expect(zhScreen.contains("播放完毕"), "\(zhScreen)")
    }

    @Test("the asciicast options are checked before anything is written")
    func options() throws {
        let file = try temporaryFile("cast-options.yaml", Self.scenario)
        for (arguments, message) in [
            (["run", file, "--asciicast", "x.cast"], "add --headless"),
            (["run", file, "--headless", "--size", "100x30"], "go with --asciicast"),
            (["run", file, "--headless", "--asciicast", "x.cast", "--size", "10x10"], "at least 60x20"),
            (["run", file, "--headless", "--asciicast", "x.cast", "--size", "100by30"], "expected WIDTHxHEIGHT"),
            (["run", file, "--headless", "--asciicast", "x.cast", "--idle-limit", "-1"], "expected seconds above 0"),
            (["run", file, "--headless", "--asciicast", "x.cast", "--idle-limit", "nan"], "--idle-limit nan: expected seconds above 0"),
            (["run", file, "--headless", "--asciicast", "/nonexistent-dir/x.cast"], "cannot be opened for writing"),
        ] {
            let result = try runBinary(arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
    }
}
