extension ActionCatalog {
    /// The chat actions: what the customer writes, and what the agent sends.
    static let chatActions: [ActionSpec] = [
        ActionSpec("customerSays", "The customer writes in a chat (im, oim).", fields: [
            ActionField("text", .text(maxLength: ChatMessage.maxTextLength), help: "The message (at most \(ChatMessage.maxTextLength) characters).",
                        required: "say what is written, e.g. \"你好\""),
            session,
        ], primary: "text") { v throws(ActionProblem) in
            [.customerSays(v.session, text: v.texts["text"] ?? "")]
        },
        ActionSpec("reply", "The agent writes in a connected chat (im, oim).", fields: [
            ActionField("text", .text(maxLength: ChatMessage.maxTextLength), help: "The message (at most \(ChatMessage.maxTextLength) characters).",
                        required: "say what is written, e.g. \"你好\""),
            session,
        ], primary: "text") { v throws(ActionProblem) in
            [.agentSends(v.session, .text(v.texts["text"] ?? ""))]
        },
        ActionSpec("card", "The agent sends a card (title, description, picture, link) into a connected chat.", fields: [
            ActionField("title", .text(maxLength: ChatMessage.maxFieldLength), help: "The card's title.", required: "a card needs a title"),
            ActionField("description", .text(maxLength: ChatMessage.maxFieldLength), help: "A line or two under the title."),
            ActionField("picture", .text(maxLength: ChatMessage.maxFieldLength), help: "The cover picture (an image URL)."),
            ActionField("link", .text(maxLength: ChatMessage.maxFieldLength), help: "Where the card leads (a URL)."),
            session,
        ]) { v throws(ActionProblem) in
            [.agentSends(v.session, .card(ChatCard(title: v.texts["title"] ?? "", description: v.texts["description"],
                                                   picture: v.texts["picture"], link: v.texts["link"])))]
        },
        ActionSpec("order", "The agent sends an order (guide, name, description, picture, custom fields) into a connected chat.", fields: [
            ActionField("guide", .text(maxLength: ChatMessage.maxFieldLength), help: "What the agent says with it, e.g. 请确认您的订单."),
            ActionField("name", .text(maxLength: ChatMessage.maxFieldLength), help: "The product's name.", required: "an order needs a name"),
            ActionField("description", .text(maxLength: ChatMessage.maxFieldLength), help: "A line or two under the title."),
            ActionField("picture", .text(maxLength: ChatMessage.maxFieldLength), help: "The cover picture (an image URL)."),
            ActionField("fields", .json, help: "Custom fields in order: a list of {name, value}, at most \(ChatMessage.maxOrderFields)."),
            session,
        ]) { v throws(ActionProblem) in
            let fields = try ActionCatalog.orderFields(v.json["fields"])
            return [.agentSends(v.session, .order(ChatOrder(guide: v.texts["guide"], name: v.texts["name"] ?? "",
                                                            description: v.texts["description"], picture: v.texts["picture"], fields: fields)))]
        },
    ]

    /// An order's custom fields from `[{name, value}, …]`; a value may be a number.
    static func orderFields(_ value: JSONValue?) throws(ActionProblem) -> [ChatOrder.Field] {
        guard let value, value != .null else { return [] }
        let shape = "expected a list of {name, value}, e.g. [{name: 数量, value: \"2\"}]"
        guard case let .array(items) = value else { throw ActionProblem(field: "fields", shape) }
        guard items.count <= ChatMessage.maxOrderFields else {
            throw ActionProblem(field: "fields", "\(items.count) custom fields; at most \(ChatMessage.maxOrderFields) are sent")
        }
        var fields: [ChatOrder.Field] = []
        for (index, item) in items.enumerated() {
            guard case let .object(pair) = item, Set(pair.keys).isSubset(of: ["name", "value"]),
                  let name = pair["name"]?.stringValue, let raw = pair["value"] else {
                throw ActionProblem(field: "fields", "item \(index + 1): " + shape)
            }
            let text: String
            switch raw {
            case let .string(s): text = s
            case let .number(n): text = OrderedJSON.number(n)
            default: throw ActionProblem(field: "fields", "item \(index + 1): the value must be text or a number")
            }
            guard !name.trimmingWhitespace.isEmpty else { throw ActionProblem(field: "fields", "item \(index + 1): the name is empty") }
            guard name.unicodeScalars.count <= ChatMessage.maxFieldLength, text.unicodeScalars.count <= ChatMessage.maxFieldLength else {
                throw ActionProblem(field: "fields", "item \(index + 1) is longer than \(ChatMessage.maxFieldLength) characters")
            }
            fields.append(ChatOrder.Field(name: name, value: text))
        }
        return fields
    }

    /// The agent's chat action as fields: `reply`, `card` or `order`.
    static func chatFields(_ id: SessionID?, _ content: ChatMessage.Content) -> (name: String, fields: [(String, JSONValue)]) {
        let session: [(String, JSONValue)] = id.map { [("session", .string($0.rawValue))] } ?? []
        switch content {
        case let .text(text):
            return ("reply", [("text", .string(text))] + session)
        case let .card(card):
            return ("card", ChatMessage.optionalFields([("title", card.title), ("description", card.description),
                                                        ("picture", card.picture), ("link", card.link)]).map { ($0, JSONValue.string($1)) } + session)
        case let .order(order):
            var fields: [(String, JSONValue)] = ChatMessage.optionalFields([("guide", order.guide), ("name", order.name),
                                                                            ("description", order.description), ("picture", order.picture)])
                .map { ($0, JSONValue.string($1)) }
            if !order.fields.isEmpty {
                fields.append(("fields", JSONValue.array(order.fields.map { JSONValue.object(["name": .string($0.name), "value": .string($0.value)]) })))
            }
            return ("order", fields + session)
        }
    }
}

extension ChatMessage {
    static func optionalFields(_ pairs: [(String, String?)]) -> [(String, String)] {
        pairs.compactMap { key, value in value.map { (key, $0) } }
    }

    /// A message's content as its transcript line (and the API) has it: `text`,
    /// or `card` / `order` objects with their fields in a fixed order.
    public static func fields(of content: Content) -> [(String, OrderedJSON.Value)] {
        switch content {
        case let .text(text):
            return [("text", .string(text))]
        case let .card(card):
            return [("card", .object(optionalFields([("title", card.title), ("description", card.description),
                                                     ("picture", card.picture), ("link", card.link)]).map { ($0, OrderedJSON.Value.string($1)) }))]
        case let .order(order):
            var fields: [(String, OrderedJSON.Value)] = optionalFields([("guide", order.guide), ("name", order.name),
                                                                        ("description", order.description), ("picture", order.picture)])
                .map { ($0, OrderedJSON.Value.string($1)) }
            if !order.fields.isEmpty {
                fields.append(("fields", OrderedJSON.Value.array(order.fields.map { OrderedJSON.Value.object([("name", .string($0.name)), ("value", .string($0.value))]) })))
            }
            return [("order", .object(fields))]
        }
    }
}
