extension CallOutRequest {
    /// Parses JSON text as a page's posted message.
    public static func parse(json text: String) -> CallOutOutcome {
        let value: JSONValue
        do {
            value = try JSONValue.parse(text)
        } catch {
            return .ignored(reason: "not valid JSON")
        }
        return parse(value)
    }

    /// Judges a posted message: exactly
    /// `{source: 'ccc-sdk', payload: {event: 'callOut', message: {phoneNumber, desc?}}}`.
    public static func parse(_ data: JSONValue) -> CallOutOutcome {
        guard case let .object(envelope) = data else {
            if case .string = data {
                return .ignored(reason: "the message is text, not an object; post the object itself, not JSON.stringify of it")
            }
            return .ignored(reason: "the message is \(data.kindDescription), not an object")
        }
        guard let source = envelope["source"] else {
            return .ignored(reason: "no source field; not a ccc-sdk message")
        }
        guard source == .string("ccc-sdk") else {
            return .ignored(reason: "source is \(source.kindDescription), not \"ccc-sdk\"")
        }
        var notes = unknownFields(envelope, known: ["source", "payload"], at: "")

        guard let payloadValue = envelope["payload"] else {
            return .refused(reason: "payload is missing", phoneNumber: nil, desc: nil)
        }
        guard case let .object(payload) = payloadValue else {
            return .refused(reason: "payload must be an object, found \(payloadValue.kindDescription)", phoneNumber: nil, desc: nil)
        }
        guard let eventValue = payload["event"] else {
            return .refused(reason: "payload.event is missing", phoneNumber: nil, desc: nil)
        }
        guard case let .string(event) = eventValue else {
            return .refused(reason: "payload.event must be text, found \(eventValue.kindDescription)", phoneNumber: nil, desc: nil)
        }
        guard event == "callOut" else {
            return .unsupported(event: event)
        }
        notes += unknownFields(payload, known: ["event", "message"], at: "payload.")

        guard let messageValue = payload["message"] else {
            return .refused(reason: "payload.message is missing", phoneNumber: nil, desc: nil)
        }
        guard case let .object(message) = messageValue else {
            return .refused(reason: "payload.message must be an object, found \(messageValue.kindDescription)", phoneNumber: nil, desc: nil)
        }
        notes += unknownFields(message, known: ["phoneNumber", "desc"], at: "payload.message.")

        // desc first, so a refusal of the number still reports the desc that came with it.
        var desc: String?
        switch message["desc"] {
        case nil, .null?:
            break
        case let .string(text)?:
            desc = text
        case let other?:
            notes.append("desc is \(other.kindDescription), not text; the number is shown instead")
        }

        guard let numberValue = message["phoneNumber"] else {
            return .refused(reason: "phoneNumber is required", phoneNumber: nil, desc: desc)
        }
        guard case let .string(rawNumber) = numberValue else {
            return .refused(
                reason: "phoneNumber must be text (in quotes), found \(numberValue.kindDescription)", phoneNumber: nil, desc: desc)
        }
        if let problem = dialProblem(rawNumber) {
            return .refused(reason: problem, phoneNumber: rawNumber, desc: desc)
        }
        if let desc, desc.count > maxDescLength {
            return .refused(
                reason: "desc is \(desc.count) characters long; at most \(maxDescLength) are shown, and it is not cut short silently",
                phoneNumber: rawNumber, desc: desc)
        }
        return .accepted(CallOutRequest(phoneNumber: dialable(rawNumber), desc: desc), notes: notes)
    }

    /// The number with the spaces and dashes people write removed.
    public static func dialable(_ raw: String) -> String {
        String(raw.unicodeScalars.filter { $0 != " " && $0 != "-" }.map(Character.init))
    }

    /// Why a number cannot be dialled, or nil: digits, an optional leading `+`, `*`
    /// and `#`; at least one digit; at most `maxPhoneNumberLength` characters.
    public static func dialProblem(_ raw: String) -> String? {
        let number = dialable(raw)
        let quoted = "\"\(raw.count > 40 ? String(raw.prefix(40)) + "…" : raw)\"".debugEscaped
        if number.isEmpty {
            return raw.isEmpty ? "phoneNumber is empty" : "phoneNumber \(quoted) has no digits"
        }
        if number.count > maxPhoneNumberLength {
            return "phoneNumber is \(number.count) characters long; at most \(maxPhoneNumberLength) can be dialled"
        }
        for (offset, scalar) in number.unicodeScalars.enumerated() {
            switch scalar {
            case "0"..."9", "*", "#": continue
            case "+" where offset == 0: continue
            case "+":
                return "phoneNumber \(quoted) is not a dialable number: + may only come first"
            default:
                return "phoneNumber \(quoted) is not a dialable number: only digits, a leading +, * and # can be dialled"
            }
        }
        if !number.unicodeScalars.contains(where: { ("0"..."9").contains($0) }) {
            return "phoneNumber \(quoted) has no digits"
        }
        return nil
    }

    private static func unknownFields(_ object: [String: JSONValue], known: Set<String>, at prefix: String) -> [String] {
        object.keys.filter { !known.contains($0) }.sorted().map { "unknown field \(prefix)\($0) ignored" }
    }
}
