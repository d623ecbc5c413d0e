import AgentDeskCore

/// One line of the event feed for each event, in the screen's language.
enum EventText {
    /// `core` is the state after the event, for what the event alone does not say
    /// (that a session ended by a transfer).
    static func describe(_ event: Event, _ lang: Language, core: WorkstationState? = nil) -> String {
        switch event {
        case let .callIn(s):
            return "callIn \(s.id) \(s.type.rawValue) \(s.displayName)"
        case let .userAccessed(id):
            return "userAccessed \(id) " + lang.pick("已接入", "connected")
        case let .sessionEnded(id, closeBy):
            if let session = core?.session(id), session.transferredTo != nil, let ending = lang.ending(of: session) {
                return "sessionEnded \(id) \(closeBy.rawValue) (\(ending))"
            }
            return "sessionEnded \(id) \(closeBy.rawValue) (\(lang.closeBy(closeBy)))"
        case let .autoTransfer(id, to):
            return "autoTransfer \(id) → \(to)"
        case let .callOuted(s):
            return "callOuted \(s.id) " + lang.pick("呼出 ", "calling out ") + s.displayName
                + (s.phoneDesc == nil ? "" : " (\(s.caller.mobile ?? ""))")
        case let .calloutAccepted(id):
            return "calloutAccepted \(id) " + lang.pick("对方已接听", "callee answered")
        case let .statusChanged(from, to, _):
            return "statusChanged \(from.rawValue) → \(to.rawValue)"
        case .afterCallWorkExtended:
            return lang.pick("继续话后整理（倒计时停止）", "keep wrapping up (countdown stopped)")
        case let .hashchange(page, url):
            let status = HashCodec.parameters(of: url).first { $0.key == "status" }?.value
            return "hashchange \(page)" + (status.map { " status=\($0)" } ?? "")
        case let .callOutRequest(outcome, _):
            switch outcome {
            case let .accepted(request, _):
                return "callOutRequest ✔ \(request.display)" + (request.desc == nil ? "" : " (\(request.phoneNumber))")
            default:
                // The reason may already begin with the verdict ("ignored: …"); say it once.
                var reason = outcome.error ?? ""
                if reason.hasPrefix(outcome.verdict + ": ") { reason.removeFirst(outcome.verdict.count + 2) }
                return "callOutRequest ✘ \(outcome.verdict): \(reason)"
            }
        case let .holdChanged(id, onHold):
            return "\(id) " + (onHold ? lang.pick("保持", "on hold") : lang.pick("恢复通话", "resumed"))
        case let .muteChanged(id, muted):
            return "\(id) " + (muted ? lang.pick("静音", "muted") : lang.pick("取消静音", "unmuted"))
        case let .dtmf(id, digits):
            return "dtmf \(id) \(digits)"
        case let .transferred(id, to):
            let kind = to.kind == .free ? "" : " " + lang.transferKind(to.kind)
            return "transfer \(id) → \(to.label)\(kind) " + lang.pick("(已转接)", "(transferred)")
        case let .selected(id):
            return lang.pick("查看 ", "selected ") + id.rawValue
        case let .refused(r):
            return Self.refusal(r, lang)
        case let .imMessage(id, message):
            return "imMessage \(id) " + (message.from == .customer ? "← " : "→ ") + ChatText.summary(of: message.content, lang)
        case let .queued(waiting, position):
            return "queued \(waiting.id) \(waiting.call.type.rawValue) \(waiting.call.caller.mobile ?? waiting.call.caller.nickName ?? "")"
                + lang.pick(" 排队第 \(position) 位", " waiting, #\(position)")
        case let .abandoned(s):
            return "sessionEnded \(s.id) client (" + lang.pick("排队放弃", "abandoned in the queue") + ")"
        case let .callBack(id, number):
            return lang.pick("回拨 \(id) \(number) 已填入拨号盘", "call back \(id): \(number) on the dialpad")
        }
    }

    static func refusal(_ r: Refusal, _ lang: Language) -> String {
        lang.pick("\(r.action) 未执行：\(r.reason)", "\(r.action) refused: \(r.reason)")
    }

    static func style(of event: Event) -> Style {
        switch event {
        case .callIn, .callOuted: Style(foreground: .yellow, bold: true)
        case .userAccessed, .calloutAccepted: Style(foreground: .green)
        case .sessionEnded, .autoTransfer, .abandoned: Style(foreground: .red)
        case .queued: Style(foreground: .yellow)
        case .hashchange: Style(foreground: .cyan)
        case let .callOutRequest(outcome, _): Style(foreground: outcome.isAccepted ? .magenta : .red)
        case .refused: Style(foreground: .red)
        default: .plain
        }
    }
}
