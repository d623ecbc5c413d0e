/// Writes actions as scenario steps (YAML), so what an agent does can be replayed:
/// `agentdesk record` appends one step per action as it happens. The layout is
/// the vocabulary's (`ActionCatalog`): the field a bare value stands for as the
/// action's value, the others beside it or in its mapping, as the reader reads them.
public enum ScenarioWriter {
    /// The step for an action at `time`, as YAML lines; nil for what a scenario does
    /// not script (the passing of time).
    public static func step(_ action: Action, at time: Double) -> String? {
        guard let (name, fields) = ActionCatalog.fields(of: action), let spec = ActionCatalog.spec(name) else { return nil }
        var lines = ["  - at: " + OrderedJSON.number((time * 10).rounded() / 10)]
        var beside: [(String, JSONValue)] = []
        if let primary = spec.primary, let value = fields.first(where: { $0.0 == primary })?.1 {
            lines.append("    \(name): " + yaml(value, word: spec.field(primary)?.isWord == true))
            beside = fields.filter { $0.0 != primary }
        } else {
            let inside = fields.filter { $0.0 != "session" }
            let body = inside.map { key, value in "\(key): " + yaml(value, word: spec.field(key)?.isWord == true) }
            lines.append("    \(name): {" + body.joined(separator: ", ") + "}")
            beside = fields.filter { $0.0 == "session" }
        }
        for (key, value) in beside { lines.append("    \(key): " + yaml(value, word: spec.field(key)?.isWord == true)) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// JSON is YAML: values go in as JSON (text quoted, so `no` or `08` stay text);
    /// fixed words (`phone`, `seat`) and plain session ids (`s2`) go in bare.
    static func yaml(_ value: JSONValue, word: Bool) -> String {
        if word, case let .string(s) = value, s.first?.isLetter == true, s.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
           DocumentNode.Scalar.Kind.resolve(plain: s) == .string {
            return s
        }
        return json(value)
    }

    /// A value as JSON with its keys sorted, so a recording is the same every time.
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

extension ActionField {
    /// Values written bare: words from a fixed list and session ids, which are
    /// never mistaken for numbers or booleans.
    var isWord: Bool {
        switch kind {
        case .choice, .session: true
        default: false
        }
    }
}
