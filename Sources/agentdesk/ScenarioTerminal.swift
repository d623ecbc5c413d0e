import AgentDeskCore
import AgentDeskUI

/// Plays a scenario in the terminal (filled in by the next commit).
enum ScenarioTerminal {
    static func play(_ scenario: Scenario, speed: Double, transcriptPath: String?, language: Language?) throws -> Int32 {
        printError("playing in the terminal is not built yet; use --headless")
        return 2
    }
}
