import AgentDeskCore
import AgentDeskProcess
import Foundation
import Glibc

/// A Chrome DevTools Protocol connection over a pair of pipes (Chromium's
/// `--remote-debugging-pipe`: the browser reads commands on its fd 3 and writes
/// answers and events on its fd 4, each message JSON ended by a NUL). Commands
/// are answered by id; events queue until taken. Every wait has a timeout, and
/// once the browser's end closes (it exited, or was killed) every wait, present
/// and future, ends at once with `Failure.browserGone`: nothing hangs on a dead browser.
public final class CDPConnection: @unchecked Sendable {
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// No answer within the time allowed.
        case timedOut(method: String, seconds: Double)
        /// The connection is over: the browser exited, closed the pipe, or wrote something past the limits.
        case browserGone(String)
        /// The browser answered with an error.
        case refused(method: String, CDPProtocolError)

        public var description: String {
            switch self {
            case let .timedOut(method, seconds):
                "the browser did not answer \(method) within \(OrderedJSON.number(seconds)) s"
            case let .browserGone(why):
                "the browser is gone: \(why)"
            case let .refused(method, error):
                "the browser refused \(method): \(error)"
            }
        }
    }

    // Everything below is guarded by `lock`.
    private let lock = NSCondition()
    private var answers: [Int: Result<JSONValue, CDPProtocolError>] = [:]
    private var events: [CDPEvent] = []
    private var ended: String?
    private var nextId = 1
    private var writeOpen = true
    /// Messages that were not JSON objects of the protocol: skipped, counted.
    private var skipped = 0
    /// Events dropped, oldest first, when nobody took them (a page logging in a loop).
    private var dropped = 0
    /// The most events kept waiting to be taken.
    public let maxQueuedEvents: Int

    private let writeDescriptor: Int32
    private let readDescriptor: Int32

    /// Takes ownership of both descriptors: `readFrom` is the browser's fd 4 (its
    /// answers), `writeTo` its fd 3 (our commands). Starts the reading thread.
    public init(readFrom: Int32, writeTo: Int32, maxMessageBytes: Int = 64 * 1024 * 1024, maxQueuedEvents: Int = 10_000) {
        self.maxQueuedEvents = maxQueuedEvents
        readDescriptor = readFrom
        writeDescriptor = writeTo
        // A write to a browser that died must be an error, not the end of this process.
        signal(SIGPIPE, SIG_IGN)
        let thread = Thread { [self] in self.readLoop(maxMessageBytes: maxMessageBytes) }
        thread.name = "agentdesk.cdp-reader"
        // Started with the termination signals blocked (it inherits this thread's
        // mask), so they keep going to the main thread, whose wait they must cut short.
        withLoopSignalsBlocked { thread.start() }
    }

    deinit {
        if writeOpen { Glibc.close(writeDescriptor) }
    }

    /// Why the connection is over, if it is.
    public var endReason: String? { locked { ended } }

    /// How many events were dropped because the queue was full.
    public var droppedEvents: Int { locked { dropped } }

    /// How many messages were skipped as unreadable.
    public var skippedMessages: Int { locked { skipped } }

    /// Sends a command and waits for its answer (the `result` object).
    @discardableResult
    public func send(_ method: String, _ params: [(String, OrderedJSON.Value)] = [], session: String? = nil,
                     timeout: Double = 10) throws(Failure) -> JSONValue {
        lock.lock()
        if let ended {
            lock.unlock()
            throw .browserGone(ended)
        }
        let id = nextId
        nextId += 1
        lock.unlock()
        var fields: [(String, OrderedJSON.Value)] = [("id", .number(Double(id))), ("method", .string(method))]
        if !params.isEmpty { fields.append(("params", .object(params))) }
        if let session { fields.append(("sessionId", .string(session))) }
        try write(Array(OrderedJSON.encode(fields).utf8) + [0])
        let deadline = Date(timeIntervalSinceNow: timeout)
        lock.lock()
        defer { lock.unlock() }
        while true {
            if let answer = answers.removeValue(forKey: id) {
                switch answer {
                case let .success(result): return result
                case let .failure(error): throw .refused(method: method, error)
                }
            }
            if let ended { throw .browserGone(ended) }
            if !lock.wait(until: deadline) {
                if let answer = answers.removeValue(forKey: id) {
                    switch answer {
                    case let .success(result): return result
                    case let .failure(error): throw .refused(method: method, error)
                    }
                }
                throw .timedOut(method: method, seconds: timeout)
            }
        }
    }

    /// Every event received so far, oldest first; the queue is emptied.
    public func takeEvents() -> [CDPEvent] {
        locked {
            defer { events.removeAll() }
            return events
        }
    }

    /// Waits for the first event that `matches` (taking it out of the queue, the
    /// others stay); throws when the time is up or the browser is gone.
    public func waitForEvent(timeout: Double, what: String, _ matches: (CDPEvent) -> Bool) throws(Failure) -> CDPEvent {
        let deadline = Date(timeIntervalSinceNow: timeout)
        lock.lock()
        defer { lock.unlock() }
        while true {
            if let index = events.firstIndex(where: matches) { return events.remove(at: index) }
            if let ended { throw .browserGone(ended) }
            if !lock.wait(until: deadline) {
                if let index = events.firstIndex(where: matches) { return events.remove(at: index) }
                throw .timedOut(method: what, seconds: timeout)
            }
        }
    }

    /// Ends the connection from this side: the command pipe closes (Chromium exits
    /// when it reads its end), and every wait ends with `why`.
    public func close(_ why: String = "the connection was closed") {
        locked {
            if ended == nil { ended = why }
            if writeOpen {
                writeOpen = false
                Glibc.close(writeDescriptor)
            }
            lock.broadcast()
        }
    }

    /// Says the browser is gone for a reason found elsewhere (its process exited).
    public func markGone(_ why: String) {
        locked {
            if ended == nil { ended = why }
            lock.broadcast()
        }
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    private func write(_ bytes: [UInt8]) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            lock.lock()
            var n = -1
            var problem = EBADF
            if writeOpen {
                n = bytes[offset...].withUnsafeBytes { Glibc.write(writeDescriptor, $0.baseAddress, $0.count) }
                problem = errno
            }
            lock.unlock()
            if n < 0 {
                if problem == EINTR { continue }
                let why = problem == EPIPE ? "it closed the DevTools pipe (the browser exited)" : "writing to the DevTools pipe failed: " + String(cString: strerror(problem))
                markGone(why)
                throw .browserGone(endReason ?? why)
            }
            offset += n
        }
    }

    private func readLoop(maxMessageBytes: Int) {
        var framer = CDPFramer(maxMessageBytes: maxMessageBytes)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(readDescriptor, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                let why = n == 0 ? "it closed the DevTools pipe (the browser exited)" : "reading the DevTools pipe failed: " + String(cString: strerror(errno))
                Glibc.close(readDescriptor)
                markGone(why)
                return
            }
            let messages: [[UInt8]]
            do {
                messages = try framer.feed(buffer[0..<n])
            } catch {
                Glibc.close(readDescriptor)
                markGone("\(error)")
                return
            }
            guard !messages.isEmpty else { continue }
            locked {
                for bytes in messages {
                    switch CDPMessage.parse(bytes) {
                    case let .success(.response(id, result)): answers[id] = result
                    case let .success(.event(event)):
                        if events.count >= maxQueuedEvents {
                            events.removeFirst()
                            dropped += 1
                        }
                        events.append(event)
                    case .failure: skipped += 1
                    }
                }
                lock.broadcast()
            }
        }
    }
}
