import AgentDeskCore

/// The workstation plus its screen: the one value the run loop owns.
public struct AppModel: Sendable {
    public internal(set) var core: WorkstationState
    public var ui: UIState
    /// The scenario playing, if any.
    public internal(set) var playback: Playback?
    /// Goals watched while a scenario plays, and a drill's progress (`AppModel+Drill`).
    public internal(set) var drill = DrillProgress()
    /// Numbers every transcript line; never reset, so a file is only ever appended to.
    public internal(set) var transcript = Transcript()
    /// Real seconds since the program started, as last told by the loop.
    public private(set) var realTime: Double = 0
    /// True while a key or click is being handled: what it sends is the agent's doing.
    private var byAgent = false

    public init(config: WorkstationConfig, language: Language, colors: Bool = true) {
        core = WorkstationState(config: config)
        ui = UIState(language: language, colors: colors)
    }

    /// A model that plays `scenario` from the start.
    public init(playing scenario: Scenario, speed: Double, language: Language, colors: Bool = true, stopOnFailure: Bool = false) {
        self.init(config: scenario.workstation, language: language, colors: colors)
        playback = Playback(scenario: scenario, speed: speed, startingAt: 0, stopOnFailure: stopOnFailure)
    }

    /// What one input produced: the workstation's events (for transcripts and the
    /// API) and whether the program should end.
    public struct Output: Sendable {
        public var occurrences: [Occurrence] = []
        /// Transcript lines for what happened (JSON Lines), including expect results.
        public var transcript: [String] = []
        public var quit = false
        /// Actions the agent took by hand (keys and clicks), for recording.
        public var agentActions: [Action] = []
        /// What each of `agentActions` changed, as an expect (nil: nothing checkable), for `record --with-expects`.
        public var agentChanges: [Expectation?] = []

        public init(occurrences: [Occurrence] = [], transcript: [String] = [], quit: Bool = false, agentActions: [Action] = []) {
            self.occurrences = occurrences
            self.transcript = transcript
            self.quit = quit
            self.agentActions = agentActions
        }

        public mutating func append(_ other: Output) {
            occurrences += other.occurrences
            transcript += other.transcript
            quit = quit || other.quit
            agentActions += other.agentActions
            agentChanges += other.agentChanges
        }
    }

    public enum Input: Sendable {
        case key(Key)
        case click(x: Int, y: Int)
        case resize(width: Int, height: Int)
        /// The clock: workstation seconds since start, and the wall time to show.
        case clock(seconds: Double, wall: String)
        /// An action from elsewhere (a scenario, the API, a page).
        case action(Action)
    }

    public mutating func handle(_ input: Input) -> Output {
        switch input {
        case let .key(key):
            ui.notice = nil
            if let output = drillKey(key) { return output }
            if let output = playbackKey(key) { return output }
            byAgent = true
            defer { byAgent = false }
            return press(key)
        case let .click(x, y):
            ui.notice = nil
            byAgent = true
            defer { byAgent = false }
            return click(x: x, y: y)
        case let .resize(width, height):
            ui.size = (width, height)
            return Output()
        case let .clock(seconds, wall):
            ui.wallClock = wall
            realTime = max(realTime, seconds)
            if playback != nil { return advancePlayback() }
            guard seconds > core.now else { return Output() }
            return send(.tick(to: seconds))
        case let .action(action):
            return send(action)
        }
    }

    /// Runs a core action and records what it reported.
    @discardableResult
    public mutating func send(_ action: Action) -> Output {
        let before = byAgent ? core : nil
        let occurrences = core.reduce(action)
        let refused = occurrences.contains { if case .refused = $0.event { true } else { false } }
        for occurrence in occurrences {
            if case let .refused(refusal) = occurrence.event {
                ui.notice = EventText.refusal(refusal, ui.language)
                continue
            }
            // A status the agent set (s, the API, a scenario's status step) shows in the
            // header where it changed; repeating it in the feed would push every line there
            // down for what the agent just did. Changes the workstation makes (busy on a
            // call, after-call work, back to free) are news, and stay in the feed.
            if case .setStatus = action, case .statusChanged = occurrence.event { continue }
            let entry = UIState.FeedEntry(
                time: occurrence.time, text: EventText.describe(occurrence.event, ui.language, core: core),
                style: EventText.style(of: occurrence.event))
            ui.record(entry)
            if case let .hashchange(page, url) = occurrence.event {
                ui.recordHashchange(page: page, entry: .init(time: occurrence.time, text: url, style: .plain))
            }
        }
        var lines = transcript.lines(for: occurrences)
        // Goals are watched only while a scenario's goal step is open; otherwise
        // there are no goal lines and nothing is joined on.
        let goals = observeGoals()
        if !goals.isEmpty { lines += goals }
        var output = Output(occurrences: occurrences, transcript: lines,
                            agentActions: byAgent && !refused ? [action] : [])
        if let before, !refused { output.agentChanges = [Expectation.changes(from: before, to: core)] }
        return output
    }

