import AgentDeskCore

/// `--stop-on-failure`: every expect of the scenario so far, the failures in full
/// (file:line:column, the field, expected, actual), wrapped and never cut; when
/// they are more than the screen holds, the newest show and a line counts the rest.
enum ResultsPanel {
    static func render(_ model: AppModel, into buffer: inout CellBuffer) {
        guard let playback = model.playback else { return }
        let lang = model.ui.language
        // Under the header and the step bar, which stay in view; over the panes.
        let rect = Rect(x: 0, y: 2, width: buffer.width, height: max(0, buffer.height - 3))
        guard rect.width >= 10, rect.height >= 3 else { return }
        let textWidth = rect.width - 4
        var rows: [(String, Style)] = []
        let file = playback.scenario.file
        for (step, mismatches) in playback.score.results {
            if mismatches.isEmpty {
                let text = "✔ " + lang.pick("第 \(step.number) 步", "step \(step.number)") + " (\(file):\(step.line)) "
                    + lang.pick("通过", "held")
                rows += CellBuffer.wrap(TextSanitizer.clean(text), width: textWidth).map { ($0, Style(foreground: .green)) }
            }
            for m in mismatches {
                let text = "✘ " + ScenarioScore.describe(m, step: step, file: file)
                rows += CellBuffer.wrap(TextSanitizer.clean(text), width: textWidth).map { ($0, Style(foreground: .red, bold: true)) }
            }
        }
        let inner = rect.inner
        let room = inner.height
        var shown = rows
        var skipped = 0
        if rows.count > room {
            shown = Array(rows.suffix(room - 1))
            skipped = rows.count - shown.count
        }
        buffer.fill(rect, style: .plain)
        let title = lang.pick("expect 结果 ✔ \(playback.expectsHeld) ✘ \(playback.expectsFailed) · 空格 继续播放 · 其他键 关闭",
                              "expect results ✔ \(playback.expectsHeld) ✘ \(playback.expectsFailed) · space plays on · other keys close")
        buffer.box(rect, title: title, style: Style(foreground: .red), titleStyle: Style(foreground: .red, bold: true))
        var y = inner.y
        if skipped > 0 {
            buffer.write(lang.pick("… 之前还有 \(skipped) 行", "… \(skipped) earlier lines"), x: inner.x + 1, y: y, maxWidth: textWidth, style: .dim)
            y += 1
        }
        for (text, style) in shown {
            buffer.write(text, x: inner.x + 1, y: y, maxWidth: textWidth, style: style)
            y += 1
        }
    }
}
