/// The one colour decision: colours unless `NO_COLOR` is set and not empty
/// (https://no-color.org). Bold and reverse stay either way.
enum ColorChoice {
    static func enabled(_ environment: [String: String]) -> Bool {
        (environment["NO_COLOR"] ?? "").isEmpty
    }
}
