import AgentDeskCore
import AgentDeskServer
import HTTPTypes
import Testing

/// The queue, rest reasons and timers over the API, against the real server.
@Suite struct QueueEndpointTests {
    static let config: WorkstationConfig = {
        var c = WorkstationConfig.demo
        c.queue = QueuePolicy(patience: 30, capacity: 1)
        c.restReasons = ["午餐", "会议"]
        c.transferTargets = [TransferTarget(kind: .skillGroup, id: "1001", name: "售后技能组")]
        return c
    }()

    @Test("a call at a busy agent waits (202) and shows in /api/state; a full queue is 429; a bad rest reason is 409")
    func queueOverTheAPI() async throws {
        let desk = try await RunningWorkstation(config: Self.config)
        defer { desk.stop() }
        #expect(try await desk.request(.post, "/api/calls", body: #"{"mobile":"13800000001"}"#).status == 201)
        #expect(try await desk.request(.post, "/api/actions", body: #"{"action":"answer"}"#).status == 200)
        let waiting = try await desk.request(.post, "/api/calls", body: #"{"mobile":"13800000002","nickName":"王女士","patience":20}"#)
        #expect(waiting.status == 202)
        #expect(waiting.json?["session"] == .string("s2"))
        #expect(waiting.json?["queued"] == .bool(true))
        #expect(waiting.json?["patience"] == .number(20))
        let full = try await desk.request(.post, "/api/calls", body: #"{"mobile":"13800000003"}"#)
        #expect(full.status == 429)
        #expect(full.error?.contains("the queue is full") == true, "\(full.error ?? "")")
        let state = try #require(try await desk.request(.get, "/api/state").json)
        let queue = try #require(state["queue"]?.arrayValue)
        #expect(queue.count == 1)
        #expect(queue.first?["id"] == .string("s2"))
        #expect(queue.first?["nickName"] == .string("王女士"))
        #expect(state["longestWait"] != nil)
        #expect(state["sessions"]?.first?["timers"]?["talk"] != nil)
        #expect(state["transferTargets"]?.arrayValue?.first?["kind"] == .string("skillGroup"))
        #expect(state["restReasons"] == .array([.string("午餐"), .string("会议")]))
        // Transfer to the directory's group: the transcript says which kind.
        #expect(try await desk.request(.post, "/api/actions", body: #"{"action":"transfer","to":"售后技能组"}"#).status == 200)
        let lines = desk.transcript.withLock { $0 }
        #expect(lines.contains { $0.contains(#""event":"queued","session":"s2""#) })
        #expect(lines.contains { $0.contains(#""event":"transfer","session":"s1","to":"1001","kind":"skillGroup""#) })
        // Rest reasons: not on the list is refused with the list.
        _ = try await desk.request(.post, "/api/actions", body: #"{"action":"wrapUp","choice":"done"}"#)
        _ = try await desk.request(.post, "/api/actions", body: #"{"action":"hangup","closeBy":"client"}"#)
        let bad = try await desk.request(.post, "/api/actions", body: #"{"action":"status","status":"rest","reason":"午休"}"#)
        #expect(bad.status == 409)
        #expect(bad.error?.contains("choose 午餐, 会议") == true, "\(bad.error ?? "")")
        let good = try await desk.request(.post, "/api/actions", body: #"{"action":"status","status":"rest","reason":"会议"}"#)
        #expect(good.status == 200)
    }
}
