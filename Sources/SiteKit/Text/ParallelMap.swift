import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// `map` run on all cores; the results keep the input's order, so output stays deterministic.
    func parallelMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        if count < 2 { return map(transform) }
        let buffer = UnsafeMutableBufferPointer<Result?>.allocate(capacity: count)
        buffer.initialize(repeating: nil)
        // The results are copied out below: the buffer's own references go with it.
        defer {
            _ = buffer.deinitialize()
            buffer.deallocate()
        }
        nonisolated(unsafe) let slots = buffer
        self.withUnsafeBufferPointer { elements in
            nonisolated(unsafe) let input = elements
            DispatchQueue.concurrentPerform(iterations: count) { index in
                slots[index] = transform(input[index])
            }
        }
        return buffer.map { $0! }
    }

    /// `parallelMap` on `lanesPerCore` threads per core, for work that spends part of its time
    /// waiting (a page's parse waiting for its turn at cmark-gfm): while one thread waits, the
    /// core runs another. Each thread takes the next element when it is done with one; the
    /// results keep the input's order.
    func parallelMap<Result: Sendable>(lanesPerCore: Int, _ transform: @escaping @Sendable (Element) -> Result) -> [Result] {
        let lanes = Swift.min(count, ProcessInfo.processInfo.activeProcessorCount * lanesPerCore)
        if lanes < 2 { return map(transform) }
        let buffer = UnsafeMutableBufferPointer<Result?>.allocate(capacity: count)
        buffer.initialize(repeating: nil)
        defer {
            _ = buffer.deinitialize()
            buffer.deallocate()
        }
        nonisolated(unsafe) let slots = buffer
        let next = NextIndex()
        self.withUnsafeBufferPointer { elements in
            // Every thread is done with the elements and the slots before this returns.
            nonisolated(unsafe) let input = elements
            let lane = { @Sendable in
                while let index = next.take(below: input.count) { slots[index] = transform(input[index]) }
            }
            let done = DispatchGroup()
            for _ in 1..<lanes {
                done.enter()
                let thread = Thread { lane(); done.leave() }
                thread.stackSize = 8 << 20
                thread.start()
            }
            lane()
            done.wait()
        }
        return buffer.map { $0! }
    }
}

/// The next index to work on, shared by the threads of `parallelMap(lanesPerCore:_:)`.
private final class NextIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func take(below count: Int) -> Int? {
        lock.withLock {
            guard value < count else { return nil }
            defer { value += 1 }
            return value
        }
    }
}
