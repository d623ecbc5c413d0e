import AgentDeskCore
import Testing

private let head = """
    sdkAppId: 1400000001
    agent: {nickName: 小王}

    """

/// `queue`, `transferTargets` and `restReasons`: bad values are located errors,
/// good ones round-trip through the writer `record` uses.
let badDirectoryConfigs: [ConfigCase] = [
    .init("patience 0", head + "queue: {patience: 0}\n", "crm.yaml:3:19: queue.patience: 0 is out of range; expected 1 to 86400"),
    .init("capacity not whole", head + "queue: {capacity: 2.5}\n", "crm.yaml:3:19: queue.capacity: expected a whole number of callers"),
    .init("queue misspelt key", head + "queue: {patiance: 5}\n", "crm.yaml:3:9: queue.patiance:"),
    .init("unknown target kind", head + "transferTargets:\n  - {kind: team, name: x}\n", "crm.yaml:4:12: transferTargets[0].kind: 'team' is not one of skillGroup, agent"),
    .init("target without a name", head + "transferTargets:\n  - {kind: agent, id: a1}\n",
          "crm.yaml:4:5: transferTargets[0].name: missing; every transfer target needs the name agents know it by"),
    .init("two targets with one name", head + "transferTargets:\n  - {kind: agent, name: 李四}\n  - {kind: skillGroup, id: g, name: 李四}\n",
          "crm.yaml:5:5: transferTargets[1]: \"李四\" is already transferTargets[0]; ids and names must be unique"),
    .init("a reason listed twice", head + "restReasons: [午餐, 午餐]\n", "crm.yaml:3:19: restReasons[1]: \"午餐\" is listed twice"),
    .init("an empty reason", head + "restReasons: [\"\"]\n", "crm.yaml:3:15: restReasons[0]: must not be empty"),
    .init("a reason too long", head + "restReasons: [\(String(repeating: "休", count: 65))]\n",
          "crm.yaml:3:15: restReasons[0]: is 65 characters long"),
    .init("a directory of 201 entries", head + "transferTargets:\n" + (1...201).map { "  - {kind: agent, name: a\($0)}\n" }.joined(),
          "crm.yaml:4:3: transferTargets: has 201 entries; at most 200 are taken"),
    .init("restReasons not a list", head + "restReasons: 午餐\n", "crm.yaml:3:14: restReasons: expected a list"),
]

@Suite("The directory, rest reasons and the queue in the configuration")
struct DirectoryConfigTests {
    @Test("each error names file, line, column and field", arguments: badDirectoryConfigs)
    func rejects(_ c: ConfigCase) {
        do {
            _ = try WorkstationConfig.parse(c.yaml, file: "crm.yaml")
            Issue.record("accepted: \(c.yaml)")
        } catch {
            #expect(error.errors.count == 1, "\(error)")
            #expect(error.errors.first?.description.hasPrefix(c.expected) == true, "got: \(error)")
        }
    }

    @Test("a full directory reads, and the writer gives it back")
    func roundTrip() throws {
        let yaml = head + """
            queue: {patience: 45, capacity: 3}
            transferTargets:
              - {kind: skillGroup, id: 1001, name: 售后技能组}
              - {kind: agent, name: 李四}
            restReasons: [午餐, " 会议 "]
            """
        let config = try WorkstationConfig.parse(yaml, file: "crm.yaml")
        #expect(config.queue == QueuePolicy(patience: 45, capacity: 3))
        #expect(config.transferTargets == [TransferTarget(kind: .skillGroup, id: "1001", name: "售后技能组"),
                                           TransferTarget(kind: .agent, id: "李四", name: "李四")])
        #expect(config.restReasons == ["午餐", "会议"])
        let again = try WorkstationConfig.parse(WorkstationConfigWriter.json(config), file: "again.json")
        #expect(again == config)
        #expect(config.transferTarget(for: "1001").kind == .skillGroup)
        #expect(config.transferTarget(for: "李四").kind == .agent)
        #expect(config.transferTarget(for: "技术支持组") == TransferTarget(kind: .free, id: "技术支持组"))
    }

    @Test("a scenario whose rest reason is not on its workstation's list is refused when read, at the step")
    func scenarioRestReason() {
        let yaml = """
            workstation:
              sdkAppId: 1
              agent: {nickName: a}
              restReasons: [午餐, 会议]
            steps:
              - status: rest
                reason: 午餐
              - after: 5
                status: rest
                reason: 会意
            """
        do {
            _ = try Scenario.parse(yaml, file: "s.yaml")
            Issue.record("accepted")
        } catch {
            #expect(error.errors.count == 1, "\(error)")
            #expect(error.errors.first?.description
                .hasPrefix("s.yaml:8:5: steps[1].reason: \"会意\" is not one of the workstation's restReasons: 午餐, 会议 (did you mean 会议?)") == true,
                "\(error)")
        }
    }
}
