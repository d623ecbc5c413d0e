import AgentDeskCore

/// The visible pages as tabs; the chosen one's URL, decoded parameters and latest changes.
enum ScreenPopPane {
    static func render(_ model: AppModel, in rect: Rect, into buffer: inout CellBuffer) {
        let lang = model.ui.language
        buffer.box(rect, title: lang.pick("来电弹屏", "Screen-pop pages"))
        let inner = rect.inner
        guard !inner.isEmpty else { return }
        let hits = tabHits(model, in: rect)
        guard let page = model.currentTab else {
            buffer.write(lang.pick("没有可显示的页面", "No page to show"), x: inner.x + 1, y: inner.y, maxWidth: inner.width - 2, style: .dim)
            return
        }
        for (hit, name) in hits {
            let selected = name == page.name
            buffer.write(" \(tabLabel(name, model)) ", x: hit.x, y: hit.y, maxWidth: hit.width,
                         style: selected ? Style(bold: true, reverse: true) : .dim)
        }
        var y = inner.y + 1
        let url = model.core.url(ofPage: page.name) ?? page.url
        let body = Rect(x: inner.x + 1, y: y, width: inner.width - 2, height: inner.maxY - y)
        var (showing, showingStyle) = showingLine(model)
        let short = showingLine(model, words: false)
        if DisplayWidth.of(showing) > body.width && DisplayWidth.of(short.0) <= body.width {
            // Narrow: the state's code alone when that keeps it on one line.
            (showing, showingStyle) = short
        }
        y += buffer.writeWrapped(showing, in: Rect(x: body.x, y: y, width: body.width, height: 2), style: showingStyle)
        var kind = page.alwaysShow ? lang.pick("常显", "resident") : lang.pick("来电时弹出", "pop-only")
        if page.isInsecureLocal { kind += lang.pick(" · ⚠ 本地 http (allowInsecureLocalhost)", " · ⚠ insecure local http") }
        buffer.write(kind, x: body.x, y: y, maxWidth: body.width, style: page.isInsecureLocal ? Style(foreground: .yellow) : .dim)
        y += 1
        let history = model.ui.pageHistory[page.name] ?? []
        let remaining = inner.maxY - y
        let historyRows = min(history.count, remaining >= 12 ? 3 : remaining >= 8 ? 1 : 0)
        let parameters = URLDetails.of(url).parameters
        let urlRows = max(1, min(CellBuffer.wrap(url, width: body.width).count, remaining - historyRows - min(parameters.count, 4) - (historyRows > 0 ? 1 : 0)))
        y += buffer.writeWrapped(url, in: Rect(x: body.x, y: y, width: body.width, height: urlRows), style: Style(foreground: .cyan))
        let keyWidth = 14
        for parameter in parameters where y < inner.maxY - historyRows - (historyRows > 0 ? 1 : 0) {
            let (key, value) = parameter
            buffer.write(key, x: body.x, y: y, maxWidth: keyWidth, style: .dim)
            buffer.write(value, x: body.x + keyWidth, y: y, maxWidth: body.width - keyWidth)
            y += 1
        }
        if historyRows > 0 {
            let top = inner.maxY - historyRows - 1
            buffer.write(lang.pick("最近的 hashchange", "Latest hashchange"), x: body.x, y: top, maxWidth: body.width, style: .dim)
            for (index, entry) in history.prefix(historyRows).enumerated() {
                buffer.write("\(clock(entry.time)) " + summary(of: entry.text), x: body.x, y: top + 1 + index, maxWidth: body.width)
            }
        }
    }

    /// Which session every page shows: its id, caller and state; during an outbound
    /// call, that the pages still show the last inbound session; when the agent
    /// looks at another session, the key that brings it to the pages.
    static func showingLine(_ model: AppModel, words: Bool = true) -> (String, Style) {
        let lang = model.ui.language
        let core = model.core
        guard let shown = core.screenPopSession.flatMap(core.session) else {
            if let out = core.selectedSession, out.direction == .outbound {
                return (lang.pick("呼出中：页面不接收呼出通话，仍为配置地址", "Calling out: pages get no outbound call; configured URL"), Style(foreground: .yellow))
            }
            return (lang.pick("页面显示：尚无会话（配置地址）", "Pages show: no session yet (configured URL)"), .dim)
        }
        let who = "\(shown.id) \(shown.displayName) · \(shown.status.rawValue)"
            + (words ? " " + lang.pick(shown.status.chineseName, shown.status.englishName) : "")
        if let selected = core.selectedSession, selected.id != shown.id, selected.status.isLive {
            if selected.direction == .outbound {
                return (lang.pick("呼出中 · 页面仍显示上个呼入会话：", "Calling out · pages still show last inbound: ") + who,
                        Style(foreground: .yellow))
            }
            // An ended session stays on the pages until the agent moves on: n brings the live one.
            let suffix = shown.status.isLive ? lang.pick(" · 通话面板 \(selected.id)", " · panel: \(selected.id)")
                                             : lang.pick(" · n 显示 \(selected.id)", " · n shows \(selected.id)")
            return (lang.pick("页面显示 ", "Pages show ") + who + suffix, Style(foreground: .yellow, bold: true))
        }
        return (lang.pick("页面显示 ", "Pages show ") + who, Style(bold: true))
    }

    /// Where each visible tab sits on the tab row (for drawing and for clicks).
    static func tabHits(_ model: AppModel, in rect: Rect) -> [(Rect, String)] {
        let inner = rect.inner
        var x = inner.x
        var hits: [(Rect, String)] = []
        for page in model.core.visiblePages {
            let w = min(DisplayWidth.of(TextSanitizer.clean(tabLabel(page.name, model))) + 2, inner.maxX - x)
            guard w > 2 else { break }
            hits.append((Rect(x: x, y: inner.y, width: w, height: 1), page.name))
            x += w + 1
        }
        return hits
    }

    static func tabLabel(_ name: String, _ model: AppModel) -> String {
        let page = model.core.config.pages.first { $0.name == name }
        return (page?.isInsecureLocal == true ? "⚠" : "") + name
    }

    /// "status=200 type=phone" out of a URL, for the history lines.
    static func summary(of url: String) -> String {
        URLDetails.of(url).summary
    }
}
