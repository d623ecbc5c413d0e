/// The agent's role (`agentRoleId`).
public enum AgentRole: String, Sendable, CaseIterable, Codable {
    case admin
    case agent

    /// How the workstation names the role: 管理员 / 普通客服.
    public var chineseName: String {
        switch self {
        case .admin: "管理员"
        case .agent: "普通客服"
        }
    }

    public var englishName: String {
        switch self {
        case .admin: "Admin"
        case .agent: "Agent"
        }
    }
}
