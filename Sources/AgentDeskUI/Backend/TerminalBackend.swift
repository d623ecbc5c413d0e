/// Where frames go and keys come from. The ncurses backend implements it for a
/// real terminal; `HeadlessBackend` records frames for tests and benchmarks.
public protocol TerminalBackend: AnyObject {
    /// Columns and rows.
    var size: (width: Int, height: Int) { get }
    /// Shows the buffer, sending only what changed since the last frame.
    func present(_ buffer: CellBuffer)
    /// Waits up to `timeoutMilliseconds` (nil: forever) for input.
    func nextEvent(timeoutMilliseconds: Int?) -> InputEvent
    /// Waits for input, or until `wake` (another descriptor, e.g. the server's
    /// inbox) becomes readable, which returns `.timeout` so the loop can look at it.
    func nextEvent(timeoutMilliseconds: Int?, wake: Int32?) -> InputEvent
    /// A termination signal (TERM, HUP, INT, QUIT) that has arrived, if any.
    var pendingSignal: Int32? { get }
}

extension TerminalBackend {
    public func nextEvent(timeoutMilliseconds: Int?, wake: Int32?) -> InputEvent {
        nextEvent(timeoutMilliseconds: timeoutMilliseconds)
    }
}

/// A terminal with no terminal: it keeps the last frame, counts what a real
/// terminal would have had to redraw, and replays scripted input and signals.
/// When the script has run out it reports a SIGTERM, so a loop driven by it ends.
public final class HeadlessBackend: TerminalBackend {
    /// One thing that happens at the terminal: input, or a signal arriving.
    public enum Step: Sendable, Equatable {
        case input(InputEvent)
        case signal(Int32)
    }

    public private(set) var size: (width: Int, height: Int)
    public private(set) var frame: CellBuffer
    public private(set) var framesPresented = 0
    /// Every frame presented, oldest first, when `keepsFrames`.
    public private(set) var frames: [CellBuffer] = []
    public var keepsFrames = false
    /// Cells that differed from the previous frame (`CellBuffer.changes`), summed over all frames.
    public private(set) var cellsChanged = 0
    /// The changes of the last frame presented.
    public private(set) var lastChanges: [CellChange] = []
    public private(set) var pendingSignal: Int32?
    private var pending: [Step]
    private var previous: CellBuffer?

    public init(width: Int, height: Int, input: [InputEvent] = []) {
        size = (width, height)
        frame = CellBuffer(width: width, height: height)
        previous = frame
        pending = input.map(Step.input)
    }

    public init(width: Int, height: Int, script: [Step]) {
        size = (width, height)
        frame = CellBuffer(width: width, height: height)
        previous = frame
        pending = script
    }

    public func present(_ buffer: CellBuffer) {
        lastChanges = buffer.changes(since: previous)
        cellsChanged += lastChanges.count
        frame = buffer
        previous = buffer
        framesPresented += 1
        if keepsFrames { frames.append(buffer) }
    }

    public func nextEvent(timeoutMilliseconds: Int?) -> InputEvent {
        guard !pending.isEmpty else {
            pendingSignal = pendingSignal ?? 15
            return .timeout
        }
        switch pending.removeFirst() {
        case let .signal(number):
            pendingSignal = number
            return .timeout
        case let .input(event):
            if case let .resize(w, h) = event {
                size = (w, h)
                previous = nil
            }
            return event
        }
    }

    public func enqueue(_ events: [InputEvent]) { pending += events.map(Step.input) }

    public func enqueue(_ steps: [Step]) { pending += steps }

    /// The screen as text lines.
    public var lines: [String] { frame.lines }
}
