import AgentDeskCore

/// The picker, in a box over the main screen: a numbered list (the highlighted
/// item reversed), the typed text when free text is allowed, and its keys.
enum PickerOverlay {
    static func render(_ picker: Picker, _ model: AppModel, into buffer: inout CellBuffer) {
        let lang = model.ui.language
        let width = min(buffer.width - 2, 60)
        let textWidth = width - 4
        let footer = (picker.allowsFreeText ? 1 : 0) + 1
        let room = max(1, buffer.height - 4 - footer)
        let listRows = max(1, min(picker.items.count, room))
        let height = min(buffer.height, listRows + footer + 2)
        let rect = Rect(x: (buffer.width - width) / 2, y: max(0, (buffer.height - height) / 2), width: width, height: height)
        buffer.fill(rect, style: .plain)
        let title: String
        switch picker.purpose {
        case .transfer:
            let session = model.core.sessions.last { $0.status == .connected }
            title = lang.pick("转接到", "Transfer to") + (session.map { " · \($0.id) \($0.displayName)" } ?? "")
        case .restReason:
            title = lang.pick("小休原因", "Rest reason")
        }
        buffer.box(rect, title: title, style: Style(foreground: .cyan))
        let inner = rect.inner
        var y = inner.y
        if picker.items.isEmpty {
            buffer.write(lang.pick("（没有配置的选项）", "(nothing configured)"), x: inner.x + 1, y: y, maxWidth: textWidth, style: .dim)
            y += 1
        } else {
            // A window of the list that keeps the highlighted item in view.
            let first = max(0, min(picker.highlighted - listRows + 1, picker.items.count - listRows))
            for index in first..<min(picker.items.count, first + listRows) where y < inner.maxY - footer {
                let item = picker.items[index]
                let chosen = index == picker.highlighted && picker.text.isEmpty
                let number = index < 9 ? "\(index + 1) " : "  "
                let style = chosen ? Style(reverse: true) : .plain
                if chosen { buffer.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style) }
                var x = inner.x + 1
                x += buffer.write(number, x: x, y: y, maxWidth: textWidth, style: style.with { $0.bold = true })
                let detailWidth = item.detail.isEmpty ? 0 : min(DisplayWidth.of(item.detail) + 2, textWidth / 2)
                x += buffer.write(item.label, x: x, y: y, maxWidth: inner.x + 1 + textWidth - x - detailWidth, style: style)
                if detailWidth > 0 {
                    buffer.write(item.detail, x: inner.x + 1 + textWidth - detailWidth + 2, y: y, maxWidth: detailWidth - 2,
                                 style: chosen ? style : .dim)
                }
                y += 1
            }
        }
        y = inner.maxY - footer
        if picker.allowsFreeText {
            var x = inner.x + 1
            x += buffer.write(lang.pick("或输入：", "or type: "), x: x, y: y, maxWidth: textWidth, style: .dim)
            x += buffer.write(picker.text, x: x, y: y, maxWidth: inner.x + 1 + textWidth - x - 1, style: Style(underline: true))
            buffer.write("▏", x: x, y: y, maxWidth: 1, style: .dim)
            y += 1
        }
        buffer.write(lang.pick("↑↓ 选择 · 1-9 直接选 · Enter 确认 · Esc 取消", "↑↓ move · 1-9 pick · Enter choose · Esc cancel"),
                     x: inner.x + 1, y: y, maxWidth: textWidth, style: .dim)
    }
}
