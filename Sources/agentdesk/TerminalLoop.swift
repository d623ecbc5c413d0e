import AgentDeskCore
import AgentDeskServer
import AgentDeskTerminal
import AgentDeskUI
import ArgumentParser
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
    private let clock = Stopwatch()

    init(backend: NcursesBackend, transcript: TranscriptFile? = nil, recorder: Recorder? = nil, server: WorkstationServer? = nil) {
        self.backend = backend
        self.transcript = transcript
        self.recorder = recorder
        self.server = server
    }

    /// Whether the transcript or the recording could not be written: the loop ends.
    private var writeFailed: Bool { transcript?.failure != nil || recorder?.failure != nil }

    /// Sends what happened everywhere it goes: transcript file, event stream, recording.
    private func deliver(_ output: AppModel.Output, at time: Double) {
        transcript?.write(output.transcript)
        server?.hub.publish(output.transcript)
        recorder?.record(output.agentActions, at: time)
    }

    /// The workstation in this terminal, with its server: starts the server (before
    /// curses takes the screen, so a failure to listen prints plainly), opens the
    /// terminal, runs the loop, and puts both away. Returns the signal that ended it,
    /// if any; throws exit status 2 when it cannot listen, 1 when there is no terminal.
    static func runWorkstation(_ model: inout AppModel, colors: Bool, transcript: TranscriptFile?, recorder: Recorder?,
                               server options: ServerOptions) throws -> Int32? {
        let host = try ServerHost.start(options)
        let backend: NcursesBackend
        do {
            backend = try NcursesBackend.openStandard(colors: colors)
        } catch {
            host?.stop()
            printError("\(error)")
            throw ExitCode((error as? TerminalError)?.exitStatus ?? 1)
        }
        host?.show(in: &model)
        model.ui.terminalNotice = backend.localeNotice
        let signal = TerminalLoop(backend: backend, transcript: transcript, recorder: recorder, server: host?.server).run(&model)
        backend.shutdown()
        host?.stop()
        // A write that failed ended the loop: say which file and why, now that the screen is back.
        if let failure = transcript?.failure ?? recorder?.failure {
            printError(failure)
            throw ExitCode(2)
        }
        return signal
    }

    /// Runs until the user quits (nil) or a termination signal arrives (its number).
    func run(_ model: inout AppModel) -> Int32? {
        var buffer = CellBuffer(width: 0, height: 0)
        let size = backend.size
        _ = model.handle(.resize(width: size.width, height: size.height))
        while true {
            // The clock first, so requests are stamped with the current time.
            let ticked = model.handle(.clock(seconds: clock.seconds, wall: TerminalLoop.wallClock()))
            deliver(ticked, at: model.core.now)
            if let server {
                let requested = server.inbox.process(into: &model)
                deliver(requested, at: model.core.now)
            }
            if writeFailed { return nil }
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
            if output.quit || writeFailed { return nil }
        }
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

/// Seconds since it was made, from the monotonic clock: the workstation's time.
struct Stopwatch {
    private let start = ContinuousClock.now

    var seconds: Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
