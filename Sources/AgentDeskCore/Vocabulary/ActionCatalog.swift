/// The workstation's action vocabulary, defined once: every action a scenario
/// step, an API request, `agentdesk send` or a recording can name, with its fields
/// and limits. The scenario reader, the API and the scenario writer are adapters
/// over this table, so a name or a limit exists in one place only.
public enum ActionCatalog {
    public static let all: [ActionSpec] = [
        ActionSpec("call", "An inbound session rings.", fields: [
            ActionField("type", .choice(SessionType.allCases.map(\.rawValue)), help: "phone, im, om or oim (default phone)."),
            ActionField("mobile", .text(maxLength: 64), help: "The caller's number."),
            ActionField("userId", .text(maxLength: 256), help: "The user's id (WeChat: the openID)."),
            ActionField("nickName", .text(maxLength: 256), help: "The caller's name."),
            ActionField("avatar", .text(maxLength: DocumentReader.maxTextLength), help: "The caller's avatar (an image URL)."),
            ActionField("timeout", .seconds(0...86_400), help: "Seconds it rings before the timeout transfer (0: none)."),
            ActionField("patience", .seconds(QueuePolicy.patienceRange),
                        help: "Seconds the caller waits in the queue before hanging up (default: the configuration's queue.patience)."),
        ]) { v throws(ActionProblem) in
            var call = IncomingCall(caller: Caller(mobile: v.texts["mobile"], userId: v.texts["userId"],
                                                   nickName: v.texts["nickName"], avatar: v.texts["avatar"]))
            call.type = v.texts["type"].flatMap(SessionType.init(rawValue:)) ?? .phone
            call.ringTimeout = v.numbers["timeout"] ?? 0
            call.patience = v.numbers["patience"]
            return [.callIn(call)]
        },
        sessionOnly("answer", "Answer the ringing session.") { .answer($0) },
        ActionSpec("hangup", "Hang up (the agent, or closeBy someone else).", fields: [
            session,
            ActionField("closeBy", .choice(CloseBy.allCases.map(\.rawValue)), help: "Who ends it: client, seat (default), admin or timer."),
        ]) { v throws(ActionProblem) in
            [.hangUp(v.session, closeBy: v.texts["closeBy"].flatMap(CloseBy.init(rawValue:)) ?? .seat)]
        },
        sessionOnly("hold", "Put the call on hold.") { .hold($0) },
        sessionOnly("resume", "Take the call off hold.") { .resume($0) },
        sessionOnly("mute", "Mute the microphone.") { .mute($0) },
        sessionOnly("unmute", "Unmute the microphone.") { .unmute($0) },
        ActionSpec("transfer", "Transfer the connected session to a skill group or an agent.", fields: [
            session,
            ActionField("to", .text(maxLength: 128), help: "A skill group or an agent.", required: "say where to: a skill group or an agent"),
        ]) { v throws(ActionProblem) in
            [.transfer(v.session, to: v.texts["to"] ?? "")]
        },
        ActionSpec("dtmf", "Send tones on the connected call.", fields: [
            ActionField("digits", .tones, help: "Tones: 0-9, * and # (at most \(ActionField.maxTones)).", required: "say which tones, e.g. \"12#\""),
            session,
        ], primary: "digits") { v throws(ActionProblem) in
            [.sendDTMF(v.session, digits: v.texts["digits"] ?? "")]
        },
        ActionSpec("status", "Choose the agent's status.", fields: [
            ActionField("status", .choice(AgentStatus.allCases.map(\.rawValue)), help: "free, notReady, rest or offline.",
                        required: "say which: " + AgentStatus.selectable.map(\.rawValue).joined(separator: ", ")),
            ActionField("reason", .text(maxLength: 64), help: "Why (rest needs one, e.g. 午休)."),
        ], primary: "status") { v throws(ActionProblem) in
            guard let status = v.texts["status"].flatMap(AgentStatus.init(rawValue:)) else { return [] }
            guard AgentStatus.selectable.contains(status) else {
                throw ActionProblem(field: "status", "\(status.rawValue) is set by the system; choose "
                    + AgentStatus.selectable.map(\.rawValue).joined(separator: ", "))
            }
            let reason = v.texts["reason"]
            if status == .rest && (reason ?? "").trimmingWhitespace.isEmpty {
                throw ActionProblem(field: "status", "rest needs a reason: add 'reason: 午休'")
            }
            return [.setStatus(status, reason: reason)]
        },
        ActionSpec("wrapUp", "End after-call work (done) or keep wrapping up (keepGoing).", fields: [
            ActionField("choice", .choice(WrapUp.allCases.map(\.rawValue)), help: "done (default) or keepGoing."),
        ], primary: "choice") { v throws(ActionProblem) in
            [.wrapUp(v.texts["choice"].flatMap(WrapUp.init(rawValue:)) ?? .done)]
        },
        ActionSpec("select", "Look at another session.", fields: [
            ActionField("session", .session, help: "The session, e.g. s2.", required: "say which session, e.g. s1"),
        ], primary: "session") { v throws(ActionProblem) in
            [.select(v.session ?? SessionID(""))]
        },
        ActionSpec("message", "What a screen-pop page posts to its parent.", fields: [
            ActionField("message", .json, help: "The posted value: {source, payload: {event, message}}.",
                        required: "give what the page posts"),
            ActionField("page", .text(maxLength: 128), help: "The tab it comes from."),
        ], primary: "message") { v throws(ActionProblem) in
            [.pageMessage(v.json["message"] ?? .null, page: v.texts["page"])]
        },
        ActionSpec("dial", "Call the number on the dialpad.") { _ throws(ActionProblem) in [.dial] },
        ActionSpec("dialpad", "Type keys on the dialpad.", fields: [
            ActionField("keys", .keys, help: "Keys: 0-9, *, # and a leading + (at most \(ActionField.maxKeys)).",
                        required: "say which keys, e.g. \"138\""),
        ], primary: "keys") { v throws(ActionProblem) in
            (v.texts["keys"] ?? "").map { .dialpad(.press($0)) }
        },
        ActionSpec("dialpadBackspace", "Delete the dialpad's last key.") { _ throws(ActionProblem) in [.dialpad(.backspace)] },
        ActionSpec("dialpadClear", "Clear the dialpad.") { _ throws(ActionProblem) in [.dialpad(.clear)] },
        sessionOnly("calleeAnswer", "The called party picks up an outbound call.") { .calleeAnswer($0) },
        sessionOnly("callBack", "Put a past session's number on the dialpad (default: the newest missed call).") { .callBack($0) },
    ] + chatActions

    public static let names = all.map(\.name)

    /// Every field name any action takes.
    public static let fieldNames: [String] = {
        var seen: [String] = []
        for field in all.flatMap(\.fields) where !seen.contains(field.name) { seen.append(field.name) }
        return seen
    }()

    /// The actions that take a field, for "'reason' goes with 'status: rest'".
    static func owners(of field: String) -> String {
        all.filter { $0.field(field) != nil }.map { "'\($0.name)'" }.joined(separator: ", ")
    }

    public static func spec(_ name: String) -> ActionSpec? { all.first { $0.name == name } }

    /// An action's summary, for `send`'s help.
    public static func summary(_ action: String) -> String { spec(action)?.summary ?? "" }

    /// A field's help, for `send`'s options.
    public static func help(_ action: String, _ field: String) -> String { spec(action)?.field(field)?.help ?? "" }

    static let session = ActionField("session", .session, help: "The session (e.g. s1); default: the selected or live one.")

    private static func sessionOnly(_ name: String, _ summary: String, _ make: @escaping @Sendable (SessionID?) -> Action) -> ActionSpec {
        ActionSpec(name, summary, fields: [session]) { v throws(ActionProblem) in [make(v.session)] }
    }
}
