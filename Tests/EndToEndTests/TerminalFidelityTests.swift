import Foundation
import Testing

/// The terminal as users have it: stale LINES/COLUMNS, TERM=dumb, LANG=C, a tiny
/// window during a call, switching sessions while a scenario is paused.
@Suite("agentdesk in awkward terminals", .serialized)
struct TerminalFidelityTests {
    /// The width of the first box's top border on screen.
    static func borderWidth(_ lines: [String]) -> Int? {
        lines.first { $0.hasPrefix("┌") }.map { $0.trimmingCharacters(in: .whitespaces).count }
    }

    @Test("exported COLUMNS=80 LINES=24 in a 100x30 terminal: the real size wins, and resizes follow")
    func staleSizeVariables() throws {
        let tmux = try Tmux(width: 100, height: 30)
        // Given on the command line, so bash's checkwinsize cannot refresh them first.
        try tmux.shell("COLUMNS=80 LINES=24 '\(Tmux.binary)' --lang en --no-listen; echo \"EXIT=$?\"")
        try tmux.waitUntil("the workstation drawn 100 columns wide") { lines in
            Self.borderWidth(lines) == 100 && lines.count >= 30 && lines[29].contains("? help")
        }
        try tmux.resize(width: 90, height: 26)
        try tmux.waitUntil("reflow to 90x26") { lines in Self.borderWidth(lines) == 90 && lines[25].contains("? help") }
        try tmux.send("q")
        try tmux.waitFor("EXIT=0")
    }

    @Test("TERM=dumb: refused at start with a clear message, exit 2, nothing drawn")
    func dumbTerminal() throws {
        let tmux = try Tmux(width: 100, height: 30)
        try tmux.shell("TERM=dumb '\(Tmux.binary)' --no-listen; echo \"EXIT=$?\"")
        let screen = try tmux.waitFor("EXIT=2")
        let text = screen.joined(separator: "\n")
        #expect(text.contains("TERM=dumb cannot move the cursor"), "\(text)")
        #expect(!text.contains("agentdesk │"), "no header drawn")
    }

    @Test("LANG=C: a one-line notice says the locale is not UTF-8; the screen still draws")
    func plainLocale() throws {
        let tmux = try Tmux(width: 100, height: 30)
        try tmux.shell("LANG=C LC_ALL=C '\(Tmux.binary)' --lang en --no-listen; echo \"EXIT=$?\"")
        let screen = try tmux.waitFor("is not UTF-8")
        let text = screen.joined(separator: "\n")
        #expect(text.contains("locale C is not UTF-8"), "\(text)")
        #expect(text.contains("LANG=C.UTF-8"))
        #expect(Self.borderWidth(screen) == 100)
        try tmux.send("q")
        try tmux.waitFor("EXIT=0")
    }

    @Test("record: the header says REC while what the agent does is written")
    func recordIndicator() throws {
        let tmux = try Tmux(width: 100, height: 30)
        let file = tmux.runtimeDirectory + "/recorded.yaml"
        try tmux.shell("'\(Tmux.binary)' record '\(file)' --lang en --no-listen; echo \"EXIT=$?\"")
        try tmux.waitFor("● REC")
        try tmux.send("i")
        try tmux.waitFor("100 Ringing")
        try tmux.send("h")
        try tmux.waitFor("400 Ended")
        try tmux.send("q")
        try tmux.waitFor("EXIT=0")
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("hangup"))
    }

    @Test("q on the 'too small' screen during a call asks, and y quits")
    func quitFromTooSmall() throws {
        let tmux = try Tmux(width: 100, height: 30)
        try tmux.shell("'\(Tmux.binary)' --lang en --no-listen; echo \"EXIT=$?\"")
        try tmux.waitFor("No session.")
        try tmux.send("i")
        try tmux.waitFor("100 Ringing 呼入中")
        try tmux.resize(width: 50, height: 15)
        var screen = try tmux.waitFor("Terminal too small")
        #expect(screen.joined().contains("s1 刘先生"), "the live call is named on the small screen")
        try tmux.send("q")
        screen = try tmux.waitFor("Quit anyway?")
        #expect(screen.joined().contains("y quits"))
        try tmux.send("x")
        try tmux.waitFor("q quits")
        try tmux.send("q")
        try tmux.waitFor("Quit anyway?")
        try tmux.send("y")
        try tmux.waitFor("EXIT=0")
    }

    @Test("run: while paused, n switches sessions (the pages follow) and . still steps")
    func switchSessionsWhilePaused() throws {
        let scenario = try temporaryFile("two_sessions.yaml", """
            name: two sessions
            steps:
              - at: 1
                call: {mobile: "13900000001", nickName: Phone Caller}
              - answer: {}
              - after: 1
                call: {type: im, userId: chat-1, nickName: Chat Caller}
              - after: 600
                hangup: {}
              - after: 1
                hangup: {}
            """)
        let tmux = try Tmux(width: 120, height: 36)
        try tmux.shell("'\(Tmux.binary)' run '\(scenario)' --lang en --no-listen; echo \"EXIT=$?\"")
        try tmux.waitFor("3/5")
        try tmux.send("Space")
        var screen = try tmux.waitFor("⏸ 3/5")
        #expect(screen.joined().contains("space play"), "paused, the hint says play")
        try tmux.waitFor("Pages show s2 Chat Caller · 100 Ringing · panel: s1")
        try tmux.send("n")
        try tmux.waitFor("inbound · s2")
        try tmux.send("n")
        screen = try tmux.waitFor("Pages show s1 Phone Caller · 200")
        #expect(screen.joined().contains("⏸ 3/5"), "n switched sessions, it did not step")
        try tmux.send(".")
        try tmux.waitFor("⏸ 4/5")
        try tmux.waitFor("Pages show s1 Phone Caller · 400")
        try tmux.send("Space")
        try tmux.waitFor("space pause")
        try tmux.send("C-c")
        try tmux.waitFor("EXIT=")
    }
}
