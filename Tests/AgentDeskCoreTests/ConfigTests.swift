import AgentDeskCore
import Testing

/// A bad configuration and the one error it must produce.
struct ConfigCase: CustomTestStringConvertible, Sendable {
    let label: String
    let yaml: String
    let expected: String
    var testDescription: String { label }
    init(_ label: String, _ yaml: String, _ expected: String) {
        self.label = label
        self.yaml = yaml
        self.expected = expected
    }
}

private let agentBlock = """
    sdkAppId: 1400000001
    agent:
      nickName: 小王

    """

let badConfigs: [ConfigCase] = [
    .init("empty page name", agentBlock + "pages:\n  - name: \"\"\n    url: https://a.example\n",
          "crm.yaml:5:11: pages[0].name: must not be empty"),
    .init("blank page name", agentBlock + "pages:\n  - name: \"   \"\n    url: https://a.example\n",
          "crm.yaml:5:11: pages[0].name: must not be empty"),
    .init("missing page name", agentBlock + "pages:\n  - url: https://a.example\n",
          "crm.yaml:5:5: pages[0].name: missing; every page needs a name for its tab"),
    .init("duplicate page name", agentBlock + "pages:\n  - name: CRM\n    url: https://a.example\n  - name: CRM\n    url: https://b.example\n",
          "crm.yaml:7:11: pages[1].name: duplicate page name \"CRM\"; pages[0] has it already, and tab names must be unique"),
    .init("http scheme", agentBlock + "pages:\n  - name: CRM\n    url: http://crm.example\n",
          "crm.yaml:6:10: pages[0].url: http:// is refused by TCCC, which accepts https:// only"),
    .init("http localhost without the switch", agentBlock + "pages:\n  - name: dev\n    url: http://localhost:5173/pop\n",
          "crm.yaml:6:10: pages[0].url: http:// is refused by TCCC, which accepts https:// only; for a local development server set allowInsecureLocalhost: true"),
    .init("http on another host even with the switch", agentBlock + "allowInsecureLocalhost: true\npages:\n  - name: dev\n    url: http://10.0.0.5/pop\n",
          "crm.yaml:7:10: pages[0].url: http:// is refused by TCCC, which accepts https:// only"),
    .init("relative URL", agentBlock + "pages:\n  - name: CRM\n    url: /ticket/list\n",
          "crm.yaml:6:10: pages[0].url: \"/ticket/list\" is not an absolute URL; write it in full, starting with https://"),
    .init("javascript URL", agentBlock + "pages:\n  - name: CRM\n    url: \"javascript://alert(1)\"\n",
          "crm.yaml:6:10: pages[0].url: the scheme javascript: is refused; TCCC accepts https:// only"),
    .init("https without a host", agentBlock + "pages:\n  - name: CRM\n    url: https:///path\n",
          "crm.yaml:6:10: pages[0].url: \"https:///path\" has no host name"),
    .init("URL with a space", agentBlock + "pages:\n  - name: CRM\n    url: \"https://a.example/x y\"\n",
          "crm.yaml:6:10: pages[0].url: \"https://a.example/x y\" contains spaces or control characters; percent-encode them"),
    .init("unknown page key, near a known one", agentBlock + "pages:\n  - name: CRM\n    url: https://a.example\n    alwaysShown: true\n",
          "crm.yaml:7:5: pages[0].alwaysShown: unknown key 'alwaysShown'; did you mean 'alwaysShow'?"),
    .init("unknown key, wrong case", "sdkappid: 1\nagent:\n  nickName: a\n",
          "crm.yaml:1:1: sdkappid: unknown key 'sdkappid'; did you mean 'sdkAppId'?"),
    .init("unknown key, nothing near", agentBlock + "colour: blue\n",
          "crm.yaml:4:1: colour: unknown key 'colour'; known keys: sdkAppId, agent, pages, allowInsecureLocalhost, afterCallWork, timeoutTransferTo"),
    .init("alwaysShow as text", agentBlock + "pages:\n  - name: CRM\n    url: https://a.example\n    alwaysShow: \"yes\"\n",
          "crm.yaml:7:17: pages[0].alwaysShow: expected true or false, found the text \"yes\""),
    .init("enabled as a number", agentBlock + "pages:\n  - name: CRM\n    url: https://a.example\n    enabled: 1\n",
          "crm.yaml:7:14: pages[0].enabled: expected true or false, found the number 1"),
    .init("pages as a mapping", agentBlock + "pages:\n  name: CRM\n",
          "crm.yaml:5:3: pages: expected a list, found a mapping"),
    .init("url as a list", agentBlock + "pages:\n  - name: CRM\n    url: [https://a.example]\n",
          "crm.yaml:6:10: pages[0].url: expected text, found a list"),
    .init("a boolean where text is meant", agentBlock + "pages:\n  - name: true\n    url: https://a.example\n",
          "crm.yaml:5:11: pages[0].name: expected text, found the boolean true; put it in quotes if it is meant as text"),
    .init("page name as a number", agentBlock + "pages:\n  - name: 42\n    url: https://a.example\n",
          "crm.yaml:5:11: pages[0].name: expected text, found the number 42; put it in quotes if it is meant as text"),
    .init("missing sdkAppId", "agent:\n  nickName: a\n",
          "crm.yaml:1:1: sdkAppId: missing; the TCCC application id (sdkAppId) is required"),
    .init("sdkAppId not numeric", "sdkAppId: app-1\nagent:\n  nickName: a\n",
          "crm.yaml:1:11: sdkAppId: expected the application's numeric id, found \"app-1\""),
    .init("missing agent", "sdkAppId: 1\n",
          "crm.yaml:1:1: agent: missing; the agent (nickName, and optionally email, mobile, role) is required"),
    .init("agent without nickName", "sdkAppId: 1\nagent:\n  email: a@example.com\n",
          "crm.yaml:3:3: agent.nickName: missing; the agent's display name is required"),
    .init("unknown role", "sdkAppId: 1\nagent:\n  nickName: a\n  role: admn\n",
          "crm.yaml:4:9: agent.role: 'admn' is not one of admin, agent; did you mean 'admin'?"),
    .init("bad email", "sdkAppId: 1\nagent:\n  nickName: a\n  email: nobody\n",
          "crm.yaml:4:10: agent.email: \"nobody\" is not an e-mail address"),
    .init("negative after-call work", agentBlock + "afterCallWork: -5\n",
          "crm.yaml:4:16: afterCallWork: -5 is out of range; expected 0 to 86400"),
    .init("YAML syntax error", "sdkAppId: 1\nagent: [nickName: a\n",
          "crm.yaml:3:1: not valid YAML:"),
    .init("duplicate key", "sdkAppId: 1\nsdkAppId: 2\nagent:\n  nickName: a\n",
          "crm.yaml:2:1: the key 'sdkAppId' appears more than once in one mapping"),
    .init("empty document", "", "crm.yaml: the document is empty"),
    .init("a list at the top", "- a\n- b\n", "crm.yaml:1:1: expected a mapping (key: value pairs), found a list"),
    .init("JSON with a type error", #"{"sdkAppId": 1, "agent": {"nickName": "a"}, "pages": [{"name": "x", "url": "https://a.example", "enabled": "no"}]}"#,
          "crm.yaml:1:108: pages[0].enabled: expected true or false, found the text \"no\""),
]

