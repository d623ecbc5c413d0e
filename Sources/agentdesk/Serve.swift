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
        let hub = EventHub()
        let station = ServeStation(model: AppModel(config: config, language: workstation.lang ?? .en, colors: false), sink: sink, hub: hub)
        // The request that finds the inbox empty starts a round; the actor runs the rounds one at a time.
        let inbox = Inbox(wakeup: .call { inbox in Task { await station.step(inbox) } })
        guard let host = try ServerHost.start(server, inbox: inbox, hub: hub) else { return }
        printError("serve: API on \(host.server.baseURL); bridge page \(host.server.bridgeURL)")
        if let notice = host.notice { printError("serve: \(notice)") }
        // The main thread keeps the clock (a round at least once a second) and waits
        // for a signal, a closed stdout (`| head`: quietly) or a write that failed (said, exit 2).
        while TerminationSignal.pending == nil && !station.ended.load(ordering: .acquiring) {
            station.tick(inbox)
            station.wake.wait(timeoutMilliseconds: 1000)
        }
        // No request is taken from here on (503); the round in progress ends, then
        // the server. A round stuck on a reader that stopped reading also holds the
        // request it answers, so the server is then not waited for either.
        inbox.close()
        let outcome = station.finishWaiting(inbox)
        host.stop(wait: outcome != nil)
        guard let outcome else {
            printError("serve: the transcript's last lines could not be written within \(ServeStation.finishSeconds) s: its reader has stopped reading")
            throw ExitCode(TerminationSignal.pending.map { 128 + $0 } ?? 2)
        }
        if outcome.closed { throw ExitCode(141) }
        if let failure = outcome.failure {
            printError(failure)
            throw ExitCode(2)
        }
        // As the terminal workstation: ended by a signal, exit 128 + its number.
        if let signal = TerminationSignal.pending { throw ExitCode(128 + signal) }
    }
}
