import AgentDeskCore
@testable import AgentDeskUI
import Testing

/// `TerminalLoop` run against `HeadlessBackend`: the loop a person gets in the
/// terminal, with scripted keys and a fake clock instead of ncurses and time.
@Suite("The terminal loop, headless")
struct LoopTests {
    /// A loop whose clock advances one second per frame, collecting what it delivers.
    final class Harness {
        let backend: HeadlessBackend
        var seconds = 0.0
        var transcript: [String] = []
        var times: [Double] = []

        init(width: Int, height: Int, script: [HeadlessBackend.Step]) {
            backend = HeadlessBackend(width: width, height: height, script: script)
            backend.keepsFrames = true
        }

        func run(_ model: inout AppModel) -> Int32? {
            let loop = TerminalLoop(
                backend: backend,
                clock: { [self] in
                    seconds += 1
                    return (seconds, String(format2(Int(seconds) / 60)) + ":" + format2(Int(seconds) % 60))
                },
                millisecondsToNextTick: { 1000 },
                deliver: { [self] output, time in
                    transcript += output.transcript
                    if !output.transcript.isEmpty { times.append(time) }
                })
            return loop.run(&model)
        }

        func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    }

    @Test("keys in, frames out, a resize, then a signal ends it")
    func keysResizeSignal() {
        let harness = Harness(width: 100, height: 30, script: [
            .input(.key(.char("i"))), .input(.key(.char("a"))), .input(.resize(width: 80, height: 24)),
            .input(.key(.char("h"))), .signal(15), .input(.key(.char("i"))),
        ])
        var model = AppModel(config: .demo, language: .en)
        let ended = harness.run(&model)
        #expect(ended == 15, "the signal's number comes back")
        let frames = harness.backend.frames
        // The first frame, then one per key or resize; the signal ends it before a frame.
        #expect(frames.count == 5)
        #expect(frames[0].lines[0].contains("free"))
        #expect(frames[1].lines.joined().contains("100 Ringing"))
        #expect(frames[2].lines.joined().contains("200 Connected"))
        #expect(frames[3].width == 80 && frames[3].height == 24, "the resize reflows the screen")
        #expect(frames[4].lines.joined().contains("400 Ended"))
        #expect(frames.last?.lines == Screen.lines(model, width: 80, height: 24), "the last frame is the model's screen")
        // The key after the signal was never read.
        #expect(model.core.sessions.count == 1)
        let events = harness.transcript.compactMap { (try? JSONValue.parse($0))?["event"]?.stringValue }
        #expect(events.contains("callIn") && events.contains("userAccessed") && events.contains("sessionEnded"))
        #expect(harness.times.allSatisfy { $0 >= 1 }, "outputs carry the workstation's time")
    }

    @Test("a frame after a key draws what changed, after a resize the whole screen")
    func changesPerFrame() {
        let harness = Harness(width: 100, height: 30, script: [.input(.key(.char("s"))), .input(.resize(width: 90, height: 30))])
        var model = AppModel(config: .demo, language: .en)
        var counts: [Int] = []
        let backend = harness.backend
        backend.keepsFrames = true
        _ = harness.run(&model)
        let frames = backend.frames
        for (index, frame) in frames.enumerated() {
            counts.append(frame.changes(since: index == 0 ? nil : frames[index - 1]).count)
        }
        #expect(counts.count == 3)
        #expect(counts[1] > 0 && counts[1] < 100, "a status change: \(counts[1]) cells")
        #expect(counts[2] >= 90 * 30 - 20, "a resize redraws everything")
    }

    @Test("q with nothing live quits, and the loop returns no signal")
    func quits() {
        let harness = Harness(width: 80, height: 24, script: [.input(.key(.char("q")))])
        var model = AppModel(config: .demo, language: .en)
        #expect(harness.run(&model) == nil)
        #expect(harness.backend.pendingSignal == nil)
    }

    @Test("when the script runs out the headless backend reports SIGTERM, so the loop ends")
    func runsOut() {
        let harness = Harness(width: 60, height: 20, script: [.input(.key(.char("i")))])
        var model = AppModel(config: .demo, language: .zh)
        #expect(harness.run(&model) == 15)
        #expect(harness.backend.framesPresented == 2)
    }

    @Test("a huge terminal, then back to a normal one")
    func hugeTerminal() {
        let harness = Harness(width: 80, height: 24, script: [.input(.resize(width: 1500, height: 400)), .input(.key(.char("i"))),
                                                             .input(.resize(width: 80, height: 24))])
        var model = AppModel(config: .demo, language: .zh)
        #expect(harness.run(&model) == 15)
        let frames = harness.backend.frames
        #expect(frames.count == 4)
        #expect(frames[2].width == 1500 && frames[2].lines.joined().contains("100 呼入中 Ringing"))
        #expect(frames[3].lines == Screen.lines(model, width: 80, height: 24))
    }

    @Test("a terminal too small, then large enough")
    func tinyTerminal() {
        let harness = Harness(width: 10, height: 3, script: [.input(.resize(width: 1, height: 1)), .input(.resize(width: 0, height: 0)),
                                                             .input(.resize(width: 80, height: 24))])
        var model = AppModel(config: .demo, language: .en)
        #expect(harness.run(&model) == 15)
        #expect(harness.backend.frames.last?.lines == Screen.lines(model, width: 80, height: 24))
    }
}
