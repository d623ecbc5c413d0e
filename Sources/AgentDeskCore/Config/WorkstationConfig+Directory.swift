extension WorkstationConfig {
    static let queueKeys = ["patience", "capacity"]
    static let transferTargetKeys = ["kind", "id", "name"]
    /// The longest rest reason, as the reducer takes it.
    public static let maxRestReasonLength = 64
    /// The most entries a directory list takes: a picker, not a phone book.
    public static let maxDirectoryEntries = 200

    /// `queue: {patience: 60, capacity: 20}`.
    static func readQueue(_ top: Fields, reader: inout DocumentReader) -> QueuePolicy {
        var policy = QueuePolicy()
        guard let node = top["queue"], !node.isNull, let fields = reader.mapping(node, top.path("queue"), known: queueKeys) else {
            return policy
        }
        if let p = fields["patience"], !p.isNull {
            policy.patience = reader.number(p, fields.path("patience"), in: QueuePolicy.patienceRange) ?? policy.patience
        }
        if let c = fields["capacity"], !c.isNull {
            let range = QueuePolicy.capacityRange
            if let value = reader.number(c, fields.path("capacity"), in: Double(range.lowerBound)...Double(range.upperBound)) {
                if let whole = Int(exactly: value) { policy.capacity = whole } else {
                    reader.report(at: c, fields.path("capacity"), "expected a whole number of callers, found \(value)")
                }
            }
        }
        return policy
    }

    /// `transferTargets: [{kind: skillGroup, id: "1001", name: 售后技能组}, …]`; `id`
    /// defaults to the name. Ids and names are unique, so a pick is never ambiguous.
    static func readTransferTargets(_ top: Fields, reader: inout DocumentReader) -> [TransferTarget] {
        guard let node = top["transferTargets"], !node.isNull, let items = reader.sequence(node, top.path("transferTargets")) else {
            return []
        }
        if items.count > maxDirectoryEntries {
            reader.report(at: node, top.path("transferTargets"), "has \(items.count) entries; at most \(maxDirectoryEntries) are taken")
            return []
        }
        var targets: [TransferTarget] = []
        for (index, item) in items.enumerated() {
            let path = "\(top.path("transferTargets"))[\(index)]"
            guard let fields = reader.mapping(item, path, known: transferTargetKeys) else { continue }
            var kind: TransferTarget.Kind?
            if let k = reader.required(fields, "kind", "say skillGroup or agent") {
                if let word = reader.choice(k, fields.path("kind"), among: TransferTarget.configurableKinds.map(\.rawValue)) {
                    kind = TransferTarget.Kind(rawValue: word)
                }
            }
            var name: String?
            if let n = reader.required(fields, "name", "every transfer target needs the name agents know it by") {
                name = text(n, fields.path("name"), reader: &reader, acceptNumbers: true, required: true)
                if let value = name, value.count > 128 {
                    reader.report(at: n, fields.path("name"), "is \(value.count) characters long; at most 128 are taken")
                    name = nil
                }
            }
            var id = name
            if let i = fields["id"], !i.isNull {
                id = text(i, fields.path("id"), reader: &reader, acceptNumbers: true, required: true)
                if let value = id, value.count > 128 {
                    reader.report(at: i, fields.path("id"), "is \(value.count) characters long; at most 128 are taken")
                    id = nil
                }
            }
            guard let kind, let name, let id else { continue }
            if let clash = targets.firstIndex(where: { $0.id == id || $0.name == name || $0.id == name || $0.name == id }) {
                reader.report(at: item, path, "\"\(DocumentReader.short(name))\" is already transferTargets[\(clash)]; ids and names must be unique")
                continue
            }
            targets.append(TransferTarget(kind: kind, id: id, name: name))
        }
        return targets
    }

    /// `restReasons: [午餐, 会议, 培训]`: the reasons an agent may give for rest.
    static func readRestReasons(_ top: Fields, reader: inout DocumentReader) -> [String] {
        guard let node = top["restReasons"], !node.isNull, let items = reader.sequence(node, top.path("restReasons")) else {
            return []
        }
        if items.count > maxDirectoryEntries {
            reader.report(at: node, top.path("restReasons"), "has \(items.count) entries; at most \(maxDirectoryEntries) are taken")
            return []
        }
        var reasons: [String] = []
        for (index, item) in items.enumerated() {
            let path = "\(top.path("restReasons"))[\(index)]"
            guard let value = text(item, path, reader: &reader, acceptNumbers: true, required: true) else { continue }
            let trimmed = String(value.trimmingWhitespace)
            if trimmed.count > maxRestReasonLength {
                reader.report(at: item, path, "is \(trimmed.count) characters long; a rest reason has at most \(maxRestReasonLength)")
            } else if reasons.contains(trimmed) {
                reader.report(at: item, path, "\"\(DocumentReader.short(trimmed))\" is listed twice")
            } else {
                reasons.append(trimmed)
            }
        }
        return reasons
    }
}
