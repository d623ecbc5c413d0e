import Foundation
import Testing

/// The corpus through the real binary: `check` and `run --headless` agree on every
/// file, `run` plays exactly the steps `check` counted, and nothing crashes, hangs
/// or grows without bound. Figures (time, peak memory) are printed, not asserted
/// as times: the machines are shared.
@Suite("The corpus through check and run --headless")
struct CorpusRunTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("AgentDeskCoreTests/Corpus")

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []).sorted().map { corpus.appendingPathComponent($0).path }
    }

    /// Generated hostile cases that do not belong in the repository as files.
    static func hostile() throws -> [String] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("agentdesk-hostile-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        func file(_ name: String, _ text: String) throws -> String {
            let path = dir.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: false, encoding: .utf8)
            return path
        }
        let fifo = dir.appendingPathComponent("fifo.yaml").path
        unlink(fifo)
        mkfifo(fifo, 0o600)
        return [
            try file("million-digits.yaml", "steps:\n  - dialpad: \"" + String(repeating: "1", count: 1_000_000) + "\"\n"),
            try file("four-million-digits.yaml", "steps:\n  - dialpad: \"" + String(repeating: "1", count: 4_000_000) + "\"\n"),
            fifo,
            try file("workstation-fifo.yaml", "workstation: \(fifo)\nsteps: []\n"),
            try file("workstation-shadow.yaml", "workstation: /etc/shadow\nsteps: []\n"),
            try file("workstation-proc.yaml", "workstation: /proc/self/status\nsteps: []\n"),
            try file("workstation-dir.yaml", "workstation: /etc\nsteps: []\n"),
            "/dev/zero", "/proc/self/environ", dir.path,
        ]
    }

    @Test("validity agrees, run plays the steps check counted, exit 0/1/2, no crash, no hang, bounded memory")
    func agree() throws {
        var figures: [(String, Double, Double)] = []
        for path in try Self.files + Self.hostile() {
            let name = URL(fileURLWithPath: path).lastPathComponent
            let check = try MeasuredRun.of(["check", path])
            let run = try MeasuredRun.of(["run", path, "--headless"])
            figures.append((name, max(check.seconds, run.seconds), max(check.peakMiB, run.peakMiB)))
            for (what, result) in [("check", check), ("run", run)] {
                #expect(!result.timedOut, "\(what) \(name) hung")
                #expect(result.signal == nil, "\(what) \(name) died of signal \(result.signal ?? 0): \(result.stderr.suffix(300))")
                #expect(result.peakMiB < 300, "\(what) \(name) took \(result.peakMiB) MiB")
                #expect(!result.stderr.contains("root:"), "\(what) \(name) quoted a file that is not ours")
            }
            #expect([0, 2].contains(check.status), "check \(name): \(check.status)")
            if check.status == 2 {
                #expect(run.status == 2, "check refused \(name) but run gave \(run.status)")
                #expect(run.stdout.isEmpty, "nothing plays from an invalid file")
                let located = check.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("agentdesk: \(path)") || $0.hasPrefix("agentdesk: \(name)") }
                #expect(located, "every error names the file: \(check.stderr.prefix(300))")
            } else if check.stdout.contains("a valid scenario") {
                #expect([0, 1].contains(run.status), "check accepted \(name) but run gave \(run.status): \(run.stderr.prefix(300))")
                let counted = check.stdout.firstMatch(of: /a valid scenario, (\d+) steps/).map { String($0.1) }
                let played = run.stderr.firstMatch(of: /played (\d+) of (\d+) steps/)
                #expect(counted != nil && played.map { String($0.1) } == counted && played.map { String($0.2) } == counted,
                        "\(name): check counted \(counted ?? "?"), run: \(run.stderr.prefix(200))")
            } else {
                #expect(run.status == 2 && run.stderr.contains("is a workstation configuration, not a scenario"), "\(name): \(run.stderr)")
            }
        }
        for (name, seconds, peak) in figures.sorted(by: { $0.1 > $1.1 }).prefix(6) {
            print(String(format: "corpus figure: %@ %.2f s, peak %.1f MiB", name, seconds, peak))
        }
        print("corpus figure: \(figures.count) cases through check and run --headless")
    }

    @Test("two headless runs of the same file print the same transcript")
    func deterministic() throws {
        for path in Self.files where path.contains("/valid-") {
            let first = try MeasuredRun.of(["run", path, "--headless"]), second = try MeasuredRun.of(["run", path, "--headless"])
            #expect(first.stdout == second.stdout, "\(path)")
        }
    }
}
