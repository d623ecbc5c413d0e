import AgentDeskCore
import Foundation
import Glibc

/// Where a running workstation says where it listens and with which token, so
/// `agentdesk send` finds it without flags: `$XDG_RUNTIME_DIR/agentdesk/server.json`
/// (or `/tmp/agentdesk-UID/`), readable by its owner only (0600, in a 0700 folder);
/// the reader trusts nothing else.
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

    /// Writes the file whole (a temporary file renamed into place), 0600, in a
    /// folder of the user's own with mode 0700 (made so when missing).
    public func write(to path: String) throws(Failure) {
        let folder = (path as NSString).deletingLastPathComponent
        if mkdir(folder, 0o700) != 0 && errno != EEXIST {
            throw Failure(description: "cannot make \(folder): \(String(cString: strerror(errno)))")
        }
        if let problem = Self.folderProblem(folder) { throw Failure(description: problem + "; not writing the token there") }
        let temporary = path + ".\(getpid()).tmp"
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw Failure(description: "cannot write \(temporary): \(String(cString: strerror(errno)))") }
        fchmod(fd, 0o600)
        let text = OrderedJSON.encode([("url", .string(url)), ("token", .string(token)), ("pid", .number(Double(pid)))]) + "\n"
        let written = text.withCString { Glibc.write(fd, $0, strlen($0)) }
        close(fd)
        guard written == text.utf8.count, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw Failure(description: "cannot write \(path)")
        }
    }

    /// Why `folder` may not hold a token: not a folder (a link, a file), not the
    /// user's, or others may enter it. Nil when it is the user's own, mode 0700.
    public static func folderProblem(_ folder: String, uid: uid_t = getuid()) -> String? {
        var info = stat()
        guard lstat(folder, &info) == 0 else { return "\(folder): \(String(cString: strerror(errno)))" }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { return "\(folder) is not a folder (a link or a file)" }
        guard info.st_uid == uid else {
            return "\(folder) belongs to another user (uid \(info.st_uid)), who could have planted a runtime file there"
        }
        guard info.st_mode & 0o777 == 0o700 else {
            return "\(folder) has mode \(String(info.st_mode & 0o777, radix: 8)), not 700: others could change what is in it"
        }
        return nil
    }

    /// Why the opened file `fd` may not be trusted: not a regular file, not the user's, or not mode 0600.
    static func fileProblem(_ fd: Int32, path: String, uid: uid_t = getuid()) -> String? {
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return "\(path) is not a regular file" }
        guard info.st_uid == uid else { return "\(path) belongs to another user (uid \(info.st_uid)), not to you" }
        guard info.st_mode & 0o777 == 0o600 else {
            return "\(path) has mode \(String(info.st_mode & 0o777, radix: 8)), not 600"
        }
        return nil
    }

    /// Reads the file, trusting it only as the writer left it: in a folder of the
    /// user's own with mode 0700, itself the user's own with mode 0600 (another local
    /// user could otherwise plant one pointing at their own listener, and receive
    /// everything `agentdesk send` sends, the token included). Says why it refuses.
    public static func read(from path: String, uid: uid_t = getuid()) throws(Failure) -> RuntimeFile {
        let folder = (path as NSString).deletingLastPathComponent
        var info = stat()
        guard lstat(path, &info) == 0 else {
            throw Failure(description: "no running workstation found (\(path) does not exist); start `agentdesk` first, or give --url and --token-file")
        }
        if let problem = folderProblem(folder, uid: uid) {
            throw Failure(description: "not trusting \(path): " + problem + "; give --url and --token-file instead")
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else {
            throw Failure(description: "cannot read \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        if let problem = fileProblem(fd, path: path, uid: uid) {
            throw Failure(description: "not trusting \(path): " + problem + "; give --url and --token-file instead")
        }
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while data.count < 65_536 {
            let n = Glibc.read(fd, &chunk, chunk.count)
            if n <= 0 { break }
            data.append(contentsOf: chunk[0..<n])
        }
        struct Contents: Decodable { var url: String; var token: String; var pid: Int32 }
        guard let c = try? JSONDecoder().decode(Contents.self, from: data) else {
            throw Failure(description: "\(path) is not a workstation's runtime file; give --url and --token-file")
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
