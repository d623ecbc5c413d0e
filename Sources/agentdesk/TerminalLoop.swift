import AgentDeskCore
import AgentDeskServer
import AgentDeskTerminal
import AgentDeskUI
import Foundation

/// The one loop that owns the terminal: it reads the clock, keys and API requests,
/// feeds them to the model, and presents each frame. Wakes at least once a second
/// (the clock), otherwise blocks on input or the server's wake pipe: no busy loop.
struct TerminalLoop {
    let backend: NcursesBackend
    /// Where transcript lines go, if anywhere.
    let transcript: TranscriptFile?
    /// Where the agent's actions are recorded as a scenario, if anywhere.
    let recorder: Recorder?
    /// The loopback server, if it runs: its requests are applied here, on this thread.
    let server: WorkstationServer?
    private let start = ContinuousClock.now

    init(backend: NcursesBackend, transcript: TranscriptFile? = nil, recorder: Recorder? = nil, server: WorkstationServer? = nil) {
        self.backend = backend
        self.transcript = transcript
        self.recorder = recorder
        self.server = server
    }

    /// Sends what happened everywhere it goes: transcript file, event stream, recording.
    private func deliver(_ output: AppModel.Output, at time: Double) {
        transcript?.write(output.transcript)
        server?.hub.publish(output.transcript)
        recorder?.record(output.agentActions, at: time)
    }

    /// Runs until the user quits (nil) or a termination signal arrives (its number).
    func run(_ model: inout AppModel) -> Int32? {
        var buffer = CellBuffer(width: 0, height: 0)
        let size = backend.size
        _ = model.handle(.resize(width: size.width, height: size.height))
        while true {
            // The clock first, so requests are stamped with the current time.
            let ticked = model.handle(.clock(seconds: elapsed(), wall: TerminalLoop.wallClock()))
            deliver(ticked, at: model.core.now)
            if let server {
                let requested = server.inbox.process(into: &model)
                deliver(requested, at: model.core.now)
            }
            let (width, height) = backend.size
            if buffer.width != width || buffer.height != height { buffer = CellBuffer(width: width, height: height) }
            Screen.render(model, into: &buffer)
            backend.present(buffer)
            if let signal = backend.pendingSignal { return signal }
            var wait = millisecondsToNextSecond()
            if let step = model.secondsUntilNextStep { wait = max(1, min(wait, Int((step * 1000).rounded(.up)))) }
            let event = backend.nextEvent(timeoutMilliseconds: wait, wake: server?.inbox.wake.readDescriptor)
            if let signal = backend.pendingSignal { return signal }
            let output: AppModel.Output
            switch event {
            case let .key(key): output = model.handle(.key(key))
            case let .click(x, y): output = model.handle(.click(x: x, y: y))
            case let .resize(w, h): output = model.handle(.resize(width: w, height: h))
            case .timeout: continue
            }
            deliver(output, at: model.core.now)
            if output.quit { return nil }
        }
    }

    private func elapsed() -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    private func millisecondsToNextSecond() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return max(10, 1000 - Int(now.tv_nsec / 1_000_000))
    }

    static func wallClock() -> String {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
    }
}
