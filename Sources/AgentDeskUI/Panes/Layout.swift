/// Where each pane goes for a terminal size. Reflows with every resize.
public struct Layout: Sendable, Equatable {
    public static let minWidth = 60
    public static let minHeight = 20

    public let width: Int
    public let height: Int
    public let header: Rect
    public let call: Rect
    public let dialpad: Rect
    public let screenPop: Rect
    public let events: Rect
    /// The scenario's step bar, under the header, while one plays.
    public let playbackBar: Rect?
    /// The caption banner under the bar (`say`), as tall as its wrapped text. The
    /// panes give up the rows the terminal has beyond its minimum; a taller caption
    /// covers the panes' top rather than being cut.
    public let banner: Rect?
    /// The line above the hints: a refusal, a prompt, a question.
    public let notice: Rect
    public let hints: Rect

    public var fits: Bool { width >= Self.minWidth && height >= Self.minHeight }

    public init(width: Int, height: Int, playing: Bool = false, bannerLines: Int = 0) {
        self.width = width
        self.height = height
        let screen = Rect(x: 0, y: 0, width: width, height: height)
        var (header, rest) = screen.splitTop(1)
        if playing {
            let (bar, below) = rest.splitTop(1)
            playbackBar = bar
            rest = below
        } else {
            playbackBar = nil
        }
        let (panes, footer) = rest.splitTop(max(0, rest.height - 2))
        var body = panes
        if bannerLines > 0 {
            banner = Rect(x: 0, y: body.y, width: width, height: min(bannerLines, body.height))
            body = body.splitTop(min(bannerLines, max(0, height - Self.minHeight))).1
        } else {
            banner = nil
        }
        self.header = header
        notice = Rect(x: 0, y: footer.y, width: width, height: 1)
        hints = Rect(x: 0, y: footer.y + 1, width: width, height: 1)
        let leftWidth = min(52, max(28, width * 2 / 5))
        let (left, right) = body.splitLeft(leftWidth)
        let dialpadHeight = min(11, max(9, body.height / 2))
        (call, dialpad) = left.splitTop(left.height - dialpadHeight)
        let eventsHeight = max(6, body.height / 3)
        (screenPop, events) = right.splitTop(right.height - eventsHeight)
    }
}
