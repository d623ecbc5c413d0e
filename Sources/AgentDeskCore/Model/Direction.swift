public enum Direction: String, Sendable, CaseIterable, Codable {
    case inbound
    case outbound
}
