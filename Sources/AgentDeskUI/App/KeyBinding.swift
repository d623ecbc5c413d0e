/// What a key does.
public enum Command: Sendable, Equatable {
    case simulateCall, answer, hangUp, toggleHold, toggleMute, transfer, cycleStatus, wrapUpDone, keepWrappingUp
    case nextTab, previousTab, nextSession, pageDetail
    case focusDialpad, leaveDialpad, dialpadPress, dialpadBackspace, dialpadClear, dial
    case help, quit, forceQuit
    case playDemo, pauseResume, nextStep, restart
    case scrollFeedUp, scrollFeedDown
    case callBack
    /// Keys of a passing mode (confirm quit, transfer prompt, page detail): listed in
    /// the help overlay; the mode handles them.
    case modeKey
    /// Chats: open the reply line, fill it with a quick reply, pick a card or order.
    case reply
}

/// Where a binding applies: the main screen, the focused dialpad, both, or while
/// a scenario plays (on top of the main screen's keys).
public enum KeyContext: Sendable, Equatable, CaseIterable {
    case main, dialpad, everywhere, playback
    /// The modes that take over the keys for a moment: listed in the help overlay
    /// (each key once, with its mode); `AppModel` handles them itself.
    case confirmQuit, transferPrompt, pageDetail
}

/// One row of the key table: the keys, what they do, where, and how the hint
/// bar and the help overlay name it.
public struct KeyBinding: Sendable {
    public let keys: [Key]
    public let command: Command
    public let context: KeyContext
    /// How the keys are written in hints when not simply their labels (e.g. `0-9`).
    public let keyLabel: String?
    public let zh: String
    public let en: String
    public let inHintBar: Bool

    init(_ keys: [Key], _ command: Command, _ context: KeyContext, keyLabel: String? = nil,
         zh: String, en: String, hint: Bool = true) {
        self.keys = keys
        self.command = command
        self.context = context
        self.keyLabel = keyLabel
        self.zh = zh
        self.en = en
        self.inHintBar = hint
    }

    public var keyText: String { keyLabel ?? keys.map(\.label).joined(separator: "/") }
}

