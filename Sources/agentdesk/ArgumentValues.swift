import AgentDeskCore
import ArgumentParser

/// Enumerations the command line takes, checked at parse time and listed in --help.
extension SessionType: ExpressibleByArgument {}

extension WrapUp: ExpressibleByArgument {}

extension AgentStatus: ExpressibleByArgument {
    /// Only the statuses an agent chooses: busy and arrange belong to the system.
    public init?(argument: String) {
        guard let status = AgentStatus(rawValue: argument), AgentStatus.selectable.contains(status) else { return nil }
        self = status
    }

    public static var allValueStrings: [String] { AgentStatus.selectable.map(\.rawValue) }
}
