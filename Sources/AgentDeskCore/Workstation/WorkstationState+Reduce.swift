extension WorkstationState {
    /// Applies one action. The only place state changes. Returns what happened, in
    /// order, each with its time; a refused action returns one `.refused` event and
    /// leaves the state exactly as it was. Never reads a clock: time is `Action.tick`.
    public mutating func reduce(_ action: Action) -> [Occurrence] {
        // Every check that can refuse an action runs before its first change, so the
        // state is changed in place (no copy: copying would duplicate the session
        // history on every action). The transition tests compare whole states to
        // hold every refusal to "changes nothing".
        var log = EventLog(time: now)
        do {
            try apply(action, log: &log)
            serveQueue(log: &log)
        } catch {
            return [Occurrence(time: now, event: .refused(error))]
        }
        pruneHistory()
        markSelectedChatRead()
        return log.occurrences
    }

    private mutating func apply(_ action: Action, log: inout EventLog) throws(Refusal) {
        let refuse = { (reason: String) in Refusal(action: action.name, reason: reason) }
        switch action {
        case let .tick(to):
            guard to.isFinite else { throw refuse("the time must be a finite number of seconds") }
            guard to >= now else { throw refuse("time cannot go back (now \(now), asked \(to))") }
            advanceClock(to: to, log: &log)
        case let .callIn(call):
            try ring(call, log: &log, refuse: refuse)
        case let .answer(id):
            try answer(id, log: &log, refuse: refuse)
        case let .hangUp(id, closeBy):
            let session = try target(id, refuse: refuse, description: "live session") { $0.status.isLive }
            end(session.id, closeBy: closeBy, log: &log)
        case let .calleeAnswer(id):
            let session = try target(id, refuse: refuse, description: "ringing outbound call") {
                $0.direction == .outbound && $0.status == .ringing
            }
            update(session.id) { [now] in
                $0.status = .connected
                $0.connectedAt = now
            }
            log.add(.calloutAccepted(session.id))
            syncScreenPop(log: &log)
        case let .hold(id):
            let session = try connectedVoice(id, refuse: refuse)
            guard !session.onHold else { throw refuse("\(session.id) is on hold already") }
            update(session.id) { [now] in
                $0.onHold = true
                $0.heldAt = now
            }
            log.add(.holdChanged(session.id, onHold: true))
        case let .resume(id):
            let session = try connectedVoice(id, refuse: refuse)
            guard session.onHold else { throw refuse("\(session.id) is not on hold") }
            update(session.id) { [now] in
                $0.heldTotal += now - ($0.heldAt ?? now)
                $0.onHold = false
                $0.heldAt = nil
            }
            log.add(.holdChanged(session.id, onHold: false))
        case let .mute(id):
            let session = try connectedVoice(id, refuse: refuse)
            guard !session.muted else { throw refuse("\(session.id) is muted already") }
            update(session.id) { $0.muted = true }
            log.add(.muteChanged(session.id, muted: true))
        case let .unmute(id):
            let session = try connectedVoice(id, refuse: refuse)
            guard session.muted else { throw refuse("\(session.id) is not muted") }
            update(session.id) { $0.muted = false }
            log.add(.muteChanged(session.id, muted: false))
        case let .transfer(id, to):
            let destination = String(to.trimmingWhitespace)
            guard !destination.isEmpty else { throw refuse("say where to transfer to: a skill group or an agent") }
            guard destination.count <= 256 else { throw refuse("the transfer destination is longer than 256 characters") }
            let session = try target(id, refuse: refuse, description: "connected session") { $0.status == .connected }
            let chosen = config.transferTarget(for: destination)
            update(session.id) { $0.transferredTo = chosen.label }
            log.add(.transferred(session.id, to: chosen))
            end(session.id, closeBy: .seat, log: &log)
        case let .sendDTMF(id, digits):
            guard !digits.isEmpty else { throw refuse("no digits to send") }
            guard digits.count <= ActionField.maxTones else { throw refuse("at most \(ActionField.maxTones) tones at a time") }
            guard digits.allSatisfy(Dialpad.isDTMFTone) else {
                throw refuse("\"\(digits.debugEscaped)\" has characters that are not tones; DTMF sends 0-9, * and #")
            }
            try sendTones(digits, to: id, log: &log, refuse: refuse)
        case let .setStatus(status, reason):
            try chooseStatus(status, reason: reason, log: &log, refuse: refuse)
        case let .wrapUp(choice):
            guard agent.status == .arrange else {
                throw refuse("not in after-call work (status is \(agent.status.rawValue))")
            }
            switch choice {
            case .done:
                setStatus(.free, reason: "wrap-up done", log: &log)
            case .keepGoing:
                guard agent.arrangeDeadline != nil else { throw refuse("already wrapping up without a countdown") }
                agent.arrangeDeadline = nil
                log.add(.afterCallWorkExtended)
            }
        case let .select(id):
            guard let session = session(id) else { throw refuse("there is no session \(id)") }
            let showsAlready = session.direction == .outbound || screenPopSession == id
            guard selected != id || !showsAlready else { throw refuse("\(id) is selected already") }
            selected = id
            if session.direction == .inbound { screenPopSession = id }
            log.add(.selected(id))
            syncScreenPop(log: &log)
        case let .pageMessage(message, page):
            let outcome = CallOutRequest.parse(message)
            if let request = outcome.request {
                dialpad.number = request.phoneNumber
                dialpad.desc = request.desc.flatMap { $0.trimmingWhitespace.isEmpty ? nil : $0 }
            }
            dialpad.lastRequest = outcome
            log.add(.callOutRequest(outcome, page: page))
        case let .dialpad(key):
            try press(key, log: &log, refuse: refuse)
        case .dial:
            try dial(log: &log, refuse: refuse)
        case let .customerSays(id, text):
            try customerSays(id, text, log: &log, refuse: refuse)
        case let .agentSends(id, content):
            try agentSends(id, content, log: &log, refuse: refuse)
        case let .callBack(id):
            try callBack(id, log: &log, refuse: refuse)
        }
    }

    // MARK: Sessions

    private mutating func ring(_ call: IncomingCall, log: inout EventLog, refuse: (String) -> Refusal) throws(Refusal) {
        guard call.ringTimeout.isFinite, (0...86_400).contains(call.ringTimeout) else {
            throw refuse("the ring timeout must be 0 (none) to 86400 seconds")
        }
        for (field, value) in [("mobile", call.caller.mobile), ("userId", call.caller.userId),
                               ("nickName", call.caller.nickName), ("avatar", call.caller.avatar)] {
            if let value, value.count > WorkstationConfig.maxTextLength {
                throw refuse("\(field) is \(value.count) characters long; at most \(WorkstationConfig.maxTextLength) are accepted")
            }
        }
        if let patience = call.patience {
            guard patience.isFinite, QueuePolicy.patienceRange.contains(patience) else {
                throw refuse("the patience must be 1 to 86400 seconds")
            }
        }
        // A voice call the agent cannot take now waits in the queue (or is refused
        // when the agent is offline or the queue is full).
        if call.type.hasAudio, try enqueueIfWaiting(call, log: &log, refuse: refuse) { return }
        guard liveSessionCount < config.maxSessions else {
            throw refuse("\(config.maxSessions) sessions are live, the most this workstation takes (maxSessions); end one first")
        }
        if !call.type.hasAudio {
            guard agent.status == .free || agent.status == .busy else {
                throw refuse("the agent is \(agent.status.rawValue); a chat reaches only an agent who is free or on a call")
            }
        }
        present(call, id: newSessionID(), queuedAt: nil, log: &log)
    }

    /// An inbound session starts ringing at the agent (at once, or out of the queue).
    mutating func present(_ call: IncomingCall, id: SessionID, queuedAt: Double?, log: inout EventLog) {
        var session = Session(
            id: id, type: call.type, direction: .inbound, caller: call.caller,
            startedAt: now, ringTimeout: call.ringTimeout)
        session.queuedAt = queuedAt
        sessions.append(session)
        if call.type.hasAudio {
            occupyAgent(reason: "inbound \(call.type.rawValue)", log: &log)
        }
        log.add(.callIn(session))
        // The pop: a new inbound session takes the pages, and the panel unless the
        // agent is in another live session.
        screenPopSession = session.id
        if selectedSession?.status.isLive != true { selected = session.id }
        syncScreenPop(log: &log)
    }

    private mutating func answer(_ id: SessionID?, log: inout EventLog, refuse: (String) -> Refusal) throws(Refusal) {
        let session = try target(id, refuse: refuse, description: "ringing inbound session") {
            $0.direction == .inbound && $0.status == .ringing
        }
        update(session.id) { [now] in
            $0.status = .connected
            $0.connectedAt = now
        }
        log.add(.userAccessed(session.id))
        selected = session.id
        screenPopSession = session.id
        syncScreenPop(log: &log)
    }

    /// Ends a live session and settles the agent's status afterwards.
    mutating func end(_ id: SessionID, closeBy: CloseBy, log: inout EventLog) {
        guard let session = session(id), session.status.isLive else { return }
        let wasConnected = session.status == .connected
        let needsWrapUp = session.type.hasAudio && wasConnected && config.afterCallWork > 0
        update(id) { [now] in
            $0.status = .ended
            $0.endedAt = now
            $0.closeBy = closeBy
            $0.heldTotal += now - ($0.heldAt ?? now)
            $0.onHold = false
            $0.heldAt = nil
            $0.muted = false
            $0.finished = !needsWrapUp
        }
        log.add(.sessionEnded(id, closeBy: closeBy))
        if session.type.hasAudio, agent.status == .busy {
            if needsWrapUp {
                setStatus(.arrange, reason: "after-call work", log: &log)
                agent.arrangeDeadline = now + config.afterCallWork
            } else if wasConnected {
                setStatus(.free, reason: "call ended", log: &log)
            } else {
                setStatus(agent.statusBeforeCall, reason: "call ended", restReason: agent.restReasonBeforeCall, log: &log)
                if agent.status == .arrange { agent.arrangeDeadline = now + config.afterCallWork }
            }
        }
        moveSelectionIfFinished()
        syncScreenPop(log: &log)
    }

    private mutating func connectedVoice(_ id: SessionID?, refuse: (String) -> Refusal) throws(Refusal) -> Session {
        if let id {
            guard let session = session(id) else { throw refuse("there is no session \(id)") }
            guard session.type.hasAudio else { throw refuse("\(id) is an im session; it has no voice") }
            guard session.status == .connected else {
                throw refuse("\(id) is \(session.status.englishName.lowercased()), not connected")
            }
            return session
        }
        guard let voice = voiceSession else { throw refuse("there is no voice call") }
        guard voice.status == .connected else { throw refuse("the call \(voice.id) is ringing, not connected") }
        return voice
    }

    private mutating func sendTones(_ digits: String, to id: SessionID?, log: inout EventLog, refuse: (String) -> Refusal) throws(Refusal) {
        let session = try connectedVoice(id, refuse: refuse)
        guard !session.onHold else { throw refuse("\(session.id) is on hold; resume it to send tones") }
        update(session.id) { $0.dtmfSent += digits }
        log.add(.dtmf(session.id, digits: digits))
    }

    /// The session an action means: the one named, or the obvious one.
    private func target(
        _ id: SessionID?, refuse: (String) -> Refusal, description: String, where fits: (Session) -> Bool
    ) throws(Refusal) -> Session {
        if let id {
            guard let session = session(id) else { throw refuse("there is no session \(id)") }
            guard fits(session) else {
                throw refuse("\(id) is \(session.direction.rawValue) and \(session.status.englishName.lowercased()); this needs a \(description)")
            }
            return session
        }
        if let session = selectedSession, fits(session) { return session }
        if let session = voiceSession, fits(session) { return session }
        if let session = sessions.last(where: fits) { return session }
        throw refuse("there is no \(description)")
    }

    mutating func update(_ id: SessionID, _ change: (inout Session) -> Void) {
        guard let index = sessions.firstIndex(where: { $0.id == id }) else { return }
        change(&sessions[index])
    }

    mutating func newSessionID() -> SessionID {
        defer { nextSessionNumber += 1 }
        return SessionID("s\(nextSessionNumber)")
    }

    /// When the selected session is finished, the call panel looks at the newest
    /// unfinished one instead. The pages do not follow: they keep the session they
    /// show (its 400 URL once it ended) until a new session pops or the agent
    /// answers or selects another (see docs/DECISIONS.md, "the 400 rule").
    mutating func moveSelectionIfFinished() {
        guard selectedSession?.finished ?? true, let newest = sessions.last(where: { !$0.finished }) else { return }
        selected = newest.id
    }

    private mutating func pruneHistory() {
        guard sessions.count > Self.historyLimit + 1 else { return }
        let finished = sessions.filter { $0.finished && $0.id != selected && $0.id != screenPopSession }
        guard finished.count > Self.historyLimit else { return }
        let drop = Set(finished.prefix(finished.count - Self.historyLimit).map(\.id))
        sessions.removeAll { drop.contains($0.id) }
        for id in drop { chats[id] = nil }
    }

    // MARK: Screen-pop

    /// Recomputes every visible page's URL and reports each one that really changed.
    mutating func syncScreenPop(log: inout EventLog) {
        let urls = computePageURLs()
        for page in config.pages {
            if let url = urls[page.name], url != pageURLs[page.name] {
                log.add(.hashchange(page: page.name, url: url))
            }
        }
        pageURLs = urls
    }

    // MARK: Time

    private mutating func advanceClock(to target: Double, log: inout EventLog) {
        while true {
            // The earliest ring deadline, without building a list on every event.
            var ring: (SessionID, Double)?
            for index in sessions.indices {
                if let deadline = sessions[index].ringDeadline, deadline < ring?.1 ?? .infinity { ring = (sessions[index].id, deadline) }
            }
            let arrange = agent.status == .arrange ? agent.arrangeDeadline : nil
            let idle = nextIdleDeadline()
            let abandon = queue.lazy.map(\.abandonsAt).min()
            let due = [ring?.1, arrange, idle?.1, abandon].compactMap { $0 }.min()
            guard let due, due <= target else { break }
            now = due
            log.time = due
            if let (id, deadline) = ring, deadline == due {
                if let destination = config.timeoutTransferTo {
                    update(id) { $0.transferredTo = destination }
                    log.add(.autoTransfer(id, to: destination))
                }
                end(id, closeBy: .timer, log: &log)
            } else if let (id, deadline) = idle, deadline == due {
                // A chat idle too long ends as TCCC's session timeout ends it.
                end(id, closeBy: .timer, log: &log)
            } else if arrange == due {
                setStatus(.free, reason: "after-call work time is up", log: &log)
            } else {
                abandonDue(at: due, log: &log)
            }
            // An agent free again takes the next caller at that very moment.
            serveQueue(log: &log)
        }
        now = target
        log.time = target
    }
}

/// Collects events with their times while one action is applied.
struct EventLog {
    var time: Double
    private(set) var occurrences: [Occurrence] = []

    init(time: Double) { self.time = time }

    mutating func add(_ event: Event) {
        occurrences.append(Occurrence(time: time, event: event))
    }
}
