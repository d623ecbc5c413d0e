/// The kind of service, as sent in `type=`.
public enum SessionType: String, Sendable, CaseIterable, Codable {
    /// 电话: a telephone call.
    case phone
    /// WeChat or web chat, text and pictures.
    case im
    /// Omni-channel, audio call only.
    case om
    /// Audio call plus chat.
    case oim

    /// Whether the session carries a voice channel (hold, mute and DTMF apply,
    /// and it occupies the agent).
    public var hasAudio: Bool { self != .im }

    /// The session in the caller's channel terms, for messages: "a phone call".
    public var channelNoun: String {
        switch self {
        case .phone: "a phone call"
        case .im: "a chat"
        case .om: "an audio call (om)"
        case .oim: "an audio call with chat (oim)"
        }
    }

    public var chineseName: String {
        switch self {
        case .phone: "电话"
        case .im: "图文会话"
        case .om: "音频通话"
        case .oim: "音频+图文"
        }
    }
}
