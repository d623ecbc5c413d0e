/// An inbound voice call waiting for the agent: it has its session id from the
/// moment it arrives (so ids follow arrival order), and rings when the agent is
/// free, unless the caller's patience runs out first.
public struct QueuedCall: Sendable, Equatable {
    public let id: SessionID
    public let call: IncomingCall
    /// When it joined the queue (workstation clock).
    public let queuedAt: Double
    /// Seconds the caller waits before abandoning.
    public let patience: Double

    public init(id: SessionID, call: IncomingCall, queuedAt: Double, patience: Double) {
        self.id = id
        self.call = call
        self.queuedAt = queuedAt
        self.patience = patience
    }

    /// When the caller hangs up if still waiting.
    public var abandonsAt: Double { queuedAt + patience }

    /// Seconds waited so far at `now`.
    public func waited(at now: Double) -> Double { max(0, now - queuedAt) }
}
