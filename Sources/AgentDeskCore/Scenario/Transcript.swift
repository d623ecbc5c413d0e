/// Turns what happened into transcript lines: one JSON object per line, `seq`
/// (1, 2, 3…), `t` (scenario seconds), `event`, then the event's fields.
public struct Transcript: Sendable {
    public private(set) var nextSeq = 1

    public init() {}

    public mutating func lines(for occurrences: [Occurrence]) -> [String] {
        occurrences.map { line(t: $0.time, event: $0.event.name, fields: Self.fields(of: $0.event)) }
    }

    /// The line for an `expect` step.
    public mutating func expectLine(step: ScenarioStep, t: Double, mismatches: [Expectation.Mismatch]) -> String {
        var fields: [(String, OrderedJSON.Value)] = [("step", .number(Double(step.number))), ("line", .number(Double(step.line))),
                                                      ("ok", .bool(mismatches.isEmpty))]
        if !mismatches.isEmpty {
            fields.append(("failures", .array(mismatches.map {
                .object([("field", .string($0.field)), ("expected", .string($0.expected)), ("actual", .string($0.actual))])
            })))
        }
        return line(t: t, event: "expect", fields: fields)
    }

    /// The line for a narration step: `say` with `text` (and `for`), `pause`.
    public mutating func narrationLine(step: ScenarioStep, t: Double) -> String? {
        switch step.kind {
        case let .say(text, seconds):
            var fields: [(String, OrderedJSON.Value)] = [("step", .number(Double(step.number))), ("text", .string(text))]
            if let seconds { fields.append(("for", .number(seconds))) }
            return line(t: t, event: "say", fields: fields)
        case .pause:
            return line(t: t, event: "pause", fields: [("step", .number(Double(step.number)))])
        case let .goal(goal):
            return line(t: t, event: "goal", fields: [("step", .number(Double(step.number))), ("line", .number(Double(step.line))),
                                                      ("within", .number(goal.within)), ("points", .number(Double(goal.points)))])
        case .actions, .expect, .page:
            return nil
        }
    }

    /// The line for a goal that ended: `goalMet` (with the seconds it took) or `goalMissed`.
    public mutating func goalLine(_ outcome: GoalOutcome, t: Double) -> String {
        var fields: [(String, OrderedJSON.Value)] = [("step", .number(Double(outcome.step))), ("line", .number(Double(outcome.line)))]
        if let seconds = outcome.seconds { fields.append(("seconds", .number(seconds))) }
        fields.append(("points", .number(Double(outcome.points))))
        if !outcome.met, let hint = outcome.hint { fields.append(("hint", .string(hint))) }
        return line(t: t, event: outcome.met ? "goalMet" : "goalMissed", fields: fields)
    }

    public mutating func line(t: Double, event: String, fields: [(String, OrderedJSON.Value)]) -> String {
        defer { nextSeq += 1 }
        // Milliseconds are plenty; a real clock's nanoseconds only make lines noisy.
        let ms = (t * 1000).rounded() / 1000
        return OrderedJSON.line(seq: nextSeq, t: ms, event: event, fields: fields)
    }

