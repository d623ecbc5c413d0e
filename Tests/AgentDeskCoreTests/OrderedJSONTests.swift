import AgentDeskCore
import Foundation
import Testing

/// The transcript's encoder: exact text for the cases that matter (keys in order,
/// whole numbers without a fraction, every control and bidi character escaped), and
/// for random values, text that parses back to the same value.
@Suite struct OrderedJSONTests {
    @Test("Keys stay in the order given; numbers, booleans, null and nesting as written")
    func exactText() {
        let line = OrderedJSON.encode([
            ("seq", .number(12)), ("t", .number(3.25)), ("event", .string("callIn")), ("z", .bool(true)), ("a", .bool(false)),
            ("none", .null), ("list", .array([.number(-3), .number(0), .string("x"), .array([])])), ("o", .object([])),
        ])
        #expect(Array(line.utf8) == Array(#"{"seq":12,"t":3.25,"event":"callIn","z":true,"a":false,"none":null,"list":[-3,0,"x",[]],"o":{}}"#.utf8))
    }

    @Test("Whole numbers up to 15 digits are written without a fraction; others as Swift writes them; non-finite as null",
          arguments: [
              (0.0, "0"), (-0.0, "0"), (7, "7"), (-7, "-7"), (10, "10"), (999_999_999_999_999, "999999999999999"),
              (-999_999_999_999_999, "-999999999999999"), (1e15, "1000000000000000.0"), (1e21, "1e+21"), (1.5, "1.5"), (-0.001, "-0.001"), (0.1 + 0.2, "0.30000000000000004"),
              (.nan, "null"), (.infinity, "null"), (-.infinity, "null"),
          ] as [(Double, String)])
    func numbers(_ n: Double, _ text: String) {
        #expect(Array(OrderedJSON.encode(.number(n)).utf8) == Array(text.utf8))
        #expect(OrderedJSON.encode(.number(n)) == OrderedJSON.number(n))
    }

    @Test("Numbers of thousandths (a transcript's t) are written as Swift writes them, over 200,000 random values")
    func thousandths() {
        var random = SplitMix64(state: 4_122_026)
        for i in 0..<200_000 {
            // Milliseconds as the transcript rounds them, at every scale up to past the
            // fast path's limit, and numbers that are not thousandths at all.
            let scale = [1.0, 1e3, 1e6, 1e9, 2e9][i % 5]
            let raw = Double.random(in: -scale...scale, using: &random)
            let n = i % 7 == 0 ? raw : (raw * 1000).rounded() / 1000
            let written = OrderedJSON.encode(.number(n))
            guard Array(written.utf8) == Array(OrderedJSON.number(n).utf8) else {
                Issue.record("\(n) was written \(written), Swift writes \(OrderedJSON.number(n))")
                return
            }
        }
        // Around the fast path's edges: below a thousandth, just under 1e9, zero's sign, whole and non-finite numbers.
        for (n, text) in [(0.001, "0.001"), (-0.05, "-0.05"), (7.77, "7.77"), (7.7, "7.7"), (12.5, "12.5"), (999_999_999.999, "999999999.999"),
                          (0.0005, "0.0005"), (1e9.nextDown, "999999999.9999999"), (-0.0, "0"), (1e15, "1000000000000000.0"), (.nan, "null")] {
            #expect(OrderedJSON.encode(.number(n)) == text)
        }
    }

    @Test("A transcript line is seq, t and event, then the event's fields, as encoding the joined list gives")
    func transcriptLine() {
        var transcript = Transcript()
        let fields: [(String, OrderedJSON.Value)] = [("accepted", .bool(true)), ("phoneNumber", .string("138 \"0\"")),
                                                    ("notes", .array([.string("a"), .number(1.5)])), ("none", .null)]
        let first = transcript.line(t: 7.7712, event: "callOutRequest", fields: fields)
        #expect(first == OrderedJSON.encode([("seq", .number(1)), ("t", .number(7.771)), ("event", .string("callOutRequest"))] + fields))
        #expect(transcript.line(t: 8, event: "tick", fields: []) == #"{"seq":2,"t":8,"event":"tick"}"#)
    }

    @Test("Quotes, backslashes, controls, C1, DEL, bidi overrides and line separators are escaped; other text is kept")
    func escapes() {
        // Compared as bytes: String's == would take "é" and "e\u{301}" for the same text.
        func encoded(_ s: String) -> [UInt8] { Array(OrderedJSON.encode(.string(s)).utf8) }
        #expect(encoded("a\"b\\c\nd\re\tf") == Array(#""a\"b\\c\nd\re\tf""#.utf8))
        #expect(encoded("\u{1B}[31m\u{7F}\u{9B}\u{0}") == Array(#""\u001b[31m\u007f\u009b\u0000""#.utf8))
        #expect(encoded("\u{202E}x\u{2066}\u{200E}\u{200F}\u{2028}\u{2029}") == Array(#""\u202ex\u2066\u200e\u200f\u2028\u2029""#.utf8))
        #expect(encoded("刘先生 é e\u{301} 🧑‍🌾 ©") == Array("\"刘先生 é e\u{301} 🧑‍🌾 ©\"".utf8))
        // C2 and E2 lead bytes take the slow path without being escaped themselves.
        #expect(encoded("£ – €") == Array("\"£ – €\"".utf8))
    }

    @Test("20,000 random values encode to text that parses back to the same value")
    func roundTrip() throws {
        var random = SplitMix64(state: 20261204)
        let alphabet: [Character] = ["a", "Z", "0", " ", "\"", "\\", "\n", "\t", "\u{1}", "\u{7F}", "\u{85}", "\u{9B}", "é", "刘",
                                     "\u{202E}", "\u{2028}", "€", "🧑‍🌾", "/", "{", "}"]
        func text() -> String { String((0..<Int.random(in: 0...12, using: &random)).map { _ in alphabet.randomElement(using: &random)! }) }
        func value(_ depth: Int) -> (OrderedJSON.Value, JSONValue) {
            switch Int.random(in: 0...(depth > 2 ? 3 : 5), using: &random) {
            case 0:
                let s = text()
                return (.string(s), .string(s))
            case 1:
                let n = Bool.random(using: &random) ? Double(Int.random(in: -1_000_000...1_000_000, using: &random))
                    : Double.random(in: -1e6...1e6, using: &random)
                return (.number(n), .number(n))
            case 2:
                let b = Bool.random(using: &random)
                return (.bool(b), .bool(b))
            case 3: return (.null, .null)
            case 4:
                let items = (0..<Int.random(in: 0...4, using: &random)).map { _ in value(depth + 1) }
                return (.array(items.map(\.0)), .array(items.map(\.1)))
            default:
                var pairs: [(String, OrderedJSON.Value)] = [], object: [String: JSONValue] = [:]
                for _ in 0..<Int.random(in: 0...4, using: &random) {
                    let key = text()
                    guard object[key] == nil else { continue }
                    let (mine, theirs) = value(depth + 1)
                    pairs.append((key, mine))
                    object[key] = theirs
                }
                return (.object(pairs), .object(object))
            }
        }
        for _ in 0..<20_000 {
            let (mine, expected) = value(0)
            let encoded = OrderedJSON.encode(mine)
            #expect(OrderedJSON.bytes(mine) == Array(encoded.utf8))
            #expect(!encoded.contains("\n") && !encoded.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
            let parsed = try JSONValue.parse(encoded)
            guard parsed == expected else {
                Issue.record("\(encoded) parsed as \(parsed), not \(expected)")
                return
            }
        }
    }
}
