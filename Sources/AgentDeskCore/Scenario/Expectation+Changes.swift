extension Expectation {
    /// What an action changed, as an `expect` would check it (`record --with-expects`):
    /// the selected session's fields that differ (its status, direction and caller
    /// when another session is now selected), the agent's status (and rest's
    /// reason), the visible tabs, the dialpad. Nil when nothing checkable changed.
    public static func changes(from before: WorkstationState, to after: WorkstationState) -> Expectation? {
        var e = Expectation()
        if let new = after.selectedSession {
            if let old = before.selectedSession, old.id == new.id {
                for field in sessionFields {
                    if let value = value(of: field, in: new), value != self.value(of: field, in: old) { e.session.append((field, value)) }
                }
            } else {
                for field in ["status", "direction", "mobile"] {
                    if let value = value(of: field, in: new) { e.session.append((field, value)) }
                }
            }
        }
        if before.agent.status != after.agent.status || before.agent.restReason != after.agent.restReason {
            e.agentStatus = after.agent.status
            if after.agent.status == .rest { e.restReason = after.agent.restReason }
        }
        let tabs = after.visiblePages.map(\.name)
        if before.visiblePages.map(\.name) != tabs { e.tabs = tabs }
        if before.dialpad.number != after.dialpad.number { e.dialpadNumber = after.dialpad.number }
        if before.dialpad.display != after.dialpad.display { e.dialpadDisplay = after.dialpad.display }
        return e == Expectation() ? nil : e
    }
}

extension ScenarioWriter {
    /// An `expect` step (YAML, one line): numbers and booleans bare, text as JSON.
    public static func expectStep(_ e: Expectation) -> String {
        func text(_ s: String) -> String { OrderedJSON.encode(.string(s)) }
        var parts: [String] = []
        if !e.session.isEmpty {
            let fields = e.session.map { key, value in
                let bare = (key == "status" && Int(value) != nil) || ((key == "onHold" || key == "muted") && (value == "true" || value == "false"))
                    || (["type", "direction", "closeBy"].contains(key) && value.allSatisfy { $0.isASCII && $0.isLetter })
                return "\(key): " + (bare ? value : text(value))
            }
            parts.append("session: {" + fields.joined(separator: ", ") + "}")
        }
        if let status = e.agentStatus { parts.append("agent: " + status.rawValue) }
        if let reason = e.restReason { parts.append("reason: " + text(reason)) }
        if let tabs = e.tabs { parts.append("tabs: [" + tabs.map(text).joined(separator: ", ") + "]") }
        var dialpad: [String] = []
        if let number = e.dialpadNumber { dialpad.append("number: " + text(number)) }
        if let display = e.dialpadDisplay { dialpad.append("display: " + text(display)) }
        if !dialpad.isEmpty { parts.append("dialpad: {" + dialpad.joined(separator: ", ") + "}") }
        return "  - expect: {" + parts.joined(separator: ", ") + "}\n"
    }
}
