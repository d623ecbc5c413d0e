/// The latest events, newest first, with workstation times; PgUp/PgDn (or the
/// arrows) scroll back through older ones.
enum EventFeedPane {
    static func render(_ model: AppModel, in rect: Rect, into buffer: inout CellBuffer) {
        let lang = model.ui.language
        let feed = model.ui.feed
        let offset = min(model.ui.feedOffset, max(0, feed.count - 1))
        var title = lang.pick("事件", "Events")
        if offset > 0 {
            title += lang.pick(" · 已向前翻 \(offset) 条 (PgDn 返回)", " · \(offset) newer above (PgDn)")
        } else if feed.count > max(0, rect.height - 2) {
            title += lang.pick(" · PgUp 看更早", " · PgUp for older")
        }
        buffer.box(rect, title: title)
        let inner = rect.inner
        guard !inner.isEmpty else { return }
        for (index, entry) in feed.dropFirst(offset).prefix(inner.height).enumerated() {
            let x = inner.x + 1
            let used = buffer.write(clock(entry.time) + " ", x: x, y: inner.y + index, maxWidth: inner.width - 2, style: .dim)
            buffer.write(entry.text, x: x + used, y: inner.y + index, maxWidth: inner.width - 2 - used, style: entry.style)
        }
    }
}
