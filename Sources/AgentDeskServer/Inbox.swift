import AgentDeskUI
import HTTPTypes
import Synchronization

/// Requests waiting for the run loop. Server threads put a request in and wait for
/// its reply; the loop takes them out in arrival order and applies each to the
/// model it owns, so the model changes on one thread only.
public final class Inbox: Sendable {
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

    public init() {}

    /// Hands a request to the loop and waits for its reply.
    public func submit(_ request: APIRequest) async -> APIReply {
        await withCheckedContinuation { continuation in
            let accepted = contents.withLock { c -> Bool in
                guard c.open else { return false }
                c.pending.append(Pending(request: request) { continuation.resume(returning: $0) })
                return true
            }
            if accepted {
                wake.signal()
            } else {
                continuation.resume(returning: .error(.serviceUnavailable, "the workstation is closing"))
            }
        }
    }

    /// Applies every waiting request, in order, and answers each.
    public func process(_ apply: (APIRequest) -> APIReply) {
        wake.drain()
        let batch = contents.withLock { c -> [Pending] in
            defer { c.pending.removeAll() }
            return c.pending
        }
        for item in batch { item.reply(apply(item.request)) }
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