    // MARK: Keys

    private mutating func press(_ key: Key) -> Output {
        switch ui.mode {
        case .help:
            ui.mode = .main
            return Output()
        case .results:
            return resultsKey(key)
        case .pageDetail:
            switch key {
            case .tab: cycleTab(1)
            case .backTab: cycleTab(-1)
            case .ctrl("c"): return Output(quit: true)
            default: ui.mode = .main
            }
            return Output()
        case .confirmQuit:
            if key == .char("y") || key == .char("Y") || key == .ctrl("c") { return Output(quit: true) }
            ui.mode = .main
            return Output()
        case let .picker(picker):
            return pickerKey(key, picker)
        case let .transferPrompt(text):
            switch key {
            case .enter:
                ui.mode = .main
                return send(.transfer(to: text))
            case .escape:
                ui.mode = .main
            case .backspace:
                ui.mode = .transferPrompt(String(text.dropLast()))
            case let .char(c) where text.count < 64:
                ui.mode = .transferPrompt(text + String(c))
            case .ctrl("c"):
                return Output(quit: true)
            default:
                break
            }
            return Output()
        case let .reply(line):
            return replyKey(key, line)
        case let .chatAttachments(index):
            return pickerKey(key, index)
        case .main, .dialpad:
            guard let binding = KeyTable.binding(for: key, dialpadFocused: ui.dialpadFocused, playing: playback != nil) else {
                if let output = chatKey(key) { return output }
                if ui.dialpadFocused, case .char = key {
                    ui.notice = ui.language.pick("拨号盘只接受 0-9 * # +；Esc 离开", "the dialpad takes 0-9 * # +; Esc leaves it")
                }
                return Output()
            }
            return run(binding.command, key: key)
        }
    }