/// The one table of key bindings: dispatch and the hint bar both read it.
public enum KeyTable {
    public static let bindings: [KeyBinding] = [
        KeyBinding([.char("i")], .simulateCall, .main, zh: "模拟来电", en: "inbound call"),
        KeyBinding([.char("a")], .answer, .everywhere, zh: "接听", en: "answer"),
        KeyBinding([.char("h")], .hangUp, .everywhere, zh: "挂断", en: "hang up"),
        KeyBinding([.char("o")], .toggleHold, .everywhere, zh: "保持/恢复", en: "hold"),
        KeyBinding([.char("m")], .toggleMute, .everywhere, zh: "静音", en: "mute"),
        KeyBinding([.char("t")], .transfer, .main, zh: "转接", en: "transfer"),
        KeyBinding([.char("s")], .cycleStatus, .main, zh: "切换状态", en: "status"),
        KeyBinding([.char("w")], .wrapUpDone, .main, zh: "结束整理", en: "wrap-up done"),
        KeyBinding([.char("W")], .keepWrappingUp, .main, zh: "继续整理", en: "keep wrapping up", hint: false),
        KeyBinding([.tab], .nextTab, .main, zh: "下个页面", en: "next page", hint: false),
        KeyBinding([.backTab], .previousTab, .main, zh: "上个页面", en: "previous page", hint: false),
        KeyBinding([.char("n")], .nextSession, .main, zh: "切换会话", en: "next session", hint: false),
        KeyBinding([.char("v")], .pageDetail, .main, zh: "页面详情", en: "page detail", hint: false),
        KeyBinding([.char("d")], .focusDialpad, .main, zh: "拨号盘", en: "dialpad"),
        KeyBinding([.enter], .dial, .dialpad, zh: "呼出", en: "dial"),
        KeyBinding([.escape], .leaveDialpad, .dialpad, zh: "离开拨号盘", en: "leave"),
        KeyBinding("0123456789*#+".map { Key.char($0) }, .dialpadPress, .dialpad, keyLabel: "0-9*#+",
                   zh: "按键 (通话中为 DTMF)", en: "keys (DTMF in a call)"),
        KeyBinding([.backspace], .dialpadBackspace, .dialpad, zh: "删除", en: "delete"),
        KeyBinding([.char("c")], .dialpadClear, .dialpad, zh: "清空", en: "clear"),
        KeyBinding([.char(" ")], .pauseResume, .playback, zh: "暂停/继续", en: "pause/resume"),
        KeyBinding([.char(".")], .nextStep, .playback, zh: "下一步", en: "next step"),
        KeyBinding([.char("r")], .restart, .playback, zh: "重新开始", en: "restart"),
        KeyBinding([.char("?")], .help, .everywhere, zh: "帮助", en: "help"),
        KeyBinding([.char("q")], .quit, .main, zh: "退出", en: "quit"),
        KeyBinding([.char("p")], .playDemo, .main, zh: "播放演示", en: "play demo"),
        KeyBinding([.ctrl("c")], .forceQuit, .everywhere, zh: "立即退出", en: "quit now", hint: false),
        KeyBinding([.char("b")], .callBack, .everywhere, zh: "回拨", en: "call back", hint: false),
        KeyBinding([.pageUp, .up], .scrollFeedUp, .main, keyLabel: "PgUp/↑", zh: "事件向前翻", en: "older events", hint: false),
        KeyBinding([.pageDown, .down], .scrollFeedDown, .main, keyLabel: "PgDn/↓", zh: "事件向后翻", en: "newer events", hint: false),
        KeyBinding([.char("y")], .modeKey, .confirmQuit, zh: "确认退出", en: "quit"),
        KeyBinding([], .modeKey, .confirmQuit, keyLabel: "other", zh: "留下", en: "stay"),
        KeyBinding([.enter], .modeKey, .transferPrompt, zh: "转接", en: "transfer"),
        KeyBinding([.escape], .modeKey, .transferPrompt, zh: "取消", en: "cancel"),
        KeyBinding([.backspace], .modeKey, .transferPrompt, zh: "删除", en: "delete"),
        KeyBinding([.tab, .backTab], .modeKey, .pageDetail, zh: "切换页面", en: "next/previous page"),
        KeyBinding([], .modeKey, .pageDetail, keyLabel: "other", zh: "返回", en: "back"),
        // Chats: r (or Enter) replies. A selected chat's bottom line shows its keys, 1-9
        // (quick replies) and c (cards, orders) among them, which only a chat takes (see
        // AppModel.chatKey); the reply line's and the picker's own keys are said where they
        // are used. So the help overlay still fits 60x20.
        KeyBinding([.char("r"), .enter], .reply, .main, keyLabel: "r", zh: "回复", en: "reply", hint: false),
    ]

    /// The binding for a key in a context (dialpad bindings first when it has focus).
    /// While a scenario plays, its keys (space, n, r) come before the main screen's.
    /// How a mode is named in the help overlay.
    public static func modeName(_ context: KeyContext, _ lang: Language) -> String {
        switch context {
        case .main: lang.pick("主屏", "Main")
        case .everywhere: lang.pick("主屏与拨号盘", "Main + dialpad")
        case .dialpad: lang.pick("拨号盘 (d)", "Dialpad (d)")
        case .playback: lang.pick("播放脚本 (run)", "Playing (run)")
        case .confirmQuit: lang.pick("确认退出 (通话中 q)", "Quit? (q, live session)")
        case .transferPrompt: lang.pick("转接输入 (t)", "Transfer prompt (t)")
        case .pageDetail: lang.pick("页面详情 (v)", "Page detail (v)")
        }
    }

    public static func binding(for key: Key, dialpadFocused: Bool, playing: Bool = false) -> KeyBinding? {
        let contexts: [KeyContext] = dialpadFocused ? [.dialpad, .everywhere] : (playing ? [.playback] : []) + [.main, .everywhere]
        for context in contexts {
            if let b = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) { return b }
        }
        return nil
    }

    /// The bindings the hint bar shows in a context, in table order.
    /// The bindings the hint bar shows in a context: the context's own first, then
    /// those that work everywhere, each in table order.
    public static func hints(dialpadFocused: Bool, playing: Bool = false) -> [KeyBinding] {
        let shown = bindings.filter { $0.inHintBar && !(playing && $0.command == .playDemo) }
        if dialpadFocused {
            return shown.filter { $0.context == .dialpad } + shown.filter { $0.context == .everywhere }
        }
        return shown.filter { $0.context == .main || $0.context == .everywhere }
    }
}
