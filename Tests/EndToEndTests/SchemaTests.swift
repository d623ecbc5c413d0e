import Foundation
import Testing

/// The JSON Schema that editors use must agree with the parser: every fixture and
/// the demo validate, and a misspelt action does not. Checked by Python's
/// jsonschema (installed by .ci/run), the validator editors' tooling resembles.
@Suite("The scenario JSON Schema")
struct SchemaTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("fixtures and the demo validate; a misspelt action does not")
    func schema() throws {
        let demo = try runBinary(["check", "demo"])
        #expect(demo.status == 0)
        let script = """
            import json, sys, glob, yaml, jsonschema
            root = sys.argv[1]
            v = jsonschema.Draft202012Validator(json.load(open(root + '/docs/scenario.schema.json')))
            bad = 0
            src = open(root + '/Sources/AgentDeskCore/Scenario/Scenario+Demo.swift').read().split('\"\"\"')[1]
            docs = [('demo', yaml.safe_load('\\n'.join(l[8:] for l in src.split('\\n'))))]
            docs += [(f, yaml.safe_load(open(f))) for f in sorted(glob.glob(root + '/Tests/AgentDeskCoreTests/Scenarios/*.yaml'))]
            # The corpus's valid scenarios too (PyYAML reads YAML 1.1, so the yes/no file is left to the Swift tests).
            for f in sorted(glob.glob(root + '/Tests/AgentDeskCoreTests/Corpus/valid-*')):
                doc = yaml.safe_load(open(f, newline=''))
                if isinstance(doc, dict) and 'steps' in doc and 'yes-no' not in f: docs.append((f, doc))
            for name, doc in docs:
                for e in v.iter_errors(doc):
                    print('INVALID', name, e.message); bad += 1
            print('VALID', len(docs))
            if not list(v.iter_errors(yaml.safe_load('steps:\\n  - at: 1\\n    anwser: {}\\n'))): print('MISSED'); bad += 1
            sys.exit(1 if bad else 0)
            """
        let path = try temporaryFile("schema_check.py", script)
        let (status, text) = try runPython(path, [Self.root.path])
        #expect(status == 0, "\(text)")
        #expect(text.contains("VALID 14\n"), "\(text)")
    }
}
