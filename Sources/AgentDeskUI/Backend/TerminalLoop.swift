/// The one loop that owns a terminal, whichever backend it is (ncurses for a
/// person, `HeadlessBackend` in tests): it reads the clock, keys and outside
/// requests, feeds them to the model, and presents each frame. It wakes at least
/// once a second (the clock), otherwise blocks on input or the wake descriptor:
/// no busy loop. It reads no clock itself: `clock` is given, so a test runs it
/// with a fake one.
public struct TerminalLoop<Backend: TerminalBackend> {
    public let backend: Backend
    /// The workstation's time in seconds and the wall clock for the header.
    public var clock: () -> (seconds: Double, wall: String)
    /// Milliseconds until the clock shows the next second.
    public var millisecondsToNextTick: () -> Int
    /// Requests from outside (the loopback API), applied here, on this thread.
    public var requests: ((inout AppModel) -> AppModel.Output)?
    /// A descriptor that becomes readable when requests wait.
    public var wake: Int32?
    /// Where each output goes (transcript, event stream, recording), with the
    /// workstation's time.
    public var deliver: (AppModel.Output, Double) -> Void
    /// Whether the loop must end now (a transcript or recording that could not be
    /// written): it returns nil, and the caller says why once the screen is back.
    public var mustStop: () -> Bool

    public init(backend: Backend, clock: @escaping () -> (seconds: Double, wall: String),
                millisecondsToNextTick: @escaping () -> Int,
                requests: ((inout AppModel) -> AppModel.Output)? = nil, wake: Int32? = nil,
                deliver: @escaping (AppModel.Output, Double) -> Void = { _, _ in },
                mustStop: @escaping () -> Bool = { false }) {
        self.backend = backend
        self.clock = clock
        self.millisecondsToNextTick = millisecondsToNextTick
        self.requests = requests
        self.wake = wake
        self.deliver = deliver
        self.mustStop = mustStop
    }

    /// Runs until the user quits (nil) or a termination signal arrives (its number).
    public func run(_ model: inout AppModel) -> Int32? {
        var buffer = CellBuffer(width: 0, height: 0)
        let size = backend.size
        _ = model.handle(.resize(width: size.width, height: size.height))
        while true {
            // The clock first, so requests are stamped with the current time.
            let now = clock()
            deliver(model.handle(.clock(seconds: now.seconds, wall: now.wall)), model.core.now)
            if let requests { deliver(requests(&model), model.core.now) }
            if mustStop() { return nil }
            let (width, height) = backend.size
            if buffer.width != width || buffer.height != height { buffer = CellBuffer(width: width, height: height) }
            Screen.render(model, into: &buffer)
            backend.present(buffer)
            if let signal = backend.pendingSignal { return signal }
            var wait = millisecondsToNextTick()
            if let step = model.secondsUntilNextStep { wait = max(1, min(wait, Int((step * 1000).rounded(.up)))) }
            let event = backend.nextEvent(timeoutMilliseconds: wait, wake: wake)
            if let signal = backend.pendingSignal { return signal }
            let output: AppModel.Output
            switch event {
            case let .key(key): output = model.handle(.key(key))
            case let .click(x, y): output = model.handle(.click(x: x, y: y))
            case let .resize(w, h): output = model.handle(.resize(width: w, height: h))
            case .timeout: continue
            }
            deliver(output, model.core.now)
            if output.quit || mustStop() { return nil }
        }
    }
}
