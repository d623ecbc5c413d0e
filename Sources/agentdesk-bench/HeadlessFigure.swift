import Foundation

/// `agentdesk run --headless` on a generated 10,000-call scenario, the whole
/// process, beside `jq -c .` over the transcript it wrote; `agentdesk check` on the
/// same file (parsing); the binary's peak memory at 1,000 / 10,000 / 50,000 calls.
enum HeadlessFigure {
    static func measure(into report: Report) throws {
        guard let binary = Binaries.path("agentdesk") else {
            report.note("headless: skipped, no agentdesk binary beside this one")
            return
        }
        let dir = scratchFolder("headless")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let scenario = dir + "/calls-10000.yaml", transcript = dir + "/transcript.jsonl"
        try Workloads.generatedScenario(calls: 10_000).write(toFile: scenario, atomically: true, encoding: .utf8)
        let fileSize = (try? FileManager.default.attributesOfItem(atPath: scenario)[.size] as? Int) ?? 0
        let jq = Binaries.onPath("jq")
        var play: [Double] = [], parse: [Double] = [], yard: [Double] = []
        var status: Int32 = -1
        for _ in 0..<3 {
            guard let played = run([binary, "run", scenario, "--headless"], stdout: transcript) else { break }
            status = played.status
            play.append(played.seconds)
            if let checked = run([binary, "check", scenario]) { parse.append(checked.seconds) }
            if let jq, let filtered = run([jq, "-c", ".", transcript]) { yard.append(filtered.seconds) }
        }
        let events = ((try? String(contentsOfFile: transcript, encoding: .utf8)) ?? "").utf8.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
        guard !play.isEmpty, events > 0 else {
            report.note("headless: the run wrote no transcript (exit \(status))")
            return
        }
        let ours = median(play)
        let theirs = yard.isEmpty ? nil : median(yard)
        report.add(Figure(
            name: "`run --headless`, 10,000 generated calls (\(events) events), whole process (median of \(play.count))",
            shown: String(format: "%.2f s = %.0f events/s (exit %d)", ours, Double(events) / ours, status),
            value: Double(events) / ours, unit: "events/s",
            yardstick: theirs.map { String(format: "`jq -c .` over the same transcript: %.2f s = %.0f events/s", $0, Double(events) / $0) }
                ?? "jq not installed",
            ratio: theirs.map { $0 / ours }, goal: "≥ 0.5x jq; aim for jq's pace", met: theirs.map { $0 / ours >= 0.5 }))
        report.add(Figure(
            name: String(format: "of which parsing the scenario (`check`, %.1f MB)", Double(fileSize) / 1_000_000),
            shown: String(format: "%.2f s", median(parse)), value: median(parse), unit: "s"))

        // Peak memory as the scenario grows. The binary reports its own peak (VmHWM)
        // on stderr: a spawned child's ru_maxrss on Linux carries this process's
        // high-water mark across exec.
        var peaks: [String] = []
        var values: [Double] = []
        for calls in [1_000, 10_000, 50_000] {
            let path = dir + "/calls-\(calls).yaml", summary = path + ".summary"
            try Workloads.generatedScenario(calls: calls).write(toFile: path, atomically: true, encoding: .utf8)
            guard let finished = run([binary, "run", path, "--headless"], stderr: summary) else { continue }
            let text = (try? String(contentsOfFile: summary, encoding: .utf8)) ?? ""
            let peak = text.range(of: #"peak memory [0-9.]+ MiB"#, options: .regularExpression).map { String(text[$0].dropFirst(12)) } ?? "?"
            peaks.append("\(calls / 1000)k: \(peak) (\(String(format: "%.2f s", finished.seconds)))")
            values.append(Double(peak.split(separator: " ").first ?? "") ?? .nan)
        }
        report.add(Figure(name: "headless peak memory at 1k / 10k / 50k calls", shown: peaks.joined(separator: ", "),
                          value: values.last ?? .nan, unit: "MiB at 50k"))
    }
}
