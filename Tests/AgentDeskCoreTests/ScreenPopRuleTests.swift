import AgentDeskCore
import Testing

/// The 400 rule: a page that shows a session receives that session's `status=400`
/// URL when it ends, and only after that may the pages move to another session;
/// they move on only when a new session pops or the agent answers or selects one.
@Suite("Screen-pop: the 400 rule across session pairs")
struct ScreenPopRuleTests {
    /// One case of the table: the first session is answered; the second rings
    /// beside it (or, when both are voice, after the first is over), is answered or
    /// not, and ends by `closeBy`.
    struct Pair: CustomTestStringConvertible, Sendable {
        let first: SessionType
        let second: SessionType
        let closeBy: CloseBy
        let answered: Bool
        var testDescription: String { "\(first)+\(second), second \(answered ? "answered" : "ringing") ends by \(closeBy)" }
    }

    static let pairs: [Pair] = SessionType.allCases.flatMap { first in
        SessionType.allCases.flatMap { second in
            CloseBy.allCases.flatMap { closeBy in
                // A timer ends only a ringing session (the ring timeout).
                (closeBy == .timer ? [false] : [true, false]).map { Pair(first: first, second: second, closeBy: closeBy, answered: $0) }
            }
        }
    }

    static let firstCaller = "13900000001"
    static let secondCaller = "13900000002"

    /// The caller a page URL is about, and its status.
    static func reading(_ url: String) -> (caller: String?, status: String?) {
        let parameters = HashCodec.parameters(of: url)
        return (parameters.first { $0.key == "mobile" }?.value, parameters.first { $0.key == "status" }?.value)
    }

    /// Every page's URLs in the order it received them, over a whole run.
    static func received(_ log: [Occurrence]) -> [String: [String]] {
        var urls: [String: [String]] = [:]
        for occurrence in log {
            if case let .hashchange(page, url) = occurrence.event { urls[page, default: []].append(url) }
        }
        return urls
    }

