import AgentDeskCore
import AgentDeskProcess
import Dispatch
import Foundation
import Hummingbird
import HummingbirdCore
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
    private let task: TaskHolder
    private let finished: DispatchSemaphore

    final class TaskHolder: Sendable {
        let task = Mutex<Task<Void, Never>?>(nil)
    }

    /// Where the server's tasks (one per connection, each request's handler) run.
    public enum TaskPlacement: Sendable {
        /// On NIO's event loop threads, the ones that read and write the sockets
        /// (`ServerExecutor`): the server keeps answering whatever else the process
        /// does with Swift's shared pool. For a process that embeds the server
        /// beside work that may block that pool: the tests, a tool built on the library.
        case eventLoops
        /// On Swift's shared cooperative pool, Hummingbird's own default: about 15%
        /// more GETs a second and a few per cent more POSTs (no executor preference
        /// to look up at every suspension; see DECISIONS). Only for a process that
        /// keeps that pool for the server: the `agentdesk` executable, whose own
        /// work all runs on the main thread, starts no task besides the server's.
        /// The pool's threads are libdispatch's, which block every asynchronous
        /// signal themselves, so the termination signals still reach the main thread.
        case sharedPool
    }

    /// The most a request body may be.
    public static let maxBodyBytes = 64 * 1024

    public struct StartFailed: Error, CustomStringConvertible {
        public let description: String
        /// The system's reason, when listening itself failed.
        public var errno: Int32? = nil
    }

    /// Starts listening and returns once it does (or throws why it could not).
    /// Its threads are started with the termination signals blocked, so SIGINT,
    /// SIGTERM and SIGWINCH keep going to the terminal's loop (with `.sharedPool`,
    /// the pool's threads block them by libdispatch's own doing). Blocks the calling
    /// thread: call it from the main thread, never from a task (use `launch`).
    public static func start(at address: ListenAddress, token: String, inbox: Inbox = Inbox(), hub: EventHub = EventHub(),
                             limits: ServerLimits = ServerLimits(), tasks: TaskPlacement = .eventLoops) throws -> WorkstationServer {
        let outcome = Mutex<Result<WorkstationServer, StartFailed>?>(nil)
        let ready = DispatchSemaphore(value: 0)
        let task = spawn(at: address, token: token, inbox: inbox, hub: hub, limits: limits, tasks: tasks) { result in
            outcome.withLock { $0 = result }
            ready.signal()
        }
        if ready.wait(timeout: .now() + 15) == .timedOut {
            task.cancel()
            throw StartFailed(description: "the server did not start listening on \(address) within 15 s")
        }
        return try outcome.withLock { $0! }.get()
    }

    /// `start` for async code (tests): suspends instead of blocking a thread.
    public static func launch(at address: ListenAddress, token: String, inbox: Inbox = Inbox(), hub: EventHub = EventHub(),
                              limits: ServerLimits = ServerLimits(), tasks: TaskPlacement = .eventLoops) async throws -> WorkstationServer {
        try await withCheckedThrowingContinuation { continuation in
            _ = spawn(at: address, token: token, inbox: inbox, hub: hub, limits: limits, tasks: tasks) { continuation.resume(with: $0) }
        }
    }

    /// Runs the application in a task; `report` is called exactly once: listening, or why not.
    private static func spawn(
        at address: ListenAddress, token: String, inbox: Inbox, hub: EventHub, limits: ServerLimits, tasks: TaskPlacement,
        report: @escaping @Sendable (Result<WorkstationServer, StartFailed>) -> Void
    ) -> Task<Void, Never> {
        let reported = Mutex(false)
        let once: @Sendable (Result<WorkstationServer, StartFailed>) -> Void = { result in
            if reported.withLock({ let was = $0; $0 = true; return !was }) { report(result) }
        }
        let finished = DispatchSemaphore(value: 0)
        let taskBox = TaskHolder()
        // Make the event loop threads now, with the loop's signals blocked, so they
        // inherit the mask.
        let executor = withLoopSignalsBlocked {
            _ = MultiThreadedEventLoopGroup.singleton.any()
            return ServerExecutor.shared
        }
        let app = makeApplication(address: address, token: token, inbox: inbox, hub: hub, limits: limits) { port in
            once(.success(WorkstationServer(inbox: inbox, hub: hub, token: token, address: ListenAddress(host: address.host, port: port),
                                            task: taskBox, finished: finished)))
        }
        let run: @Sendable () async -> Void = {
            do {
                try await app.run()
            } catch {
                once(.failure(StartFailed(description: "cannot listen on \(address): \(Self.describe(error))",
                                          errno: (error as? IOError)?.errnoCode)))
            }
            once(.failure(StartFailed(description: "cannot listen on \(address)")))
            finished.signal()
        }
        let task = switch tasks {
        case .eventLoops: Task.detached(executorPreference: executor, operation: run)
        case .sharedPool: Task.detached(operation: run)
        }
        taskBox.task.withLock { $0 = task }
        return task
    }

    private init(inbox: Inbox, hub: EventHub, token: String, address: ListenAddress, task: TaskHolder, finished: DispatchSemaphore) {
        self.inbox = inbox
        self.hub = hub
        self.token = token
        self.address = address
        self.task = task
        self.finished = finished
    }

    /// The bridge page's address, the token in its fragment: a browser never sends a
    /// fragment to any server, nor in a `Referer`; the page's script reads it, keeps it
    /// in memory and removes it from the address bar.
    public var bridgeURL: String { Self.bridgeURL(base: baseURL, token: token) }

    public static func bridgeURL(base: String, token: String) -> String { "\(base)/#token=\(token)" }
    /// The API's base address.
    public var baseURL: String { "http://\(address)" }

    /// Stops listening; waiting requests get 503, event streams end. `wait`
    /// blocks the thread until the server has shut down (at most 3 s): not in a task.
    public func stop(wait: Bool = true) {
        inbox.close()
        hub.close()
        task.task.withLock { $0 }?.cancel()
        if wait { _ = finished.wait(timeout: .now() + 3) }
    }

    /// A fresh random token: 128 bits from the system's secure generator, as hex.
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Why listening failed, from the error's errno (NIO's `IOError`), not its text.
    static func describe(_ error: any Error) -> String {
        if let error = error as? IOError {
            switch error.errnoCode {
            case EADDRINUSE: return "the port is taken"
            case EADDRNOTAVAIL: return "this machine has no such address"
            case EACCES: return "not allowed to listen on that port"
            default: break
            }
        }
        return "\(error)"
    }


    /// Builds the application (the tests run it in process with HummingbirdTesting).
    /// Hummingbird's own pieces: one middleware per job (JSON errors, access, JSON
    /// bodies, refused upgrades), the API as a route collection under `/api` beside
    /// the WebSocket route, and its HTTP/1 channel's idle timeout and header limits;
    /// below them, the `ConnectionGuard` (header-read timeout, answers to malformed requests).
    public static func makeApplication(
        address: ListenAddress, token: String, inbox: Inbox, hub: EventHub, limits: ServerLimits = ServerLimits(),
        onListening: @escaping @Sendable (Int) -> Void = { _ in }
    ) -> some ApplicationProtocol {
        // Made once the port is known (not per request): its hosts and origins are built then.
        let rules = Mutex(AccessGuard(port: address.port, token: token))
        let guardFor: @Sendable () -> AccessGuard = { rules.withLock { $0 } }
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: JSONErrorMiddleware())
        router.add(middleware: AccessMiddleware(accessGuard: guardFor))
        Routes.addPage(to: router)
        router.addRoutes(Routes.api(inbox: inbox, hub: hub), atPath: "/api")
        let upgrade = EventsUpgrade(accessGuard: guardFor, hub: hub)
        let server = HTTPServerBuilder { responder in
            GuardedChannel(
                inner: HTTP1WebSocketUpgradeChannel(responder: responder, configuration: .init(http1: limits.http1)) { head, channel, _ in
                    upgrade.decide(head, on: channel)
                },
                limits: limits)
        }
        let logger = Logger(label: "agentdesk.server") { _ in SwiftLogNoOpLogHandler() }
        return Application(
            router: router,
            server: server,
            configuration: .init(address: .hostname(address.host, port: address.port), serverName: nil),
            onServerRunning: { channel in
                let actual = channel.localAddress?.port ?? address.port
                rules.withLock { $0 = AccessGuard(port: actual, token: token) }
                onListening(actual)
            },
            logger: logger
        )
    }
}
