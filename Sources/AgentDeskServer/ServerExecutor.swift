import NIOCore
import NIOPosix

/// The threads the server's tasks run on: NIO's event loop threads, the ones that
/// already read and write its sockets. Hummingbird handles each connection in a
/// task; left to themselves those tasks share Swift's cooperative pool, which has
/// one thread per core. Anything else in the process that blocks a pool thread (a
/// synchronous test, a blocking library call) would then stall every connection:
/// a refused upgrade answered but never closed, an idle connection never timed
/// out. The server's top task prefers this executor, and structured child tasks
/// (each connection, each WebSocket) inherit the preference, so the server keeps
/// running whatever the rest of the process does with the pool.
///
/// A job enqueued on an event loop thread runs on that same thread, after what the
/// loop is doing now: a request read from a socket is handled, and its answer
/// written, without leaving the thread that owns the socket. A job enqueued from
/// elsewhere (the workstation's loop resuming a request it has answered) goes to
/// the next loop of the group. The earlier executor had threads of its own, which
/// cost two more thread switches a request (issue 12, the API's throughput).
///
/// Nothing the server runs on it may block: handlers only await. The event loop
/// threads are made while the termination signals are blocked (`WorkstationServer`
/// touches the group first), so the signals reach the workstation's own thread.
final class ServerExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = ServerExecutor(group: .singleton)

    private let group: MultiThreadedEventLoopGroup

    init(group: MultiThreadedEventLoopGroup) {
        self.group = group
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let loop = MultiThreadedEventLoopGroup.currentEventLoop ?? group.next()
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
