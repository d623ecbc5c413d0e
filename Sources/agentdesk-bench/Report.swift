import Foundation

/// One figure of the benchmark, beside its yardstick from the same run.
struct Figure {
    /// What was measured, as the table's first column.
    var name: String
    /// agentdesk's figure, as shown ("0.041 ms").
    var shown: String
    /// The number behind it, for --json.
    var value: Double
    var unit: String
    /// What it is held against, measured in the same run when possible ("jq -c .: 0.66 s").
    var yardstick: String = ""
    /// agentdesk's figure over the yardstick's, in the sense where higher is better
    /// for agentdesk when `higherIsBetter`.
    var ratio: Double?
    var goal: String = ""
    var met: Bool?
}

/// Collects the figures, prints them as a table and writes them as JSON.
final class Report {
    private(set) var figures: [Figure] = []
    private(set) var notes: [String] = []

    func add(_ figure: Figure) {
        figures.append(figure)
        let ratio = figure.ratio.map { String(format: " (ratio %.2f)", $0) } ?? ""
        print("  \(figure.name): \(figure.shown)" + (figure.yardstick.isEmpty ? "" : "  |  \(figure.yardstick)") + ratio)
        fflush(nil)
    }

    func note(_ text: String) {
        notes.append(text)
        print("  note: " + text)
        fflush(nil)
    }

    /// The Markdown table the README shows.
    var table: String {
        var lines = ["| figure | agentdesk | yardstick (same run) | ratio | goal | met |", "| --- | --- | --- | --- | --- | --- |"]
        for f in figures {
            let ratio = f.ratio.map { String(format: "%.2f", $0) } ?? ""
            let met = f.met.map { $0 ? "yes" : "no" } ?? ""
            lines.append("| \(f.name) | \(f.shown) | \(f.yardstick) | \(ratio) | \(f.goal) | \(met) |")
        }
        return lines.joined(separator: "\n")
    }

    func writeJSON(to path: String, machine: String, date: String) throws {
        let figures: [[String: Any]] = figures.map { f in
            var o: [String: Any] = ["name": f.name, "value": f.value, "unit": f.unit, "shown": f.shown]
            if !f.yardstick.isEmpty { o["yardstick"] = f.yardstick }
            if let r = f.ratio { o["ratio"] = r }
            if !f.goal.isEmpty { o["goal"] = f.goal }
            if let m = f.met { o["met"] = m }
            return o
        }
        let document: [String: Any] = ["date": date, "machine": machine, "figures": figures, "notes": notes]
        let data = try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: URL(fileURLWithPath: path))
    }
}
