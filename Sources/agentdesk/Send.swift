import AgentDeskCore
import AgentDeskServer
import ArgumentParser
import Foundation

/// `agentdesk send …`: drives a running workstation over its API and prints the
/// answer (JSON). Exit 0 when it was done, 1 when the workstation refused it,
/// 2 when it could not be asked.
struct Send: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Drive a running workstation over its loopback API (found through its runtime file).",
        discussion: "Prints the workstation's answer as JSON. Exit status: 0 done, 1 refused, 2 not reachable or bad usage.",
        subcommands: [SendCallOut.self, SendCall.self, SendAnswer.self, SendHangup.self, SendHold.self, SendResume.self,
                      SendMute.self, SendUnmute.self, SendTransfer.self, SendDTMF.self, SendStatus.self, SendWrapUp.self,
                      SendDialpad.self, SendDial.self, SendCalleeAnswer.self, SendState.self, SendBridge.self,
                      SendSays.self, SendReply.self, SendCard.self, SendOrder.self, SendCallBack.self])
}

/// Where the workstation is: from the runtime file unless given.
struct Connection: ParsableArguments {
    @Option(name: .long, help: "The workstation's API address, e.g. http://127.0.0.1:7788 (default: from its runtime file).")
    var url: String?

    @Option(name: .long, help: "The API token (default: --token-file, AGENTDESK_TOKEN, else the runtime file). Other local users can see it in the process list.")
    var token: String?

    @Option(name: .customLong("token-file"), help: "Read the API token from the first line of this file (yours, mode 600).")
    var tokenFile: String?

    func validate() throws {
        if token != nil && tokenFile != nil { throw ValidationError("--token and --token-file: give one of them") }
    }

    /// The address and token: given (--url; --token, --token-file or AGENTDESK_TOKEN),
    /// else from the runtime file, which is trusted only in a folder of the user's own
    /// with mode 0700 and with mode 0600 itself.
    func resolve() throws -> (url: String, token: String) {
        do {
            let given = try TokenSource.token(option: token, file: tokenFile)
            if let url, let given { return (url, given) }
            let file = try RuntimeFile.read(from: RuntimeFile.path())
            return (url ?? file.url, given ?? file.token)
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
    }

    /// Sends an action of the vocabulary (`ActionCatalog`): its fields are checked
    /// here by the same reader the workstation uses, so a malformed one is a usage
    /// error (exit 2) said before anything is sent; then `POST /api/actions`.
    func act(_ name: String, _ fields: [(String, OrderedJSON.Value)]) throws {
        let body = [("action", OrderedJSON.Value.string(name))] + fields
        do {
            _ = try APIRequest.action(body: OrderedJSON.encode(body))
        } catch {
            printError("send \(name): \(error)")
            throw ExitCode(2)
        }
        try send("POST", name == "call" ? "/api/calls" : "/api/actions", name == "call" ? fields : body)
    }

    /// Sends one request and prints the answer; throws the exit status for a refusal.
    func send(_ method: String, _ path: String, _ body: [(String, OrderedJSON.Value)]? = nil) throws {
        let (url, token) = try resolve()
        let reply: LoopbackClient.Reply
        do {
            reply = try LoopbackClient(url: url, token: token).request(method, path, body: body.map(OrderedJSON.encode))
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
        printSafe(reply.body.hasSuffix("\n") ? String(reply.body.dropLast()) : reply.body)
        if reply.status >= 400 {
            let message = (try? JSONValue.parse(reply.body))?["error"]?.stringValue ?? "HTTP \(reply.status)"
            printError("refused (\(reply.status)): \(message)")
            throw ExitCode(reply.status == 401 || reply.status == 403 ? 2 : 1)
        }
    }
}

/// A session to act on, when not the obvious one.
struct SessionOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(ActionCatalog.help("answer", "session")))
    var session: String?

    var fields: [(String, OrderedJSON.Value)] { session.map { [("session", .string($0))] } ?? [] }
}

struct SendCallOut: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "callout",
        abstract: "Post a call-out as a screen-pop page does ({source: ccc-sdk, payload: {event: callOut, message}}).")
    @OptionGroup var connection: Connection
    @Option(name: .long, help: "The number to call.") var phone: String
    @Option(name: .long, help: "Text shown instead of the number.") var desc: String?
    @Option(name: .long, help: "The page it comes from (a tab name).") var page: String?

    func run() throws {
        var message: [(String, OrderedJSON.Value)] = [("phoneNumber", .string(phone))]
        if let desc { message.append(("desc", .string(desc))) }
        let query = page.map { "?page=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") } ?? ""
        try connection.send("POST", "/api/messages" + query, [
            ("source", .string("ccc-sdk")),
            ("payload", .object([("event", .string("callOut")), ("message", .object(message))])),
        ])
    }
}

struct SendCall: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "call", abstract: ActionCatalog.summary("call"))
    @OptionGroup var connection: Connection
    @Option(name: .long, help: ArgumentHelp(ActionCatalog.help("call", "type"))) var type: SessionType?
    @Option(name: .long, help: ArgumentHelp(ActionCatalog.help("call", "mobile"))) var mobile: String?
    @Option(name: .long, help: ArgumentHelp(ActionCatalog.help("call", "nickName"))) var nick: String?
    @Option(name: .customLong("user-id"), help: ArgumentHelp(ActionCatalog.help("call", "userId"))) var userId: String?
    @Option(name: .long, help: ArgumentHelp(ActionCatalog.help("call", "avatar"))) var avatar: String?
    @Option(name: .long, help: ArgumentHelp(ActionCatalog.help("call", "timeout"))) var timeout: Double?
    @Option(name: .long, help: ArgumentHelp(ActionCatalog.help("call", "patience"))) var patience: Double?

    func run() throws {
        var body: [(String, OrderedJSON.Value)] = []
        for (key, value) in [("type", type?.rawValue), ("mobile", mobile), ("nickName", nick), ("userId", userId), ("avatar", avatar)] {
            if let value { body.append((key, .string(value))) }
        }
        if let timeout { body.append(("timeout", .number(timeout))) }
        if let patience { body.append(("patience", .number(patience))) }
        try connection.act("call", body)
    }
}

