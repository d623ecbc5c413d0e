import AgentDeskCore
import AgentDeskUI
import ArgumentParser
import Foundation

/// Reads configuration files from disk; the core only ever sees their text.
enum ConfigFile {
    /// Larger files are refused rather than read: no real configuration comes near it.
    static let maxBytes = 4 << 20

    static func load(_ path: String) throws(ConfigErrors) -> WorkstationConfig {
        try WorkstationConfig.parse(try text(of: path), file: path)
    }

    static func text(of path: String, maxBytes: Int = maxBytes) throws(ConfigErrors) -> String {
        func failure(_ message: String) -> ConfigErrors {
            ConfigErrors([ConfigError(file: path, line: 0, column: 0, field: "", message: message)])
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw failure("no such file")
        }
        guard !isDirectory.boolValue else { throw failure("is a directory, not a file") }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw failure("cannot be opened for reading") }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maxBytes + 1) ?? Data()
        } catch {
            throw failure("cannot be read: \(error.localizedDescription)")
        }
        guard data.count <= maxBytes else { throw failure("is larger than \(maxBytes >> 20) MiB; too large to read") }
        guard let text = String(data: data, encoding: .utf8) else { throw failure("is not UTF-8 text") }
        return text
    }
}

/// A message for the terminal. Messages quote files and requests, so they pass
/// through the same sanitiser as the screen: no escape sequence gets through.
func printError(_ line: String) {
    FileHandle.standardError.write(Data(("agentdesk: " + TextSanitizer.clean(line) + "\n").utf8))
}

/// Prints every error of a bad file (one per line, located) and gives the exit
/// status for an invalid file, 2.
func report(_ errors: ConfigErrors) -> ExitCode {
    for error in errors.errors { printError(error.description) }
    return ExitCode(2)
}

/// Printed to stdout, cleaned like everything else that shows untrusted text.
func printSafe(_ line: String) {
    print(TextSanitizer.clean(line))
}
