/// Writes a configuration back as the JSON (which is YAML) the reader takes, so a
/// recording carries its workstation inline and can be shared on its own.
public enum WorkstationConfigWriter {
    public static func json(_ config: WorkstationConfig) -> String {
        var agent: [(String, OrderedJSON.Value)] = [("nickName", .string(config.agent.nickName))]
        if let email = config.agent.email { agent.append(("email", .string(email))) }
        if let mobile = config.agent.mobile { agent.append(("mobile", .string(mobile))) }
        agent.append(("role", .string(config.agent.role.rawValue)))
        if config.agent.roleId != config.agent.role.rawValue { agent.append(("roleId", .string(config.agent.roleId))) }
        var fields: [(String, OrderedJSON.Value)] = [("sdkAppId", .string(config.sdkAppId)), ("agent", .object(agent))]
        fields.append(("afterCallWork", .number(config.afterCallWork)))
        if let to = config.timeoutTransferTo { fields.append(("timeoutTransferTo", .string(to))) }
        if config.allowInsecureLocalhost { fields.append(("allowInsecureLocalhost", .bool(true))) }
        if config.maxSessions != WorkstationConfig.defaultMaxSessions { fields.append(("maxSessions", .number(Double(config.maxSessions)))) }
        fields += config.chat.written
        if config.queue != QueuePolicy() {
            fields.append(("queue", .object([("patience", .number(config.queue.patience)),
                                             ("capacity", .number(Double(config.queue.capacity)))])))
        }
        if !config.transferTargets.isEmpty {
            fields.append(("transferTargets", .array(config.transferTargets.map { target in
                .object([("kind", .string(target.kind.rawValue)), ("id", .string(target.id)), ("name", .string(target.label))])
            })))
        }
        if !config.restReasons.isEmpty { fields.append(("restReasons", .array(config.restReasons.map(OrderedJSON.Value.string)))) }
        fields.append(("pages", .array(config.pages.map { page in
            .object([("name", .string(page.name)), ("url", .string(page.url)),
                     ("alwaysShow", .bool(page.alwaysShow)), ("enabled", .bool(page.enabled))])
        })))
        return OrderedJSON.encode(.object(fields))
    }
}
