extension WorkstationConfig {
    static let topKeys = ["sdkAppId", "agent", "pages", "allowInsecureLocalhost", "afterCallWork", "timeoutTransferTo", "maxSessions",
                          "queue", "transferTargets", "restReasons"] + chatKeys
    static let agentKeys = ["email", "mobile", "nickName", "role", "roleId"]
    static let pageKeys = ["name", "url", "alwaysShow", "enabled"]

    /// Longest text accepted in a configuration field; a limit, not a truncation.
    public static let maxTextLength = DocumentReader.maxTextLength

    /// Parses a configuration from YAML or JSON text. `file` names the source in errors.
    /// Throws `ConfigErrors` with every problem found, each with line, column and field.
    public static func parse(_ text: String, file: String, limits: DocumentLimits = .standard) throws(ConfigErrors) -> WorkstationConfig {
        switch try WorkstationDocument.read(text, file: file, expecting: .configuration, limits: limits) {
        case let .configuration(config): return config
        case .scenario: preconditionFailure("read(expecting: .configuration) gives a configuration or throws")
        }
    }

    /// Reads a configuration from an already parsed node: the whole document, or the
    /// `workstation:` mapping inside a scenario. Errors go to `reader`.
    public static func read(_ root: DocumentNode, field: String, reader: inout DocumentReader) -> WorkstationConfig? {
        guard let top = reader.mapping(root, field, known: topKeys) else { return nil }
        let before = reader.errors.count

        var sdkAppId: String?
        if let node = reader.required(top, "sdkAppId", "the TCCC application id (sdkAppId) is required") {
            if let value = reader.string(node, top.path("sdkAppId"), acceptNumbers: true) {
                if value.isEmpty || !value.allSatisfy({ $0.isASCII && $0.isNumber }) {
                    reader.report(at: node, top.path("sdkAppId"), "expected the application's numeric id, found \(reader.quoted(value))")
                } else {
                    sdkAppId = value
                }
            }
        }

        var agent: AgentProfile?
        if let node = reader.required(top, "agent", "the agent (nickName, and optionally email, mobile, role) is required") {
            agent = readAgent(node, field: top.path("agent"), reader: &reader)
        }

        var allowInsecure = false
        if let node = top["allowInsecureLocalhost"], !node.isNull {
            allowInsecure = reader.bool(node, top.path("allowInsecureLocalhost")) ?? false
        }

        var afterCallWork = 30.0
        if let node = top["afterCallWork"], !node.isNull {
            afterCallWork = reader.number(node, top.path("afterCallWork"), in: 0...86_400) ?? afterCallWork
        }

        var timeoutTransferTo: String?
        if let node = top["timeoutTransferTo"], !node.isNull {
            timeoutTransferTo = text(node, top.path("timeoutTransferTo"), reader: &reader, required: true)
        }

        var maxSessions = defaultMaxSessions
        if let node = top["maxSessions"], !node.isNull {
            let range = maxSessionsRange
            if let value = reader.number(node, top.path("maxSessions"), in: Double(range.lowerBound)...Double(range.upperBound)) {
                if let whole = Int(exactly: value) { maxSessions = whole } else {
                    reader.report(at: node, top.path("maxSessions"), "expected a whole number of sessions, found \(value)")
                }
            }
        }

        var pages: [ScreenPopPage] = []
        if let node = top["pages"], !node.isNull, let items = reader.sequence(node, top.path("pages")) {
            var firstUse: [String: Int] = [:]
            for (index, item) in items.enumerated() {
                let path = "\(top.path("pages"))[\(index)]"
                // A duplicate name is reported even when the page has other errors: every error in one pass.
                if case let .mapping(pairs, _) = item, let nameNode = pairs.first(where: { $0.key.text == "name" })?.value,
                   case let .scalar(name) = nameNode, name.kind == .string {
                    if let first = firstUse[name.text] {
                        reader.report(at: nameNode, "\(path).name", "duplicate page name \"\(DocumentReader.short(name.text))\"; pages[\(first)] has it already, and tab names must be unique")
                    } else {
                        firstUse[name.text] = index
                    }
                }
                guard let (page, _) = readPage(item, field: path, allowInsecure: allowInsecure, reader: &reader) else { continue }
                if firstUse[page.name] == index { pages.append(page) }
            }
        }

        let chat = readChat(top, reader: &reader)
        let queue = readQueue(top, reader: &reader)
        let transferTargets = readTransferTargets(top, reader: &reader)
        let restReasons = readRestReasons(top, reader: &reader)

        guard reader.errors.count == before, let sdkAppId, let agent else { return nil }
        var config = WorkstationConfig(
            sdkAppId: sdkAppId, agent: agent, pages: pages, allowInsecureLocalhost: allowInsecure,
            afterCallWork: afterCallWork, timeoutTransferTo: timeoutTransferTo)
        config.maxSessions = maxSessions
        config.chat = chat
        config.queue = queue
        config.transferTargets = transferTargets
        config.restReasons = restReasons
        return config
    }

