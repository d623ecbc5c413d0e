import AgentDeskCore
import AgentDeskUI

/// An answer to an API request: an HTTP status and a JSON body.
public struct APIReply: Sendable, Equatable {
    public var status: Int
    public var body: String

    public init(status: Int, body: String) {
        self.status = status
        self.body = body
    }

    public init(status: Int, _ fields: [(String, OrderedJSON.Value)]) {
        self.init(status: status, body: OrderedJSON.encode(fields))
    }

    public static func error(_ status: Int, _ message: String) -> APIReply {
        APIReply(status: status, [("error", .string(message))])
    }
}

/// Carries out API requests on the workstation. Runs where the model lives, on the
/// run loop's thread, like every other input. What a request did is reported as
/// `agentActions` too, so `agentdesk record` keeps calls and messages that came
/// over the API, and the recording replays the whole flow.
public enum APIProcessor {
    public static func apply(_ request: APIRequest, to model: inout AppModel) -> (reply: APIReply, output: AppModel.Output) {
        switch request {
        case .state:
            return (APIReply(status: 200, body: StateSnapshot.json(of: model)), AppModel.Output())
        case let .call(call):
            var output = model.handle(.action(.callIn(call)))
            if let refusal = refusal(in: output) { return (refused(refusal), output) }
            output.agentActions = [.callIn(call)]
            for case let .callIn(session) in output.occurrences.map(\.event) {
                return (APIReply(status: 201, [("session", .string(session.id.rawValue)), ("status", .number(Double(session.status.rawValue))),
                                               ("display", .string(session.displayName))]), output)
            }
            return (.error(500, "the call did not ring"), output)
        case let .message(message, page):
            var output = model.handle(.action(.pageMessage(message, page: page)))
            output.agentActions = [.pageMessage(message, page: page)]
            for occurrence in output.occurrences {
                guard case let .callOutRequest(outcome, _) = occurrence.event else { continue }
                // The same fields as the transcript's callOutRequest line.
                let fields = Transcript.fields(of: occurrence.event)
                let status: Int = switch outcome {
                case .accepted, .ignored: 200
                case .refused, .unsupported: 422
                }
                return (APIReply(status: status, fields), output)
            }
            return (.error(500, "the message was not handled"), output)
        case let .actions(actions):
            var all = AppModel.Output()
            for action in actions {
                var output = model.handle(.action(action))
                if let refusal = refusal(in: output) {
                    all.append(output)
                    return (refused(refusal), all)
                }
                output.agentActions = [action]
                all.append(output)
            }
            let events: [OrderedJSON.Value] = all.occurrences.map { OrderedJSON.Value.string($0.event.name) }
            return (APIReply(status: 200, [("ok", .bool(true)), ("events", .array(events))]), all)
        }
    }

    static func refusal(in output: AppModel.Output) -> Refusal? {
        for case let .refused(refusal) in output.occurrences.map(\.event) { return refusal }
        return nil
    }

    static func refused(_ refusal: Refusal) -> APIReply {
        APIReply(status: 409, [("error", .string(refusal.reason)), ("action", .string(refusal.action))])
    }
}
