import AgentDeskCore
import AgentDeskServer
import Foundation
import Synchronization
import Testing

/// The inbox between the server's handlers and the loop: order, one wake, and the
/// state answer reused only while nothing can have changed.
@Suite struct InboxTests {
    /// Submits `requests` one after another from a task, and runs `process` (as the
    /// loop does) until all of them were applied; what each got back.
    static func roundTrip(_ inbox: Inbox, _ requests: [APIRequest], apply: @escaping (APIRequest) -> APIReply) async -> [APIReply] {
        let replies = Task {
            var got: [APIReply] = []
            for request in requests { got.append(await inbox.submit(request)) }
            return got
        }
        var answered = 0
        let deadline = ContinuousClock.now + .seconds(60)
        while answered < requests.count && ContinuousClock.now < deadline {
            // Never block a thread of the shared pool: the submitting task needs one.
            try? await Task.sleep(for: .milliseconds(5))
            inbox.process { request in
                answered += 1
                return apply(request)
            }
        }
        return await replies.value
    }

    static func reply(_ text: String) -> APIReply { APIReply(status: .ok, body: text) }

    @Test("A reply made from fields reads, sends and compares as the same JSON made as text")
    func replyFromFields() {
        let fields: [(String, OrderedJSON.Value)] = [("outcome", .string("accepted")), ("phoneNumber", .string("13800138000")),
                                                     ("display", .string("张三 \"公司\"")), ("n", .number(2))]
        let made = APIReply(status: .ok, fields)
        let text = #"{"outcome":"accepted","phoneNumber":"13800138000","display":"张三 \"公司\"","n":2}"#
        #expect(made.body == text)
        #expect(Array(made.encodedBody.readableBytesView) == Array((text + "\n").utf8))
        #expect(made == APIReply(status: .ok, body: text))
        #expect(made != APIReply(status: .unprocessableContent, body: text))
        var changed = made
        changed.body = "{}"
        #expect(changed.body == "{}" && Array(changed.encodedBody.readableBytesView) == Array("{}\n".utf8))
    }

    @Test("A state answer is reused while nothing changed; a change, or the loop's next round, clears it")
    func stateCache() async {
        // An age no loaded machine reaches between two lines of this test.
        let inbox = Inbox(stateMaxAge: .seconds(600))
        var version = 0
        let apply: (APIRequest) -> APIReply = { request in
            if case .state = request { return Self.reply("state \(version)") }
            version += 1
            return Self.reply("changed")
        }
        #expect(inbox.recentState() == nil)
        _ = await Self.roundTrip(inbox, [.state], apply: apply)
        #expect(inbox.recentState() == Self.reply("state 0"))
        // A change after the last state answer: nothing cached.
        _ = await Self.roundTrip(inbox, [.state, .actions([.dial])], apply: apply)
        #expect(inbox.recentState() == nil)
        _ = await Self.roundTrip(inbox, [.actions([.dial]), .state], apply: apply)
        #expect(inbox.recentState() == Self.reply("state 2"))
        // The loop's next round (it may have handled a key or a tick since) clears it.
        inbox.process { _ in Self.reply("unused") }
        #expect(inbox.recentState() == nil)
    }

    @Test("A cached state answer expires after stateMaxAge, so its clock stays current")
    func stateCacheExpires() async throws {
        let inbox = Inbox(stateMaxAge: .milliseconds(300))
        _ = await Self.roundTrip(inbox, [.state], apply: { _ in Self.reply("state") })
        let deadline = ContinuousClock.now + .seconds(30)
        while inbox.recentState() != nil && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(inbox.recentState() == nil)
    }

