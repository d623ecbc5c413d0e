import Foundation
import Testing

/// docs/workstation.schema.json, for editors checking a configuration as they type,
/// must agree with the parser (`agentdesk check`) and with the scenario schema's
/// inline workstation. Checked by Python's jsonschema, like the scenario schema.
@Suite("The workstation configuration JSON Schema")
struct WorkstationSchemaTests {
    /// Configurations with what `agentdesk check` says of them.
    static let cases: [(name: String, text: String, valid: Bool)] = [
        ("minimal.yaml", "sdkAppId: 1400000001\nagent: {nickName: 小王}\n", true),
        ("full.yaml", """
            sdkAppId: "1400000001"
            agent: {nickName: 小王, email: wang@example.com, mobile: "13800000000", role: admin, roleId: 3}
            afterCallWork: 0
            timeoutTransferTo: 售后技能组
            allowInsecureLocalhost: true
            queue: {patience: 45, capacity: 10}
            transferTargets:
              - {kind: skillGroup, id: "1001", name: 售后技能组}
              - {kind: agent, name: 李四}
            restReasons: [午餐, 会议]
            pages:
              - {name: 客户资料, url: "https://crm.example.com/customer", alwaysShow: true, enabled: true}
              - {name: 本地, url: "http://localhost:3000/popup"}
            """, true),
        ("json.json", #"{"sdkAppId": 1400000001, "agent": {"nickName": "Ann"}, "pages": []}"#, true),
        ("misspelt.yaml", "sdkAppId: 1\nagent: {nickName: a}\npagse: []\n", false),
        ("http.yaml", "sdkAppId: 1\nagent: {nickName: a}\npages:\n  - {name: x, url: \"http://x.example\"}\n", false),
        ("no-agent.yaml", "sdkAppId: 1\n", false),
        ("bad-role.yaml", "sdkAppId: 1\nagent: {nickName: a, role: boss}\n", false),
        ("bad-acw.yaml", "sdkAppId: 1\nagent: {nickName: a}\nafterCallWork: -5\n", false),
        ("bad-queue.yaml", "sdkAppId: 1\nagent: {nickName: a}\nqueue: {patience: 0}\n", false),
        ("bad-target-kind.yaml", "sdkAppId: 1\nagent: {nickName: a}\ntransferTargets:\n  - {kind: team, name: x}\n", false),
        ("target-no-name.yaml", "sdkAppId: 1\nagent: {nickName: a}\ntransferTargets:\n  - {kind: agent, id: x}\n", false),
        ("page-key.yaml", "sdkAppId: 1\nagent: {nickName: a}\npages:\n  - {name: x, url: \"https://x.example\", alwaysshow: true}\n", false),
        ("chat.yaml", """
            sdkAppId: 1
            agent: {nickName: a}
            quickReplies: [您好, 请稍等]
            idleTimeout: {im: 300, oim: 0}
            cards: [{title: 退货指引, link: "https://help.example.com/r"}]
            orders: [{name: 耳机, fields: [{name: 数量, value: 2}]}]
            """, true),
        ("chat-idle-om.yaml", "sdkAppId: 1\nagent: {nickName: a}\nidleTimeout: {om: 60}\n", false),
        ("chat-card-no-title.yaml", "sdkAppId: 1\nagent: {nickName: a}\ncards: [{link: \"https://x.example\"}]\n", false),
    ]

    @Test("the schema and `agentdesk check` agree on every case; the README's example is valid")
    func agreesWithTheParser() throws {
        var files: [String] = []
        for (name, text, valid) in Self.cases {
            let path = try temporaryFile("ws-schema-" + name, text)
            files.append(path + "=" + (valid ? "valid" : "invalid"))
            let checked = try runBinary(["check", path])
            #expect(checked.status == (valid ? 0 : 2), "check \(name): \(checked.stdout)\(checked.stderr)")
        }
        let script = """
            import json, sys, yaml, jsonschema
            root = sys.argv[1]
            schema = json.load(open(root + '/docs/workstation.schema.json'))
            jsonschema.Draft202012Validator.check_schema(schema)
            v = jsonschema.Draft202012Validator(schema)
            bad = 0
            for arg in sys.argv[2:]:
                path, want = arg.rsplit('=', 1)
                errors = list(v.iter_errors(yaml.safe_load(open(path))))
                if (want == 'valid') != (not errors):
                    print('DISAGREE', path, want, [e.message for e in errors]); bad += 1
            readme = open(root + '/README.md').read()
            block = readme.split('## The workstation configuration')[1].split('```yaml')[1].split('```')[0]
            for e in v.iter_errors(yaml.safe_load(block)):
                print('README INVALID', e.message); bad += 1
            def strip(node):
                if isinstance(node, dict):
                    return {k: strip(x) for k, x in node.items() if k not in ('description', 'title', '$schema', '$id')}
                if isinstance(node, list):
                    return [strip(x) for x in node]
                return node
            inline = json.load(open(root + '/docs/scenario.schema.json'))['$defs']['workstation']
            if strip(schema) != strip(inline):
                print('DRIFT: docs/workstation.schema.json differs from scenario.schema.json $defs.workstation'); bad += 1
            print('CHECKED', len(sys.argv) - 2)
            sys.exit(1 if bad else 0)
            """
        let path = try temporaryFile("workstation_schema_check.py", script)
        let (status, text) = try runPython(path, [SchemaTests.root.path] + files)
        #expect(status == 0, "\(text)")
        #expect(text.contains("CHECKED \(Self.cases.count)"), "\(text)")
    }
}
