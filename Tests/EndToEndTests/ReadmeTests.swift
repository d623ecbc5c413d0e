import Foundation
import Testing

/// The README's examples are what newcomers copy first: they must work as written.
@Suite("README examples")
struct ReadmeTests {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("README.md")

    /// The first ```yaml block after a heading.
    func yamlBlock(after heading: String) throws -> String {
        let text = try String(contentsOf: Self.readme, encoding: .utf8)
        let section = try #require(text.range(of: heading))
        let open = try #require(text.range(of: "```yaml\n", range: section.upperBound..<text.endIndex))
        let close = try #require(text.range(of: "```", range: open.upperBound..<text.endIndex))
        return String(text[open.upperBound..<close.lowerBound])
    }

    @Test("the scenario example plays headless and every expect holds")
    func scenarioExample() throws {
        let file = try temporaryFile("readme-scenario.yaml", try yamlBlock(after: "## Scenarios"))
        let (status, stdout, stderr) = try runBinary(["run", file, "--headless"])
        #expect(status == 0, "\(stderr)")
        #expect(stdout.contains(#""event":"callOutRequest","accepted":true"#))
    }

    @Test("the configuration example passes check")
    func configurationExample() throws {
        let file = try temporaryFile("readme-config.yaml", try yamlBlock(after: "## The workstation configuration"))
        let (status, stdout, stderr) = try runBinary(["check", file])
        #expect(status == 0, "\(stderr)")
        #expect(stdout.contains("a valid workstation configuration"))
    }
}
