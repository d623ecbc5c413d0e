import AgentDeskCore

/// What a request to the API asks of the workstation, read from its JSON body.
/// Parsing is pure; the run loop carries the request out (see `APIProcessor`).
public enum APIRequest: Sendable, Equatable {
    /// `POST /api/calls`: an inbound session rings.
    case call(IncomingCall)
    /// `POST /api/messages`: what a page posted to its parent, from `page` when known.
    case message(JSONValue, page: String?)
    /// `POST /api/actions`: anything the agent can do (typing keys on the dialpad is one action per key).
    case actions([Action])
    /// `GET /api/state`.
    case state

    /// The request's problem, said so a script's author can fix it.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public init(_ message: String) { self.message = message }
        public var description: String { message }
    }

    /// Values nest no deeper than a file may: what the API accepts, `record` writes and its reader reads back.
    static func withinDepth(_ value: JSONValue) throws(Problem) {
        // A recording writes a message four levels down (steps, step, message, …).
        let limit = DocumentLimits.standard.maxDepth - 4
        guard value.nests(atMost: limit) else { throw Problem("the body nests deeper than \(limit) levels") }
    }

    /// Reads a JSON body as an object, or says what is wrong with it.
    static func object(_ body: String) throws(Problem) -> [String: JSONValue] {
        guard !body.isEmpty else { throw Problem("the body is empty; send a JSON object") }
        let value: JSONValue
        do {
            value = try JSONValue.parse(body)
        } catch {
            throw Problem("the body is not valid JSON")
        }
        guard case let .object(fields) = value else {
            throw Problem("the body must be a JSON object, not \(value.kindDescription)")
        }
        try withinDepth(value)
        return fields
    }

    /// `POST /api/calls`: `{type, mobile, userId, nickName, avatar, timeout}`, all optional.
    public static func call(body: String) throws(Problem) -> APIRequest {
        let fields = try object(body)
        return .call(try actions("call", fields, in: "a call").compactMap { action -> IncomingCall? in
            if case let .callIn(call) = action { return call }
            return nil
        }.first ?? IncomingCall(caller: Caller()))
    }

    /// `POST /api/messages`: exactly what a page posts, `{source, payload: {event, message}}`.
    /// Any JSON is accepted here; the workstation decides what becomes of it.
    public static func message(body: String, page: String?) throws(Problem) -> APIRequest {
        guard !body.isEmpty else { throw Problem("the body is empty; send what the page posts, e.g. {\"source\":\"ccc-sdk\",\"payload\":{...}}") }
        let value: JSONValue
        do {
            value = try JSONValue.parse(body)
        } catch {
            throw Problem("the body is not valid JSON")
        }
        try withinDepth(value)
        return .message(value, page: page)
    }

    /// `POST /api/actions`: `{"action": NAME, ...its fields}`, NAME and fields as the
    /// vocabulary (`ActionCatalog`) defines them, the same as a scenario step's.
    public static func action(body: String) throws(Problem) -> APIRequest {
        var fields = try object(body)
        guard let nameValue = fields["action"] else {
            throw Problem("missing \"action\"; one of " + ActionCatalog.names.joined(separator: ", "))
        }
        guard let name = nameValue.stringValue else {
            throw Problem("\"action\" must be text, not \(nameValue.kindDescription)")
        }
        guard ActionCatalog.spec(name) != nil else {
            let hint = NearestName.suggestion(for: name, among: ActionCatalog.names).map { "; did you mean \"\($0)\"?" } ?? ""
            throw Problem("unknown action \"\(DocumentReader.short(name))\"\(hint) Known: " + ActionCatalog.names.joined(separator: ", "))
        }
        fields["action"] = nil
        let actions = try actions(name, fields, in: "\"\(name)\"")
        if actions.count == 1, case let .pageMessage(message, page) = actions[0] { return .message(message, page: page) }
        if actions.count == 1, case let .callIn(call) = actions[0] { return .call(call) }
        return .actions(actions)
    }

    /// Reads an action's fields from a request body with the vocabulary's reader;
    /// the first problem found is the answer.
    private static func actions(_ name: String, _ fields: [String: JSONValue], in what: String) throws(Problem) -> [Action] {
        guard let spec = ActionCatalog.spec(name) else { throw Problem("unknown action \"\(name)\"") }
        for key in fields.keys.sorted() where spec.field(key) == nil {
            let hint = NearestName.suggestion(for: key, among: spec.fieldNames).map { "; did you mean \"\($0)\"?" } ?? ""
            let list = spec.fields.isEmpty ? "it takes none" : "it takes " + spec.fieldNames.joined(separator: ", ")
            throw Problem("unknown field \"\(DocumentReader.short(key))\" for \(what)\(hint) (\(list))")
        }
        let node = DocumentNode(.object(fields))
        var arguments: [String: (value: DocumentNode, path: String)] = [:]
        if case let .mapping(pairs, _) = node {
            for (key, value) in pairs { arguments[key.text ?? ""] = (value, "\"\(key.text ?? "")\"") }
        }
        var reader = DocumentReader(file: "request")
        reader.quote = "\""
        guard let actions = spec.read(arguments, at: node, path: "", reader: &reader), reader.errors.isEmpty else {
            let error = reader.errors.first
            let field = error.map(\.field) ?? ""
            let message = error?.message ?? "cannot be read"
            if message.hasPrefix("missing; ") {
                throw Problem("\(what) needs \(field.hasPrefix("\"") ? field : "\"\(field)\""): " + message.dropFirst("missing; ".count))
            }
            throw Problem(field.isEmpty ? message : "\(field): \(message)")
        }
        return actions
    }
}
