import AgentDeskCore
import Testing

/// Given what happened before, one action must report these events, or be refused
/// for this reason and change nothing.
struct Transition: CustomTestStringConvertible, Sendable {
    enum Outcome: Sendable {
        case events([String])
        case refused(String)
    }

    let label: String
    let config: WorkstationConfig
    let status: AgentStatus
    let before: [Action]
    let action: Action
    let outcome: Outcome
    let then: (@Sendable (WorkstationState) -> Bool)?

    var testDescription: String { label }

    init(
        _ label: String, config: WorkstationConfig = .demo, status: AgentStatus = .free, before: [Action] = [],
        _ action: Action, _ outcome: Outcome, then: (@Sendable (WorkstationState) -> Bool)? = nil
    ) {
        self.label = label
        self.config = config
        self.status = status
        self.before = before
        self.action = action
        self.outcome = outcome
        self.then = then
    }
}

private let ringing: [Action] = [.call()]
private let connected: [Action] = [.call(), .answer()]
private let chat: Action = .call("", type: .im, nick: "微信用户")
private var transferConfig: WorkstationConfig {
    var c = WorkstationConfig.demo
    c.timeoutTransferTo = "售后技能组"
    return c
}

let sessionTransitions: [Transition] = [
    // Ring, connect, end.
    .init("a phone call rings at a free agent", .call(),
          .events(["statusChanged", "callIn", "hashchange", "hashchange"]),
          then: { $0.agent.status == .busy && $0.selectedSession?.status == .ringing }),
    .init("the agent answers", before: ringing, .answer(),
          .events(["userAccessed", "hashchange", "hashchange"]),
          then: { $0.selectedSession?.status == .connected && $0.selectedSession?.connectedAt == 0 }),
    .init("the agent hangs up: ended, after-call work", before: connected, .hangUp(closeBy: .seat),
          .events(["sessionEnded", "statusChanged", "hashchange", "hashchange"]),
          then: { $0.agent.status == .arrange && $0.selectedSession?.closeBy == .seat && $0.agent.arrangeDeadline == 30 }),
    .init("the customer hangs up", before: connected, .hangUp(closeBy: .client),
          .events(["sessionEnded", "statusChanged", "hashchange", "hashchange"]),
          then: { $0.sessions[0].closeBy == .client }),
    .init("an admin ends the call", before: connected, .hangUp(closeBy: .admin),
          .events(["sessionEnded", "statusChanged", "hashchange", "hashchange"]),
          then: { $0.sessions[0].closeBy == .admin }),
    .init("no after-call work configured: straight back to free", config: quickConfig, before: connected, .hangUp(),
          .events(["sessionEnded", "statusChanged", "hashchange"]),
          then: { $0.agent.status == .free && $0.visiblePages.map(\.name) == ["客户资料"] }),
    // Ring, end.
    .init("the caller gives up while it rings (missed)", before: ringing, .hangUp(closeBy: .client),
          .events(["sessionEnded", "statusChanged", "hashchange"]),
          then: { $0.agent.status == .free && $0.sessions[0].connectedAt == nil }),
    .init("the agent refuses a ringing call", before: ringing, .hangUp(closeBy: .seat),
          .events(["sessionEnded", "statusChanged", "hashchange"]),
          then: { $0.sessions[0].closeBy == .seat && $0.agent.status == .free }),
    .init("the ring timeout passes", before: [.call(timeout: 20)], .tick(to: 25),
          .events(["sessionEnded", "statusChanged", "hashchange"]),
          then: { $0.sessions[0].closeBy == .timer && $0.sessions[0].endedAt == 20 && $0.now == 25 }),
    .init("the ring timeout passes and the admin's timeout transfer takes it", config: transferConfig,
          before: [.call(timeout: 20)], .tick(to: 20),
          .events(["autoTransfer", "sessionEnded", "statusChanged", "hashchange"]),
          then: { $0.sessions[0].transferredTo == "售后技能组" }),
    .init("timeout 0 means none", before: [.call(timeout: 0)], .tick(to: 86_400), .events([]),
          then: { $0.sessions[0].status == .ringing }),
    .init("an answered call does not time out", before: [.call(timeout: 20), .answer()], .tick(to: 100), .events([]),
          then: { $0.sessions[0].status == .connected }),
    // Refused session moves.
    .init("answer with nothing ringing", .answer(), .refused("there is no ringing inbound session")),
    .init("answer a connected call again", before: connected, .answer(), .refused("there is no ringing inbound session")),
    .init("answer an ended session by id", before: connected + [.hangUp()], .answer("s1"),
          .refused("s1 is inbound and ended; this needs a ringing inbound session")),
    .init("answer an unknown session", before: ringing, .answer("s9"), .refused("there is no session s9")),
    .init("hang up an ended session", before: connected + [.hangUp()], .hangUp("s1"), .refused("this needs a live session")),
    .init("hang up with nothing live", .hangUp(), .refused("there is no live session")),
    // Not refused since issue 14: the caller waits in the queue (QueueTests has the rest).
    .init("a phone call at a busy agent waits in the queue", before: connected, .call("10086"),
          .events(["queued"]), then: { $0.queue.map(\.id) == ["s2"] && $0.liveSessions.count == 1 }),
    .init("a phone call at a resting agent waits in the queue", before: [.setStatus(.rest, reason: "午休")], .call(),
          .events(["queued"]), then: { $0.queue.count == 1 && $0.agent.status == .rest }),
    .init("a phone call at an offline agent", status: .offline, .call(), .refused("the agent is offline")),
    .init("a ring timeout that is negative", .call(timeout: -1), .refused("the ring timeout must be 0 (none) to 86400 seconds")),
    .init("an over-long nickname", .call(nick: String(repeating: "刘", count: 3000)), .refused("nickName is 3000 characters long")),
    // Chat beside a call.
    .init("an im session beside a connected call", before: connected, chat,
          .events(["callIn", "hashchange", "hashchange"]),
          then: { $0.liveSessions.count == 2 && $0.agent.status == .busy && $0.selected == "s1" && $0.screenPopSession == "s2" }),
    .init("an im session is answered and ended without after-call work", before: [chat, .answer()], .hangUp(),
          .events(["sessionEnded", "hashchange"]),
          then: { $0.agent.status == .free && $0.visiblePages.map(\.name) == ["客户资料"] }),
    .init("an im session at an agent marked busy", status: .notReady, chat,
          .refused("a chat reaches only an agent who is free or on a call")),
    // Hold, mute, DTMF: only while connected.
    .init("hold a connected call", before: connected, .hold(), .events(["hold"]), then: { $0.sessions[0].onHold }),
    .init("hold twice", before: connected + [.hold()], .hold(), .refused("s1 is on hold already")),
    .init("resume a held call", before: connected + [.hold()], .resume(), .events(["hold"]), then: { !$0.sessions[0].onHold }),
    .init("resume a call not on hold", before: connected, .resume(), .refused("s1 is not on hold")),
    .init("hold a ringing call", before: ringing, .hold(), .refused("the call s1 is ringing, not connected")),
    .init("hold with no call", .hold(), .refused("there is no voice call")),
    .init("hold an im session", before: [chat, .answer()], .hold("s1"), .refused("s1 is an im session; it has no voice")),
    .init("mute a connected call", before: connected, .mute(), .events(["mute"]), then: { $0.sessions[0].muted }),
    .init("mute twice", before: connected + [.mute()], .mute(), .refused("s1 is muted already")),
    .init("unmute", before: connected + [.mute()], .unmute(), .events(["mute"]), then: { !$0.sessions[0].muted }),
    .init("unmute when not muted", before: connected, .unmute(), .refused("s1 is not muted")),
    .init("mute a ringing call", before: ringing, .mute(), .refused("ringing, not connected")),
    .init("mute on hold is allowed", before: connected + [.hold()], .mute(), .events(["mute"])),
    .init("send DTMF on a connected call", before: connected, .sendDTMF(digits: "8001#"), .events(["dtmf"]),
          then: { $0.sessions[0].dtmfSent == "8001#" }),
    .init("DTMF accumulates", before: connected + [.sendDTMF(digits: "1")], .sendDTMF(digits: "2*"), .events(["dtmf"]),
          then: { $0.sessions[0].dtmfSent == "12*" }),
    .init("DTMF while ringing", before: ringing, .sendDTMF(digits: "1"), .refused("ringing, not connected")),
    .init("DTMF on hold", before: connected + [.hold()], .sendDTMF(digits: "1"), .refused("on hold; resume it to send tones")),
    .init("DTMF that is not tones", before: connected, .sendDTMF(digits: "12a"), .refused("DTMF sends 0-9, * and #")),
    .init("DTMF after the call", before: connected + [.hangUp()], .sendDTMF(digits: "1"), .refused("there is no voice call")),
    // Transfer.
    .init("transfer a connected call", before: connected, .transfer(to: "技术支持组"),
          .events(["transfer", "sessionEnded", "statusChanged", "hashchange", "hashchange"]),
          then: { $0.sessions[0].transferredTo == "技术支持组" && $0.sessions[0].closeBy == .seat }),
    .init("transfer a ringing call", before: ringing, .transfer(to: "x"), .refused("there is no connected session")),
    .init("transfer nowhere", before: connected, .transfer(to: "  "), .refused("say where to transfer to")),
    // Outbound.
    .init("the called party answers", before: [.callOut("10086"), .dial], .calleeAnswer(), .events(["calloutAccepted"]),
          then: { $0.sessions[0].status == .connected && $0.sessions[0].direction == .outbound }),
    .init("an outbound call does not touch the screen-pop pages", before: [.callOut("10086"), .dial, .calleeAnswer()], .hangUp(),
          .events(["sessionEnded", "statusChanged"]),
          then: { $0.url(ofPage: "客户资料") == "https://crm.example.com/customer" }),
    .init("callee answer on an inbound call", before: ringing, .calleeAnswer("s1"),
          .refused("s1 is inbound and ringing; this needs a ringing outbound call")),
    .init("an unanswered call-out from notReady returns to notReady", status: .notReady,
          before: [.callOut("10086"), .dial], .hangUp(), .events(["sessionEnded", "statusChanged"]),
          then: { $0.agent.status == .notReady }),
    // Time.
    .init("time cannot go back", before: [.tick(to: 10)], .tick(to: 5), .refused("time cannot go back")),
    .init("time must be finite", .tick(to: .infinity), .refused("finite")),
    // Selection.
    .init("select another session shows it on the pages", before: connected + [chat], .select("s1"),
          .events(["selected", "hashchange", "hashchange"]), then: { $0.screenPopSession == "s1" }),
    .init("select the selected session", before: ringing, .select("s1"), .refused("s1 is selected already")),
    .init("select an unknown session", .select("s4"), .refused("there is no session s4")),
]

