import AgentDeskServer
import AgentDeskUI
import ArgumentParser
import Foundation

/// `--listen`, `--no-listen`, `--token`: the loopback server that starts with the workstation.
struct ServerOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Serve the API and the bridge page here: 127.0.0.1:PORT, localhost:PORT or [::1]:PORT; port 0 takes a free one.",
        discussion: "Default 127.0.0.1:\(ListenAddress.defaultPort); if that port is taken, a free one is taken and the screen says so. Loopback only: no other address is accepted."))
    var listen: String?

    @Flag(name: .customLong("no-listen"), help: "Run without the server (no API, no bridge page).")
    var noListen = false

    @Option(name: .long, help: "The API token (default: AGENTDESK_TOKEN, else a new random one each run). 16 to 256 of A-Z a-z 0-9 . _ ~ -; other local users can see it in the process list: prefer --token-file or AGENTDESK_TOKEN.")
    var token: String?

    @Option(name: .customLong("token-file"), help: "Read the API token from the first line of this file (yours, mode 600).")
    var tokenFile: String?

    /// The token asked for, from --token, --token-file or AGENTDESK_TOKEN; nil for a random one.
    func chosenToken() throws(TokenSource.Problem) -> String? {
        guard let token = try TokenSource.token(option: token, file: tokenFile) else { return nil }
        guard TokenSource.isValid(token) else {
            let source = self.token != nil ? "--token" : tokenFile.map { "--token-file \($0)" } ?? TokenSource.environmentName
            throw TokenSource.Problem(description: "\(source): the token must be 16 to 256 characters of A-Z a-z 0-9 . _ ~ -")
        }
        return token
    }

    func validate() throws {
        if noListen && listen != nil { throw ValidationError("--listen and --no-listen contradict each other") }
        if let listen {
            do { _ = try ListenAddress(parsing: listen) } catch { throw ValidationError("--listen \(listen): \(error.message)") }
        }
        if token != nil && tokenFile != nil { throw ValidationError("--token and --token-file: give one of them") }
        if let token, !TokenSource.isValid(token) {
            throw ValidationError("--token must be 16 to 256 characters of A-Z a-z 0-9 . _ ~ -")
        }
    }
}

/// The server as the workstation runs it: started before the screen opens, its
/// address and token in the runtime file for `agentdesk send`, stopped at the end.
final class ServerHost {
    let server: WorkstationServer
    /// Something the user should know (the default port was taken, the runtime file could not be written).
    let notice: String?
    private let runtimePath: String

    private init(server: WorkstationServer, notice: String?, runtimePath: String) {
        self.server = server
        self.notice = notice
        self.runtimePath = runtimePath
    }

    /// Nil with `--no-listen`; throws (after printing why) when it cannot listen where asked.
    static func start(_ options: ServerOptions, inbox: Inbox = Inbox(), hub: EventHub = EventHub()) throws -> ServerHost? {
        guard !options.noListen else { return nil }
        let token: String
        do {
            token = try options.chosenToken() ?? WorkstationServer.randomToken()
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
        var notices: [String] = []
        let server: WorkstationServer
        do {
            if let listen = options.listen {
                server = try WorkstationServer.start(at: try ListenAddress(parsing: listen), token: token, inbox: inbox, hub: hub, tasks: .sharedPool)
            } else {
                do {
                    server = try WorkstationServer.start(at: .default, token: token, inbox: inbox, hub: hub, tasks: .sharedPool)
                } catch let error as WorkstationServer.StartFailed where error.errno == EADDRINUSE {
                    let other = try WorkstationServer.start(at: ListenAddress(host: "127.0.0.1", port: 0), token: token, inbox: inbox, hub: hub, tasks: .sharedPool)
                    notices.append("port \(ListenAddress.defaultPort) is taken; the bridge is on \(other.address)")
                    server = other
                }
            }
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
        let path = RuntimeFile.path()
        do {
            try RuntimeFile(url: server.baseURL, token: token, pid: getpid()).write(to: path)
        } catch {
            notices.append("agentdesk send will need --url and --token: \(error)")
        }
        return ServerHost(server: server, notice: notices.isEmpty ? nil : notices.joined(separator: "; "), runtimePath: path)
    }

    /// `wait`: until the server has shut down (at most 3 s).
    func stop(wait: Bool = true) {
        server.stop(wait: wait)
        RuntimeFile.remove(at: runtimePath, ifOwnedBy: getpid())
    }
}

extension ServerHost {
    /// The header shows the address; `?` shows the bridge page's whole address.
    func show(in model: inout AppModel) {
        model.ui.bridge = (server.address.description, server.bridgeURL)
        model.ui.notice = notice
    }
}
