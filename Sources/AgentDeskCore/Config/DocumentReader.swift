import Yams

/// Reads a YAML (or JSON: JSON is YAML) document into typed values, collecting
/// every error with its file, line, column and field path instead of stopping at
/// the first. Configuration and scenario parsers are built on it.
public struct DocumentReader {
    public let file: String
    public private(set) var errors: [ConfigError] = []
    /// Added to every line: a piece of a file parsed on its own still reports the
    /// file's own line numbers.
    public var lineOffset = 0

    public init(file: String) { self.file = file }

    /// The errors in the order they stand in the file (whole-file errors first).
    public var sortedErrors: [ConfigError] {
        errors.enumerated().sorted { a, b in
            (a.element.line, a.element.column, a.offset) < (b.element.line, b.element.column, b.offset)
        }.map(\.element)
    }

    /// Parses the text into a node tree; a syntax error is recorded and nil returned.
    public mutating func root(of text: String) -> Node? {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                report(at: nil, "", "the document is empty")
                return nil
            }
            return node
        } catch let error as YamlError {
            record(error)
        } catch {
            report(at: nil, "", "cannot be read as YAML or JSON: \(error)")
        }
        return nil
    }

    public mutating func report(at node: Node?, _ field: String, _ message: String) {
        let mark = node?.mark
        errors.append(ConfigError(file: file, line: mark.map { $0.line + lineOffset } ?? 0, column: mark?.column ?? 0, field: field, message: message))
    }

    private mutating func record(_ error: YamlError) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            let message = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            errors.append(ConfigError(file: file, line: mark.line + lineOffset, column: mark.column, field: "", message: "not valid YAML: \(message)"))
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
            errors.append(ConfigError(
                file: file, line: context.mark.line + lineOffset, column: context.mark.column, field: "",
                message: "the key \(keys) appears more than once in one mapping"))
        case let .reader(problem, _, _, _):
            errors.append(ConfigError(file: file, line: 0, column: 0, field: "", message: "not valid text: \(problem)"))
        default:
            errors.append(ConfigError(file: file, line: 0, column: 0, field: "", message: "cannot be read: \(error)"))
        }
    }

    // MARK: Shapes

    /// The node as a mapping, keyed by its (string) keys, with unknown keys reported
    /// (and the near known key suggested). Keys keep their document order.
    public mutating func mapping(_ node: Node, _ field: String, known: [String]) -> Fields? {
        guard case let .mapping(mapping) = node else {
            report(at: node, field, "expected a mapping (key: value pairs), found \(describe(node))")
            return nil
        }
        var fields = Fields(node: node, path: field)
        for (keyNode, value) in mapping {
            guard case let .scalar(key) = keyNode else {
                report(at: keyNode, field, "a key must be plain text, found \(describe(keyNode))")
                continue
            }
            guard known.contains(key.string) else {
                var message = "unknown key '\(key.string)'"
                if let near = NearestName.suggestion(for: key.string, among: known) {
                    message += "; did you mean '\(near)'?"
                    fields.misspelt.insert(near)
                } else {
                    message += "; known keys: " + known.joined(separator: ", ")
                }
                report(at: keyNode, Fields.join(field, key.string), message)
                continue
            }
            fields.entries.append((key.string, keyNode, value))
        }
        return fields
    }

    public mutating func sequence(_ node: Node, _ field: String) -> [Node]? {
        guard case let .sequence(sequence) = node else {
            report(at: node, field, "expected a list, found \(describe(node))")
            return nil
        }
        return Array(sequence)
    }

    /// The value of a required key; reports it missing unless a misspelling of it was reported already.
    public mutating func required(_ fields: Fields, _ key: String, _ why: String) -> Node? {
        if let node = fields[key] { return node }
        if !fields.misspelt.contains(key) {
            report(at: fields.node, fields.path(key), "missing; \(why)")
        }
        return nil
    }

    // MARK: Scalars

    /// A text value. `acceptNumbers` lets an unquoted number stand for its digits
    /// (a phone number or an app id written without quotes).
    public mutating func string(_ node: Node, _ field: String, acceptNumbers: Bool = false) -> String? {
        guard case let .scalar(scalar) = node else {
            report(at: node, field, "expected text, found \(describe(node))")
            return nil
        }
        let tag = node.tag.rawValue
        if tag == Tag.Name.str.rawValue { return scalar.string }
        if acceptNumbers, tag == Tag.Name.int.rawValue, scalar.string.allSatisfy(\.isASCII) {
            return scalar.string
        }
        report(at: node, field, "expected text, found \(describe(node))" + (tag == Tag.Name.int.rawValue || tag == Tag.Name.float.rawValue || tag == Tag.Name.bool.rawValue ? "; put it in quotes if it is meant as text" : ""))
        return nil
    }

    public mutating func bool(_ node: Node, _ field: String) -> Bool? {
        if case .scalar = node, node.tag.rawValue == Tag.Name.bool.rawValue, let value = node.bool {
            return value
        }
        report(at: node, field, "expected true or false, found \(describe(node))")
        return nil
    }

    public mutating func number(_ node: Node, _ field: String, in range: ClosedRange<Double>) -> Double? {
        let tag = node.tag.rawValue
        guard case .scalar = node, tag == Tag.Name.int.rawValue || tag == Tag.Name.float.rawValue,
              let value = node.float, value.isFinite
        else {
            report(at: node, field, "expected a number, found \(describe(node))")
            return nil
        }
        guard range.contains(value) else {
            report(at: node, field, "\(format(value)) is out of range; expected \(format(range.lowerBound)) to \(format(range.upperBound))")
            return nil
        }
        return value
    }

    /// One of a fixed set of words (an enum's raw values).
    public mutating func choice<T: RawRepresentable & CaseIterable>(_ node: Node, _ field: String, as type: T.Type) -> T?
    where T.RawValue == String {
        guard let word = string(node, field) else { return nil }
        if let value = T(rawValue: word) { return value }
        let names = T.allCases.map(\.rawValue)
        var message = "'\(word)' is not one of " + names.joined(separator: ", ")
        if let near = NearestName.suggestion(for: word, among: names) { message += "; did you mean '\(near)'?" }
        report(at: node, field, message)
        return nil
    }

    /// A short description of what a node holds, for "expected …, found …".
    public func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case let .scalar(scalar):
            let tag = node.tag.rawValue
            let shown = scalar.string.count > 40 ? String(scalar.string.prefix(40)) + "…" : scalar.string
            switch tag {
            case Tag.Name.null.rawValue: return "nothing (null)"
            case Tag.Name.bool.rawValue: return "the boolean \(shown)"
            case Tag.Name.int.rawValue, Tag.Name.float.rawValue: return "the number \(shown)"
            default: return "the text \"\(shown)\""
            }
        }
    }

    private func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

/// The known keys of one mapping, in document order, with the nodes for locating errors.
public struct Fields {
    public let node: Node
    public let path: String
    public var entries: [(key: String, keyNode: Node, value: Node)] = []
    /// Known keys that an unknown key was taken to be a misspelling of; a missing
    /// required key among them is not reported a second time.
    public var misspelt: Set<String> = []

    public subscript(_ key: String) -> Node? {
        entries.first { $0.key == key }?.value
    }

    public func path(_ key: String) -> String { Fields.join(path, key) }

    static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }
}

extension Node {
    /// `~`, `null` or an empty value: the same as leaving the key out.
    public var isNull: Bool {
        if case .scalar = self { return tag.rawValue == Tag.Name.null.rawValue }
        return false
    }
}