/// An action that takes at most a session.
protocol SessionAction: ParsableCommand {
    static var action: String { get }
    var connection: Connection { get }
    var target: SessionOption { get }
}

extension SessionAction {
    func run() throws {
        try connection.act(Self.action, target.fields)
    }
}

struct SendAnswer: SessionAction {
    static let configuration = CommandConfiguration(commandName: "answer", abstract: ActionCatalog.summary("answer"))
    static let action = "answer"
    @OptionGroup var connection: Connection
    @OptionGroup var target: SessionOption
}

struct SendHangup: SessionAction {
    static let configuration = CommandConfiguration(commandName: "hangup", abstract: ActionCatalog.summary("hangup"))
    static let action = "hangup"
    @OptionGroup var connection: Connection
    @OptionGroup var target: SessionOption
}

struct SendHold: SessionAction {
    static let configuration = CommandConfiguration(commandName: "hold", abstract: ActionCatalog.summary("hold"))
    static let action = "hold"
    @OptionGroup var connection: Connection
    @OptionGroup var target: SessionOption
}

struct SendResume: SessionAction {
    static let configuration = CommandConfiguration(commandName: "resume", abstract: ActionCatalog.summary("resume"))
    static let action = "resume"
    @OptionGroup var connection: Connection
    @OptionGroup var target: SessionOption
}

struct SendMute: SessionAction {
    static let configuration = CommandConfiguration(commandName: "mute", abstract: ActionCatalog.summary("mute"))
    static let action = "mute"
    @OptionGroup var connection: Connection
    @OptionGroup var target: SessionOption
}

struct SendUnmute: SessionAction {
    static let configuration = CommandConfiguration(commandName: "unmute", abstract: ActionCatalog.summary("unmute"))
    static let action = "unmute"
    @OptionGroup var connection: Connection
    @OptionGroup var target: SessionOption
}

struct SendCalleeAnswer: SessionAction {
    static let configuration = CommandConfiguration(commandName: "callee-answer", abstract: ActionCatalog.summary("calleeAnswer"))
    static let action = "calleeAnswer"
    @OptionGroup var connection: Connection
    @OptionGroup var target: SessionOption
}

struct SendCallBack: SessionAction {
    static let configuration = CommandConfiguration(commandName: "callback", abstract: ActionCatalog.summary("callBack"))
    static let action = "callBack"
    @OptionGroup var connection: Connection
    @OptionGroup var target: SessionOption
}

struct SendTransfer: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "transfer", abstract: ActionCatalog.summary("transfer"))
    @OptionGroup var connection: Connection
    @OptionGroup var target: SessionOption
    @Option(name: .long, help: ArgumentHelp(ActionCatalog.help("transfer", "to"))) var to: String

    func run() throws {
        try connection.act("transfer", [("to", .string(to))] + target.fields)
    }
}

struct SendDTMF: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dtmf", abstract: ActionCatalog.summary("dtmf"))
    @OptionGroup var connection: Connection
    @OptionGroup var target: SessionOption
    @Argument(help: ArgumentHelp(ActionCatalog.help("dtmf", "digits"))) var digits: String

    func run() throws {
        try connection.act("dtmf", [("digits", .string(digits))] + target.fields)
    }
}

struct SendStatus: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: ActionCatalog.summary("status"))
    @OptionGroup var connection: Connection
    @Argument(help: "The status to choose (rest needs --reason).") var status: AgentStatus
    @Option(name: .long, help: ArgumentHelp(ActionCatalog.help("status", "reason"))) var reason: String?

    func run() throws {
        try connection.act("status", [("status", .string(status.rawValue))] + (reason.map { [("reason", .string($0))] } ?? []))
    }
}

struct SendWrapUp: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "wrapup", abstract: ActionCatalog.summary("wrapUp"))
    @OptionGroup var connection: Connection
    @Argument(help: "done: back to free now; keepGoing: stop the countdown.") var choice: WrapUp = .done

    func run() throws {
        try connection.act("wrapUp", [("choice", .string(choice.rawValue))])
    }
}

struct SendDialpad: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dialpad", abstract: ActionCatalog.summary("dialpad"))
    @OptionGroup var connection: Connection
    @Argument(help: ArgumentHelp(ActionCatalog.help("dialpad", "keys"))) var keys: String

    func run() throws {
        try connection.act("dialpad", [("keys", .string(keys))])
    }
}

struct SendDial: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dial", abstract: ActionCatalog.summary("dial"))
    @OptionGroup var connection: Connection

    func run() throws {
        try connection.act("dial", [])
    }
}

struct SendState: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "state", abstract: "Print the whole state (JSON).")
    @OptionGroup var connection: Connection

    func run() throws {
        try connection.send("GET", "/api/state")
    }
}

struct SendBridge: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bridge", abstract: "Print the bridge page's address (with its token) to open in a browser.")
    @OptionGroup var connection: Connection

    func run() throws {
        let (url, token) = try connection.resolve()
        printSafe(WorkstationServer.bridgeURL(base: url, token: token))
    }
}
