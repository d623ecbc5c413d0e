extension WorkstationState {
    mutating func press(_ key: DialpadKey, log: inout EventLog, refuse: (String) -> Refusal) throws(Refusal) {
        switch key {
        case let .press(character):
            // While a voice call is connected, the keypad sends tones instead.
            if let voice = voiceSession, voice.status == .connected {
                guard Dialpad.isDTMFTone(character) else {
                    throw refuse("\"\(String(character).debugEscaped)\" is not a tone; during a call the keypad sends 0-9, * and #")
                }
                guard !voice.onHold else { throw refuse("\(voice.id) is on hold; resume it to send tones") }
                update(voice.id) { $0.dtmfSent.append(character) }
                log.add(.dtmf(voice.id, digits: String(character)))
                return
            }
            if character == "+" {
                guard dialpad.number.isEmpty else { throw refuse("+ may only come first") }
            } else if !Dialpad.isDTMFTone(character) {
                throw refuse("\"\(String(character).debugEscaped)\" is not a dialpad key; use 0-9, *, # and a leading +")
            }
            guard dialpad.number.count < CallOutRequest.maxPhoneNumberLength else {
                throw refuse("the number is at its \(CallOutRequest.maxPhoneNumberLength)-character limit")
            }
            dialpad.number.append(character)
            dialpad.desc = nil
        case .backspace:
            guard !dialpad.number.isEmpty else { throw refuse("the dialpad is empty") }
            dialpad.number.removeLast()
            dialpad.desc = nil
        case .clear:
            guard !dialpad.number.isEmpty || dialpad.desc != nil else { throw refuse("the dialpad is empty") }
            dialpad.number = ""
            dialpad.desc = nil
        }
    }

    mutating func dial(log: inout EventLog, refuse: (String) -> Refusal) throws(Refusal) {
        guard !dialpad.number.isEmpty else { throw refuse("the dialpad is empty; type a number or let a page send one") }
        guard agent.status.mayCallOut else {
            throw refuse(agent.status == .busy
                ? "the agent is busy on a call; end it before calling out"
                : "the agent is offline; sign in (choose a status) before calling out")
        }
        if let problem = CallOutRequest.dialProblem(dialpad.number) { throw refuse(problem) }
        let session = Session(
            id: newSessionID(), type: .phone, direction: .outbound,
            caller: Caller(mobile: dialpad.number), phoneDesc: dialpad.desc, startedAt: now)
        sessions.append(session)
        occupyAgent(reason: "calling out", log: &log)
        log.add(.callOuted(session))
        selected = session.id
        dialpad.number = ""
        dialpad.desc = nil
    }
}