let statusTransitions: [Transition] = [
    .init("free to notReady", .setStatus(.notReady), .events(["statusChanged"])),
    .init("free to rest with a reason", .setStatus(.rest, reason: "午休"), .events(["statusChanged"]),
          then: { $0.agent.status == .rest && $0.agent.restReason == "午休" }),
    .init("rest to another rest reason", before: [.setStatus(.rest, reason: "午休")], .setStatus(.rest, reason: "培训"),
          .events(["statusChanged"]), then: { $0.agent.restReason == "培训" }),
    .init("rest without a reason", .setStatus(.rest), .refused("rest needs a reason")),
    .init("free to offline", .setStatus(.offline), .events(["statusChanged"])),
    .init("offline to free", status: .offline, .setStatus(.free), .events(["statusChanged"])),
    .init("free to free", .setStatus(.free), .refused("the agent is free already")),
    .init("choose busy", .setStatus(.busy), .refused("busy is set by the system")),
    .init("choose arrange", .setStatus(.arrange), .refused("arrange is set by the system")),
    .init("change status on a call", before: connected, .setStatus(.notReady), .refused("the agent is on a call")),
    .init("change status while it rings", before: ringing, .setStatus(.free), .refused("the agent is on a call")),
    .init("sign out with a live chat", before: [chat], .setStatus(.offline), .refused("s1 is still live")),
    .init("after-call work counts down to free", before: connected + [.hangUp()], .tick(to: 30),
          .events(["statusChanged"]),
          then: { $0.agent.status == .free && $0.visiblePages.map(\.name) == ["客户资料"] }),
    .init("after-call work: not yet", before: connected + [.hangUp()], .tick(to: 29.5), .events([]),
          then: { $0.agent.arrangeRemaining(at: $0.now) == 0.5 }),
    .init("after-call work: return now", before: connected + [.hangUp()], .wrapUp(.done),
          .events(["statusChanged"]), then: { $0.agent.status == .free }),
    .init("after-call work: keep wrapping up", before: connected + [.hangUp()], .wrapUp(.keepGoing),
          .events(["afterCallWorkExtended"]), then: { $0.agent.arrangeDeadline == nil }),
    .init("kept wrapping up: the countdown no longer fires", before: connected + [.hangUp(), .wrapUp(.keepGoing)],
          .tick(to: 3600), .events([]), then: { $0.agent.status == .arrange }),
    .init("keep wrapping up twice", before: connected + [.hangUp(), .wrapUp(.keepGoing)], .wrapUp(.keepGoing),
          .refused("already wrapping up without a countdown")),
    .init("wrap up when not in after-call work", .wrapUp(.done), .refused("not in after-call work")),
    .init("from after-call work to rest", before: connected + [.hangUp()], .setStatus(.rest, reason: "break"),
          .events(["statusChanged"]), then: { $0.agent.status == .rest }),
    .init("after-call work does not ring inbound: the caller waits", before: connected + [.hangUp()], .call("10010"),
          .events(["queued"]), then: { $0.queue.count == 1 && $0.agent.status == .arrange }),
    .init("after-call work may call out", before: connected + [.hangUp(), .callOut("10086")], .dial,
          .events(["statusChanged", "callOuted"])),
    .init("notReady may call out", status: .notReady, before: [.callOut("10086")], .dial, .events(["statusChanged", "callOuted"])),
    .init("rest may call out", before: [.setStatus(.rest, reason: "x"), .callOut("10086")], .dial,
          .events(["statusChanged", "callOuted"])),
    .init("offline may not call out", status: .offline, before: [.callOut("10086")], .dial, .refused("offline")),
    .init("busy may not call out", before: connected + [.callOut("10086")], .dial, .refused("busy")),
]

