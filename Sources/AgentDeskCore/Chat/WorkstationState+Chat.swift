extension WorkstationState {
    /// A session's conversation (empty for one without messages yet).
    public func thread(_ id: SessionID) -> ChatThread { chats[id] ?? ChatThread() }

    /// The customer writes in a chat: a live im or oim session, ringing or connected
    /// (a customer's first words often arrive before the agent accepts).
    mutating func customerSays(_ id: SessionID?, _ text: String, log: inout EventLog, refuse: (String) -> Refusal) throws(Refusal) {
        try Self.checkText(text, refuse: refuse)
        let session = try chatTarget(id, refuse: refuse, agent: false)
        post(ChatMessage(time: now, from: .customer, content: .text(text)), to: session.id, log: &log)
    }

    /// The agent sends text, a card or an order into a connected chat.
    mutating func agentSends(_ id: SessionID?, _ content: ChatMessage.Content, log: inout EventLog, refuse: (String) -> Refusal) throws(Refusal) {
        switch content {
        case let .text(text):
            try Self.checkText(text, refuse: refuse)
        case let .card(card):
            guard !card.title.trimmingWhitespace.isEmpty else { throw refuse("the card needs a title") }
            try Self.checkFields([card.title, card.description, card.picture, card.link], refuse: refuse)
        case let .order(order):
            guard !order.name.trimmingWhitespace.isEmpty else { throw refuse("the order needs a name") }
            guard order.fields.count <= ChatMessage.maxOrderFields else {
                throw refuse("the order has \(order.fields.count) custom fields; at most \(ChatMessage.maxOrderFields) are sent")
            }
            try Self.checkFields([order.guide, order.name, order.description, order.picture] + order.fields.flatMap { [$0.name, $0.value] },
                                 refuse: refuse)
        }
        let session = try chatTarget(id, refuse: refuse, agent: true)
        post(ChatMessage(time: now, from: .agent, content: content), to: session.id, log: &log)
    }

    private mutating func post(_ message: ChatMessage, to id: SessionID, log: inout EventLog) {
        var thread = chats[id] ?? ChatThread()
        thread.append(message)
        if message.from == .customer && selected != id { thread.unread += 1 }
        chats[id] = thread
        log.add(.imMessage(id, message))
    }

    /// Looking at a chat reads it: called after every applied action.
    mutating func markSelectedChatRead() {
        guard let id = selected, let unread = chats[id]?.unread, unread > 0 else { return }
        chats[id]?.unread = 0
    }

    /// The chat an action means: the one named, else the selected chat, else the newest live one.
    private func chatTarget(_ id: SessionID?, refuse: (String) -> Refusal, agent: Bool) throws(Refusal) -> Session {
        func fits(_ s: Session) -> Bool { s.type.hasChat && (agent ? s.status == .connected : s.status.isLive) }
        if let id {
            guard let session = session(id) else { throw refuse("there is no session \(id)") }
            guard session.type.hasChat else {
                throw refuse("\(id) is \(session.type.channelNoun); only chats (im, oim) carry messages")
            }
            guard session.status.isLive else { throw refuse("\(id) has ended; its chat is closed") }
            guard fits(session) else { throw refuse("\(id) is still ringing; answer it before replying") }
            return session
        }
        if let session = selectedSession, fits(session) { return session }
        if let session = sessions.last(where: fits) { return session }
        if let selected = selectedSession, selected.type.hasChat, selected.status == .ended {
            throw refuse("\(selected.id) has ended; its chat is closed")
        }
        if agent, let ringing = sessions.last(where: { $0.type.hasChat && $0.status == .ringing }) {
            throw refuse("\(ringing.id) is still ringing; answer it before replying")
        }
        throw refuse(agent ? "there is no connected chat (im or oim)" : "there is no live chat (im or oim)")
    }

    private static func checkText(_ text: String, refuse: (String) -> Refusal) throws(Refusal) {
        guard !text.trimmingWhitespace.isEmpty else { throw refuse("the message is empty") }
        let length = text.unicodeScalars.count
        guard length <= ChatMessage.maxTextLength else {
            throw refuse("the message is \(length) characters long; at most \(ChatMessage.maxTextLength) are sent")
        }
    }

    private static func checkFields(_ values: [String?], refuse: (String) -> Refusal) throws(Refusal) {
        for case let value? in values where value.unicodeScalars.count > ChatMessage.maxFieldLength {
            throw refuse("a field is \(value.unicodeScalars.count) characters long; at most \(ChatMessage.maxFieldLength) are sent")
        }
    }

    // MARK: Idle

    /// When a connected chat has been idle (no message since it connected or since
    /// the last one) for its type's `idleTimeout`, the earliest such deadline.
    func nextIdleDeadline() -> (SessionID, Double)? {
        var earliest: (SessionID, Double)?
        for session in sessions where session.type.hasChat && session.status == .connected {
            let timeout = config.chat.idleTimeout(for: session.type)
            guard timeout > 0, let connectedAt = session.connectedAt else { continue }
            let deadline = max(connectedAt, chats[session.id]?.lastMessageAt ?? connectedAt) + timeout
            if deadline < earliest?.1 ?? .infinity { earliest = (session.id, deadline) }
        }
        return earliest
    }

    /// Deadline of one chat, for the screen and the API.
    public func idleDeadline(of id: SessionID) -> Double? {
        guard let session = session(id), session.type.hasChat, session.status == .connected,
              case let timeout = config.chat.idleTimeout(for: session.type), timeout > 0, let connectedAt = session.connectedAt
        else { return nil }
        return max(connectedAt, chats[id]?.lastMessageAt ?? connectedAt) + timeout
    }
}
