import HTTPTypes

/// Who may talk to the workstation's server. Loopback alone is not enough: a web
/// page in the developer's browser can reach 127.0.0.1 too (DNS rebinding, CSRF to
/// localhost, cross-site WebSocket hijacking), so every request must name this
/// server's own address in `Host`, carry this run's token in `Authorization`, and,
/// when it comes from a page, come from the bridge page's own origin.
///
/// There is no cookie: cookies ignore ports, so a cookie for the bridge would also
/// go to every screen-pop page served on the same host, and a page there could set
/// one to shadow it. The bridge page gets the token in its address's fragment
/// (`/#token=T`, never sent to any server), keeps it in memory and sends it as
/// `Authorization: Bearer T` itself.
public struct AccessGuard: Sendable {
    public let port: Int
    public let token: String

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

        public init(hosts: [String], origin: String? = nil, authorization: String? = nil) {
            self.hosts = hosts
            self.origin = origin
            self.authorization = authorization
        }
    }

    public struct Denial: Sendable, Equatable, CustomStringConvertible {
        public var status: HTTPResponse.Status
        public var message: String
        public var description: String { "\(status.code) \(message)" }
    }

    /// The hosts this server answers to.
    public var allowedHosts: [String] { ["127.0.0.1:\(port)", "localhost:\(port)", "[::1]:\(port)"] }
    /// The origins of pages this server serves (the bridge page, under any of its names).
    public var allowedOrigins: [String] { allowedHosts.map { "http://" + $0 } }

    /// Checks `Host` and `Origin`; nil when the request may go on to the token check.
    public func checkAddress(_ c: Credentials) -> Denial? {
        guard c.hosts.count == 1, let host = c.hosts.first else {
            return c.hosts.isEmpty ? Denial(status: .badRequest, message: "a Host header is required")
                : Denial(status: .badRequest, message: "more than one Host header")
        }
        guard host.utf8.count <= 300 else { return Denial(status: .badRequest, message: "the Host header is too long") }
        guard allowedHosts.contains(host.lowercased()) else {
            return Denial(status: .forbidden, message: "this server answers only to " + allowedHosts.joined(separator: ", ") + "; the request named another host")
        }
        if let origin = c.origin, !allowedOrigins.contains(origin.lowercased()) {
            return Denial(status: .forbidden, message: "requests from other sites are refused; only the bridge page's own origin may call this server")
        }
        return nil
    }

    /// Checks the token (`Authorization: Bearer T`); nil when it matches. Cookies are
    /// never read: no browser sends `Authorization` on its own, so a form, an image or
    /// a script on another site can never act through the developer's browser.
    public func checkToken(_ c: Credentials) -> Denial? {
        guard let authorization = c.authorization else {
            return Denial(status: .unauthorized, message: "a token is required: Authorization: Bearer TOKEN (the bridge page takes it from its address, /#token=TOKEN)")
        }
        let prefix = "bearer "
        guard authorization.lowercased().hasPrefix(prefix),
              Self.constantTimeEqual(String(authorization.dropFirst(prefix.count)), token) else {
            return Denial(status: .unauthorized, message: "the token is wrong; use the one in the workstation's help screen (?) or its runtime file")
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

    /// Whether a `Content-Type` names exactly `application/json` (parameters such as
    /// `charset=utf-8` allowed): `application/jsonfoo` or `application/json-seq` is not JSON.
    public static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        // What every client sends, exactly: no need to split, trim and fold case.
        if contentType == "application/json" || contentType == "application/json; charset=utf-8" { return true }
        var type = contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        while type.first == " " || type.first == "\t" { type.removeFirst() }
        while type.last == " " || type.last == "\t" { type.removeLast() }
        return type.lowercased() == "application/json"
    }
}