let dialpadTransitions: [Transition] = [
    .init("type a digit", .dialpad(.press("1")), .events([]), then: { $0.dialpad.number == "1" }),
    .init("a leading +", .dialpad(.press("+")), .events([]), then: { $0.dialpad.number == "+" }),
    .init("+ after digits", before: [.dialpad(.press("1"))], .dialpad(.press("+")), .refused("+ may only come first")),
    .init("a letter", .dialpad(.press("a")), .refused("is not a dialpad key")),
    .init("* and #", before: [.dialpad(.press("*"))], .dialpad(.press("#")), .events([]), then: { $0.dialpad.number == "*#" }),
    .init("backspace", before: [.dialpad(.press("1")), .dialpad(.press("2"))], .dialpad(.backspace), .events([]),
          then: { $0.dialpad.number == "1" }),
    .init("backspace on empty", .dialpad(.backspace), .refused("the dialpad is empty")),
    .init("clear", before: [.callOut("10086", desc: "客服")], .dialpad(.clear), .events([]),
          then: { $0.dialpad.number.isEmpty && $0.dialpad.display.isEmpty }),
    .init("editing a requested number drops its desc", before: [.callOut("10086", desc: "客服")], .dialpad(.backspace),
          .events([]), then: { $0.dialpad.number == "1008" && $0.dialpad.display == "1008" }),
    .init("the 32-character limit", before: Array(repeating: .dialpad(.press("9")), count: 32), .dialpad(.press("9")),
          .refused("32-character limit")),
    .init("dial an empty pad", .dial, .refused("the dialpad is empty")),
    .init("dial what was typed", before: [.dialpad(.press("1")), .dialpad(.press("0"))], .dial,
          .events(["statusChanged", "callOuted"]),
          then: { $0.dialpad.number.isEmpty && $0.selectedSession?.caller.mobile == "10" }),
    .init("a number that is only tones", before: [.dialpad(.press("*"))], .dial, .refused("has no digits")),
    .init("while connected, keys send DTMF", before: connected, .dialpad(.press("5")), .events(["dtmf"]),
          then: { $0.dialpad.number.isEmpty && $0.sessions[0].dtmfSent == "5" }),
    .init("while connected, + is no tone", before: connected, .dialpad(.press("+")), .refused("is not a tone")),
    .init("while on hold, keys are refused", before: connected + [.hold()], .dialpad(.press("5")), .refused("on hold")),
    .init("while ringing, keys type into the pad", before: ringing, .dialpad(.press("5")), .events([]),
          then: { $0.dialpad.number == "5" }),
]

@Suite("Workstation transitions")
struct TransitionTests {
    @Test("sessions", arguments: sessionTransitions)
    func sessions(_ t: Transition) { Self.check(t) }

    @Test("agent status", arguments: statusTransitions)
    func agentStatus(_ t: Transition) { Self.check(t) }

    @Test("dialpad", arguments: dialpadTransitions)
    func dialpad(_ t: Transition) { Self.check(t) }

    static func check(_ t: Transition) {
        var desk = Desk(t.config, status: t.status)
        for action in t.before {
            desk.send(action)
            #expect(desk.refusal == nil, "setup step \(action.name) was refused: \(desk.refusal!)")
        }
        let before = desk.state
        desk.send(t.action)
        switch t.outcome {
        case let .events(names):
            #expect(desk.refusal == nil, "refused: \(desk.refusal.map(\.reason) ?? "")")
            #expect(desk.names == names)
        case let .refused(reason):
            let refusal = desk.refusal
            #expect(refusal?.reason.contains(reason) == true, "got \(String(describing: refusal))")
            #expect(desk.last.count == 1)
            #expect(desk.state == before, "a refused action must change nothing")
        }
        if let then = t.then { #expect(then(desk.state)) }
    }
}
