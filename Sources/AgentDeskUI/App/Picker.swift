import AgentDeskCore

/// A list to choose from, by arrows or by number, with free text where the
/// choice allows it: where to transfer (the configuration's `transferTargets`),
/// why to rest (its `restReasons`).
public struct Picker: Sendable, Equatable {
    public enum Purpose: Sendable, Equatable {
        /// Transfer the connected session.
        case transfer
        /// Rest (小休), with a reason.
        case restReason
    }

    public struct Item: Sendable, Equatable {
        /// What the list shows (a name; untrusted, drawn through the sink).
        public var label: String
        /// A second, dim column (the kind and id of a transfer target).
        public var detail: String
        /// What the action is given (a target's id, a reason).
        public var value: String
    }

    public var purpose: Purpose
    public var items: [Item]
    /// The highlighted item (arrows move it).
    public var highlighted = 0
    /// Typed text; when not empty, Enter takes it instead of the highlighted item.
    public var text = ""
    /// Whether text may be typed (a transfer always; a rest reason only when the
    /// configuration lists none, since the list is then the rule).
    public var allowsFreeText: Bool

    /// The longest free text: as the transfer prompt and the rest reason take.
    public static let maxText = 64

    public init(purpose: Purpose, items: [Item], allowsFreeText: Bool) {
        self.purpose = purpose
        self.items = items
        self.allowsFreeText = allowsFreeText
    }

    /// The transfer directory, skill groups and agents in configured order.
    static func transfer(_ config: WorkstationConfig, _ lang: Language) -> Picker {
        Picker(purpose: .transfer, items: config.transferTargets.map { target in
            let detail = lang.transferKind(target.kind) + (target.id == target.label ? "" : " \(target.id)")
            return Item(label: target.label, detail: detail, value: target.id)
        }, allowsFreeText: true)
    }

    /// The configured rest reasons.
    static func restReason(_ config: WorkstationConfig) -> Picker {
        Picker(purpose: .restReason, items: config.restReasons.map { Item(label: $0, detail: "", value: $0) },
               allowsFreeText: config.restReasons.isEmpty)
    }

    /// What a key does to the picker.
    enum Outcome: Equatable {
        case stay(Picker)
        case choose(String)
        case cancel
        case quit
    }

    func handle(_ key: Key) -> Outcome {
        var next = self
        switch key {
        case .escape:
            return .cancel
        case .ctrl("c"):
            return .quit
        case .enter:
            let typed = String(text.trimmingWhitespace)
            if !typed.isEmpty { return .choose(typed) }
            guard items.indices.contains(highlighted) else { return .stay(self) }
            return .choose(items[highlighted].value)
        case .up:
            guard !items.isEmpty else { return .stay(self) }
            next.highlighted = (highlighted - 1 + items.count) % items.count
        case .down:
            guard !items.isEmpty else { return .stay(self) }
            next.highlighted = (highlighted + 1) % items.count
        case .backspace:
            next.text = String(text.dropLast())
        case let .char(c) where text.isEmpty && c.isASCII && c.isNumber && c != "0":
            // A number picks at once (1-9), unless typing has begun.
            let index = Int(String(c))! - 1
            if items.indices.contains(index) { return .choose(items[index].value) }
            guard allowsFreeText else { return .stay(self) }
            next.text.append(c)
        case let .char(c) where allowsFreeText && text.count < Self.maxText:
            next.text.append(c)
        default:
            return .stay(self)
        }
        return .stay(next)
    }
}
