import AgentDeskCore

extension AppModel {
    /// The chat the left column shows: the selected session when it is a chat,
    /// unless the agent is using the dialpad.
    public var shownChat: Session? {
        guard ui.mode != .dialpad, let session = core.selectedSession, session.type.hasChat else { return nil }
        return session
    }

    /// A selected chat's own keys on the main screen: `1`-`9` (quick replies) and `c`
    /// (cards, orders); nil for any other key or when no chat is shown.
    mutating func chatKey(_ key: Key) -> Output? {
        guard ui.mode == .main, shownChat != nil, case let .char(c) = key, c == "c" || ("1"..."9").contains(c) else { return nil }
        return chatCommand(key)
    }

    /// `r`/Enter, a quick reply's digit, `c`.
    mutating func chatCommand(_ key: Key) -> Output {
        let lang = ui.language
        let chat = core.config.chat
        guard let session = core.selectedSession, session.type.hasChat else {
            ui.notice = lang.pick("先选中一个在线会话 (n 切换)", "select a chat first (n switches sessions)")
            return Output()
        }
        guard session.status == .connected else {
            ui.notice = session.status == .ringing
                ? lang.pick("\(session.id) 还在振铃；a 接入后回复", "\(session.id) is still ringing; a accepts it")
                : lang.pick("\(session.id) 已结束", "\(session.id) has ended")
            return Output()
        }
        switch key {
        case .char("r"), .enter:
            ui.mode = .reply(ReplyLine())
        case let .char(digit) where digit != "c":
            guard let n = digit.wholeNumberValue, n >= 1, n <= chat.quickReplies.count else {
                ui.notice = chat.quickReplies.isEmpty
                    ? lang.pick("没有配置快捷回复 (quickReplies)", "no quick replies configured (quickReplies)")
                    : lang.pick("快捷回复只有 1-\(chat.quickReplies.count)", "quick replies are 1-\(chat.quickReplies.count)")
                return Output()
            }
            // The reply line opens with it, to send as it is (Enter) or to edit first.
            ui.mode = .reply(ReplyLine(chat.quickReplies[n - 1]))
        default:
            guard !ChatThreadPane.attachments(chat).isEmpty else {
                ui.notice = lang.pick("没有配置卡片或订单 (cards, orders)", "no cards or orders configured (cards, orders)")
                return Output()
            }
            ui.mode = .chatAttachments(0)
        }
        return Output()
    }

    /// Keys while the reply line is open: typing, Backspace, the arrows, Tab for
    /// the quick replies; Enter sends, Esc cancels.
    mutating func replyKey(_ key: Key, _ line: ReplyLine) -> Output {
        var line = line
        switch key {
        case .enter:
            let text = line.text
            guard !text.trimmingWhitespace.isEmpty else {
                ui.mode = .main
                return Output()
            }
            let target = core.selectedSession?.id
            let output = send(.agentSends(target, .text(text)))
            // Refused (the chat ended meanwhile): the text stays, so nothing typed is lost.
            if !output.occurrences.contains(where: { if case .refused = $0.event { true } else { false } }) { ui.mode = .main }
            return output
        case .escape:
            ui.mode = .main
            return Output()
        case .ctrl("c"):
            return Output(quit: true)
        case .backspace: line.backspace()
        case .left: line.left()
        case .right: line.right()
        case .up, .ctrl("a"): line.home()
        case .down, .ctrl("e"): line.end()
        case .tab, .backTab:
            let replies = core.config.chat.quickReplies
            guard !replies.isEmpty else { break }
            let current = replies.firstIndex(of: line.text)
            let next = current.map { ($0 + (key == .tab ? 1 : replies.count - 1)) % replies.count } ?? (key == .tab ? 0 : replies.count - 1)
            line = ReplyLine(replies[next])
        case let .char(c):
            line.insert(c)
        default:
            break
        }
        ui.mode = .reply(line)
        return Output()
    }

    /// Keys in the card/order picker.
    mutating func pickerKey(_ key: Key, _ index: Int) -> Output {
        let items = ChatThreadPane.attachments(core.config.chat)
        guard !items.isEmpty else {
            ui.mode = .main
            return Output()
        }
        func sendItem(_ i: Int) -> Output {
            ui.mode = .main
            return send(.agentSends(core.selectedSession?.id, items[i]))
        }
        switch key {
        case .up: ui.mode = .chatAttachments((index + items.count - 1) % items.count)
        case .down, .tab: ui.mode = .chatAttachments((index + 1) % items.count)
        case .enter: return sendItem(min(index, items.count - 1))
        case let .char(c) where c.wholeNumberValue.map { $0 >= 1 && $0 <= items.count } == true:
            return sendItem(c.wholeNumberValue! - 1)
        case .ctrl("c"): return Output(quit: true)
        default: ui.mode = .main
        }
        return Output()
    }
}
