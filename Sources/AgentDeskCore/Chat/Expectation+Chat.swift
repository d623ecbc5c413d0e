extension Expectation {
    /// What an expect may check of the selected session's chat: how many messages it
    /// holds, how many are unread, and the last one (its text, or a card's title, an
    /// order's name).
    static let chatFields = ["messages", "unread", "lastMessage"]

    static func chatValue(of field: String, in s: Session, _ state: WorkstationState) -> String? {
        let thread = state.thread(s.id)
        switch field {
        case "messages": return String(thread.messages.count + thread.dropped)
        case "unread": return String(thread.unread)
        case "lastMessage":
            switch thread.messages.last?.content {
            case let .text(text)?: return text
            case let .card(card)?: return card.title
            case let .order(order)?: return order.name
            case nil: return nil
            }
        default: return nil
        }
    }
}
