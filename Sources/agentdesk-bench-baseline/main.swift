import Foundation
import Hummingbird
import Logging

// The benchmark's yardstick for the API: a bare Hummingbird server (the same
// package and version as agentdesk's), with the same routes' shape and none of
// agentdesk's work behind them. GET /api/state answers a fixed JSON document of
// the size agentdesk's state has; POST /api/messages reads the body, parses it as
// JSON and answers a small JSON object. A bearer token is checked on each request,
// as agentdesk does. Usage: agentdesk-bench-baseline PORTFILE TOKEN STATEBYTES
// (listens on 127.0.0.1, a free port, written to PORTFILE once it listens).

struct BearerCheck<Context: RequestContext>: RouterMiddleware {
    let expected: String
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.headers[.authorization] == expected else {
            return Response(status: .unauthorized, body: .init(byteBuffer: ByteBuffer(string: #"{"error":"token"}"#)))
        }
        return try await next(request, context)
    }
}

enum Baseline {
    @Sendable static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }

    static func serve(portFile: String, token: String, stateBytes: Int) async throws {
        let state = #"{"agent":{"status":"free"},"sessions":[],"filler":""# + String(repeating: "x", count: max(0, stateBytes - 60)) + #""}"#
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: BearerCheck<BasicRequestContext>(expected: "Bearer " + token))
        router.get("/api/state") { _, _ in json(state) }
        router.post("/api/messages") { request, _ in
            var request = request
            let body = try await request.collectBody(upTo: 64 * 1024)
            guard let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any],
                  let payload = object["payload"] as? [String: Any], let message = payload["message"] as? [String: Any],
                  let number = message["phoneNumber"] as? String else {
                return json(#"{"error":"not a call-out"}"#, status: .unprocessableContent)
            }
            return json(#"{"outcome":"accepted","display":"\#(number)","phoneNumber":"\#(number)"}"#)
        }
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in
                try? String(channel.localAddress?.port ?? 0).write(toFile: portFile, atomically: true, encoding: .utf8)
            },
            logger: Logger(label: "baseline") { _ in SwiftLogNoOpLogHandler() }
        )
        try await app.runService()
    }
}

let arguments = CommandLine.arguments
guard arguments.count == 4, let stateBytes = Int(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: agentdesk-bench-baseline PORTFILE TOKEN STATEBYTES\n".utf8))
    exit(2)
}
try await Baseline.serve(portFile: arguments[1], token: arguments[2], stateBytes: stateBytes)
