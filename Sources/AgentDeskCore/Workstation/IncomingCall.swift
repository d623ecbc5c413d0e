/// An inbound session about to ring: what the caller's side sends.
public struct IncomingCall: Sendable, Equatable {
    public var type: SessionType
    public var caller: Caller
    /// Seconds before an unanswered session times out; 0 means none.
    public var ringTimeout: Double
    /// Seconds the caller waits in the queue before hanging up; nil: the
    /// configuration's `queue.patience`.
    public var patience: Double?

    public init(type: SessionType = .phone, caller: Caller, ringTimeout: Double = 0, patience: Double? = nil) {
        self.patience = patience
        self.type = type
        self.caller = caller
        self.ringTimeout = ringTimeout
    }
}
