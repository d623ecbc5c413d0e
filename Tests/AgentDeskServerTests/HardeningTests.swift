import AgentDeskCore
import AgentDeskProcess
import AgentDeskServer
import Foundation
import Glibc
import HTTPTypes
import NIOCore
import Testing

/// What an attacker tried on the API (issue 11): malformed requests, slow and idle
/// connections, wrong methods and media types, floods of sessions, unknown tabs.
@Suite struct HardeningTests {
    /// A connection's whole life as the client sees it: what came back, and how it ended.
    struct Exchange: CustomStringConvertible {
        var status: Int
        var body: String
        var headers: [String]
        /// Everything the server sent, as text.
        var rawText: String
        /// The server closed the connection (not our receive timeout).
        var closed: Bool
        /// How the read ended: "eof", or the errno and how long the last read waited.
        var ending: String = ""
        var error: String? { (try? JSONValue.parse(body))?["error"]?.stringValue }
        var description: String { "\(status) closed=\(closed) (\(ending)) \(body)" }
    }

    /// Sends `chunks` (pausing `pause` between them, while the server keeps the
    /// connection open), then reads until the server closes or `wait` seconds pass.
    static func exchange(_ desk: RunningWorkstation, _ chunks: [[UInt8]], pause: useconds_t = 0, wait: Int = 120) async -> Exchange {
        await desk.offPool { exchangeBlocking(port: desk.port, chunks, pause: pause, wait: wait) }
    }

