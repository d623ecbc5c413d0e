/// JSON text to a `JSONValue`, on the text's UTF-8 bytes (RFC 8259: no comments,
/// no leading zeros, no NaN). Every request body, page message and score file goes
/// through here; decoding through `JSONDecoder` and
/// `Codable` tried each kind of value in turn and threw an error for each miss,
/// which was a sixth of the server's time under a burst of page messages.
///
/// It accepts and rejects what `JSONDecoder` did (the tests compare the two on
/// random and mutated texts): a value of any kind at the top, numbers as `Double`
/// (a number too large for one is an error), lone surrogates in `\u` escapes and
/// raw control characters in strings are errors; one comma before a closing
/// bracket is forgiven; the first of duplicate keys wins.
/// Nesting deeper than 512 levels is an error: the recursion stays bounded.
struct JSONParser {
    struct Failure: Error, CustomStringConvertible {
        var offset: Int
        var reason: String
        var description: String { "\(reason) at byte \(offset)" }
    }

    static let maxDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private var at = 0

    static func parse(_ text: String) throws(Failure) -> JSONValue {
        var text = text
        let result: Result<JSONValue, Failure> = text.withUTF8 { bytes in
            var parser = JSONParser(bytes: bytes)
            do throws(Failure) {
                // A byte order mark before the value is skipped, as JSONDecoder skipped it.
                if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { parser.at = 3 }
                parser.skipSpace()
                let value = try parser.value(depth: 0)
                parser.skipSpace()
                guard parser.at == bytes.count else { throw parser.fail("text after the value") }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private func fail(_ reason: String) -> Failure { Failure(offset: at, reason: reason) }

    private var next: UInt8? { at < bytes.count ? bytes[at] : nil }

    private mutating func skipSpace() {
        while at < bytes.count, bytes[at] == 0x20 || bytes[at] == 0x0A || bytes[at] == 0x0D || bytes[at] == 0x09 { at += 1 }
    }

    private mutating func literal(_ word: StaticString, _ value: JSONValue) throws(Failure) -> JSONValue {
        let count = word.utf8CodeUnitCount
        guard at + count <= bytes.count else { throw fail("an unknown word") }
        for i in 0..<count where bytes[at + i] != word.utf8Start[i] { throw fail("an unknown word") }
        at += count
        return value
    }

    private mutating func value(depth: Int) throws(Failure) -> JSONValue {
        guard let byte = next else { throw fail("the text ends where a value should be") }
        switch byte {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw fail("not a JSON value")
        }
    }

    private mutating func object(depth: Int) throws(Failure) -> JSONValue {
        // Collected in order, then made a dictionary of the right size at once: one hash
        // a key and no growing dictionary, where a lookup and an insert per key cost two.
        var pairs: [(String, JSONValue)] = []
        try members(closing: UInt8(ascii: "}"), depth: depth, in: "an object") { (parser: inout JSONParser) throws(Failure) in
            guard parser.next == UInt8(ascii: "\"") else { throw parser.fail("a key must be text in quotes") }
            let key = try parser.string()
            parser.skipSpace()
            guard parser.next == UInt8(ascii: ":") else { throw parser.fail("a ':' must follow a key") }
            parser.at += 1
            parser.skipSpace()
            pairs.append((key, try parser.value(depth: depth)))
        }
        // A key given twice keeps its first value, as JSONDecoder's reading did.
        return .object(Dictionary(pairs, uniquingKeysWith: { first, _ in first }))
    }

    private mutating func array(depth: Int) throws(Failure) -> JSONValue {
        var items: [JSONValue] = []
        try members(closing: UInt8(ascii: "]"), depth: depth, in: "a list") { (parser: inout JSONParser) throws(Failure) in
            items.append(try parser.value(depth: depth))
        }
        return .array(items)
    }

    /// The members of a list or an object, from its opening bracket to `close`;
    /// `member` reads one, starting at its first byte. An empty one is closed at
    /// once; one comma before the closing bracket is forgiven, as JSONDecoder
    /// forgave it (`[1,]`), but not a comma alone (`[,]`).
    private mutating func members(closing close: UInt8, depth: Int, in what: String,
                                  _ member: (inout JSONParser) throws(Failure) -> Void) throws(Failure) {
        guard depth <= Self.maxDepth else { throw fail("nested deeper than \(Self.maxDepth) levels") }
        at += 1
        skipSpace()
        while next != close {
            try member(&self)
            skipSpace()
            guard next == UInt8(ascii: ",") else {
                guard next == close else { throw fail("',' or '\(Character(Unicode.Scalar(close)))' expected in \(what)") }
                break
            }
            at += 1
            skipSpace()
        }
        at += 1
    }

    private mutating func digits() -> Int {
        let start = at
        while at < bytes.count, bytes[at] >= 0x30, bytes[at] <= 0x39 { at += 1 }
        return at - start
    }

    private mutating func number() throws(Failure) -> JSONValue {
        let start = at
        if next == UInt8(ascii: "-") { at += 1 }
        let leadingZero = next == UInt8(ascii: "0")
        let whole = digits()
        guard whole > 0 else { throw fail("a number needs digits") }
        guard !(leadingZero && whole > 1) else { throw fail("a number cannot start with 0") }
        if next == UInt8(ascii: ".") {
            at += 1
            guard digits() > 0 else { throw fail("a number needs digits after '.'") }
        }
        if next == UInt8(ascii: "e") || next == UInt8(ascii: "E") {
            at += 1
            if next == UInt8(ascii: "+") || next == UInt8(ascii: "-") { at += 1 }
            guard digits() > 0 else { throw fail("a number needs digits in its exponent") }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { throw Failure(offset: start, reason: "a number too large") }
        return .number(value)
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard at + 4 <= bytes.count else { throw fail("a \\u escape needs four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[at]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: throw fail("a \\u escape needs four hex digits")
            }
            value = value << 4 | digit
            at += 1
        }
        return value
    }

    private mutating func string() throws(Failure) -> String {
        at += 1
        let start = at
        // The common case: no escapes; the text is cut out in one piece.
        while at < bytes.count {
            let byte = bytes[at]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
                at += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw fail("a control character inside text must be escaped") }
            at += 1
        }
        var out = Array(bytes[start..<at])
        while at < bytes.count {
            let byte = bytes[at]
            switch byte {
            case UInt8(ascii: "\""):
                at += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                at += 1
                guard let escape = next else { throw fail("the text ends inside an escape") }
                at += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard at + 2 <= bytes.count, bytes[at] == UInt8(ascii: "\\"), bytes[at + 1] == UInt8(ascii: "u") else {
                            throw fail("a lone surrogate in a \\u escape")
                        }
                        at += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw fail("a lone surrogate in a \\u escape") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw fail("a lone surrogate in a \\u escape")
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw fail("not a character") }
                    out.append(contentsOf: UTF8.encode(unicode)!)
                default: throw fail("an unknown escape")
                }
            default:
                guard byte >= 0x20 else { throw fail("a control character inside text must be escaped") }
                out.append(byte)
                at += 1
            }
        }
        throw fail("the text ends inside a string")
    }
}
