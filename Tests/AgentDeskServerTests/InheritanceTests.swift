import AgentDeskProcess
import Foundation
import Glibc
import Testing

/// SwiftNIO accepts connections (and opens its listening socket) without
/// close-on-exec. A child started while the server runs must not inherit them:
/// one that did (a tmux server started by another test) kept a connection the
/// server had closed open for minutes, and CI saw a refused upgrade "never close".
@Suite struct InheritanceTests {
    @Test("A child started beside the server holds none of its sockets: a closed connection ends, a stopped server's port closes")
    func childInheritsNothing() async throws {
        let desk = try await RunningWorkstation()
        defer { desk.stop() }
        // A connection the server has accepted and answered once, kept open.
        let fd = try Self.connect(port: desk.port)
        defer { close(fd) }
        let auth = "Host: \(desk.host)\r\nAuthorization: Bearer \(RunningWorkstation.token)\r\n"
        try Self.send(fd, "GET /api/state HTTP/1.1\r\n\(auth)\r\n")
        let first = Self.readResponse(fd)
        #expect(first.hasPrefix("HTTP/1.1 200"), "\(first.prefix(200))")

        // A child that lives on (posix_spawn returns once it has exec'd): its descriptors.
        let child = try ChildProcess.spawn(["/bin/sleep", "120"])
        defer {
            kill(child, SIGKILL)
            ChildProcess.wait(child)
        }
        let listed = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(child)/fd")) ?? []
        let described = listed.sorted().map { "\($0) → " + ((try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(child)/fd/\($0)")) ?? "?") }
        #expect(listed.sorted() == ["0", "1", "2"], "the child has descriptors \(described)")

        // The server closes after its answer: the client sees the end at once.
        try Self.send(fd, "GET /api/state HTTP/1.1\r\n\(auth)Connection: close\r\n\r\n")
        let second = Self.readResponse(fd)
        #expect(second.hasPrefix("HTTP/1.1 200"), "\(second.prefix(200))")
        var byte: UInt8 = 0
        let started = Date()
        let end = recv(fd, &byte, 1, 0)
        #expect(end == 0, "the connection stayed open (recv \(end), errno \(errno), after \(Int(Date().timeIntervalSince(started))) s)")

        // A refused WebSocket upgrade (answered as bytes, then the connection closes).
        let refusal = await desk.openEvents(headers: ["Origin: http://\(desk.host)"])
        guard case let .failure(refused) = refusal else { Issue.record("upgraded without a token"); return }
        #expect(refused.code == 401 && refused.closed, "\(refused)")

        // Stopped, the server's port refuses connections although the child lives
        // (a child holding the listening socket would let the kernel accept for it).
        desk.stop()
        let deadline = Date().addingTimeInterval(20)
        var outcome = "still accepting after 20 s"
        while Date() < deadline {
            do {
                close(try Self.connect(port: desk.port))
                usleep(20_000)
            } catch let error as SocketError {
                outcome = error.errno == ECONNREFUSED ? "refused" : error.what
                break
            }
        }
        #expect(outcome == "refused", "port \(desk.port) after the server stopped: \(outcome)")
    }

    @Test("spawn puts streams and extra descriptors where asked, and names a program it cannot start")
    func streamsAndDescriptors() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("agentdesk-spawn-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "from a file\n".write(toFile: dir + "/in", atomically: true, encoding: .utf8)
        // A pipe of ours as descriptor 3; stdout to a file, stderr the same as stdout.
        var ends: [Int32] = [-1, -1]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]) }
        let pid = try ChildProcess.spawn(
            ["/bin/sh", "-c", "cat; echo to-stderr >&2; echo to-three >&3; ls /proc/self/fd | sort | tr '\\n' ' '"],
            stdin: .file(dir + "/in"), stdout: .file(dir + "/out"), stderr: .sameAs(1), descriptors: [ends[1]])
        close(ends[1])
        #expect(ChildProcess.wait(pid) == 0)
        var buffer = [UInt8](repeating: 0, count: 64)
        let n = read(ends[0], &buffer, buffer.count)
        #expect(String(decoding: buffer[0..<max(0, n)], as: UTF8.self) == "to-three\n")
        let out = try String(contentsOfFile: dir + "/out", encoding: .utf8)
        // ls sees its own 0-3 and the descriptor it reads /proc/self/fd with.
        #expect(out.hasPrefix("from a file\nto-stderr\n0 1 2 3 "), "\(out.debugDescription)")
        // Killed by a signal: 128 + its number, as a shell says.
        let sleeper = try ChildProcess.spawn(["sleep", "30"])
        kill(sleeper, SIGTERM)
        #expect(ChildProcess.wait(sleeper) == 128 + SIGTERM)
        #expect(throws: ChildProcess.Failed.self) { try ChildProcess.spawn(["/nonexistent/program"]) }
        // A stream the same as one not set up before it would be a descriptor of ours.
        #expect(throws: ChildProcess.Failed.self) { try ChildProcess.spawn(["/bin/true"], stdin: .sameAs(1)) }
        #expect(throws: ChildProcess.Failed.self) { try ChildProcess.spawn(["/bin/true"], stdout: .sameAs(3)) }
        #expect(throws: ChildProcess.Failed.self) { try ChildProcess.spawn(["/bin/true"], stderr: .sameAs(-1)) }
        // A bare name is found on the child's PATH, not ours.
        #expect(throws: ChildProcess.Failed.self) { try ChildProcess.spawn(["true"], environment: ["PATH": "/nonexistent"]) }
        let found = try ChildProcess.spawn(["true"], environment: ["PATH": "/nonexistent:/bin:/usr/bin"])
        #expect(ChildProcess.wait(found) == 0)
        #expect(ChildProcess.wait(found) == -1, "a child already waited for")
        do {
            _ = try ChildProcess.spawn(["no-such-program-on-path"])
        } catch {
            #expect("\(error)".contains("no-such-program-on-path"), "\(error)")
        }
    }

    struct SocketError: Error {
        var what: String
        var errno: Int32 = 0
    }

    static func connect(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        // Bounds connect() too: a full backlog drops the handshake instead of refusing it.
        var connectTimeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &connectTimeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            let code = errno
            close(fd)
            throw SocketError(what: "connect: " + String(cString: strerror(code)), errno: code)
        }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    static func send(_ fd: Int32, _ text: String) throws {
        let sent = text.withCString { Glibc.send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        guard sent == text.utf8.count else { throw SocketError(what: "send: errno \(errno)") }
    }

    /// One response: the head, then as many body bytes as its Content-Length says.
    static func readResponse(_ fd: Int32) -> String {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while !bytes.suffix(4).elementsEqual([13, 10, 13, 10]), recv(fd, &byte, 1, 0) == 1 { bytes.append(byte) }
        let head = String(decoding: bytes, as: UTF8.self)
        let length = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
            .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
        var body = [UInt8](repeating: 0, count: length)
        var got = 0
        while got < length {
            let n = body[got...].withUnsafeMutableBytes { recv(fd, $0.baseAddress, length - got, 0) }
            if n <= 0 { break }
            got += n
        }
        return head + String(decoding: body[0..<got], as: UTF8.self)
    }
}
