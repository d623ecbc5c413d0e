/// Who ended a session (`sessionEnded.closeBy`).
public enum CloseBy: String, Sendable, CaseIterable, Codable {
    /// The customer hung up or left.
    case client
    /// The agent (TCCC calls the agent's seat 座席).
    case seat
    /// An administrator forced the end.
    case admin
    /// A timer: the ring timeout passed, or a chat stayed idle past its `idleTimeout`.
    case timer
}
