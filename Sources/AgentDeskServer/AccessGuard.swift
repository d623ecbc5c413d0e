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
    /// The hosts this server answers to.
    public let allowedHosts: [String]
    /// The origins of pages this server serves (the bridge page, under any of its names).
    public let allowedOrigins: [String]

    public init(port: Int, token: String) {
        self.port = port
        self.token = token
        allowedHosts = ["127.0.0.1:\(port)", "localhost:\(port)", "[::1]:\(port)"]
        allowedOrigins = allowedHosts.map { "http://" + $0 }
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

    /// Every `Host` a request named: its authority (where HTTP/1's `Host` goes) and
    /// any `Host` field left beside it.
    static func hosts(authority: String?, fields: HTTPFields) -> [String] {
        var hosts = fields[values: hostField]
        if let authority { hosts.insert(authority, at: 0) }
        return hosts
    }

    private static let hostField = HTTPField.Name("Host")!

    public struct Denial: Sendable, Equatable, CustomStringConvertible {
        public var status: HTTPResponse.Status
        public var message: String
        public var description: String { "\(status.code) \(message)" }
    }

    /// Checks `Host` and `Origin`; nil when the request may go on to the token check.
    public func checkAddress(_ c: Credentials) -> Denial? {
        guard c.hosts.count == 1, let host = c.hosts.first else {
            return c.hosts.isEmpty ? Denial(status: .badRequest, message: "a Host header is required")
                : Denial(status: .badRequest, message: "more than one Host header")
        }
        guard host.utf8.count <= 300 else { return Denial(status: .badRequest, message: "the Host header is too long") }
        guard allowedHosts.contains(where: { Self.equalIgnoringASCIICase($0, host) }) else {
            return Denial(status: .forbidden, message: "this server answers only to " + allowedHosts.joined(separator: ", ") + "; the request named another host")
        }
        if let origin = c.origin, !allowedOrigins.contains(where: { Self.equalIgnoringASCIICase($0, origin) }) {
            return Denial(status: .forbidden, message: "requests from other sites are refused; only the bridge page's own origin may call this server")
        }
        return nil
    }

    /// Checks the token (`Authorization: Bearer T`); nil when it matches. Cookies are
    /// never read: no browser sends `Authorization` on its own, so a form, an image or
    /// a script on another site can never act through the developer's browser.
    public func checkToken(_ c: Credentials) -> Denial? {
        guard var authorization = c.authorization else {
            return Denial(status: .unauthorized, message: "a token is required: Authorization: Bearer TOKEN (the bridge page takes it from its address, /#token=TOKEN)")
        }
        // Compared over the two texts' bytes in place (no views, no copies): it runs on
        // every request.
        var expected = token
        let matches = authorization.withUTF8 { given in
            expected.withUTF8 { token in
                let scheme = "bearer ".utf8
                return given.count >= scheme.count
                    && Self.equalIgnoringASCIICase(scheme, UnsafeBufferPointer(rebasing: given[..<scheme.count]))
                    && Self.constantTimeEqual(UnsafeBufferPointer(rebasing: given[scheme.count...]), token)
            }
        }
        guard matches else {
            return Denial(status: .unauthorized, message: "the token is wrong; use the one in the workstation's help screen (?) or its runtime file")
        }
        return nil
    }

    /// Compares in time that depends only on the lengths, not on where they differ.
    public static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        constantTimeEqual(a.utf8, b.utf8)
    }

    /// The same over bytes: every byte of the longer one is looked at, matched or not.
    static func constantTimeEqual<A: Collection<UInt8>, B: Collection<UInt8>>(_ a: A, _ b: B) -> Bool {
        var difference: UInt8 = a.count == b.count ? 0 : 1
        var x = a.makeIterator(), y = b.makeIterator()
        while true {
            let p = x.next(), q = y.next()
            if p == nil && q == nil { break }
            difference |= (p ?? 0) ^ (q ?? 0)
        }
        return difference == 0
    }

    /// Equal when ASCII letters are folded to lower case (hosts, origins and the
    /// scheme name are case-insensitive); other bytes must match exactly.
    static func equalIgnoringASCIICase<A: Collection<UInt8>, B: Collection<UInt8>>(_ a: A, _ b: B) -> Bool {
        guard a.count == b.count else { return false }
        for (p, q) in zip(a, b) where p != q {
            guard p | 0x20 == q | 0x20, (0x61...0x7A).contains(p | 0x20) else { return false }
        }
        return true
    }

    static func equalIgnoringASCIICase(_ a: String, _ b: String) -> Bool {
        equalIgnoringASCIICase(a.utf8, b.utf8)
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

extension HTTPFields {
    /// A field's value as `self[name]` reads it (several fields of that name joined
    /// with ", "), without building the joined text for the one field a request
    /// usually has: HTTPTypes joins through a lazy sequence even then, which was a
    /// measurable part of every API request (issue 12).
    func value(_ name: HTTPField.Name) -> String? {
        guard let first = firstIndex(where: { $0.name == name }) else { return nil }
        if self[index(after: first)...].contains(where: { $0.name == name }) { return self[name] }
        return self[first].value
    }
}
