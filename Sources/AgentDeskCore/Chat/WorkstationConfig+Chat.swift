extension WorkstationConfig {
    /// The configuration's chat keys (see `ChatSettings`).
    static let chatKeys = ["quickReplies", "cards", "orders", "idleTimeout"]

    /// Reads `quickReplies`, `cards`, `orders` and `idleTimeout`; errors go to `reader`.
    /// Cards and orders take the fields of the `card` and `order` actions, read by
    /// the vocabulary itself, so a configured card is exactly what a step could send.
    static func readChat(_ top: Fields, reader: inout DocumentReader) -> ChatSettings {
        var chat = ChatSettings()
        if let node = top["quickReplies"], !node.isNull, let items = reader.sequence(node, top.path("quickReplies")) {
            if items.count > ChatSettings.maxChoices {
                reader.report(at: node, top.path("quickReplies"), "\(items.count) quick replies; at most \(ChatSettings.maxChoices) (keys 1-9)")
            }
            for (index, item) in items.prefix(ChatSettings.maxChoices).enumerated() {
                let path = "\(top.path("quickReplies"))[\(index)]"
                guard let text = reader.string(item, path, acceptNumbers: true, maxLength: ChatMessage.maxTextLength) else { continue }
                if text.trimmingWhitespace.isEmpty {
                    reader.report(at: item, path, "must not be empty")
                } else {
                    chat.quickReplies.append(text)
                }
            }
        }
        var choices = 0
        for key in ["cards", "orders"] {
            guard let node = top[key], !node.isNull, let items = reader.sequence(node, top.path(key)) else { continue }
            let spec = ActionCatalog.spec(key == "cards" ? "card" : "order")!
            for (index, item) in items.enumerated() {
                let path = "\(top.path(key))[\(index)]"
                choices += 1
                if choices == ChatSettings.maxChoices + 1 {
                    reader.report(at: item, path, "more than \(ChatSettings.maxChoices) cards and orders in all (keys 1-9)")
                }
                guard let fields = reader.mapping(item, path, known: spec.fieldNames.filter { $0 != "session" }) else { continue }
                var arguments: [String: (value: DocumentNode, path: String)] = [:]
                for entry in fields.entries { arguments[entry.key] = (entry.value, fields.path(entry.key)) }
                for case let .agentSends(_, content) in spec.read(arguments, at: item, path: path, reader: &reader) ?? [] {
                    switch content {
                    case let .card(card): chat.cards.append(card)
                    case let .order(order): chat.orders.append(order)
                    case .text: break
                    }
                }
            }
        }
        if let node = top["idleTimeout"], !node.isNull {
            let path = top.path("idleTimeout")
            let range = ChatSettings.idleTimeoutRange
            if case .mapping = node {
                if let fields = reader.mapping(node, path, known: ["im", "oim"]) {
                    for entry in fields.entries {
                        if let seconds = reader.number(entry.value, fields.path(entry.key), in: range), let type = SessionType(rawValue: entry.key) {
                            chat.idleTimeout[type] = seconds
                        }
                    }
                }
            } else if let seconds = reader.number(node, path, in: range) {
                chat.idleTimeout = [.im: seconds, .oim: seconds]
            }
        }
        return chat
    }
}

extension ChatSettings {
    /// The settings as the configuration's keys, for `WorkstationConfigWriter`
    /// (only those that differ from the default).
    var written: [(String, OrderedJSON.Value)] {
        var fields: [(String, OrderedJSON.Value)] = []
        if !quickReplies.isEmpty { fields.append(("quickReplies", .array(quickReplies.map(OrderedJSON.Value.string)))) }
        if !cards.isEmpty {
            fields.append(("cards", .array(cards.map { ChatMessage.fields(of: .card($0)).first!.1 })))
        }
        if !orders.isEmpty {
            fields.append(("orders", .array(orders.map { ChatMessage.fields(of: .order($0)).first!.1 })))
        }
        let im = idleTimeout(for: .im), oim = idleTimeout(for: .oim)
        if im > 0 || oim > 0 {
            let value: OrderedJSON.Value = im == oim ? .number(im) : .object([("im", .number(im)), ("oim", .number(oim))])
            fields.append(("idleTimeout", value))
        }
        return fields
    }
}
