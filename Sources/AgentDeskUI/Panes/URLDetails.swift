import AgentDeskCore
import Synchronization

/// A page URL's decoded parameters and its one-line summary, kept for the URLs the
/// screen shows: a frame is drawn every second and after every key, and a URL only
/// changes with a hashchange, so each is decoded once rather than every frame.
/// Bounded: the table is emptied when it grows past `limit` URLs.
enum URLDetails {
    struct Details: Sendable {
        var parameters: [(key: String, value: String)]
        var summary: String
    }

    static let limit = 64
    private static let table = Mutex<[String: Details]>([:])

    static func of(_ url: String) -> Details {
        if let known = table.withLock({ $0[url] }) { return known }
        let parameters = HashCodec.parameters(of: url)
        let order = ["status", "type", "mobile", "nickName", "userId"]
        let shown = order.compactMap { key in parameters.first { $0.key == key } }
        let details = Details(parameters: parameters,
                              summary: shown.isEmpty ? url : shown.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        table.withLock { table in
            if table.count >= limit { table.removeAll(keepingCapacity: true) }
            table[url] = details
        }
        return details
    }
}
