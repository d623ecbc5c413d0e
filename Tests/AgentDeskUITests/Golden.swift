import Foundation
import Testing

/// Whole screens compared with files in `Golden/`, named after the test. They are
/// rewritten only when AGENTDESK_UPDATE_GOLDEN=1 is set, and then reviewed in the diff.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func check(_ lines: [String], named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let file = directory.appendingPathComponent(name + ".txt")
        let actual = lines.map { $0.replacingTrailingSpaces() }.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["AGENTDESK_UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? actual.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("no golden file \(name).txt; run with AGENTDESK_UPDATE_GOLDEN=1 and review it", sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var report = ["screen differs from Golden/\(name).txt:"]
        for i in 0..<max(e.count, a.count) where (i < e.count ? e[i] : "") != (i < a.count ? a[i] : "") {
            report.append("line \(i + 1)\n  expected: \(i < e.count ? e[i] : "")\n  actual:   \(i < a.count ? a[i] : "")")
        }
        Issue.record(Comment(rawValue: report.joined(separator: "\n")), sourceLocation: sourceLocation)
    }
}

extension String {
    /// Trailing spaces are invisible in a golden file and in a review; the width
    /// checks assert every line's full width separately.
    func replacingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
