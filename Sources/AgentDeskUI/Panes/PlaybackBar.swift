import AgentDeskCore

/// The scenario in play: the step just played, what comes next and when, the
/// keys that steer it; at the end, how the expectations went.
enum PlaybackBar {
    static func render(_ model: AppModel, in rect: Rect, into buffer: inout CellBuffer) {
        guard let playback = model.playback else { return }
        let lang = model.ui.language
        let total = playback.scenario.steps.count
        let style = Style(foreground: .cyan, reverse: true)
        buffer.fill(rect, style: style)
        var text: String
        if model.drill.active {
            text = DrillBar.text(model, playback)
        } else if playback.isFinished {
            text = lang.pick("■ 播放完毕", "■ finished") + " · expect ✔ \(playback.expectsHeld)"
            if playback.expectsFailed > 0 { text += " ✘ \(playback.expectsFailed)" }
            text += lang.pick(" · r 重新开始 · q 退出", " · r restart · q quit")
        } else {
            text = (playback.paused ? "⏸ " : "▶ ") + "\(playback.position)/\(total)"
            if let last = playback.lastStep { text += " \(last.name)" }
            if playback.awaitingTrainer {
                // What the trainer must know first, before the bar runs out of room.
                text += lang.pick(" · 等待讲师：按空格继续", " · waiting for the trainer: space goes on")
            } else if let next = playback.nextStep {
                text += lang.pick(" · 下一步 ", " · next ") + next.name
                if let wait = playback.secondsUntilNextStep(at: model.realTime) {
                    text += lang.pick(" \(clock(wait.rounded(.up))) 后", " in \(clock(wait.rounded(.up)))")
                } else if playback.paused {
                    text += lang.pick("（已暂停）", " (paused)")
                }
            }
            if playback.speed != 1 { text += " · ×\(OrderedJSON.number(playback.speed))" }
        }
        // The keys are pinned at the right, so they show however narrow the terminal.
        // The hint says what space does now: pause while playing, play while paused.
        let keys = playback.isFinished || model.drill.active ? ""
            : playback.paused ? lang.pick(" 空格 播放 · . 下一步 · r 重来 ", " space play · . step · r restart ")
            : lang.pick(" 空格 暂停 · . 下一步 · r 重来 ", " space pause · . step · r restart ")
        let keysWidth = DisplayWidth.of(keys)
        if keysWidth > 0 && keysWidth < rect.width / 2 {
            buffer.write(keys, x: rect.maxX - keysWidth, y: rect.y, style: style.with { $0.bold = true })
        }
        let room = rect.width - (keysWidth < rect.width / 2 ? keysWidth : 0) - 1
        let title = playback.scenario.name ?? playback.scenario.file
        let used = buffer.write(" " + title + " ", x: rect.x, y: rect.y, maxWidth: min(room / 3, 30), style: style.with { $0.bold = true })
        buffer.write(text, x: rect.x + used, y: rect.y, maxWidth: room - used, style: style)
    }
}
