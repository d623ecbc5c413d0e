import Glibc

/// The signals the main thread's loop waits for: the termination signals, and the
/// terminal's resize.
private let loopSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH]

/// Runs `body` with `loopSignals` blocked on this thread, then restores its mask.
/// A thread started inside inherits the mask, so those signals keep going to the
/// main thread, whose wait they must cut short (the server's event loops, the
/// DevTools reader).
public func withLoopSignalsBlocked<T>(_ body: () throws -> T) rethrows -> T {
    var blocked = sigset_t(), previous = sigset_t()
    sigemptyset(&blocked)
    for s in loopSignals { sigaddset(&blocked, s) }
    pthread_sigmask(SIG_BLOCK, &blocked, &previous)
    defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
    return try body()
}
