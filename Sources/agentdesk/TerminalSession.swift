import AgentDeskCore
import AgentDeskServer
import AgentDeskTerminal
import AgentDeskUI
import ArgumentParser
import Foundation

/// The workstation in a real terminal: wires the ncurses backend, the clock, the
/// loopback server and the transcript into `TerminalLoop`, the one loop (which
/// lives in AgentDeskUI, generic over the backend, so tests run it headless).
enum TerminalSession {
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
        let server = host?.server
        let stopwatch = Stopwatch()
        let loop = TerminalLoop(
            backend: backend,
            clock: { (stopwatch.seconds, wallClock()) },
            millisecondsToNextTick: millisecondsToNextSecond,
            requests: server.map { server in { model in server.inbox.process(into: &model) } },
            wake: server?.inbox.wake.readDescriptor,
            deliver: { output, time in
                // What happened goes everywhere it goes: transcript file, event stream, recording.
                transcript?.write(output.transcript)
                server?.hub.publish(output.transcript)
                recorder?.record(output.agentActions, changes: output.agentChanges, at: time)
            },
            mustStop: { transcript?.failure != nil || recorder?.failure != nil })
        let signal = loop.run(&model)
        backend.shutdown()
        host?.stop()
        // A write that failed ended the loop: say which file and why, now that the screen is back.
        if let failure = transcript?.failure ?? recorder?.failure {
            printError(failure)
            throw ExitCode(2)
        }
        return signal
    }

    static func millisecondsToNextSecond() -> Int {
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
