/// What an admin configures for chats: quick replies, the cards and orders the
/// agent can send, and how long a connected chat may stay idle.
public struct ChatSettings: Sendable, Equatable {
    /// Texts the agent can send by number (1-9).
    public var quickReplies: [String] = []
    /// Cards and orders the agent can send from the terminal (`c`), by number.
    public var cards: [ChatCard] = []
    public var orders: [ChatOrder] = []
    /// Seconds a connected chat may pass without a message before it ends
    /// (`sessionEnded`, closeBy `timer`), per session type (im, oim); absent or 0: never.
    public var idleTimeout: [SessionType: Double] = [:]

    public init() {}

    public func idleTimeout(for type: SessionType) -> Double { idleTimeout[type] ?? 0 }

    /// Quick replies, and cards plus orders, each offered by a single digit.
    public static let maxChoices = 9
    public static let idleTimeoutRange: ClosedRange<Double> = 0...86_400
}

extension SessionType {
    /// Whether the session has a chat (text, cards and orders): im and oim.
    public var hasChat: Bool { self == .im || self == .oim }
}
