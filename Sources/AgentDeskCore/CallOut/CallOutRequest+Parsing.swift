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
            if event.trimmingWhitespace.lowercased() == "callout" {
                return .refused(reason: "payload.event is \"\(DocumentReader.short(event).debugEscaped)\"; did you mean \"callOut\"?", phoneNumber: nil, desc: nil)
            }
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
        case let .string(text)? where isInvisible(text):
            if !text.isEmpty { notes.append("desc has nothing visible in it; the number is shown instead") }
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
        // Counted in Unicode scalars: one letter with a million combining marks is long.
        if let desc, desc.unicodeScalars.count > maxDescLength {
            return .refused(
                reason: "desc is \(desc.unicodeScalars.count) characters long; at most \(maxDescLength) are shown, and it is not cut short silently",
                phoneNumber: rawNumber, desc: desc)
        }
        return .accepted(CallOutRequest(phoneNumber: dialable(rawNumber), desc: desc), notes: notes)
    }

    /// The number as a softphone reads what people write: surrounding whitespace
    /// (newlines too) and a `tel:` prefix dropped, RFC 3966's visual separators
    /// (`-`, `.`, `(`, `)`) and spaces (no-break and ideographic too) removed,
    /// full-width digits and `＋＊＃` (and full-width separators) made plain.
    /// What is left is checked by `dialProblem`.
    public static func dialable(_ raw: String) -> String {
        // What pages nearly always send: plain digits (and + * #) with nothing to drop.
        if isPlainNumber(raw) { return raw }
        var text = Substring(raw.trimmingWhitespace)
        if text.lowercased().hasPrefix("tel:") { text = text.dropFirst(4) }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if visualSeparators.contains(scalar) || scalar.properties.isWhitespace { continue }
            switch scalar.value {
            case 0xFF10...0xFF19: out.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
            case 0xFF0B: out.append("+")
            case 0xFF0A: out.append("*")
            case 0xFF03: out.append("#")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// RFC 3966's visual separators, in their ASCII and full-width forms, and the
    /// dashes people paste from documents.
    private static let visualSeparators: Set<Unicode.Scalar> = [
        "-", ".", "(", ")", "\u{FF0D}", "\u{FF0E}", "\u{FF08}", "\u{FF09}",
        "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2212}",
    ]

    /// Why a number cannot be dialled, or nil: after `dialable`, digits, an optional
    /// leading `+`, `*` and `#`; at least one digit; at most `maxPhoneNumberLength`.
    public static func dialProblem(_ raw: String) -> String? {
        let number = dialable(raw)
        // Built only for a refusal (it was most of the time of judging a good number).
        var quoted: String { "\"\(DocumentReader.short(raw))\"".debugEscaped }
        if number.isEmpty {
            return raw.isEmpty ? "phoneNumber is empty" : "phoneNumber \(quoted) has no digits"
        }
        if number.unicodeScalars.count > maxPhoneNumberLength {
            return "phoneNumber is \(number.unicodeScalars.count) characters long; at most \(maxPhoneNumberLength) can be dialled"
        }
        for (offset, scalar) in number.unicodeScalars.enumerated() {
            switch scalar {
            case "0"..."9", "*", "#": continue
            case "+" where offset == 0: continue
            case "+":
                return "phoneNumber \(quoted) is not a dialable number: + may only come first"
            default:
                return "phoneNumber \(quoted) is not a dialable number: " + whatIsWrong(with: scalar)
            }
        }
        if !number.unicodeScalars.contains(where: { ("0"..."9").contains($0) }) {
            return "phoneNumber \(quoted) has no digits"
        }
        return nil
    }

    /// Only ASCII digits, `+`, `*` and `#`, and not empty: `dialable` leaves such text
    /// as it is (nothing to trim, drop or make plain).
    @inline(__always)
    static func isPlainNumber(_ raw: String) -> Bool {
        !raw.isEmpty && raw.utf8.allSatisfy { byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "*")
                || byte == UInt8(ascii: "#")
        }
    }

    /// What a character that cannot be dialled is, said exactly.
    private static func whatIsWrong(with scalar: Unicode.Scalar) -> String {
        let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
        switch scalar.value {
        case 0x0660...0x0669, 0x06F0...0x06F9:
            return "Arabic-Indic digits are not dialable; write 0-9"
        default: break
        }
        let properties = scalar.properties
        if properties.numericType == .decimal {
            return "\(code) is a digit of another script; only 0-9 are dialable"
        }
        if properties.isDefaultIgnorableCodePoint || properties.generalCategory == .format {
            return "it holds an invisible character (\(code)); type the number again"
        }
        if properties.generalCategory == .control {
            return "it holds a control character (\(code))"
        }
        if properties.isAlphabetic {
            return "letters are not dialable (a vanity number like 1-800-FLOWERS must be written in digits)"
        }
        if scalar == ";" || scalar == "," {
            return "\(scalar) is not dialable (a pause or tel: parameter); send extensions with * and # or as DTMF after the call connects"
        }
        return "only digits, a leading +, * and # can be dialled"
    }

    /// Text with nothing a person would see: spaces, invisible format characters,
    /// controls. A `desc` like that is as good as none: the number is shown.
    static func isInvisible(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy {
            $0.properties.isWhitespace || $0.properties.isDefaultIgnorableCodePoint
                || $0.properties.generalCategory == .format || $0.properties.generalCategory == .control
        }
    }

    private static func unknownFields(_ object: [String: JSONValue], known: [String], at prefix: String) -> [String] {
        // Nearly always none: the known keys and nothing else.
        if object.count <= known.count, object.keys.allSatisfy(known.contains) { return [] }
        return object.keys.filter { !known.contains($0) }.sorted().map { "unknown field \(prefix)\($0) ignored" }
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
