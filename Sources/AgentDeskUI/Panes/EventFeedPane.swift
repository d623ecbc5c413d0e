/// The latest events, newest first, with workstation times.
enum EventFeedPane {
    static func render(_ model: AppModel, in rect: Rect, into buffer: inout CellBuffer) {
        buffer.box(rect, title: model.ui.language.pick("事件", "Events"))
        let inner = rect.inner
        guard !inner.isEmpty else { return }
        for (index, entry) in model.ui.feed.prefix(inner.height).enumerated() {
            let x = inner.x + 1
            let used = buffer.write(clock(entry.time) + " ", x: x, y: inner.y + index, maxWidth: inner.width - 2, style: .dim)
            buffer.write(entry.text, x: x + used, y: inner.y + index, maxWidth: inner.width - 2 - used, style: entry.style)
        }
    }
}