@Suite("Workstation configuration")
struct ConfigTests {
    @Test("each error names file, line, column and field", arguments: badConfigs)
    func rejects(_ c: ConfigCase) {
        #expect(throws: ConfigErrors.self) { try WorkstationConfig.parse(c.yaml, file: "crm.yaml") }
        do {
            _ = try WorkstationConfig.parse(c.yaml, file: "crm.yaml")
        } catch {
            #expect(error.errors.count == 1, "\(error)")
            #expect(error.errors.first?.description.hasPrefix(c.expected) == true, "got: \(error)")
        }
    }

    @Test("every error in a file is reported, not only the first")
    func allErrors() {
        let yaml = agentBlock + "pages:\n  - name: A\n    url: http://a.example\n  - name: B\n    url: ftp://b.example\n    alwayShow: true\n"
        do {
            _ = try WorkstationConfig.parse(yaml, file: "x.yaml")
            Issue.record("should have failed")
        } catch {
            #expect(error.errors.map(\.field) == ["pages[0].url", "pages[1].url", "pages[1].alwayShow"], "in file order")
        }
    }

    @Test("a full configuration in YAML")
    func fullYAML() throws {
        let yaml = """
            sdkAppId: "1400123456"
            agent:
              email: li@example.com
              mobile: 13900000000
              nickName: 李雷
              role: admin
            afterCallWork: 15
            timeoutTransferTo: 售后技能组
            allowInsecureLocalhost: true
            pages:
              - name: 客户资料
                url: https://crm.example.com/c#old
                alwaysShow: true
              - name: dev
                url: http://127.0.0.1:8000/pop.html
              - name: 旧系统
                url: https://off.example
                enabled: false
            """
        let config = try WorkstationConfig.parse(yaml, file: "full.yaml")
        #expect(config.sdkAppId == "1400123456")
        #expect(config.agent == AgentProfile(email: "li@example.com", mobile: "13900000000", nickName: "李雷", role: .admin))
        #expect(config.agent.roleId == "admin")
        #expect(config.agent.role.chineseName == "管理员")
        #expect(config.afterCallWork == 15)
        #expect(config.timeoutTransferTo == "售后技能组")
        #expect(config.pages.map(\.name) == ["客户资料", "dev", "旧系统"])
        #expect(config.pages.map(\.alwaysShow) == [true, false, false])
        #expect(config.pages.map(\.enabled) == [true, true, false])
        #expect(config.pages[1].isInsecureLocal)
        #expect(config.enabledPages.count == 2)
    }

