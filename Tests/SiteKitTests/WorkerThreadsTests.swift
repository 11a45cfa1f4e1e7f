import Foundation
import Testing
@testable import SiteKit

/// The threads Markdown parses run on: reused, and never held up by a job that does not end.
@Suite("WorkerThreads")
struct WorkerThreadsTests {
    final class Box: @unchecked Sendable {
        let lock = NSLock()
        var threads: Set<ObjectIdentifier> = []
        var count = 0
    }

    @Test("jobs one after another reuse the thread that finished")
    func reused() {
        let workers = WorkerThreads(stackSize: 1 << 20)
        let box = Box()
        for _ in 0..<50 {
            let done = DispatchSemaphore(value: 0)
            workers.run {
                box.lock.withLock {
                    box.threads.insert(ObjectIdentifier(Thread.current))
                    box.count += 1
                }
                done.signal()
            }
            done.wait()
            // The thread puts itself back after the job: wait until it has.
            while workers.waitingCount == 0 { Thread.sleep(forTimeInterval: 0.0005) }
        }
        #expect(box.count == 50)
        #expect(box.threads.count == 1)
    }

    @Test("a job that never ends keeps its own thread; the next jobs still run")
    func stuckJob() {
        let workers = WorkerThreads(stackSize: 1 << 20)
        let release = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        workers.run {
            started.signal()
            release.wait()
        }
        started.wait()
        let done = DispatchSemaphore(value: 0)
        for _ in 0..<3 { workers.run { done.signal() } }
        for _ in 0..<3 { #expect(done.wait(timeout: .now() + 10) == .success) }
        release.signal()
    }
}

/// A value made on a thread of its own while the caller goes on.
@Suite("Pending")
struct PendingTests {
    @Test("the value is made while the caller goes on, and read as often as asked")
    func madeMeanwhile() {
        let workers = WorkerThreads(stackSize: 1 << 20)
        let callerWentOn = DispatchSemaphore(value: 0)
        // The value can only be made once the caller has gone on past `Pending`'s start.
        let pending = Pending(on: workers) { () -> Int in
            callerWentOn.wait()
            return 42
        }
        callerWentOn.signal()
        #expect(pending.wait() == 42)
        #expect(pending.wait() == 42)
    }
}

/// What a build no longer needs is freed on a thread of its own, while the files are written.
@Suite("Leftovers")
struct LeftoversTests {
    final class Tracked: @unchecked Sendable {
        let freed: DispatchSemaphore
        let freedOn: (Thread) -> Void
        init(_ freed: DispatchSemaphore, freedOn: @escaping (Thread) -> Void) {
            self.freed = freed
            self.freedOn = freedOn
        }
        deinit {
            freedOn(Thread.current)
            freed.signal()
        }
    }

    @Test("kept values live until freeMeanwhile, then are freed on another thread")
    func freedElsewhere() {
        let freed = DispatchSemaphore(value: 0)
        let lock = NSLock()
        var threads: [Thread] = []
        let leftovers = SiteBuilder.Leftovers()
        do {
            let value = Tracked(freed) { thread in lock.withLock { threads.append(thread) } }
            leftovers.keep([value, value], value)
        }
        #expect(freed.wait(timeout: .now() + 0.2) == .timedOut, "kept values are not freed before freeMeanwhile")
        leftovers.freeMeanwhile()
        #expect(freed.wait(timeout: .now() + 10) == .success)
        lock.withLock {
            #expect(threads.count == 1)
            #expect(threads.first.map { $0 != Thread.current } ?? false)
        }
    }
}
