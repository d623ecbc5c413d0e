import AgentDeskCore

/// Screens drawn over or instead of the main one.
enum Overlays {
    /// Every binding of the key table, in a centred box.
    static func help(_ model: AppModel, into buffer: inout CellBuffer) {
        let lang = model.ui.language
        let rows = KeyTable.bindings
        // One column when it fits, otherwise two side by side.
        let available = buffer.height - 4
        let columns = rows.count <= available ? 1 : 2
        let perColumn = (rows.count + columns - 1) / columns
        let width = min(buffer.width - 2, max(columns == 1 ? 58 : 100, model.ui.bridge.map { DisplayWidth.of($0.url) + 4 } ?? 0))
        let bridgeRows = model.ui.bridge == nil ? 0 : 2
        let height = min(buffer.height - 1, perColumn + 2 + bridgeRows)
        let rect = Rect(x: (buffer.width - width) / 2, y: (buffer.height - height) / 2, width: width, height: height)
        buffer.fill(rect, style: .plain)
        buffer.box(rect, title: lang.pick("按键 (任意键关闭)", "Keys (any key closes)"), style: Style(foreground: .cyan))
        let inner = rect.inner
        let columnWidth = inner.width / columns
        for (index, binding) in rows.enumerated() {
            let x = inner.x + (index / perColumn) * columnWidth + 1
            let y = inner.y + index % perColumn
            guard y < inner.maxY - bridgeRows else { continue }
            let where_ = binding.context == .dialpad ? lang.pick(" [拨号盘]", " [dialpad]") : ""
            buffer.write(binding.keyText, x: x, y: y, maxWidth: 10, style: .bold)
            buffer.write((lang == .zh ? binding.zh : binding.en) + where_, x: x + 11, y: y, maxWidth: columnWidth - 12)
        }
        if let bridge = model.ui.bridge, inner.maxY - 2 >= inner.y {
            buffer.write(lang.pick("浏览器桥接页", "Bridge page in a browser"), x: inner.x + 1, y: inner.maxY - 2, maxWidth: inner.width - 2, style: .dim)
            buffer.write(bridge.url, x: inner.x + 1, y: inner.maxY - 1, maxWidth: inner.width - 2, style: Style(foreground: .cyan))
        }
    }

    /// The chosen page, full screen: the whole URL, every parameter, its history.
    static func pageDetail(_ model: AppModel, into buffer: inout CellBuffer) {
        let lang = model.ui.language
        guard let page = model.currentTab else { return }
        let rect = buffer.bounds
        buffer.box(rect, title: "\(page.name) · " + lang.pick("Tab 切换页面 · 任意键返回", "Tab next page · any key returns"),
                   style: Style(foreground: .cyan))
        let inner = rect.inner
        let body = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height)
        var y = body.y
        buffer.write(lang.pick("配置地址 ", "Configured ") + page.url, x: body.x, y: y, maxWidth: body.width, style: .dim)
        y += 1
        let url = model.core.url(ofPage: page.name) ?? page.url
        buffer.write(lang.pick("当前地址（页面收到的）", "URL the page receives now"), x: body.x, y: y, maxWidth: body.width, style: .dim)
        y += 1
        y += buffer.writeWrapped(url, in: Rect(x: body.x, y: y, width: body.width, height: max(1, body.maxY - y - 4)),
                                 style: Style(foreground: .cyan))
        y += 1
        for parameter in HashCodec.parameters(of: url) where y < body.maxY {
            let (key, value) = parameter
            buffer.write(key, x: body.x, y: y, maxWidth: 14, style: .dim)
            buffer.write(value, x: body.x + 14, y: y, maxWidth: body.width - 14)
            y += 1
        }
        y += 1
        for entry in model.ui.pageHistory[page.name] ?? [] where y < body.maxY {
            buffer.write("\(clock(entry.time)) hashchange " + ScreenPopPane.summary(of: entry.text), x: body.x, y: y, maxWidth: body.width)
            y += 1
        }
    }

    static func tooSmall(_ model: AppModel, into buffer: inout CellBuffer) {
        let lang = model.ui.language
        let lines = [
            lang.pick("终端窗口太小", "Terminal too small"),
            "\(buffer.width)×\(buffer.height)",
            lang.pick("至少需要 \(Layout.minWidth)×\(Layout.minHeight)", "agentdesk needs \(Layout.minWidth)×\(Layout.minHeight)"),
            lang.pick("q 退出", "q quits"),
        ]
        let top = max(0, (buffer.height - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            let w = DisplayWidth.of(line)
            buffer.write(line, x: max(0, (buffer.width - w) / 2), y: top + index, style: index == 0 ? .bold : .plain)
        }
    }
}
