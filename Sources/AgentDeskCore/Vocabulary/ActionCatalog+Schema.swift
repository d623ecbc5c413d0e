extension ActionCatalog {
    /// The JSON Schema of a scenario step, made from the vocabulary, so the schema
    /// editors use cannot drift from what the reader takes (a test holds
    /// `docs/scenario.schema.json` to it). `expect` refers to `#/$defs/expect`.
    public static var stepSchema: OrderedJSON.Value {
        var properties: [(String, OrderedJSON.Value)] = [
            ("at", .object([("type", .string("number")), ("minimum", .number(0)), ("description", .string("Seconds from the start."))])),
            ("after", .object([("type", .string("number")), ("minimum", .number(0)),
                               ("description", .string("Seconds after the previous step (default 0)."))])),
        ]
        // Fields that may stand beside their action (`session: s2`, `reason: 午休`).
        var beside: [String] = []
        for spec in all {
            let names = spec.primary != nil ? spec.fieldNames.filter { $0 != spec.primary } : (spec.takesSession ? ["session"] : [])
            for name in names where !beside.contains(name) { beside.append(name) }
        }
        for name in beside {
            let field = all.lazy.compactMap { $0.field(name) }.first!
            let owners = all.filter { spec in spec.field(name) != nil && (spec.primary != name) }.map(\.name)
            properties.append((name, schema(of: field, description: field.help + " Beside: " + owners.joined(separator: ", ") + ".")))
        }
        for spec in all {
            properties.append((spec.name, schema(of: spec)))
        }
        properties.append(("expect", .object([("$ref", .string("#/$defs/expect"))])))
        properties.append(("say", .object([
            ("description", .string("A caption for the class, shown in a banner above the panes until the next say (or for `for` seconds).")),
            ("type", .array([.string("string"), .string("integer")])), ("minLength", .number(1)),
            ("maxLength", .number(Double(Scenario.maxCaptionLength))),
        ])))
        properties.append(("for", .object([
            ("description", .string("Beside say: how many seconds the caption shows (default: until the next say).")),
            ("type", .string("number")), ("exclusiveMinimum", .number(0)), ("maximum", .number(Scenario.maxCaptionSeconds)),
        ])))
        properties.append(("goal", .object([("$ref", .string("#/$defs/goal"))])))
        properties.append(("by", .object([
            ("description", .string("Beside an action: `scenario` lets a drill play an action that is the trainee's to do.")),
            ("enum", .array([.string("scenario")])),
        ])))
        properties.append(("pause", .object([
            ("description", .string("Playback waits for the trainer (space); a headless run notes it and goes on.")),
            ("type", .array([.string("object"), .string("null")])), ("additionalProperties", .bool(false)), ("maxProperties", .number(0)),
        ])))
        properties += pageStepSchemas
        return .object([
            ("type", .string("object")),
            ("additionalProperties", .bool(false)),
            ("description", .string("`at` or `after`, and exactly one action (or expect, say, pause); the action's other fields inside its value or beside it.")),
            ("properties", .object(properties)),
            ("oneOf", .array((names + Scenario.narrationNames + Scenario.pageStepNames).map { .object([("required", .array([.string($0)]))]) })),
            ("allOf", .array([
                .object([("not", .object([("required", .array([.string("at"), .string("after")]))]))]),
                .object([("if", .object([("required", .array([.string("for")]))])), ("then", .object([("required", .array([.string("say")]))]))]),
            ])),
        ])
    }

    private static func schema(of spec: ActionSpec) -> OrderedJSON.Value {
        var fields: [(String, OrderedJSON.Value)] = spec.fields.map { ($0.name, schema(of: $0, description: $0.help)) }
        let required = spec.fields.filter { $0.requiredBecause != nil }.map { OrderedJSON.Value.string($0.name) }
        var object: [(String, OrderedJSON.Value)] = [
            ("type", required.isEmpty ? .array([.string("object"), .string("null")]) : .string("object")),
            ("additionalProperties", .bool(false)),
            ("properties", .object(fields)),
        ]
        if !required.isEmpty { object.append(("required", .array(required))) }
        guard let primary = spec.primary, let field = spec.field(primary) else {
            return .object([("description", .string(spec.summary))] + object)
        }
        if field.kind == .json { return schema(of: field, description: spec.summary + " " + field.help) }
        return .object([("description", .string(spec.summary)), ("anyOf", .array([schema(of: field, description: field.help), .object(object)]))])
    }

    private static func schema(of field: ActionField, description: String) -> OrderedJSON.Value {
        var fields: [(String, OrderedJSON.Value)] = [("description", .string(description))]
        switch field.kind {
        case .session:
            fields += [("type", .string("string")), ("maxLength", .number(Double(ActionField.maxSessionIDLength)))]
        case let .text(maxLength):
            fields += [("type", .array([.string("string"), .string("integer")])), ("maxLength", .number(Double(maxLength)))]
        case .tones:
            fields += [("type", .array([.string("string"), .string("integer")])), ("pattern", .string("^[0-9*#]{1,\(ActionField.maxTones)}$"))]
        case .keys:
            fields += [("type", .array([.string("string"), .string("integer")])), ("pattern", .string("^(\\+[0-9*#]{0,\(ActionField.maxKeys - 1)}|[0-9*#]{1,\(ActionField.maxKeys)})$"))]
        case let .choice(words):
            fields += [("enum", .array(words.map(OrderedJSON.Value.string)))]
        case let .seconds(range):
            fields += [("type", .string("number")), ("minimum", .number(range.lowerBound)), ("maximum", .number(range.upperBound))]
        case .json:
            break
        }
        return .object(fields)
    }
}
