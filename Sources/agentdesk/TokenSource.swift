import Foundation
import Glibc

/// Where a token given by the user comes from, without it having to be on the
/// command line (where every local user can read it in /proc/PID/cmdline):
/// `--token-file FILE` or `AGENTDESK_TOKEN`; `--token` stays for convenience.
enum TokenSource {
    static let environmentName = "AGENTDESK_TOKEN"

    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    /// The token from `--token`, else `--token-file`, else `AGENTDESK_TOKEN`; nil when none is given.
    static func token(option: String?, file: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(Problem) -> String? {
        if let option { return option }
        if let file { return try read(file) }
        if let value = environment[environmentName], !value.isEmpty { return value }
        return nil
    }

    /// The first line of FILE, which must be a regular file only its owner can read
    /// (as ssh asks of a key): a token in a file others can read is no secret.
    static func read(_ path: String) throws(Problem) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { throw Problem(description: "--token-file \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw Problem(description: "--token-file \(path): not a regular file")
        }
        guard info.st_uid == getuid() else {
            throw Problem(description: "--token-file \(path): the file belongs to another user (uid \(info.st_uid)); use a file of your own")
        }
        guard info.st_mode & 0o077 == 0 else {
            throw Problem(description: "--token-file \(path): others can read it (mode \(String(info.st_mode & 0o777, radix: 8))); chmod 600 it")
        }
        var bytes = [UInt8](repeating: 0, count: 4096)
        let n = Glibc.read(fd, &bytes, bytes.count)
        guard n > 0 else { throw Problem(description: "--token-file \(path): the file is empty") }
        let text = String(decoding: bytes[0..<n], as: UTF8.self)
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let token = line.trimmingCharacters(in: .whitespaces)
        guard !token.isEmpty else { throw Problem(description: "--token-file \(path): the first line is empty") }
        return token
    }

    /// 16 to 256 of A-Z a-z 0-9 . _ ~ -: what the server accepts as its token.
    static func isValid(_ token: String) -> Bool {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~-")
        return (16...256).contains(token.count) && token.allSatisfy(allowed.contains)
    }
}
