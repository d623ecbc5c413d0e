import AgentDeskCore
import AgentDeskServer
import Foundation

/// The loopback API under load, wrk-style: 16 kept-alive connections, each sending
/// requests back to back, against `agentdesk serve` and, in the same run, against
/// a bare Hummingbird server with the same routes' shape (agentdesk-bench-baseline).
/// Every call-out agentdesk accepted is then looked for in its transcript.
enum APIFigure {
    static let clients = 16
    static let perClient = 1_000
    /// Rounds of each kind of request against each server; the figures are medians.
    /// Even, so each server goes first as often as the other.
    static let rounds = 6

    final class Tally: @unchecked Sendable {
        let lock = NSLock()
        var statuses: [Int: Int] = [:]
        var accepted: [String: Int] = [:]
        var failed = 0
    }

    /// What one load measured: requests a second, and the server's CPU time a
    /// request (its whole process, every thread; nil when /proc could not be read).
    struct Load {
        var rate: Double
        var cpuPerRequest: Double?
    }

    /// 16 threads, each on its own connection, `perClient` requests each, against
    /// the server that is process `server`.
    static func load(url: String, server: Int32, token: String, round: Int, post: Bool, tally: Tally) -> Load {
        let cpuBefore = processCPUSeconds(server)
        let group = DispatchGroup()
        let elapsed = seconds {
            for c in 0..<clients {
                group.enter()
                Thread {
                    defer { group.leave() }
                    guard let client = try? LoopbackClient(url: url, token: token) else { return }
                    for i in 0..<perClient {
                        let number = "1\(String(format: "%02d", c))\(round)\(String(format: "%06d", i))"
                        do {
                            let reply = post
                                ? try client.request("POST", "/api/messages",
                                                     body: #"{"source":"ccc-sdk","payload":{"event":"callOut","message":{"phoneNumber":"\#(number)"}}}"#)
                                : try client.request("GET", "/api/state", body: nil)
                            tally.lock.lock()
                            tally.statuses[reply.status, default: 0] += 1
                            if post, reply.status == 200 { tally.accepted[number, default: 0] += 1 }
                            tally.lock.unlock()
                        } catch {
                            tally.lock.lock(); tally.failed += 1; tally.lock.unlock()
                        }
                    }
                }.start()
            }
            group.wait()
        }
        let requests = Double(clients * perClient)
        let cpu = cpuBefore.flatMap { before in processCPUSeconds(server).map { ($0 - before) / requests } }
        return Load(rate: requests / elapsed, cpuPerRequest: cpu)
    }

    static func measure(into report: Report) {
        guard let binary = Binaries.path("agentdesk") else {
            report.note("API load: skipped, no agentdesk binary beside this one")
            return
        }
        let dir = scratchFolder("api")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let token = "load-benchmark-token-0123456789"
        _ = system("XDG_RUNTIME_DIR=\(dir) \(binary) serve --listen 127.0.0.1:0 --token \(token) > \(dir)/transcript.jsonl 2> \(dir)/serve.err < /dev/null & echo $! > \(dir)/serve.pid")
        let servePID = Int32((try? String(contentsOfFile: dir + "/serve.pid", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
        defer { if servePID > 0 { kill(servePID, SIGTERM) } }
        guard let url = waitFor(timeout: 10, { () -> String? in
            guard let data = FileManager.default.contents(atPath: dir + "/agentdesk/server.json"),
                  let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
            return json["url"] as? String
        }) else {
            report.note("API load: skipped, `agentdesk serve` did not start")
            return
        }
        let stateBytes = (try? LoopbackClient(url: url, token: token).request("GET", "/api/state", body: nil).body.utf8.count) ?? 500
        var baselineURL: String?
        var baselinePID: Int32 = 0
        if let baseline = Binaries.path("agentdesk-bench-baseline") {
            baselinePID = Int32(sh("\(baseline) \(dir)/baseline.port \(token) \(stateBytes) > /dev/null 2>&1 & echo $!")
                .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            baselineURL = waitFor(timeout: 10) {
                (try? String(contentsOfFile: dir + "/baseline.port", encoding: .utf8)).flatMap(Int.init).map { "http://127.0.0.1:\($0)" }
            }
        }
        defer { if baselinePID > 0 { kill(baselinePID, SIGTERM) } }

        let ours = Tally(), theirs = Tally()
        var rates: [String: [Double]] = [:]
        var cpu: [String: [Double]] = [:]
        var ratios: [Bool: [Double]] = [:]
        for round in 0..<rounds {
            for post in [false, true] {
                // Each round measures both servers back to back, in turns which goes
                // first, so a burst of load from elsewhere on a shared machine falls on
                // one round's pair rather than always on the same server.
                var mine = Load(rate: 0), base: Load?
                let measureOurs = { mine = load(url: url, server: servePID, token: token, round: round, post: post, tally: ours) }
                let measureTheirs = {
                    base = baselineURL.map { load(url: $0, server: baselinePID, token: token, round: round, post: post, tally: theirs) }
                }
                if round.isMultiple(of: 2) { measureOurs(); measureTheirs() } else { measureTheirs(); measureOurs() }
                rates["ours-\(post)", default: []].append(mine.rate)
                if let c = mine.cpuPerRequest { cpu["ours-\(post)", default: []].append(c) }
                if let base {
                    rates["theirs-\(post)", default: []].append(base.rate)
                    if let c = base.cpuPerRequest { cpu["theirs-\(post)", default: []].append(c) }
                    ratios[post, default: []].append(mine.rate / base.rate)
                }
            }
        }
        // Every accepted call-out must be in the transcript (SIGTERM ends serve cleanly, flushing it).
        kill(servePID, SIGTERM)
        _ = waitFor(timeout: 10) { kill(servePID, 0) != 0 ? true : nil }
        var seen: [String: Int] = [:]
        for line in ((try? String(contentsOfFile: dir + "/transcript.jsonl", encoding: .utf8)) ?? "").split(separator: "\n") {
            guard line.contains("callOutRequest"), let json = try? JSONValue.parse(String(line)),
                  json["accepted"] == .bool(true), let number = json["phoneNumber"]?.stringValue else { continue }
            seen[number, default: 0] += 1
        }
        let lost = ours.accepted.reduce(0) { $0 + max(0, $1.value - seen[$1.key, default: 0]) }
        for (post, route) in [(false, "GET /api/state"), (true, "POST /api/messages")] {
            let mine = median(rates["ours-\(post)"] ?? [])
            let base = rates["theirs-\(post)"].map(median)
            // The ratio is the median of each round's pair, not the ratio of the medians.
            let ratio = ratios[post].map(median)
            let spread = ratios[post].map { String(format: ", rounds %.2f-%.2f", $0.min() ?? 0, $0.max() ?? 0) } ?? ""
            report.add(Figure(
                name: "API \(route), \(clients) connections (median of \(rounds) x \(clients * perClient) requests)",
                shown: String(format: "%.0f req/s", mine), value: mine, unit: "req/s",
                yardstick: base.map { String(format: "bare Hummingbird, same routes' shape: %.0f req/s", $0) + spread } ?? "baseline not built",
                ratio: ratio, goal: "≥ 0.8x", met: ratio.map { $0 >= 0.8 }))
            // What each request cost the server's process in CPU time, all threads: steadier
            // than the rate on a shared machine, and it says where a gap in the rate comes from.
            if let mineCPU = cpu["ours-\(post)"].map(median) {
                let baseCPU = cpu["theirs-\(post)"].map(median)
                report.add(Figure(
                    name: "CPU a request, \(route) (server process, all threads, median of rounds)",
                    shown: String(format: "%.0f µs", mineCPU * 1e6), value: mineCPU * 1e6, unit: "µs",
                    yardstick: baseCPU.map { String(format: "bare Hummingbird: %.0f µs", $0 * 1e6) } ?? "",
                    ratio: baseCPU.map { $0 / mineCPU }))
            }
        }
        let accepted = ours.accepted.values.reduce(0, +)
        let statuses = ours.statuses.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        report.add(Figure(
            name: "accepted call-outs missing from the transcript", shown: "\(lost) of \(accepted) (statuses \(statuses); \(ours.failed) failed)",
            value: Double(lost), unit: "requests", goal: "0", met: lost == 0 && ours.failed == 0))
    }
}