    private static func readAgent(_ node: DocumentNode, field: String, reader: inout DocumentReader) -> AgentProfile? {
        guard let fields = reader.mapping(node, field, known: agentKeys) else { return nil }
        let before = reader.errors.count
        var nickName: String?
        if let n = reader.required(fields, "nickName", "the agent's display name is required") {
            nickName = text(n, fields.path("nickName"), reader: &reader, required: true)
        }
        let email = fields["email"].flatMap { $0.isNull ? nil : text($0, fields.path("email"), reader: &reader) }
        if let email, !email.isEmpty, !email.contains("@") {
            reader.report(at: fields["email"], fields.path("email"), "\(reader.quoted(email)) is not an e-mail address")
        }
        let mobile = fields["mobile"].flatMap { $0.isNull ? nil : text($0, fields.path("mobile"), reader: &reader, acceptNumbers: true) }
        var role = AgentRole.agent
        if let r = fields["role"], !r.isNull {
            role = reader.choice(r, fields.path("role"), as: AgentRole.self) ?? role
        }
        let roleId = fields["roleId"].flatMap { $0.isNull ? nil : text($0, fields.path("roleId"), reader: &reader, acceptNumbers: true, required: true) }
        guard reader.errors.count == before, let nickName else { return nil }
        return AgentProfile(email: email.nilIfEmpty, mobile: mobile.nilIfEmpty, nickName: nickName, role: role, roleId: roleId)
    }

    private static func readPage(_ node: DocumentNode, field: String, allowInsecure: Bool, reader: inout DocumentReader)
        -> (ScreenPopPage, nameNode: DocumentNode)?
    {
        guard let fields = reader.mapping(node, field, known: pageKeys) else { return nil }
        let before = reader.errors.count
        var name: String?
        if let n = reader.required(fields, "name", "every page needs a name for its tab") {
            name = text(n, fields.path("name"), reader: &reader, required: true)
        }
        var url: String?
        if let u = reader.required(fields, "url", "every page needs its https:// address") {
            if let value = text(u, fields.path("url"), reader: &reader, required: true) {
                if let problem = PageURLRule.problem(with: value, allowInsecureLocalhost: allowInsecure) {
                    reader.report(at: u, fields.path("url"), problem)
                } else {
                    url = value
                }
            }
        }
        var alwaysShow = false
        if let a = fields["alwaysShow"], !a.isNull { alwaysShow = reader.bool(a, fields.path("alwaysShow")) ?? false }
        var enabled = true
        if let e = fields["enabled"], !e.isNull { enabled = reader.bool(e, fields.path("enabled")) ?? true }
        guard reader.errors.count == before, let name, let url, let nameNode = fields["name"] else { return nil }
        return (ScreenPopPage(name: name, url: url, alwaysShow: alwaysShow, enabled: enabled), nameNode)
    }

    /// A text field: a string, within the length limit, non-empty when required.
    static func text(
        _ node: DocumentNode, _ field: String, reader: inout DocumentReader, acceptNumbers: Bool = false, required: Bool = false
    ) -> String? {
        guard let value = reader.string(node, field, acceptNumbers: acceptNumbers) else { return nil }
        if required, value.trimmingWhitespace.isEmpty {
            reader.report(at: node, field, "must not be empty")
            return nil
        }
        return value
    }
}

extension Optional where Wrapped == String {
    var nilIfEmpty: String? {
        guard let self, !self.isEmpty else { return nil }
        return self
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace.
    public var trimmingWhitespace: SubSequence {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return self[start..<end]
    }
}
