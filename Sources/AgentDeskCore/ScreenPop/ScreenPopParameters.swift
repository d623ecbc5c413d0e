/// The parameters a screen-pop page receives for one session, in the order of the
/// product document: mobile, userId, nickName, avatar, status, type, agentEmail,
/// agentMobile, agentNickName, agentRoleId, sdkAppId. Absent or empty values are left out.
public enum ScreenPopParameters {
    public static let keys = [
        "mobile", "userId", "nickName", "avatar", "status", "type",
        "agentEmail", "agentMobile", "agentNickName", "agentRoleId", "sdkAppId",
    ]

    public static func parameters(for session: Session, config: WorkstationConfig) -> [(key: String, value: String)] {
        let values: [String?] = [
            session.caller.mobile, session.caller.userId, session.caller.nickName, session.caller.avatar,
            String(session.status.rawValue), session.type.rawValue,
            config.agent.email, config.agent.mobile, config.agent.nickName, config.agent.roleId, config.sdkAppId,
        ]
        return zip(keys, values).compactMap { key, value in
            guard let value, !value.isEmpty else { return nil }
            return (key, value)
        }
    }

    /// The exact URL `page` receives while it shows `session` (nil: no session yet,
    /// the configured address as it is).
    public static func url(of page: ScreenPopPage, showing session: Session?, config: WorkstationConfig) -> String {
        guard let session else { return page.url }
        return HashCodec.url(base: page.url, parameters: parameters(for: session, config: config))
    }
}
