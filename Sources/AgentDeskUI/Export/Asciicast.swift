import AgentDeskCore

/// A scenario's workstation screen as an asciicast v2 recording (the format
/// asciinema plays and embeds): drawn by the same `Screen.render` and sink as the
/// terminal, with the scenario's virtual clock. Pure and deterministic: the same
/// scenario and options give the same bytes.
///
/// A frame is written at each event that changes the screen: a step, a caption
/// going away, a timer of the workstation running out. Between those the clock
/// skips ahead, and a gap longer than `idleLimit` seconds is shortened to it. `pause` steps do not wait: nobody is
/// there to press space.
public enum Asciicast {
    public struct Options: Sendable {
        public var width: Int
        public var height: Int
        public var language: Language
        public var idleLimit: Double

        public init(width: Int = 100, height: Int = 30, language: Language = .en, idleLimit: Double = 2) {
            self.width = width
            self.height = height
            self.language = language
            self.idleLimit = idleLimit
        }
    }

    /// The recording's lines: the header, then one `[time, "o", text]` per frame.
    public static func record(_ scenario: Scenario, options: Options) -> [String] {
        var model = AppModel(playing: scenario, speed: 1, language: options.language)
        _ = model.handle(.resize(width: options.width, height: options.height))
        var header: [(String, OrderedJSON.Value)] = [
            ("version", .number(2)), ("width", .number(Double(options.width))), ("height", .number(Double(options.height))),
        ]
        if let name = scenario.name { header.append(("title", .string(name))) }
        header.append(("env", .object([("TERM", .string("xterm-256color"))])))
        var lines = [OrderedJSON.encode(header)]

        var buffer = CellBuffer(width: options.width, height: options.height)
        var previous: CellBuffer?
        var castTime = 0.0
        var shownAt = 0.0
        var t = 0.0
        while true {
            _ = model.handle(.clock(seconds: t, wall: clock(t)))
            // A pause waits for the trainer; a recording goes on at once.
            var guardCount = 0
            while model.playback?.awaitingTrainer == true, guardCount < scenario.steps.count + 1 {
                _ = model.handle(.key(.char(" ")))
                _ = model.handle(.clock(seconds: t, wall: clock(t)))
                guardCount += 1
            }
            Screen.render(model, into: &buffer)
            if buffer != previous {
                castTime += min(t - shownAt, options.idleLimit)
                shownAt = t
                // The first frame clears the screen and hides the cursor.
                let text = previous.map { AnsiText.frame(buffer, since: $0) } ?? ("\u{1B}[?25l\u{1B}[2J" + AnsiText.frame(buffer))
                let ms = (castTime * 1000).rounded() / 1000
                lines.append(OrderedJSON.encode(.array([.number(ms), .string("o"), .string(text)])))
                previous = buffer
            }
            guard let next = nextMoment(after: t, model) else { break }
            t = next
        }
        return lines
    }

    /// When the screen next changes for a viewer: the next step, a caption's end, a
    /// ringing call timing out, after-call work running out; nil when none is left.
    /// Clocks on screen (a call's duration) are not events: they jump between frames,
    /// so long quiet stretches can be shortened.
    static func nextMoment(after t: Double, _ model: AppModel) -> Double? {
        var candidates: [Double] = []
        if let step = model.playback?.nextStep { candidates.append(step.time) }
        if let until = model.playback?.caption?.until { candidates.append(until) }
        candidates += model.core.sessions.compactMap(\.ringDeadline)
        if model.core.agent.status == .arrange, let deadline = model.core.agent.arrangeDeadline { candidates.append(deadline) }
        // Steps due now were played by the last clock; the clock never stands still.
        return candidates.filter { $0 > t }.min()
    }

    /// The header's clock: the scenario's time, so every run shows the same.
    static func clock(_ t: Double) -> String {
        let s = Int(t)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(s / 3600 % 100)):\(two(s / 60 % 60)):\(two(s % 60))"
    }
}
