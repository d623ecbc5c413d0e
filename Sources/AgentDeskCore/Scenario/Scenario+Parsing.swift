import Yams

extension Scenario {
    static let topKeys = ["name", "description", "workstation", "steps"]
    /// Every action a step may take, in the order the README lists them.
    public static let actionNames = [
        "call", "answer", "hangup", "hold", "resume", "mute", "unmute", "transfer", "dtmf", "status", "wrapUp",
        "message", "dial", "dialpad", "dialpadBackspace", "dialpadClear", "calleeAnswer", "select", "expect",
    ]
    static let stepKeys = ["at", "after", "session", "reason"] + actionNames
    /// Actions that may name their session with `session:`.
    static let targeted: Set<String> = ["answer", "hangup", "hold", "resume", "mute", "unmute", "transfer", "dtmf", "calleeAnswer"]

    /// Parses a scenario from YAML or JSON text. `loadWorkstation` reads a
    /// `workstation: path` reference (relative paths are the caller's business);
    /// the core itself reads no files. Every error found is thrown, each located.
    public static func parse(
        _ text: String, file: String,
        loadWorkstation: (String) throws(ConfigErrors) -> WorkstationConfig = { path throws(ConfigErrors) in
            throw ConfigErrors([ConfigError(file: path, line: 0, column: 0, field: "", message: "workstation files cannot be read here")])
        }
    ) throws(ConfigErrors) -> Scenario {
        var reader = DocumentReader(file: file)
        guard let root = reader.root(of: text) else { throw ConfigErrors(reader.errors) }
        guard let top = reader.mapping(root, "", known: topKeys) else { throw ConfigErrors(reader.sortedErrors) }

        var workstation = WorkstationConfig.demo
        if let node = top["workstation"], !node.isNull {
            if case .scalar = node, let path = reader.string(node, "workstation") {
                do {
                    workstation = try loadWorkstation(path)
                } catch {
                    for e in error.errors {
                        reader.report(at: node, "workstation", "\(path) is not a valid configuration: \(e)")
                    }
                }
            } else if case .mapping = node {
                workstation = WorkstationConfig.read(node, field: "workstation", reader: &reader) ?? workstation
            } else if case .sequence = node {
                reader.report(at: node, "workstation", "expected a configuration (a mapping) or the path of one, found a list")
            }
        }

        var steps: [ScenarioStep] = []
        if let node = reader.required(top, "steps", "a scenario is a list of steps") {
            if let items = reader.sequence(node, "steps") {
                var clock = 0.0
                for (index, item) in items.enumerated() {
                    if let step = readStep(item, number: index + 1, previous: clock, reader: &reader) {
                        clock = step.time
                        steps.append(step)
                    }
                }
            }
        }
        let name = top["name"].flatMap { reader.string($0, "name", acceptNumbers: true) }
        let description = top["description"].flatMap { reader.string($0, "description", acceptNumbers: true) }
        guard reader.errors.isEmpty else { throw ConfigErrors(reader.sortedErrors) }
        return Scenario(file: file, name: name, description: description, workstation: workstation, steps: steps)
    }

