/// The signed-in agent, as configured.
public struct AgentProfile: Sendable, Equatable {
    public var email: String?
    public var mobile: String?
    public var nickName: String
    public var role: AgentRole
    /// The value sent as `agentRoleId`; defaults to the role's name (`admin`, `agent`).
    public var roleId: String

    public init(email: String? = nil, mobile: String? = nil, nickName: String, role: AgentRole = .agent, roleId: String? = nil) {
        self.email = email
        self.mobile = mobile
        self.nickName = nickName
        self.role = role
        self.roleId = roleId ?? role.rawValue
    }
}
