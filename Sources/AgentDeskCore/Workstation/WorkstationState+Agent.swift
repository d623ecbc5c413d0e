extension WorkstationState {
    /// The agent picks a status. Busy and arrange belong to the system; nothing
    /// changes while on a call.
    mutating func chooseStatus(_ status: AgentStatus, reason: String?, log: inout EventLog, refuse: (String) -> Refusal) throws(Refusal) {
        guard AgentStatus.selectable.contains(status) else {
            throw refuse("\(status.rawValue) is set by the system, not chosen; choose free, notReady, rest or offline")
        }
        guard agent.status != .busy else {
            throw refuse("the agent is on a call; the status changes when the call ends")
        }
        var restReason: String?
        if status == .rest {
            let trimmed = (reason ?? "").trimmingWhitespace
            guard !trimmed.isEmpty else { throw refuse("rest needs a reason, such as 午休 or training") }
            guard trimmed.count <= 64 else { throw refuse("the rest reason is longer than 64 characters") }
            if !config.restReasons.isEmpty, !config.restReasons.contains(String(trimmed)) {
                throw refuse("\"\(String(trimmed).debugEscaped)\" is not a rest reason here; choose "
                    + config.restReasons.joined(separator: ", ") + (NearestName.suggestion(for: String(trimmed), among: config.restReasons).map { " (did you mean \($0)?)" } ?? ""))
            }
            restReason = String(trimmed)
        }
        guard status != agent.status || restReason != agent.restReason else {
            throw refuse("the agent is \(status.rawValue) already")
        }
        if status == .offline, let live = liveSessions.first {
            throw refuse("\(live.id) is still live; end it before signing out")
        }
        if status == .offline, !queue.isEmpty {
            throw refuse("\(queue.count) caller\(queue.count == 1 ? " is" : "s are") waiting in the queue; take them (free) or let them go before signing out")
        }
        setStatus(status, reason: restReason ?? "chosen by the agent", restReason: restReason, log: &log)
    }

    /// Moves the agent to `status`, reporting the change. Leaving after-call work
    /// finishes the sessions it was for, so their pop-only tabs close.
    mutating func setStatus(_ status: AgentStatus, reason: String?, restReason: String? = nil, log: inout EventLog) {
        let from = agent.status
        if from == .arrange && status != .arrange {
            for index in sessions.indices where sessions[index].status == .ended {
                sessions[index].finished = true
            }
        }
        agent.status = status
        agent.since = now
        agent.restReason = status == .rest ? restReason : nil
        if status != .arrange { agent.arrangeDeadline = nil }
        if from != status || status == .rest {
            log.add(.statusChanged(from: from, to: status, reason: reason))
        }
        if from == .arrange && status != .arrange {
            moveSelectionIfFinished()
            syncScreenPop(log: &log)
        }
    }

    /// A call takes the agent: busy, remembering what to return to if it never connects.
    mutating func occupyAgent(reason: String, log: inout EventLog) {
        agent.statusBeforeCall = agent.status
        agent.restReasonBeforeCall = agent.restReason
        setStatus(.busy, reason: reason, log: &log)
    }
}
