/// Writes actions as scenario steps (YAML), so what an agent does can be replayed:
/// `agentdesk record` appends one step per action as it happens.
public enum ScenarioWriter {
    /// The step for an action at `time`, as YAML lines; nil for what a scenario does
    /// not script (the passing of time).
    public static func step(_ action: Action, at time: Double) -> String? {
        let at = "  - at: " + OrderedJSON.number((time * 10).rounded() / 10) + "\n"
        func line(_ body: String, session: SessionID? = nil) -> String {
            at + "    " + body + "\n" + (session.map { "    session: \($0.rawValue)\n" } ?? "")
        }
        func quoted(_ s: String) -> String { OrderedJSON.encode(.string(s)) }
        switch action {
        case .tick:
            return nil
        case let .callIn(call):
            var fields = ["type: \(call.type.rawValue)"]
            for (key, value) in [("mobile", call.caller.mobile), ("userId", call.caller.userId),
                                 ("nickName", call.caller.nickName), ("avatar", call.caller.avatar)] {
                if let value { fields.append("\(key): \(quoted(value))") }
            }
            if call.ringTimeout > 0 { fields.append("timeout: \(OrderedJSON.number(call.ringTimeout))") }
            return line("call: {" + fields.joined(separator: ", ") + "}")
        case let .answer(id): return line("answer: {}", session: id)
        case let .calleeAnswer(id): return line("calleeAnswer: {}", session: id)
        case let .hangUp(id, closeBy): return line("hangup: {closeBy: \(closeBy.rawValue)}", session: id)
        case let .hold(id): return line("hold: {}", session: id)
        case let .resume(id): return line("resume: {}", session: id)
        case let .mute(id): return line("mute: {}", session: id)
        case let .unmute(id): return line("unmute: {}", session: id)
        case let .transfer(id, to): return line("transfer: {to: \(quoted(to))}", session: id)
        case let .sendDTMF(id, digits): return line("dtmf: \(quoted(digits))", session: id)
        case let .setStatus(status, reason):
            return line("status: \(status.rawValue)") + (reason.map { "    reason: \(quoted($0))\n" } ?? "")
        case let .wrapUp(choice): return line("wrapUp: \(choice.rawValue)")
        case let .select(id): return line("select: \(id.rawValue)")
        case let .pageMessage(message, _): return line("message: " + json(message))
        case let .dialpad(.press(key)): return line("dialpad: \(quoted(String(key)))")
        case .dialpad(.backspace): return line("dialpadBackspace: {}")
        case .dialpad(.clear): return line("dialpadClear: {}")
        case .dial: return line("dial: {}")
        }
    }

    /// JSON is YAML: a message goes in as the JSON a page would post.
    static func json(_ value: JSONValue) -> String {
        func ordered(_ v: JSONValue) -> OrderedJSON.Value {
            switch v {
            case .null: .null
            case let .bool(b): .bool(b)
            case let .number(n): .number(n)
            case let .string(s): .string(s)
            case let .array(a): .array(a.map(ordered))
            case let .object(o): .object(o.keys.sorted().map { ($0, ordered(o[$0]!)) })
            }
        }
        return OrderedJSON.encode(ordered(value))
    }
}
