import AgentDeskServer
import HTTPTypes
import Testing

/// Who may talk to the server: Host, Origin and token, by table, against the real server.
@Suite struct AccessTests {
    static let hosts: [(String?, Int)] = [
        (nil, 400), ("", 403), ("evil.com", 403), ("localhost.evil.com", 403), ("localhost6", 403),
        ("0x7f.1", 403), ("017700000001", 403), ("2130706433", 403), ("127.1", 403), ("127.0.0.1", 403),
        ("localhost", 403), ("127.0.0.1:1", 403), ("[::ffff:127.0.0.1]", 403), ("evil.com:PORT", 403),
        ("127.0.0.1.nip.io:PORT", 403), (String(repeating: "a", count: 8192), 400),
        ("127.0.0.1:PORT", 200), ("localhost:PORT", 200), ("LOCALHOST:PORT", 200), ("[::1]:PORT", 200),
    ]

    @Test("Host must name this server", arguments: hosts)
    func host(_ value: String?, _ status: Int) async throws {
        let desk = try await RunningWorkstation()
        defer { desk.stop() }
        let authority = value.map { $0.replacingOccurrences(of: "PORT", with: "\(desk.port)") }
        let reply = try await desk.request(.get, "/api/state", authority: .some(authority))
        #expect(reply.status == status, "Host \(authority ?? "(none)")")
        if status != 200 { #expect(reply.error != nil) }
        // The server is still up and answering.
        #expect(try await desk.request(.get, "/api/state").status == 200)
    }

    @Test("Duplicated, missing and huge Host headers on the wire get 400, and the server stays up")
    func rawHosts() async throws {
        let desk = try await RunningWorkstation()
        defer { desk.stop() }
        let auth = "Authorization: Bearer \(RunningWorkstation.token)\r\n"
        #expect(await desk.raw("GET /api/state HTTP/1.1\r\nHost: \(desk.host)\r\nHost: evil.com\r\n\(auth)\r\n") == 400)
        #expect(await desk.raw("GET /api/state HTTP/1.1\r\nHost: \(desk.host)\r\nHost: \(desk.host)\r\n\(auth)\r\n") == 400)
        #expect(await desk.raw("GET /api/state HTTP/1.1\r\n\(auth)\r\n") == 400)
        #expect(await desk.raw("GET /api/state HTTP/1.1\r\nHost: \(String(repeating: "x", count: 8192))\r\n\(auth)\r\n") == 400)
        #expect(await desk.raw("GET /api/state HTTP/1.1\r\nHost: \(desk.host)\r\n\(auth)\r\n") == 200)
        // Garbage is not HTTP: no answer, or a 4xx, but never a crash.
        let garbage = await desk.raw("\u{16}\u{03}\u{01}\u{00}\u{a5}\u{01}\u{00}\u{00}\r\n\r\n", timeout: 2)
        #expect(garbage == 0 || (400..<500).contains(garbage))
        #expect(try await desk.request(.get, "/api/state").status == 200)
    }

    static let origins: [(String, Int)] = [
        ("http://127.0.0.1:PORT", 200), ("http://localhost:PORT", 200), ("http://[::1]:PORT", 200),
        ("http://evil.com", 403), ("null", 403), ("http://127.0.0.1:1", 403), ("https://127.0.0.1:PORT", 403),
        ("http://localhost.evil.com:PORT", 403), ("file://", 403),
    ]

    @Test("A request that carries an Origin must carry the bridge page's own", arguments: origins)
    func origin(_ value: String, _ status: Int) async throws {
        let desk = try await RunningWorkstation()
        defer { desk.stop() }
        let origin = value.replacingOccurrences(of: "PORT", with: "\(desk.port)")
        let reply = try await desk.request(.get, "/api/state", headers: [.origin: origin])
        #expect(reply.status == status, "Origin \(origin)")
        #expect(reply.headers[.accessControlAllowOrigin] == nil)
    }

    @Test("Every /api request needs the token")
    func token() async throws {
        let desk = try await RunningWorkstation()
        defer { desk.stop() }
        let paths: [(HTTPRequest.Method, String, String?)] = [
            (.get, "/api/state", nil), (.get, "/api/events", nil),
            (.post, "/api/calls", "{}"), (.post, "/api/messages", "{}"), (.post, "/api/actions", "{\"action\":\"answer\"}"),
        ]
        for (method, path, body) in paths {
            #expect(try await desk.request(method, path, body: body, token: .some(nil)).status == 401, "\(path) without a token")
            #expect(try await desk.request(method, path, body: body, token: "wrong-token-0123456789abcdef").status == 401, "\(path) with a wrong token")
            let prefix = String(RunningWorkstation.token.dropLast())
            #expect(try await desk.request(method, path, body: body, token: .some(prefix)).status == 401, "\(path) with a prefix of the token")
        }
        #expect(try await desk.request(.get, "/api/state", token: .some(nil), headers: [.authorization: "Basic \(RunningWorkstation.token)"]).status == 401)
        // The bridge page and its script hold no secret: they load without a token
        // (the page then sends the one in its address's fragment).
        #expect(try await desk.request(.get, "/", token: .some(nil)).status == 200)
        #expect(try await desk.request(.get, "/bridge.js", token: .some(nil)).status == 200)
        // Nothing happened on the way.
        #expect(desk.transcript.withLock { $0 }.isEmpty)
    }

    @Test("No cookie: none is set, none is read; a page's cookies change nothing")
    func noCookie() async throws {
        let desk = try await RunningWorkstation()
        defer { desk.stop() }
        let token = RunningWorkstation.token
        // Opening the page, with or without the old ?token=, sets no cookie.
        for path in ["/", "/?token=\(token)"] {
            let page = try await desk.request(.get, path, token: .some(nil))
            #expect(page.status == 200)
            #expect(page.headers[.setCookie] == nil)
            #expect(page.body.contains("<script src=\"/bridge.js\">"))
            #expect(page.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
        }
        // A cookie with the token is no credential.
        let cookies = ["agentdesk_token_\(desk.port)=\(token)", "agentdesk_token=\(token)", "token=\(token)"]
        for cookie in cookies {
            let reply = try await desk.request(.get, "/api/state", token: .some(nil), headers: [.cookie: cookie])
            #expect(reply.status == 401, "\(cookie)")
        }
        // Cookies a page on this host set (cookie tossing) do not get in the way of the token.
        let tossed = "agentdesk_token_\(desk.port)=x; agentdesk_token_\(desk.port)=y; Authorization=Bearer x"
        #expect(try await desk.request(.get, "/api/state", headers: [.cookie: tossed]).status == 200)
        let call = try await desk.request(.post, "/api/calls", body: #"{"mobile":"13800138000"}"#, headers: [.cookie: tossed])
        #expect(call.status == 201)
    }

    @Test("The bridge's address carries the token in its fragment, which no browser sends to a server")
    func fragment() async throws {
        let desk = try await RunningWorkstation()
        defer { desk.stop() }
        #expect(desk.server.bridgeURL == "http://127.0.0.1:\(desk.port)/#token=\(RunningWorkstation.token)")
        let script = try await desk.request(.get, "/bridge.js", token: .some(nil)).body
        #expect(script.contains("history.replaceState"))
        #expect(script.contains("\"Authorization\"] = \"Bearer \""))
        #expect(!script.contains("document.cookie"))
        #expect(!script.contains("credentials: \"same-origin\""))
    }

    @Test("A header given twice is read as its values joined, as HTTP says: two tokens, two Origins, two Content-Types are refused")
    func repeatedHeaders() async throws {
        let desk = try await RunningWorkstation()
        defer { desk.stop() }
        let bearer = "Bearer \(RunningWorkstation.token)"
        var twoTokens = HTTPFields()
        twoTokens.append(HTTPField(name: .authorization, value: bearer))
        twoTokens.append(HTTPField(name: .authorization, value: bearer))
        #expect(try await desk.request(.get, "/api/state", token: .some(nil), headers: twoTokens).status == 401)
        let own = "http://127.0.0.1:\(desk.port)"
        var twoOrigins = HTTPFields()
        twoOrigins.append(HTTPField(name: .origin, value: own))
        twoOrigins.append(HTTPField(name: .origin, value: own))
        #expect(try await desk.request(.get, "/api/state", headers: twoOrigins).status == 403)
        var twoTypes = HTTPFields()
        twoTypes.append(HTTPField(name: .contentType, value: "application/json"))
        twoTypes.append(HTTPField(name: .contentType, value: "application/json"))
        let call = try await desk.request(.post, "/api/calls", body: #"{"mobile":"13800138000"}"#, headers: twoTypes)
        #expect(call.status == 415)
        // Once each, the same values pass.
        #expect(try await desk.request(.get, "/api/state", headers: [.origin: own]).status == 200)
        #expect(desk.transcript.withLock { $0 }.isEmpty)
    }

    @Test("Tokens compare by content, whatever their lengths")
    func constantTime() {
        #expect(AccessGuard.constantTimeEqual("abc", "abc"))
        #expect(!AccessGuard.constantTimeEqual("abc", "abd"))
        #expect(!AccessGuard.constantTimeEqual("abc", "abcd"))
        #expect(!AccessGuard.constantTimeEqual("", "a"))
        #expect(AccessGuard.constantTimeEqual("", ""))
        #expect(!AccessGuard.constantTimeEqual("abc\0", "abc"))
        #expect(!AccessGuard.constantTimeEqual("é", "e\u{301}"))
    }

    @Test("The scheme's name and the host fold ASCII case only; the token is exact")
    func caseFolding() {
        let rules = AccessGuard(port: 8123, token: "Tok-123")
        func token(_ header: String) -> Bool { rules.checkToken(.init(hosts: [], authorization: header)) == nil }
        func host(_ name: String) -> Bool { rules.checkAddress(.init(hosts: [name])) == nil }
        func origin(_ name: String) -> Bool { rules.checkAddress(.init(hosts: ["127.0.0.1:8123"], origin: name)) == nil }
        #expect(token("Bearer Tok-123") && token("bearer Tok-123") && token("BEARER Tok-123") && token("bEaReR Tok-123"))
        #expect(!token("Bearer tok-123") && !token("Bearer  Tok-123") && !token("Bearer Tok-123 ") && !token("Bearer"))
        #expect(!token("Bearer\tTok-123") && !token("Basic Tok-123") && !token("Tok-123") && !token(""))
        #expect(host("LocalHost:8123") && host("127.0.0.1:8123") && host("[::1]:8123"))
        // Bytes that differ by 0x20 but are not letters are other hosts; so are the Kelvin sign
        // (which lower-cases to "k") and a dotted capital I in place of letters.
        #expect(!host("{::1}:8123") && !host("[::1]:8123".replacingOccurrences(of: ":", with: "\u{1A}")))
        #expect(!host("\u{212A}:8123") && !host("loca\u{0130}host:8123") && !host("localhost:8123 "))
        #expect(origin("HTTP://LOCALHOST:8123") && !origin("http://localhost:81234") && !origin("http://localhost:8123/"))
    }

    @Test("Only loopback addresses are accepted for --listen")
    func listen() throws {
        #expect(try ListenAddress(parsing: "127.0.0.1:8080") == ListenAddress(host: "127.0.0.1", port: 8080))
        #expect(try ListenAddress(parsing: "localhost:0") == ListenAddress(host: "127.0.0.1", port: 0))
        #expect(try ListenAddress(parsing: "[::1]:9000") == ListenAddress(host: "::1", port: 9000))
        #expect(try ListenAddress(parsing: "9000") == ListenAddress(host: "127.0.0.1", port: 9000))
        for bad in ["0.0.0.0:80", "192.168.1.2:80", "[::]:80", "example.com:80", "127.0.0.1:70000", "127.0.0.1:x", "[::1"] {
            #expect(throws: APIRequest.Problem.self, "\(bad)") { try ListenAddress(parsing: bad) }
        }
    }
}
