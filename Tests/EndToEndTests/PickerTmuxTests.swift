import Foundation
import Testing

/// The transfer directory and rest reasons, chosen as an agent would: in the real
/// binary, in tmux, with `record` keeping the picks and `run` replaying them.
@Suite("Pickers in a real terminal")
struct PickerTmuxTests {
    static let config = """
        sdkAppId: 1400000001
        agent: {nickName: 小王}
        afterCallWork: 0
        transferTargets:
          - {kind: skillGroup, id: "1001", name: 售后技能组}
          - {kind: agent, id: li@example.com, name: 李四}
        restReasons: [午餐, 会议, 培训]
        pages:
          - {name: CRM, url: "https://crm.example.com/app", alwaysShow: true}
        """

    @Test("t opens the directory; ↓ and Enter transfer to the agent; the recording says so")
    func pickTransferTarget() throws {
        let config = try temporaryFile("picker-transfer-\(UInt32.random(in: 0...UInt32.max)).yaml", Self.config)
        let tmux = try Tmux(width: 100, height: 30)
        try tmux.shell("'\(Tmux.binary)' record --config '\(config)' --lang en --no-listen take.yaml; echo \"EXIT=$?\"")
        try tmux.waitFor("No session.")
        try tmux.send("i")
        try tmux.waitFor("100 Ringing")
        try tmux.send("a")
        try tmux.waitFor("200 Connected")
        try tmux.send("t")
        var screen = try tmux.waitFor("Transfer to")
        #expect(screen.contains { $0.contains("1 售后技能组") }, "\(screen.joined(separator: "\n"))")
        #expect(screen.contains { $0.contains("2 李四") })
        try tmux.send("Down")
        try tmux.send("Enter")
        screen = try tmux.waitFor("transfer s1 → 李四 agent")
        try tmux.waitFor("transferred → 李四")
        try tmux.send("q")
        try tmux.waitFor("EXIT=0")
        let recording = try String(contentsOfFile: tmux.runtimeDirectory + "/take.yaml", encoding: .utf8)
        #expect(recording.contains("li@example.com"), "\(recording)")
    }

    @Test("s to rest asks for a reason; 2 picks 会议; the header shows it")
    func chooseRestReason() throws {
        let config = try temporaryFile("picker-rest-\(UInt32.random(in: 0...UInt32.max)).yaml", Self.config)
        let tmux = try Tmux(width: 100, height: 30)
        try tmux.shell("'\(Tmux.binary)' --config '\(config)' --lang en --no-listen; echo \"EXIT=$?\"")
        try tmux.waitFor("No session.")
        try tmux.send("s")
        try tmux.waitFor("notReady")
        try tmux.send("s")
        let screen = try tmux.waitFor("Rest reason")
        #expect(screen.contains { $0.contains("1 午餐") })
        #expect(screen.contains { $0.contains("3 培训") })
        try tmux.send("2")
        try tmux.waitFor("● rest 会议")
        try tmux.send("q")
        try tmux.waitFor("EXIT=0")
    }
}
