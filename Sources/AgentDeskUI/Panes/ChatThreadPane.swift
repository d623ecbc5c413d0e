import AgentDeskCore

/// A chat session's thread (im, oim), newest at the bottom, with the reply line
/// under it. While a chat is selected (and the dialpad is not in use) the left
/// column is the call pane, shortened to what it has to say, over the thread.
enum ChatThreadPane {
    /// The call pane and the thread, in the left column.
    static func split(_ column: Rect, _ model: AppModel, session: Session) -> (call: Rect, thread: Rect) {
        let core = model.core
        let callerLines = [session.caller.nickName, session.caller.mobile, session.caller.userId, session.caller.avatar].compactMap { $0 }.count
        let marks = (session.onHold || session.muted ? 1 : 0) + (session.dtmfSent.isEmpty ? 0 : 1) + (session.status == .ended ? 1 : 0)
        let others = core.sessions.filter { $0.id != session.id && (!$0.finished || $0.status.isLive) }.count
        // Finished sessions (the trainer's running tally) when there is room: a blank line, a title, each.
        let recent = core.sessions.filter { $0.finished && $0.id != session.id }.count
        let wanted = 2 + 2 + callerLines + marks + (others == 0 ? 0 : others + 1) + (recent == 0 ? 0 : recent + 2)
        let height = min(max(6, wanted), column.height / 2)
        return column.splitTop(height)
    }

    static func render(_ model: AppModel, session: Session, in rect: Rect, into buffer: inout CellBuffer) {
        let lang = model.ui.language
        let core = model.core
        var title = lang.pick("对话 ", "Chat ") + session.id.rawValue
        if let deadline = core.idleDeadline(of: session.id) {
            title += lang.pick(" · 空闲 \(clock(max(0, deadline - core.now))) 后结束", " · idle ends in \(clock(max(0, deadline - core.now)))")
        }
        buffer.box(rect, title: title)
        let inner = rect.inner
        guard inner.height >= 2, inner.width >= 4 else { return }
        let x = inner.x + 1
        let width = inner.width - 2
        // The bottom: the reply line, or what the agent can do here.
        var bottom = inner.maxY - 1
        if case let .reply(line) = model.ui.mode {
            drawReplyLine(line, x: x, y: bottom, width: width, into: &buffer)
            let replies = core.config.chat.quickReplies
            if !replies.isEmpty, inner.height >= 4 {
                bottom -= 1
                let list = replies.enumerated().map { "\($0.offset + 1) \($0.element)" }.joined(separator: " · ")
                buffer.write("Tab " + list, x: x, y: bottom, maxWidth: width, style: .dim)
            }
        } else {
            buffer.write(hint(model, session), x: x, y: bottom, maxWidth: width, style: .dim)
        }
        // The messages, from the newest up, as many as fit.
        let thread = core.thread(session.id)
        let room = bottom - inner.y
        var rows: [ChatText.Row] = []
        var shown = 0
        for message in thread.messages.reversed() {
            guard rows.count < room else { break }
            rows.insert(contentsOf: ChatText.rows(of: message, customer: session.displayName, width: width, lang), at: 0)
            shown += 1
        }
        let hidden = thread.messages.count - shown + thread.dropped
        if rows.isEmpty {
            buffer.write(lang.pick("还没有消息。", "No messages yet."), x: x, y: inner.y, maxWidth: width, style: .dim)
            return
        }
        var visible = rows.suffix(room)
        if visible.count < rows.count || hidden > 0, room > 1 {
            visible = visible.suffix(room - 1)
            let earlier = hidden + (rows.count > visible.count ? 1 : 0)
            buffer.write(lang.pick("↑ 更早的消息 \(earlier) 条", "↑ \(earlier) earlier"), x: x, y: inner.y, maxWidth: width, style: .dim)
        }
        var y = bottom - visible.count
        let border = Style(foreground: .magenta)
        for row in visible {
            if row.framed {
                buffer.write("│", x: x + 2, y: y, maxWidth: 1, style: border)
                buffer.write("│", x: x + width - 1, y: y, maxWidth: 1, style: border)
                buffer.write(row.text, x: x + row.indent, y: y, maxWidth: max(0, width - row.indent - 2), style: row.style)
            } else {
                buffer.write(row.text, x: x + row.indent, y: y, maxWidth: max(0, width - row.indent), style: row.style)
            }
            y += 1
        }
    }

