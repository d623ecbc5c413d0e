import AgentDeskServer
import AgentDeskUI
import Dispatch
import Synchronization

/// `serve`'s workstation: the model, its clock and the transcript's writers, owned
/// by an actor. `serve` has no terminal to poll, so its loop needs no thread of its
/// own: a round (`step`) runs on Swift's shared pool, where the requests' handlers
/// already run, when the inbox gets requests and once a second for the clock. The
/// actor runs one round at a time, so the model still changes in one place, one
/// request at a time, and a round started while another runs waits its turn
/// without holding a thread.
///
/// Why not a thread of its own, as before: that thread slept in `poll` between
/// batches, and every batch woke it and then the pool's threads again to send the
/// replies. On this 2-core machine those sleeps and wake-ups were most of what a
/// call-out cost beyond the bare Hummingbird server (issue 12; DECISIONS, "serve's
/// workstation is an actor on the pool").
actor ServeStation {
    private var model: AppModel
    private let clock = Stopwatch()
    private let stdout = StandardOutput()
    private let sink: TranscriptFile?
    private let hub: EventHub
    /// No more rounds: the transcript cannot be written (stdout closed, a failed
    /// write), or `serve` is ending.
    private var done = false
    /// Set when a round finds the transcript cannot be written any more; `serve`'s
    /// main thread, asleep on `wake`, then ends.
    nonisolated let ended = Atomic<Bool>(false)
    /// The main thread sleeps on this between its clock ticks.
    nonisolated let wake = WakePipe()
    /// A clock tick's round is waiting for the actor or running: the next tick is
    /// not started, so a round stuck on a write does not pile ticks up behind it.
    private nonisolated let ticking = Atomic<Bool>(false)

    init(model: sending AppModel, sink: sending TranscriptFile?, hub: EventHub) {
        self.model = model
        self.sink = sink
        self.hub = hub
    }

    /// One round: the clock moves on, then every waiting request is applied in
    /// order and its transcript lines are out (one write, one flush) before the
    /// replies, so a script that has its answer finds its lines in the transcript.
    func step(_ inbox: Inbox) {
        guard !done else { return }
        deliver(model.handle(.clock(seconds: clock.seconds, wall: TerminalSession.wallClock())).transcript)
        // The clock's lines could not be written: the waiting requests are not
        // applied, as none could have its lines in the transcript (they get 503).
        guard !endIfUnwritable(inbox) else { return }
        var lines: [String] = []
        inbox.process({ request in
            let (reply, output) = APIProcessor.apply(request, to: &model)
            lines += output.transcript
            return reply
        }, beforeReplies: { deliver(lines) })
        _ = endIfUnwritable(inbox)
    }

    /// When nothing more can be written (stdout closed, a write failed): no later
    /// request is taken, and `serve`'s main thread is woken to end.
    private func endIfUnwritable(_ inbox: Inbox) -> Bool {
        guard stdout.stopped || sink?.failure != nil else { return false }
        done = true
        inbox.close()
        ended.store(true, ordering: .releasing)
        wake.signal()
        return true
    }

    /// A round for the clock, from `serve`'s main thread once a second; none while
    /// the last one has not run.
    nonisolated func tick(_ inbox: Inbox) {
        guard !ticking.exchange(true, ordering: .acquiringAndReleasing) else { return }
        Task {
            await step(inbox)
            ticking.store(false, ordering: .releasing)
        }
    }

    private func deliver(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        stdout.write(lines: lines)
        stdout.flush()
        sink?.write(lines)
        hub.publish(lines)
    }

    /// Why `serve` ends, once the round in progress (if any) is over; no round runs
    /// after it, and requests still waiting or sent later get 503.
    func finish(_ inbox: Inbox) -> (closed: Bool, failure: String?) {
        done = true
        inbox.close()
        return (stdout.closed, stdout.failure ?? sink?.failure)
    }

    /// How long `finishWaiting` waits for the round in progress.
    static let finishSeconds = 5

    /// `finish`, from a thread that is not the pool's (`serve`'s main thread): blocks
    /// until it is done, for at most `finishSeconds`. Nil when the round in progress
    /// did not end by then: its write is stuck on a reader that stopped reading, and
    /// the pool thread it blocks takes no signal, so nothing else would ever end it.
    nonisolated func finishWaiting(_ inbox: Inbox) -> (closed: Bool, failure: String?)? {
        let outcome = Mutex<(closed: Bool, failure: String?)?>(nil)
        let finished = DispatchSemaphore(value: 0)
        Task {
            let result = await finish(inbox)
            outcome.withLock { $0 = result }
            finished.signal()
        }
        _ = finished.wait(timeout: .now() + .seconds(Self.finishSeconds))
        return outcome.withLock { $0 }
    }
}
