import Synchronization

/// Hands every transcript line to every listener of `GET /api/events`. A listener
/// that falls more than `backlog` lines behind is cut off rather than silently
/// skipped, so a stream never has a hole in it (the `seq` numbers tell).
public final class EventHub: Sendable {
    private struct Listeners: Sendable {
        var next = 0
        var streams: [Int: AsyncStream<String>.Continuation] = [:]
    }

    private let listeners = Mutex(Listeners())
    private let backlog: Int

    public init(backlog: Int = 10_000) {
        self.backlog = backlog
    }

    public var count: Int { listeners.withLock { $0.streams.count } }

    /// A stream of the lines published from now on; it ends when the hub closes or
    /// the listener falls too far behind.
    public func subscribe() -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingOldest(backlog))
        let id = listeners.withLock { l -> Int in
            defer { l.next += 1 }
            l.streams[l.next] = continuation
            return l.next
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.listeners.withLock { $0.streams.removeValue(forKey: id) }
        }
        return stream
    }

    public func publish(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        let streams = listeners.withLock { $0.streams }
        for (_, continuation) in streams {
            for line in lines {
                if case .dropped = continuation.yield(line) {
                    continuation.finish()
                    break
                }
            }
        }
    }

    public func close() {
        let streams = listeners.withLock { l -> [AsyncStream<String>.Continuation] in
            defer { l.streams.removeAll() }
            return Array(l.streams.values)
        }
        for continuation in streams { continuation.finish() }
    }
}
