import AgentDeskCore
import AgentDeskUI
import ArgumentParser
import Foundation
import Glibc

/// Reads configuration and scenario files from disk; the core only ever sees their
/// text. One reader, one size limit (`DocumentLimits.maxBytes`) for every command.
enum ConfigFile {
    /// Reads a workstation configuration (a scenario given here says it is one).
    static func load(_ path: String) throws(ConfigErrors) -> WorkstationConfig {
        try WorkstationConfig.parse(try text(of: path), file: path)
    }

    /// Reads either kind of file, told apart by its keys; `workstation: path` in a
    /// scenario is resolved beside it.
    static func document(_ path: String, expecting kind: WorkstationDocument.Kind? = nil) throws(ConfigErrors) -> WorkstationDocument {
        if path == "demo" {
            return try WorkstationDocument.read(Scenario.demoText, file: "demo", expecting: kind)
        }
        return try WorkstationDocument.read(try text(of: path), file: path, expecting: kind,
                                            loadWorkstation: workstationLoader(beside: path))
    }

    static func workstationLoader(beside path: String) -> (String) throws(ConfigErrors) -> WorkstationConfig {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        return { reference throws(ConfigErrors) in
            try load(reference.hasPrefix("/") ? reference : directory.appendingPathComponent(reference).path)
        }
    }

    /// The file's text. Only regular files are read: a FIFO, a device, a directory,
    /// a socket or a file of /proc or /sys is refused at once, without blocking.
    static func text(of path: String, maxBytes: Int = DocumentLimits.standard.maxBytes) throws(ConfigErrors) -> String {
        func failure(_ message: String) -> ConfigErrors {
            ConfigErrors([ConfigError(file: path, line: 0, column: 0, field: "", message: message)])
        }
        // O_NONBLOCK: opening a FIFO must not wait for a writer.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT { throw failure("no such file") }
            throw failure("cannot be opened for reading: \(String(cString: strerror(code)))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure("cannot be examined: \(String(cString: strerror(errno)))") }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw failure("is a directory, not a file")
        case S_IFIFO: throw failure("is a named pipe (FIFO), not a file; agentdesk reads files only")
        case S_IFCHR, S_IFBLK: throw failure("is a device, not a file; agentdesk reads files only")
        case S_IFSOCK: throw failure("is a socket, not a file; agentdesk reads files only")
        default: throw failure("is not a regular file")
        }
        // /proc and /sys files say they are regular and empty, then never end or change as read.
        if let real = realpath(path, nil) {
            defer { free(real) }
            let resolved = String(cString: real)
            if ["/proc", "/sys"].contains(where: { resolved == $0 || resolved.hasPrefix($0 + "/") }) {
                throw failure("is a file of /proc or /sys, not a configuration or a scenario")
            }
        }
        guard info.st_size <= maxBytes else { throw failure("is larger than \(maxBytes >> 20) MiB; too large to read") }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
        var count = 0
        while true {
            if count == bytes.count {
                guard bytes.count <= maxBytes else { throw failure("is larger than \(maxBytes >> 20) MiB; too large to read") }
                bytes += [UInt8](repeating: 0, count: min(bytes.count, maxBytes + 1 - bytes.count) + 1)
            }
            let n = bytes.withUnsafeMutableBufferPointer { read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure("cannot be read: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            count += n
        }
        guard count <= maxBytes else { throw failure("is larger than \(maxBytes >> 20) MiB; too large to read") }
        guard let text = String(validating: bytes[..<count], as: UTF8.self) else { throw failure("is not UTF-8 text") }
        return text
    }
}

/// A message for the terminal. Messages quote files and requests, so they pass
/// through the same sanitiser as the screen: no escape sequence gets through.
func printError(_ line: String, prefixed: Bool = true) {
    // Standard error may be closed too; there is nowhere left to say so.
    _ = OutputFile.writeAll(STDERR_FILENO, (prefixed ? "agentdesk: " : "") + TextSanitizer.clean(line) + "\n")
}

/// Prints every error of a bad file (one per line, located) and gives the exit
/// status for an invalid file, 2.
func report(_ errors: ConfigErrors) -> ExitCode {
    for error in errors.errors { printError(error.description) }
    return ExitCode(2)
}

/// Printed to stdout, cleaned like everything else that shows untrusted text.
func printSafe(_ line: String) {
    _ = OutputFile.writeAll(STDOUT_FILENO, TextSanitizer.clean(line) + "\n")
}
