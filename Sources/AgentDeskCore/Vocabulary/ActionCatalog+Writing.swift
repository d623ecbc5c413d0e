extension ActionCatalog {
    /// An action as its name and fields, the inverse of reading it: what `record`
    /// writes and what `send` posts. Nil for what no one scripts (the clock).
    public static func fields(of action: Action) -> (name: String, fields: [(String, JSONValue)])? {
        func with(_ id: SessionID?, _ rest: [(String, JSONValue)] = []) -> [(String, JSONValue)] {
            rest + (id.map { [("session", .string($0.rawValue))] } ?? [])
        }
        switch action {
        case .tick:
            return nil
        case let .callIn(call):
            var fields: [(String, JSONValue)] = [("type", .string(call.type.rawValue))]
            for (key, value) in [("mobile", call.caller.mobile), ("userId", call.caller.userId),
                                 ("nickName", call.caller.nickName), ("avatar", call.caller.avatar)] {
                if let value { fields.append((key, .string(value))) }
            }
            if call.ringTimeout > 0 { fields.append(("timeout", .number(call.ringTimeout))) }
            if let patience = call.patience { fields.append(("patience", .number(patience))) }
            return ("call", fields)
        case let .answer(id): return ("answer", with(id))
        case let .calleeAnswer(id): return ("calleeAnswer", with(id))
        case let .hangUp(id, closeBy): return ("hangup", with(id, [("closeBy", .string(closeBy.rawValue))]))
        case let .hold(id): return ("hold", with(id))
        case let .resume(id): return ("resume", with(id))
        case let .mute(id): return ("mute", with(id))
        case let .unmute(id): return ("unmute", with(id))
        case let .transfer(id, to): return ("transfer", with(id, [("to", .string(to))]))
        case let .sendDTMF(id, digits): return ("dtmf", with(id, [("digits", .string(digits))]))
        case let .setStatus(status, reason):
            return ("status", [("status", .string(status.rawValue))] + (reason.map { [("reason", .string($0))] } ?? []))
        case let .wrapUp(choice): return ("wrapUp", [("choice", .string(choice.rawValue))])
        case let .select(id): return ("select", [("session", .string(id.rawValue))])
        case let .pageMessage(message, page): return ("message", [("message", message)] + (page.map { [("page", .string($0))] } ?? []))
        case let .dialpad(.press(key)): return ("dialpad", [("keys", .string(String(key)))])
        case .dialpad(.backspace): return ("dialpadBackspace", [])
        case .dialpad(.clear): return ("dialpadClear", [])
        case .dial: return ("dial", [])
        case let .customerSays(id, text): return ("customerSays", with(id, [("text", .string(text))]))
        case let .agentSends(id, content): return chatFields(id, content)
        case let .callBack(id): return ("callBack", with(id))
        }
    }
}
