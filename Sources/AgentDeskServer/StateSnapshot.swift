import AgentDeskCore
import AgentDeskUI

/// `GET /api/state`: the whole workstation as JSON, in a stable field order.
public enum StateSnapshot {
    public static func json(of model: AppModel) -> String {
        OrderedJSON.encode(value(of: model))
    }

    static func value(of model: AppModel) -> OrderedJSON.Value {
        let core = model.core
        let possible = possible(in: core)
        let profile = core.config.agent
        var agent: [(String, OrderedJSON.Value)] = [
            ("nickName", .string(profile.nickName)), ("role", .string(profile.role.rawValue)),
            ("status", .string(core.agent.status.rawValue)), ("since", ms(core.agent.since)),
        ]
        if let reason = core.agent.restReason { agent.append(("reason", .string(reason))) }
        if let left = core.agent.arrangeRemaining(at: core.now) {
            agent.append(("afterCallWorkLeft", .number(left.rounded(.up))))
            if let deadline = core.agent.arrangeDeadline { agent.append(("afterCallWorkUntil", ms(deadline))) }
        }
        let tabs: [OrderedJSON.Value] = core.visiblePages.map { page in
            .object([("name", .string(page.name)), ("url", text(core.url(ofPage: page.name))),
                     ("alwaysShow", .bool(page.alwaysShow)), ("insecureLocal", .bool(page.isInsecureLocal))])
        }
        var dialpad: [(String, OrderedJSON.Value)] = [
            ("number", .string(core.dialpad.number)), ("desc", text(core.dialpad.desc)), ("display", .string(core.dialpad.display)),
        ]
        if let last = core.dialpad.lastRequest {
            var request: [(String, OrderedJSON.Value)] = [("outcome", .string(last.verdict))]
            if let display = last.display { request.append(("display", .string(display))) }
            if let error = last.error { request.append(("error", .string(error))) }
            dialpad.append(("lastRequest", .object(request)))
        }
        return .object([
            ("now", ms(core.now)),
            ("agent", .object(agent)),
            ("sessions", .array(core.sessions.map { s in session(s, now: core.now).appending(chat(of: s, in: core)) })),
            ("selected", text(core.selected?.rawValue)),
            ("screenPopSession", text(core.screenPopSession?.rawValue)),
            ("tabs", .array(tabs)),
            ("dialpad", .object(dialpad)),
            ("allowInsecureLocalhost", .bool(core.config.allowInsecureLocalhost)),
            ("possible", .object(possible.map { ($0.name, .bool($0.refusal == nil)) })),
            ("refusals", .object(possible.compactMap { p in p.refusal.map { (p.name, .string($0)) } })),
            ("queue", .array(core.queue.map { queued($0, now: core.now) })),
            ("longestWait", .number(core.longestWait.rounded(.down))),
            ("transferTargets", .array(core.config.transferTargets.map { target in
                .object([("kind", .string(target.kind.rawValue)), ("id", .string(target.id)), ("name", .string(target.label))])
            })),
            ("restReasons", .array(core.config.restReasons.map(OrderedJSON.Value.string))),
        ])
    }

    /// The actions the bridge offers, each tried on a copy of the state with the
    /// reducer itself, so a control is enabled by exactly the core's rules. The
    /// actions that target a session take the default one (selected, or the obvious
    /// one), as the bridge's buttons do; those with text (transfer, DTMF) are tried
    /// with a valid stand-in, since the text is checked again when really sent.
    static let probes: [(name: String, action: Action)] = {
        var list: [(String, Action)] = SessionType.allCases.map { ("call.\($0.rawValue)", .callIn(IncomingCall(type: $0, caller: Caller(mobile: "1")))) }
        list += [
            ("answer", .answer()), ("hangup", .hangUp()), ("hold", .hold()), ("resume", .resume()),
            ("mute", .mute()), ("unmute", .unmute()), ("transfer", .transfer(to: "x")), ("dtmf", .sendDTMF(digits: "1")),
            ("wrapUp.done", .wrapUp(.done)), ("wrapUp.keepGoing", .wrapUp(.keepGoing)), ("dial", .dial),
            ("calleeAnswer", .calleeAnswer()), ("callBack", .callBack()),
            ("customerSays", .customerSays(text: "x")), ("reply", .agentSends(nil, .text("x"))),
        ]
        list += AgentStatus.selectable.map { ("status.\($0.rawValue)", .setStatus($0, reason: $0 == .rest ? "午休" : nil)) }
        return list
    }()

