import Foundation
import Yams

/// A scenario read one step at a time, so a huge file is never held as one YAML
/// tree: memory stays flat however many steps it has. Works on the block layout
/// people and `agentdesk record` write (`steps:` at the left margin, one `- ` item
/// per step); other layouts (flow lists, JSON) are read whole by `Scenario.parse`.
public struct ScenarioStream: Sendable {
    /// Name, description and workstation; `steps` is empty.
    public let header: Scenario
    public let stepCount: Int
    public let duration: Double
    private let text: String
    private let block: Range<String.Index>
    private let blockFirstLine: Int

    /// Splits and validates every step (all errors, located, before anything
    /// plays). Nil when the file is not in the block layout.
    public static func open(
        _ text: String, file: String,
        loadWorkstation: (String) throws(ConfigErrors) -> WorkstationConfig
    ) throws(ConfigErrors) -> ScenarioStream? {
        guard let (block, firstLine, blockLines) = stepsBlock(in: text) else { return nil }
        // The header keeps its line numbers: the steps block becomes blank lines.
        let header = String(text[..<block.lowerBound]).replacingStepsLine()
            + String(repeating: "\n", count: blockLines) + String(text[block.upperBound...])
        var scenario = try Scenario.parse(header, file: file, loadWorkstation: loadWorkstation)
        scenario.steps = []
        var stream = ScenarioStream(header: scenario, stepCount: 0, duration: 0, text: text, block: block, blockFirstLine: firstLine)
        var errors: [ConfigError] = []
        var count = 0
        var duration = 0.0
        stream.forEachStep(errors: &errors) { step in
            count += 1
            duration = step.time
        }
        guard errors.isEmpty else { throw ConfigErrors(errors) }
        stream = ScenarioStream(header: scenario, stepCount: count, duration: duration, text: text, block: block, blockFirstLine: firstLine)
        return stream
    }

    private init(header: Scenario, stepCount: Int, duration: Double, text: String, block: Range<String.Index>, blockFirstLine: Int) {
        self.header = header
        self.stepCount = stepCount
        self.duration = duration
        self.text = text
        self.block = block
        self.blockFirstLine = blockFirstLine
    }

    /// Parses the steps again, one by one, handing each over.
    public func forEachStep(_ body: (ScenarioStep) -> Void) {
        var errors: [ConfigError] = []
        forEachStep(errors: &errors, body)
    }

    private func forEachStep(errors: inout [ConfigError], _ body: (ScenarioStep) -> Void) {
        var clock = 0.0
        var number = 0
        for (item, line) in items() {
            number += 1
            var reader = DocumentReader(file: header.file)
            reader.lineOffset = line - 1
            guard let root = reader.root(of: String(text[item])), case let .sequence(sequence) = root, let node = sequence.first else {
                if reader.errors.isEmpty {
                    errors.append(ConfigError(file: header.file, line: line, column: 0, field: "steps[\(number - 1)]", message: "cannot be read as a step"))
                }
                errors += reader.errors
                continue
            }
            if let step = Scenario.readStep(node, number: number, previous: clock, reader: &reader) {
                clock = step.time
                body(step)
            }
            // Enough to fix a file in one go; a runaway file should not fill memory with errors.
            if errors.count < 200 { errors += reader.errors }
        }
    }

    /// Each step's text (`- …` and its continuation lines) and its first line number.
    private func items() -> [(Range<String.Index>, Int)] {
        // Ranges only (no copies of the text); for 240,000 steps about 8 MB.
        var result: [(Range<String.Index>, Int)] = []
        var indent: Int?
        var start: String.Index?
        var startLine = 0
        var line = blockFirstLine
        var index = block.lowerBound
        while index < block.upperBound {
            let end = text[index..<block.upperBound].firstIndex(of: "\n").map { text.index(after: $0) } ?? block.upperBound
            let content = text[index..<end]
            let spaces = content.prefix { $0 == " " }.count
            let rest = content.dropFirst(spaces)
            if rest.hasPrefix("- ") || rest.hasPrefix("-\n") || rest == "-" {
                if indent == nil { indent = spaces }
                if spaces == indent {
                    if let start { result.append((start..<index, startLine)) }
                    start = index
                    startLine = line
                }
            }
            index = end
            line += 1
        }
        if let start { result.append((start..<block.upperBound, startLine)) }
        return result
    }

    /// The range of the steps block (the lines after a bare `steps:` at the left
    /// margin, up to the next top-level key), its first line number and line count.
    static func stepsBlock(in text: String) -> (Range<String.Index>, Int, Int)? {
        var lineNumber = 1
        var index = text.startIndex
        var blockStart: String.Index?
        var firstLine = 0
        /// Whether the items stand at the left margin (`- at: 1` under `steps:`).
        var itemsAtMargin: Bool?
        while index < text.endIndex {
            let end = text[index...].firstIndex(of: "\n").map { text.index(after: $0) } ?? text.endIndex
            let line = text[index..<end]
            if let start = blockStart {
                let trimmed = line.trimmingBlanks()
                let atMargin = line.first.map { $0 != " " && $0 != "\t" } ?? false
                if !trimmed.isEmpty && !trimmed.hasPrefix("#") {
                    if itemsAtMargin == nil { itemsAtMargin = atMargin && trimmed.hasPrefix("-") }
                    if atMargin && !(itemsAtMargin == true && trimmed.hasPrefix("-")) {
                        return (start..<index, firstLine, lineNumber - firstLine)
                    }
                }
            } else if line.hasPrefix("steps:") {
                let after = line.dropFirst("steps:".count).trimmingBlanks()
                guard after.isEmpty || after.hasPrefix("#") else { return nil }
                blockStart = end
                firstLine = lineNumber + 1
            }
            index = end
            lineNumber += 1
        }
        guard let start = blockStart else { return nil }
        return (start..<text.endIndex, firstLine, lineNumber - firstLine)
    }
}

/// Blanks at the ends of a line. A Set, not a String: in a string literal "\r\n" is
/// one Character, and a bare "\n" would not be found in it.
private let blanks: Set<Character> = [" ", "\t", "\r", "\n", "\r\n"]

private extension Substring {
    func trimmingBlanks() -> Substring {
        let set = blanks
        var s = self
        while let c = s.first, set.contains(c) { s = s.dropFirst() }
        while let c = s.last, set.contains(c) { s = s.dropLast() }
        return s
    }
}

private extension String {
    /// `…steps:` at the end of the header part becomes `…steps: []`.
    func replacingStepsLine() -> String {
        guard let range = range(of: "steps:", options: .backwards) else { return self }
        return replacingCharacters(in: range, with: "steps: []")
    }
}
