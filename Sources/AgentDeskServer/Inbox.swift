import AgentDeskUI
import HTTPTypes
import NIOCore
import NIOPosix
import Synchronization

/// Requests waiting for the run loop. Server threads put a request in and wait for
/// its reply; the loop takes them out in arrival order and applies each to the
/// model it owns, so the model changes in one place, one request at a time.
public final class Inbox: Sendable {
    /// How the loop learns that requests wait: the request that finds the inbox
    /// empty does this, once for all that join it before the loop takes them.
    public enum Wakeup: Sendable {
        /// A byte down `wake`: for a loop on a thread of its own that polls the
        /// pipe (the terminal's loop, beside its input).
        case pipe
        /// Call this, with the inbox, to have the waiting requests processed: for a
        /// loop with no thread of its own (`serve`'s, an actor on Swift's pool).
        case call(@Sendable (Inbox) -> Void)
    }

    private struct Pending: Sendable {
        let request: APIRequest
        let reply: @Sendable (APIReply) -> Void
    }

    private struct Contents: Sendable {
        var pending: [Pending] = []
        var open = true
    }

    private let contents = Mutex(Contents())
    public let wake = WakePipe()
    /// The last state answer the loop made, while nothing can have changed since:
    /// the loop clears it whenever it takes requests (each time round, after any
    /// key, tick or change of its own), and it is never older than `stateMaxAge`,
    /// so the clock in it stays current. Reading the state then needs no trip to
    /// the loop (measured: GET /api/state went from about 0.6x to about 1x of a bare
    /// Hummingbird server).
    /// The answer is kept encoded too, as the bytes of a response body, so reading
    /// it copies nothing.
    private let stateCache = Mutex<(reply: APIReply, body: ByteBuffer, at: ContinuousClock.Instant)?>(nil)
    public let stateMaxAge: Duration
    private let wakeup: Wakeup

    public init(stateMaxAge: Duration = .milliseconds(100), wakeup: Wakeup = .pipe) {
        self.stateMaxAge = stateMaxAge
        self.wakeup = wakeup
    }

    /// Hands a request to the loop and waits for its reply. Only the request that
    /// finds the inbox empty wakes the loop: the loop empties the wake pipe before it
    /// takes the waiting requests, so any later one is either taken with them or
    /// finds the inbox empty again and wakes it (with `.call`, has it called again).
    ///
    /// The reply is handed back on the event loop the request came from (when it
    /// came from one), so the task goes on, and writes its answer, on the thread
    /// that owns its connection rather than on whichever loop is next.
    public func submit(_ request: APIRequest) async -> APIReply {
        let home = MultiThreadedEventLoopGroup.currentEventLoop
        // Unchecked: the reply closure runs exactly once, from `process` or `close`,
        // which take it out of the inbox under the lock before calling it.
        return await withUnsafeContinuation { continuation in
            let (accepted, first) = contents.withLock { c -> (Bool, Bool) in
                guard c.open else { return (false, false) }
                c.pending.append(Pending(request: request) { reply in
                    if let home {
                        home.execute { continuation.resume(returning: reply) }
                    } else {
                        continuation.resume(returning: reply)
                    }
                })
                return (true, c.pending.count == 1)
            }
            if !accepted {
                continuation.resume(returning: .error(.serviceUnavailable, "the workstation is closing"))
            } else if first {
                switch wakeup {
                case .pipe: wake.signal()
                case let .call(process): process(self)
                }
            }
        }
    }

    /// How many requests wait for the loop.
    public var waiting: Int { contents.withLock { $0.pending.count } }

    /// The state as the loop last answered it, if that is still the state now.
    public func recentState() -> APIReply? { recent()?.reply }

    /// `recentState`'s body, as a response sends it (`APIReply.encodedBody`).
    public func recentStateBody() -> ByteBuffer? { recent()?.body }

    private func recent() -> (reply: APIReply, body: ByteBuffer)? {
        stateCache.withLock { cached in
            guard let cached, cached.at.duration(to: .now) < stateMaxAge else { return nil }
            return (cached.reply, cached.body)
        }
    }

    /// Applies every waiting request, in order; then `beforeReplies` (the loop
    /// writes what they caused, so a client that has its answer finds the lines in
    /// the transcript); then answers each. Reading the state changes nothing, so
    /// state requests with no change between them share one answer.
    public func process(_ apply: (APIRequest) -> APIReply, beforeReplies: () -> Void = {}) {
        stateCache.withLock { $0 = nil }
        if case .pipe = wakeup { wake.drain() }
        let batch = contents.withLock { c -> [Pending] in
            var taken: [Pending] = []
            swap(&taken, &c.pending)
            return taken
        }
        guard !batch.isEmpty else { return }
        var replies: [APIReply] = []
        replies.reserveCapacity(batch.count)
        var state: APIReply?
        for item in batch {
            if case .state = item.request {
                let reply = state ?? apply(item.request)
                state = reply
                replies.append(reply)
            } else {
                state = nil
                replies.append(apply(item.request))
            }
        }
        // A state answer made after the batch's last change is the state now.
        if let state {
            let body = state.encodedBody
            stateCache.withLock { $0 = (state, body, .now) }
        }
        beforeReplies()
        for (item, reply) in zip(batch, replies) { item.reply(reply) }
    }

    /// Applies every waiting request to `model`; what the requests caused, in order.
    public func process(into model: inout AppModel) -> AppModel.Output {
        var all = AppModel.Output()
        process { request in
            let (reply, output) = APIProcessor.apply(request, to: &model)
            all.append(output)
            return reply
        }
        return all
    }

    /// No more requests: those waiting and any later get 503.
    public func close() {
        let left = contents.withLock { c -> [Pending] in
            c.open = false
            defer { c.pending.removeAll() }
            return c.pending
        }
        for item in left { item.reply(.error(.serviceUnavailable, "the workstation is closing")) }
    }
}
