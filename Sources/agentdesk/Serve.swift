import AgentDeskCore
import AgentDeskServer
import AgentDeskTerminal
import AgentDeskUI
import ArgumentParser
import Foundation

/// `agentdesk serve`: the workstation with no terminal, driven only over the API
/// (scripts, CI, a browser on the bridge page). The transcript goes to stdout.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the workstation without a terminal, driven over the loopback API; the transcript goes to stdout.",
        discussion: "For scripts and CI: start it in the background, drive it with `agentdesk send` or HTTP, read the "
            + "transcript. The address and token are printed on stderr and written to the runtime file. SIGINT, SIGTERM or SIGHUP "
            + "ends it with exit status 128 + the signal's number (130, 143, 129), as the terminal workstation does.")

    @OptionGroup var workstation: WorkstationOptions

    @Option(name: .long, help: "Also write the transcript (JSON Lines) to this file.")
    var transcript: String?

    @OptionGroup(title: "Loopback API and bridge page") var server: ServerOptions

    func validate() throws {
        if server.noListen { throw ValidationError("serve without a server has nothing to do; drop --no-listen") }
    }

    func run() throws {
        let config: WorkstationConfig
        do {
            config = try workstation.config.map(ConfigFile.load) ?? .demo
        } catch {
            throw report(error)
        }
        let sink: TranscriptFile?
        do {
            sink = try transcript.map(TranscriptFile.init(path:))
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
        TerminationSignal.install()
        guard let host = try ServerHost.start(server) else { return }
        printError("serve: API on \(host.server.baseURL); bridge page \(host.server.bridgeURL)")
        if let notice = host.notice { printError("serve: \(notice)") }
        var model = AppModel(config: config, language: workstation.lang ?? .en, colors: false)
        let clock = Stopwatch()
        let stdout = StandardOutput()
        // serve keeps no recorder and no screen: transcript lines are all it writes.
        func deliver(_ lines: [String]) {
            guard !lines.isEmpty else { return }
            stdout.write(lines: lines)
            stdout.flush()
            sink?.write(lines)
            host.server.hub.publish(lines)
        }
        // Ends on a signal, a closed stdout (`| head`: quietly) or a write that failed (said, exit 2).
        while TerminationSignal.pending == nil && !stdout.stopped && sink?.failure == nil {
            deliver(model.handle(.clock(seconds: clock.seconds, wall: TerminalSession.wallClock())).transcript)
            // The requests' transcript lines are out (one write, one flush) before
            // their replies: a script that got its answer finds its lines there.
            var lines: [String] = []
            host.server.inbox.process({ request in
                let (reply, output) = APIProcessor.apply(request, to: &model)
                lines += output.transcript
                return reply
            }, beforeReplies: { deliver(lines) })
            host.server.inbox.wake.wait(timeoutMilliseconds: 1000)
        }
        host.stop()
        if stdout.closed { throw ExitCode(141) }
        if let failure = stdout.failure ?? sink?.failure {
            printError(failure)
            throw ExitCode(2)
        }
        // As the terminal workstation: ended by a signal, exit 128 + its number.
        if let signal = TerminationSignal.pending { throw ExitCode(128 + signal) }
    }
}
