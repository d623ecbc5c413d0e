extension Scenario {
    static let topKeys = ["name", "description", "workstation", "steps"]
    /// What a step may do: an action of the vocabulary, or check the state.
    public static let stepNames = ActionCatalog.names + narrationNames + pageStepNames
    /// The steps that drive a page in a browser run (`run --headless --browser`).
    public static let pageStepNames = PageStep.Verb.allCases.map(\.rawValue)
    /// The steps that are not workstation actions: checks and narration.
    public static let narrationNames = ["expect", "say", "pause", "goal"]
    /// The longest caption: it is shown whole, wrapped, even on a 60×20 terminal.
    public static let maxCaptionLength = 240
    /// The longest a caption may be asked to stay (a day).
    public static let maxCaptionSeconds: Double = 86_400

    /// Parses a scenario from YAML or JSON text, whatever its layout. `loadWorkstation`
    /// reads a `workstation: path` reference (relative paths are the caller's
    /// business); the core itself reads no files. Every error found is thrown, each
    /// located. A workstation configuration given as a scenario says that it is one.
    public static func parse(
        _ text: String, file: String, limits: DocumentLimits = .standard,
        loadWorkstation: (String) throws(ConfigErrors) -> WorkstationConfig = noWorkstationFiles
    ) throws(ConfigErrors) -> Scenario {
        switch try WorkstationDocument.read(text, file: file, expecting: .scenario, limits: limits, loadWorkstation: loadWorkstation) {
        case let .scenario(scenario): return scenario
        case .configuration: preconditionFailure("read(expecting: .scenario) gives a scenario or throws")
        }
    }

    /// For text that may not name other files (the built-in demo, tests).
    public static func noWorkstationFiles(_ path: String) throws(ConfigErrors) -> WorkstationConfig {
        throw ConfigErrors([ConfigError(file: path, line: 0, column: 0, field: "", message: "workstation files cannot be read here")])
    }

    /// The scenario's header (everything but its steps) from the parsed root.
    static func readHeader(_ top: Fields, file: String, reader: inout DocumentReader,
                           loadWorkstation: (String) throws(ConfigErrors) -> WorkstationConfig) -> Scenario {
        var workstation = WorkstationConfig.demo
        if let node = top["workstation"], !node.isNull {
            switch node {
            case .scalar:
                if let path = reader.string(node, "workstation", maxLength: 4096) {
                    do {
                        workstation = try loadWorkstation(path)
                    } catch {
                        for e in error.errors {
                            reader.report(at: node, "workstation", "\(path) is not a valid configuration: \(e)")
                        }
                    }
                }
            case .mapping:
                workstation = WorkstationConfig.read(node, field: "workstation", reader: &reader) ?? workstation
            case .sequence:
                reader.report(at: node, "workstation", "expected a configuration (a mapping) or the path of one, found a list")
            }
        }
        if let node = top["steps"], !node.isNull, case .scalar = node {
            reader.report(at: node, "steps", "expected a list, found \(reader.describe(node))")
        } else if let node = top["steps"], case .mapping = node {
            reader.report(at: node, "steps", "expected a list, found a mapping")
        }
        let name = top["name"].flatMap { reader.string($0, "name", acceptNumbers: true, maxLength: 256) }
        let description = top["description"].flatMap { reader.string($0, "description", acceptNumbers: true) }
        return Scenario(file: file, name: name, description: description, workstation: workstation, steps: [])
    }

    /// Reads one step; nil (with the errors in `reader`) when it is not valid.
    static func readStep(_ node: DocumentNode, number: Int, previous: Double, reader: inout DocumentReader) -> ScenarioStep? {
        let path = "steps[\(number - 1)]"
        guard let fields = reader.mapping(node, path, known: ["at", "after", "for"] + stepNames + ActionCatalog.fieldNames + ["by"]) else { return nil }
        let before = reader.errors.count
        let named = fields.entries.filter { stepNames.contains($0.key) }
        guard let action = named.first else {
            if fields.misspelt.isDisjoint(with: stepNames) {
                reader.report(at: node, path, "a step needs one action: " + stepNames.joined(separator: ", "))
            }
            return nil
        }
        for extra in named.dropFirst() {
            // `type` is a page step and also a field of call: beside call, it is call's.
            if let spec = ActionCatalog.spec(action.key), spec.field(extra.key) != nil {
                reader.report(at: extra.value, fields.path(extra.key), "'\(extra.key)' goes inside '\(spec.name)', not beside it")
                continue
            }
            reader.report(at: extra.keyNode, fields.path(extra.key), "a step takes one action; this one already has '\(action.key)'")
        }

        var time = previous
        if fields["at"] != nil, let after = fields["after"] {
            reader.report(at: after, fields.path("after"), "give 'at' or 'after', not both")
        } else if let at = fields["at"] {
            if let value = reader.number(at, fields.path("at"), in: 0...10_000_000) {
                if value < previous {
                    reader.report(at: at, fields.path("at"), "\(OrderedJSON.number(value)) is before the previous step (\(OrderedJSON.number(previous))); steps play in order")
                }
                time = value
            }
        } else if let after = fields["after"] {
            time = previous + (reader.number(after, fields.path("after"), in: 0...10_000_000) ?? 0)
        }

        if action.key != "say", let entry = fields.entries.first(where: { $0.key == "for" }) {
            reader.report(at: entry.keyNode, fields.path("for"), "'for' goes with say (how long its caption shows), not with '\(action.key)'")
        }
        let kind: ScenarioStep.Kind?
        if let spec = ActionCatalog.spec(action.key) {
            kind = readAction(spec, action.value, fields: fields, reader: &reader).map { .actions($0) }
        } else {
            for entry in fields.entries where ActionCatalog.fieldNames.contains(entry.key) && entry.key != action.key {
                reader.report(at: entry.keyNode, fields.path(entry.key), "'\(action.key)' takes no \(entry.key)")
            }
            kind = readNarration(action.key, action.value, fields: fields, reader: &reader)
        }
        let byScenario = readBy(fields, action: action.key, reader: &reader)
        guard reader.errors.count == before, let kind else { return nil }
        let mark = node.mark
        var step = ScenarioStep(number: number, line: mark.line, column: mark.column, time: time, name: action.key, kind: kind)
        step.byScenario = byScenario
        return step
    }

    /// A step's action: its value (`dtmf: "12#"`, `call: {mobile: …}`) and the
    /// fields beside it (`session: s2`, `reason: 午休`), read by the vocabulary.
    private static func readAction(_ spec: ActionSpec, _ value: DocumentNode, fields: Fields, reader: inout DocumentReader) -> [Action]? {
        let path = fields.path(spec.name)
        var arguments: [String: (value: DocumentNode, path: String)] = [:]
        // Beside the action: the fields other than the one its bare value stands for;
        // for actions without one, only the session.
        let beside = spec.primary != nil ? spec.fieldNames.filter { $0 != spec.primary } : (spec.takesSession ? ["session"] : [])
        for entry in fields.entries where ActionCatalog.fieldNames.contains(entry.key) && !stepNames.contains(entry.key) {
            if beside.contains(entry.key) {
                arguments[entry.key] = (entry.value, fields.path(entry.key))
            } else if entry.key == "session" {
                let targeted = ActionCatalog.all.filter(\.takesSession).map(\.name).sorted()
                reader.report(at: entry.value, fields.path("session"), "'\(spec.name)' takes no session; only " + targeted.joined(separator: ", ") + " do")
            } else if spec.field(entry.key) != nil {
                reader.report(at: entry.value, fields.path(entry.key), "'\(entry.key)' goes inside '\(spec.name)', not beside it")
            } else {
                reader.report(at: entry.value, fields.path(entry.key), "'\(entry.key)' goes with " + ActionCatalog.owners(of: entry.key))
            }
        }
        let primaryIsJSON = spec.primary.flatMap { spec.field($0) }?.kind == .json
        if let primary = spec.primary, !value.isMapping || primaryIsJSON {
            if !value.isNull { arguments[primary] = (value, path) }
        } else if value.isNull {
            // `answer:` or `call:` alone: no arguments.
        } else if case .mapping = value {
            guard let inner = reader.mapping(value, path, known: spec.fieldNames) else { return nil }
            for entry in inner.entries {
                if arguments[entry.key] != nil {
                    reader.report(at: entry.keyNode, inner.path(entry.key), "given twice: here and beside the action")
                } else {
                    arguments[entry.key] = (entry.value, inner.path(entry.key))
                }
            }
        } else if spec.fields.allSatisfy({ $0.name == "session" }) {
            reader.report(at: value, path, "takes no arguments; write \(spec.name): {}")
            return nil
        } else {
            reader.report(at: value, path, "expected a mapping of " + spec.fieldNames.joined(separator: ", ") + ", found \(reader.describe(value))")
            return nil
        }
        return spec.read(arguments, at: value, path: path, reader: &reader)
    }

    /// `expect`, `say` (with `for` beside it) and `pause`.
    private static func readNarration(_ name: String, _ value: DocumentNode, fields: Fields, reader: inout DocumentReader) -> ScenarioStep.Kind? {
        let path = fields.path(name)
        switch name {
        case "say":
            guard let text = reader.string(value, path, acceptNumbers: true, maxLength: maxCaptionLength) else { return nil }
            guard !text.allSatisfy(\.isWhitespace) else {
                reader.report(at: value, path, "the caption is empty; write what the class should read")
                return nil
            }
            let seconds = fields["for"].flatMap { reader.number($0, fields.path("for"), in: 0...maxCaptionSeconds) }
            if let seconds, seconds == 0, let node = fields["for"] {
                reader.report(at: node, fields.path("for"), "a caption shown for 0 s is never seen; leave 'for' out to keep it until the next say")
            }
            return .say(text, seconds: seconds)
        case _ where pageStepNames.contains(name):
            return readPageStep(PageStep.Verb(rawValue: name)!, value, path: path, reader: &reader).map { .page($0) }
        case "pause":
            if value.isNull { return .pause }
            if case let .mapping(pairs, _) = value, pairs.isEmpty { return .pause }
            reader.report(at: value, path, "takes no arguments; write pause: {}")
            return nil
        case "goal":
            return readGoal(value, path: path, reader: &reader).map { .goal($0) }
        default:
            return readExpectation(value, path: path, reader: &reader).map { .expect($0) }
        }
    }

    static let expectationKeys = ["session", "agent", "reason", "tabs", "page", "dialpad", "lastRequest", "pageMessages", "pageErrors", "queue"]

    static func readExpectation(_ node: DocumentNode, path: String, reader: inout DocumentReader, extra: [String] = []) -> Expectation? {
        let known = expectationKeys
        guard let f = reader.mapping(node, path, known: known + extra) else { return nil }
        var e = Expectation()
        // An expectation that checks nothing would count as held: each part must say what it checks.
        if extra.isEmpty, case let .mapping(pairs, _) = node, pairs.isEmpty {
            reader.report(at: node, path, "say what to check: " + known.joined(separator: ", "))
        }
        func nonEmpty(_ fields: Fields, _ what: String) {
            if case let .mapping(pairs, _) = fields.node, pairs.isEmpty { reader.report(at: fields.node, fields.path, "say what to check: \(what)") }
        }
        if let s = f["session"], let sf = reader.mapping(s, f.path("session"), known: Expectation.sessionFields) {
            nonEmpty(sf, Expectation.sessionFields.joined(separator: ", "))
            for (key, _, value) in sf.entries {
                if let text = scalarText(value, sf.path(key), reader: &reader) { e.session.append((key, text)) }
            }
        }
        if let a = f["agent"] { e.agentStatus = reader.choice(a, f.path("agent"), as: AgentStatus.self) }
        if let r = f["reason"] { e.restReason = reader.string(r, f.path("reason"), acceptNumbers: true) }
        if let t = f["tabs"], let items = reader.sequence(t, f.path("tabs")) {
            e.tabs = items.enumerated().compactMap { reader.string($1, "\(f.path("tabs"))[\($0)]", acceptNumbers: true) }
        }
        if let p = f["page"], let pf = reader.mapping(p, f.path("page"), known: ["tab", "url", "params"]) {
            if let tab = reader.required(pf, "tab", "name the tab whose URL to check") {
                e.page = reader.string(tab, pf.path("tab"), acceptNumbers: true)
            }
            if let url = pf["url"] { e.pageURL = reader.string(url, pf.path("url")) }
            if let params = pf["params"], case let .mapping(pairs, _) = params {
                for (key, value) in pairs {
                    let name = key.text ?? ""
                    if let text = scalarText(value, "\(pf.path("params")).\(name)", reader: &reader) { e.pageParameters.append((name, text)) }
                }
            } else if let params = pf["params"] {
                reader.report(at: params, pf.path("params"), "expected a mapping of parameter names to values")
            }
            if let params = pf["params"], case let .mapping(pairs, _) = params, pairs.isEmpty {
                reader.report(at: params, pf.path("params"), "say which parameters to check, e.g. {status: \"200\"}")
            }
            if pf["url"] == nil && pf["params"] == nil {
                reader.report(at: p, f.path("page"), "say what to check: url (the whole URL) or params (some hash parameters)")
            }
        }
        if let d = f["dialpad"], let df = reader.mapping(d, f.path("dialpad"), known: ["number", "display"]) {
            nonEmpty(df, "number, display")
            if let n = df["number"] { e.dialpadNumber = reader.string(n, df.path("number"), acceptNumbers: true) }
            if let n = df["display"] { e.dialpadDisplay = reader.string(n, df.path("display"), acceptNumbers: true) }
        }
        if let l = f["lastRequest"], let lf = reader.mapping(l, f.path("lastRequest"), known: ["outcome", "display"]) {
            nonEmpty(lf, "outcome, display")
            if let o = lf["outcome"], let word = reader.string(o, lf.path("outcome")) {
                let outcomes = ["accepted", "refused", "ignored", "unsupported"]
                if outcomes.contains(word) { e.lastRequestOutcome = word } else {
                    reader.report(at: o, lf.path("outcome"), "'\(word)' is not one of " + outcomes.joined(separator: ", "))
                }
            }
            if let n = lf["display"] { e.lastRequestDisplay = reader.string(n, lf.path("display"), acceptNumbers: true) }
        }
        readPageExpectations(f, into: &e, reader: &reader)
        if let q = f["queue"], let count = reader.number(q, f.path("queue"), in: 0...Double(QueuePolicy.capacityRange.upperBound)) {
            if let whole = Int(exactly: count) { e.queueLength = whole } else {
                reader.report(at: q, f.path("queue"), "expected a whole number of callers, found \(count)")
            }
        }
        return e
    }

    /// A scalar compared as text: `200`, `true` and `"200"` all mean what they say.
    private static func scalarText(_ node: DocumentNode, _ field: String, reader: inout DocumentReader) -> String? {
        guard case let .scalar(s) = node else {
            reader.report(at: node, field, "expected a single value, found \(reader.describe(node))")
            return nil
        }
        if s.text.utf8.count > DocumentReader.maxTextLength {
            reader.report(at: node, field, "is longer than \(DocumentReader.maxTextLength) characters; nothing that long is compared")
            return nil
        }
        return s.text
    }

}
