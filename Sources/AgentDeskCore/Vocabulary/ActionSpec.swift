/// One action the workstation takes from outside (a scenario step, an API request,
/// `agentdesk send`, a recording): its name, fields and limits, how to build it
/// from its fields, and how to write it back as fields.
public struct ActionSpec: Sendable {
    public let name: String
    public let summary: String
    public let fields: [ActionField]
    /// The field a scenario step's bare value stands for (`dtmf: "12#"`); the
    /// step's other fields stand beside the action (`session: s2`).
    public let primary: String?
    let build: @Sendable (ActionValues) throws(ActionProblem) -> [Action]

    init(_ name: String, _ summary: String, fields: [ActionField] = [], primary: String? = nil,
         build: @escaping @Sendable (ActionValues) throws(ActionProblem) -> [Action]) {
        self.name = name
        self.summary = summary
        self.fields = fields
        self.primary = primary
        self.build = build
    }

    public func field(_ name: String) -> ActionField? { fields.first { $0.name == name } }
    public var fieldNames: [String] { fields.map(\.name) }
    public var takesSession: Bool { field("session") != nil && primary != "session" }
}
