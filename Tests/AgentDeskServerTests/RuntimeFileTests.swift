import AgentDeskServer
import Foundation
import Glibc
import Testing

/// `agentdesk send` trusts a runtime file only as the workstation leaves it: a
/// folder of the user's own with mode 0700, a file of the user's own with mode 0600.
@Suite struct RuntimeFileTests {
    final class Folder {
        let path = NSTemporaryDirectory() + "agentdesk-runtime-\(UInt32.random(in: 0...UInt32.max))"
        var runtime: String { path + "/agentdesk" }
        var file: String { runtime + "/server.json" }
        init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    static let sample = RuntimeFile(url: "http://127.0.0.1:7788", token: "runtime-token-0123456789", pid: getpid())

    func refusal(_ path: String, uid: uid_t = getuid()) -> String? {
        do {
            _ = try RuntimeFile.read(from: path, uid: uid)
            return nil
        } catch {
            return error.description
        }
    }

    @Test("What the workstation writes, send reads: 0700 folder, 0600 file")
    func roundTrip() throws {
        let folder = try Folder()
        try Self.sample.write(to: folder.file)
        #expect(try RuntimeFile.read(from: folder.file) == Self.sample)
        var info = stat()
        stat(folder.runtime, &info)
        #expect(info.st_mode & 0o777 == 0o700)
        stat(folder.file, &info)
        #expect(info.st_mode & 0o777 == 0o600)
    }

    @Test("A folder others may enter or change, or a file others may read, is refused with the reason")
    func modes() throws {
        let folder = try Folder()
        try Self.sample.write(to: folder.file)
        chmod(folder.runtime, 0o755)
        #expect(refusal(folder.file)?.contains("mode 755, not 700") == true, "\(refusal(folder.file) ?? "read")")
        chmod(folder.runtime, 0o777)
        #expect(refusal(folder.file)?.contains("mode 777") == true)
        chmod(folder.runtime, 0o700)
        chmod(folder.file, 0o644)
        #expect(refusal(folder.file)?.contains("mode 644, not 600") == true, "\(refusal(folder.file) ?? "read")")
        chmod(folder.file, 0o600)
        #expect(refusal(folder.file) == nil)
        // The writer will not write into a folder others can enter either.
        chmod(folder.runtime, 0o755)
        #expect(throws: RuntimeFile.Failure.self) { try Self.sample.write(to: folder.file) }
    }

    @Test("Links are refused: a linked folder, a linked file")
    func links() throws {
        let folder = try Folder()
        let real = folder.path + "/real"
        mkdir(real, 0o700)
        try Self.sample.write(to: real + "/server.json")
        symlink(real, folder.runtime)
        #expect(refusal(folder.file)?.contains("not a folder") == true, "\(refusal(folder.file) ?? "read")")
        unlink(folder.runtime)
        mkdir(folder.runtime, 0o700)
        symlink(real + "/server.json", folder.file)
        #expect(refusal(folder.file) != nil)
    }

    @Test("Files of another user are refused: as that user would see them, and for real when running as root")
    func otherUser() throws {
        let folder = try Folder()
        try Self.sample.write(to: folder.file)
        // Seen by another uid, the folder and the file belong to someone else.
        let other = getuid() == 0 ? uid_t(65534) : getuid() + 1
        #expect(refusal(folder.file, uid: other)?.contains("belongs to another user") == true)
        if getuid() == 0 {
            // Root can make the files really another user's: the folder first, then the file alone.
            chown(folder.runtime, 65534, 65534)
            #expect(refusal(folder.file)?.contains("belongs to another user (uid 65534)") == true, "\(refusal(folder.file) ?? "read")")
            #expect(throws: RuntimeFile.Failure.self) { try Self.sample.write(to: folder.file) }
            chown(folder.runtime, 0, 0)
            chown(folder.file, 65534, 65534)
            #expect(refusal(folder.file)?.contains("belongs to another user (uid 65534), not to you") == true, "\(refusal(folder.file) ?? "read")")
        }
    }
}