    @Test("JSON is YAML too")
    func json() throws {
        let config = try WorkstationConfig.parse(
            #"{"sdkAppId": 1400000002, "agent": {"nickName": "Ann", "role": "agent"}, "pages": [{"name": "CRM", "url": "https://crm.example"}]}"#,
            file: "c.json")
        #expect(config.sdkAppId == "1400000002")
        #expect(config.agent.role.chineseName == "普通客服")
        #expect(config.pages == [ScreenPopPage(name: "CRM", url: "https://crm.example", alwaysShow: false, enabled: true)])
    }

    @Test("YAML 1.2: yes, no, on and off are words, not booleans (a page named off stays off)")
    func norway() throws {
        let config = try WorkstationConfig.parse("sdkAppId: 1\nagent: {nickName: no}\npages:\n  - {name: off, url: https://a.example, enabled: true}\n", file: "c.yaml")
        #expect(config.agent.nickName == "no")
        #expect(config.pages.map(\.name) == ["off"])
        #expect(throws: ConfigErrors.self) { try WorkstationConfig.parse("sdkAppId: 1\nagent: {nickName: a}\npages:\n  - {name: a, url: https://a.example, enabled: yes}\n", file: "c.yaml") }
    }

    @Test("the built-in demo has a resident, a pop-only and a disabled page")
    func demo() {
        let pages = WorkstationConfig.demo.pages
        #expect(pages.filter { $0.enabled && $0.alwaysShow }.count == 1)
        #expect(pages.filter { $0.enabled && !$0.alwaysShow }.count == 1)
        #expect(pages.filter { !$0.enabled }.count == 1)
        for page in pages {
            #expect(PageURLRule.problem(with: page.url, allowInsecureLocalhost: false) == nil)
        }
    }
}
