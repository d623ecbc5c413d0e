import AgentDeskCore
import ArgumentParser

struct SendSays: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "says", abstract: ActionCatalog.summary("customerSays"))
    @OptionGroup var connection: Connection
    @OptionGroup var target: SessionOption
    @Argument(help: ArgumentHelp(ActionCatalog.help("customerSays", "text"))) var text: String

    func run() throws {
        try connection.act("customerSays", [("text", .string(text))] + target.fields)
    }
}

struct SendReply: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reply", abstract: ActionCatalog.summary("reply"))
    @OptionGroup var connection: Connection
    @OptionGroup var target: SessionOption
    @Argument(help: ArgumentHelp(ActionCatalog.help("reply", "text"))) var text: String

    func run() throws {
        try connection.act("reply", [("text", .string(text))] + target.fields)
    }
}

struct SendCard: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "card", abstract: ActionCatalog.summary("card"))
    @OptionGroup var connection: Connection
    @OptionGroup var target: SessionOption
    @Option(name: .long, help: ArgumentHelp(ActionCatalog.help("card", "title"))) var title: String
    @Option(name: .long, help: ArgumentHelp(ActionCatalog.help("card", "description"))) var description: String?
    @Option(name: .long, help: ArgumentHelp(ActionCatalog.help("card", "picture"))) var picture: String?
    @Option(name: .long, help: ArgumentHelp(ActionCatalog.help("card", "link"))) var link: String?

    func run() throws {
        var fields: [(String, OrderedJSON.Value)] = [("title", .string(title))]
        for (key, value) in [("description", description), ("picture", picture), ("link", link)] {
            if let value { fields.append((key, .string(value))) }
        }
        try connection.act("card", fields + target.fields)
    }
}

struct SendOrder: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "order", abstract: ActionCatalog.summary("order"))
    @OptionGroup var connection: Connection
    @OptionGroup var target: SessionOption
    @Option(name: .long, help: ArgumentHelp(ActionCatalog.help("order", "name"))) var name: String
    @Option(name: .long, help: ArgumentHelp(ActionCatalog.help("order", "guide"))) var guide: String?
    @Option(name: .long, help: ArgumentHelp(ActionCatalog.help("order", "description"))) var description: String?
    @Option(name: .long, help: ArgumentHelp(ActionCatalog.help("order", "picture"))) var picture: String?
    @Option(name: .customLong("field"), help: "A custom field as NAME=VALUE (repeat it, in order).") var field: [String] = []

    func run() throws {
        var fields: [(String, OrderedJSON.Value)] = [("name", .string(name))]
        for (key, value) in [("guide", guide), ("description", description), ("picture", picture)] {
            if let value { fields.append((key, .string(value))) }
        }
        if !field.isEmpty {
            var pairs: [OrderedJSON.Value] = []
            for item in field {
                guard let equals = item.firstIndex(of: "=") else {
                    printError("send order: --field \(item): write NAME=VALUE")
                    throw ExitCode(2)
                }
                pairs.append(.object([("name", .string(String(item[..<equals]))), ("value", .string(String(item[item.index(after: equals)...])))]))
            }
            fields.append(("fields", .array(pairs)))
        }
        try connection.act("order", fields + target.fields)
    }
}
