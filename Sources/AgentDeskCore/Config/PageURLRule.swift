/// The rule TCCC applies to a screen-pop page address: absolute `https://` only.
/// Developers' local servers (`http://localhost`, `http://127.0.0.1`) are admitted
/// only behind an explicit `allowInsecureLocalhost: true`.
public enum PageURLRule {
    /// Nil when the URL is acceptable; otherwise what is wrong with it, in a sentence.
    public static func problem(with url: String, allowInsecureLocalhost: Bool) -> String? {
        if url.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) }) {
            return "\"\(url.debugEscaped)\" contains spaces or control characters; percent-encode them"
        }
        guard let schemeEnd = url.range(of: "://") else {
            return "\"\(url)\" is not an absolute URL; write it in full, starting with https://"
        }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        let rest = url[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if authority.contains("@") {
            return "\"\(url)\" carries a user name or password; TCCC pages take none"
        }
        let host = hostName(of: authority)
        if host.isEmpty {
            return "\"\(url)\" has no host name"
        }
        switch scheme {
        case "https":
            return nil
        case "http":
            let local = host == "localhost" || host == "127.0.0.1"
            if local && allowInsecureLocalhost { return nil }
            if local {
                return "http:// is refused by TCCC, which accepts https:// only; for a local development server set allowInsecureLocalhost: true"
            }
            return "http:// is refused by TCCC, which accepts https:// only"
        default:
            return "the scheme \(scheme): is refused; TCCC accepts https:// only"
        }
    }

    private static func hostName(of authority: Substring) -> String {
        var host = authority
        if host.hasPrefix("[") {
            return String(host.prefix { $0 != "]" }.dropFirst()).lowercased()
        }
        if let colon = host.lastIndex(of: ":") {
            let port = host[host.index(after: colon)...]
            if port.allSatisfy(\.isNumber) { host = host[..<colon] }
        }
        return host.lowercased()
    }
}

extension String {
    /// The text with control characters written as escapes, for quoting bad input in a message.
    var debugEscaped: String {
        var out = ""
        for scalar in unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
