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

    /// The actions `POST /api/actions` takes, with the fields each reads.
    public static let actionFields: [(name: String, fields: [String])] = [
        ("call", ["type", "mobile", "userId", "nickName", "avatar", "timeout"]),
        ("answer", ["session"]), ("hangup", ["session", "closeBy"]),
        ("hold", ["session"]), ("resume", ["session"]), ("mute", ["session"]), ("unmute", ["session"]),
        ("transfer", ["session", "to"]), ("dtmf", ["session", "digits"]),
        ("status", ["status", "reason"]), ("wrapUp", ["choice"]), ("select", ["session"]),
        ("dial", []), ("dialpad", ["keys"]), ("dialpadBackspace", []), ("dialpadClear", []),
        ("calleeAnswer", ["session"]), ("message", ["message", "page"]),
    ]

    /// The request's problem, said so a script's author can fix it.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public init(_ message: String) { self.message = message }
        public var description: String { message }
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
        return fields
    }

    /// `POST /api/calls`: `{type, mobile, userId, nickName, avatar, timeout}`, all optional.
    public static func call(body: String) throws(Problem) -> APIRequest {
        let fields = try object(body)
        try known(fields, APIRequest.actionFields[0].fields, in: "a call")
        return .call(try incomingCall(fields))
    }

    /// `POST /api/messages`: exactly what a page posts, `{source, payload: {event, message}}`.
    /// Any JSON is accepted here; the workstation decides what becomes of it.
    public static func message(body: String, page: String?) throws(Problem) -> APIRequest {
        guard !body.isEmpty else { throw Problem("the body is empty; send what the page posts, e.g. {\"source\":\"ccc-sdk\",\"payload\":{...}}") }
        do {
            return .message(try JSONValue.parse(body), page: page)
        } catch {
            throw Problem("the body is not valid JSON")
        }
    }

    /// `POST /api/actions`: `{"action": NAME, ...its fields}`.
    public static func action(body: String) throws(Problem) -> APIRequest {
        let fields = try object(body)
        guard let nameValue = fields["action"] else {
            throw Problem("missing \"action\"; one of " + actionFields.map(\.name).joined(separator: ", "))
        }
        guard let name = nameValue.stringValue else {
            throw Problem("\"action\" must be text, not \(nameValue.kindDescription)")
        }
        guard let entry = actionFields.first(where: { $0.name == name }) else {
            let hint = NearestName.suggestion(for: name, among: actionFields.map(\.name)).map { "; did you mean \"\($0)\"?" } ?? ""
            throw Problem("unknown action \"\(name)\"\(hint) Known: " + actionFields.map(\.name).joined(separator: ", "))
        }
        var rest = fields
        rest["action"] = nil
        try known(rest, entry.fields, in: "\"\(name)\"")
        let session = try text(rest, "session").map { SessionID($0) }
        switch name {
        case "call": return .call(try incomingCall(rest))
        case "answer": return .actions([.answer(session)])
        case "hangup":
            let closeBy = try choice(rest, "closeBy", as: CloseBy.self) ?? .seat
            return .actions([.hangUp(session, closeBy: closeBy)])
        case "hold": return .actions([.hold(session)])
        case "resume": return .actions([.resume(session)])
        case "mute": return .actions([.mute(session)])
        case "unmute": return .actions([.unmute(session)])
        case "calleeAnswer": return .actions([.calleeAnswer(session)])
        case "transfer":
            guard let to = try text(rest, "to"), !to.isEmpty else { throw Problem("\"transfer\" needs \"to\": a skill group or an agent") }
            return .actions([.transfer(session, to: to)])
        case "dtmf":
            guard let digits = try text(rest, "digits") else { throw Problem("\"dtmf\" needs \"digits\", e.g. \"12#\"") }
            guard !digits.isEmpty, digits.count <= 64, digits.allSatisfy(Dialpad.isDTMFTone) else {
                throw Problem("\"digits\" must be 1 to 64 tones: 0-9, * and #")
            }
            return .actions([.sendDTMF(session, digits: digits)])
        case "status":
            guard let status = try choice(rest, "status", as: AgentStatus.self) else {
                throw Problem("\"status\" needs \"status\": " + AgentStatus.selectable.map(\.rawValue).joined(separator: ", "))
            }
            guard AgentStatus.selectable.contains(status) else {
                throw Problem("\(status.rawValue) is set by the system; choose " + AgentStatus.selectable.map(\.rawValue).joined(separator: ", "))
            }
            let reason = try text(rest, "reason")
            if status == .rest && (reason ?? "").isEmpty { throw Problem("rest needs a \"reason\", e.g. \"午休\"") }
            return .actions([.setStatus(status, reason: reason)])
        case "wrapUp": return .actions([.wrapUp(try choice(rest, "choice", as: WrapUp.self) ?? .done)])
        case "select":
            guard let session else { throw Problem("\"select\" needs \"session\", e.g. \"s1\"") }
            return .actions([.select(session)])
        case "dial": return .actions([.dial])
        case "dialpad":
            guard let keys = try text(rest, "keys"), !keys.isEmpty, keys.count <= 64,
                  keys.allSatisfy({ Dialpad.isDTMFTone($0) || $0 == "+" }) else {
                throw Problem("\"dialpad\" needs \"keys\": 1 to 64 of 0-9, *, # and a leading +")
            }
            return .actions(keys.map { .dialpad(.press($0)) })
        case "dialpadBackspace": return .actions([.dialpad(.backspace)])
        case "dialpadClear": return .actions([.dialpad(.clear)])
        case "message":
            guard let message = rest["message"] else { throw Problem("\"message\" needs \"message\": what the page posts") }
            return .message(message, page: try text(rest, "page"))
        default:
            throw Problem("unknown action \"\(name)\"")
        }
    }

    // MARK: Fields

    private static func known(_ fields: [String: JSONValue], _ allowed: [String], in what: String) throws(Problem) {
        for key in fields.keys.sorted() where !allowed.contains(key) {
            let hint = NearestName.suggestion(for: key, among: allowed).map { "; did you mean \"\($0)\"?" } ?? ""
            let list = allowed.isEmpty ? "it takes none" : "it takes " + allowed.joined(separator: ", ")
            throw Problem("unknown field \"\(key)\" for \(what)\(hint) (\(list))")
        }
    }

    private static func text(_ fields: [String: JSONValue], _ key: String) throws(Problem) -> String? {
        switch fields[key] {
        case nil, .null?: return nil
        case let .string(s)?:
            guard s.count <= WorkstationConfig.maxTextLength else {
                throw Problem("\"\(key)\" is \(s.count) characters long; at most \(WorkstationConfig.maxTextLength) are accepted")
            }
            return s
        case let .number(n)?: return n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        case let value?: throw Problem("\"\(key)\" must be text, not \(value.kindDescription)")
        }
    }

    private static func choice<T: RawRepresentable & CaseIterable>(_ fields: [String: JSONValue], _ key: String, as: T.Type) throws(Problem) -> T?
    where T.RawValue == String {
        guard let raw = try text(fields, key) else { return nil }
        if let value = T(rawValue: raw) { return value }
        throw Problem("\"\(key)\" is \"\(raw)\"; one of " + T.allCases.map(\.rawValue).joined(separator: ", "))
    }

    private static func incomingCall(_ fields: [String: JSONValue]) throws(Problem) -> IncomingCall {
        var call = IncomingCall(caller: Caller())
        call.type = try choice(fields, "type", as: SessionType.self) ?? .phone
        call.caller = Caller(mobile: try text(fields, "mobile"), userId: try text(fields, "userId"),
                             nickName: try text(fields, "nickName"), avatar: try text(fields, "avatar"))
        switch fields["timeout"] {
        case nil, .null?: break
        case let .number(n)? where n.isFinite && (0...86_400).contains(n): call.ringTimeout = n
        case let value?: throw Problem("\"timeout\" must be seconds from 0 (none) to 86400, not \(value.kindDescription)")
        }
        return call
    }
}
