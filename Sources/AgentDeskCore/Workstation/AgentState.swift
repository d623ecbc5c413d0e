/// The agent's status and what goes with it.
public struct AgentState: Sendable, Equatable {
    public internal(set) var status: AgentStatus
    /// When the current status began (workstation clock).
    public internal(set) var since: Double
    /// Rest's reason (小休 原因).
    public internal(set) var restReason: String?
    /// Arrange: when the countdown returns the agent to free; nil while they keep wrapping up.
    public internal(set) var arrangeDeadline: Double?
    /// The status to return to when a call that never connected ends.
    var statusBeforeCall: AgentStatus = .free
    var restReasonBeforeCall: String?

    public init(status: AgentStatus = .free, since: Double = 0) {
        self.status = status
        self.since = since
    }

    /// Seconds of after-call work left at `now`, while the countdown runs.
    public func arrangeRemaining(at now: Double) -> Double? {
        guard status == .arrange, let deadline = arrangeDeadline else { return nil }
        return max(0, deadline - now)
    }
}
