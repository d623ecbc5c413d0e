import AgentDeskCore
@testable import AgentDeskUI
import Testing

/// Random keys, clicks, resizes and clock ticks: nothing crashes, every frame keeps
/// its borders, and the workstation's own invariants hold throughout.
@Suite("Random input")
struct MonkeyTests {
    @Test("5,000 random inputs, with and without a scenario playing", arguments: [false, true])
    func monkey(playing: Bool) {
        var rng = SplitMix(seed: playing ? 7 : 42)
        var m = playing ? AppModel(playing: Scenario.demo(), speed: 3, language: .zh) : AppModel(config: .demo, language: .en)
        m.ui.bridge = ("127.0.0.1:7788", "http://127.0.0.1:7788/?token=Zq3Xv9Lm2Np8Rt5Wy7Bc4Df6Gh1Jk0Ps")
        m.ui.recording = !playing
        m.ui.terminalNotice = playing ? "locale C is not UTF-8" : nil
        let keys: [Key] = "iahomtswWnvdpq?0123456789*#+xc rn.".map { .char($0) }
            + [.enter, .escape, .backspace, .tab, .backTab, .up, .down, .pageUp, .pageDown, .ctrl("l")]
        var size = (w: 80, h: 24)
        var clock = 0.0
        for step in 0..<5_000 {
            switch rng.next() % 20 {
            case 0:
                size = (Int(rng.next() % 160) + 10, Int(rng.next() % 50) + 5)
                _ = m.handle(.resize(width: size.w, height: size.h))
            case 1:
                _ = m.handle(.click(x: Int(rng.next() % UInt64(size.w)), y: Int(rng.next() % UInt64(size.h))))
            case 2, 3:
                clock += Double(rng.next() % 40) / 4
                _ = m.handle(.clock(seconds: clock, wall: "12:00:00"))
            default:
                let key = keys[Int(rng.next() % UInt64(keys.count))]
                // Stay in the program: a quit would end a real session here.
                if key == .char("q") || key == .char("y") { continue }
                _ = m.handle(.key(key))
            }
            if step % 25 == 0 {
                let lines = Screen.lines(m, width: size.w, height: size.h)
                for line in lines { #expect(DisplayWidth.of(line) == size.w, "\(line)") }
            }
            #expect(m.core.liveSessions.filter { $0.type.hasAudio }.count <= 1, "never two live voice sessions")
            #expect(m.core.sessions.count <= WorkstationState.historyLimit + 20)
        }
    }
}

/// A small deterministic generator, so a failure replays exactly.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
