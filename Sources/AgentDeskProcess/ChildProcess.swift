import Foundation
import Glibc

/// Starting a program the way every part of agentdesk (and its tests and benchmark)
/// does: with `posix_spawn`, its standard streams where asked, a clean signal mask
/// and default handlers, and nothing else of ours.
///
/// "Nothing else" matters: SwiftNIO accepts connections without close-on-exec, so a
/// child that inherits descriptors holds the server's listening socket and its
/// connections. A connection the server closed then stays open for as long as that
/// child lives (a tmux server can live for minutes), and the port stays bound. So
/// every descriptor from 3 up, other than the ones given on purpose, is closed in
/// the child.
public enum ChildProcess {
    /// Where one of the child's descriptors comes from.
    public enum Source: Sendable, Equatable {
        /// `/dev/null`.
        case null
        /// A file: read from (standard input) or created and truncated, mode 0600.
        case file(String)
        /// The same as one of the child's lower descriptors (stderr as stdout: `.sameAs(1)`).
        case sameAs(Int32)
        /// A descriptor of ours, duplicated into the child.
        case descriptor(Int32)
    }

    public struct Failed: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// Starts `arguments[0]` (looked up on PATH when it has no slash) and returns its
    /// process id. `environment` nil passes ours; `descriptors` places extra
    /// descriptors from 3 up (index 0 becomes 3); `newProcessGroup` makes the child
    /// lead a group of its own (so the group can be killed together).
    public static func spawn(
        _ arguments: [String], environment: [String: String]? = nil,
        stdin: Source = .null, stdout: Source = .null, stderr: Source = .null,
        descriptors: [Int32] = [], newProcessGroup: Bool = false
    ) throws -> pid_t {
        guard let program = arguments.first else { throw Failed(description: "nothing to start") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Descriptors of ours are duplicated high first (close-on-exec, closed here
        // after the spawn), so placing one in a low slot never overwrites another
        // that is still to be placed.
        var copies: [Int32: Int32] = [:]
        defer { copies.values.forEach { Glibc.close($0) } }
        let given = [stdin, stdout, stderr].enumerated().compactMap { slot, source -> (Int32, Int32)? in
            if case let .descriptor(fd) = source { (fd, Int32(slot)) } else { nil }
        } + descriptors.enumerated().map { index, fd in (fd, Int32(3 + index)) }
        for (fd, slot) in given {
            let copy = fcntl(fd, F_DUPFD_CLOEXEC, 100)
            guard copy >= 0 else { throw Failed(description: "cannot pass descriptor \(fd) to \(program): " + String(cString: strerror(errno))) }
            copies[slot] = copy
        }
        func check(_ status: Int32, _ what: String) throws {
            guard status == 0 else { throw Failed(description: "cannot start \(program): \(what): " + String(cString: strerror(status))) }
        }
        for (slot, source) in zip(Int32(0)..., [stdin, stdout, stderr]) {
            let flags = slot == 0 ? O_RDONLY : O_WRONLY | O_CREAT | O_TRUNC
            switch source {
            case .null: try check(posix_spawn_file_actions_addopen(&actions, slot, "/dev/null", flags, 0), "/dev/null")
            case let .file(path): try check(posix_spawn_file_actions_addopen(&actions, slot, path, flags, 0o600), path)
            case let .sameAs(lower):
                // Only a stream set up before this one: anything else would hand the
                // child a descriptor of ours.
                guard lower >= 0, lower < slot else {
                    throw Failed(description: "cannot start \(program): descriptor \(slot) can only be the same as a lower stream, not \(lower)")
                }
                try check(posix_spawn_file_actions_adddup2(&actions, lower, slot), "descriptor \(slot)")
            case .descriptor: try check(posix_spawn_file_actions_adddup2(&actions, copies[slot]!, slot), "descriptor \(slot)")
            }
        }
        for slot in descriptors.indices.map({ Int32(3 + $0) }) {
            try check(posix_spawn_file_actions_adddup2(&actions, copies[slot]!, slot), "descriptor \(slot)")
        }
        closeInherited(from: 3 + Int32(descriptors.count), in: &actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A clean signal mask and default handlers, as a login shell would give: the
        // threads of a test runner or a server block signals, and a child inherits that.
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        if newProcessGroup {
            posix_spawnattr_setpgroup(&attributes, 0)
            flags |= POSIX_SPAWN_SETPGROUP
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let environment = environment ?? ProcessInfo.processInfo.environment
        // A bare name is looked up on the child's PATH (posix_spawnp would use ours).
        let executable = try program.contains("/") ? program : find(program, path: environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin")
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else { throw Failed(description: "cannot start \(program): " + String(cString: strerror(status))) }
        return pid
    }

    /// The first executable file called `name` in the folders of `path`.
    static func find(_ name: String, path: String) throws -> String {
        for folder in path.split(separator: ":", omittingEmptySubsequences: true) {
            let candidate = folder + "/" + name
            if access(candidate, X_OK) == 0 { return candidate }
        }
        throw Failed(description: "cannot start \(name): not found on PATH (\(path))")
    }

    /// Waits for `pid` to end (through EINTR); its exit status, or 128 + N when signal N killed it.
    @discardableResult
    /// -1 when there is no such child to wait for.
    public static func wait(_ pid: pid_t) -> Int32 {
        var raw: Int32 = 0
        while true {
            if waitpid(pid, &raw, 0) == pid { return exitStatus(raw) }
            if errno != EINTR { return -1 }
        }
    }

    /// A raw wait status as a shell reports it: the exit status, or 128 + the signal.
    public static func exitStatus(_ raw: Int32) -> Int32 {
        (raw & 0x7f) == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
    }

    /// Closes every descriptor from `first` up in the child: glibc's
    /// `posix_spawn_file_actions_addclosefrom_np` (2.34+, found at run time: Swift
    /// does not import it), else each open descriptor without close-on-exec.
    static func closeInherited(from first: Int32, in actions: inout posix_spawn_file_actions_t) {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") {
            let closeFrom = unsafeBitCast(symbol, to: CloseFrom.self)
            if closeFrom(&actions, first) == 0 { return }
        }
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd"))?.compactMap { Int32($0) } ?? []
        for fd in open where fd >= first {
            let flags = fcntl(fd, F_GETFD)
            if flags >= 0, flags & FD_CLOEXEC == 0 { posix_spawn_file_actions_addclose(&actions, fd) }
        }
    }
}
