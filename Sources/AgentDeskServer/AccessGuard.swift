/// Who may talk to the workstation's server. Loopback alone is not enough: a web
/// page in the developer's browser can reach 127.0.0.1 too (DNS rebinding, CSRF to
/// localhost, cross-site WebSocket hijacking), so every request must name this
/// server's own address in `Host`, carry this run's token, and, when it comes from a
/// page, come from the bridge page's own origin.
public struct AccessGuard: Sendable {
    public let port: Int
    public let token: String
    /// The cookie the bridge page gets when opened as `/?token=T`. Cookies are shared
    /// by every port of a host, so the name carries the port.
    public var cookieName: String { "agentdesk_token_\(port)" }

    public init(port: Int, token: String) {
        self.port = port
        self.token = token
    }

    /// What a request brings that matters here, read from its head.
    public struct Credentials: Sendable {
        /// Every `Host` value the request carried (HTTP/1.1 requires exactly one).
        public var hosts: [String]
        public var origin: String?
        public var authorization: String?
        /// The values of every `Cookie` header.
        public var cookies: [String]
        public var contentType: String?
        public var method: String

        public init(hosts: [String], origin: String? = nil, authorization: String? = nil, cookies: [String] = [],
                    contentType: String? = nil, method: String = "GET") {
            self.hosts = hosts
            self.origin = origin
            self.authorization = authorization
            self.cookies = cookies
            self.contentType = contentType
            self.method = method
        }
    }

    public struct Denial: Sendable, Equatable, CustomStringConvertible {
        public var status: Int
        public var message: String
        public var description: String { "\(status) \(message)" }
    }

    /// The hosts this server answers to.
    public var allowedHosts: [String] { ["127.0.0.1:\(port)", "localhost:\(port)", "[::1]:\(port)"] }
    /// The origins of pages this server serves (the bridge page, under any of its names).
    public var allowedOrigins: [String] { allowedHosts.map { "http://" + $0 } }

    /// Checks `Host` and `Origin`; nil when the request may go on to the token check.
    public func checkAddress(_ c: Credentials) -> Denial? {
        guard c.hosts.count == 1, let host = c.hosts.first else {
            return c.hosts.isEmpty ? Denial(status: 400, message: "a Host header is required")
                : Denial(status: 400, message: "more than one Host header")
        }
        guard host.utf8.count <= 300 else { return Denial(status: 400, message: "the Host header is too long") }
        guard allowedHosts.contains(host.lowercased()) else {
            return Denial(status: 403, message: "this server answers only to " + allowedHosts.joined(separator: ", ") + "; the request named another host")
        }
        if let origin = c.origin, !allowedOrigins.contains(origin.lowercased()) {
            return Denial(status: 403, message: "requests from other sites are refused; only the bridge page's own origin may call this server")
        }
        return nil
    }

    /// Checks the token (bearer header or the bridge page's cookie); nil when it matches.
    /// A request authenticated by the cookie alone is a browser's: it must be JSON when
    /// it changes anything, and come with the bridge page's own `Origin`, so a form or
    /// `text/plain` POST from another site can never act, whatever the browser's cookie rules.
    public func checkToken(_ c: Credentials) -> Denial? {
        if let authorization = c.authorization {
            let prefix = "bearer "
            guard authorization.lowercased().hasPrefix(prefix),
                  Self.constantTimeEqual(String(authorization.dropFirst(prefix.count)), token) else {
                return Denial(status: 401, message: "the token is wrong; use the one in the header of the workstation's screen or its runtime file")
            }
            return nil
        }
        guard let cookie = Self.cookieValue(named: cookieName, in: c.cookies), Self.constantTimeEqual(cookie, token) else {
            return Denial(status: 401, message: "a token is required: Authorization: Bearer TOKEN, or open the bridge page as /?token=TOKEN")
        }
        if c.method != "GET" && c.method != "HEAD" {
            guard c.origin != nil else {
                return Denial(status: 403, message: "a browser request that changes something must carry the bridge page's Origin")
            }
            let type = (c.contentType ?? "").lowercased()
            guard type.hasPrefix("application/json") else {
                return Denial(status: 415, message: "send JSON with Content-Type: application/json")
            }
        }
        return nil
    }

    /// Compares in time that depends only on the lengths, not on where they differ.
    public static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var difference = UInt8(truncatingIfNeeded: x.count ^ y.count)
        for i in 0..<max(x.count, y.count) {
            let p = i < x.count ? x[i] : 0
            let q = i < y.count ? y[i] : 0
            difference |= p ^ q
        }
        return difference == 0 && x.count == y.count
    }

    static func cookieValue(named name: String, in headers: [String]) -> String? {
        for header in headers {
            for part in header.split(separator: ";") {
                let pair = part.trimmingWhitespace
                guard let eq = pair.firstIndex(of: "=") else { continue }
                if pair[..<eq] == name { return String(pair[pair.index(after: eq)...]) }
            }
        }
        return nil
    }
}
