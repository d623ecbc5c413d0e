import AgentDeskCore
import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// Turns every error into `{"error": "..."}` with its status, adds the common
/// headers to every answer, and answers a known path asked with the wrong method
/// with 405 and `Allow`. The outermost middleware of the HTTP router.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError {
            if error.status == .notFound, let allowed = Routes.methods(for: request.uri.path), !allowed.contains(request.method) {
                response = Routes.error(.methodNotAllowed, "\(request.uri.path) takes " + allowed.map(\.rawValue).joined(separator: " and "))
                response.headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
            } else {
                response = Routes.error(error.status, error.body ?? error.status.reasonPhrase)
                for field in error.headers where field.name != .contentType && field.name != .contentLength {
                    response.headers.append(field)
                }
            }
        } catch let error as any HTTPResponseError {
            response = Routes.error(error.status, error.status.reasonPhrase)
        }
        for field in Routes.commonHeaders where !response.headers.contains(field.name) { response.headers.append(field) }
        return response
    }
}

/// Who may talk to the server (see `AccessGuard`): `Host`, `Origin`, then the
/// token, except for the bridge page itself (`/` and `/bridge.js`), which carries
/// nothing secret and must load before the page can send its token.
struct AccessMiddleware<Context: RequestContext>: RouterMiddleware {
    let accessGuard: @Sendable () -> AccessGuard

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let rules = accessGuard()
        let credentials = AccessGuard.Credentials(
            hosts: AccessGuard.hosts(authority: request.head.authority, fields: request.headers),
            origin: request.headers.value(.origin),
            authorization: request.headers.value(.authorization))
        if let denial = rules.checkAddress(credentials) { throw HTTPError(denial.status, message: denial.message) }
        let isPage = Routes.publicPaths.contains(request.uri.path) && (request.method == .get || request.method == .head)
        if !isPage, let denial = rules.checkToken(credentials) { throw HTTPError(denial.status, message: denial.message) }
        return try await next(request, context)
    }
}

/// A request that carries a body must say it is JSON, exactly: `application/json`,
/// with parameters such as `charset` allowed, and nothing else (415 otherwise).
struct JSONBodyMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.method == .post || request.method == .put || request.method == .patch,
           !AccessGuard.isJSON(request.headers.value(.contentType)) {
            let given = request.headers.value(.contentType).map { "Content-Type " + String(reflecting: String($0.prefix(100))) } ?? "no Content-Type"
            throw HTTPError(.unsupportedMediaType, message: "send JSON with Content-Type: application/json (the request had \(given))")
        }
        return try await next(request, context)
    }
}
