import Foundation

/// Idle CPU of the real binary in tmux over 10 seconds (server included).
enum IdleFigure {
    static func measure(into report: Report) {
        guard let binary = Binaries.path("agentdesk"), Binaries.onPath("tmux") != nil else {
            report.note("idle CPU: skipped, needs the agentdesk binary and tmux")
            return
        }
        let dir = scratchFolder("idle")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let socket = "agentdesk-bench-idle-\(getpid())"
        _ = sh("tmux -L \(socket) new-session -d -x 100 -y 30 'exec env LANG=C.UTF-8 XDG_RUNTIME_DIR=\(dir) \(binary) --listen 127.0.0.1:0'")
        defer { _ = sh("tmux -L \(socket) kill-server") }
        let pid = sh("tmux -L \(socket) display-message -p '#{pane_pid}'").trimmingCharacters(in: .whitespacesAndNewlines)
        _ = waitFor(timeout: 10) { sh("tmux -L \(socket) capture-pane -p").contains("sdkAppId") ? true : nil }
        let before = Int32(pid).flatMap(processCPUSeconds)
        Thread.sleep(forTimeInterval: 10)
        let after = Int32(pid).flatMap(processCPUSeconds)
        guard let before, let after else {
            report.note("idle CPU: could not read /proc/\(pid)/stat")
            return
        }
        let share = (after - before) / 10 * 100
        let ticks = Int(((after - before) * Double(sysconf(Int32(_SC_CLK_TCK)))).rounded())
        report.add(Figure(name: "idle CPU over 10 s in tmux (server included; one wake a second for the clock)",
                          shown: String(format: "%.2f%% (%d ticks)", share, ticks), value: share, unit: "%"))
    }
}
