@testable import AgentDeskCore
import Foundation
import Testing

@Suite("Page steps: click, type, waitFor, and expects on what pages did")
struct PageStepTests {
    @Test("click, type and waitFor read their tab, selector, text and within")
    func reading() throws {
        let scenario = try Scenario.parse("""
            steps:
              - waitFor: {tab: 客户资料, selector: "body[data-status='100']", within: 10}
              - click: {tab: 客户资料, selector: "#call-out"}
              - type: {tab: 客户资料, selector: "input[name=note]", text: 回访 12}
              - expect: {pageMessages: {tab: 客户资料, count: 1, outcome: accepted, last: {source: ccc-sdk}}, pageErrors: 0}
            """, file: "p.yaml")
        #expect(scenario.steps.map(\.kind) == [
            .page(PageStep(verb: .waitFor, tab: "客户资料", selector: "body[data-status='100']", within: 10)),
            .page(PageStep(verb: .click, tab: "客户资料", selector: "#call-out")),
            .page(PageStep(verb: .type, tab: "客户资料", selector: "input[name=note]", text: "回访 12")),
            .expect({
                var e = Expectation()
                e.pageMessages = PageMessagesCheck(tab: "客户资料", count: 1, last: .object(["source": .string("ccc-sdk")]), outcome: "accepted")
                e.pageErrors = 0
                return e
            }()),
        ])
        #expect(scenario.browserSteps.count == 4)
        let plain = try Scenario.parse("steps:\n  - call: {}\n  - expect: {agent: busy}\n", file: "q.yaml")
        #expect(plain.browserSteps.isEmpty)
    }

    static let errors: [(String, String)] = [
        ("steps:\n  - click: {selector: \"#x\"}\n", "p.yaml:2:12: steps[0].click.tab: missing; name the tab whose page it acts in"),
        ("steps:\n  - click: {tab: A}\n", "p.yaml:2:12: steps[0].click.selector: missing; give a CSS selector"),
        ("steps:\n  - click: \"#x\"\n", "p.yaml:2:12: steps[0].click: expected a mapping of tab, selector, within, found the text \"#x\""),
        ("steps:\n  - click: {tab: A, selector: \"  \"}\n", "p.yaml:2:31: steps[0].click.selector: the selector is empty"),
        ("steps:\n  - click: {tab: A, selector: \"#x\", text: hi}\n", "p.yaml:2:37: steps[0].click.text: unknown key 'text'"),
        ("steps:\n  - type: {tab: A, selector: \"#x\"}\n", "p.yaml:2:11: steps[0].type.text: missing; say what to type"),
        ("steps:\n  - waitFor: {tab: A, selector: \"#x\", within: -1}\n", "p.yaml:2:47: steps[0].waitFor.within: -1 is out of range; expected 0 to 600"),
        ("steps:\n  - waitFor: {tab: A, selector: \"#x\", within: soon}\n", "p.yaml:2:47: steps[0].waitFor.within: expected a number"),
        ("steps:\n  - waitFor: {tab: A, selector: \"#x\"}\n    session: s1\n", "p.yaml:3:5: steps[0].session: 'waitFor' takes no session"),
        ("steps:\n  - call: {mobile: \"1\"}\n    type: im\n", "p.yaml:3:11: steps[0].type: 'type' goes inside 'call', not beside it"),
        ("steps:\n  - type: im\n", "p.yaml:2:11: steps[0].type: expected a mapping of tab, selector, text, within, found the text \"im\""),
        ("steps:\n  - clik: {tab: A, selector: \"#x\"}\n", "p.yaml:2:5: steps[0].clik: unknown key 'clik'; did you mean 'click'?"),
        ("steps:\n  - expect: {pageMessages: {}}\n", "p.yaml:2:28: steps[0].expect.pageMessages: say what to check: count, last, outcome"),
        ("steps:\n  - expect: {pageMessages: {count: 1.5}}\n", "p.yaml:2:36: steps[0].expect.pageMessages.count: expected a whole number, found 1.5"),
        ("steps:\n  - expect: {pageMessages: {outcome: ok}}\n", "p.yaml:2:38: steps[0].expect.pageMessages.outcome: 'ok' is not one of accepted, refused, ignored, unsupported"),
        ("steps:\n  - expect: {pageErrors: none}\n", "p.yaml:2:26: steps[0].expect.pageErrors: expected a number"),
    ]

    @Test("every mistake in a page step or page expect names file:line:column")
    func errorTable() {
        for (yaml, expected) in Self.errors {
            do {
                _ = try Scenario.parse(yaml, file: "p.yaml")
                Issue.record("accepted: \(yaml)")
            } catch {
                #expect(error.errors.first?.description.hasPrefix(expected) == true, "\(yaml)\ngot: \(error)")
            }
        }
    }

    @Test("pageMessages checks the count, the last message (keys in any order) and its outcome, per tab; pageErrors counts throws")
    func checking() {
        let envelope = JSONValue.object(["source": .string("ccc-sdk"), "payload": .object(["event": .string("callOut")])])
        let pages = PageObservations(messages: [
            .init(tab: "A", message: .string("{\"source\":\"ccc-sdk\"}"), outcome: "ignored"),
            .init(tab: "B", message: envelope, outcome: "accepted"),
        ], errors: [.init(tab: "A", text: "TypeError: Cannot read properties of null (reading 'textContent')")])
        let state = WorkstationState(config: .demo)
        var e = Expectation()
        e.pageMessages = PageMessagesCheck(count: 2, last: .object(["payload": .object(["event": .string("callOut")]), "source": .string("ccc-sdk")]),
                                           outcome: "accepted")
        #expect(e.check(state, pages: pages).isEmpty)
        e.pageMessages = PageMessagesCheck(tab: "A", count: 1, last: envelope, outcome: "accepted")
        #expect(e.check(state, pages: pages) == [
            .init(field: "pageMessages[A].last", expected: #"{"payload":{"event":"callOut"},"source":"ccc-sdk"}"#, actual: #""{\"source\":\"ccc-sdk\"}""#),
            .init(field: "pageMessages[A].outcome", expected: "accepted", actual: "ignored"),
        ])
        e.pageMessages = PageMessagesCheck(tab: "C", count: 1, outcome: "accepted")
        #expect(e.check(state, pages: pages) == [
            .init(field: "pageMessages[C].count", expected: "1", actual: "0"),
            .init(field: "pageMessages[C].outcome", expected: "accepted", actual: "(no message)"),
        ])
        var errors = Expectation()
        errors.pageErrors = 0
        let thrown = errors.check(state, pages: pages)
        #expect(thrown.count == 1 && thrown[0].field == "pageErrors" && thrown[0].expected == "0")
        #expect(thrown.first?.actual.hasPrefix("1 (first in A: TypeError: Cannot read properties") == true)
        #expect(errors.check(state, pages: PageObservations()).isEmpty)
    }

    @Test("a headless run without a browser plays around page steps: they have no line and change nothing")
    func virtualRun() throws {
        let scenario = try Scenario.parse("steps:\n  - click: {tab: A, selector: \"#x\"}\n  - call: {}\n", file: "p.yaml")
        var run = ScenarioRun(scenario)
        #expect(run.playNext().isEmpty)
        #expect(run.state == WorkstationState(config: scenario.workstation))
    }
}
