/// Where frames go and keys come from. The ncurses backend implements it for a
/// real terminal; `HeadlessBackend` records frames for tests and benchmarks.
public protocol TerminalBackend: AnyObject {
    /// Columns and rows.
    var size: (width: Int, height: Int) { get }
    /// Shows the buffer, sending only what changed since the last frame.
    func present(_ buffer: CellBuffer)
    /// Waits up to `timeoutMilliseconds` (nil: forever) for input.
    func nextEvent(timeoutMilliseconds: Int?) -> InputEvent
}

/// A terminal with no terminal: it keeps the last frame, counts what a real
/// terminal would have had to redraw, and replays scripted input.
public final class HeadlessBackend: TerminalBackend {
    public private(set) var size: (width: Int, height: Int)
    public private(set) var frame: CellBuffer
    public private(set) var framesPresented = 0
    /// Cells that differed from the previous frame, summed over all frames.
    public private(set) var cellsChanged = 0
    private var pending: [InputEvent]

    public init(width: Int, height: Int, input: [InputEvent] = []) {
        size = (width, height)
        frame = CellBuffer(width: width, height: height)
        pending = input
    }

    public func present(_ buffer: CellBuffer) {
        if buffer.width == frame.width && buffer.height == frame.height {
            cellsChanged += zip(buffer.cells, frame.cells).filter { $0 != $1 }.count
        } else {
            cellsChanged += buffer.cells.count
        }
        frame = buffer
        framesPresented += 1
    }

    public func nextEvent(timeoutMilliseconds: Int?) -> InputEvent {
        guard !pending.isEmpty else { return .timeout }
        let event = pending.removeFirst()
        if case let .resize(w, h) = event { size = (w, h) }
        return event
    }

    public func enqueue(_ events: [InputEvent]) { pending += events }

    /// The screen as text lines.
    public var lines: [String] { frame.lines }
}
