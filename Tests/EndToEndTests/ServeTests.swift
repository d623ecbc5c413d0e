import AgentDeskProcess
import AgentDeskServer
import Foundation
import Glibc
import Synchronization
import Testing

/// A process of the test's own, started by `ChildProcess` (not Foundation's
/// Process, see `Spawn`), its output in files, ended only by the test.
final class Child: @unchecked Sendable {
    let pid: pid_t
    let out: String
    let err: String
    private let status = Mutex<Int32?>(nil)

    init(_ arguments: [String], environment: [String: String], directory: String, stdout: String? = nil) throws {
        out = stdout ?? directory + "/child-\(UInt32.random(in: 0...UInt32.max)).out"
        err = out + ".err"
        let pairs = ["PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"].merging(environment) { $1 }
        pid = try ChildProcess.spawn(arguments, environment: pairs, stdout: .file(out), stderr: .file(err))
    }

    deinit {
        if status.withLock({ $0 }) == nil {
            kill(pid, SIGKILL)
            _ = wait()
        }
        unlink(out)
        unlink(err)
    }

    /// Waits for the child to end; its exit status (128 + N when killed by signal N).
    @discardableResult
    func wait() -> Int32 {
        if let status = status.withLock({ $0 }) { return status }
        let result = ChildProcess.wait(pid)
        status.withLock { $0 = result }
        return result
    }

    /// The exit status if the child has ended; nil, without waiting, if not.
    func ended() -> Int32? {
        status.withLock { status in
            if status == nil {
                var raw: Int32 = 0
                if waitpid(pid, &raw, WNOHANG) == pid { status = ChildProcess.exitStatus(raw) }
            }
            return status
        }
    }

    var stdout: String { (try? String(contentsOfFile: out, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: err, encoding: .utf8)) ?? "" }

    /// Runs to the end; (status, stdout, stderr).
    static func run(_ arguments: [String], environment: [String: String], directory: String) throws -> (Int32, String, String) {
        let child = try Child(arguments, environment: environment, directory: directory)
        let status = child.wait()
        return (status, child.stdout, child.stderr)
    }
}

