/// An inbound session about to ring: what the caller's side sends.
public struct IncomingCall: Sendable, Equatable {
    public var type: SessionType
    public var caller: Caller
    /// Seconds before an unanswered session times out; 0 means none.
    public var ringTimeout: Double

    public init(type: SessionType = .phone, caller: Caller, ringTimeout: Double = 0) {
        self.type = type
        self.caller = caller
        self.ringTimeout = ringTimeout
    }
}