    @Test("State requests with no change between them share one answer; changes apply in order")
    func sharedStateAnswers() async {
        let inbox = Inbox(stateMaxAge: .seconds(600))
        let requests: [APIRequest] = [.state, .state, .actions([.dial]), .state, .state]
        var tasks: [Task<APIReply, Never>] = []
        // Each waits before the next is sent, so the round takes them in this order.
        for (index, request) in requests.enumerated() {
            tasks.append(Task { await inbox.submit(request) })
            let deadline = ContinuousClock.now + .seconds(60)
            while inbox.waiting < index + 1 && ContinuousClock.now < deadline { await Task.yield() }
        }
        #expect(inbox.waiting == requests.count)
        var applied: [String] = []
        var version = 0
        inbox.process { request in
            if case .state = request {
                applied.append("state \(version)")
                return Self.reply("state \(version)")
            }
            version += 1
            applied.append("change")
            return Self.reply("changed")
        }
        #expect(applied == ["state 0", "change", "state 1"])
        var answers: [String] = []
        for task in tasks { answers.append(await task.value.body) }
        #expect(answers == ["state 0", "state 0", "changed", "state 1", "state 1"])
        #expect(inbox.recentState() == Self.reply("state 1"))
    }

    /// Whether the inbox's wake pipe has a byte in it.
    static func pipeSignalled(_ inbox: Inbox) -> Bool {
        var fd = pollfd(fd: inbox.wake.readDescriptor, events: Int16(POLLIN), revents: 0)
        return poll(&fd, 1, 0) == 1
    }

    @Test("With .call, the request that finds the inbox empty calls it once, those that join it do not, and no byte goes down the pipe")
    func callWakeup() async {
        let calls = Mutex(0)
        let inbox = Inbox(stateMaxAge: .seconds(600), wakeup: .call { _ in calls.withLock { $0 += 1 } })
        var tasks: [Task<APIReply, Never>] = []
        for (index, request) in [APIRequest.actions([.dial]), .state, .actions([.dial])].enumerated() {
            tasks.append(Task { await inbox.submit(request) })
            let deadline = ContinuousClock.now + .seconds(60)
            while inbox.waiting < index + 1 && ContinuousClock.now < deadline { await Task.yield() }
        }
        #expect(calls.withLock { $0 } == 1)
        #expect(!Self.pipeSignalled(inbox))
        var n = 0
        inbox.process { _ in
            n += 1
            return Self.reply("\(n)")
        }
        var answers: [String] = []
        for task in tasks { answers.append(await task.value.body) }
        #expect(answers == ["1", "2", "3"])
        // The next request finds the inbox empty again: one more call.
        let next = Task { await inbox.submit(.state) }
        let deadline = ContinuousClock.now + .seconds(60)
        while inbox.waiting < 1 && ContinuousClock.now < deadline { await Task.yield() }
        #expect(calls.withLock { $0 } == 2)
        inbox.process { _ in Self.reply("later") }
        #expect(await next.value.body == "later")
    }

    /// A loop with no thread of its own, as `serve` has: an actor that takes a round
    /// whenever the inbox calls.
    actor Rounds {
        var applied = 0
        func step(_ inbox: Inbox) {
            inbox.process { request in
                applied += 1
                if case let .message(message, _) = request { return Self.echo(message) }
                return APIReply(status: .ok, body: "\(applied)")
            }
        }
        static func echo(_ message: JSONValue) -> APIReply { APIReply(status: .ok, body: message["n"]?.stringValue ?? "?") }
    }

    @Test("With .call and an actor's rounds, 16 tasks submitting at once: every request answered, with its own reply",
          .timeLimit(.minutes(2)))
    func callUnderContention() async throws {
        let rounds = Rounds()
        let inbox = Inbox(wakeup: .call { inbox in Task { await rounds.step(inbox) } })
        let wrong = await withTaskGroup(of: Int.self) { group in
            for submitter in 0..<16 {
                group.addTask {
                    var wrong = 0
                    for i in 0..<200 {
                        let n = "\(submitter)-\(i)"
                        let message = JSONValue.object(["n": .string(n)])
                        let reply = await inbox.submit(.message(message, page: nil))
                        if reply.body != n { wrong += 1 }
                    }
                    return wrong
                }
            }
            return await group.reduce(0, +)
        }
        #expect(wrong == 0)
        #expect(await rounds.applied == 16 * 200)
    }
}