/// `agentdesk serve` and `agentdesk send` as a user runs them: where the token comes
/// from, which runtime files are trusted, and the exit status on signals.
@Suite struct ServeTests {
    final class Scratch: Sendable {
        let path = NSTemporaryDirectory() + "agentdesk-serve-\(UInt32.random(in: 0...UInt32.max))"
        init() throws {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            chmod(path, 0o755)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Starts `agentdesk serve` on a free port; waits for its runtime file.
    static func serve(_ scratch: Scratch, arguments: [String] = [], environment: [String: String] = [:], stdout: String? = nil) throws -> (Child, url: String) {
        let runtime = scratch.path + "/run"
        mkdir(runtime, 0o700)
        let child = try Child([Tmux.binary, "serve", "--listen", "127.0.0.1:0"] + arguments,
                              environment: ["XDG_RUNTIME_DIR": runtime].merging(environment) { $1 }, directory: scratch.path, stdout: stdout)
        let url = try BridgeBrowserTests.waitForValue(timeout: 30, what: "serve's runtime file; stderr: \(child.stderr)") { () -> String? in
            guard let data = FileManager.default.contents(atPath: runtime + "/agentdesk/server.json"),
                  let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
            return json["url"] as? String
        }
        return (child, url)
    }

    @Test("The token from AGENTDESK_TOKEN or --token-file: never on the command line, and send uses it")
    func tokenFromEnvironment() async throws {
        let scratch = try Scratch()
        let token = "env-token-0123456789abcdef"
        let (server, url) = try await onThread { try Self.serve(scratch, environment: ["AGENTDESK_TOKEN": token]) }
        // Not in the process's command line, which every local user can read.
        let cmdline = try String(contentsOfFile: "/proc/\(server.pid)/cmdline", encoding: .utf8)
        #expect(!cmdline.contains(token))
        let elsewhere = scratch.path + "/elsewhere"
        mkdir(elsewhere, 0o700)
        // send with --url and the token from the environment (no runtime file where it looks).
        let (status, out, err) = try await onThread { try Child.run([Tmux.binary, "send", "state", "--url", url],
                                               environment: ["XDG_RUNTIME_DIR": elsewhere, "AGENTDESK_TOKEN": token], directory: scratch.path) }
        #expect(status == 0, "\(err)")
        #expect(out.contains("\"agent\""))
        // A wrong one in the environment is refused by the server (exit 2: not allowed).
        let (wrong, _, wrongErr) = try await onThread { try Child.run([Tmux.binary, "send", "state", "--url", url],
                                                 environment: ["XDG_RUNTIME_DIR": elsewhere, "AGENTDESK_TOKEN": "wrong-token-0123456789"], directory: scratch.path) }
        #expect(wrong == 2)
        #expect(wrongErr.contains("401"))
        // --token-file: a file of the user's own, 0600; one others can read is refused.
        let file = scratch.path + "/token"
        try (token + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o600)
        let (fromFile, _, fileErr) = try await onThread { try Child.run([Tmux.binary, "send", "state", "--url", url, "--token-file", file],
                                                   environment: ["XDG_RUNTIME_DIR": elsewhere], directory: scratch.path) }
        #expect(fromFile == 0, "\(fileErr)")
        chmod(file, 0o644)
        let (readable, _, readableErr) = try await onThread { try Child.run([Tmux.binary, "send", "state", "--url", url, "--token-file", file],
                                                       environment: ["XDG_RUNTIME_DIR": elsewhere], directory: scratch.path) }
        #expect(readable == 2)
        #expect(readableErr.contains("others can read it"), "\(readableErr)")
        kill(server.pid, SIGTERM)
        #expect(try await onThread { server.wait() } == 143)
    }

    /// A call-out's body as a screen-pop page posts it.
    static func callOut(_ number: String) -> String {
        #"{"source":"ccc-sdk","payload":{"event":"callOut","message":{"phoneNumber":"\#(number)"}}}"#
    }

    @Test("Call-outs from 8 connections at once: each 200 finds its line already in the transcript; the clock runs with no requests")
    func linesBeforeReplies() async throws {
        let scratch = try Scratch()
        let transcript = scratch.path + "/transcript.jsonl"
        let token = "lines-before-replies-0123456789"
        let (server, url) = try await onThread { try Self.serve(scratch, arguments: ["--transcript", transcript, "--token", token]) }
        let problems = Mutex<[String]>([])
        let answered = Mutex(0)
        try await onThread {
            let group = DispatchGroup()
            for connection in 0..<8 {
                group.enter()
                Thread {
                    defer { group.leave() }
                    guard let client = try? LoopbackClient(url: url, token: token) else {
                        problems.withLock { $0.append("connection \(connection) failed") }
                        return
                    }
                    for i in 0..<25 {
                        let number = "1380\(connection)\(String(format: "%06d", i))"
                        guard let reply = try? client.request("POST", "/api/messages", body: Self.callOut(number)), reply.status == 200 else {
                            problems.withLock { $0.append("\(number): no 200") }
                            continue
                        }
                        answered.withLock { $0 += 1 }
                        let lines = (try? String(contentsOfFile: transcript, encoding: .utf8)) ?? ""
                        if !lines.contains(#""phoneNumber":"\#(number)""#) {
                            problems.withLock { $0.append("\(number): answered 200 before its line was in the transcript") }
                        }
                    }
                }.start()
            }
            group.wait()
        }
        #expect(problems.withLock { $0 } == [])
        #expect(answered.withLock { $0 } == 200)
        // The clock moves with nothing to do: a caller queued with one second's
        // patience gives up with no request after it.
        let environment = ["XDG_RUNTIME_DIR": scratch.path + "/run"]
        for arguments in [["call", "--mobile", "13911112222"], ["call", "--mobile", "13922223333", "--patience", "1"]] {
            let (status, _, err) = try await onThread { try Child.run([Tmux.binary, "send"] + arguments, environment: environment, directory: scratch.path) }
            #expect(status == 0, "\(err)")
        }
        _ = try await onThread {
            try BridgeBrowserTests.waitForValue(timeout: 30, what: "the queued caller to abandon") { () -> Bool? in
                ((try? String(contentsOfFile: transcript, encoding: .utf8)) ?? "").contains(#""abandoned":true"#) ? true : nil
            }
        }
        kill(server.pid, SIGTERM)
        #expect(try await onThread { server.wait() } == 143)
        #expect(server.stdout == (try String(contentsOfFile: transcript, encoding: .utf8)), "stdout and --transcript differ")
    }

    @Test("SIGTERM ends serve within seconds even while its transcript's reader has stopped reading")
    func stuckReader() async throws {
        let scratch = try Scratch()
        let fifo = scratch.path + "/stdout.fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        // Held open for reading by the test, and never read.
        let reader = open(fifo, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        #expect(reader >= 0)
        defer { close(reader) }
        let token = "stuck-reader-token-0123456789"
        let (server, url) = try await onThread { try Self.serve(scratch, arguments: ["--token", token], stdout: fifo) }
        // Call-outs until the pipe is full and a round's write blocks (the client
        // then waits for its answer; it ends when serve does).
        let accepted = Mutex<[String]>([])
        let clientDone = DispatchSemaphore(value: 0)
        Thread {
            defer { clientDone.signal() }
            guard let client = try? LoopbackClient(url: url, token: token) else { return }
            for i in 0..<100_000 {
                let number = "1390\(String(format: "%07d", i))"
                guard let reply = try? client.request("POST", "/api/messages", body: Self.callOut(number)) else { return }
                if reply.status == 200 { accepted.withLock { $0.append(number) } }
            }
        }.start()
        _ = try await onThread {
            try BridgeBrowserTests.waitForValue(timeout: 60, what: "a thread of serve blocked writing to the pipe") { () -> Bool? in
                let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(server.pid)/task")) ?? []
                return tasks.contains { task in
                    ((try? String(contentsOfFile: "/proc/\(server.pid)/task/\(task)/wchan", encoding: .utf8)) ?? "").contains("pipe_write")
                } ? true : nil
            }
        }
        kill(server.pid, SIGTERM)
        let ended = try await onThread {
            try BridgeBrowserTests.waitForValue(timeout: 30, what: "serve to end") { server.ended() }
        }
        #expect(ended == 143)
        #expect(server.stderr.contains("its reader has stopped reading"), "\(server.stderr)")
        // The round stuck on the write had not answered its requests: every 200 the
        // client got has its whole line in what reached the pipe.
        _ = try await onThread { clientDone.wait() }
        var written: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while case let n = read(reader, &chunk, chunk.count), n > 0 { written += chunk[0..<n] }
        let lines = Set(String(decoding: written, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init))
        let numbers = Set(lines.compactMap { line in line.firstRange(of: #""phoneNumber":""#).map { String(line[$0.upperBound...].prefix(11)) } })
        let answered = accepted.withLock { $0 }
        #expect(answered.count > 100, "\(answered.count) call-outs answered 200 before the pipe was full")
        #expect(answered.filter { !numbers.contains($0) } == [], "answered 200 without its whole line in the transcript")
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/run/agentdesk/server.json"))
    }

    @Test("serve ends with 128 + the signal's number, as the terminal workstation does")
    func signals() async throws {
        for (signal, status) in [(SIGTERM, Int32(143)), (SIGINT, 130), (SIGHUP, 129)] {
            let scratch = try Scratch()
            let (server, _) = try await onThread { try Self.serve(scratch) }
            kill(server.pid, signal)
            #expect(try await onThread { server.wait() } == status, "signal \(signal): \(server.stderr)")
            // It removed its runtime file on the way out.
            #expect(!FileManager.default.fileExists(atPath: scratch.path + "/run/agentdesk/server.json"))
        }
    }

    @Test("send refuses a runtime file another user planted, and sends nothing to their listener",
          .enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
                   "needs root to act as two users; RuntimeFileTests checks the ownership rules as one"))
    func plantedByAnotherUser() async throws {
        let scratch = try Scratch()
        // The other user's listener, where the planted file points.
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        listen(listener, 8)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        let port = Int(UInt16(bigEndian: address.sin_port))
        // The runtime root is shared (as /tmp is when XDG_RUNTIME_DIR is unset); the other
        // user (nobody) makes the agentdesk folder first, 0700, and plants server.json, 0600.
        let shared = scratch.path + "/shared"
        mkdir(shared, 0o1777)
        chmod(shared, 0o1777)
        let planted = "{\"url\":\"http://127.0.0.1:\(port)\",\"token\":\"planted-token-0123456789\",\"pid\":1}"
        let (plantStatus, _, plantErr) = try await onThread { try Child.run(
            ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "/bin/sh", "-c",
             "umask 077 && mkdir '\(shared)/agentdesk' && printf '%s' '\(planted)' > '\(shared)/agentdesk/server.json'"],
            environment: [:], directory: scratch.path) }
        try #require(plantStatus == 0, "planting as nobody failed: \(plantErr)")
        var info = stat()
        stat(shared + "/agentdesk/server.json", &info)
        #expect(info.st_uid == 65534)
        // The victim (root here) sends the caller's details: refused, nothing sent.
        let (status, out, err) = try await onThread { try Child.run([Tmux.binary, "send", "call", "--mobile", "13800138000", "--nick", "刘先生"],
                                               environment: ["XDG_RUNTIME_DIR": shared], directory: scratch.path) }
        #expect(status == 2)
        #expect(out.isEmpty)
        #expect(err.contains("belongs to another user (uid 65534)"), "\(err)")
        // Nobody connected to the planted listener.
        var flags = fcntl(listener, F_GETFL)
        flags |= O_NONBLOCK
        _ = fcntl(listener, F_SETFL, flags)
        let accepted = accept(listener, nil, nil)
        #expect(accepted < 0 && (errno == EAGAIN || errno == EWOULDBLOCK), "send connected to the planted listener")
        if accepted >= 0 { close(accepted) }
        // And the workstation itself will not write its token there.
        let server = try Child([Tmux.binary, "serve", "--listen", "127.0.0.1:0"], environment: ["XDG_RUNTIME_DIR": shared], directory: scratch.path)
        _ = try await onThread { try BridgeBrowserTests.waitForValue(timeout: 30, what: "serve's notice") { server.stderr.contains("belongs to another user") ? true : nil } }
        kill(server.pid, SIGTERM)
        #expect(try await onThread { server.wait() } == 143)
        let contents = try String(contentsOfFile: shared + "/agentdesk/server.json", encoding: .utf8)
        #expect(contents == planted)
    }
}
