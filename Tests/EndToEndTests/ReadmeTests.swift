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

    @Test("the narrated example plays headless: its captions and pause are in the transcript")
    func narrationExample() throws {
        let file = try temporaryFile("readme-narration.yaml", try yamlBlock(after: "### Narrating a demo"))
        let (status, stdout, stderr) = try runBinary(["run", file, "--headless", "--stop-on-failure"])
        #expect(status == 0, "\(stderr)")
        #expect(stdout.contains(#""event":"say","step":1,"text":"A customer calls: the call rings"#))
        #expect(stdout.contains(#""event":"pause","step":3}"#))
        #expect(stdout.contains(#""event":"say","step":4,"text":"The agent answers with a.","for":5}"#))
    }

    @Test("the configuration example passes check")
    func configurationExample() throws {
        let file = try temporaryFile("readme-config.yaml", try yamlBlock(after: "## The workstation configuration"))
        let (status, stdout, stderr) = try runBinary(["check", file])
        #expect(status == 0, "\(stderr)")
        #expect(stdout.contains("a valid workstation configuration"))
    }
}
