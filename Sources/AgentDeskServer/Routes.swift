import AgentDeskCore
import Foundation
import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// The routes: the bridge page at `/`, the API as a route collection under `/api`.
enum Routes {
    /// Sent with every answer: nothing cached, nothing sniffed, no referrer for the pages.
    static let commonHeaders: HTTPFields = [
        .cacheControl: "no-store",
        .init("X-Content-Type-Options")!: "nosniff",
        .init("Referrer-Policy")!: "no-referrer",
    ]

    /// Every path the server answers, with its methods (for 405 and `Allow`).
    static let table: [(path: String, methods: [HTTPRequest.Method])] = [
        ("/", [.get, .head]), ("/bridge.js", [.get, .head]), ("/api/state", [.get, .head]), ("/api/events", [.get]),
        ("/api/calls", [.post]), ("/api/messages", [.post]), ("/api/actions", [.post]),
    ]

    /// The paths anyone may GET (or HEAD) without the token: the bridge page and its
    /// script, which hold no secret and must load before the page can send the token.
    static let publicPaths: Set<String> = ["/", "/bridge.js"]

    static func methods(for path: String) -> [HTTPRequest.Method]? {
        table.first { $0.path == path }?.methods
    }

    static func errorBody(_ message: String) -> String {
        APIReply.error(.badRequest, message).body + "\n"
    }

    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        json(APIReply.error(status, message))
    }

    /// The headers of every JSON answer, made once.
    static let jsonHeaders: HTTPFields = {
        var headers = commonHeaders
        headers[.contentType] = "application/json; charset=utf-8"
        return headers
    }()

    static func json(_ reply: APIReply) -> Response {
        json(reply.status, body: reply.encodedBody)
    }

    /// A JSON answer whose body is already encoded (`APIReply.encodedBody`).
    static func json(_ status: HTTPResponse.Status, body: ByteBuffer) -> Response {
        Response(status: status, headers: jsonHeaders, body: .init(byteBuffer: body))
    }

    /// The bridge page and its script: public (they hold no secret), so the page can
    /// load before it sends the token it found in its address's fragment.
    static func addPage(to router: Router<BasicRequestContext>) {
        let page: @Sendable (Request, BasicRequestContext) -> Response = { _, _ in
            var headers = commonHeaders
            headers[.contentType] = "text/html; charset=utf-8"
            headers[.contentSecurityPolicy] = BridgePage.contentSecurityPolicy
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: BridgePage.html)))
        }
        let script: @Sendable (Request, BasicRequestContext) -> Response = { _, _ in
            var headers = commonHeaders
            headers[.contentType] = "text/javascript; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: BridgePage.script)))
        }
        router.get("/", use: page)
        router.head("/", use: page)
        router.get("/bridge.js", use: script)
        router.head("/bridge.js", use: script)
    }

    /// `/api/…`: state, calls, messages, actions, and the transcript as server-sent events.
    static func api(inbox: Inbox, hub: EventHub) -> RouteCollection<BasicRequestContext> {
        let api = RouteCollection(context: BasicRequestContext.self)
        api.add(middleware: JSONBodyMiddleware())
        api.get("state") { _, _ in
            await state(inbox)
        }
        api.head("state") { _, _ in
            await state(inbox)
        }
        api.post("calls") { request, _ in
            try await handle(request, inbox) { body, _ throws(APIRequest.Problem) in try APIRequest.call(body: body) }
        }
        api.post("messages") { request, _ in
            try await handle(request, inbox) { body, query throws(APIRequest.Problem) in
                try APIRequest.message(body: body, page: query["page"])
            }
        }
        api.post("actions") { request, _ in
            try await handle(request, inbox) { body, _ throws(APIRequest.Problem) in try APIRequest.action(body: body) }
        }
        api.get("events") { _, _ in
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
        return api
    }

    /// `/api/events` as a WebSocket, for scripts (`Authorization` header): every
    /// transcript line as a text frame, in order.
    static func events(hub: EventHub) -> WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context> {
        { inbound, outbound, _ in
            let lines = hub.subscribe()
            try await withThrowingTaskGroup(of: Void.self) { group in
                // Read (and ignore) what the client sends, so its close is noticed.
                group.addTask { for try await _ in inbound {} }
                group.addTask {
                    for await line in lines { try await outbound.write(.text(line)) }
                }
                try await group.next()
                group.cancelAll()
            }
        }
    }

    /// The state: the loop's last answer while it is still current, else the loop's.
    private static func state(_ inbox: Inbox) async -> Response {
        // A state answer is always 200 (`APIProcessor`); only a fresh one is kept.
        if let body = inbox.recentStateBody() { return json(.ok, body: body) }
        return json(await inbox.submit(.state))
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
            return Routes.error(.contentTooLarge, "the body is larger than \(WorkstationServer.maxBodyBytes / 1024) KB")
        }
        guard let body = String(validating: buffer.readableBytesView, as: UTF8.self) else {
            return Routes.error(.badRequest, "the body is not UTF-8")
        }
        do {
            var query: [String: String] = [:]
            if request.uri.query != nil {
                for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
            }
            return json(await inbox.submit(try parse(body, query)))
        } catch {
            return Routes.error(.badRequest, error.message)
        }
    }
}
