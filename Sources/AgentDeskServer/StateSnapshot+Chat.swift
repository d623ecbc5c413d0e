import AgentDeskCore

extension StateSnapshot {
    /// A chat session's thread in `/api/state`: `unread`, `idleDeadline` while one
    /// runs, `dropped` when older messages were let go, and `messages`, each with
    /// `t`, `from` and `text` (or `card`, `order`) as the transcript's `imMessage` has them.
    static func chat(of s: Session, in core: WorkstationState) -> [(String, OrderedJSON.Value)] {
        guard s.type.hasChat else { return [] }
        let thread = core.thread(s.id)
        var fields: [(String, OrderedJSON.Value)] = [("unread", .number(Double(thread.unread)))]
        if let deadline = core.idleDeadline(of: s.id) { fields.append(("idleDeadline", ms(deadline))) }
        if thread.dropped > 0 { fields.append(("dropped", .number(Double(thread.dropped)))) }
        fields.append(("messages", .array(thread.messages.map { message in
            .object([("t", ms(message.time)), ("from", .string(message.from.rawValue))] + ChatMessage.fields(of: message.content))
        })))
        return fields
    }
}

extension OrderedJSON.Value {
    /// An object with more fields at its end (anything else as it is).
    func appending(_ more: [(String, OrderedJSON.Value)]) -> OrderedJSON.Value {
        guard !more.isEmpty, case let .object(fields) = self else { return self }
        return .object(fields + more)
    }
}
