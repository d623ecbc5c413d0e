import Foundation
import Glibc

/// A file agentdesk writes as things happen (a transcript, a recording), opened at
/// its path and written in place: a symlink is followed (as the shell's `>` does),
/// a FIFO or a device receives the lines, an existing file keeps its inode, owner
/// and mode (it is emptied first); a new file is created 0600, since transcripts
/// and recordings hold callers' numbers. Nothing is ever renamed over the path.
///
/// A write that fails is remembered, not fatal: the owner checks `failure` and
/// ends the program cleanly (terminal restored, runtime file removed, one line
/// naming the path and the error, exit 2).
final class OutputFile {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let path: String
    private let fd: Int32
    /// Why writing stopped, once it has.
    private(set) var failure: Failure?

    init(path: String) throws(Failure) {
        self.path = path
        // O_NONBLOCK only for the open: a FIFO with no reader is an error, not a hang.
        let fd = open(path, O_WRONLY | O_CREAT | O_NOCTTY | O_CLOEXEC | O_NONBLOCK, 0o600)
        guard fd >= 0 else {
            let code = errno
            if code == ENXIO { throw Failure(description: "\(path): a FIFO with no reader; start the reader first") }
            throw Failure(description: "\(path): cannot be opened for writing: \(String(cString: strerror(code)))")
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            close(fd)
            throw Failure(description: "\(path): cannot be examined: \(String(cString: strerror(errno)))")
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            close(fd)
            throw Failure(description: "\(path): is a directory")
        case S_IFREG:
            // Emptied in place: the same inode, owner and mode.
            guard ftruncate(fd, 0) == 0 else {
                let code = errno
                close(fd)
                throw Failure(description: "\(path): cannot be emptied: \(String(cString: strerror(code)))")
            }
        default:
            break
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        self.fd = fd
    }

    /// Writes the text whole; after a failure, nothing more is written.
    func write(_ text: String) {
        guard failure == nil, !text.isEmpty else { return }
        if let problem = OutputFile.writeAll(fd, text) {
            failure = Failure(description: "\(path): \(problem)")
        }
    }

    func write(lines: [String]) {
        guard !lines.isEmpty else { return }
        write(lines.joined(separator: "\n") + "\n")
    }

    deinit { close(fd) }

    /// Writes every byte (through short writes and interruptions); the error, if one.
    static func writeAll(_ fd: Int32, _ text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += n
            }
            return nil
        }
    }
}

/// Standard output for transcripts: buffered when it is a file or a pipe (flushed
/// when the buffer fills, on a failed expect and at the end), written at once when
/// it is a terminal. A closed pipe (`| head`) is remembered as `closed`, so the
/// program can end quietly; any other error as `failure`.
final class StandardOutput {
    private var buffer: [UInt8] = []
    private let buffered: Bool
    private(set) var closed = false
    private(set) var failure: String?

    init() {
        buffered = isatty(STDOUT_FILENO) == 0
        buffer.reserveCapacity(1 << 16)
    }

    var stopped: Bool { closed || failure != nil }

    func write(lines: [String]) {
        guard !stopped, !lines.isEmpty else { return }
        for line in lines {
            buffer.append(contentsOf: line.utf8)
            buffer.append(0x0A)
        }
        if !buffered || buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        guard !stopped, !buffer.isEmpty else { return }
        // Written from the buffer itself and then emptied: a copy kept while it is
        // emptied would make `removeAll` allocate a new 64 KB buffer every flush.
        defer { buffer.removeAll(keepingCapacity: true) }
        let problem = buffer.withUnsafeBufferPointer { bytes -> Int32? in
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(STDOUT_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += n
            }
            return nil
        }
        guard let problem else { return }
        if problem == EPIPE { closed = true } else { failure = "standard output: \(String(cString: strerror(problem)))" }
    }
}