    static func readStep(_ node: Node, number: Int, previous: Double, reader: inout DocumentReader) -> ScenarioStep? {
        let path = "steps[\(number - 1)]"
        guard let fields = reader.mapping(node, path, known: stepKeys) else { return nil }
        let before = reader.errors.count
        let mark = node.mark
        let actions = fields.entries.filter { actionNames.contains($0.key) }
        guard let action = actions.first else {
            if fields.misspelt.isDisjoint(with: actionNames) {
                reader.report(at: node, path, "a step needs one action: " + actionNames.joined(separator: ", "))
            }
            return nil
        }
        for extra in actions.dropFirst() {
            reader.report(at: extra.keyNode, fields.path(extra.key), "a step takes one action; this one already has '\(action.key)'")
        }

        var time = previous
        if let at = fields["at"], let after = fields["after"] {
            _ = at
            reader.report(at: after, fields.path("after"), "give 'at' or 'after', not both")
        } else if let at = fields["at"] {
            if let value = reader.number(at, fields.path("at"), in: 0...10_000_000) {
                if value < previous {
                    reader.report(at: at, fields.path("at"), "\(format(value)) is before the previous step (\(format(previous))); steps play in order")
                }
                time = value
            }
        } else if let after = fields["after"] {
            time = previous + (reader.number(after, fields.path("after"), in: 0...10_000_000) ?? 0)
        }

        var target: SessionID?
        if let s = fields["session"] {
            if targeted.contains(action.key) {
                target = reader.string(s, fields.path("session")).map { SessionID($0) }
            } else {
                reader.report(at: s, fields.path("session"), "'\(action.key)' takes no session; only " + targeted.sorted().joined(separator: ", ") + " do")
            }
        }
        if let r = fields["reason"], action.key != "status" {
            reader.report(at: r, fields.path("reason"), "'reason' goes with 'status: rest'")
        }

        let kind = readAction(action.key, action.value, fields: fields, target: target, path: fields.path(action.key), reader: &reader)
        guard reader.errors.count == before, let kind else { return nil }
        return ScenarioStep(number: number, line: (mark?.line ?? 0) + reader.lineOffset, column: mark?.column ?? 0, time: time,
                            name: action.key, kind: kind)
    }

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    private static func readAction(
        _ name: String, _ node: Node, fields: Fields, target: SessionID?, path: String, reader: inout DocumentReader
    ) -> ScenarioStep.Kind? {
        /// For actions that take nothing: `{}`, nothing, or `null`.
        func empty() -> Bool {
            if node.isNull { return true }
            if case let .mapping(m) = node, m.isEmpty { return true }
            reader.report(at: node, path, "takes no arguments; write \(name): {}")
            return false
        }
        switch name {
        case "call":
            let known = ["type", "mobile", "userId", "nickName", "avatar", "timeout"]
            if node.isNull { return .actions([.callIn(IncomingCall(caller: Caller()))]) }
            guard let f = reader.mapping(node, path, known: known) else { return nil }
            var call = IncomingCall(caller: Caller())
            if let t = f["type"] { call.type = reader.choice(t, f.path("type"), as: SessionType.self) ?? .phone }
            func text(_ key: String) -> String? {
                guard let n = f[key], !n.isNull else { return nil }
                return reader.string(n, f.path(key), acceptNumbers: true)
            }
            call.caller = Caller(mobile: text("mobile"), userId: text("userId"), nickName: text("nickName"), avatar: text("avatar"))
            if let t = f["timeout"] { call.ringTimeout = reader.number(t, f.path("timeout"), in: 0...86_400) ?? 0 }
            return .actions([.callIn(call)])
        case "answer": return empty() ? .actions([.answer(target)]) : nil
        case "calleeAnswer": return empty() ? .actions([.calleeAnswer(target)]) : nil
        case "hold": return empty() ? .actions([.hold(target)]) : nil
        case "resume": return empty() ? .actions([.resume(target)]) : nil
        case "mute": return empty() ? .actions([.mute(target)]) : nil
        case "unmute": return empty() ? .actions([.unmute(target)]) : nil
        case "dial": return empty() ? .actions([.dial]) : nil
        case "dialpadBackspace": return empty() ? .actions([.dialpad(.backspace)]) : nil
        case "dialpadClear": return empty() ? .actions([.dialpad(.clear)]) : nil
        case "hangup":
            if node.isNull { return .actions([.hangUp(target, closeBy: .seat)]) }
            guard let f = reader.mapping(node, path, known: ["closeBy"]) else { return nil }
            let closeBy = f["closeBy"].flatMap { reader.choice($0, f.path("closeBy"), as: CloseBy.self) } ?? .seat
            return .actions([.hangUp(target, closeBy: closeBy)])
        case "transfer":
            guard let f = reader.mapping(node, path, known: ["to"]) else { return nil }
            guard let to = reader.required(f, "to", "say where to: a skill group or an agent"),
                  let destination = reader.string(to, f.path("to"), acceptNumbers: true) else { return nil }
            return .actions([.transfer(target, to: destination)])
        case "dtmf":
            guard let digits = reader.string(node, path, acceptNumbers: true) else { return nil }
            guard !digits.isEmpty, digits.allSatisfy(Dialpad.isDTMFTone) else {
                reader.report(at: node, path, "\"\(digits)\" is not a string of tones; DTMF sends 0-9, * and #")
                return nil
            }
            return .actions([.sendDTMF(target, digits: digits)])
        case "status":
            guard let status = reader.choice(node, path, as: AgentStatus.self) else { return nil }
            guard AgentStatus.selectable.contains(status) else {
                reader.report(at: node, path, "\(status.rawValue) is set by the system; a scenario chooses free, notReady, rest or offline")
                return nil
            }
            let reason = fields["reason"].flatMap { reader.string($0, fields.path("reason"), acceptNumbers: true) }
            if status == .rest && reason == nil {
                reader.report(at: node, path, "rest needs a reason: add 'reason: 午休' to the step")
                return nil
            }
            return .actions([.setStatus(status, reason: reason)])
        case "wrapUp":
            guard let choice = reader.choice(node, path, as: WrapUp.self) else { return nil }
            return .actions([.wrapUp(choice)])
        case "select":
            guard let id = reader.string(node, path) else { return nil }
            return .actions([.select(SessionID(id))])
        case "message":
            return .actions([.pageMessage(jsonValue(of: node), page: nil)])
        case "dialpad":
            guard let keys = reader.string(node, path, acceptNumbers: true) else { return nil }
            let bad = keys.filter { !Dialpad.isDTMFTone($0) && $0 != "+" }
            guard !keys.isEmpty, bad.isEmpty else {
                reader.report(at: node, path, "\"\(keys)\" has keys the dialpad does not have; use 0-9, *, # and a leading +")
                return nil
            }
            return .actions(keys.map { .dialpad(.press($0)) })
        case "expect":
            return readExpectation(node, path: path, reader: &reader).map { .expect($0) }
        default:
            return nil
        }
    }