    /// The rule as an invariant of a page's URL sequence: whenever a page moves from
    /// one caller to another, the first caller's last URL was its 400 if that
    /// session had ended by then; and a session's 400 is never followed by one of
    /// its own live states.
    static func expectRule(_ urls: [String], endedBefore: (String, Int) -> Bool, page: String,
                           sourceLocation: SourceLocation = #_sourceLocation) {
        for index in urls.indices.dropFirst() {
            let previous = reading(urls[index - 1]), current = reading(urls[index])
            if previous.caller != current.caller, let caller = previous.caller, endedBefore(caller, index) {
                #expect(previous.status == "400", "\(page) left \(caller) at status \(previous.status ?? "-") after it ended",
                        sourceLocation: sourceLocation)
            }
        }
    }

    @Test("the page showing a session gets its 400, then moves only when the agent moves on", arguments: pairs)
    func pair(_ pair: Pair) {
        var desk = Desk()
        var log: [Occurrence] = []
        var endIndex: [String: Int] = [:]  // caller -> number of hashchanges each page had seen when it ended
        func send(_ action: Action) -> [Occurrence] {
            let result = desk.send(action)
            #expect(desk.refusal == nil, "\(action.name) refused: \(desk.refusal?.reason ?? "")")
            log += result
            return result
        }
        func pagesShow(_ caller: String, _ status: String, sourceLocation: SourceLocation = #_sourceLocation) {
            for page in desk.state.visiblePages {
                let now = Self.reading(desk.state.url(ofPage: page.name) ?? "")
                #expect(now.caller == caller && now.status == status,
                        "\(page.name) shows \(now.caller ?? "-") \(now.status ?? "-"), expected \(caller) \(status)",
                        sourceLocation: sourceLocation)
            }
        }
        func hashchanges(_ occurrences: [Occurrence]) -> [(caller: String?, status: String?)] {
            occurrences.compactMap { if case let .hashchange(_, url) = $0.event { Self.reading(url) } else { nil } }
        }
        func markEnded(_ caller: String) { endIndex[caller] = Self.received(log).values.map(\.count).max() ?? 0 }

        _ = send(.call(Self.firstCaller, type: pair.first))
        _ = send(.answer("s1"))
        pagesShow(Self.firstCaller, "200")
        let bothVoice = pair.first.hasAudio && pair.second.hasAudio
        if bothVoice {
            // One voice session at a time: the first ends (its 400 reaches the pages), the
            // agent wraps up, then the second rings.
            let ended = send(.hangUp("s1", closeBy: .client))
            markEnded(Self.firstCaller)
            #expect(hashchanges(ended).contains { $0.caller == Self.firstCaller && $0.status == "400" })
            pagesShow(Self.firstCaller, "400")
            if desk.state.agent.status == .arrange { _ = send(.wrapUp(.done)) }
            pagesShow(Self.firstCaller, "400")
        }
        _ = send(.call(Self.secondCaller, type: pair.second, timeout: pair.closeBy == .timer ? 30 : 0))
        pagesShow(Self.secondCaller, "100")
        if pair.answered {
            _ = send(.answer("s2"))
            pagesShow(Self.secondCaller, "200")
        }
        let ending = pair.closeBy == .timer ? send(.tick(to: desk.state.now + 30)) : send(.hangUp("s2", closeBy: pair.closeBy))
        markEnded(Self.secondCaller)
        #expect(desk.state.session("s2")?.closeBy == pair.closeBy)
        // The 400 of the session the pages show reaches them, and nothing after it in the same moment.
        let seen = hashchanges(ending)
        #expect(!seen.isEmpty && seen.allSatisfy { $0.caller == Self.secondCaller && $0.status == "400" },
                "the pages got \(seen) when s2 ended")
        #expect(desk.state.screenPopSession == "s2")
        pagesShow(Self.secondCaller, "400")
        // Time passing and wrap-up move nothing.
        _ = send(.tick(to: desk.state.now + 5))
        if desk.state.agent.status == .arrange { _ = send(.wrapUp(.done)) }
        pagesShow(Self.secondCaller, "400")

        if !bothVoice {
            // The first session is still live: the agent moves on to it, and only then do the pages.
            #expect(desk.state.selected == "s1", "the call panel looks at the live session")
            let moved = send(.select("s1"))
            #expect(hashchanges(moved).allSatisfy { $0.caller == Self.firstCaller && $0.status == "200" })
            pagesShow(Self.firstCaller, "200")
            _ = send(.hangUp("s1", closeBy: pair.closeBy == .timer ? .client : pair.closeBy))
            markEnded(Self.firstCaller)
            pagesShow(Self.firstCaller, "400")
        }
        for (page, urls) in Self.received(log) {
            Self.expectRule(urls, endedBefore: { caller, index in (endIndex[caller] ?? .max) <= index }, page: page)
        }
    }

    @Test("a session that ends while the pages show another: its 400 never reaches them and they stay",
          arguments: [SessionType.phone, .im, .om, .oim], CloseBy.allCases.filter { $0 != .timer })
    func unshownEnds(_ first: SessionType, closeBy: CloseBy) {
        var desk = Desk()
        desk.send([.call(Self.firstCaller, type: first), .answer("s1"), .call(Self.secondCaller, type: .im), .answer("s2")])
        #expect(desk.state.screenPopSession == "s2")
        desk.send(.hangUp("s1", closeBy: closeBy))
        #expect(desk.refusal == nil)
        #expect(desk.hashchanges.allSatisfy { Self.reading($0.url).caller == Self.secondCaller },
                "the pages show s2; s1's end is not theirs")
        #expect(desk.state.screenPopSession == "s2")
        #expect(desk.state.url(ofPage: "客户资料").map { Self.reading($0).status } == "200")
    }

    @Test("the reported case: phone answered, chat answered and ended; the chat's page sees 400 and stays")
    func reportedCase() {
        var desk = Desk()
        desk.send([.call(Self.firstCaller), .answer(), .call(Self.secondCaller, type: .im), .answer("s2")])
        desk.send(.hangUp("s2", closeBy: .client))
        #expect(desk.hashchanges.map { Self.reading($0.url).status } == ["400", "400"])
        #expect(desk.state.selected == "s1", "the hang-up key reaches the call again")
        #expect(desk.state.screenPopSession == "s2", "the pages keep the chat until the agent moves on")
        desk.send(.select("s1"))
        #expect(desk.hashchanges.map { Self.reading($0.url).status } == ["200", "200"])
        #expect(desk.state.screenPopSession == "s1")
    }

    @Test("a new pop moves the pages off an ended session; answering a waiting session does too")
    func movingOn() {
        var desk = Desk()
        desk.send([.call(Self.firstCaller), .call(Self.secondCaller, type: .im), .hangUp("s2", closeBy: .client)])
        #expect(desk.state.screenPopSession == "s2")
        desk.send(.answer("s1"))
        #expect(desk.state.screenPopSession == "s1")
        #expect(desk.hashchanges.allSatisfy { Self.reading($0.url) == (Self.firstCaller, "200") })
        desk.send([.call("13900000003", type: .im), .hangUp("s3", closeBy: .seat)])
        #expect(desk.state.screenPopSession == "s3")
        desk.send(.call("13900000004", type: .im))
        #expect(desk.state.screenPopSession == "s4")
        #expect(desk.hashchanges.allSatisfy { Self.reading($0.url) == ("13900000004", "100") })
    }
}