    static func possible(in core: WorkstationState) -> [(name: String, refusal: String?)] {
        probes.map { probe in
            var copy = core
            for case let .refused(refusal) in copy.reduce(probe.action).map(\.event) { return (probe.name, refusal.reason) }
            return (probe.name, nil)
        }
    }

    /// Seconds to the millisecond, as in transcripts.
    static func ms(_ t: Double) -> OrderedJSON.Value { .number((t * 1000).rounded() / 1000) }

    /// Text, or null when there is none.
    static func text(_ value: String?) -> OrderedJSON.Value { value.map(OrderedJSON.Value.string) ?? .null }

    static func session(_ s: Session) -> OrderedJSON.Value {
        var fields: [(String, OrderedJSON.Value)] = [
            ("id", .string(s.id.rawValue)), ("type", .string(s.type.rawValue)), ("direction", .string(s.direction.rawValue)),
            ("status", .number(Double(s.status.rawValue))), ("finished", .bool(s.finished)), ("display", .string(s.displayName)),
            ("mobile", text(s.caller.mobile)), ("userId", text(s.caller.userId)), ("nickName", text(s.caller.nickName)),
            ("avatar", text(s.caller.avatar)),
        ]
        if let desc = s.phoneDesc { fields.append(("desc", .string(desc))) }
        fields.append(("startedAt", ms(s.startedAt)))
        if let t = s.connectedAt { fields.append(("connectedAt", ms(t))) }
        if let t = s.endedAt { fields.append(("endedAt", ms(t))) }
        if let c = s.closeBy { fields.append(("closeBy", .string(c.rawValue))) }
        if let to = s.transferredTo { fields.append(("transferredTo", .string(to))) }
        if let t = s.ringDeadline { fields.append(("ringDeadline", ms(t))) }
        if s.onHold { fields.append(("onHold", .bool(true))) }
        if let t = s.heldAt { fields.append(("heldAt", ms(t))) }
        if s.muted { fields.append(("muted", .bool(true))) }
        if !s.dtmfSent.isEmpty { fields.append(("dtmf", .string(s.dtmfSent))) }
        return .object(fields)
    }

    /// A session with its timers at `now`, whole seconds (what the terminal shows).
    static func session(_ s: Session, now: Double) -> OrderedJSON.Value {
        guard case var .object(fields) = session(s) else { return session(s) }
        if let t = s.queuedAt { fields.append(("queuedAt", ms(t))) }
        if s.abandoned { fields.append(("abandoned", .bool(true))) }
        if s.isMissed { fields.append(("missed", .bool(true))) }
        var timers: [(String, OrderedJSON.Value)] = []
        if let t = s.queueWait(at: now) { timers.append(("queueWait", whole(t))) }
        if let t = s.ringTime(at: now) { timers.append(("ring", whole(t))) }
        if let t = s.talkTime(at: now) { timers.append(("talk", whole(t))) }
        if let t = s.holdTime(at: now) { timers.append(("hold", whole(t))) }
        if s.connectedAt != nil { timers.append(("holdTotal", whole(s.totalHoldTime(at: now)))) }
        fields.append(("timers", .object(timers)))
        return .object(fields)
    }

    /// A caller waiting in the queue.
    static func queued(_ q: QueuedCall, now: Double) -> OrderedJSON.Value {
        var fields: [(String, OrderedJSON.Value)] = [
            ("id", .string(q.id.rawValue)), ("type", .string(q.call.type.rawValue)),
            ("mobile", text(q.call.caller.mobile)), ("nickName", text(q.call.caller.nickName)), ("userId", text(q.call.caller.userId)),
            ("queuedAt", ms(q.queuedAt)), ("waited", whole(q.waited(at: now))), ("patience", .number(q.patience)),
            ("abandonsAt", ms(q.abandonsAt)),
        ]
        if q.call.ringTimeout > 0 { fields.append(("timeout", .number(q.call.ringTimeout))) }
        return .object(fields)
    }

    /// Seconds, whole, rounded down (a timer's display).
    static func whole(_ t: Double) -> OrderedJSON.Value { .number(t.rounded(.down)) }
}
