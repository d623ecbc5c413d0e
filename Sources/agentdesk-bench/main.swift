import Foundation

// Figures, not pass/fail: each printed beside its yardstick measured in the same
// run (the machine is shared and noisy; only side-by-side ratios travel). Build in
// release first: `swift build -c release`, then `.build/release/agentdesk-bench`.
//
//   --json FILE      also write the figures as JSON, for tracking
//   --only a,b       run only these figures: render, bytes, headless, footprint, loop, api, idle

var jsonPath: String?
var only: Set<String>?
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--json": jsonPath = arguments.popFirst()
    case "--only": only = Set((arguments.popFirst() ?? "").split(separator: ",").map(String.init))
    default:
        FileHandle.standardError.write(Data("usage: agentdesk-bench [--json FILE] [--only render,bytes,headless,footprint,loop,api,idle]\n".utf8))
        exit(2)
    }
}

@MainActor func wanted(_ name: String) -> Bool { only?.contains(name) ?? true }

let machine: String = {
    let cpu = ((try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? "").split(separator: "\n")
        .first { $0.hasPrefix("model name") }.map { String($0.split(separator: ":").last ?? "").trimmingCharacters(in: .whitespaces) } ?? "?"
    return "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(cpu), \(sh("uname -sr").trimmingCharacters(in: .whitespacesAndNewlines))"
}()
let date: String = {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: Date())
}()
print("agentdesk-bench, \(date), \(machine)")

let report = Report()
do {
    if wanted("render") { RenderFigure.measure(into: report) }
    if wanted("bytes") { try BytesFigure.measure(into: report) }
    if wanted("headless") { try HeadlessFigure.measure(into: report) }
    if wanted("footprint") { FootprintFigure.measure(into: report) }
    if wanted("loop") { LoopFigure.measure(into: report) }
    if wanted("api") { APIFigure.measure(into: report) }
    if wanted("idle") { IdleFigure.measure(into: report) }
} catch {
    report.note("stopped: \(error)")
}
print("\n" + report.table)
if let jsonPath {
    do {
        try report.writeJSON(to: jsonPath, machine: machine, date: date)
        print("\nfigures written to \(jsonPath)")
    } catch {
        FileHandle.standardError.write(Data("cannot write \(jsonPath): \(error)\n".utf8))
        exit(1)
    }
}
