import AgentDeskCore

/// The class's results from drill score files: one row per trainee (their best
/// total; on a tie, the later attempt), one column per goal, sorted by total
/// (highest first, then by name). As text, CSV (for a spreadsheet) or a plain,
/// self-contained HTML page (for a projector).
public struct ClassTable: Sendable {
    public struct Column: Sendable, Equatable {
        public var scenario: String
        public var line: Int
        /// "line 5", or "drill.yaml line 5" when the class ran more than one scenario.
        public var title: String
    }

    public let rows: [DrillScore]
    public let columns: [Column]

    public init(_ scores: [DrillScore]) {
        var best: [String: DrillScore] = [:]
        for score in scores {
            if let kept = best[score.trainee], kept.total > score.total || (kept.total == score.total && kept.startedAt > score.startedAt) {
                continue
            }
            best[score.trainee] = score
        }
        rows = best.values.sorted { ($0.total, $1.trainee) > ($1.total, $0.trainee) }
        let scenarios = Set(scores.map(\.scenario))
        var columns: [Column] = []
        for score in scores.sorted(by: { $0.scenario < $1.scenario }) {
            for goal in score.goals where !columns.contains(where: { $0.scenario == score.scenario && $0.line == goal.line }) {
                columns.append(Column(scenario: score.scenario, line: goal.line,
                                      title: (scenarios.count > 1 ? score.scenario + " " : "") + "line \(goal.line)"))
            }
        }
        self.columns = columns.sorted { ($0.scenario, $0.line) < ($1.scenario, $1.line) }
    }

    private func entry(_ row: DrillScore, _ column: Column) -> DrillScore.Entry? {
        guard row.scenario == column.scenario else { return nil }
        return row.goals.first { $0.line == column.line }
    }

    /// A cell as the table and the page show it: "✓ 10 (3.2 s)", "✗ 0", or "" when not run.
    func cell(_ row: DrillScore, _ column: Column) -> String {
        guard let e = entry(row, column) else { return "" }
        return e.met ? "✓ \(e.points) (\(OrderedJSON.number(e.seconds ?? 0)) s)" : "✗ \(e.points)"
    }

    private var header: [String] { ["trainee"] + columns.map(\.title) + ["total", "max"] }

    private var cells: [[String]] {
        rows.map { row in [row.trainee] + columns.map { cell(row, $0) } + [String(row.total), String(row.max)] }
    }

    /// Aligned columns for the terminal (widths as the terminal shows them).
    public var text: String {
        let table = [header] + cells
        let clean = table.map { $0.map(TextSanitizer.clean) }
        func width(_ s: String) -> Int { s.reduce(0) { $0 + DisplayWidth.of($1) } }
        let widths = header.indices.map { i in clean.map { width($0[i]) }.max() ?? 0 }
        return clean.map { line in
            line.enumerated().map { i, s in
                // Numbers (total, max) right-aligned; text left.
                let pad = String(repeating: " ", count: widths[i] - width(s))
                return i >= line.count - 2 ? pad + s : s + pad
            }.joined(separator: "  ").replacing(/[ ]+$/, with: "")
        }.joined(separator: "\n") + "\n"
    }

    /// CSV (RFC 4180 quoting, lines ending in \n): each goal as its points and its seconds (empty when missed).
    public var csv: String {
        var lines = [(["trainee"] + columns.flatMap { [$0.title + " points", $0.title + " seconds"] } + ["total", "max", "scenario", "startedAt"])]
        for row in rows {
            var line = [row.trainee]
            for column in columns {
                let e = entry(row, column)
                line.append(e.map { String($0.points) } ?? "")
                line.append(e?.seconds.map(OrderedJSON.number) ?? "")
            }
            line += [String(row.total), String(row.max), row.scenario, row.startedAt]
            lines.append(line)
        }
        return lines.map { $0.map(Self.csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// Quoted when needed; a leading = + - @ (a spreadsheet formula) is made text.
    static func csvField(_ s: String) -> String {
        var s = s
        if let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(s) == nil { s = "'" + s }
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacing("\"", with: "\"\"") + "\""
    }

    /// A plain page: inline style, no script, nothing fetched; every value escaped.
    public func html(title: String) -> String {
        let e = Self.escape
        var out = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(title))</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:2rem;font-size:1.4rem}
            table{border-collapse:collapse}th,td{border:1px solid #999;padding:.4rem .8rem;text-align:left}
            th{background:#eee}.met{color:#060}.missed{color:#a00}.num{text-align:right;font-weight:bold}
            </style></head><body>
            <h1>\(e(title))</h1>
            <table>
            <thead><tr>
            """
        out += header.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows {
            out += "<tr><td>\(e(row.trainee))</td>"
            for column in columns {
                let text = cell(row, column)
                let kind = entry(row, column).map { $0.met ? "met" : "missed" } ?? ""
                out += "<td class=\"\(kind)\">\(e(text))</td>"
            }
            out += "<td class=\"num\">\(row.total)</td><td class=\"num\">\(row.max)</td></tr>\n"
        }
        out += "</tbody>\n</table>\n</body></html>\n"
        return out
    }

    public static func escape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Controls have no place on a page (they are not even valid XML).
                if c.properties.generalCategory == .control && c != "\n" && c != "\t" { out += "\u{FFFD}" } else { out.unicodeScalars.append(c) }
            }
        }
        return out
    }
}
