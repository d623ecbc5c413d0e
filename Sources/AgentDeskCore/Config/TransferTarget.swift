/// Where a connected session may be transferred: a skill group or an agent the
/// admin lists in the configuration (`transferTargets:`), or free text typed by
/// the agent (`free`).
public struct TransferTarget: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// A skill group (TCCC's `skillGroupId`).
        case skillGroup
        /// Another agent (TCCC's `userId`).
        case agent
        /// Typed by hand, not from the directory.
        case free
    }

    public var kind: Kind
    /// What the transfer is addressed to: a skill group id or an agent's user id;
    /// free text as typed.
    public var id: String
    /// The name people know it by (售后技能组, 王五); nil for free text.
    public var name: String?

    public init(kind: Kind, id: String, name: String? = nil) {
        self.kind = kind
        self.id = id
        self.name = name
    }

    /// What the picker and the feed show.
    public var label: String { name ?? id }

    /// The configured kinds (free is never configured).
    public static let configurableKinds: [Kind] = [.skillGroup, .agent]
}

extension WorkstationConfig {
    /// The directory entry a destination names (by id first, then by name), or
    /// free text when the directory has none.
    public func transferTarget(for destination: String) -> TransferTarget {
        transferTargets.first { $0.id == destination } ?? transferTargets.first { $0.name == destination }
            ?? TransferTarget(kind: .free, id: destination)
    }
}
