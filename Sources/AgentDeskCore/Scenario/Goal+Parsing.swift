extension Scenario {
    /// `goal: {session: {status: 200}, within: 10, points: 10, hint: "press a to answer"}`:
    /// the condition's keys are `expect`'s, beside `within` (required), `points`
    /// (default 1) and `hint`.
    static func readGoal(_ node: DocumentNode, path: String, reader: inout DocumentReader) -> Goal? {
        let before = reader.errors.count
        let condition = readExpectation(node, path: path, reader: &reader, extra: Goal.ownFields)
        guard condition != nil, case let .mapping(pairs, _) = node else { return nil }
        let f = Fields.join
        let keys = pairs.compactMap { $0.0.text }
        if !keys.contains(where: expectationKeys.contains) {
            reader.report(at: node, path, "say what must become true, with expect's keys: " + expectationKeys.joined(separator: ", "))
        }
        func value(_ key: String) -> DocumentNode? { pairs.first { $0.0.text == key }?.1 }
        var within: Double?
        if let node = value("within") {
            within = reader.number(node, f(path, "within"), in: 0...Goal.maxWithin)
            if within == 0 {
                reader.report(at: node, f(path, "within"), "0 s leaves the trainee no time; give the seconds allowed, e.g. within: 10")
                within = nil
            }
        } else if !keys.contains(where: { NearestName.suggestion(for: $0, among: ["within"]) != nil }) {
            // (A misspelt within is reported as such, not as missing too.)
            reader.report(at: node, f(path, "within"), "say how many seconds the trainee has, e.g. within: 10")
        }
        var points = Goal.defaultPoints
        if let node = value("points"), let n = reader.number(node, f(path, "points"), in: 0...Double(Goal.maxPoints)) {
            if n == n.rounded() { points = Int(n) } else {
                reader.report(at: node, f(path, "points"), "\(OrderedJSON.number(n)) is not a whole number of points")
            }
        }
        var hint: String?
        if let node = value("hint"), let text = reader.string(node, f(path, "hint"), acceptNumbers: true, maxLength: Goal.maxHintLength) {
            if text.allSatisfy(\.isWhitespace) {
                reader.report(at: node, f(path, "hint"), "the hint is empty; say what the trainee should do, or leave hint out")
            } else {
                hint = text
            }
        }
        guard reader.errors.count == before, let condition, let within else { return nil }
        return Goal(condition: condition, within: within, points: points, hint: hint)
    }

    /// `by: scenario` beside an action: a drill plays it although it is the
    /// trainee's kind of action (the scenario answers for a colleague, say).
    static func readBy(_ fields: Fields, action: String, reader: inout DocumentReader) -> Bool {
        guard let entry = fields.entries.first(where: { $0.key == "by" }) else { return false }
        guard ActionCatalog.spec(action) != nil else {
            reader.report(at: entry.keyNode, fields.path("by"), "'by' marks an action as played by the scenario; '\(action)' is not an action")
            return false
        }
        return reader.choice(entry.value, fields.path("by"), among: ["scenario"]) != nil
    }
}
