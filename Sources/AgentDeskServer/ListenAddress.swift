/// Where the server listens: a loopback address and a port, never anything else.
public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    /// `127.0.0.1` or `::1`.
    public var host: String
    /// 0 asks the system for a free port.
    public var port: Int

    public static let defaultPort = 7788
    public static let `default` = ListenAddress(host: "127.0.0.1", port: defaultPort)

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// `127.0.0.1:PORT`, `localhost:PORT`, `[::1]:PORT`, or a bare port.
    public init(parsing text: String) throws(APIRequest.Problem) {
        var host = "127.0.0.1"
        var portText = Substring(text)
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw APIRequest.Problem("\"\(text)\": a [ without its ]") }
            host = String(text[text.index(after: text.startIndex)..<close])
            portText = text[text.index(after: close)...]
            guard portText.hasPrefix(":") else { throw APIRequest.Problem("\"\(text)\": write [::1]:PORT") }
            portText = portText.dropFirst()
        } else if let colon = text.lastIndex(of: ":") {
            host = String(text[..<colon])
            portText = text[text.index(after: colon)...]
        }
        switch host.lowercased() {
        case "127.0.0.1", "localhost": host = "127.0.0.1"
        case "::1": host = "::1"
        default:
            throw APIRequest.Problem("\"\(host)\" is not a loopback address; the server listens only on 127.0.0.1 or [::1], never on a network")
        }
        guard let port = Int(portText), (0...65_535).contains(port) else {
            throw APIRequest.Problem("\"\(portText)\" is not a port (0 to 65535; 0 takes a free one)")
        }
        self.init(host: host, port: port)
    }

    /// How a browser writes it: `127.0.0.1:7788`, `[::1]:7788`.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
