/// Who is on the other end of a session, as far as the workstation knows.
/// Every field is optional: a parameter with no value is left out of the URL.
public struct Caller: Sendable, Equatable, Codable {
    /// The customer's phone number (possibly masked, e.g. `138****5678`).
    public var mobile: String?
    /// Phone and web channel: the user's id; WeChat channel: the user's openID.
    public var userId: String?
    /// The user's WeChat nickname.
    public var nickName: String?
    /// The user's avatar, an image URL.
    public var avatar: String?

    public init(mobile: String? = nil, userId: String? = nil, nickName: String? = nil, avatar: String? = nil) {
        self.mobile = mobile
        self.userId = userId
        self.nickName = nickName
        self.avatar = avatar
    }
}
