/// The screen-pop URL fragment: `#?` then `key=value` pairs joined by `&`.
///
/// Encoding percent-encodes every byte of a value's UTF-8 except the unreserved
/// ASCII characters (`A-Z a-z 0-9 - . _ ~`), so nothing a browser treats specially
/// (`&`, `=`, `#`, `%`, `+`, space) ever appears bare; in particular `+`, which
/// `URLSearchParams` reads as a space, always goes out as `%2B`.
/// Decoding follows the WHATWG `application/x-www-form-urlencoded` parser that
/// `URLSearchParams` uses, so tests can assert what a real page will see.
public enum HashCodec {
    /// The URL a page receives: `base` with its own fragment (if any) replaced by
    /// `#?` and the parameters. No parameters: `base` unchanged.
    public static func url(base: String, parameters: [(key: String, value: String)]) -> String {
        guard !parameters.isEmpty else { return base }
        let withoutFragment = base.firstIndex(of: "#").map { String(base[..<$0]) } ?? base
        return withoutFragment + "#" + query(parameters)
    }

    /// `?k=v&k2=v2`, each key and value percent-encoded.
    public static func query(_ parameters: [(key: String, value: String)]) -> String {
        "?" + parameters.map { encode($0.key) + "=" + encode($0.value) }.joined(separator: "&")
    }

    /// Percent-encodes all but unreserved ASCII, as UTF-8.
    public static func encode(_ text: String) -> String {
        if text.utf8.allSatisfy(isUnreserved) { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count * 3)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The fragment of a URL (after `#`), or nil when it has none.
    public static func fragment(of url: String) -> String? {
        url.firstIndex(of: "#").map { String(url[url.index(after: $0)...]) }
    }

    /// The hash parameters of a URL as a page reads them (none without a fragment).
    public static func parameters(of url: String) -> [(key: String, value: String)] {
        fragment(of: url).map(decode) ?? []
    }

    /// What `new URLSearchParams(text)` holds: a leading `?` is dropped, pairs split
    /// on `&`, empty pairs skipped, name and value split at the first `=`, `+` read
    /// as a space, then percent-decoded bytes read as UTF-8 (bad bytes become U+FFFD).
    public static func decode(_ text: String) -> [(key: String, value: String)] {
        var bytes = Array(text.utf8)
        if bytes.first == UInt8(ascii: "?") { bytes.removeFirst() }
        var result: [(key: String, value: String)] = []
        for sequence in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let name: ArraySlice<UInt8>
            let value: ArraySlice<UInt8>
            if let eq = sequence.firstIndex(of: UInt8(ascii: "=")) {
                name = sequence[..<eq]
                value = sequence[(eq + 1)...]
            } else {
                name = sequence
                value = []
            }
            result.append((percentDecode(name), percentDecode(value)))
        }
        return result
    }

    private static func percentDecode(_ input: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        var i = input.startIndex
        while i < input.endIndex {
            let byte = input[i]
            if byte == UInt8(ascii: "+") {
                out.append(0x20)
            } else if byte == UInt8(ascii: "%"), i + 2 < input.endIndex,
                let high = hexValue(input[i + 1]), let low = hexValue(input[i + 2])
            {
                out.append(high << 4 | low)
                i += 3
                continue
            } else {
                out.append(byte)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
