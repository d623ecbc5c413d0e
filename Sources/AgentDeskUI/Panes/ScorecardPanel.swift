import AgentDeskCore

/// The end of a drill: each goal met (✓, seconds taken) or missed (✗, its hint),
/// the points, the total. Hints are the file's text: through the sink like all text.
enum ScorecardPanel {
    static func render(_ model: AppModel, into buffer: inout CellBuffer) {
        guard let playback = model.playback else { return }
        let lang = model.ui.language
        let rect = Rect(x: 0, y: 2, width: buffer.width, height: max(0, buffer.height - 3))
        guard rect.width >= 10, rect.height >= 4 else { return }
        let textWidth = rect.width - 4
        var rows: [(String, Style)] = []
        var total = 0, max = 0, met = 0
        let goals = Drill.goals(of: playback.scenario)
        for (step, goal) in goals {
            let outcome = model.goalOutcomes.first { $0.step == step.number }
            max += goal.points
            total += outcome?.points ?? 0
            let place = lang.pick("第 \(step.line) 行", "line \(step.line)")
            var text: String
            let style: Style
            if let outcome, outcome.met {
                met += 1
                text = "✓ " + place + lang.pick("  用时 \(OrderedJSON.number(outcome.seconds ?? 0)) 秒", "  \(OrderedJSON.number(outcome.seconds ?? 0)) s")
                style = Style(foreground: .green, bold: true)
            } else {
                text = "✗ " + place + lang.pick("  未达成", "  missed")
                style = Style(foreground: .red, bold: true)
            }
            text += "  \(outcome?.points ?? 0)/\(goal.points)" + lang.pick(" 分", " points")
            if let hint = goal.hint { text += "  · " + hint }
            rows += CellBuffer.wrap(TextSanitizer.clean(text), width: textWidth).map { ($0, style) }
        }
        rows.append(("", .plain))
        rows.append((lang.pick("总分 \(total) / \(max)（达成 \(met) / \(goals.count) 个目标）",
                               "Total \(total) / \(max) (\(met) of \(goals.count) goals met)"), .bold))
        rows.append((lang.pick("q、回车或空格 结束", "q, Enter or space ends the drill"), .dim))
        let inner = rect.inner
        buffer.fill(rect, style: .plain)
        let who = model.drill.trainee.isEmpty ? "" : " · " + model.drill.trainee
        buffer.box(rect, title: lang.pick("成绩单", "Scorecard") + who, style: Style(foreground: .cyan),
                   titleStyle: Style(foreground: .cyan, bold: true))
        // The total and the way out stay in view; goals beyond the room are counted.
        let room = inner.height
        var shown = rows
        if rows.count > room {
            let tail = Array(rows.suffix(3))
            let head = Array(rows.prefix(Swift.max(0, room - 4)))
            shown = head + [(lang.pick("… 另有 \(rows.count - 3 - head.count) 行", "… \(rows.count - 3 - head.count) more lines"), .dim)] + tail
        }
        for (index, (text, style)) in shown.prefix(room).enumerated() {
            buffer.write(text, x: inner.x + 1, y: inner.y + index, maxWidth: textWidth, style: style)
        }
    }
}

/// The step bar during a drill: the goals so far and the time left on the next
/// one to end; no playback keys (a drill runs in real time).
enum DrillBar {
    static func text(_ model: AppModel, _ playback: Playback) -> String {
        let lang = model.ui.language
        let outcomes = model.goalOutcomes
        var text = (model.drill.over ? "■ " : "▶ ") + lang.pick("练习", "drill")
            + " · ✓ \(outcomes.filter(\.met).count) ✗ \(outcomes.filter { !$0.met }.count)"
        if let deadline = model.drill.goals.nextDeadline {
            let left = max(0, deadline - playback.scenarioTime(at: model.realTime))
            text += lang.pick(" · 目标剩余 \(clock(left.rounded(.up)))", " · goal: \(clock(left.rounded(.up))) left")
        }
        if playback.awaitingTrainer { text += lang.pick(" · 等待讲师：按空格继续", " · waiting for the trainer: space goes on") }
        if model.drill.over { text += lang.pick(" · q 结束", " · q ends") }
        return text
    }
}
