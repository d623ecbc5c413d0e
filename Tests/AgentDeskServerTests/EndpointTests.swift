import AgentDeskCore
import AgentDeskServer
import HTTPTypes
import Glibc
import Synchronization
import Testing

/// Every endpoint, with good and bad bodies, against the real server and a loop.
@Suite struct EndpointTests {
    @Test("A call rings, is answered and hung up over the API; the state shows each step")
    func callFlow() async throws {
        let desk = try await RunningWorkstation()
        defer { desk.stop() }
        let call = try await desk.request(.post, "/api/calls", body: #"{"mobile":"13800138000","nickName":"刘先生","timeout":30}"#)
        #expect(call.status == 201)
        #expect(call.json?["session"] == .string("s1"))
        #expect(call.json?["status"] == .number(100))
        var state = try #require(try await desk.request(.get, "/api/state").json)
        #expect(state["sessions"] == .array([try #require(state["sessions"]?.first)]))
        #expect(state["sessions"]?.first?["status"] == .number(100))
        #expect(state["agent"]?["status"] == .string("busy"))
        let tabs = try #require(state["tabs"]?.arrayValue)
        #expect(tabs.map { $0["name"] } == [.string("客户资料"), .string("工单")])
        #expect(tabs[0]["url"]?.stringValue?.contains("status=100") == true)
        #expect(tabs[0]["url"]?.stringValue?.contains("mobile=13800138000") == true)

        let answer = try await desk.request(.post, "/api/actions", body: #"{"action":"answer"}"#)
        #expect(answer.status == 200)
        #expect(answer.json?["events"] == .array([.string("userAccessed"), .string("hashchange"), .string("hashchange")]))
        state = try #require(try await desk.request(.get, "/api/state").json)
        #expect(state["sessions"]?.first?["status"] == .number(200))

        let hangup = try await desk.request(.post, "/api/actions", body: #"{"action":"hangup","session":"s1"}"#)
        #expect(hangup.status == 200)
        state = try #require(try await desk.request(.get, "/api/state").json)
        #expect(state["sessions"]?.first?["status"] == .number(400))
        #expect(state["agent"]?["status"] == .string("arrange"))
        // Hanging up again is refused, with the reason, and changes nothing.
        let again = try await desk.request(.post, "/api/actions", body: #"{"action":"hangup","session":"s1"}"#)
        #expect(again.status == 409)
        #expect(again.error?.isEmpty == false)
        let lines = desk.transcript.withLock { $0 }
        #expect(lines.contains { $0.contains("\"event\":\"callIn\"") && $0.contains("13800138000") })
        #expect(lines.contains { $0.contains("\"event\":\"sessionEnded\"") })
    }

    @Test("The state says which actions the workstation takes now, by the reducer's own rules, and why not")
    func possibleActions() async throws {
        let desk = try await RunningWorkstation()
        defer { desk.stop() }
        func state() async throws -> JSONValue { try #require(try await desk.request(.get, "/api/state").json) }
        func possible(_ s: JSONValue, _ names: [String]) -> [Bool?] {
            names.map { name -> Bool? in if case let .bool(b)? = s["possible"]?[name] { return b } else { return nil } }
        }
        var s = try await state()
        #expect(possible(s, ["answer", "hangup", "hold", "dial", "wrapUp.done", "status.free"]) == [false, false, false, false, false, false])
        #expect(possible(s, ["call.phone", "call.im", "status.rest", "status.notReady", "status.offline"]) == [true, true, true, true, true])
        #expect(s["refusals"]?["answer"]?.stringValue?.contains("ringing") == true)
        #expect(s["refusals"]?["status.free"]?.stringValue?.contains("free already") == true)
        #expect(s["refusals"]?["call.phone"] == nil)

        _ = try await desk.request(.post, "/api/calls", body: #"{"mobile":"13800138000","timeout":30}"#)
        s = try await state()
        // A phone call at a busy agent waits in the queue (issue 14), so it is possible.
        #expect(possible(s, ["answer", "hangup", "hold", "call.phone", "call.im", "status.rest"]) == [true, true, false, true, true, false])
        #expect(s["sessions"]?.first?["ringDeadline"] != nil)

        _ = try await desk.request(.post, "/api/actions", body: #"{"action":"answer"}"#)
        _ = try await desk.request(.post, "/api/actions", body: #"{"action":"hold"}"#)
        s = try await state()
        #expect(possible(s, ["answer", "hold", "resume", "mute", "dtmf", "transfer"]) == [false, false, true, true, false, true])
        #expect(s["refusals"]?["dtmf"]?.stringValue?.contains("on hold") == true)
        #expect(s["sessions"]?.first?["heldAt"] != nil)
        #expect(s["sessions"]?.first?["ringDeadline"] == nil)

        _ = try await desk.request(.post, "/api/actions", body: #"{"action":"hangup"}"#)
        s = try await state()
        #expect(s["sessions"]?.first?["heldAt"] == nil)
        #expect(possible(s, ["wrapUp.done", "wrapUp.keepGoing", "hangup"]) == [true, true, false])
        #expect(s["agent"]?["afterCallWorkUntil"] != nil)
        // Probing changed nothing: the session and the agent are as the last action left them.
        #expect(s["agent"]?["status"] == .string("arrange"))
        #expect(s["sessions"]?.arrayValue?.count == 1)
    }

    @Test("A page's call-out fills the dialpad; a bad one is refused with the reason")
    func callOut() async throws {
        let desk = try await RunningWorkstation()
        defer { desk.stop() }
        let good = #"{"source":"ccc-sdk","payload":{"event":"callOut","message":{"phoneNumber":"02012345678","desc":"张三 公司"}}}"#
        let reply = try await desk.request(.post, "/api/messages?page=%E5%AE%A2%E6%88%B7%E8%B5%84%E6%96%99", body: good)
        #expect(reply.status == 200)
        #expect(reply.json?["outcome"] == .string("accepted"))
        #expect(reply.json?["display"] == .string("张三 公司"))
        let state = try #require(try await desk.request(.get, "/api/state").json)
        #expect(state["dialpad"]?["number"] == .string("02012345678"))
        #expect(state["dialpad"]?["display"] == .string("张三 公司"))
        #expect(desk.transcript.withLock { $0 }.last?.contains("\"page\":\"客户资料\"") == true)

        let badNumber = #"{"source":"ccc-sdk","payload":{"event":"callOut","message":{"phoneNumber":"call me"}}}"#
        let refused = try await desk.request(.post, "/api/messages", body: badNumber)
        #expect(refused.status == 422)
        #expect(refused.json?["outcome"] == .string("refused"))
        #expect(refused.error?.contains("call me") == true)
        let other = try await desk.request(.post, "/api/messages", body: #"{"type":"webpackOk"}"#)
        #expect(other.status == 200)
        #expect(other.json?["outcome"] == .string("ignored"))
        let unsupported = try await desk.request(.post, "/api/messages", body: #"{"source":"ccc-sdk","payload":{"event":"hangup"}}"#)
        #expect(unsupported.status == 422)
        #expect(unsupported.json?["outcome"] == .string("unsupported"))
        // The dialpad still holds the accepted call-out.
        let after = try #require(try await desk.request(.get, "/api/state").json)
        #expect(after["dialpad"]?["number"] == .string("02012345678"))
    }

    static let badBodies: [(String, String, Int, String)] = [
        ("/api/calls", "", 400, "empty"),
        ("/api/calls", "{", 400, "not valid JSON"),
        ("/api/calls", "[1,2]", 400, "must be a JSON object"),
        ("/api/calls", #"{"mobil":"1"}"#, 400, "did you mean \"mobile\""),
        ("/api/calls", #"{"type":"fax"}"#, 400, "\"type\": \"fax\" is not one of"),
        ("/api/calls", #"{"timeout":-1}"#, 400, "timeout"),
        ("/api/calls", #"{"mobile":{"a":1}}"#, 400, "expected text"),
        ("/api/messages", "", 400, "empty"),
        ("/api/messages", "{nope", 400, "not valid JSON"),
        ("/api/actions", "{}", 400, "missing \"action\""),
        ("/api/actions", #"{"action":7}"#, 400, "must be text"),
        ("/api/actions", #"{"action":"answr"}"#, 400, "did you mean \"answer\""),
        ("/api/actions", #"{"action":"answer","sesion":"s1"}"#, 400, "did you mean \"session\""),
        ("/api/actions", #"{"action":"dtmf"}"#, 400, "needs \"digits\""),
        ("/api/actions", #"{"action":"dtmf","digits":"12a"}"#, 400, "tones"),
        ("/api/actions", #"{"action":"status","status":"busy"}"#, 400, "set by the system"),
        ("/api/actions", #"{"action":"status","status":"rest"}"#, 400, "reason"),
        ("/api/actions", #"{"action":"status","status":"asleep"}"#, 400, "one of"),
        ("/api/actions", #"{"action":"transfer"}"#, 400, "needs \"to\""),
        ("/api/actions", #"{"action":"wrapUp","choice":"later"}"#, 400, "one of"),
        ("/api/actions", #"{"action":"dialpad","keys":"12x"}"#, 400, "keys"),
        ("/api/actions", #"{"action":"select"}"#, 400, "needs \"session\""),
        ("/api/actions", #"{"action":"answer"}"#, 409, "ringing"),
        ("/api/actions", #"{"action":"hangup"}"#, 409, ""),
        ("/api/actions", #"{"action":"dial"}"#, 409, ""),
        ("/api/actions", #"{"action":"select","session":"s99"}"#, 409, ""),
    ]

    @Test("Bad bodies get a 4xx and an error that says what is wrong; nothing changes", arguments: badBodies)
    func badBody(_ path: String, _ body: String, _ status: Int, _ words: String) async throws {
        let desk = try await RunningWorkstation()
        defer { desk.stop() }
        let before = try await desk.request(.get, "/api/state").body
        let reply = try await desk.request(.post, path, body: body)
        #expect(reply.status == status, "\(path) \(body): \(reply.body)")
        let error = try #require(reply.error, "\(reply.body)")
        if !words.isEmpty { #expect(error.contains(words), "\(error)") }
        let after = try await desk.request(.get, "/api/state").body
        #expect(after.replacingOccurrences(of: #""now":[0-9.]+"#, with: "", options: .regularExpression)
            == before.replacingOccurrences(of: #""now":[0-9.]+"#, with: "", options: .regularExpression))
    }

    @Test("Oversized bodies, unknown paths and wrong methods get JSON errors")
    func edges() async throws {
        let desk = try await RunningWorkstation()
        defer { desk.stop() }
        let huge = "{\"mobile\":\"" + String(repeating: "1", count: 70_000) + "\"}"
        let tooLarge = try await desk.request(.post, "/api/calls", body: huge)
        #expect(tooLarge.status == 413)
        #expect(tooLarge.error != nil)
        let missing = try await desk.request(.get, "/api/nothing")
        #expect(missing.status == 404)
        #expect(missing.error != nil)
        let wrongMethod = try await desk.request(.get, "/api/calls")
        #expect(wrongMethod.status == 405)
        #expect(try await desk.request(.get, "/api/state").status == 200)
    }

    @Test("Every action the API lists is carried out")
    func everyAction() async throws {
        let desk = try await RunningWorkstation()
        defer { desk.stop() }
        let steps: [(String, Int)] = [
            (#"{"action":"call","mobile":"13800138000"}"#, 201),
            (#"{"action":"answer","session":"s1"}"#, 200),
            (#"{"action":"hold"}"#, 200), (#"{"action":"resume"}"#, 200),
            (#"{"action":"mute"}"#, 200), (#"{"action":"unmute"}"#, 200),
            (#"{"action":"dtmf","digits":"12#"}"#, 200),
            (#"{"action":"transfer","to":"skill-2"}"#, 200),
            (#"{"action":"wrapUp","choice":"keepGoing"}"#, 200),
            (#"{"action":"wrapUp"}"#, 200),
            (#"{"action":"status","status":"rest","reason":"午休"}"#, 200),
            (#"{"action":"status","status":"free"}"#, 200),
            (#"{"action":"dialpad","keys":"+8610"}"#, 200),
            (#"{"action":"dialpadBackspace"}"#, 200),
            (#"{"action":"dialpadClear"}"#, 200),
            (#"{"action":"message","message":{"source":"ccc-sdk","payload":{"event":"callOut","message":{"phoneNumber":"10086"}}}}"#, 200),
            (#"{"action":"dial"}"#, 200),
            (#"{"action":"calleeAnswer"}"#, 200),
            (#"{"action":"hangup","closeBy":"client"}"#, 200),
            (#"{"action":"select","session":"s1"}"#, 200),
        ]
        for (body, status) in steps {
            let reply = try await desk.request(.post, "/api/actions", body: body)
            #expect(reply.status == status, "\(body): \(reply.body)")
        }
        let names = desk.transcript.withLock { $0 }.compactMap { try? JSONValue.parse($0)["event"]?.stringValue }
        for expected in ["callIn", "userAccessed", "hold", "mute", "dtmf", "transfer", "afterCallWorkExtended", "statusChanged",
                         "callOutRequest", "callOuted", "calloutAccepted", "sessionEnded", "selected"] {
            #expect(names.contains(expected), "\(expected) missing from \(names)")
        }
    }

    @Test("GET /api/events streams the transcript lines over WebSocket, in order; refused upgrades get 401/403/404 with the JSON reason")
    func events() async throws {
        let desk = try await RunningWorkstation()
        defer { desk.stop() }
        let origin = "Origin: http://\(desk.host)"
        let bearer = "Authorization: Bearer \(RunningWorkstation.token)"
        let cookie = "Cookie: agentdesk_token_\(desk.port)=\(RunningWorkstation.token)"
        // Refused upgrades are answered as the rest of the API answers, before any
        // upgrade: the status, the reason as JSON, and the connection closes. A cookie
        // is no credential; only Authorization is.
        let refusals: [([String], String, Int, String)] = [
            ([origin], "/api/events", 401, "a token is required"),
            ([origin, "Authorization: Bearer nope-nope-nope-nope"], "/api/events", 401, "the token is wrong"),
            ([origin, cookie], "/api/events", 401, "a token is required"),
            (["Origin: http://evil.com", bearer], "/api/events", 403, "other sites"),
            (["Origin: ws://127.0.0.1", bearer], "/api/events", 403, "other sites"),
            (["Host: evil.com", bearer], "/api/events", 403, "answers only to"),
            ([bearer], "/api/nothing", 404, "Not Found"),
        ]
        for (headers, path, code, words) in refusals {
            guard case let .failure(refused) = await desk.openEvents(headers: headers, path: path) else {
                Issue.record("\(headers) \(path): upgraded")
                continue
            }
            #expect(refused.code == code, "\(headers) \(path): \(refused)")
            #expect(refused.error?.contains(words) == true, "\(headers) \(path): \(refused)")
            #expect(refused.closed, "\(headers) \(path): the connection stayed open (\(refused.ending))")
        }
        #expect(desk.server.hub.count == 0)
        // A script's (bearer, no origin) and one with the bridge page's origin both stream.
        let fromPage = try await desk.openEvents(headers: [origin, bearer]).get()
        let fromScript = try await desk.openEvents(headers: [bearer]).get()
        defer { close(fromPage); close(fromScript) }
        // Both streams must be listening before the call, or the check would read
        // frames that never come: wait for that (a condition, not a time), then require it.
        let listening = ContinuousClock.now + .seconds(60)
        while desk.server.hub.count < 2 && ContinuousClock.now < listening { try await Task.sleep(for: .milliseconds(10)) }
        try #require(desk.server.hub.count == 2, "the two event streams did not subscribe within 60 s")
        #expect(try await desk.request(.post, "/api/calls", body: #"{"mobile":"13800138000"}"#).status == 201)
        let page = await desk.readTextFrames(fromPage, count: 4)
        let script = await desk.readTextFrames(fromScript, count: 4)
        let transcript = desk.transcript.withLock { $0 }
        #expect(page == Array(transcript.prefix(4)))
        #expect(script == page)
        #expect(page.map { (try? JSONValue.parse($0))?["seq"] } == [.number(1), .number(2), .number(3), .number(4)])
    }
}

final class Received: Sendable {
    let lines = Mutex<[String]>([])
}

extension JSONValue {
    var arrayValue: [JSONValue]? {
        if case let .array(a) = self { return a }
        return nil
    }

    var first: JSONValue? { arrayValue?.first }
}
