import AgentDeskCore
import Dispatch
import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOPosix
import Synchronization

/// The loopback server: the control API and the browser bridge page. It never
/// touches the model; requests go through the `Inbox` to the run loop, and the
/// loop publishes transcript lines to the `EventHub`.
public final class WorkstationServer: Sendable {
    public let inbox: Inbox
    public let hub: EventHub
    public let token: String
    /// Where it listens, with the port it really got.
    public let address: ListenAddress
    private let task: Task<Void, Never>
    private let finished: DispatchSemaphore

    /// The most a request body may be.
    public static let maxBodyBytes = 64 * 1024

    public struct StartFailed: Error, CustomStringConvertible {
        public let description: String
    }

    /// Starts listening and returns once it does (or throws why it could not).
    /// Its threads are started with the termination signals blocked, so SIGINT,
    /// SIGTERM and SIGWINCH keep going to the terminal's loop.
    public static func start(at address: ListenAddress, token: String, inbox: Inbox = Inbox(), hub: EventHub = EventHub()) throws -> WorkstationServer {
        let bound = Mutex<Result<Int, any Error>?>(nil)
        let ready = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        var blocked = sigset_t(), previous = sigset_t()
        sigemptyset(&blocked)
        for s in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH] { sigaddset(&blocked, s) }
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        // Make the event loop threads now, on this thread, so they inherit the mask.
        _ = MultiThreadedEventLoopGroup.singleton.any()
        let app = makeApplication(address: address, token: token, inbox: inbox, hub: hub) { port in
            bound.withLock { $0 = .success(port) }
            ready.signal()
        }
        let task = Task.detached {
            do {
                try await app.run()
            } catch {
                bound.withLock { if $0 == nil { $0 = .failure(error) } }
                ready.signal()
            }
            finished.signal()
        }
        if ready.wait(timeout: .now() + 15) == .timedOut {
            task.cancel()
            throw StartFailed(description: "the server did not start listening on \(address) within 15 s")
        }
        switch bound.withLock({ $0 }) {
        case let .success(port)?:
            return WorkstationServer(inbox: inbox, hub: hub, token: token, address: ListenAddress(host: address.host, port: port),
                                     task: task, finished: finished)
        case let .failure(error)?:
            throw StartFailed(description: "cannot listen on \(address): \(Self.describe(error))")
        case nil:
            throw StartFailed(description: "cannot listen on \(address)")
        }
    }

    private init(inbox: Inbox, hub: EventHub, token: String, address: ListenAddress, task: Task<Void, Never>, finished: DispatchSemaphore) {
        self.inbox = inbox
        self.hub = hub
        self.token = token
        self.address = address
        self.task = task
        self.finished = finished
    }

    /// The bridge page's address, token included.
    public var bridgeURL: String { "http://\(address)/?token=\(token)" }
    /// The API's base address.
    public var baseURL: String { "http://\(address)" }

    /// Stops listening; waiting requests get 503, event streams end.
    public func stop() {
        inbox.close()
        hub.close()
        task.cancel()
        _ = finished.wait(timeout: .now() + 3)
    }

    /// A fresh random token: 128 bits from the system's secure generator, as hex.
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    static func describe(_ error: any Error) -> String {
        let text = "\(error)"
        if text.contains("Address already in use") || text.contains("EADDRINUSE") || text.contains("errno: 98") { return "the port is taken" }
        if text.contains("Cannot assign requested address") || text.contains("errno: 99") { return "this machine has no such address" }
        return text
    }

    /// Builds the application (the tests run it in process with HummingbirdTesting).
    public static func makeApplication(
        address: ListenAddress, token: String, inbox: Inbox, hub: EventHub,
        onListening: @escaping @Sendable (Int) -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let port = Mutex(address.port)
        let guardFor: @Sendable () -> AccessGuard = { AccessGuard(port: port.withLock { $0 }, token: token) }
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: GuardMiddleware<BasicRequestContext>(accessGuard: guardFor))
        Routes.add(to: router, inbox: inbox, hub: hub, accessGuard: guardFor)
        let webSocketRouter = Router(context: BasicWebSocketRequestContext.self)
        webSocketRouter.add(middleware: GuardMiddleware<BasicWebSocketRequestContext>(accessGuard: guardFor))
        webSocketRouter.ws("/api/events") { inbound, outbound, _ in
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
        let logger = Logger(label: "agentdesk.server") { _ in SwiftLogNoOpLogHandler() }
        return Application(
            router: router,
            server: .http1WebSocketUpgrade(webSocketRouter: webSocketRouter),
            configuration: .init(address: .hostname(address.host, port: address.port), serverName: nil),
            onServerRunning: { channel in
                let actual = channel.localAddress?.port ?? address.port
                port.withLock { $0 = actual }
                onListening(actual)
            },
            logger: logger
        )
    }
}
