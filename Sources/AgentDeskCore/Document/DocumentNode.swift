/// Where something stands in a file: 1-based line and column; 0 when unknown
/// (a value that came from an API request rather than a file).
public struct Mark: Sendable, Equatable {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    public static let unknown = Mark(line: 0, column: 0)
}

/// One value of a YAML or JSON document, as read by `DocumentParser`: a scalar
/// with its resolved type, a list, or a mapping whose keys keep their order.
/// Aliases are already resolved (within the parser's budget), so a node is a tree.
public indirect enum DocumentNode: Sendable {
    case scalar(Scalar)
    case sequence([DocumentNode], Mark)
    case mapping([(key: DocumentNode, value: DocumentNode)], Mark)

    /// A scalar's text with the type YAML 1.2's core schema gives it (a quoted
    /// scalar is always text).
    public struct Scalar: Sendable, Equatable {
        public var text: String
        public var kind: Kind
        public var mark: Mark

        public enum Kind: Sendable, Equatable {
            case null
            case bool(Bool)
            case int
            case float(Double)
            case string
        }

        public init(text: String, kind: Kind, mark: Mark = .unknown) {
            self.text = text
            self.kind = kind
            self.mark = mark
        }
    }

    public var mark: Mark {
        switch self {
        case let .scalar(s): s.mark
        case let .sequence(_, m), let .mapping(_, m): m
        }
    }

    /// `~`, `null` or an empty value: the same as leaving the key out.
    public var isNull: Bool {
        if case let .scalar(s) = self, s.kind == .null { return true }
        return false
    }

    public var isMapping: Bool {
        if case .mapping = self { return true }
        return false
    }

    /// A scalar's text (of any type); nil for lists and mappings.
    public var text: String? {
        if case let .scalar(s) = self { return s.text }
        return nil
    }

    /// The value as a number, for int and float scalars.
    public var number: Double? {
        guard case let .scalar(s) = self else { return nil }
        switch s.kind {
        case let .float(value): return value
        case .int: return Self.integerValue(s.text)
        default: return nil
        }
    }

    /// The node as the JSON value a page would have posted.
    public var jsonValue: JSONValue {
        switch self {
        case let .scalar(s):
            switch s.kind {
            case .null: return .null
            case let .bool(b): return .bool(b)
            case .int: return Self.integerValue(s.text).map(JSONValue.number) ?? .string(s.text)
            case let .float(f): return f.isFinite ? .number(f) : .string(s.text)
            case .string: return .string(s.text)
            }
        case let .mapping(pairs, _):
            var object: [String: JSONValue] = [:]
            for (key, value) in pairs { object[key.text ?? ""] = value.jsonValue }
            return .object(object)
        case let .sequence(items, _):
            return .array(items.map(\.jsonValue))
        }
    }

    /// A JSON value (an API request's body) as a node, so the same readers read it.
    public init(_ json: JSONValue) {
        switch json {
        case .null: self = .scalar(Scalar(text: "null", kind: .null))
        case let .bool(b): self = .scalar(Scalar(text: b ? "true" : "false", kind: .bool(b)))
        case let .number(n):
            if n == n.rounded(), abs(n) < 1e15 {
                self = .scalar(Scalar(text: String(Int64(n)), kind: .int))
            } else {
                self = .scalar(Scalar(text: String(n), kind: .float(n)))
            }
        case let .string(s): self = .scalar(Scalar(text: s, kind: .string))
        case let .array(items): self = .sequence(items.map(DocumentNode.init), .unknown)
        case let .object(fields):
            self = .mapping(fields.keys.sorted().map { (DocumentNode.scalar(Scalar(text: $0, kind: .string)), DocumentNode(fields[$0]!)) }, .unknown)
        }
    }

    /// Whether the value, written out, stays within `bytes` (its texts' bytes plus
    /// one per value): counted without recursion, stopping as soon as it is over.
    public func fits(inBytes bytes: Int) -> Bool {
        var total = 0
        var pending: [DocumentNode] = [self]
        while let node = pending.popLast() {
            switch node {
            case let .scalar(s): total += s.text.utf8.count + 1
            case let .sequence(items, _): total += 1; pending += items
            case let .mapping(pairs, _): total += 1; for (k, v) in pairs { pending.append(k); pending.append(v) }
            }
            if total > bytes { return false }
        }
        return true
    }

    static func integerValue(_ text: String) -> Double? {
        var body = Substring(text)
        var sign = 1.0
        if body.hasPrefix("-") { sign = -1; body = body.dropFirst() } else if body.hasPrefix("+") { body = body.dropFirst() }
        if body.hasPrefix("0x") { return UInt64(body.dropFirst(2), radix: 16).map { sign * Double($0) } }
        if body.hasPrefix("0o") { return UInt64(body.dropFirst(2), radix: 8).map { sign * Double($0) } }
        return Double(body).map { sign * $0 }
    }
}

extension DocumentNode.Scalar.Kind {
    /// The type of a plain (unquoted, untagged) scalar under YAML 1.2's core schema.
    /// (YAML 1.1's `yes`, `no`, `on` and `off` stay text: `nickName: no` is a name.)
    static func resolve(plain text: String) -> Self {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        default: break
        }
        guard let first = text.utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return .string }
        let bytes = Array(text.utf8)
        if isInteger(bytes) { return .int }
        if let value = float(bytes) { return .float(value) }
        return .string
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    private static func isInteger(_ b: [UInt8]) -> Bool {
        if b.count > 2, b[0] == UInt8(ascii: "0"), b[1] == UInt8(ascii: "x") {
            return b.dropFirst(2).allSatisfy { isDigit($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0 | 0x20) }
        }
        if b.count > 2, b[0] == UInt8(ascii: "0"), b[1] == UInt8(ascii: "o") {
            return b.dropFirst(2).allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "7")).contains($0) }
        }
        let digits = (b.first == UInt8(ascii: "-") || b.first == UInt8(ascii: "+")) ? b.dropFirst() : b[...]
        return !digits.isEmpty && digits.allSatisfy(isDigit)
    }

    /// `[-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`
    private static func float(_ b: [UInt8]) -> Double? {
        var i = 0
        if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
        var mantissa = 0
        while i < b.count, isDigit(b[i]) { i += 1; mantissa += 1 }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < b.count, isDigit(b[i]) { i += 1; mantissa += 1 }
        }
        guard mantissa > 0 else { return nil }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
            var exponent = 0
            while i < b.count, isDigit(b[i]) { i += 1; exponent += 1 }
            guard exponent > 0 else { return nil }
        }
        guard i == b.count else { return nil }
        return Double(String(decoding: b, as: UTF8.self))
    }
}
