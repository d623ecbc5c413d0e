/// Reads a parsed document into typed values, collecting every error with its
/// file, line, column and field path instead of stopping at the first. The
/// configuration, the scenario and the action vocabulary are read with it, from
/// files and from API requests alike.
public struct DocumentReader {
    public let file: String
    public let limits: DocumentLimits
    public private(set) var errors: [ConfigError] = []
    /// Whether messages may quote the document's values. Off for a file that is not
    /// what it was given as (`workstation: /etc/shadow`): its contents are nobody's business.
    public var quotesValues = true
    /// How a word is quoted in messages: 'x' for files, "x" for JSON requests.
    public var quote = "'"

    /// Longest text a field takes unless it says otherwise; a limit, not a truncation.
    public static let maxTextLength = 2048

    public init(file: String, limits: DocumentLimits = .standard) {
        self.file = file
        self.limits = limits
    }

    /// The errors in the order they stand in the file (whole-file errors first).
    public var sortedErrors: [ConfigError] {
        errors.enumerated().sorted { a, b in
            (a.element.line, a.element.column, a.offset) < (b.element.line, b.element.column, b.offset)
        }.map(\.element)
    }

    /// Whether reading should stop: enough errors to fix a file in one go.
    public var isFull: Bool { errors.count >= limits.maxErrors }

    /// Parses text into a node tree (see `DocumentParser`); syntax errors and passed
    /// limits are recorded and nil returned.
    public mutating func parse(_ text: String, streaming key: String? = nil, item: (DocumentNode, Int) -> Bool = { _, _ in true }) -> DocumentNode? {
        var found: [ConfigError] = []
        let root = DocumentParser.parse(text, file: file, limits: limits, errors: &found, streaming: key, item: item)
        errors += found
        return root
    }

    public mutating func report(at node: DocumentNode?, _ field: String, _ message: String) {
        let mark = node?.mark ?? .unknown
        errors.append(ConfigError(file: file, line: mark.line, column: mark.column, field: field, message: message))
    }

    public mutating func report(_ error: ConfigError) {
        errors.append(error)
    }

    // MARK: Shapes

    /// The node as a mapping, keyed by its (text) keys, with unknown keys reported
    /// (and the near known key suggested). Keys keep their document order.
    public mutating func mapping(_ node: DocumentNode, _ field: String, known: [String]) -> Fields? {
        guard case let .mapping(pairs, _) = node else {
            report(at: node, field, "expected a mapping (key: value pairs), found \(describe(node))")
            return nil
        }
        var fields = Fields(node: node, path: field)
        for (keyNode, value) in pairs {
            guard case let .scalar(key) = keyNode else {
                report(at: keyNode, field, "a key must be plain text, found \(describe(keyNode))")
                continue
            }
            guard known.contains(key.text) else {
                let name = quotesValues ? "'\(DocumentReader.short(key.text))'" : "here"
                var message = "unknown key \(name)"
                if let near = NearestName.suggestion(for: key.text, among: known) {
                    message += "; did you mean '\(near)'?"
                    fields.misspelt.insert(near)
                } else {
                    message += "; known keys: " + known.joined(separator: ", ")
                }
                report(at: keyNode, quotesValues ? Fields.join(field, DocumentReader.short(key.text)) : field, message)
                continue
            }
            fields.entries.append((key.text, keyNode, value))
        }
        return fields
    }

    public mutating func sequence(_ node: DocumentNode, _ field: String) -> [DocumentNode]? {
        guard case let .sequence(items, _) = node else {
            report(at: node, field, "expected a list, found \(describe(node))")
            return nil
        }
        return items
    }

    /// The value of a required key; reports it missing unless a misspelling of it was reported already.
    public mutating func required(_ fields: Fields, _ key: String, _ why: String) -> DocumentNode? {
        if let node = fields[key] { return node }
        if !fields.misspelt.contains(key) {
            report(at: fields.node, fields.path(key), "missing; \(why)")
        }
        return nil
    }

    // MARK: Scalars

