/// JSON text with keys in the order given: transcripts read `seq`, `t`, `event`
/// first, and golden files stay stable.
public enum OrderedJSON {
    public enum Value: Sendable, Equatable {
        case string(String)
        case number(Double)
        case bool(Bool)
        case null
        case object([(String, Value)])
        case array([Value])

        public static func == (a: Value, b: Value) -> Bool { OrderedJSON.encode(a) == OrderedJSON.encode(b) }
    }

    public static func encode(_ value: Value) -> String {
        var out = ""
        // Room for a transcript line or a reply, so it grows once or not at all.
        out.reserveCapacity(256)
        write(value, into: &out)
        return out
    }

    public static func encode(_ pairs: [(String, Value)]) -> String { encode(.object(pairs)) }

    private static func write(_ value: Value, into out: inout String) {
        switch value {
        case let .string(s): quote(s, into: &out)
        case let .number(n): out += number(n)
        case let .bool(b): out += b ? "true" : "false"
        case .null: out += "null"
        case let .array(items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                write(item, into: &out)
            }
            out += "]"
        case let .object(pairs):
            out += "{"
            for (i, (key, item)) in pairs.enumerated() {
                if i > 0 { out += "," }
                quote(key, into: &out)
                out += ":"
                write(item, into: &out)
            }
            out += "}"
        }
    }

    /// Whole numbers without a fraction; others in Swift's shortest round-trip form.
    public static func number(_ n: Double) -> String {
        guard n.isFinite else { return "null" }
        if n == n.rounded(), abs(n) < 1e15 { return String(Int(n)) }
        return String(n)
    }

    private static func quote(_ s: String, into out: inout String) {
        out += "\""
        // Most text needs no escaping at all (URLs are percent-encoded already).
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 != 0x7F && $0 != 0xC2 && $0 != 0xE2 }) {
            out += s
            out += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                // Controls (C0, DEL, C1 such as the 8-bit CSI), bidi overrides and the line
                // separators JavaScript once choked on go out as escapes: a transcript
                // printed to a terminal can then never steer it.
                let v = scalar.value
                if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v)
                    || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x2028 || v == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
