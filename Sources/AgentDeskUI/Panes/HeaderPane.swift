import AgentDeskCore

/// Agent, role, status (with the after-call countdown), sdkAppId, clock.
enum HeaderPane {
    static func render(_ model: AppModel, in rect: Rect, into buffer: inout CellBuffer) {
        let lang = model.ui.language
        let core = model.core
        let bar = Style(reverse: true)
        buffer.fill(rect, style: bar)
        var x = rect.x
        x += buffer.write(" agentdesk ", x: x, y: rect.y, maxWidth: rect.maxX - x, style: bar.with { $0.bold = true })
        if model.ui.recording {
            x += buffer.write("● REC ", x: x, y: rect.y, maxWidth: rect.maxX - x, style: Style(foreground: .red, bold: true, reverse: true))
        }
        x += buffer.write("│ ", x: x, y: rect.y, maxWidth: rect.maxX - x, style: bar)
        let agent = core.config.agent
        x += buffer.write("\(agent.nickName) \(lang.role(agent.role)) ", x: x, y: rect.y, maxWidth: min(24, rect.maxX - x), style: bar)
        x += buffer.write("│ ", x: x, y: rect.y, maxWidth: rect.maxX - x, style: bar)
        var status = "● " + statusName(core.agent.status, reason: core.agent.restReason, lang)
        if let left = core.agent.arrangeRemaining(at: core.now) {
            status += " " + clock(left.rounded(.up))
        } else if core.agent.status == .arrange {
            status += lang.pick(" 继续整理", " wrapping up")
        }
        // A badge of one width for the statuses an agent chooses: a change rewrites
        // the badge's cells in its new colour and nothing else.
        let badge = DisplayWidth.of(status) < badgeWidth(lang)
            ? status + String(repeating: " ", count: badgeWidth(lang) - DisplayWidth.of(status)) : status
        x += buffer.write(badge, x: x, y: rect.y, maxWidth: rect.maxX - x,
                          style: Style(foreground: color(of: core.agent.status), reverse: true))
        x += buffer.write(" ", x: x, y: rect.y, maxWidth: rect.maxX - x, style: bar)
        if !core.queue.isEmpty {
            // The queue: how many wait and for how long the first has (排队 2 · 最长 0:45).
            let text = lang.pick("排队 \(core.queue.count) · 最长 ", "queue \(core.queue.count) · longest ") + clock(core.longestWait)
            x += buffer.write("│ ", x: x, y: rect.y, maxWidth: rect.maxX - x, style: bar)
            x += buffer.write(text + " ", x: x, y: rect.y, maxWidth: rect.maxX - x,
                              style: Style(foreground: .yellow, reverse: true))
        }
        let clockText = "\(model.ui.wallClock) "
        let plain = "sdkAppId \(core.config.sdkAppId)  " + clockText
        // The bridge's address comes before sdkAppId and the clock (at 80 columns it
        // stays); `?` shows it whole, with its token.
        let bridge = model.ui.bridge.map { "⇄ \($0.address)  " }
        let choices = [bridge.map { $0 + plain }, bridge.map { $0 + clockText }, bridge, plain, clockText]
        for right in choices.compactMap({ $0 }) {
            let rightWidth = DisplayWidth.of(right)
            if rect.maxX - x >= rightWidth + 2 {
                buffer.write(right, x: rect.maxX - rightWidth, y: rect.y, style: bar)
                break
            }
        }
    }

    /// The status in the screen's language only (the word the agent reads; the other
    /// language is in the status list and the transcript), with a rest's reason
    /// unless it only repeats the status's name. A status change rewrites this field
    /// alone: kept short, it costs under 45 bytes to the terminal (see DECISIONS).
    static func statusName(_ status: AgentStatus, reason: String?, _ lang: Language) -> String {
        var name = lang.pick(status.chineseName, status.rawValue)
        if let reason, !reason.trimmingWhitespace.isEmpty, reason != status.chineseName, reason != status.rawValue {
            name += " " + reason
        }
        return name
    }

    /// The widest "● name" of the statuses an agent chooses, in the language.
    static func badgeWidth(_ lang: Language) -> Int {
        AgentStatus.selectable.map { DisplayWidth.of("● " + statusName($0, reason: nil, lang)) }.max() ?? 0
    }

    static func color(of status: AgentStatus) -> Color {
        switch status {
        case .free: .green
        case .busy: .red
        case .arrange: .yellow
        case .notReady: .magenta
        case .rest: .cyan
        case .offline: .default
        }
    }
}
