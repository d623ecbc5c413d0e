import Foundation

/// The threads the server's tasks run on. Hummingbird handles each connection in
/// a task; left to themselves those tasks share Swift's cooperative pool, which
/// has one thread per core. Anything else in the process that blocks a pool
/// thread (a synchronous test, a blocking library call) would then stall every
/// connection: a refused upgrade answered but never closed, an idle connection
/// never timed out. The server's top task prefers this executor, and structured
/// child tasks (each connection, each WebSocket) inherit the preference, so the
/// server keeps running whatever the rest of the process does with the pool.
///
/// Its threads are started on first use; `WorkstationServer` touches it while the
/// termination signals are blocked, so the threads inherit that mask.
final class ServerExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = ServerExecutor(threads: 2)

    private let condition = NSCondition()
    /// Waiting jobs: `head` is the next one; the array is compacted as it drains.
    private var jobs: [UnownedJob] = []
    private var head = 0

    init(threads: Int) {
        for index in 0..<max(1, threads) {
            let thread = Thread { [unowned self] in self.work() }
            thread.name = "agentdesk-server-\(index)"
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while head == jobs.count { condition.wait() }
            let job = jobs[head]
            head += 1
            if head == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                head = 0
            } else if head >= 1024 && head * 2 >= jobs.count {
                jobs.removeFirst(head)
                head = 0
            }
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
