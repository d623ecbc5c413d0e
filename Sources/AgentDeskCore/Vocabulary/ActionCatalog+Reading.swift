extension ActionSpec {
    /// Reads this action's fields (gathered from a step or a request body, each with
    /// the path errors name it by) and builds its actions; every problem goes to
    /// `reader`, located at its node. `at` and `path` locate the action as a whole.
    public func read(_ arguments: [String: (value: DocumentNode, path: String)], at node: DocumentNode,
                     path: String, reader: inout DocumentReader) -> [Action]? {
        let before = reader.errors.count
        var values = ActionValues()
        var nodes: [String: DocumentNode] = [:]
        for field in fields {
            guard let argument = arguments[field.name], !argument.value.isNull else {
                if let why = field.requiredBecause {
                    reader.report(at: node, path.isEmpty ? field.name : "\(path).\(field.name)", "missing; \(why)")
                }
                continue
            }
            nodes[field.name] = argument.value
            field.read(argument.value, argument.path, into: &values, reader: &reader)
        }
        guard reader.errors.count == before else { return nil }
        do {
            return try build(values)
        } catch {
            let at = error.field.flatMap { nodes[$0] } ?? node
            let fieldPath = error.field.flatMap { arguments[$0]?.path } ?? path
            reader.report(at: at, fieldPath, error.message)
            return nil
        }
    }
}

extension ActionField {
    /// Checks one value against the field's kind and limit (the limit first, before
    /// any other work on it) and stores it.
    func read(_ node: DocumentNode, _ path: String, into values: inout ActionValues, reader: inout DocumentReader) {
        switch kind {
        case .session:
            if let id = reader.string(node, path, acceptNumbers: true, maxLength: Self.maxSessionIDLength) { values.texts[name] = id }
        case let .text(maxLength):
            if let text = reader.string(node, path, acceptNumbers: true, maxLength: maxLength) { values.texts[name] = text }
        case .tones:
            guard let digits = reader.string(node, path, acceptNumbers: true, maxLength: Self.maxTones) else { return }
            guard !digits.isEmpty, digits.allSatisfy(Dialpad.isDTMFTone) else {
                reader.report(at: node, path, "\(reader.quoted(digits)) is not a string of tones; DTMF sends 0-9, * and #")
                return
            }
            values.texts[name] = digits
        case .keys:
            guard let keys = reader.string(node, path, acceptNumbers: true, maxLength: Self.maxKeys) else { return }
            guard !keys.isEmpty, keys.allSatisfy({ Dialpad.isDTMFTone($0) || $0 == "+" }) else {
                reader.report(at: node, path, "\(reader.quoted(keys)) has keys the dialpad does not have; use 0-9, *, # and a leading +")
                return
            }
            guard !keys.dropFirst().contains("+") else {
                reader.report(at: node, path, "\(reader.quoted(keys)): + may only come first")
                return
            }
            values.texts[name] = keys
        case let .choice(words):
            if let word = reader.choice(node, path, among: words) { values.texts[name] = word }
        case let .seconds(range):
            if let seconds = reader.number(node, path, in: range) { values.numbers[name] = seconds }
        case .json:
            // A page's message is small; the API takes at most 64 KiB of it too.
            guard node.fits(inBytes: Self.maxJSONBytes) else {
                reader.report(at: node, path, "is larger than \(Self.maxJSONBytes >> 10) KiB; a page's message is far smaller")
                return
            }
            values.json[name] = node.jsonValue
        }
    }
}

extension DocumentReader {
    /// A value quoted in a message, cut short (or not at all when the document's
    /// values are not to be quoted).
    public func quoted(_ text: String) -> String {
        quotesValues ? "\"\(DocumentReader.short(text))\"" : "the value"
    }
}
