import AgentDeskCore
import AgentDeskServer
import AgentDeskUI
import Foundation
import Glibc
import HTTPTypes
import NIOCore
import Synchronization

/// A real server on 127.0.0.1 (a free port), with a loop thread that applies its
/// requests to a workstation model, as the terminal's loop does.
final class RunningWorkstation: @unchecked Sendable {
    static let token = "test-token-0123456789abcdef"
    let server: WorkstationServer
    let model: Mutex<AppModel>
    /// Every transcript line the loop produced, in order.
    let transcript = Mutex<[String]>([])
    private let running = Mutex(true)

    init(config: WorkstationConfig = .demo, limits: ServerLimits = ServerLimits(),
         tasks: WorkstationServer.TaskPlacement = RunningWorkstation.placement) async throws {
        server = try await WorkstationServer.launch(at: ListenAddress(host: "127.0.0.1", port: 0), token: Self.token, limits: limits,
                                                    tasks: tasks)
        model = Mutex(AppModel(config: config, language: .en, colors: false))
        let thread = Thread { [self] in
            while running.withLock({ $0 }) {
                server.inbox.wake.wait(timeoutMilliseconds: 50)
                // Each request's lines are recorded before its reply goes out, so a
                // test that reads the transcript after a reply finds them there.
                model.withLock { model in
                    server.inbox.process { request in
                        let (reply, output) = APIProcessor.apply(request, to: &model)
                        transcript.withLock { $0 += output.transcript }
                        server.hub.publish(output.transcript)
                        return reply
                    }
                }
            }
        }
        thread.start()
    }

    deinit { stop() }

    /// Where the test servers' tasks run: on the event loops (embedding's default),
    /// or, in a test process started for it with `AGENTDESK_TEST_TASKS=sharedPool`,
    /// on Swift's shared pool as in the executable (see `HardeningTests.onSharedPool`).
    static var placement: WorkstationServer.TaskPlacement {
        ProcessInfo.processInfo.environment[tasksVariable] == "sharedPool" ? .sharedPool : .eventLoops
    }

    static let tasksVariable = "AGENTDESK_TEST_TASKS"

    func stop() {
        guard running.withLock({ let was = $0; $0 = false; return was }) else { return }
        server.stop(wait: false)
    }

    var port: Int { server.address.port }
    var host: String { "127.0.0.1:\(port)" }

    struct Reply {
        var status: Int
        var body: String
        var headers: HTTPFields
        var json: JSONValue? { try? JSONValue.parse(body) }
        var error: String? { json?["error"]?.stringValue }
    }

    /// One request, every header as given, on a connection of its own (closed after
    /// the answer), written and read with blocking calls on a thread of its own.
    /// (HummingbirdTesting's client made a new event loop group for every request, with
    /// a 5 s connect and a 15 s read timeout: on a loaded machine, running the
    /// table-driven tests in parallel, that made the suite fail now and then.)
    func request(_ method: HTTPRequest.Method, _ path: String, body: String? = nil, authority: String?? = .none,
                 token: String?? = .none, headers: HTTPFields = [:], automaticContentType: Bool = true) async throws -> Reply {
        var fields = headers
        if let token = token ?? Self.token { fields[.authorization] = "Bearer \(token)" }
        if body != nil && fields[.contentType] == nil && automaticContentType { fields[.contentType] = "application/json" }
        var head = "\(method.rawValue) \(path) HTTP/1.1\r\n"
        if let host = authority ?? host { head += "Host: \(host)\r\n" }
        for field in fields { head += "\(field.name.rawName): \(field.value)\r\n" }
        let bytes = Array((body ?? "").utf8)
        if body != nil || method == .post { head += "Content-Length: \(bytes.count)\r\n" }
        head += "Connection: close\r\n\r\n"
        let wire = Array(head.utf8) + bytes
        let answer = await offPool { self.exchange(wire) }
        guard let reply = Self.parse(answer) else { throw NoAnswer(bytes: answer.count) }
        return reply
    }

    struct NoAnswer: Error { var bytes: Int }

