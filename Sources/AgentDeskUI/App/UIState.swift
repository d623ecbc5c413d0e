import AgentDeskCore

/// What the screen remembers that the workstation does not: focus, the chosen
/// tab, the event feed, prompts, the language.
public struct UIState: Sendable {
    public enum Mode: Sendable, Equatable {
        case main
        case dialpad
        case help
        case confirmQuit
        /// Typing where to transfer the current session.
        case transferPrompt(String)
        /// The selected page's URL, parameters and history, full screen.
        case pageDetail
        /// Every expect of the playing scenario so far (`--stop-on-failure`).
        case results
        /// Typing a reply in the selected chat.
        case reply(ReplyLine)
        /// Choosing a configured card or order to send into the selected chat (the highlighted one).
        case chatAttachments(Int)
        /// Choosing from a list: a transfer target, a rest reason.
        case picker(Picker)
    }

    public struct FeedEntry: Sendable, Equatable {
        public var time: Double
        public var text: String
        public var style: Style
    }

    public var language: Language
    public var colors: Bool
    public var mode: Mode = .main
    /// The page whose tab is chosen; falls back to the first visible tab.
    public var chosenTab: String?
    /// Newest first, bounded.
    public private(set) var feed: [FeedEntry] = []
    /// Each page's latest URL changes, newest first, bounded.
    public private(set) var pageHistory: [String: [FeedEntry]] = [:]
    /// The last refusal or hint, shown above the key hints until the next key.
    public var notice: String?
    /// The wall clock for the header, given by the run loop (the UI never reads a clock).
    public var wallClock: String = ""
    /// Where in the sample callers `i` goes next.
    public var nextSample = 0
    public var size: (width: Int, height: Int) = (80, 24)
    /// The loopback server, when it runs: its address for the header, and the bridge
    /// page's whole address (token included) for the help screen.
    public var bridge: (address: String, url: String)?

    /// True while `agentdesk record` writes what the agent does (the header says REC).
    public var recording = false
    /// Something about the terminal itself (a locale that is not UTF-8), shown on the
    /// notice line whenever nothing else is.
    public var terminalNotice: String?
    /// How many of the newest events the feed has scrolled past (0: the newest shows).
    public private(set) var feedOffset = 0

    /// The transfer prompt's starting text when the configuration names no
    /// timeout-transfer target; the same in every language.
    public static let defaultTransferTarget = "技术支持组"

    public static let feedLimit = 200
    public static let historyLimit = 8

    public init(language: Language, colors: Bool) {
        self.language = language
        self.colors = colors
    }

    mutating func scrollFeed(by lines: Int) {
        feedOffset = max(0, min(feed.count - 1, feedOffset + lines))
    }

    mutating func record(_ entry: FeedEntry) {
        // Scrolled back, the view stays on the same lines as new ones arrive.
        if feedOffset > 0 { feedOffset = min(feedOffset + 1, Self.feedLimit - 1) }
        feed.insert(entry, at: 0)
        if feed.count > Self.feedLimit { feed.removeLast(feed.count - Self.feedLimit) }
    }

    mutating func clearFeed() {
        feed = []
        feedOffset = 0
        pageHistory = [:]
    }

    mutating func recordHashchange(page: String, entry: FeedEntry) {
        var list = pageHistory[page, default: []]
        list.insert(entry, at: 0)
        if list.count > Self.historyLimit { list.removeLast(list.count - Self.historyLimit) }
        pageHistory[page] = list
    }

    public var dialpadFocused: Bool { mode == .dialpad }
}
