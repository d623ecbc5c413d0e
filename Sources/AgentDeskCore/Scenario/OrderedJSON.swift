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
        // Built as UTF-8 bytes and made a String once: appending to a String checks
        // its capacity, its ASCII flag and its breadcrumbs at every piece, and the
        // transcript is made of many small pieces (a third of the workstation
        // loop's time under API load went to those appends).
        String(decoding: bytes(value), as: UTF8.self)
    }

    /// `encode`'s text as UTF-8 bytes, for a writer that takes bytes.
    public static func bytes(_ value: Value) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, into: &out)
        return out
    }

    public static func encode(_ pairs: [(String, Value)]) -> String { encode(.object(pairs)) }

    /// A transcript line: `seq`, `t` and `event`, then the event's own fields. The
    /// same text as `encode` of the joined list, without building that list (every
    /// line the workstation writes is one).
    static func line(seq: Int, t: Double, event: String, fields: [(String, Value)]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        out.append(contentsOf: #"{"seq":"#.utf8)
        writeNumber(Double(seq), into: &out)
        out.append(contentsOf: #","t":"#.utf8)
        writeNumber(t, into: &out)
        out.append(contentsOf: #","event":"#.utf8)
        quote(event, into: &out)
        writeMembers(fields, afterOthers: true, into: &out)
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    private static func write(_ value: Value, into out: inout [UInt8]) {
        switch value {
        case let .string(s): quote(s, into: &out)
        case let .number(n): writeNumber(n, into: &out)
        case let .bool(b): out.append(contentsOf: b ? "true".utf8 : "false".utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case let .array(items):
            out.append(UInt8(ascii: "["))
            var first = true
            for item in items {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                write(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case let .object(pairs):
            out.append(UInt8(ascii: "{"))
            writeMembers(pairs, afterOthers: false, into: &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// An object's `"key":value` members, comma-separated; a comma before the first
    /// too when members are already written (a transcript line's `seq`, `t`, `event`).
    private static func writeMembers(_ pairs: [(String, Value)], afterOthers: Bool, into out: inout [UInt8]) {
        var comma = afterOthers
        for (key, item) in pairs {
            if comma { out.append(UInt8(ascii: ",")) }
            comma = true
            quote(key, into: &out)
            out.append(UInt8(ascii: ":"))
            write(item, into: &out)
        }
    }

    /// `number(n)`'s text, written digit by digit without a String for whole numbers
    /// and for numbers of thousandths (every transcript line's `t`, in milliseconds).
    private static func writeNumber(_ n: Double, into out: inout [UInt8]) {
        guard n.isFinite else {
            out.append(contentsOf: "null".utf8)
            return
        }
        if n == n.rounded(), abs(n) < 1e15 {
            writeWhole(Int(n), into: &out)
            return
        }
        // n is the double nearest to k/1000. Below 1e9 doubles are far closer together
        // than a thousandth, so no shorter decimal maps to n: Swift's shortest
        // round-trip form is k/1000's digits without trailing zeros (the tests compare
        // the two over random values).
        let thousandths = (n * 1000).rounded()
        guard abs(n) < 1e9, thousandths / 1000 == n else {
            out.append(contentsOf: String(n).utf8)
            return
        }
        var k = Int(thousandths)
        if k < 0 {
            out.append(UInt8(ascii: "-"))
            k = -k
        }
        writeWhole(k / 1000, into: &out)
        out.append(UInt8(ascii: "."))
        var fraction = k % 1000
        var places = 3
        while places > 1, fraction % 10 == 0 {
            fraction /= 10
            places -= 1
        }
        var divisor = places == 3 ? 100 : places == 2 ? 10 : 1
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(fraction / divisor % 10))
            divisor /= 10
        }
    }

    /// A whole number's decimal digits (at most 15 here), with its sign.
    private static func writeWhole(_ n: Int, into out: inout [UInt8]) {
        var whole = n
        if whole < 0 {
            out.append(UInt8(ascii: "-"))
            whole = -whole
        }
        var digits: (UInt64, UInt64) = (0, 0)  // room for 16 digits
        withUnsafeMutableBytes(of: &digits) { room in
            var i = room.count
            repeat {
                i -= 1
                room[i] = UInt8(ascii: "0") + UInt8(whole % 10)
                whole /= 10
            } while whole > 0
            out.append(contentsOf: room[i...])
        }
    }

    /// Whole numbers without a fraction; others in Swift's shortest round-trip form.
    public static func number(_ n: Double) -> String {
        guard n.isFinite else { return "null" }
        if n == n.rounded(), abs(n) < 1e15 { return String(Int(n)) }
        return String(n)
    }

    private static func quote(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most text needs no escaping at all (URLs are percent-encoded already): looked
        // at and copied over its contiguous bytes (a generic walk of the UTF-8 view was a
        // tenth of the workstation loop's time under API load).
        let plain = s.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            for byte in bytes where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || byte == 0xC2 || byte == 0xE2 {
                return false
            }
            out.append(contentsOf: bytes)
            return true
        }
        if plain == true {
            out.append(UInt8(ascii: "\""))
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out.append(contentsOf: #"\""#.utf8)
            case "\\": out.append(contentsOf: #"\\"#.utf8)
            case "\n": out.append(contentsOf: #"\n"#.utf8)
            case "\r": out.append(contentsOf: #"\r"#.utf8)
            case "\t": out.append(contentsOf: #"\t"#.utf8)
            default:
                // Controls (C0, DEL, C1 such as the 8-bit CSI), bidi overrides and the line
                // separators JavaScript once choked on go out as escapes: a transcript
                // printed to a terminal can then never steer it.
                let v = scalar.value
                if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v)
                    || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x2028 || v == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                } else {
                    out.append(contentsOf: UTF8.encode(scalar)!)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