    /// What the agent can do in this chat now.
    static func hint(_ model: AppModel, _ session: Session) -> String {
        let lang = model.ui.language
        let chat = model.core.config.chat
        // The key table says which key replies now: r, or Enter while a scenario or
        // drill plays and r is the trainer's restart.
        let rReplies = KeyTable.binding(for: .char("r"), dialpadFocused: false, playing: model.playback != nil)?.command == .reply
        let reply = rReplies ? "r" : "Enter"
        switch session.status {
        case .ringing:
            return lang.pick("a 接入后 \(reply) 回复", "a accepts, then \(reply) replies")
        case .ended:
            return lang.pick("会话已结束", "the chat has ended")
        case .connected:
            var parts = [lang.pick("\(reply) 回复", "\(reply) reply")]
            if !chat.quickReplies.isEmpty { parts.append(lang.pick("1-\(chat.quickReplies.count) 快捷回复", "1-\(chat.quickReplies.count) quick reply")) }
            if !chat.cards.isEmpty || !chat.orders.isEmpty { parts.append(lang.pick("c 卡片/订单", "c card/order")) }
            return parts.joined(separator: " · ")
        }
    }

    /// `› ` and the typed text, the cursor as a reversed cell, scrolled to keep it in view.
    static func drawReplyLine(_ line: ReplyLine, x: Int, y: Int, width: Int, into buffer: inout CellBuffer) {
        let prompt = buffer.write("› ", x: x, y: y, maxWidth: width, style: Style(foreground: .green, bold: true))
        let room = width - prompt
        guard room > 1 else { return }
        let (before, under, after) = line.window(width: room)
        var column = x + prompt
        column += buffer.write(before, x: column, y: y, maxWidth: room, style: .plain)
        let cursorText = under.map { String($0) } ?? " "
        let used = buffer.write(cursorText, x: column, y: y, maxWidth: x + width - column, style: Style(reverse: true))
        column += used
        if !after.isEmpty, column < x + width {
            buffer.write(after, x: column, y: y, maxWidth: x + width - column, style: .plain)
        }
    }

    // MARK: Cards and orders

    /// The configured cards and orders, numbered, as the picker lists them.
    static func attachments(_ chat: ChatSettings) -> [ChatMessage.Content] {
        chat.cards.map { .card($0) } + chat.orders.map { .order($0) }
    }

    /// The picker over the screen: 1-9 or arrows and Enter send, Esc cancels.
    static func renderPicker(_ model: AppModel, selected: Int, into buffer: inout CellBuffer) {
        let lang = model.ui.language
        let items = attachments(model.core.config.chat)
        let width = min(buffer.width - 4, 60)
        let height = min(buffer.height - 2, items.count + 2)
        let rect = Rect(x: (buffer.width - width) / 2, y: (buffer.height - height) / 2, width: width, height: height)
        buffer.fill(rect, style: .plain)
        buffer.box(rect, title: lang.pick("发送卡片/订单 (1-\(items.count) · ↑↓ Enter · Esc)", "Send a card or order (1-\(items.count) · ↑↓ Enter · Esc)"),
                   style: Style(foreground: .magenta))
        let inner = rect.inner
        for (index, item) in items.enumerated() where index < inner.height {
            let text = "\(index + 1) " + ChatText.summary(of: item, lang)
            buffer.write(text, x: inner.x + 1, y: inner.y + index, maxWidth: inner.width - 2,
                         style: index == selected ? Style(reverse: true) : .plain)
        }
    }
}
