import AgentDeskCore

/// The selected session in full, and the other sessions in a list.
enum CallPane {
    static func render(_ model: AppModel, in rect: Rect, into buffer: inout CellBuffer) {
        let lang = model.ui.language
        let core = model.core
        buffer.box(rect, title: lang.pick("通话", "Call"))
        let inner = rect.inner
        guard !inner.isEmpty else { return }
        var y = inner.y
        func line(_ label: String, _ value: String, style: Style = .plain) {
            guard y < inner.maxY else { return }
            let labelWidth = 8
            buffer.write(label, x: inner.x + 1, y: y, maxWidth: labelWidth - 1, style: .dim)
            buffer.write(value, x: inner.x + 1 + labelWidth, y: y, maxWidth: inner.width - 2 - labelWidth, style: style)
            y += 1
        }
        guard let session = core.selectedSession else {
            buffer.write(lang.pick("没有会话。", "No session."), x: inner.x + 1, y: y, maxWidth: inner.width - 2)
            buffer.write(lang.pick("i 模拟来电 · d 拨号盘", "i: inbound call · d: dialpad"),
                         x: inner.x + 1, y: y + 1, maxWidth: inner.width - 2, style: .dim)
            return
        }
        let elapsed: String
        switch session.status {
        case .ringing: elapsed = lang.pick("振铃 ", "ringing ") + clock(core.now - session.startedAt)
        case .connected: elapsed = lang.pick("通话 ", "talk ") + clock(core.now - (session.connectedAt ?? core.now))
        case .ended:
            let talked = session.connectedAt.map { (session.endedAt ?? core.now) - $0 }
            elapsed = talked.map { lang.pick("通话 ", "talked ") + clock($0) } ?? lang.pick("未接通", "not connected")
        }
        // The timer is never cut: when the whole line does not fit, the status keeps
        // one language and the timer loses its label.
        let room = inner.width - 2
        let full = lang.callStatus(of: session) + "  "
        let short = lang.callStatus(of: session, short: true) + " "
        let bare = String(elapsed.split(separator: " ").last ?? "")
        let (statusText, timer) = DisplayWidth.of(full + elapsed) <= room ? (full, elapsed)
            : (short, bare)
        let used = buffer.write(statusText, x: inner.x + 1, y: y, maxWidth: max(0, room - DisplayWidth.of(timer)),
                                style: Style(foreground: color(of: session.status), bold: true))
        buffer.write(timer, x: inner.x + 1 + used, y: y, maxWidth: room - used)
        y += 1
        buffer.write("\(lang.sessionType(session.type)) · \(lang.direction(session.direction)) · \(session.id)",
                     x: inner.x + 1, y: y, maxWidth: inner.width - 2, style: .dim)
        y += 1
        if session.direction == .outbound, let desc = session.phoneDesc {
            line(lang.pick("显示", "Shows"), desc, style: .bold)
        }
        if let nick = session.caller.nickName { line(lang.pick("昵称", "Name"), nick, style: .bold) }
        if let mobile = session.caller.mobile { line(lang.pick("号码", "Mobile"), mobile) }
        if let user = session.caller.userId { line("userId", user) }
        if let avatar = session.caller.avatar { line(lang.pick("头像", "Avatar"), avatar) }
        // Each mark on its own labelled line; hold and mute only while the call lasts.
        var badges: [String] = []
        if session.onHold { badges.append(lang.pick("⏸ 保持中", "⏸ on hold")) }
        if session.muted { badges.append(lang.pick("🔇 静音", "🔇 muted")) }
        if !badges.isEmpty { line(lang.pick("话路", "Line"), badges.joined(separator: " · "), style: Style(foreground: .yellow, bold: true)) }
        if let timers = timerLine(session, lang: lang, now: core.now) { line(lang.pick("计时", "Timers"), timers) }
        if !session.dtmfSent.isEmpty { line("DTMF", session.dtmfSent) }
        if let ending = lang.ending(of: session) {
            line(lang.pick("结束", "Ended"), ending, style: Style(foreground: session.transferredTo == nil ? .red : .yellow))
        }
        // Sessions are picked by index and copied only for a row that is drawn: a
        // filter over the sessions copies every one it looks at (history included).
        let sessions = core.sessions
        let others = sessions.indices.filter { i in
            sessions[i].id != session.id && (!sessions[i].finished || sessions[i].status.isLive)
        }
        if !others.isEmpty, y + 1 < inner.maxY {
            buffer.write(lang.pick("其他会话 (n 切换)", "Other sessions (n to switch)"), x: inner.x + 1, y: y, maxWidth: inner.width - 2, style: .dim)
            y += 1
            for i in others.reversed() where y < inner.maxY {
                let other = sessions[i]
                let arrow = other.direction == .inbound ? "" : "→ "
                // ● and a count: customer messages the agent has not seen.
                let unread = core.thread(other.id).unread
                let mark = unread > 0 ? "●\(unread) " : ""
                let text = "\(mark)\(other.id) \(other.type.rawValue) \(arrow)\(lang.listStatus(of: other)) \(other.displayName)"
                buffer.write(text, x: inner.x + 1, y: y, maxWidth: inner.width - 2, style: Style(foreground: color(of: other.status)))
                y += 1
            }
        }
        // Callers waiting in the queue, in the order they will ring.
        if !core.queue.isEmpty, y + 1 < inner.maxY {
            buffer.write(lang.pick("排队中", "Waiting in the queue"), x: inner.x + 1, y: y, maxWidth: inner.width - 2, style: .dim)
            y += 1
            for waiting in core.queue where y < inner.maxY {
                let caller = waiting.call.caller
                let name = [caller.nickName, caller.mobile, caller.userId].compactMap { $0 }.first { !$0.isEmpty } ?? waiting.id.rawValue
                let text = "\(waiting.id) \(waiting.call.type.rawValue) " + clock(waiting.waited(at: core.now)) + " \(name)"
                buffer.write(text, x: inner.x + 1, y: y, maxWidth: inner.width - 2, style: Style(foreground: .yellow))
                y += 1
            }
        }
        // Finished sessions, newest first, in whatever room is left (a trainer's running tally).
        let recent = sessions.indices.filter { sessions[$0].finished && sessions[$0].id != session.id }.reversed()
        guard !recent.isEmpty, y + 2 <= inner.maxY else { return }
        if y + 3 <= inner.maxY { y += 1 }
        let canCallBack = recent.contains { sessions[$0].isMissed && sessions[$0].callBackNumber != nil }
        buffer.write(lang.pick("最近会话", "Recent sessions") + (canCallBack ? lang.pick(" (b 回拨)", " (b calls back)") : ""),
                     x: inner.x + 1, y: y, maxWidth: inner.width - 2, style: .dim)
        y += 1
        for i in recent where y < inner.maxY {
            let past = sessions[i]
            var outcome = past.connectedAt.map { clock((past.endedAt ?? core.now) - $0) }
                ?? (past.direction == .inbound ? lang.pick("未接", "missed") : lang.pick("未接通", "no answer"))
            if past.connectedAt == nil, past.closeBy == .timer { outcome += lang.pick("（超时）", " (timed out)") }
            if past.abandoned {
                outcome = lang.pick("排队放弃 ", "abandoned ") + clock(past.queueWait(at: core.now) ?? 0)
            }
            if let to = past.transferredTo { outcome += " → \(to)" }
            let arrow = past.direction == .inbound ? "←" : "→"
            // The outcome first, so "missed" shows however narrow the pane.
            let text = "\(clock(past.startedAt)) \(arrow) \(outcome) · \(past.displayName) · \(past.type.rawValue)"
            buffer.write(text, x: inner.x + 1, y: y, maxWidth: inner.width - 2,
                         style: past.connectedAt == nil && past.direction == .inbound ? Style(foreground: .red) : .dim)
            y += 1
        }
    }

    /// The session's other timers, when it has any: queue wait, the current hold
    /// and all holds (talk and ring time are on the status line).
    static func timerLine(_ session: Session, lang: Language, now: Double) -> String? {
        var parts: [String] = []
        if let wait = session.queueWait(at: now) { parts.append(lang.pick("排队 ", "queued ") + clock(wait)) }
        let total = session.totalHoldTime(at: now)
        if let hold = session.holdTime(at: now) {
            parts.append(lang.pick("保持 ", "hold ") + clock(hold) + lang.pick(" · 合计 ", " · total ") + clock(total))
        } else if total > 0 {
            parts.append(lang.pick("保持合计 ", "held in all ") + clock(total))
        }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    static func color(of status: CallStatus) -> Color {
        switch status {
        case .ringing: .yellow
        case .connected: .green
        case .ended: .red
        }
    }
}
