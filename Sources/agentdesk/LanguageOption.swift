import AgentDeskUI
import ArgumentParser

extension Language: ExpressibleByArgument {}

/// `--lang zh|en`: one declaration for every command that draws the workstation.
struct LanguageOption: ParsableArguments {
    @Option(name: .long, help: "Label language (default: from the locale: zh for a Chinese LC_ALL/LC_MESSAGES/LANG, else en).")
    var lang: Language?
}
