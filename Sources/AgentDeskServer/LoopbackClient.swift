import AgentDeskCore
import Glibc

/// A small blocking HTTP/1.1 client for loopback: what `agentdesk send` and the
/// load benchmark use to talk to a running workstation. Keeps its connection
/// open between requests.
public final class LoopbackClient {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public struct Reply: Sendable {
        public var status: Int
        public var body: String
    }

    public let host: String
    public let port: Int
    public let token: String?
    private var socketFD: Int32 = -1
    private var pending: [UInt8] = []

    public init(host: String, port: Int, token: String?) {
        self.host = host
        self.port = port
        self.token = token
    }

    /// A client for `http://127.0.0.1:PORT` or `http://[::1]:PORT`.
    public convenience init(url: String, token: String?) throws(Failure) {
        guard url.hasPrefix("http://") else { throw Failure(description: "\(url): only http:// on loopback is spoken here") }
        do {
            let address = try ListenAddress(parsing: String(url.dropFirst("http://".count).prefix { $0 != "/" }))
            self.init(host: address.host, port: address.port, token: token)
        } catch {
            throw Failure(description: "\(url): \(error.message)")
        }
    }

    deinit { disconnect() }

    public func disconnect() {
        if socketFD >= 0 { close(socketFD) }
        socketFD = -1
        pending = []
    }

    public func request(_ method: String, _ path: String, body: String? = nil) throws(Failure) -> Reply {
        do {
            return try attempt(method, path, body: body)
        } catch {
            // A kept-alive connection the server closed meanwhile: once more on a new one.
            disconnect()
            return try attempt(method, path, body: body)
        }
    }

    private func attempt(_ method: String, _ path: String, body: String?) throws(Failure) -> Reply {
        if socketFD < 0 { try connectSocket() }
        let hostHeader = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(hostHeader)\r\n"
        if let token { head += "Authorization: Bearer \(token)\r\n" }
        let bytes = Array((body ?? "").utf8)
        if body != nil { head += "Content-Type: application/json\r\n" }
        head += "Content-Length: \(bytes.count)\r\n\r\n"
        try send(Array(head.utf8) + bytes)
        return try readReply()
    }

    private func connectSocket() throws(Failure) {
        let v6 = host.contains(":")
        let fd = socket(v6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "cannot make a socket") }
        var result: Int32
        if v6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = in_port_t(UInt16(port).bigEndian)
            inet_pton(AF_INET6, host, &address.sin6_addr)
            result = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) } }
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            inet_pton(AF_INET, host, &address.sin_addr)
            result = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        }
        guard result == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw Failure(description: "cannot reach the workstation at \(host):\(port): \(reason)")
        }
        var on: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        socketFD = fd
    }

    private func send(_ bytes: [UInt8]) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(socketFD, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw Failure(description: "the connection closed while sending") }
            offset += n
        }
    }

    private func fill() throws(Failure) {
        var chunk = [UInt8](repeating: 0, count: 16_384)
        let n = recv(socketFD, &chunk, chunk.count, 0)
        guard n > 0 else { throw Failure(description: n == 0 ? "the workstation closed the connection" : "no answer from the workstation") }
        pending += chunk[0..<n]
    }

    private func readReply() throws(Failure) -> Reply {
        let separator: [UInt8] = [13, 10, 13, 10]
        var headEnd: Int?
        while headEnd == nil {
            if let i = Self.find(separator, in: pending) { headEnd = i } else { try fill() }
        }
        let head = String(decoding: pending[0..<headEnd!], as: UTF8.self)
        pending.removeFirst(headEnd! + 4)
        let lines = head.split(separator: "\r\n")
        guard let statusLine = lines.first, statusLine.hasPrefix("HTTP/1.1 "),
              let status = Int(statusLine.dropFirst(9).prefix(3)) else {
            throw Failure(description: "not an HTTP answer")
        }
        var length = 0
        var closes = false
        for line in lines.dropFirst() {
            let lower = line.lowercased()
            if lower.hasPrefix("content-length:") { length = Int(lower.dropFirst(15).trimmingWhitespace) ?? 0 }
            if lower.hasPrefix("connection:") && lower.contains("close") { closes = true }
            if lower.hasPrefix("transfer-encoding:") { throw Failure(description: "a streamed answer; this client reads whole ones only") }
        }
        while pending.count < length { try fill() }
        let body = String(decoding: pending[0..<length], as: UTF8.self)
        pending.removeFirst(length)
        if closes { disconnect() }
        return Reply(status: status, body: body)
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if Array(haystack[i..<i + needle.count]) == needle { return i }
        }
        return nil
    }
}
