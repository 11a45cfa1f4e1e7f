import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// `map` run on all cores; the results keep the input's order, so output stays deterministic.
    func parallelMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        if count < 2 { return map(transform) }
        return inOrder { work in
            DispatchQueue.concurrentPerform(iterations: work.count) { work.run($0, transform) }
        }
    }

    /// `parallelMap` on `lanesPerCore` threads per core, for work that spends part of its time
    /// waiting (a page's parse waiting for its turn at cmark-gfm): while one thread waits, the
    /// core runs another. Each thread takes the next element when it is done with one; the
    /// results keep the input's order.
    func parallelMap<Result: Sendable>(lanesPerCore: Int, _ transform: @escaping @Sendable (Element) -> Result) -> [Result] {
        let lanes = Swift.min(count, ProcessInfo.processInfo.activeProcessorCount * lanesPerCore)
        if lanes < 2 { return map(transform) }
        let next = NextIndex()
        return inOrder { work in
            let lane = { @Sendable in
                while let index = next.take(below: work.count) { work.run(index, transform) }
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
    }

    /// The results `fill` makes with `OrderedWork.run`, one for each element, from any threads, in
    /// the input's order; `fill` returns when every element is done and no thread runs any more.
    private func inOrder<Result: Sendable>(_ fill: (OrderedWork<Element, Result>) -> Void) -> [Result] {
        let buffer = UnsafeMutableBufferPointer<Result?>.allocate(capacity: count)
        buffer.initialize(repeating: nil)
        // The results are copied out below: the buffer's own references go with it.
        defer {
            _ = buffer.deinitialize()
            buffer.deallocate()
        }
        withUnsafeBufferPointer { fill(OrderedWork(input: $0, slots: buffer)) }
        return buffer.map { $0! }
    }
}

/// The elements and the result slots of one parallel map, shared by its threads: each thread
/// writes only the slots of the indices it took.
private struct OrderedWork<Element, Result>: @unchecked Sendable {
    let input: UnsafeBufferPointer<Element>
    let slots: UnsafeMutableBufferPointer<Result?>

    var count: Int { input.count }

    func run(_ index: Int, _ transform: (Element) -> Result) {
        slots[index] = transform(input[index])
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
