import Glibc

/// Wakes a thread asleep in `poll` from another thread: the terminal's run loop
/// (a request has arrived; it polls `readDescriptor` beside the terminal's input,
/// so it sleeps until there is work), or `serve`'s main thread (it must end).
public final class WakePipe: Sendable {
    public let readDescriptor: Int32
    private let writeDescriptor: Int32

    public init() {
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
        } else {
            fds = [-1, -1]
        }
        readDescriptor = fds[0]
        writeDescriptor = fds[1]
    }

    deinit {
        close(readDescriptor)
        close(writeDescriptor)
    }

    /// Async-signal-safe and never blocks: a full pipe already means "wake up".
    public func signal() {
        var byte: UInt8 = 1
        _ = write(writeDescriptor, &byte, 1)
    }

    /// Empties the pipe after waking.
    public func drain() {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 512) { bytes in
            // A read that does not fill the buffer has emptied the pipe: no second
            // read just to be told so.
            while read(readDescriptor, bytes.baseAddress, bytes.count) == bytes.count {}
        }
    }

    /// Waits until the pipe is readable, a signal arrives, or `timeoutMilliseconds`
    /// pass (a loop without a terminal; the terminal's loop polls stdin beside it).
    public func wait(timeoutMilliseconds: Int) {
        var fd = pollfd(fd: readDescriptor, events: Int16(POLLIN), revents: 0)
        _ = poll(&fd, 1, Int32(timeoutMilliseconds))
    }
}
