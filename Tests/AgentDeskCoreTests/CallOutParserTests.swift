import AgentDeskCore
import Testing

/// One message a page might post, and what must become of it.
struct CallOutCase: CustomTestStringConvertible, Sendable {
    let label: String
    let json: String
    let verdict: String
    let phoneNumber: String?
    let display: String?
    /// A piece of the error (refused, unsupported, ignored) or of a note (accepted).
    let says: String?

    var testDescription: String { label }

    init(_ label: String, _ json: String, _ verdict: String, number: String? = nil, display: String? = nil, says: String? = nil) {
        self.label = label
        self.json = json
        self.verdict = verdict
        self.phoneNumber = number
        self.display = display
        self.says = says
    }
}

private func envelope(_ message: String) -> String {
    #"{"source":"ccc-sdk","payload":{"event":"callOut","message":"# + message + "}}"
}

let callOutCases: [CallOutCase] = [
    // Well-formed
    .init("the document's example", envelope(#"{"phoneNumber":"15889000000","desc":"刘先生"}"#), "accepted", number: "15889000000", display: "刘先生"),
    .init("no desc: the number is shown", envelope(#"{"phoneNumber":"15889000000"}"#), "accepted", number: "15889000000", display: "15889000000"),
    .init("empty desc: the number is shown", envelope(#"{"phoneNumber":"15889000000","desc":""}"#), "accepted", number: "15889000000", display: "15889000000"),
    .init("blank desc: the number is shown", envelope(#"{"phoneNumber":"15889000000","desc":"   "}"#), "accepted", number: "15889000000", display: "15889000000"),
    .init("null desc: as if absent", envelope(#"{"phoneNumber":"15889000000","desc":null}"#), "accepted", number: "15889000000", display: "15889000000"),
    .init("desc 42: reported, number shown", envelope(#"{"phoneNumber":"15889000000","desc":42}"#), "accepted", number: "15889000000", display: "15889000000", says: "desc is the number 42, not text"),
    .init("desc an object: reported, number shown", envelope(#"{"phoneNumber":"15889000000","desc":{"a":1}}"#), "accepted", number: "15889000000", display: "15889000000", says: "desc is an object"),
    .init("international number with +", envelope(#"{"phoneNumber":"+8613800000000","desc":"Mr Li"}"#), "accepted", number: "+8613800000000", display: "Mr Li"),
    .init("spaces and dashes stripped", envelope(#"{"phoneNumber":"138 0000-0000"}"#), "accepted", number: "13800000000", display: "13800000000"),
    .init("extension with * and #", envelope(#"{"phoneNumber":"075586013388*123#"}"#), "accepted", number: "075586013388*123#"),
    .init("extra fields are tolerated and noted", #"{"source":"ccc-sdk","version":2,"payload":{"event":"callOut","message":{"phoneNumber":"10086","crmId":7}}}"#, "accepted", number: "10086", display: "10086", says: "unknown field payload.message.crmId ignored"),
    .init("desc of exactly 64 characters", envelope(#"{"phoneNumber":"10086","desc":""# + String(repeating: "刘", count: 64) + #""}"#), "accepted", number: "10086", display: String(repeating: "刘", count: 64)),
    // Numbers as people write and paste them (RFC 3966 separators, full width, tel:)
    .init("tel: prefix and RFC 3966 separators", envelope(#"{"phoneNumber":"tel:+86 (138) 0000.0000"}"#), "accepted", number: "+8613800000000"),
    .init("full-width digits, plus and hyphen", envelope(#"{"phoneNumber":"＋８６ １３８－００００－００００"}"#), "accepted", number: "+8613800000000"),
    .init("no-break and ideographic spaces", envelope(#"{"phoneNumber":"138\u00a00000\u30000000"}"#), "accepted", number: "13800000000"),
    .init("surrounding whitespace and a newline", envelope(#"{"phoneNumber":"  13800000000\n"}"#), "accepted", number: "13800000000"),
    .init("Arabic-Indic digits", envelope(#"{"phoneNumber":"١٣٨٠٠٠٠٠٠٠٠"}"#), "refused", says: "Arabic-Indic digits are not dialable"),
    .init("letters", envelope(#"{"phoneNumber":"1-800-FLOWERS"}"#), "refused", says: "letters are not dialable"),
    .init("an invisible character", envelope(#"{"phoneNumber":"138\u200b0000"}"#), "refused", says: "invisible character (U+200B)"),
    .init("desc of only invisible characters: the number is shown", envelope(#"{"phoneNumber":"10086","desc":"\u200b\u2060"}"#), "accepted", number: "10086", display: "10086", says: "nothing visible"),
    .init("one letter and a thousand combining marks is long", envelope(#"{"phoneNumber":"10086","desc":"e"# + String(repeating: "\u{301}", count: 1000) + #""}"#), "refused", says: "desc is 1001 characters long"),
    .init("callout in the wrong case", #"{"source":"ccc-sdk","payload":{"event":"callout","message":{"phoneNumber":"1"}}}"#, "refused", says: "did you mean \"callOut\"?"),
    .init("callOut with a trailing space", #"{"source":"ccc-sdk","payload":{"event":"callOut ","message":{"phoneNumber":"1"}}}"#, "refused", says: "did you mean \"callOut\"?"),
    // Not ours
    .init("wrong source", #"{"source":"react-devtools","payload":{"event":"callOut","message":{"phoneNumber":"10086"}}}"#, "ignored", says: "not \"ccc-sdk\""),
    .init("no source", #"{"payload":{"event":"callOut","message":{"phoneNumber":"10086"}}}"#, "ignored", says: "no source"),
    .init("source is a number", #"{"source":1,"payload":{}}"#, "ignored", says: "the number 1"),
    .init("a bare string", #""callOut""#, "ignored", says: "not an object"),
    .init("an array", #"[1,2]"#, "ignored", says: "a list"),
    .init("null", "null", "ignored", says: "null"),
    .init("not JSON at all", "{source: ccc-sdk", "ignored", says: "not valid JSON"),
    // Ours, but not a call-out
    .init("another event", #"{"source":"ccc-sdk","payload":{"event":"hangUp","message":{}}}"#, "unsupported", says: "\"hangUp\""),
    // Ours, broken
    .init("payload missing", #"{"source":"ccc-sdk"}"#, "refused", says: "payload is missing"),
    .init("payload a string", #"{"source":"ccc-sdk","payload":"callOut"}"#, "refused", says: "payload must be an object"),
    .init("event missing", #"{"source":"ccc-sdk","payload":{"message":{"phoneNumber":"1"}}}"#, "refused", says: "payload.event is missing"),
    .init("event a number", #"{"source":"ccc-sdk","payload":{"event":3}}"#, "refused", says: "payload.event must be text"),
    .init("message missing", #"{"source":"ccc-sdk","payload":{"event":"callOut"}}"#, "refused", says: "payload.message is missing"),
    .init("message an array", #"{"source":"ccc-sdk","payload":{"event":"callOut","message":["10086"]}}"#, "refused", says: "payload.message must be an object"),
    .init("phoneNumber missing", envelope(#"{"desc":"刘先生"}"#), "refused", says: "phoneNumber is required"),
    .init("phoneNumber as a number", envelope(#"{"phoneNumber":15889000000}"#), "refused", says: "must be text (in quotes), found the number 15889000000"),
    .init("phoneNumber null", envelope(#"{"phoneNumber":null}"#), "refused", says: "found null"),
    .init("phoneNumber an array", envelope(#"{"phoneNumber":["10086"]}"#), "refused", says: "found a list"),
    .init("phoneNumber empty", envelope(#"{"phoneNumber":""}"#), "refused", says: "phoneNumber is empty"),
    .init("phoneNumber only dashes", envelope(#"{"phoneNumber":" - "}"#), "refused", says: "has no digits"),
    .init("phoneNumber abc", envelope(#"{"phoneNumber":"abc"}"#), "refused", says: "\"abc\" is not a dialable number"),
    .init("phoneNumber smuggling hash parameters", envelope(#"{"phoneNumber":"1&status=0#x"}"#), "refused", says: "\"1&status=0#x\" is not a dialable number"),
    .init("plus in the middle", envelope(#"{"phoneNumber":"86+138"}"#), "refused", says: "+ may only come first"),
    .init("only tones, no digit", envelope(#"{"phoneNumber":"*#"}"#), "refused", says: "has no digits"),
    .init("too long to dial", envelope(#"{"phoneNumber":""# + String(repeating: "1", count: 33) + #""}"#), "refused", says: "at most 32"),
    .init("control character in the number", envelope(#"{"phoneNumber":"10086\u001b[2J"}"#), "refused", says: "\\u{1b}"),
    .init("desc of 65 characters", envelope(#"{"phoneNumber":"10086","desc":""# + String(repeating: "a", count: 65) + #""}"#), "refused", number: "10086", says: "desc is 65 characters long"),
    .init("desc of 1 MB", envelope(#"{"phoneNumber":"10086","desc":""# + String(repeating: "x", count: 1 << 20) + #""}"#), "refused", number: "10086", says: "desc is 1048576 characters long"),
]

@Suite("Call-out messages from pages")
struct CallOutParserTests {
    @Test("at least 25 messages, valid and broken", arguments: callOutCases)
    func judge(_ c: CallOutCase) {
        let outcome = CallOutRequest.parse(json: c.json)
        #expect(outcome.verdict == c.verdict)
        if let number = c.phoneNumber { #expect(outcome.phoneNumber == number) }
        if let display = c.display { #expect(outcome.display == display) }
        if let says = c.says {
            var said = outcome.error ?? ""
            if case let .accepted(_, notes) = outcome { said = notes.joined(separator: "; ") }
            #expect(said.contains(says), "\(said)")
        }
        if c.verdict == "accepted" { #expect(outcome.error == nil) } else { #expect(outcome.display == nil) }
    }

    @Test("the table is as large as the issue asks")
    func tableSize() {
        #expect(callOutCases.count >= 25)
    }

    @Test("an already decoded value is judged the same as its JSON text")
    func decodedValue() throws {
        for c in callOutCases {
            guard let value = try? JSONValue.parse(c.json) else { continue }
            #expect(CallOutRequest.parse(value) == CallOutRequest.parse(json: c.json), "\(c.label)")
        }
    }

    @Test("an accepted request fills the dialpad; a broken one leaves it and says why")
    func fillsDialpad() {
        var desk = Desk()
        desk.send(.callOut("15889000000", desc: "刘先生"))
        #expect(desk.state.dialpad.number == "15889000000")
        #expect(desk.state.dialpad.display == "刘先生")
        #expect(desk.names == ["callOutRequest"])

        desk.send(.pageMessage(try! JSONValue.parse(envelope(#"{"phoneNumber":"abc"}"#))))
        #expect(desk.state.dialpad.number == "15889000000", "a refused request keeps what was accepted")
        #expect(desk.state.dialpad.lastRequest?.verdict == "refused")
        #expect(desk.names == ["callOutRequest"])
    }

    @Test("dialing an accepted request starts an outbound call showing desc; busy and offline refuse")
    func dialAfterRequest() throws {
        var desk = Desk(quickConfig)
        desk.send(.callOut("15889000000", desc: "刘先生"))
        desk.send(.dial)
        #expect(desk.names == ["statusChanged", "callOuted"])
        let session = try #require(desk.state.selectedSession)
        #expect(session.direction == .outbound)
        #expect(session.caller.mobile == "15889000000")
        #expect(session.displayName == "刘先生")
        #expect(desk.state.agent.status == .busy)

        desk.send(.callOut("10086"))
        desk.send(.dial)
        #expect(desk.refusal?.reason.contains("busy") == true)

        var offline = Desk(quickConfig, status: .offline)
        offline.send(.callOut("10086"))
        offline.send(.dial)
        #expect(offline.refusal?.reason.contains("offline") == true)
        #expect(offline.state.sessions.isEmpty)
    }

    @Test("plain numbers (digits, + * #) are judged as the full rules judge them, 20,000 random ones")
    func plainNumbers() {
        var rng = SplitMix64(state: 0x5EED_CA11)
        let alphabet = Array("0123456789+*#")
        for _ in 0..<20_000 {
            let length = Int(rng.next() % 40)
            let raw = String((0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
            #expect(CallOutRequest.dialable(raw) == raw)
            let scalars = Array(raw.unicodeScalars)
            let expected: Bool = !raw.isEmpty && scalars.count <= CallOutRequest.maxPhoneNumberLength
                && !scalars.dropFirst().contains("+") && scalars.contains { ("0"..."9").contains($0) }
            #expect((CallOutRequest.dialProblem(raw) == nil) == expected, "\(raw): \(CallOutRequest.dialProblem(raw) ?? "ok")")
        }
        // The full path still reads what people write.
        #expect(CallOutRequest.dialable(" tel:+86 (10) 1234-5678 ") == "+861012345678")
        #expect(CallOutRequest.dialable("１３８００１３８０００") == "13800138000")
        #expect(CallOutRequest.dialProblem("1+2")?.contains("+ may only come first") == true)
        #expect(CallOutRequest.dialProblem("+*#")?.contains("has no digits") == true)
    }
}