    /// A text value of at most `maxLength` Unicode scalars (checked before anything
    /// else is done with it). `acceptNumbers` lets an unquoted number stand for its
    /// digits (a phone number or an app id written without quotes).
    public mutating func string(_ node: DocumentNode, _ field: String, acceptNumbers: Bool = false,
                                maxLength: Int = DocumentReader.maxTextLength) -> String? {
        guard case let .scalar(scalar) = node else {
            report(at: node, field, "expected text, found \(describe(node))")
            return nil
        }
        switch scalar.kind {
        case .string: break
        case .int where acceptNumbers && scalar.text.utf8.allSatisfy({ $0 < 0x80 }): break
        case .int, .float, .bool:
            report(at: node, field, "expected text, found \(describe(node)); put it in quotes if it is meant as text")
            return nil
        case .null:
            report(at: node, field, "expected text, found \(describe(node))")
            return nil
        }
        if scalar.text.utf8.count > maxLength, case let length = scalar.text.unicodeScalars.count, length > maxLength {
            report(at: node, field, "is \(length) characters long; at most \(maxLength) are accepted")
            return nil
        }
        return scalar.text
    }

    public mutating func bool(_ node: DocumentNode, _ field: String) -> Bool? {
        if case let .scalar(s) = node, case let .bool(value) = s.kind { return value }
        report(at: node, field, "expected true or false, found \(describe(node))")
        return nil
    }

    public mutating func number(_ node: DocumentNode, _ field: String, in range: ClosedRange<Double>) -> Double? {
        guard let value = node.number else {
            report(at: node, field, "expected a number, found \(describe(node))")
            return nil
        }
        guard value.isFinite else {
            report(at: node, field, "\(describe(node)) is not a finite number; expected \(OrderedJSON.number(range.lowerBound)) to \(OrderedJSON.number(range.upperBound))")
            return nil
        }
        guard range.contains(value) else {
            report(at: node, field, "\(OrderedJSON.number(value)) is out of range; expected \(OrderedJSON.number(range.lowerBound)) to \(OrderedJSON.number(range.upperBound))")
            return nil
        }
        return value
    }

    /// One of a fixed set of words (an enum's raw values).
    public mutating func choice<T: RawRepresentable & CaseIterable>(_ node: DocumentNode, _ field: String, as type: T.Type) -> T?
    where T.RawValue == String {
        choice(node, field, among: T.allCases.map(\.rawValue)).flatMap(T.init(rawValue:))
    }

    /// One of `words`, with "did you mean" for a near miss.
    public mutating func choice(_ node: DocumentNode, _ field: String, among words: [String]) -> String? {
        guard let word = string(node, field, maxLength: 64) else { return nil }
        if words.contains(word) { return word }
        var message = quote + DocumentReader.short(word) + quote + " is not one of " + words.joined(separator: ", ")
        if let near = NearestName.suggestion(for: word, among: words) { message += "; did you mean '\(near)'?" }
        report(at: node, field, message)
        return nil
    }

    /// A short description of what a node holds, for "expected …, found …".
    public func describe(_ node: DocumentNode) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case let .scalar(scalar):
            let shown = quotesValues ? DocumentReader.short(scalar.text) : nil
            switch scalar.kind {
            case .null: return "nothing (null)"
            case .bool: return shown.map { "the boolean \($0)" } ?? "a boolean"
            case .int, .float: return shown.map { "the number \($0)" } ?? "a number"
            case .string: return shown.map { "the text \"\($0)\"" } ?? "a text"
            }
        }
    }

    /// Values quoted in messages are cut short: a message never carries a file's bulk.
    public static func short(_ text: String) -> String {
        guard text.utf8.count > 40 else { return text }
        var cut = ""
        for character in text {
            guard cut.unicodeScalars.count + character.unicodeScalars.count <= 40 else { break }
            cut.append(character)
        }
        return cut + "…"
    }
}

/// The known keys of one mapping, in document order, with the nodes for locating errors.
public struct Fields {
    public let node: DocumentNode
    public let path: String
    public var entries: [(key: String, keyNode: DocumentNode, value: DocumentNode)] = []
    /// Known keys that an unknown key was taken to be a misspelling of; a missing
    /// required key among them is not reported a second time.
    public var misspelt: Set<String> = []

    public init(node: DocumentNode, path: String) {
        self.node = node
        self.path = path
    }

    public subscript(_ key: String) -> DocumentNode? {
        entries.first { $0.key == key }?.value
    }

    public func path(_ key: String) -> String { Fields.join(path, key) }

    static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }
}
