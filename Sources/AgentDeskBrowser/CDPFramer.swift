/// Splits what Chromium writes on its `--remote-debugging-pipe` (fd 4) into
/// messages: JSON texts, each ended by a NUL byte. A read may end in the middle of
/// a message, or hold several; the framer keeps the unfinished tail for the next.
public struct CDPFramer: Sendable {
    private var pending: [UInt8] = []
    /// The most one message may be (a screenshot is a few MiB of base64).
    public let maxMessageBytes: Int

    public struct Overflow: Error, Equatable, CustomStringConvertible {
        public let bytes: Int
        public init(bytes: Int) { self.bytes = bytes }
        public var description: String { "a DevTools message grew past \(bytes) bytes without its end (NUL)" }
    }

    public init(maxMessageBytes: Int = 64 * 1024 * 1024) {
        self.maxMessageBytes = maxMessageBytes
    }

    /// Bytes still waiting for their NUL.
    public var bufferedBytes: Int { pending.count }

    /// Adds what one read got; returns the messages it completed, in order.
    public mutating func feed<Bytes: Sequence<UInt8>>(_ bytes: Bytes) throws(Overflow) -> [[UInt8]] {
        var complete: [[UInt8]] = []
        for byte in bytes {
            if byte == 0 {
                if !pending.isEmpty { complete.append(pending) }
                pending.removeAll(keepingCapacity: true)
            } else {
                guard pending.count < maxMessageBytes else { throw Overflow(bytes: maxMessageBytes) }
                pending.append(byte)
            }
        }
        return complete
    }
}
