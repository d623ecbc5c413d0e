@testable import AgentDeskCore
import Foundation
import Testing

/// The JSON parser on bytes accepts and rejects what `JSONDecoder` did, and reads
/// the same values: every request body, page message and score file goes through it.
@Suite("JSON parser: the same answers as JSONDecoder")
struct JSONParserTests {
    /// The decoding JSONValue had before: `JSONDecoder` trying each kind in turn. The oracle.
    struct Decoded: Decodable {
        var value: JSONValue
        init(from decoder: any Decoder) throws { value = try JSONValue(from: decoder) }
    }

    static func oracle(_ text: String) -> JSONValue? {
        try? JSONDecoder().decode(Decoded.self, from: Data(text.utf8)).value
    }

    @Test("table: values of every kind, escapes, numbers, and texts both must refuse")
    func table() {
        let accepted: [(String, JSONValue)] = [
            (#"{"source":"ccc-sdk","payload":{"event":"callOut","message":{"phoneNumber":"13800138000","desc":"刘先生"}}}"#,
             .object(["source": .string("ccc-sdk"), "payload": .object(["event": .string("callOut"), "message": .object([
                 "phoneNumber": .string("13800138000"), "desc": .string("刘先生")])])])),
            (" [1, -0.5, 2e3, 1E-2, true, false, null] ", .array([.number(1), .number(-0.5), .number(2000), .number(0.01), .bool(true), .bool(false), .null])),
            (#""a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00""#, .string("a\"b\\c/d\u{8}\u{c}\n\r\té😀")),
            ("\"x\"", .string("x")),
            ("17", .number(17)),
            ("{}", .object([:])),
            ("[]", .array([])),
            (#"{"a":1,"a":2}"#, .object(["a": .number(1)])),
            // JSONDecoder forgave one comma before a closing bracket; so does the parser.
            ("[1,]", .array([.number(1)])),
            ("\u{FEFF}1", .number(1)),
            (#"{"a":1,}"#, .object(["a": .number(1)])),
        ]
        for (text, value) in accepted {
            #expect((try? JSONValue.parse(text)) == value, "\(text)")
            #expect(Self.oracle(text) == value, "oracle: \(text)")
        }
        let refused = ["", " ", "{", "[,]", "{,}", "[1,,]", "01", "1.", ".5", "-", "1e", "+1", "NaN", "Infinity", "1e400", "tru", "nul",
                       "'a'", "\"a", "\"\\x\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"a\u{1}b\"", "[1 2]", "{\"a\" 1}",
                       "{1:2}", "1 2", "[", "]", "//", "/* */1", "1\u{FEFF}"]
        for text in refused {
            #expect((try? JSONValue.parse(text)) == nil, "\(text.debugDescription) accepted")
            #expect(Self.oracle(text) == nil, "oracle accepted \(text.debugDescription)")
        }
    }

    @Test("deep nesting is an error, not a crash; 500 levels still read")
    func depth() {
        #expect((try? JSONValue.parse(String(repeating: "[", count: 100_000))) == nil)
        #expect((try? JSONValue.parse(String(repeating: "{\"a\":", count: 100_000))) == nil)
        let deep = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect((try? JSONValue.parse(deep)) != nil)
    }

    static func random(_ rng: inout SplitMix64, depth: Int) -> String {
        let space = [" ", "", "\n", "\t", "\r\n", ""]
        func ws() -> String { space[Int.random(in: 0..<space.count, using: &rng)] }
        let strings = ["a", "", "刘先生", "😀", "\\\"", "\\u0041", "\\ud83d\\ude00", "\\n", "x y", "\\/"]
        let numbers = ["0", "-0", "1", "-12", "3.25", "1e5", "2E-3", "-0.0", "123456789012", "1.5e+2"]
        switch Int.random(in: 0..<(depth > 3 ? 5 : 7), using: &rng) {
        case 0: return numbers[Int.random(in: 0..<numbers.count, using: &rng)]
        case 1: return "\"" + strings[Int.random(in: 0..<strings.count, using: &rng)] + "\""
        case 2: return ["true", "false", "null"][Int.random(in: 0..<3, using: &rng)]
        case 3, 4: return "\"\(Int.random(in: 0..<99, using: &rng))\""
        case 5:
            let items = (0..<Int.random(in: 0...3, using: &rng)).map { _ in ws() + random(&rng, depth: depth + 1) + ws() }
            return "[" + items.joined(separator: ",") + "]"
        default:
            // Keys differ within an object: JSONDecoder never read the value of a
            // repeated key (an invalid one passed), which the parser does not copy.
            var keys = ["a", "b", "source", "payload", "刘"]
            keys.shuffle(using: &rng)
            let items = (0..<Int.random(in: 0...3, using: &rng)).map { index in
                ws() + "\"" + keys[index] + "\"" + ws() + ":" + ws() + random(&rng, depth: depth + 1) + ws()
            }
            return "{" + items.joined(separator: ",") + "}"
        }
    }

    @Test("20,000 random documents, and as many mutated ones, read the same as JSONDecoder reads them")
    func differential() {
        var rng = SplitMix64(state: 0x15_0A_2026)
        let fragments = ["{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "0", "-", ".", "e", "+", " ", "\u{1}", "t", "n", "1e999"]
        var disagreements: [String] = []
        for round in 0..<40_000 where disagreements.count < 5 {
            var text = Self.random(&rng, depth: 0)
            if round % 2 == 1 {
                var bytes = Array(text.utf8)
                for _ in 0..<Int.random(in: 1...2, using: &rng) {
                    let at = Int.random(in: 0...bytes.count, using: &rng)
                    switch Int.random(in: 0..<3, using: &rng) {
                    case 0 where at < bytes.count: bytes.remove(at: at)
                    case 1 where at < bytes.count: bytes[at] = 0x20
                    default: bytes.insert(contentsOf: Array(fragments[Int.random(in: 0..<fragments.count, using: &rng)].utf8), at: at)
                    }
                }
                text = String(decoding: bytes, as: UTF8.self)
            }
            let ours = try? JSONValue.parse(text)
            if ours != Self.oracle(text) { disagreements.append("\(text.debugDescription): ours \(String(describing: ours)), JSONDecoder \(String(describing: Self.oracle(text)))") }
        }
        #expect(disagreements.isEmpty, "\(disagreements.joined(separator: "\n"))")
    }
}
