/// One message in a chat session (im, oim): who sent it, when, and what.
public struct ChatMessage: Sendable, Equatable {
    public enum Sender: String, Sendable, CaseIterable {
        case customer, agent
    }

    public enum Content: Sendable, Equatable {
        case text(String)
        /// A card the agent sends (TCCC's chat controls: title, description, cover picture, link).
        case card(ChatCard)
        /// An order the agent sends (guide, name, description, picture, custom fields).
        case order(ChatOrder)
    }

    /// Workstation seconds.
    public var time: Double
    public var from: Sender
    public var content: Content

    public init(time: Double, from: Sender, content: Content) {
        self.time = time
        self.from = from
        self.content = content
    }

    /// The longest text message, in Unicode scalars: a long WeChat message is about
    /// this size; longer text is refused, not cut.
    public static let maxTextLength = 2000
    /// The longest card or order field (a title, a name, a URL, a custom value).
    public static let maxFieldLength = 1024
    /// Custom fields an order may carry.
    public static let maxOrderFields = 20
}

/// A card sent into a chat: a title, and optionally a description, a cover picture
/// (an image URL) and a link (where tapping it leads).
public struct ChatCard: Sendable, Equatable {
    public var title: String
    public var description: String?
    public var picture: String?
    public var link: String?

    public init(title: String, description: String? = nil, picture: String? = nil, link: String? = nil) {
        self.title = title
        self.description = description
        self.picture = picture
        self.link = link
    }
}

/// An order sent into a chat: a guide line (what the agent says with it), the
/// product's name, description and picture, and custom fields in order.
public struct ChatOrder: Sendable, Equatable {
    public struct Field: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public var guide: String?
    public var name: String
    public var description: String?
    public var picture: String?
    public var fields: [Field]

    public init(guide: String? = nil, name: String, description: String? = nil, picture: String? = nil, fields: [Field] = []) {
        self.guide = guide
        self.name = name
        self.description = description
        self.picture = picture
        self.fields = fields
    }
}

/// A chat session's conversation. Bounded: the newest `maxMessages` are kept and
/// `dropped` counts those let go, so memory stays flat over a long chat.
public struct ChatThread: Sendable, Equatable {
    public internal(set) var messages: [ChatMessage] = []
    /// Older messages no longer kept.
    public internal(set) var dropped = 0
    /// Customer messages the agent has not looked at (the session was not selected).
    public internal(set) var unread = 0

    public init() {}

    public static let maxMessages = 200

    /// When the chat last had a message.
    public var lastMessageAt: Double? { messages.last?.time }

    mutating func append(_ message: ChatMessage) {
        messages.append(message)
        if messages.count > Self.maxMessages {
            let excess = messages.count - Self.maxMessages
            messages.removeFirst(excess)
            dropped += excess
        }
    }
}
