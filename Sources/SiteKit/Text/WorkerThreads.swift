import Foundation

/// Threads that run one job at a time each and wait for the next when done. A job is given to a
/// waiting thread, or to a new one when all are busy, so a job that never ends (a parse the
/// watchdog gave up on) keeps only its own thread and never holds up the others.
final class WorkerThreads: @unchecked Sendable {
    private let stackSize: Int
    private let lock = NSLock()
    private var waiting: [Worker] = []

    init(stackSize: Int) {
        self.stackSize = stackSize
    }

    private final class Worker: @unchecked Sendable {
        let jobReady = DispatchSemaphore(value: 0)
        /// Set before `jobReady` is signalled, read by the worker's thread after it.
        var job: (@Sendable () -> Void)?
    }

    /// The threads waiting for a job.
    var waitingCount: Int { lock.withLock { waiting.count } }

    /// Runs `job` on one of the threads and returns at once.
    func run(_ job: @escaping @Sendable () -> Void) {
        let worker = lock.withLock { waiting.popLast() } ?? start()
        worker.job = job
        worker.jobReady.signal()
    }

    private func start() -> Worker {
        let worker = Worker()
        let thread = Thread { [self] in
            while true {
                worker.jobReady.wait()
                let job = worker.job
                worker.job = nil
                job?()
                lock.withLock { waiting.append(worker) }
            }
        }
        thread.stackSize = stackSize
        thread.start()
        return worker
    }
}

/// A value made on one of `threads` while the caller goes on; `wait()` returns it once it is made.
final class Pending<Value: Sendable>: @unchecked Sendable {
    /// Set on the worker's thread before `made` is signalled, read after it.
    private var value: Value?
    private let made = DispatchSemaphore(value: 0)

    init(on threads: WorkerThreads, _ make: @escaping @Sendable () -> Value) {
        threads.run { [self] in
            value = make()
            made.signal()
        }
    }

    /// The value, waiting until it is made.
    func wait() -> Value {
        made.wait()
        defer { made.signal() }
        return value!
    }
}
