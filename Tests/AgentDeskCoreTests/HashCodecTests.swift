import AgentDeskCore
import PropertyBased
import Testing

@Suite("Screen-pop URL hash")
struct HashCodecTests {
    @Test("the product document's example, verbatim")
    func specExample() {
        let config = WorkstationConfig(
            sdkAppId: "1400000001", agent: AgentProfile(nickName: "a"),
            pages: [ScreenPopPage(name: "qq", url: "https://www.qq.com", alwaysShow: true)])
        var state = WorkstationState(config: config)
        _ = state.reduce(.callIn(IncomingCall(type: .phone, caller: Caller(mobile: "18888888888"))))
        let url = state.url(ofPage: "qq")!
        #expect(url.hasPrefix("https://www.qq.com#?mobile=18888888888"))
        #expect(url.contains("&type=phone"))
    }

    @Test("parameters go out in the document's order, absent ones left out")
    func order() throws {
        var desk = Desk()
        desk.send(.callIn(IncomingCall(type: .im, caller: Caller(userId: "u-1", nickName: "刘先生", avatar: "https://a.example/x.png"))))
        let url = try #require(desk.state.url(ofPage: "客户资料"))
        let keys = HashCodec.decode(try #require(HashCodec.fragment(of: url))).map(\.key)
        #expect(keys == ["userId", "nickName", "avatar", "status", "type", "agentEmail", "agentMobile", "agentNickName", "agentRoleId", "sdkAppId"])
        #expect(url == "https://crm.example.com/customer#?userId=u-1&nickName=%E5%88%98%E5%85%88%E7%94%9F"
            + "&avatar=https%3A%2F%2Fa.example%2Fx.png&status=100&type=im&agentEmail=demo.agent%40example.com"
            + "&agentMobile=13800000000&agentNickName=%E5%B0%8F%E7%8E%8B&agentRoleId=agent&sdkAppId=1400000001")
    }

    @Test("a configured fragment is replaced, not appended to")
    func fragmentReplaced() {
        #expect(HashCodec.url(base: "https://x.example/app#/home?tab=1", parameters: [("status", "100")])
            == "https://x.example/app#?status=100")
        #expect(HashCodec.url(base: "https://x.example/a?q=1", parameters: [("mobile", "1")]) == "https://x.example/a?q=1#?mobile=1")
        #expect(HashCodec.url(base: "https://x.example/a#keep", parameters: []) == "https://x.example/a#keep")
    }

    @Test("values that break naive encoders", arguments: [
        "+8613800000000", "a b", "a&status=0", "x=y", "#frag", "100%", "刘先生", "안녕하세요", "e\u{301}", "🧑‍🌾",
        "a+b c", "%2B", "?", "/", "", "\u{0}", "line\nbreak", "\u{FEFF}bom",
    ])
    func tricky(value: String) {
        let encoded = HashCodec.query([("k", value)])
        #expect(!encoded.dropFirst().contains("+"), "a bare + would come back as a space")
        #expect(!encoded.dropFirst().contains("#"))
        let decoded = HashCodec.decode(encoded)
        #expect(decoded.count == 1)
        #expect(decoded.first?.key == "k")
        #expect(decoded.first?.value == value)
    }

    @Test("decoding is URLSearchParams': + is space, bad escapes stay, a leading ? is dropped")
    func urlSearchParamsRules() {
        let pairs = HashCodec.decode("?a=1+2&b=%zz&c=%E5%88%98&d&=e&&f=%&g=a=b&h=%ff")
        #expect(pairs.map(\.key) == ["a", "b", "c", "d", "", "f", "g", "h"])
        #expect(pairs.map(\.value) == ["1 2", "%zz", "刘", "", "e", "%", "a=b", "\u{FFFD}"])
    }

    @Test("property: any values survive encode then URLSearchParams-decode")
    func roundTripProperty() async {
        // Each pick lands in a class of characters, so the reserved ASCII set, CJK,
        // Hangul, emoji, combining marks and arbitrary scalars all turn up often.
        let value = Gen.int(in: 0...99_999).array(of: 0...24).map { picks in
            String(String.UnicodeScalarView(picks.map(Self.scalar(for:))))
        }
        await propertyCheck(count: 500, input: value, value) { first, second in
            let parameters = [(key: "mobile", value: first), (key: "nickName", value: second)]
            let url = HashCodec.url(base: "https://www.qq.com", parameters: parameters)
            let fragment = HashCodec.fragment(of: url) ?? ""
            #expect(!fragment.contains("+"))
            let decoded = HashCodec.decode(fragment)
            #expect(decoded.map(\.key) == ["mobile", "nickName"])
            #expect(decoded.map(\.value) == [first, second])
        }
    }

    static let reserved = Array("+&=#%? /;:@!$'()*,[]~-._\"<>\\^`{|}".unicodeScalars)

    static func scalar(for pick: Int) -> Unicode.Scalar {
        let code: Int
        switch pick {
        case ..<30_000: return reserved[pick % reserved.count]
        case ..<50_000: code = 0x4E00 + pick % 0x5200
        case ..<60_000: code = 0x1F300 + pick % 0x700
        case ..<70_000: code = 0xAC00 + pick % 11_172
        case ..<75_000: code = 0x300 + pick % 0x70
        default:
            let any = (pick &* 7_919) % 0x110000
            code = (0xD800...0xDFFF).contains(any) ? any + 0x800 : any
        }
        return Unicode.Scalar(UInt32(code))!
    }
}
