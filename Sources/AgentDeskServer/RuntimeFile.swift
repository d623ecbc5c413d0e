import AgentDeskCore
import Foundation
import Glibc

/// Where a running workstation says where it listens and with which token, so
/// `agentdesk send` finds it without flags: `$XDG_RUNTIME_DIR/agentdesk/server.json`
/// (or `/tmp/agentdesk-UID/`), readable by its owner only (0600, in a 0700 folder).
public struct RuntimeFile: Sendable, Equatable {
    public var url: String
    public var token: String
    public var pid: Int32

    public init(url: String, token: String, pid: Int32) {
        self.url = url
        self.token = token
        self.pid = pid
    }

    public static func directory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let runtime = environment["XDG_RUNTIME_DIR"], runtime.hasPrefix("/") { return runtime + "/agentdesk" }
        return "/tmp/agentdesk-\(getuid())"
    }

    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        directory(environment: environment) + "/server.json"
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Writes the file whole (a temporary file renamed into place), 0600.
    public func write(to path: String) throws(Failure) {
        let folder = (path as NSString).deletingLastPathComponent
        if mkdir(folder, 0o700) != 0 && errno != EEXIST {
            throw Failure(description: "cannot make \(folder): \(String(cString: strerror(errno)))")
        }
        var info = stat()
        guard lstat(folder, &info) == 0, info.st_uid == getuid(), (info.st_mode & S_IFMT) == S_IFDIR else {
            throw Failure(description: "\(folder) is not a folder of yours; not writing the token there")
        }
        let temporary = path + ".\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw Failure(description: "cannot write \(temporary): \(String(cString: strerror(errno)))") }
        let text = OrderedJSON.encode([("url", .string(url)), ("token", .string(token)), ("pid", .number(Double(pid)))]) + "\n"
        let written = text.withCString { Glibc.write(fd, $0, strlen($0)) }
        close(fd)
        guard written == text.utf8.count, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw Failure(description: "cannot write \(path)")
        }
    }

    /// Reads the file; nil when there is none or it is not a running workstation's.
    public static func read(from path: String) throws(Failure) -> RuntimeFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "no running workstation found (\(path) does not exist); start `agentdesk` first, or give --url and --token")
        }
        struct Contents: Decodable { var url: String; var token: String; var pid: Int32 }
        guard let c = try? JSONDecoder().decode(Contents.self, from: data) else {
            throw Failure(description: "\(path) is not a workstation's runtime file; give --url and --token")
        }
        guard kill(c.pid, 0) == 0 || errno == EPERM else {
            throw Failure(description: "the workstation that wrote \(path) (pid \(c.pid)) is no longer running; start `agentdesk` first")
        }
        return RuntimeFile(url: c.url, token: c.token, pid: c.pid)
    }

    /// Removes the file if it is still this process's.
    public static func remove(at path: String, ifOwnedBy pid: Int32) {
        if let file = try? read(from: path), file.pid == pid { unlink(path) }
    }
}
