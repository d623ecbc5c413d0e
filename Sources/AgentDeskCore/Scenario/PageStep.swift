/// A step that drives a screen-pop page in a real browser (`run --headless --browser`):
/// `click`, `type` or `waitFor`, inside the page's own frame, found by CSS selector.
public struct PageStep: Sendable, Equatable {
    public enum Verb: String, Sendable, Equatable, CaseIterable {
        /// Clicks the element (it must exist and not be disabled).
        case click
        /// Types text into the element (an input, a textarea, or anything editable).
        case type
        /// Waits until an element matches.
        case waitFor
    }

    public var verb: Verb
    /// The tab whose page it acts in.
    public var tab: String
    /// A CSS selector, as `document.querySelector` takes it.
    public var selector: String
    /// What `type` types.
    public var text: String?
    /// How long to wait for the element (real seconds).
    public var within: Double

    /// How long a step waits for its element when `within` is not given.
    public static let defaultWithin: Double = 5
    /// The longest wait a step may ask for.
    public static let maxWithin: Double = 600
    public static let maxSelectorLength = 1024
    public static let maxTextLength = 4096

    public init(verb: Verb, tab: String, selector: String, text: String? = nil, within: Double = PageStep.defaultWithin) {
        self.verb = verb
        self.tab = tab
        self.selector = selector
        self.text = text
        self.within = within
    }
}

/// What the pages did during a browser run, as the runner saw it: what each posted
/// (as the bridge relayed it) with its outcome, and what each threw.
public struct PageObservations: Sendable, Equatable {
    public struct Posted: Sendable, Equatable {
        public var tab: String?
        public var message: JSONValue
        /// accepted, refused, ignored, unsupported.
        public var outcome: String

        public init(tab: String?, message: JSONValue, outcome: String) {
            self.tab = tab
            self.message = message
            self.outcome = outcome
        }
    }

    public struct Thrown: Sendable, Equatable {
        public var tab: String?
        public var text: String

        public init(tab: String?, text: String) {
            self.tab = tab
            self.text = text
        }
    }

    public var messages: [Posted] = []
    public var errors: [Thrown] = []

    public init(messages: [Posted] = [], errors: [Thrown] = []) {
        self.messages = messages
        self.errors = errors
    }
}

/// `expect: {pageMessages: {tab, count, last, outcome}}`: what the page posted.
public struct PageMessagesCheck: Sendable, Equatable {
    /// Only this tab's messages (default: every tab's).
    public var tab: String?
    /// How many messages were posted.
    public var count: Int?
    /// The last message, exactly (objects compare whatever their keys' order).
    public var last: JSONValue?
    /// The last message's outcome: accepted, refused, ignored or unsupported.
    public var outcome: String?

    public init(tab: String? = nil, count: Int? = nil, last: JSONValue? = nil, outcome: String? = nil) {
        self.tab = tab
        self.count = count
        self.last = last
        self.outcome = outcome
    }

    public static let outcomes = ["accepted", "refused", "ignored", "unsupported"]
}

extension Expectation {
    /// Whether checking it needs a browser run (pageMessages, pageErrors).
    public var needsBrowser: Bool { pageMessages != nil || pageErrors != nil }

    /// Checks the state, and what the pages did (a browser run).
    public func check(_ state: WorkstationState, pages: PageObservations) -> [Mismatch] {
        var out = check(state)
        if let want = pageMessages {
            let posted = pages.messages.filter { want.tab == nil || $0.tab == want.tab }
            let prefix = "pageMessages" + (want.tab.map { "[\($0)]" } ?? "")
            if let count = want.count, count != posted.count {
                out.append(Mismatch(field: prefix + ".count", expected: String(count), actual: String(posted.count)))
            }
            if let last = want.last {
                let actual = posted.last.map { OrderedJSON.encode($0.message.ordered) } ?? "(no message)"
                let expected = OrderedJSON.encode(last.ordered)
                if actual != expected { out.append(Mismatch(field: prefix + ".last", expected: expected, actual: actual)) }
            }
            if let outcome = want.outcome {
                let actual = posted.last?.outcome ?? "(no message)"
                if actual != outcome { out.append(Mismatch(field: prefix + ".outcome", expected: outcome, actual: actual)) }
            }
        }
        if let want = pageErrors, want != pages.errors.count {
            var actual = String(pages.errors.count)
            if let first = pages.errors.first {
                actual += " (first" + (first.tab.map { " in \($0)" } ?? "") + ": " + DocumentReader.short(first.text) + ")"
            }
            out.append(Mismatch(field: "pageErrors", expected: String(want), actual: actual))
        }
        return out
    }
}

extension JSONValue {
    /// The value as ordered JSON, object keys sorted: one text per value.
    public var ordered: OrderedJSON.Value {
        switch self {
        case .null: .null
        case let .bool(b): .bool(b)
        case let .number(n): .number(n)
        case let .string(s): .string(s)
        case let .array(items): .array(items.map(\.ordered))
        case let .object(fields): .object(fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value.ordered) })
        }
    }
}

extension Scenario {
    /// The steps that need a browser run: page steps, and expects on what pages posted or threw.
    public var browserSteps: [ScenarioStep] {
        steps.filter { step in
            switch step.kind {
            case .page: true
            case let .expect(e): e.needsBrowser
            default: false
            }
        }
    }
}