    /// `exchange` on the calling thread.
    static func exchangeBlocking(port: Int, _ chunks: [[UInt8]], pause: useconds_t = 0, wait: Int = 120) -> Exchange {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        var timeout = timeval(tv_sec: wait, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        for (i, chunk) in chunks.enumerated() {
            if i > 0 && pause > 0 { usleep(pause) }
            let sent = chunk.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent < 0 { break }
        }
        var answer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        var closed = false
        var ending = ""
        while true {
            let started = Date()
            let n = recv(fd, &chunk, chunk.count, 0)
            if n == 0 || (n < 0 && errno == ECONNRESET) { closed = true }
            if n < 0 { ending = RunningWorkstation.describeEnding(errno: errno, since: started) }
            if n == 0 { ending = "eof" }
            if n <= 0 { break }
            answer += chunk[0..<n]
        }
        let reply = RunningWorkstation.parse(answer)
        let head = String(decoding: answer.prefix(while: { $0 != 0 }), as: UTF8.self).components(separatedBy: "\r\n\r\n").first ?? ""
        return Exchange(status: reply?.status ?? 0, body: reply?.body ?? "", headers: head.components(separatedBy: "\r\n"),
                        rawText: String(decoding: answer, as: UTF8.self), closed: closed, ending: ending)
    }

    static func text(_ s: String) -> [UInt8] { Array(s.utf8) }

    /// Requests that are not HTTP/1.1, each answered with its status and the reason
    /// as JSON, then closed. The test server's header and idle timeouts are 120 s, so
    /// the close comes from the answer, not from a timeout.
    static let malformed: [(String, String, Int)] = [
        ("garbage", "GARBAGE\r\n\r\n", 400),
        ("a TLS client hello", "\u{16}\u{03}\u{01}\u{00}\u{a5}\u{01}\u{00}\u{00}\r\n\r\n", 400),
        ("a 100 KB header", "GET /api/state HTTP/1.1\r\nHost: HOST\r\nX-Big: " + String(repeating: "a", count: 100_000) + "\r\n\r\n", 431),
        ("headers over 32 KB in all", "GET /api/state HTTP/1.1\r\nHost: HOST\r\n"
            + (0..<5).map { "X-Part-\($0): " + String(repeating: "b", count: 8000) + "\r\n" }.joined() + "\r\n", 431),
        ("200 header lines", "GET /api/state HTTP/1.1\r\nHost: HOST\r\n" + (0..<200).map { "X-\($0): 1\r\n" }.joined() + "\r\n", 431),
        ("Content-Length with Transfer-Encoding", "POST /api/calls HTTP/1.1\r\nHost: HOST\r\nAUTH\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
        ("a negative Content-Length", "POST /api/calls HTTP/1.1\r\nHost: HOST\r\nContent-Length: -1\r\n\r\n", 400),
        ("two different Content-Lengths", "POST /api/calls HTTP/1.1\r\nHost: HOST\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", 400),
        ("a Content-Length that is not a number", "POST /api/calls HTTP/1.1\r\nHost: HOST\r\nContent-Length: 1x\r\n\r\n", 400),
        ("a header line without a colon", "GET /api/state HTTP/1.1\r\nHost HOST\r\n\r\n", 400),
        ("a space before the colon", "GET /api/state HTTP/1.1\r\nHost : HOST\r\n\r\n", 400),
        ("a NUL in a header", "GET /api/state HTTP/1.1\r\nHost: HOST\r\nX-A: a\u{0}b\r\n\r\n", 400),
        ("a bad chunk size", "POST /api/calls HTTP/1.1\r\nHost: HOST\r\nAUTH\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
    ]

    @Test("Malformed requests get 400 (431 for huge headers) with the reason as JSON, and are closed", arguments: malformed)
    func malformedRequest(_ name: String, _ request: String, _ status: Int) async throws {
        var limits = ServerLimits()
        limits.headerTimeout = .seconds(120)
        limits.idleTimeout = .seconds(120)
        let desk = try await RunningWorkstation(limits: limits)
        defer { desk.stop() }
        let wire = request.replacingOccurrences(of: "HOST", with: desk.host)
            .replacingOccurrences(of: "AUTH", with: "Authorization: Bearer \(RunningWorkstation.token)")
        let answer = await Self.exchange(desk, [Self.text(wire)])
        #expect(answer.status == status, "\(name): \(answer)")
        // A malformed head is answered with the reason; a body that goes wrong after a
        // good head gets Hummingbird's own 400, which has no body.
        if !name.contains("chunk") { #expect(answer.error?.isEmpty == false, "\(name): \(answer)") }
        #expect(answer.closed, "\(name): the connection stayed open")
        // Still up, and nothing happened.
        #expect(try await desk.request(.get, "/api/state").status == 200)
        #expect(desk.transcript.withLock { $0 }.isEmpty)
    }

    @Test("A malformed request after a good one on the same connection: the good one answered, then 400 and closed")
    func malformedAfterGood() async throws {
        var limits = ServerLimits()
        limits.headerTimeout = .seconds(120)
        limits.idleTimeout = .seconds(120)
        let desk = try await RunningWorkstation(limits: limits)
        defer { desk.stop() }
        let good = "GET /api/state HTTP/1.1\r\nHost: \(desk.host)\r\nAuthorization: Bearer \(RunningWorkstation.token)\r\n\r\n"
        let answer = await Self.exchange(desk, [Self.text(good + "GARBAGE\r\n\r\n")])
        #expect(answer.status == 200)
        #expect(answer.closed)
        #expect(answer.headers.first == "HTTP/1.1 200 OK")
        #expect(answer.rawText.contains("HTTP/1.1 400 Bad Request"), "\(answer.rawText.prefix(300))")
    }

    @Test("A connection that sends nothing, or trickles its head, gets 408 and is closed at the header timeout")
    func headerTimeout() async throws {
        var limits = ServerLimits()
        limits.headerTimeout = .milliseconds(300)
        limits.idleTimeout = .seconds(120)
        let desk = try await RunningWorkstation(limits: limits)
        defer { desk.stop() }
        let silent = await Self.exchange(desk, [])
        #expect(silent.status == 408, "\(silent)")
        #expect(silent.error?.contains("did not arrive") == true)
        #expect(silent.closed)
        // One header byte every 50 ms (slowloris): each byte is activity, but the head
        // as a whole must arrive in time.
        let head = "GET /api/state HTTP/1.1\r\nHost: \(desk.host)\r\nX-Slow: " + String(repeating: "s", count: 200) + "\r\n\r\n"
        let trickle = await Self.exchange(desk, head.utf8.map { [$0] }, pause: 50_000)
        #expect(trickle.status == 408, "\(trickle)")
        #expect(trickle.closed)
    }

    @Test("An idle keep-alive connection, or one trickling its next request, is closed at the idle timeout")
    func idleTimeout() async throws {
        var limits = ServerLimits()
        limits.headerTimeout = .seconds(120)
        limits.idleTimeout = .milliseconds(400)
        let desk = try await RunningWorkstation(limits: limits)
        defer { desk.stop() }
        let good = "GET /api/state HTTP/1.1\r\nHost: \(desk.host)\r\nAuthorization: Bearer \(RunningWorkstation.token)\r\n\r\n"
        let idle = await Self.exchange(desk, [Self.text(good)])
        #expect(idle.status == 200)
        #expect(idle.closed, "the idle connection stayed open: \(idle)")
        // A first request, then the next one's head a byte every 50 ms.
        let next = "GET /api/state HTTP/1.1\r\nHost: \(desk.host)\r\nX-Slow: " + String(repeating: "s", count: 200) + "\r\n\r\n"
        let trickle = await Self.exchange(desk, [Self.text(good)] + next.utf8.map { [$0] }, pause: 50_000)
        #expect(trickle.status == 200)
        #expect(trickle.closed, "\(trickle)")
        #expect(trickle.headers.filter { $0.hasPrefix("HTTP/1.1") }.count == 1)
    }

    /// The server's tasks run on its event loop threads (`ServerExecutor`), not on
    /// Swift's shared cooperative pool: with every pool thread blocked (as
    /// synchronous tests, or a blocking call elsewhere in the process, would hold
    /// them), a request is still answered, a refused upgrade still closed and an
    /// idle connection still timed out. Before, those closes never came.
    ///
    /// Other tests running in parallel use the same pool, so holding all of it here
    /// would wait on them (and starve them): the check runs alone, in a process of
    /// the test binary's own started just for it, where every pool thread is its.
    @Test("With every thread of Swift's shared pool blocked, the server still answers, closes and times out")
    func answersWhilePoolIsBlocked() async throws {
        guard ProcessInfo.processInfo.environment[Self.aloneVariable] != nil else {
            let (status, output) = try await runAlone(test: "answersWhilePoolIsBlocked")
            #expect(status == 0 && output.contains("1 test"), "the test, run alone, ended \(status):\n\(output.suffix(4000))")
            return
        }
        try await poolBlockedCheck()
    }

    /// The executable runs its server's tasks on Swift's shared pool
    /// (`TaskPlacement.sharedPool`; it keeps that pool free). Here, the pool is shared
    /// with synchronous end-to-end tests that hold its threads for minutes, so the
    /// endpoint checks run on that placement in a process of the test binary's own,
    /// started just for them: every request, call-out, bad body, wrong method,
    /// WebSocket stream and refused upgrade of `EndpointTests`, answered from the pool.
    @Test("The endpoint checks pass with the server's tasks on Swift's shared pool, as the executable runs it")
    func onSharedPool() async throws {
        let (status, output) = try await runAlone(test: "EndpointTests", environment: [RunningWorkstation.tasksVariable: "sharedPool"])
        #expect(status == 0 && output.contains("Suite EndpointTests passed"), "EndpointTests on the shared pool ended \(status):\n\(output.suffix(4000))")
    }

    static let aloneVariable = "AGENTDESK_TEST_ALONE"

    /// Runs tests of this binary (a filter) in a child process of its own, with
    /// `environment` added; its exit status and output.
    private func runAlone(test: String, environment extra: [String: String] = [:]) async throws -> (Int32, String) {
        let binary = CommandLine.arguments[0]
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("agentdesk-alone-\(UUID().uuidString).out").path
        defer { unlink(output) }
        let argv = [binary, "--testing-library", "swift-testing", "--filter", test]
        var environment = ProcessInfo.processInfo.environment
        environment[Self.aloneVariable] = "1"
        environment.merge(extra) { _, new in new }
        let child = try ChildProcess.spawn(argv, environment: environment, stdout: .file(output), stderr: .sameAs(1))
        let status = await RunningWorkstation.onOwnThread { ChildProcess.wait(child) }
        return (status, (try? String(contentsOfFile: output, encoding: .utf8)) ?? "")
    }

    private func poolBlockedCheck() async throws {
        var limits = ServerLimits()
        limits.headerTimeout = .seconds(120)
        limits.idleTimeout = .milliseconds(400)
        let desk = try await RunningWorkstation(limits: limits)
        defer { desk.stop() }
        let width = max(2, ProcessInfo.processInfo.activeProcessorCount)
        let started = DispatchSemaphore(value: 0), gate = DispatchSemaphore(value: 0)
        for _ in 0..<width { Task.detached { started.signal(); gate.wait() } }
        let port = desk.port, host = desk.host
        let (held, answers): (Int, [Exchange]) = await desk.offPool {
            // Every pool thread is held before the server is asked anything.
            var held = 0
            while held < width && started.wait(timeout: .now() + 30) == .success { held += 1 }
            let auth = "Authorization: Bearer \(RunningWorkstation.token)"
            let state = "GET /api/state HTTP/1.1\r\nHost: \(host)\r\n\(auth)\r\nConnection: close\r\n\r\n"
            let upgrade = "GET /api/events HTTP/1.1\r\nHost: \(host)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
            let idle = "GET /api/state HTTP/1.1\r\nHost: \(host)\r\n\(auth)\r\n\r\n"
            let answers = [state, upgrade, idle].map { Self.exchangeBlocking(port: port, [Self.text($0)], wait: 60) }
            for _ in 0..<width { gate.signal() }
            return (held, answers)
        }
        #expect(held == width, "only \(held) of \(width) blockers started")
        #expect(answers[0].status == 200 && answers[0].closed, "\(answers[0])")
        #expect(answers[1].status == 401 && answers[1].closed, "refused upgrade: \(answers[1])")
        #expect(answers[2].status == 200 && answers[2].closed, "idle connection: \(answers[2])")
    }

    @Test("A known path with the wrong method gets 405 with Allow and the reason")
    func methodNotAllowed() async throws {
        let desk = try await RunningWorkstation()
        defer { desk.stop() }
        let cases: [(HTTPRequest.Method, String, String)] = [
            (.get, "/api/calls", "POST"), (.get, "/api/messages", "POST"), (.delete, "/api/actions", "POST"),
            (.post, "/api/state", "GET, HEAD"), (.put, "/api/events", "GET"), (.post, "/", "GET, HEAD"),
        ]
        for (method, path, allow) in cases {
            let reply = try await desk.request(method, path, body: method == .get || method == .delete ? nil : "{}")
            #expect(reply.status == 405, "\(method) \(path): \(reply.body)")
            #expect(reply.headers[.allow] == allow, "\(method) \(path)")
            #expect(reply.error?.contains(path) == true, "\(reply.body)")
        }
        #expect(try await desk.request(.get, "/api/nothing").status == 404)
        // Without the token, a wrong method is still a 401 first: nothing is told to a stranger.
        #expect(try await desk.request(.get, "/api/calls", token: .some(nil)).status == 401)
    }

    static let mediaTypes: [(String?, Int)] = [
        ("application/json", 201), ("application/json; charset=utf-8", 201), ("Application/JSON", 201), (" application/json ;charset=UTF-8", 201),
        ("application/jsonfoo", 415), ("application/json-seq", 415), ("application/x-json", 415), ("text/plain", 415),
        ("application/x-www-form-urlencoded", 415), ("multipart/form-data; boundary=x", 415), ("text/json", 415), ("", 415), (nil, 415),
    ]

    @Test("A body must be exactly application/json (415 with the reason otherwise)", arguments: mediaTypes)
    func mediaType(_ type: String?, _ status: Int) async throws {
        let desk = try await RunningWorkstation()
        defer { desk.stop() }
        var headers: HTTPFields = [:]
        if let type { headers[.contentType] = type }
        let reply = try await desk.request(.post, "/api/calls", body: #"{"mobile":"13800138000"}"#, headers: headers,
                                           automaticContentType: false)
        #expect(reply.status == status, "\(type ?? "none"): \(reply.body)")
        if status == 415 {
            #expect(reply.error?.contains("application/json") == true)
            #expect(desk.transcript.withLock { $0 }.isEmpty)
        }
    }

    @Test("Live sessions are capped by maxSessions: the next call gets 429 with the reason and a refused line")
    func sessionCap() async throws {
        var config = WorkstationConfig.demo
        config.maxSessions = 3
        let desk = try await RunningWorkstation(config: config)
        defer { desk.stop() }
        for n in 1...3 {
            let reply = try await desk.request(.post, "/api/calls", body: #"{"type":"im","userId":"u\#(n)"}"#)
            #expect(reply.status == 201, "\(reply.body)")
        }
        let refused = try await desk.request(.post, "/api/calls", body: #"{"type":"im","userId":"u4"}"#)
        #expect(refused.status == 429)
        #expect(refused.error?.contains("maxSessions") == true, "\(refused.body)")
        #expect(refused.json?["action"] == .string("callIn"))
        let viaAction = try await desk.request(.post, "/api/actions", body: #"{"action":"call","type":"im","userId":"u5"}"#)
        #expect(viaAction.status == 429)
        let state = try #require(try await desk.request(.get, "/api/state").json)
        #expect(state["sessions"]?.arrayValue?.count == 3)
        let refusedLines = desk.transcript.withLock { $0 }.filter { $0.contains("\"event\":\"refused\"") }
        #expect(refusedLines.count == 2)
        #expect(refusedLines.first?.contains("maxSessions") == true)
        // Ending one makes room for one.
        #expect(try await desk.request(.post, "/api/actions", body: #"{"action":"hangup","session":"s1"}"#).status == 200)
        #expect(try await desk.request(.post, "/api/calls", body: #"{"type":"im","userId":"u6"}"#).status == 201)
        #expect(try await desk.request(.post, "/api/calls", body: #"{"type":"im","userId":"u7"}"#).status == 429)
    }

    @Test("maxSessions is read from the configuration, with a default and a range")
    func maxSessionsConfig() throws {
        let base = "sdkAppId: \"1400000001\"\nagent: {nickName: 小王}\n"
        #expect(try WorkstationConfig.parse(base, file: "w.yaml").maxSessions == WorkstationConfig.defaultMaxSessions)
        #expect(try WorkstationConfig.parse(base + "maxSessions: 25\n", file: "w.yaml").maxSessions == 25)
        for bad in ["0", "-1", "2.5", "1001", "many"] {
            #expect(throws: ConfigErrors.self, "maxSessions: \(bad)") { try WorkstationConfig.parse(base + "maxSessions: \(bad)\n", file: "w.yaml") }
        }
        do {
            _ = try WorkstationConfig.parse(base + "maxSessions: 0\n", file: "w.yaml")
        } catch {
            #expect("\(error)".contains("maxSessions"), "\(error)")
        }
    }

    @Test("A message's ?page= must name a tab that is showing")
    func pageMustBeShowing() async throws {
        let desk = try await RunningWorkstation()
        defer { desk.stop() }
        let callOut = #"{"source":"ccc-sdk","payload":{"event":"callOut","message":{"phoneNumber":"10086"}}}"#
        // No call yet: the demo's 工单 shows only during a call (客户资料 always).
        let hidden = try await desk.request(.post, "/api/messages?page=%E5%B7%A5%E5%8D%95", body: callOut)
        #expect(hidden.status == 422, "\(hidden.body)")
        #expect(hidden.error?.contains("工单") == true)
        #expect(hidden.error?.contains("showing: 客户资料") == true, "\(hidden.body)")
        #expect(try await desk.request(.post, "/api/calls", body: #"{"mobile":"13800138000"}"#).status == 201)
        let unknown = try await desk.request(.post, "/api/messages?page=nowhere", body: callOut)
        #expect(unknown.status == 422)
        #expect(unknown.error?.contains("客户资料, 工单") == true, "the reason lists the tabs showing: \(unknown.body)")
        #expect(try await desk.request(.post, "/api/messages?page=%E5%B7%A5%E5%8D%95", body: callOut).status == 200)
        let viaAction = try await desk.request(.post, "/api/actions", body: #"{"action":"message","page":"nowhere","message":{"type":"x"}}"#)
        #expect(viaAction.status == 422)
        let showing = try await desk.request(.post, "/api/messages?page=%E5%AE%A2%E6%88%B7%E8%B5%84%E6%96%99", body: callOut)
        #expect(showing.status == 200, "\(showing.body)")
        // Without ?page= (a script), the message is taken as before.
        #expect(try await desk.request(.post, "/api/messages", body: callOut).status == 200)
        let state = try #require(try await desk.request(.get, "/api/state").json)
        #expect(state["dialpad"]?["number"] == .string("10086"))
    }

    @Test("GET /api/events streams server-sent events with the token in Authorization, as the bridge page reads them")
    func serverSentEvents() async throws {
        let desk = try await RunningWorkstation()
        defer { desk.stop() }
        let fd = await desk.offPool { () -> Int32 in
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(desk.port).bigEndian)
            inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
            _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
            var timeout = timeval(tv_sec: 120, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            let request = "GET /api/events HTTP/1.1\r\nHost: \(desk.host)\r\nOrigin: http://\(desk.host)\r\nAuthorization: Bearer \(RunningWorkstation.token)\r\n\r\n"
            _ = request.withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
            return fd
        }
        defer { close(fd) }
        for _ in 0..<500 where desk.server.hub.count < 1 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(try await desk.request(.post, "/api/calls", body: #"{"mobile":"13800138000"}"#).status == 201)
        let text = await desk.offPool { () -> String in
            var all: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 4096)
            while String(decoding: all, as: UTF8.self).components(separatedBy: "data: ").count < 5 {
                let n = recv(fd, &chunk, chunk.count, 0)
                if n <= 0 { break }
                all += chunk[0..<n]
            }
            return String(decoding: all, as: UTF8.self)
        }
        #expect(text.hasPrefix("HTTP/1.1 200 OK"))
        #expect(text.contains("text/event-stream"))
        let lines = desk.transcript.withLock { $0 }
        for line in lines.prefix(4) { #expect(text.contains("data: \(line)\n\n")) }
    }

    @Test("A taken port is told by its errno (EADDRINUSE), not by an error's text")
    func portTaken() async throws {
        let holder = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(holder) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(holder, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        listen(holder, 1)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(holder, $0, &length) } }
        let port = Int(UInt16(bigEndian: address.sin_port))
        do {
            let server = try await WorkstationServer.launch(at: ListenAddress(host: "127.0.0.1", port: port), token: RunningWorkstation.token)
            server.stop(wait: false)
            Issue.record("listened on a taken port")
        } catch let error as WorkstationServer.StartFailed {
            #expect(error.errno == EADDRINUSE)
            #expect(error.description.contains("the port is taken"), "\(error)")
        }
    }

    @Test("HEAD on the pages and the state answers like GET, without a body")
    func head() async throws {
        let desk = try await RunningWorkstation()
        defer { desk.stop() }
        for path in ["/", "/bridge.js", "/api/state"] {
            let reply = try await desk.request(.head, path)
            #expect(reply.status == 200, "HEAD \(path): \(reply.body)")
            #expect(reply.body.isEmpty)
        }
    }
}