    /// An event's fields as its transcript line has them (after `seq`, `t`, `event`).
    public static func fields(of event: Event) -> [(String, OrderedJSON.Value)] {
        func text(_ s: String?) -> OrderedJSON.Value { s.map(OrderedJSON.Value.string) ?? .null }
        func session(_ id: SessionID) -> (String, OrderedJSON.Value) { ("session", .string(id.rawValue)) }
        switch event {
        case let .callIn(s):
            var f: [(String, OrderedJSON.Value)] = [session(s.id), ("type", .string(s.type.rawValue)), ("direction", .string(s.direction.rawValue))]
            for (key, value) in [("mobile", s.caller.mobile), ("userId", s.caller.userId), ("nickName", s.caller.nickName), ("avatar", s.caller.avatar)] {
                if let value { f.append((key, .string(value))) }
            }
            if s.ringTimeout > 0 { f.append(("timeout", .number(s.ringTimeout))) }
            if let wait = s.queueWait(at: s.startedAt) { f.append(("waited", .number((wait * 1000).rounded() / 1000))) }
            return f
        case let .userAccessed(id), let .calloutAccepted(id), let .selected(id):
            return [session(id)]
        case let .sessionEnded(id, closeBy):
            return [session(id), ("closeBy", .string(closeBy.rawValue))]
        case let .autoTransfer(id, to):
            return [session(id), ("to", .string(to))]
        case let .transferred(id, target):
            var f: [(String, OrderedJSON.Value)] = [session(id), ("to", .string(target.id)), ("kind", .string(target.kind.rawValue))]
            if let name = target.name { f.append(("name", .string(name))) }
            return f
        case let .callOuted(s):
            var f: [(String, OrderedJSON.Value)] = [session(s.id), ("type", .string(s.type.rawValue)), ("direction", .string("outbound")),
                                                    ("phoneNumber", text(s.caller.mobile))]
            if let desc = s.phoneDesc { f.append(("desc", .string(desc))) }
            f.append(("display", .string(s.displayName)))
            return f
        case let .statusChanged(from, to, reason):
            var f: [(String, OrderedJSON.Value)] = [("from", .string(from.rawValue)), ("to", .string(to.rawValue))]
            if let reason { f.append(("reason", .string(reason))) }
            return f
        case .afterCallWorkExtended:
            return []
        case let .hashchange(page, url):
            return [("tab", .string(page)), ("url", .string(url))]
        case let .callOutRequest(outcome, page):
            var f: [(String, OrderedJSON.Value)] = []
            f.reserveCapacity(8)  // every field below at most once: no growing as they are added
            f.append(("accepted", .bool(outcome.isAccepted)))
            f.append(("outcome", .string(outcome.verdict)))
            if let n = outcome.phoneNumber { f.append(("phoneNumber", .string(n))) }
            if let d = outcome.desc { f.append(("desc", .string(d))) }
            if let d = outcome.display { f.append(("display", .string(d))) }
            if let e = outcome.error { f.append(("error", .string(e))) }
            if case let .accepted(_, notes) = outcome, !notes.isEmpty { f.append(("notes", .array(notes.map(OrderedJSON.Value.string)))) }
            if let page { f.append(("page", .string(page))) }
            return f
        case let .holdChanged(id, onHold):
            return [session(id), ("onHold", .bool(onHold))]
        case let .muteChanged(id, muted):
            return [session(id), ("muted", .bool(muted))]
        case let .dtmf(id, digits):
            return [session(id), ("digits", .string(digits))]
        case let .refused(r):
            return [("action", .string(r.action)), ("reason", .string(r.reason))]
        case let .imMessage(id, message):
            return [session(id), ("from", OrderedJSON.Value.string(message.from.rawValue))] + ChatMessage.fields(of: message.content)
        case let .queued(waiting, position):
            let c = waiting.call
            var f: [(String, OrderedJSON.Value)] = [session(waiting.id), ("type", .string(c.type.rawValue)), ("direction", .string("inbound"))]
            for (key, value) in [("mobile", c.caller.mobile), ("userId", c.caller.userId), ("nickName", c.caller.nickName), ("avatar", c.caller.avatar)] {
                if let value { f.append((key, .string(value))) }
            }
            if c.ringTimeout > 0 { f.append(("timeout", .number(c.ringTimeout))) }
            f += [("position", .number(Double(position))), ("patience", .number(waiting.patience))]
            return f
        case let .abandoned(s):
            var f: [(String, OrderedJSON.Value)] = [session(s.id), ("closeBy", .string(CloseBy.client.rawValue)), ("abandoned", .bool(true))]
            if let wait = s.queueWait(at: s.endedAt ?? s.startedAt) { f.append(("waited", .number((wait * 1000).rounded() / 1000))) }
            return f
        case let .callBack(id, number):
            return [session(id), ("phoneNumber", .string(number))]
        }
    }
}