    private static func readExpectation(_ node: Node, path: String, reader: inout DocumentReader) -> Expectation? {
        let known = ["session", "agent", "reason", "tabs", "page", "dialpad", "lastRequest"]
        guard let f = reader.mapping(node, path, known: known) else { return nil }
        var e = Expectation()
        if let s = f["session"], let sf = reader.mapping(s, f.path("session"), known: Expectation.sessionFields) {
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
            if let params = pf["params"], case let .mapping(m) = params {
                for (key, value) in m {
                    let name = key.string ?? ""
                    if let text = scalarText(value, "\(pf.path("params")).\(name)", reader: &reader) { e.pageParameters.append((name, text)) }
                }
            } else if let params = pf["params"] {
                reader.report(at: params, pf.path("params"), "expected a mapping of parameter names to values")
            }
            if pf["url"] == nil && pf["params"] == nil {
                reader.report(at: p, f.path("page"), "say what to check: url (the whole URL) or params (some hash parameters)")
            }
        }
        if let d = f["dialpad"], let df = reader.mapping(d, f.path("dialpad"), known: ["number", "display"]) {
            if let n = df["number"] { e.dialpadNumber = reader.string(n, df.path("number"), acceptNumbers: true) }
            if let n = df["display"] { e.dialpadDisplay = reader.string(n, df.path("display"), acceptNumbers: true) }
        }
        if let l = f["lastRequest"], let lf = reader.mapping(l, f.path("lastRequest"), known: ["outcome", "display"]) {
            if let o = lf["outcome"], let word = reader.string(o, lf.path("outcome")) {
                let outcomes = ["accepted", "refused", "ignored", "unsupported"]
                if outcomes.contains(word) { e.lastRequestOutcome = word } else {
                    reader.report(at: o, lf.path("outcome"), "'\(word)' is not one of " + outcomes.joined(separator: ", "))
                }
            }
            if let n = lf["display"] { e.lastRequestDisplay = reader.string(n, lf.path("display"), acceptNumbers: true) }
        }
        return e
    }

    /// A scalar compared as text: `200`, `true` and `"200"` all mean what they say.
    private static func scalarText(_ node: Node, _ field: String, reader: inout DocumentReader) -> String? {
        guard case let .scalar(s) = node else {
            reader.report(at: node, field, "expected a single value, found \(reader.describe(node))")
            return nil
        }
        return s.string
    }

    /// A YAML node as the JSON value a page would have posted.
    static func jsonValue(of node: Node) -> JSONValue {
        switch node {
        case let .scalar(s):
            switch node.tag.rawValue {
            case Tag.Name.null.rawValue: return .null
            case Tag.Name.bool.rawValue: return node.bool.map(JSONValue.bool) ?? .string(s.string)
            case Tag.Name.int.rawValue, Tag.Name.float.rawValue: return node.float.map(JSONValue.number) ?? .string(s.string)
            default: return .string(s.string)
            }
        case let .mapping(m):
            var object: [String: JSONValue] = [:]
            for (k, v) in m { object[k.string ?? ""] = jsonValue(of: v) }
            return .object(object)
        case let .sequence(seq):
            return .array(seq.map(jsonValue(of:)))
        case .alias:
            return .null
        }
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
