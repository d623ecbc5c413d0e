import AgentDeskCore
import Foundation
import Testing

/// The committed corpus: valid and invalid scenarios and configurations, each
/// hostile case the trust issue found and those found since. An invalid file's
/// first line says what its error must say (`# expect: …`).
let corpusDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")

let corpusFiles: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: corpusDirectory.path)) ?? []).sorted()

/// What reading a document came to, comparable across runs.
enum Verdict: Equatable {
    case scenario(steps: Int, transcript: [String])
    case configuration(WorkstationConfig)
    case invalid([String])
}

func verdict(of text: String, file: String) -> Verdict {
    do {
        switch try WorkstationDocument.read(text, file: file) {
        case let .configuration(config): return .configuration(config)
        case let .scenario(scenario):
            var run = ScenarioRun(scenario)
            var lines: [String] = []
            while !run.isFinished { lines += run.playNext() }
            return .scenario(steps: run.position, transcript: lines)
        }
    } catch {
        return .invalid(error.errors.map(\.description))
    }
}

@Suite("Corpus of valid and hostile files")
struct CorpusTests {
    @Test("the corpus is there")
    func present() {
        #expect(corpusFiles.count >= 30)
    }

    @Test("each file reads as its name says; an invalid one says what its first line expects", arguments: corpusFiles)
    func each(_ name: String) throws {
        let data = try Data(contentsOf: corpusDirectory.appendingPathComponent(name))
        guard let text = String(data: data, encoding: .utf8) else {
            #expect(name.hasPrefix("invalid-"), "\(name) is not UTF-8")
            return
        }
        let result = verdict(of: text, file: name)
        if name.hasPrefix("valid-") {
            if case let .invalid(errors) = result { Issue.record("\(name): \(errors)") }
            if case let .scenario(steps, transcript) = result {
                let scenario = try Scenario.parse(text, file: name)
                #expect(steps == scenario.steps.count, "every step plays")
                #expect(!transcript.isEmpty || steps == 0)
            }
        } else {
            guard case let .invalid(errors) = result else {
                Issue.record("\(name) was accepted")
                return
            }
            let expected = text.split(separator: "\n").first.map { String($0.dropFirst("# expect: ".count)) } ?? ""
            #expect(errors.contains { $0.contains(expected) }, "\(name): \(errors)")
            #expect(errors.allSatisfy { $0.hasPrefix(name) }, "every error names the file")
        }
        #expect(verdict(of: text, file: name) == result, "the same every time")
    }

    @Test("a million-digit dialpad and a 4 MB desc are one located error each, quickly")
    func huge() {
        let digits = "steps:\n  - dialpad: \"" + String(repeating: "1", count: 1_000_000) + "\"\n"
        guard case let .invalid(errors) = verdict(of: digits, file: "d.yaml") else { Issue.record("accepted"); return }
        #expect(errors == ["d.yaml:2:14: steps[0].dialpad: is 1000000 characters long; at most 32 are accepted"])
        let desc = "steps:\n  - call: {nickName: \"" + String(repeating: "刘", count: 4 << 20) + "\"}\n"
        guard case let .invalid(more) = verdict(of: desc, file: "n.yaml") else { Issue.record("accepted"); return }
        #expect(more.count == 1 && more[0].contains("at most 256"))
    }

    @Test("a scenario given as a configuration says only that: none of its values are quoted")
    func notQuoted() {
        let secret = "steps:\n  - dtmf: \"token=s3cr3t-AKIA1234\"\n  - {a: 1, a: 2}\n"
        do {
            _ = try WorkstationConfig.parse(secret, file: "s.yml")
            Issue.record("accepted")
        } catch {
            #expect(error.errors.count == 1 && error.errors[0].message.contains("is a scenario, not a workstation configuration"))
            #expect(!error.description.contains("s3cr3t"))
        }
    }

    @Test("a message step larger than 64 KiB is one located error, not work")
    func hugeMessage() {
        let text = "steps:\n  - message: {source: ccc-sdk, payload: {event: callOut, message: {phoneNumber: \"1" + String(repeating: "-", count: 1 << 20) + "2\"}}}\n"
        guard case let .invalid(errors) = verdict(of: text, file: "m.yaml") else { Issue.record("accepted"); return }
        #expect(errors == ["m.yaml:2:14: steps[0].message: is larger than 64 KiB; a page's message is far smaller"])
    }

    @Test("more errors than the limit: the first 100 in file order, then a line that says reading stopped")
    func errorCap() {
        let text = "steps:\n" + String(repeating: "  - {a: 1, a: 2}\n", count: 200)
        guard case let .invalid(errors) = verdict(of: text, file: "e.yaml") else { Issue.record("accepted"); return }
        #expect(errors.count == 101)
        #expect(errors.last == "e.yaml: stopped after 100 errors; fix these first")
    }

