import AgentDeskCore
import AgentDeskUI
import HTTPTypes
import NIOCore

/// An answer to an API request: an HTTP status and a JSON body.
public struct APIReply: Sendable, Equatable {
    public var status: HTTPResponse.Status
    /// The body as text, or the fields it is made of. A reply made from fields on the
    /// workstation's loop is written out as JSON by the server thread that sends it:
    /// the loop is the one thread every change waits for (issue 12).
    private var content: Content

    private enum Content: Sendable {
        case text(String)
        case fields([(String, OrderedJSON.Value)])
    }

    public var body: String {
        get {
            switch content {
            case let .text(text): text
            case let .fields(fields): OrderedJSON.encode(fields)
            }
        }
        set { content = .text(newValue) }
    }

    public init(status: HTTPResponse.Status, body: String) {
        self.status = status
        content = .text(body)
    }

    public init(status: HTTPResponse.Status, _ fields: [(String, OrderedJSON.Value)]) {
        self.status = status
        content = .fields(fields)
    }

    /// The body as a response carries it: the JSON and a newline.
    public var encodedBody: ByteBuffer {
        var buffer: ByteBuffer
        switch content {
        case let .text(text):
            buffer = ByteBufferAllocator().buffer(capacity: text.utf8.count + 1)
            buffer.writeString(text)
        case let .fields(fields):
            let bytes = OrderedJSON.bytes(.object(fields))
            buffer = ByteBufferAllocator().buffer(capacity: bytes.count + 1)
            buffer.writeBytes(bytes)
        }
        buffer.writeInteger(UInt8(ascii: "\n"))
        return buffer
    }

    public static func == (a: APIReply, b: APIReply) -> Bool { a.status == b.status && a.body == b.body }

    public static func error(_ status: HTTPResponse.Status, _ message: String) -> APIReply {
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
            return (APIReply(status: .ok, body: StateSnapshot.json(of: model)), AppModel.Output())
        case let .call(call):
            var output = model.handle(.action(.callIn(call)))
            if let refusal = refusal(in: output) {
                // The cap on live sessions: too many requests, not a conflict.
                let full = model.core.liveSessionCount >= model.core.config.maxSessions
                    || model.core.queue.count >= model.core.config.queue.capacity
                return (refused(refusal, status: full ? .tooManyRequests : .conflict), output)
            }
            output.agentActions = [.callIn(call)]
            for case let .callIn(session) in output.occurrences.map(\.event) {
                return (APIReply(status: .created, [("session", .string(session.id.rawValue)), ("status", .number(Double(session.status.rawValue))),
                                               ("display", .string(session.displayName))]), output)
            }
            // The agent cannot take it now: it waits in the queue (202, not yet ringing).
            for case let .queued(waiting, position) in output.occurrences.map(\.event) {
                return (APIReply(status: .accepted, [("session", .string(waiting.id.rawValue)), ("queued", .bool(true)),
                                                ("position", .number(Double(position))), ("patience", .number(waiting.patience))]), output)
            }
            return (.error(.internalServerError, "the call did not ring"), output)
        case let .message(message, page):
            if let page, !model.core.visiblePages.contains(where: { $0.name == page }) {
                let showing = model.core.visiblePages.map(\.name)
                return (.error(.unprocessableContent, "no tab named \(String(reflecting: page)) is showing"
                               + (showing.isEmpty ? " (none is)" : "; showing: " + showing.joined(separator: ", "))), AppModel.Output())
            }
            var output = model.handle(.action(.pageMessage(message, page: page)))
            output.agentActions = [.pageMessage(message, page: page)]
            for occurrence in output.occurrences {
                guard case let .callOutRequest(outcome, _) = occurrence.event else { continue }
                // The same fields as the transcript's callOutRequest line.
                let fields = Transcript.fields(of: occurrence.event)
                let status: HTTPResponse.Status = switch outcome {
                case .accepted, .ignored: .ok
                case .refused, .unsupported: .unprocessableContent
                }
                return (APIReply(status: status, fields), output)
            }
            return (.error(.internalServerError, "the message was not handled"), output)
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
            return (APIReply(status: .ok, [("ok", .bool(true)), ("events", .array(events))]), all)
        }
    }

    static func refusal(in output: AppModel.Output) -> Refusal? {
        for case let .refused(refusal) in output.occurrences.map(\.event) { return refusal }
        return nil
    }

    static func refused(_ refusal: Refusal, status: HTTPResponse.Status = .conflict) -> APIReply {
        APIReply(status: status, [("error", .string(refusal.reason)), ("action", .string(refusal.action))])
    }
}
