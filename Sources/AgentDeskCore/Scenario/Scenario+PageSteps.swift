extension Scenario {
    /// `click: {tab, selector}`, `type: {tab, selector, text}`, `waitFor: {tab, selector, within}`
    /// (click and type take `within` too: how long they wait for their element).
    static func readPageStep(_ verb: PageStep.Verb, _ value: DocumentNode, path: String, reader: inout DocumentReader) -> PageStep? {
        let known = verb == .type ? ["tab", "selector", "text", "within"] : ["tab", "selector", "within"]
        guard case .mapping = value else {
            reader.report(at: value, path, "expected a mapping of " + known.joined(separator: ", ") + ", found \(reader.describe(value))")
            return nil
        }
        guard let f = reader.mapping(value, path, known: known) else { return nil }
        let before = reader.errors.count
        let tab = reader.required(f, "tab", "name the tab whose page it acts in").flatMap {
            reader.string($0, f.path("tab"), acceptNumbers: true, maxLength: 128)
        }
        let selector = reader.required(f, "selector", "give a CSS selector, e.g. \"#call-out\"").flatMap {
            reader.string($0, f.path("selector"), acceptNumbers: false, maxLength: PageStep.maxSelectorLength)
        }
        if let selector, let node = f["selector"], selector.allSatisfy(\.isWhitespace) {
            reader.report(at: node, f.path("selector"), "the selector is empty; give a CSS selector, e.g. \"#call-out\"")
        }
        var text: String?
        if verb == .type {
            text = reader.required(f, "text", "say what to type").flatMap {
                reader.string($0, f.path("text"), acceptNumbers: true, maxLength: PageStep.maxTextLength)
            }
        }
        var within = PageStep.defaultWithin
        if let node = f["within"], let seconds = reader.number(node, f.path("within"), in: 0...PageStep.maxWithin) {
            within = seconds
        }
        guard reader.errors.count == before, let tab, let selector else { return nil }
        return PageStep(verb: verb, tab: tab, selector: selector, text: text, within: within)
    }

    /// `pageMessages: {tab, count, last, outcome}` and `pageErrors: N` inside an expect.
    static func readPageExpectations(_ f: Fields, into e: inout Expectation, reader: inout DocumentReader) {
        if let node = f["pageMessages"], let pf = reader.mapping(node, f.path("pageMessages"), known: ["tab", "count", "last", "outcome"]) {
            var check = PageMessagesCheck()
            if case let .mapping(pairs, _) = node, pairs.isEmpty {
                reader.report(at: node, f.path("pageMessages"), "say what to check: count, last, outcome")
            }
            if let t = pf["tab"] { check.tab = reader.string(t, pf.path("tab"), acceptNumbers: true, maxLength: 128) }
            if let c = pf["count"], let n = reader.number(c, pf.path("count"), in: 0...1_000_000) {
                if n == n.rounded() { check.count = Int(n) } else { reader.report(at: c, pf.path("count"), "expected a whole number, found \(OrderedJSON.number(n))") }
            }
            if let l = pf["last"] { check.last = l.jsonValue }
            if let o = pf["outcome"], let word = reader.string(o, pf.path("outcome")) {
                if PageMessagesCheck.outcomes.contains(word) { check.outcome = word } else {
                    reader.report(at: o, pf.path("outcome"), "'\(word)' is not one of " + PageMessagesCheck.outcomes.joined(separator: ", "))
                }
            }
            e.pageMessages = check
        }
        if let node = f["pageErrors"], let n = reader.number(node, f.path("pageErrors"), in: 0...1_000_000) {
            if n == n.rounded() { e.pageErrors = Int(n) } else {
                reader.report(at: node, f.path("pageErrors"), "expected a whole number, found \(OrderedJSON.number(n))")
            }
        }
    }
}
