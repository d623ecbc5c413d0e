import AgentDeskCore

/// A chat message as lines for the thread, and as one line for the event feed.
enum ChatText {
    /// One line: the text's first line, or a card's title, an order's name.
    static func summary(of content: ChatMessage.Content, _ lang: Language) -> String {
        switch content {
        case let .text(text):
            return text.split(whereSeparator: \.isNewline).joined(separator: " ")
        case let .card(card):
            return lang.pick("[卡片] ", "[card] ") + card.title
        case let .order(order):
            return lang.pick("[订单] ", "[order] ") + order.name
        }
    }

    /// A row of the thread: text at an indent, in a style.
    struct Row: Equatable {
        var text: String
        var indent: Int
        var style: Style
        /// Inside a card: the pane draws the card's sides around it.
        var framed = false
    }

    /// The rows of one message at `width` columns: a header (who, when), then the
    /// text wrapped, or the card drawn as a box.
    static func rows(of message: ChatMessage, customer: String, width: Int, _ lang: Language) -> [Row] {
        let fromCustomer = message.from == .customer
        let who = fromCustomer ? customer : lang.pick("我", "Me")
        var rows = [Row(text: who + " · " + clock(message.time), indent: 0,
                        style: Style(foreground: fromCustomer ? .cyan : .green, bold: true))]
        let body = max(1, width - 2)
        switch message.content {
        case let .text(text):
            rows += paragraphs(text, width: body).map { Row(text: $0, indent: 2, style: .plain) }
        case let .card(card):
            rows += box(title: lang.pick("卡片 ", "Card ") + card.title, lines: [
                (nil, card.description), (lang.pick("图片", "Picture"), card.picture), (lang.pick("链接", "Link"), card.link),
            ], width: body)
        case let .order(order):
            var lines: [(String?, String?)] = [(nil, order.guide), (nil, order.description)]
            lines += order.fields.map { ($0.name, $0.value) }
            lines.append((lang.pick("图片", "Picture"), order.picture))
            rows += box(title: lang.pick("订单 ", "Order ") + order.name, lines: lines, width: body)
        }
        return rows
    }

    /// Text wrapped line by line: the sender's own line breaks are kept.
    static func paragraphs(_ text: String, width: Int) -> [String] {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).flatMap { line in
            CellBuffer.wrap(TextSanitizer.clean(String(line)), width: width)
        }
    }

    /// A card as a box: its title in bold, then each line (a label and a value) wrapped inside.
    static func box(title: String, lines: [(String?, String?)], width: Int) -> [Row] {
        let inner = max(1, width - 4)
        let border = Style(foreground: .magenta)
        var rows = [Row(text: "┌" + String(repeating: "─", count: max(0, width - 2)) + "┐", indent: 2, style: border)]
        func add(_ text: String, _ style: Style) {
            for line in paragraphs(text, width: inner) { rows.append(Row(text: line, indent: 4, style: style, framed: true)) }
        }
        add(title, .bold)
        for case let (label, value?) in lines where !value.isEmpty {
            add((label.map { $0 + " " } ?? "") + value, label == nil ? .plain : .dim)
        }
        rows.append(Row(text: "└" + String(repeating: "─", count: max(0, width - 2)) + "┘", indent: 2, style: border))
        return rows
    }
}