    @Test("a step of a million values, or a header of a million, is refused, not held")
    func wide() {
        let list = "[" + Array(repeating: "1", count: 300_000).joined(separator: ",") + "]"
        guard case let .invalid(errors) = verdict(of: "steps:\n  - message: \(list)\n", file: "w.yaml") else { Issue.record("accepted"); return }
        #expect(errors.first?.contains("more than 200000 values") == true, "\(errors)")
        guard case let .invalid(header) = verdict(of: "name: \(list)\nsteps: []\n", file: "h.yaml") else { Issue.record("accepted"); return }
        #expect(header.first?.contains("more than 200000 values") == true, "\(header)")
    }
}

/// A seeded random generator, so every failure can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Mutations of the corpus")
struct MutationTests {
    static let fragments = ["- ", "-\t", "\t", "\r", "\r\n", ": ", "&a ", "*a", "[", "]", "{", "}", ",", "#", "\"", "'", "steps:",
                            "---\n", "!!str ", "<<: ", "~", "\u{FEFF}", "\u{202E}", "\u{0}", "    ", "\n", "? ", "|", ">"]

    static func mutate(_ text: String, _ rng: inout SplitMix64) -> String {
        var bytes = Array(text.utf8)
        for _ in 0..<Int.random(in: 1...2, using: &rng) {
            let at = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &rng)
            switch Int.random(in: 0..<5, using: &rng) {
            case 0 where !bytes.isEmpty: bytes.remove(at: min(at, bytes.count - 1))
            case 1: bytes.insert(contentsOf: Array(fragments.randomElement(using: &rng)!.utf8), at: at)
            case 2 where !bytes.isEmpty:
                // Duplicate a line.
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                let line = lines.randomElement(using: &rng) ?? ""
                bytes.insert(contentsOf: Array((line + "\n").utf8), at: at)
            case 3 where bytes.count > 1:
                let other = Int.random(in: 0..<bytes.count, using: &rng)
                bytes.swapAt(min(at, bytes.count - 1), other)
            default: bytes.insert(UInt8.random(in: 0...127, using: &rng), at: at)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("4,000 seeded mutants: no crash, every valid scenario plays every step, the same twice")
    func mutants() throws {
        var rng = SplitMix64(state: 0xA6E17DE5)
        let seeds = try corpusFiles.compactMap { name -> (String, String)? in
            let data = try Data(contentsOf: corpusDirectory.appendingPathComponent(name))
            // The huge generated cases are covered above; mutating them only costs time.
            guard data.count < 64 << 10, let text = String(data: data, encoding: .utf8) else { return nil }
            return (name, text)
        } + [("demo", Scenario.demoText)]
        // Valid seeds three times as often: most of their mutants stay valid and must play.
        let weighted = seeds.flatMap { seed in Array(repeating: seed, count: seed.0.hasPrefix("invalid-") ? 1 : 3) }
        var counts = (valid: 0, invalid: 0)
        for index in 0..<4_000 {
            let (name, seed) = weighted[index % weighted.count]
            let mutant = Self.mutate(seed, &rng)
            let first = verdict(of: mutant, file: name)
            #expect(verdict(of: mutant, file: name) == first, "mutant \(index) of \(name) read differently twice")
            switch first {
            case let .scenario(steps, _):
                counts.valid += 1
                let parsed = try Scenario.parse(mutant, file: name)
                #expect(steps == parsed.steps.count, "mutant \(index) of \(name): \(steps) of \(parsed.steps.count) steps played")
            case .configuration: counts.valid += 1
            case let .invalid(errors):
                counts.invalid += 1
                #expect(!errors.isEmpty && errors.count <= DocumentLimits.standard.maxErrors + 1)
            }
        }
        // Both sides were exercised.
        #expect(counts.valid > 150 && counts.invalid > 800, "\(counts)")
    }
}

@Suite("The scenario schema follows the vocabulary")
struct SchemaVocabularyTests {
    static let schemaFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/scenario.schema.json")

    @Test("docs/scenario.schema.json's step is the one made from ActionCatalog (AGENTDESK_UPDATE_GOLDEN=1 rewrites it)")
    func step() throws {
        let text = try String(contentsOf: Self.schemaFile, encoding: .utf8)
        var schema = try JSONValue.parse(text)
        let generated = try JSONValue.parse(OrderedJSON.encode(ActionCatalog.stepSchema))
        guard case var .object(root) = schema, case var .object(defs)? = root["$defs"] else {
            Issue.record("no $defs in the schema")
            return
        }
        if ProcessInfo.processInfo.environment["AGENTDESK_UPDATE_GOLDEN"] == "1" {
            defs["step"] = generated
            root["$defs"] = .object(defs)
            schema = .object(root)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(schema)
            try (String(decoding: data, as: UTF8.self) + "\n").write(to: Self.schemaFile, atomically: false, encoding: .utf8)
            return
        }
        #expect(defs["step"] == generated, "the schema's step differs from the vocabulary; rerun with AGENTDESK_UPDATE_GOLDEN=1 and review the diff")
    }
}
