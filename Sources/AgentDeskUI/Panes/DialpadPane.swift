import AgentDeskCore

/// The keypad, the number and what it shows, and the last page request.
enum DialpadPane {
    static func render(_ model: AppModel, in rect: Rect, into buffer: inout CellBuffer) {
        let lang = model.ui.language
        let focused = model.ui.dialpadFocused
        let dtmf = model.core.voiceSession?.status == .connected
        let title = lang.pick("拨号盘", "Dialpad") + (dtmf ? " · DTMF" : "") + (focused ? lang.pick(" (输入中)", " (typing)") : "")
        buffer.box(rect, title: title, style: focused ? Style(foreground: .cyan, bold: true) : .plain,
                   titleStyle: Style(foreground: focused ? .cyan : .default, bold: true))
        let inner = rect.inner
        guard !inner.isEmpty else { return }
        let pad = model.core.dialpad
        let labelWidth = 8
        buffer.write(lang.pick("号码", "Number"), x: inner.x + 1, y: inner.y, maxWidth: labelWidth, style: .dim)
        let used = buffer.write(pad.number, x: inner.x + 1 + labelWidth, y: inner.y, maxWidth: inner.width - 3 - labelWidth, style: .bold)
        if focused { buffer.write("▏", x: inner.x + 1 + labelWidth + used, y: inner.y, maxWidth: 1, style: Style(foreground: .cyan)) }
        buffer.write(lang.pick("显示", "Shows"), x: inner.x + 1, y: inner.y + 1, maxWidth: labelWidth, style: .dim)
        buffer.write(pad.display, x: inner.x + 1 + labelWidth, y: inner.y + 1, maxWidth: inner.width - 2 - labelWidth,
                     style: pad.desc == nil ? .plain : Style(foreground: .magenta, bold: true))
        for (hit, key) in keyHits(in: rect) {
            buffer.write("[\(key)]", x: hit.x, y: hit.y, maxWidth: hit.width, style: focused ? .bold : .plain)
        }
        // The last request from a page, beside the keypad.
        let side = Rect(x: inner.x + 14, y: inner.y + 2, width: inner.width - 15, height: inner.height - 2)
        guard side.width >= 8, !side.isEmpty else { return }
        buffer.write(lang.pick("页面请求", "Page request"), x: side.x, y: side.y, maxWidth: side.width, style: .dim)
        guard let request = pad.lastRequest else {
            buffer.write(lang.pick("（无）", "(none yet)"), x: side.x, y: side.y + 1, maxWidth: side.width, style: .dim)
            return
        }
        let body = Rect(x: side.x, y: side.y + 1, width: side.width, height: side.height - 1)
        switch request {
        case let .accepted(r, notes):
            buffer.write("✔ " + lang.pick("已接受", "accepted"), x: body.x, y: body.y, maxWidth: body.width, style: Style(foreground: .green, bold: true))
            let text = r.display + (r.desc == nil ? "" : " · \(r.phoneNumber)") + (notes.isEmpty ? "" : " · " + notes.joined(separator: "; "))
            buffer.writeWrapped(text, in: Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 1))
        default:
            let verdict = request.verdict
            buffer.write("✘ " + lang.pick(["refused": "已拒绝", "ignored": "已忽略", "unsupported": "不支持"][verdict] ?? verdict, verdict),
                         x: body.x, y: body.y, maxWidth: body.width, style: Style(foreground: .red, bold: true))
            buffer.writeWrapped(request.error ?? "", in: Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 1))
        }
    }

    /// Where each keypad button is drawn (for drawing and for clicks).
    static func keyHits(in rect: Rect) -> [(Rect, Character)] {
        let inner = rect.inner
        guard inner.height >= 6, inner.width >= 14 else { return [] }
        return Dialpad.keypad.enumerated().map { index, key in
            (Rect(x: inner.x + 1 + (index % 3) * 4, y: inner.y + 2 + index / 3, width: 3, height: 1), key)
        }
    }
}
