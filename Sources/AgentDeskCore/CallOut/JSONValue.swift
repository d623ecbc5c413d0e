import Foundation

/// Any JSON value, as a page's `postMessage` data arrives after structured cloning
/// (or as a request body or scenario step decodes). Object keys keep no order.
public enum JSONValue: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case let .bool(value): try container.encode(value)
        case let .number(value): try container.encode(value)
        case let .string(value): try container.encode(value)
        case let .array(value): try container.encode(value)
        case let .object(value): try container.encode(value)
        }
    }

    /// Parses JSON text (`JSONParser`, on the text's bytes; it accepts what
    /// `JSONDecoder` accepted).
    public static func parse(_ text: String) throws -> JSONValue {
        try JSONParser.parse(text)
    }

    public subscript(_ key: String) -> JSONValue? {
        if case let .object(fields) = self { return fields[key] }
        return nil
    }

    public var stringValue: String? {
        if case let .string(value) = self { return value }
        return nil
    }

    /// "the number 42", "a list", …: what a value is, for error messages.
    public var kindDescription: String {
        switch self {
        case .null: "null"
        case let .bool(value): "the boolean \(value)"
        case let .number(value):
            "the number " + (value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value))
        case let .string(value): "the text \"\(DocumentReader.short(value))\""
        case .array: "a list"
        case .object: "an object"
        }
    }
}

extension JSONValue {
    /// Whether the value nests no deeper than `limit` levels: what a file may hold
    /// (`DocumentLimits.maxDepth`), a request may too.
    public func nests(atMost limit: Int) -> Bool {
        nests(atMost: limit, depth: 1)
    }

    /// Walks down only while within the limit, so it recurses at most `limit` deep,
    /// and allocates nothing (it runs on every API request with a body).
    private func nests(atMost limit: Int, depth: Int) -> Bool {
        switch self {
        case let .array(items):
            guard depth <= limit else { return false }
            for item in items where !item.nests(atMost: limit, depth: depth + 1) { return false }
            return true
        case let .object(fields):
            guard depth <= limit else { return false }
            for value in fields.values where !value.nests(atMost: limit, depth: depth + 1) { return false }
            return true
        default:
            return true
        }
    }
}
