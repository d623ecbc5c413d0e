extension WorkstationState {
    /// The caller who has waited longest, if any.
    public var longestWaiting: QueuedCall? { queue.first }

    /// Seconds the longest-waiting caller has waited at `now`; 0 with no queue.
    public var longestWait: Double { queue.first.map { $0.waited(at: now) } ?? 0 }

    /// Whether the agent can take a voice call now: free, with no voice call and
    /// room for another live session.
    var canTakeVoiceCall: Bool {
        agent.status == .free && voiceSession == nil && liveSessionCount < config.maxSessions
    }

    /// Puts a voice call in the queue when the agent cannot take it now (busy on a
    /// call, notReady, rest, after-call work), or behind callers already waiting.
    /// Returns false when it may ring at once. Offline agents get nothing.
    mutating func enqueueIfWaiting(_ call: IncomingCall, log: inout EventLog, refuse: (String) -> Refusal) throws(Refusal) -> Bool {
        guard agent.status != .offline else {
            throw refuse("the agent is offline; \(call.type.channelNoun) reaches only a signed-in agent")
        }
        guard !canTakeVoiceCall || !queue.isEmpty else { return false }
        guard queue.count < config.queue.capacity else {
            throw refuse("the queue is full (\(config.queue.capacity) callers waiting, queue.capacity); \(call.type.channelNoun) is turned away")
        }
        let waiting = QueuedCall(id: newSessionID(), call: call, queuedAt: now, patience: call.patience ?? config.queue.patience)
        queue.append(waiting)
        log.add(.queued(waiting, position: queue.count))
        return true
    }

    /// Rings the longest-waiting caller when the agent can take a call. Run after
    /// every action carried out and every timer that fired, so a caller never
    /// waits at a free agent.
    mutating func serveQueue(log: inout EventLog) {
        guard canTakeVoiceCall, !queue.isEmpty else { return }
        let next = queue.removeFirst()
        present(next.call, id: next.id, queuedAt: next.queuedAt, log: &log)
    }

    /// Callers whose patience ran out at `time` hang up: each stays in Recent
    /// sessions as a missed call (ended by the client, abandoned).
    mutating func abandonDue(at time: Double, log: inout EventLog) {
        let leaving = queue.filter { $0.abandonsAt <= time }
        queue.removeAll { $0.abandonsAt <= time }
        for waiting in leaving {
            var session = Session(
                id: waiting.id, type: waiting.call.type, direction: .inbound, caller: waiting.call.caller,
                status: .ended, startedAt: waiting.queuedAt, ringTimeout: waiting.call.ringTimeout)
            session.queuedAt = waiting.queuedAt
            session.endedAt = time
            session.closeBy = .client
            session.abandoned = true
            session.finished = true
            sessions.append(session)
            log.add(.abandoned(session))
        }
    }

    /// Puts a past session's number on the dialpad, to call the customer back: the
    /// session named, else the selected one when it ended, else the newest missed call.
    mutating func callBack(_ id: SessionID?, log: inout EventLog, refuse: (String) -> Refusal) throws(Refusal) {
        let session: Session
        if let id {
            guard let named = self.session(id) else { throw refuse("there is no session \(id)") }
            guard !named.status.isLive else { throw refuse("\(id) is still live; call back once it has ended") }
            session = named
        } else if let chosen = selectedSession, chosen.status == .ended, chosen.isMissed, chosen.callBackNumber != nil {
            session = chosen
        } else if let missed = sessions.last(where: { $0.isMissed && $0.callBackNumber != nil }) ?? sessions.last(where: \.isMissed) {
            // The newest missed call that can be dialled; else the newest, to say why not.
            session = missed
        } else {
            throw refuse("there is no missed call to call back")
        }
        guard let number = session.caller.mobile, !number.isEmpty else {
            throw refuse("\(session.id) has no phone number to call back")
        }
        if number.contains("***") {
            throw refuse("\(session.id)'s number \(number) is masked (号码映射); it cannot be dialled from here")
        }
        if let problem = CallOutRequest.dialProblem(number) {
            throw refuse("\(session.id)'s number cannot be dialled: \(problem)")
        }
        dialpad.number = CallOutRequest.dialable(number)
        dialpad.desc = session.caller.nickName.flatMap { $0.trimmingWhitespace.isEmpty ? nil : $0 }
        log.add(.callBack(session.id, phoneNumber: dialpad.number))
    }
}

extension Session {
    /// The number a call-back dials: the caller's, made dialable; nil when there is
    /// none, it is masked (号码映射, `138****5678`) or it cannot be dialled.
    public var callBackNumber: String? {
        guard let number = caller.mobile, !number.isEmpty, !number.contains("***"),
              CallOutRequest.dialProblem(number) == nil else { return nil }
        return CallOutRequest.dialable(number)
    }

    /// An inbound call the agent never took: it rang out (timed out, or the caller
    /// hung up while it rang) or the caller abandoned it in the queue.
    public var isMissed: Bool {
        direction == .inbound && type.hasAudio && status == .ended && connectedAt == nil
            && (closeBy == .client || closeBy == .timer)
    }

    /// Seconds connected at `now` (until the end once ended); nil if it never connected.
    public func talkTime(at now: Double) -> Double? {
        connectedAt.map { max(0, (endedAt ?? now) - $0) }
    }

    /// Seconds it rang (inbound) or was calling (outbound) before it connected or ended.
    public func ringTime(at now: Double) -> Double? {
        guard !abandoned else { return nil }
        return max(0, (connectedAt ?? endedAt ?? now) - startedAt)
    }

    /// Seconds of the current hold, while on hold.
    public func holdTime(at now: Double) -> Double? {
        heldAt.map { max(0, now - $0) }
    }

    /// Seconds on hold in all, the current hold included.
    public func totalHoldTime(at now: Double) -> Double {
        heldTotal + (holdTime(at: now) ?? 0)
    }

    /// Seconds it waited in the queue before it rang (or until the caller gave up).
    public func queueWait(at now: Double) -> Double? {
        guard let queuedAt else { return nil }
        return max(0, (abandoned ? (endedAt ?? now) : startedAt) - queuedAt)
    }
}
