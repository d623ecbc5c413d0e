import AgentDeskCore

/// The notice line (a refusal, a prompt, a question) and the key hints, drawn
/// from the same table that dispatches keys.
enum HintBar {
    static func render(_ model: AppModel, notice: Rect, hints: Rect, into buffer: inout CellBuffer) {
        let lang = model.ui.language
        switch model.ui.mode {
        case .confirmQuit:
            buffer.write(lang.pick("通话仍在进行，确定退出吗？ y 退出 · 其他键取消", "A session is live. Quit anyway? y quits, any other key stays"),
                         x: 1, y: notice.y, maxWidth: notice.width - 2, style: Style(foreground: .yellow, bold: true))
        case let .transferPrompt(text):
            let used = buffer.write(lang.pick("转接到：", "Transfer to: "), x: 1, y: notice.y, maxWidth: notice.width - 2, style: .bold)
            let typed = buffer.write(text, x: 1 + used, y: notice.y, maxWidth: notice.width - 30 - used, style: Style(underline: true))
            buffer.write("▏ " + lang.pick("Enter 确认 · Esc 取消", "Enter transfers · Esc cancels"),
                         x: 1 + used + typed, y: notice.y, maxWidth: notice.maxX - 1 - used - typed, style: .dim)
        case .reply where model.ui.notice == nil:
            buffer.write(lang.pick("Enter 发送 · Esc 取消 · ←→ 移动 · Backspace 删除 · Tab 快捷回复", "Enter sends · Esc cancels · ←→ move · Backspace deletes · Tab quick replies"),
                         x: 1, y: notice.y, maxWidth: notice.width - 2, style: .bold)
        default:
            if let text = model.ui.notice {
                buffer.write(text, x: 1, y: notice.y, maxWidth: notice.width - 2, style: Style(foreground: .red))
            } else if let text = model.ui.terminalNotice {
                buffer.write(text, x: 1, y: notice.y, maxWidth: notice.width - 2, style: Style(foreground: .yellow))
            }
        }
        // Help is pinned at the right end, so the way to every other key is always on screen.
        var right = hints.maxX
        let all = Self.hints(dialpadFocused: model.ui.dialpadFocused, playing: model.playback != nil)
        if let help = all.first(where: { $0.binding.command == .help }) {
            let label = " " + (lang == .zh ? help.binding.zh : help.binding.en) + " "
            let width = help.keyWidth + DisplayWidth.of(label)
            right = hints.maxX - width
            let used = buffer.write(help.keyText, x: right, y: hints.y, style: Style(reverse: true))
            buffer.write(label, x: right + used, y: hints.y, style: .plain)
        }
        // Looked up once a frame, not once a hint.
        let voice = model.core.voiceSession
        var x = hints.x + 1
        for hint in all where hint.binding.command != .help {
            let label = Self.label(of: hint.binding, lang, voice: voice)
            let width = hint.keyWidth + DisplayWidth.of(label) + 3
            guard x + width <= right else { break }
            x += buffer.write(hint.keyText, x: x, y: hints.y, style: Style(reverse: true))
            x += buffer.write(" " + label + "  ", x: x, y: hints.y, style: .plain)
        }
    }

    /// A binding as the bar shows it, its key's text and width worked out once.
    struct Hint {
        let binding: KeyBinding
        let keyText: String
        let keyWidth: Int
    }

    /// `KeyTable.hints` for each way the bar can be (dialpad focused or not, a demo
    /// playing or not), made once: the table never changes while the program runs.
    private static let variants: [[Hint]] = [false, true].flatMap { focused in
        [false, true].map { playing in
            KeyTable.hints(dialpadFocused: focused, playing: playing).map {
                Hint(binding: $0, keyText: $0.keyText, keyWidth: DisplayWidth.of($0.keyText))
            }
        }
    }

    static func hints(dialpadFocused: Bool, playing: Bool) -> [Hint] {
        variants[(dialpadFocused ? 2 : 0) + (playing ? 1 : 0)]
    }

    /// A hint says what the key does now: on hold, `o` resumes; muted, `m` unmutes
    /// (`voice`: the live voice session).
    static func label(of binding: KeyBinding, _ lang: Language, voice: Session?) -> String {
        switch binding.command {
        case .toggleHold where voice?.onHold == true: return lang.pick("恢复通话", "resume")
        case .toggleHold: return lang.pick("保持", "hold")
        case .toggleMute where voice?.muted == true: return lang.pick("取消静音", "unmute")
        default: return lang == .zh ? binding.zh : binding.en
        }
    }
}
