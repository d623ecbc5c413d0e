import AgentDeskCore
import Foundation

/// One message from the browser: the answer to a command (by its id), or an event.
public enum CDPMessage: Sendable, Equatable {
    case response(id: Int, result: Result<JSONValue, CDPProtocolError>)
    case event(CDPEvent)

    /// Reads one NUL-free message; nil (with why) when it is not one the protocol sends.
    public static func parse(_ bytes: [UInt8]) -> Result<CDPMessage, CDPUnreadable> {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        } catch {
            return .failure(CDPUnreadable(text: String(decoding: bytes.prefix(200), as: UTF8.self), why: "not JSON"))
        }
        guard case .object = value else {
            return .failure(CDPUnreadable(text: String(decoding: bytes.prefix(200), as: UTF8.self), why: "not an object"))
        }
        if case let .number(n)? = value["id"], let id = Int(exactly: n) {
            if let error = value["error"] {
                var code = 0
                if case let .number(c)? = error["code"] { code = Int(c) }
                let message = error["message"]?.stringValue ?? "(no message)"
                let data = error["data"]?.stringValue
                return .success(.response(id: id, result: .failure(CDPProtocolError(code: code, message: message, data: data))))
            }
            return .success(.response(id: id, result: .success(value["result"] ?? .object([:]))))
        }
        if let method = value["method"]?.stringValue {
            return .success(.event(CDPEvent(method: method, params: value["params"] ?? .object([:]),
                                            sessionId: value["sessionId"]?.stringValue)))
        }
        return .failure(CDPUnreadable(text: String(decoding: bytes.prefix(200), as: UTF8.self), why: "neither an answer (id) nor an event (method)"))
    }
}

/// Something the browser sent without being asked (`Runtime.exceptionThrown`, …).
public struct CDPEvent: Sendable, Equatable {
    public var method: String
    public var params: JSONValue
    /// The target session it belongs to (flat sessions); nil for the browser's own.
    public var sessionId: String?

    public init(method: String, params: JSONValue, sessionId: String? = nil) {
        self.method = method
        self.params = params
        self.sessionId = sessionId
    }
}

/// The browser answered a command with an error.
public struct CDPProtocolError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: Int
    public var message: String
    public var data: String?
    public var description: String { message + (data.map { " (\($0))" } ?? "") }

    public init(code: Int, message: String, data: String? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }
}

/// A message that could not be read (kept for the error that ends the connection).
public struct CDPUnreadable: Error, Sendable, Equatable {
    public var text: String
    public var why: String
}

extension JSONValue {
    public var numberValue: Double? {
        if case let .number(n) = self { return n }
        return nil
    }

    public var boolValue: Bool? {
        if case let .bool(b) = self { return b }
        return nil
    }

    public var arrayValue: [JSONValue] {
        if case let .array(items) = self { return items }
        return []
    }
}