    private mutating func run(_ command: Command, key: Key) -> Output {
        let lang = ui.language
        switch command {
        case .simulateCall:
            let (index, call) = SampleCallers.next(after: ui.nextSample, agentStatus: core.agent.status)
            ui.nextSample = index + 1
            let output = send(.callIn(call))
            if output.occurrences.contains(where: { if case .refused = $0.event { true } else { false } }), let notice = ui.notice {
                // Why, in the caller's channel terms, and the way out.
                ui.notice = notice + lang.pick("（s 切换状态）", " (s changes your status)")
            }
            return output
        case .answer:
            if let ringingOut = core.selectedSession, ringingOut.direction == .outbound, ringingOut.status == .ringing {
                return send(.calleeAnswer(ringingOut.id))
            }
            return send(.answer())
        case .hangUp:
            return send(.hangUp(closeBy: .seat))
        case .toggleHold:
            return send(core.voiceSession?.onHold == true ? .resume() : .hold())
        case .toggleMute:
            return send(core.voiceSession?.muted == true ? .unmute() : .mute())
        case .transfer:
            guard core.sessions.contains(where: { $0.status == .connected }) else {
                ui.notice = lang.pick("没有可转接的通话", "nothing connected to transfer")
                return Output()
            }
            if !core.config.transferTargets.isEmpty {
                ui.mode = .picker(Picker.transfer(core.config, lang))
                return Output()
            }
            // The same default in every language: a recording must not depend on --lang.
            ui.mode = .transferPrompt(core.config.timeoutTransferTo ?? UIState.defaultTransferTarget)
        case .cycleStatus:
            let cycle = AgentStatus.selectable
            let next = cycle[((cycle.firstIndex(of: core.agent.status) ?? -1) + 1) % cycle.count]
            if next == .rest, !core.config.restReasons.isEmpty, core.agent.status != .busy {
                ui.mode = .picker(Picker.restReason(core.config))
                return Output()
            }
            return send(.setStatus(next, reason: next == .rest ? AgentStatus.rest.chineseName : nil))
        case .wrapUpDone:
            return send(.wrapUp(.done))
        case .keepWrappingUp:
            return send(.wrapUp(.keepGoing))
        case .nextTab:
            cycleTab(1)
        case .previousTab:
            cycleTab(-1)
        case .nextSession:
            let candidates = core.sessions.filter { !$0.finished || $0.id == core.selected }
            guard candidates.count > 1, let current = candidates.firstIndex(where: { $0.id == core.selected }) else {
                // The pages still show an ended session: n brings the one the agent is in.
                if let selected = core.selectedSession, selected.direction == .inbound, core.screenPopSession != selected.id {
                    return send(.select(selected.id))
                }
                ui.notice = lang.pick("没有其他会话", "no other session")
                return Output()
            }
            return send(.select(candidates[(current + 1) % candidates.count].id))
        case .pageDetail:
            if currentTab != nil { ui.mode = .pageDetail }
        case .focusDialpad:
            ui.mode = .dialpad
        case .leaveDialpad:
            ui.mode = .main
        case .dialpadPress:
            if case let .char(c) = key { return send(.dialpad(.press(c))) }
        case .dialpadBackspace:
            return send(.dialpad(.backspace))
        case .dialpadClear:
            return send(.dialpad(.clear))
        case .dial:
            let output = send(.dial)
            if output.occurrences.contains(where: { if case .callOuted = $0.event { true } else { false } }) {
                ui.mode = .main
            }
            return output
        case .help:
            ui.mode = .help
        case .quit:
            if core.liveSessions.isEmpty { return Output(quit: true) }
            ui.mode = .confirmQuit
        case .forceQuit:
            return Output(quit: true)
        case .scrollFeedUp:
            ui.scrollFeed(by: key == .pageUp ? 5 : 1)
        case .scrollFeedDown:
            ui.scrollFeed(by: key == .pageDown ? -5 : -1)
        case .reply:
            return chatCommand(key)
        case .callBack:
            let output = send(.callBack())
            if output.occurrences.contains(where: { if case .callBack = $0.event { true } else { false } }) {
                ui.mode = .dialpad
            }
            return output
        case .playDemo, .pauseResume, .nextStep, .restart, .modeKey:
            break // playback keys are handled by playbackKey, mode keys by their mode
        }
        return Output()
    }

    // MARK: Tabs

    /// The tab shown: the chosen one while it is visible, else the first visible.
    public var currentTab: ScreenPopPage? {
        let visible = core.visiblePages
        return visible.first { $0.name == ui.chosenTab } ?? visible.first
    }

    private mutating func cycleTab(_ step: Int) {
        let visible = core.visiblePages
        guard !visible.isEmpty else { return }
        let index = visible.firstIndex { $0.name == currentTab?.name } ?? 0
        ui.chosenTab = visible[(index + step + visible.count) % visible.count].name
    }

    // MARK: Mouse

    private mutating func click(x: Int, y: Int) -> Output {
        guard ui.mode == .main || ui.mode == .dialpad else {
            ui.mode = .main
            return Output()
        }
        let layout = Layout(width: ui.size.width, height: ui.size.height, playing: playback != nil)
        guard let layout = layout.fits ? layout : nil else { return Output() }
        for (rect, page) in ScreenPopPane.tabHits(self, in: layout.screenPop) where rect.contains(x: x, y: y) {
            ui.chosenTab = page
            return Output()
        }
        // A chat covers the dialpad's place: its keys are not there to click.
        for (rect, key) in DialpadPane.keyHits(in: layout.dialpad) where shownChat == nil && rect.contains(x: x, y: y) {
            ui.mode = .dialpad
            return send(.dialpad(.press(key)))
        }
        if shownChat == nil, layout.dialpad.contains(x: x, y: y) { ui.mode = .dialpad }
        return Output()
    }
}
