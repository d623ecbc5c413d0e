import AgentDeskCore
import Foundation
import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// Checks every request before any route sees it (see `AccessGuard`), sets the
/// bridge page's cookie, and answers every error as `{"error": "..."}`.
struct GuardMiddleware<Context: RequestContext>: RouterMiddleware {
    let accessGuard: @Sendable () -> AccessGuard

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let rules = accessGuard()
        let credentials = AccessGuard.Credentials(
            hosts: (request.head.authority.map { [$0] } ?? []) + request.headers[values: .init("Host")!],
            origin: request.headers[.origin],
            authorization: request.headers[.authorization],
            cookies: request.headers[values: .cookie],
            contentType: request.headers[.contentType],
            method: request.method.rawValue)
        if let denial = rules.checkAddress(credentials) { return Routes.error(denial.status, denial.message) }
        // Opening the bridge page as /?token=T: set the cookie and drop the token from the address bar.
        if request.uri.path == "/", let given = request.uri.queryParameters["token"] {
            guard AccessGuard.constantTimeEqual(String(given), rules.token) else {
                return Routes.error(401, "the token is wrong; use the address in the workstation's help screen (?)")
            }
            var headers = Routes.commonHeaders
            headers[.location] = "/"
            headers[.setCookie] = "\(rules.cookieName)=\(rules.token); Path=/; HttpOnly; SameSite=Strict"
            return Response(status: .seeOther, headers: headers)
        }
        if let denial = rules.checkToken(credentials) { return Routes.error(denial.status, denial.message) }
        do {
            var response = try await next(request, context)
            for field in Routes.commonHeaders where response.headers[field.name] == nil { response.headers.append(field) }
            return response
        } catch let error as HTTPError {
            return Routes.error(Int(error.status.code), error.body ?? error.status.reasonPhrase)
        } catch let error as any HTTPResponseError {
            return Routes.error(Int(error.status.code), error.status.reasonPhrase)
        }
    }
}

enum Routes {
    /// Sent with every answer: nothing cached, nothing sniffed, no referrer for the pages.
    static let commonHeaders: HTTPFields = [
        .cacheControl: "no-store",
        .init("X-Content-Type-Options")!: "nosniff",
        .init("Referrer-Policy")!: "no-referrer",
    ]

    static func error(_ status: Int, _ message: String) -> Response {
        json(APIReply.error(status, message))
    }

    static func json(_ reply: APIReply) -> Response {
        var headers = commonHeaders
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .init(code: reply.status), headers: headers,
                        body: .init(byteBuffer: ByteBuffer(string: reply.body + "\n")))
    }

    static func add(to router: Router<BasicRequestContext>, inbox: Inbox, hub: EventHub, accessGuard: @escaping @Sendable () -> AccessGuard) {
        router.get("/") { _, _ in
            var headers = commonHeaders
            headers[.contentType] = "text/html; charset=utf-8"
            headers[.contentSecurityPolicy] = BridgePage.contentSecurityPolicy
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: BridgePage.html)))
        }
        router.get("/bridge.js") { _, _ in
            var headers = commonHeaders
            headers[.contentType] = "text/javascript; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: BridgePage.script)))
        }
        router.get("/api/state") { _, _ in
            json(await inbox.submit(.state))
        }
        router.post("/api/calls") { request, _ in
            try await handle(request, inbox) { body, _ throws(APIRequest.Problem) in try APIRequest.call(body: body) }
        }
        router.post("/api/messages") { request, _ in
            try await handle(request, inbox) { body, query throws(APIRequest.Problem) in
                try APIRequest.message(body: body, page: query["page"])
            }
        }
        router.post("/api/actions") { request, _ in
            try await handle(request, inbox) { body, _ throws(APIRequest.Problem) in try APIRequest.action(body: body) }
        }
        router.get("/api/events") { _, _ in
            var headers = commonHeaders
            headers[.contentType] = "text/event-stream; charset=utf-8"
            let lines = hub.subscribe()
            return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: ": agentdesk transcript, one line per event\n\n"))
                for await line in lines {
                    try await writer.write(ByteBuffer(string: "data: \(line)\n\n"))
                }
                try await writer.finish(nil)
            })
        }
    }

    private static func handle(
        _ request: Request, _ inbox: Inbox,
        parse: (String, [String: String]) throws(APIRequest.Problem) -> APIRequest
    ) async throws -> Response {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: WorkstationServer.maxBodyBytes)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            return Routes.error(413, "the body is larger than \(WorkstationServer.maxBodyBytes / 1024) KB")
        }
        guard let body = String(validating: buffer.readableBytesView, as: UTF8.self) else {
            return Routes.error(400, "the body is not UTF-8")
        }
        do {
            var query: [String: String] = [:]
            for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
            return json(await inbox.submit(try parse(body, query)))
        } catch {
            return Routes.error(400, error.message)
        }
    }
}
