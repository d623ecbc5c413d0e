import Foundation
import Glibc

/// The rule TCCC applies to a screen-pop page address: absolute `https://` only.
/// Developers' local servers (`http://localhost`, `http://127.0.0.1`) are admitted
/// only behind an explicit `allowInsecureLocalhost: true`. The address is parsed
/// by Foundation's URL parser (RFC 3986), then held to TCCC's rules.
public enum PageURLRule {
    /// Nil when the URL is acceptable; otherwise what is wrong with it, in a sentence.
    public static func problem(with url: String, allowInsecureLocalhost: Bool) -> String? {
        let shown = "\"\(DocumentReader.short(url).debugEscaped)\""
        if url.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) }) {
            return "\(shown) contains spaces or control characters; percent-encode them"
        }
        // Invisible and direction-changing characters hide what the address really is.
        if let hidden = url.unicodeScalars.first(where: { $0.properties.generalCategory == .format || $0.properties.isDefaultIgnorableCodePoint }) {
            return "the address contains an invisible or direction-changing character (U+\(String(hidden.value, radix: 16, uppercase: true))); remove it"
        }
        guard let colon = url.firstIndex(of: ":"), url[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }),
              url[..<colon].first?.isLetter == true else {
            return "\(shown) is not an absolute URL; write it in full, starting with https://"
        }
        let scheme = url[..<colon].lowercased()
        guard scheme == "https" || scheme == "http" else {
            return "the scheme \(scheme): is refused; TCCC accepts https:// only"
        }
        guard url[url.index(after: colon)...].hasPrefix("//") else {
            return "\(shown) is not an absolute URL; write it in full, starting with https://"
        }
        // The port as written: Foundation quietly drops one too large to hold.
        let authority = url[url.index(colon, offsetBy: 3)...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hostAndPort = authority.split(separator: "@").last.map(Substring.init) ?? authority
        let afterHost = hostAndPort.hasPrefix("[") ? hostAndPort.drop { $0 != "]" }.dropFirst() : hostAndPort.drop { $0 != ":" }
        if afterHost.hasPrefix(":") {
            let port = afterHost.dropFirst()
            guard !port.isEmpty, port.count <= 5, port.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(port), (1...65_535).contains(number) else {
                return "\(shown) has the port \"\(DocumentReader.short(String(port)))\"; a port is a number from 1 to 65535"
            }
        }
        guard let components = URLComponents(string: url) else {
            return "\(shown) is not a valid URL (check the host, the port and any [ ] around an IPv6 address)"
        }
        if components.user != nil || components.password != nil {
            return "\(shown) carries a user name or password; TCCC pages take none"
        }
        guard let rawHost = components.host, !rawHost.isEmpty else {
            return "\(shown) has no host name"
        }
        if let port = components.port, !(1...65_535).contains(port) {
            return "\(shown) has port \(port); a port is 1 to 65535"
        }
        // The host as written (Foundation's is percent-encoded for non-ASCII names).
        let writtenHost = hostAndPort.hasPrefix("[") ? String(hostAndPort.prefix { $0 != "]" }) + "]" : String(hostAndPort.prefix { $0 != ":" })
        if let problem = hostProblem(writtenHost) { return "\(shown) \(problem)" }
        let host = rawHost.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if scheme == "https" { return nil }
        let local = host == "localhost" || host == "127.0.0.1"
        if local && allowInsecureLocalhost { return nil }
        if local {
            return "http:// is refused by TCCC, which accepts https:// only; for a local development server set allowInsecureLocalhost: true"
        }
        return "http:// is refused by TCCC, which accepts https:// only"
    }
}

extension PageURLRule {
    /// What a browser would refuse in a host: a bracketed address that is not IPv6
    /// (or carries a zone), a dotted number that is not an IPv4 address, percent
    /// escapes, or characters no host name has.
    static func hostProblem(_ host: String) -> String? {
        if host.hasPrefix("[") {
            let inner = String(host.dropFirst().dropLast())
            var address = in6_addr()
            guard host.hasSuffix("]"), !inner.contains("%"), inet_pton(AF_INET6, inner, &address) == 1 else {
                return "has \"\(DocumentReader.short(host))\" as its host, which is not an IPv6 address"
            }
            return nil
        }
        if host.contains("%") { return "has a percent-encoded host; write the host name itself" }
        if host.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) {
            var address = in_addr()
            guard inet_pton(AF_INET, host, &address) == 1 else { return "has \"\(host)\" as its host, which is not an IPv4 address" }
            return nil
        }
        guard host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_" }), !host.hasPrefix("."), !host.contains("..") else {
            return "has \"\(DocumentReader.short(host))\" as its host, which is not a host name"
        }
        return nil
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
