import AgentDeskCore

/// Screens drawn over or instead of the main one.
enum Overlays {
    /// Every binding of the key table, once, grouped by the mode it belongs to; the
    /// bridge page's whole address on lines of its own (wrapped, never cut).
    static func help(_ model: AppModel, into buffer: inout CellBuffer) {
        let lang = model.ui.language
        let width = min(buffer.width - 2, 78)
        let textWidth = width - 4
        // Each mode: its name, then "key label" items that are never split.
        var rows: [[(String, Style)]] = []
        for context in KeyContext.allCases {
            let bindings = KeyTable.bindings.filter { $0.context == context }
            guard !bindings.isEmpty else { continue }
            var row: [(String, Style)] = [(KeyTable.modeName(context, lang) + ":", Style(foreground: .cyan, bold: true))]
            var used = DisplayWidth.of(row[0].0)
            for binding in bindings {
                let key = binding.keys.isEmpty ? lang.pick("其他键", "other") : binding.keyText
                let item = (key, lang == .zh ? binding.zh : binding.en)
                let itemWidth = DisplayWidth.of(item.0) + 1 + DisplayWidth.of(item.1) + 2
                if used + itemWidth > textWidth {
                    rows.append(row)
                    row = [("  ", .plain)]
                    used = 2
                }
                row.append(("  " + item.0, .bold))
                row.append((" " + item.1, .plain))
                used += itemWidth
            }
            rows.append(row)
        }
        let urlLines = model.ui.bridge.map { CellBuffer.wrap($0.url, width: textWidth) } ?? []
        // The label above the URL goes first when rows are short; the URL never does.
        let labelRow = rows.count + urlLines.count + 3 <= buffer.height ? 1 : 0
        let bridgeRows = urlLines.isEmpty ? 0 : urlLines.count + labelRow
        let height = min(buffer.height, rows.count + bridgeRows + 2)
        let rect = Rect(x: (buffer.width - width) / 2, y: (buffer.height - height) / 2, width: width, height: height)
        buffer.fill(rect, style: .plain)
        buffer.box(rect, title: lang.pick("按键 (任意键关闭)", "Keys (any key closes)"), style: Style(foreground: .cyan))
        let inner = rect.inner
        let keyRows = inner.height - bridgeRows
        for (index, row) in rows.enumerated() where index < keyRows {
            var x = inner.x + 1
            let last = index == keyRows - 1 && rows.count > keyRows
            for (text, style) in row {
                x += buffer.write(text, x: x, y: inner.y + index, maxWidth: inner.maxX - 1 - x, style: style)
            }
            if last { buffer.write(" …", x: inner.maxX - 3, y: inner.y + index, maxWidth: 2, style: .dim) }
        }
        if bridgeRows > 0 {
            let top = inner.maxY - bridgeRows
            if labelRow > 0 {
                buffer.write(lang.pick("浏览器桥接页", "Bridge page in a browser"), x: inner.x + 1, y: top, maxWidth: textWidth, style: .dim)
            }
            for (index, line) in urlLines.enumerated() {
                buffer.write(line, x: inner.x + 1, y: top + labelRow + index, maxWidth: textWidth, style: Style(foreground: .cyan))
            }
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
        let (showing, showingStyle) = ScreenPopPane.showingLine(model)
        buffer.write(showing, x: body.x, y: y, maxWidth: body.width, style: showingStyle)
        y += 1
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
        var lines = [
            (lang.pick("终端窗口太小", "Terminal too small"), Style.bold),
            ("\(buffer.width)×\(buffer.height)", .plain),
            (lang.pick("至少需要 \(Layout.minWidth)×\(Layout.minHeight)", "agentdesk needs \(Layout.minWidth)×\(Layout.minHeight)"), .plain),
        ]
        // A live session goes on while the window is small: say so, with its timer.
        if let live = model.core.liveSessions.last {
            let since = live.connectedAt ?? live.startedAt
            lines.append(("\(live.id) \(live.displayName) · " + lang.callStatus(of: live, short: true) + " " + clock(model.core.now - since),
                          Style(foreground: CallPane.color(of: live.status), bold: true)))
        }
        if model.ui.mode == .confirmQuit {
            lines.append((lang.pick("通话仍在进行，确定退出吗？", "A session is live. Quit anyway?"), Style(foreground: .yellow, bold: true)))
            lines.append((lang.pick("y 退出 · 其他键取消", "y quits, any other key stays"), Style(foreground: .yellow, bold: true)))
        } else {
            lines.append((lang.pick("q 退出", "q quits"), .plain))
        }
        let top = max(0, (buffer.height - lines.count) / 2)
        for (index, (line, style)) in lines.enumerated() {
            let w = min(DisplayWidth.of(line), buffer.width)
            buffer.write(line, x: max(0, (buffer.width - w) / 2), y: top + index, maxWidth: buffer.width, style: style)
        }
    }
}
