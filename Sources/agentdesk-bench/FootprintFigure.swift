import Foundation

/// The workstation in tmux (its server included): memory (PSS) and the time from
/// launch to its first frame on the screen, beside headless Chromium showing the
/// bridge page of that same workstation: memory (PSS of all its processes) and the
/// time from launch to a painted screenshot.
enum FootprintFigure {
    static func measure(into report: Report) {
        guard let binary = Binaries.path("agentdesk"), Binaries.onPath("tmux") != nil else {
            report.note("footprint: skipped, needs the agentdesk binary and tmux")
            return
        }
        let dir = scratchFolder("footprint")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let token = "footprint-benchmark-token-0123456789"
        var firstFrames: [Double] = []
        var pss = 0
        var url: String?
        for attempt in 0..<3 {
            let socket = "agentdesk-bench-fp-\(getpid())-\(attempt)"
            let runtime = dir + "/run\(attempt)"
            try? FileManager.default.createDirectory(atPath: runtime, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let start = ContinuousClock.now
            _ = sh("tmux -L \(socket) new-session -d -x 100 -y 30 'exec env LANG=C.UTF-8 XDG_RUNTIME_DIR=\(runtime) \(binary) --listen 127.0.0.1:0 --token \(token)'")
            let shown = waitFor(timeout: 10) { sh("tmux -L \(socket) capture-pane -p").contains("sdkAppId") ? true : nil }
            if shown != nil { firstFrames.append((ContinuousClock.now - start).seconds) }
            let pid = Int32(sh("tmux -L \(socket) display-message -p '#{pane_pid}'").trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            if attempt == 2 {
                // The last one stays up for Chromium to show its bridge page.
                url = waitFor(timeout: 10) { () -> String? in
                    guard let data = FileManager.default.contents(atPath: runtime + "/agentdesk/server.json"),
                          let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
                    return json["url"] as? String
                }
                Thread.sleep(forTimeInterval: 1)
                pss = proportionalSetSize(ofTree: pid)
                measureChromium(bridge: url.map { $0 + "/?token=" + token }, workstation: (pss, median(firstFrames)), dir: dir, into: report)
            }
            _ = sh("tmux -L \(socket) kill-server")
        }
    }

    static func measureChromium(bridge: String?, workstation: (pss: Int, firstFrame: Double), dir: String, into report: Report) {
        let chromium = Binaries.onPath("chromium", "chromium-browser")
        var chromiumPSS: Int?
        var paint: Double?
        if let chromium, let bridge {
            let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--window-size=1200,800"]
            // First paint: launch to a screenshot of the loaded page, the whole process.
            var paints: [Double] = []
            for attempt in 0..<3 {
                let profile = dir + "/chromium-shot-\(attempt)"
                if let shot = run([chromium] + flags + ["--user-data-dir=" + profile, "--screenshot=" + dir + "/shot.png", bridge]),
                   shot.status == 0, FileManager.default.fileExists(atPath: dir + "/shot.png") {
                    paints.append(shot.seconds)
                }
            }
            paint = paints.isEmpty ? nil : median(paints)
            // Memory: the page open, loaded, settled.
            let profile = dir + "/chromium-live"
            let pid = Int32(sh("\(chromium) \(flags.joined(separator: " ")) --user-data-dir=\(profile) --remote-debugging-port=0 '\(bridge)' >/dev/null 2>&1 & echo $!")
                .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            if pid > 0 {
                let loaded = waitFor(timeout: 20) { () -> Bool? in
                    guard let port = (try? String(contentsOfFile: profile + "/DevToolsActivePort", encoding: .utf8))?.split(separator: "\n").first
                    else { return nil }
                    return sh("curl -s http://127.0.0.1:\(port)/json/list").contains("agentdesk bridge") ? true : nil
                }
                if loaded != nil {
                    Thread.sleep(forTimeInterval: 2)
                    chromiumPSS = proportionalSetSize(ofTree: pid)
                }
                kill(pid, SIGTERM)
                var status: Int32 = 0
                _ = waitFor(timeout: 5) { waitpid(pid, &status, WNOHANG) == pid ? true : nil }
            }
        }
        report.add(Figure(
            name: "workstation memory (PSS, server included), 100x30 in tmux", shown: mebibytes(workstation.pss),
            value: Double(workstation.pss) / 1_048_576, unit: "MiB",
            yardstick: chromiumPSS.map { "headless Chromium on the bridge page: " + mebibytes($0) } ?? "chromium not installed or the page did not load",
            ratio: chromiumPSS.map { Double(workstation.pss) / Double($0) },
            goal: "≤ 1/10 of Chromium", met: chromiumPSS.map { workstation.pss * 10 <= $0 }))
        report.add(Figure(
            name: "launch to first frame (tmux, median of 3)", shown: String(format: "%.0f ms", workstation.firstFrame * 1000),
            value: workstation.firstFrame * 1000, unit: "ms",
            yardstick: paint.map { String(format: "headless Chromium, launch to a painted screenshot of the bridge page: %.2f s", $0) } ?? "",
            ratio: paint.map { workstation.firstFrame / $0 }))
    }
}