    /// Sends `bytes`, reads until the server closes; what it answered.
    private func exchange(_ bytes: [UInt8]) -> [UInt8] {
        let fd = connected(timeout: 120)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            // The server may answer (413) and stop reading before the body is all sent.
            if n <= 0 { break }
            offset += n
        }
        var answer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { break }
            answer += chunk[0..<n]
        }
        return answer
    }

    /// A whole HTTP/1.1 answer: status, headers, body (by Content-Length, else to the end).
    static func parse(_ bytes: [UInt8]) -> Reply? {
        guard let end = (0..<max(0, bytes.count - 3)).first(where: { bytes[$0] == 13 && bytes[$0 + 1] == 10 && bytes[$0 + 2] == 13 && bytes[$0 + 3] == 10 })
        else { return nil }
        let lines = String(decoding: bytes[0..<end], as: UTF8.self).components(separatedBy: "\r\n")
        guard let first = lines.first, first.hasPrefix("HTTP/1.1 "), let status = Int(first.dropFirst(9).prefix(3)) else { return nil }
        var headers = HTTPFields()
        var length: Int?
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":"), let name = HTTPField.Name(String(line[..<colon])) else { continue }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.append(HTTPField(name: name, value: value))
            if name == .contentLength { length = Int(value) }
        }
        let rest = bytes[(end + 4)...]
        let body = length.map { Array(rest.prefix($0)) } ?? Array(rest)
        return Reply(status: status, body: String(decoding: body, as: UTF8.self), headers: headers)
    }

    /// Raw bytes on a socket, for requests no well-behaved client sends; the status
    /// code of the answer, or 0 when the server closed without one.
    func raw(_ text: String, timeout: Int = 120) async -> Int {
        await offPool { self.rawBlocking(text, timeout: timeout) }
    }

    /// Runs blocking socket work on a thread of its own: the cooperative pool (two
    /// threads here) also runs the server's handlers, which must not wait behind it.
    func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await Self.onOwnThread(work)
    }

    static func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: work()) }.start()
        }
    }

    private func rawBlocking(_ text: String, timeout: Int) -> Int {
        let fd = connected(timeout: timeout)
        defer { close(fd) }
        guard fd >= 0 else { return -1 }
        _ = text.withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        var bytes = [UInt8](repeating: 0, count: 4096)
        let n = recv(fd, &bytes, bytes.count, 0)
        guard n > 12 else { return 0 }
        return Int(String(decoding: bytes[9..<12], as: UTF8.self)) ?? 0
    }

    /// A WebSocket handshake on `path` (/api/events), as a script makes it (or with
    /// other headers). Returns the socket when the server switched protocols, or the
    /// whole answer it refused with (the connection then closed).
    func openEvents(headers: [String], path: String = "/api/events") async -> Result<Int32, Refused> {
        await offPool { self.openEventsBlocking(headers: headers, path: path) }
    }

    struct Refused: Error, Equatable {
        var code: Int
        var body: String = ""
        var closed = true
        /// How reading the answer ended: "eof", or the errno and how long the last read waited.
        var ending = "eof"
        var error: String? { (try? JSONValue.parse(body))?["error"]?.stringValue }
    }

    private func openEventsBlocking(headers: [String], path: String) -> Result<Int32, Refused> {
        let fd = connected()
        guard fd >= 0 else { return .failure(Refused(code: -1)) }
        let hasHost = headers.contains { $0.lowercased().hasPrefix("host:") }
        let request = ["GET \(path) HTTP/1.1"] + (hasHost ? [] : ["Host: \(host)"]) + ["Upgrade: websocket", "Connection: Upgrade",
                       "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13"] + headers + ["", ""]
        _ = request.joined(separator: "\r\n").withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        var head: [UInt8] = []
        var byte: UInt8 = 0
        while !head.suffix(4).elementsEqual([13, 10, 13, 10]), recv(fd, &byte, 1, 0) == 1 { head.append(byte) }
        let code = head.count > 12 ? Int(String(decoding: head[9..<12], as: UTF8.self)) ?? 0 : 0
        guard code == 101 else {
            // The rest: the body, then the server's close.
            var rest: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 4096)
            var closed = false
            var ending = "eof"
            while true {
                let started = Date()
                let n = recv(fd, &chunk, chunk.count, 0)
                if n == 0 { closed = true }
                if n < 0 { ending = Self.describeEnding(errno: errno, since: started) }
                if n <= 0 { break }
                rest += chunk[0..<n]
            }
            close(fd)
            let reply = Self.parse(head + rest)
            return .failure(Refused(code: code, body: reply?.body ?? "", closed: closed, ending: ending))
        }
        return .success(fd)
    }

    /// How a blocking read ended with an error, for a failure's message: a receive
    /// timeout (the server never closed) reads differently from a reset or a signal.
    static func describeEnding(errno code: Int32, since started: Date) -> String {
        "errno \(code) (\(String(cString: strerror(code)))) after \(Int(Date().timeIntervalSince(started) * 1000)) ms"
    }

    /// Reads `count` text frames from a server's WebSocket (server frames are unmasked).
    func readTextFrames(_ fd: Int32, count: Int) async -> [String] {
        await offPool { Self.readTextFramesBlocking(fd, count: count) }
    }

    private static func readTextFramesBlocking(_ fd: Int32, count: Int) -> [String] {
        func read(_ n: Int) -> [UInt8]? {
            var out = [UInt8](repeating: 0, count: n)
            var got = 0
            while got < n {
                let r = out[got...].withUnsafeMutableBytes { recv(fd, $0.baseAddress, n - got, 0) }
                if r <= 0 { return nil }
                got += r
            }
            return out
        }
        var lines: [String] = []
        while lines.count < count, let header = read(2) {
            var length = Int(header[1] & 0x7f)
            if length == 126, let ext = read(2) { length = Int(ext[0]) << 8 | Int(ext[1]) }
            if length == 127, let ext = read(8) { length = ext.reduce(0) { $0 << 8 | Int($1) } }
            guard let payload = read(length) else { break }
            if header[0] & 0x0f == 1 { lines.append(String(decoding: payload, as: UTF8.self)) }
        }
        return lines
    }

    private func connected(timeout seconds: Int = 120) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let connected = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard connected == 0 else {
            close(fd)
            return -1
        }
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }
}
