import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// Whether a WebSocket upgrade goes ahead: only `GET /api/events`, with the same
/// access rules as the rest of the API. A refusal is answered as the API answers,
/// with its status and `{"error": "..."}`, before any upgrade, and the connection
/// closes (left alone, HummingbirdWebSocket answers every declined upgrade with a
/// bare 400).
///
/// The decision is synchronous, made on the connection's event loop. The router
/// form of HummingbirdWebSocket decides in an unstructured task on Swift's shared
/// cooperative pool (NIO's `completeWithTask`), which the server's executor
/// preference does not reach: with that pool busy, a refused upgrade was answered
/// only when the pool freed up, or never. The accepted stream itself runs in the
/// connection's task, on the server's own executor.
struct EventsUpgrade: Sendable {
    let accessGuard: @Sendable () -> AccessGuard
    let hub: EventHub

    static let path = "/api/events"

    func decide(_ head: HTTPRequest, on channel: any Channel) -> ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>> {
        let path = head.path.map { String($0.prefix { $0 != "?" && $0 != "#" }) } ?? ""
        func refuse(_ status: HTTPResponse.Status, _ message: String, headers: [(String, String)] = []) -> ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>> {
            ConnectionGuard.answer(on: channel, status, message, headers: headers)
            return .dontUpgrade
        }
        let rules = accessGuard()
        let credentials = AccessGuard.Credentials(
            hosts: AccessGuard.hosts(authority: head.authority, fields: head.headerFields),
            origin: head.headerFields.value(.origin),
            authorization: head.headerFields.value(.authorization))
        if let denial = rules.checkAddress(credentials) { return refuse(denial.status, denial.message) }
        if let denial = rules.checkToken(credentials) { return refuse(denial.status, denial.message) }
        guard path == Self.path else { return refuse(.notFound, "Not Found") }
        guard head.method == .get else {
            let allowed = Routes.methods(for: path) ?? [.get]
            return refuse(.methodNotAllowed, "\(path) takes " + allowed.map(\.rawValue).joined(separator: " and "),
                          headers: [("Allow", allowed.map(\.rawValue).joined(separator: ", "))])
        }
        return .upgrade([:], Routes.events(hub: hub))
    }
}
