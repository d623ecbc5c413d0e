import AgentDeskTerminal
import AgentDeskUI
import Foundation

/// Bytes the real ncurses backend writes to a terminal (xterm-256color, 100x30)
/// for each kind of change, into a temporary file measured by its size.
/// AGENTDESK_BENCH_DUMP=1 prints the bytes of each change.
enum BytesFigure {
    static func measure(into report: Report) throws {
        // ncurses writes to the stream's descriptor itself, so a temporary file, measured by fstat.
        guard let output = tmpfile(), let input = fopen("/dev/null", "r") else {
            report.note("bytes: skipped, cannot open a temporary file")
            return
        }
        var size: Int {
            var info = stat()
            fstat(fileno(output), &info)
            return Int(info.st_size)
        }
        let dump = ProcessInfo.processInfo.environment["AGENTDESK_BENCH_DUMP"] != nil
        let backend = try NcursesBackend(output: output, input: input, term: "xterm-256color", colors: true)
        // A file has no size to ask; the backend ignores LINES and COLUMNS.
        backend.setSize(width: 100, height: 30)
        var first = 0
        var changes: [(label: String, bytes: Int, status: Bool)] = []
        // The same changes in each language: the header's words differ in length.
        for language in [Language.zh, .en] {
            var model = AppModel(config: .demo, language: language)
            _ = model.handle(.clock(seconds: 0, wall: "12:00:00"))
            _ = model.handle(.resize(width: 100, height: 30))
            var buffer = CellBuffer(width: 100, height: 30)
            func frame(_ label: String) -> Int {
                let before = size
                Screen.render(model, into: &buffer)
                backend.present(buffer)
                fflush(output)
                if dump, let all = try? String(contentsOfFile: "/proc/self/fd/\(fileno(output))", encoding: .isoLatin1) {
                    print("  [\(label)] " + all.dropFirst(before).debugDescription)
                }
                return size - before
            }
            let whole = frame("first frame, \(language.rawValue)")
            if language == .zh { first = whole }
            let steps: [(String, AppModel.Input, Bool)] = [
                ("status free → notReady (s)", .key(.char("s")), true), ("status notReady → rest (s)", .key(.char("s")), true),
                ("status rest → offline (s)", .key(.char("s")), true), ("status offline → free (s)", .key(.char("s")), true),
                ("the clock ticks one second", .clock(seconds: 1, wall: "12:00:01"), false),
                ("a call rings (i)", .key(.char("i")), false), ("Tab to the pop-only tab", .key(.tab), false),
                ("the call is answered (a)", .key(.char("a")), false),
            ]
            for (label, input, isStatus) in steps {
                _ = model.handle(input)
                changes.append(("\(label), \(language.rawValue)", frame(label), isStatus))
            }
        }
        backend.shutdown()
        fclose(output)
        report.add(Figure(name: "bytes to the terminal, first full frame (100x30, xterm-256color)", shown: "\(first) B",
                          value: Double(first), unit: "B"))
        let clock = changes.first { $0.label.hasPrefix("the clock") }?.bytes ?? 0
        for change in changes {
            report.add(Figure(
                name: "bytes for " + change.label, shown: "\(change.bytes) B", value: Double(change.bytes), unit: "B",
                yardstick: change.status ? "the clock tick: \(clock) B" : "",
                ratio: change.status && clock > 0 ? Double(change.bytes) / Double(clock) : nil,
                goal: change.status ? "< 45 B" : "", met: change.status ? change.bytes < 45 : nil))
        }
    }
}
