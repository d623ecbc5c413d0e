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
        let used = buffer.write(lang.callStatus(session.status) + "  ", x: inner.x + 1, y: y, maxWidth: inner.width - 2,
                                style: Style(foreground: color(of: session.status), bold: true))
        // The label goes when the pane is narrow; the time itself always shows.
        let shown = DisplayWidth.of(elapsed) <= inner.width - 2 - used ? elapsed : String(elapsed.split(separator: " ").last ?? "")
        buffer.write(shown, x: inner.x + 1 + used, y: y, maxWidth: inner.width - 2 - used)
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
        var marks: [String] = []
        if session.onHold { marks.append(lang.pick("⏸ 保持中", "⏸ on hold")) }
        if session.muted { marks.append(lang.pick("🔇 静音", "🔇 muted")) }
        if !session.dtmfSent.isEmpty { marks.append("DTMF \(session.dtmfSent)") }
        if let closeBy = session.closeBy { marks.append(lang.closeBy(closeBy)) }
        if let to = session.transferredTo { marks.append("→ \(to)") }
        if !marks.isEmpty, y < inner.maxY {
            buffer.write(marks.joined(separator: "  "), x: inner.x + 1, y: y, maxWidth: inner.width - 2,
                         style: Style(foreground: .yellow))
            y += 1
        }
        let others = core.sessions.filter { $0.id != session.id && (!$0.finished || $0.status.isLive) }
        if !others.isEmpty, y + 1 < inner.maxY {
            buffer.write(lang.pick("其他会话 (n 切换)", "Other sessions (n to switch)"), x: inner.x + 1, y: y, maxWidth: inner.width - 2, style: .dim)
            y += 1
            for other in others.reversed() where y < inner.maxY {
                let text = "\(other.id) \(other.type.rawValue) \(other.status.rawValue) \(other.displayName)"
                buffer.write(text, x: inner.x + 1, y: y, maxWidth: inner.width - 2, style: Style(foreground: color(of: other.status)))
                y += 1
            }
        }
        // Finished sessions, newest first, in whatever room is left (a trainer's running tally).
        let recent = core.sessions.filter { $0.finished && $0.id != session.id }.reversed()
        guard !recent.isEmpty, y + 3 <= inner.maxY else { return }
        y += 1
        buffer.write(lang.pick("最近会话", "Recent sessions"), x: inner.x + 1, y: y, maxWidth: inner.width - 2, style: .dim)
        y += 1
        for past in recent where y < inner.maxY {
            let talked = past.connectedAt.map { clock((past.endedAt ?? core.now) - $0) } ?? lang.pick("未接通", "missed")
            let arrow = past.direction == .inbound ? "←" : "→"
            let text = "\(clock(past.startedAt)) \(arrow) \(past.displayName) · \(past.type.rawValue) · \(talked)"
            buffer.write(text, x: inner.x + 1, y: y, maxWidth: inner.width - 2, style: .dim)
            y += 1
        }
    }

    static func color(of status: CallStatus) -> Color {
        switch status {
        case .ringing: .yellow
        case .connected: .green
        case .ended: .red
        }
    }
}
