import Foundation
import Testing
@testable import SiteKit

/// The maps that run a stage on all cores: results in the input's order, and with two threads a
/// core, a thread that waits (a parse waiting for its turn) holds up no other element.
@Suite("parallel maps")
struct ParallelMapTests {
    @Test("both maps give the results of `map`, in the input's order")
    func order() {
        let input = Array(0..<2_000)
        // Uneven work, so that the threads finish their elements out of order.
        let work: @Sendable (Int) -> String = { number in
            var text = String(number)
            for _ in 0..<(number % 7) * 50 { text = String(text.reversed()) }
            return text
        }
        #expect(input.parallelMap(work) == input.map(work))
        #expect(input.parallelMap(lanesPerCore: 2, work) == input.map(work))
    }

    final class Count: @unchecked Sendable {
        let lock = NSLock()
        var done = 0
    }

    @Test("with two threads a core, an element that waits for the others does not stop them")
    func waitingElement() {
        let count = Count()
        let othersDone = DispatchSemaphore(value: 0)
        let input = Array(0..<40)
        let results = input.parallelMap(lanesPerCore: 2) { number -> Bool in
            if number == 0 {
                // With one thread for all elements, this would wait until the timeout.
                return othersDone.wait(timeout: .now() + 30) == .success
            }
            let finished = count.lock.withLock { count.done += 1; return count.done }
            if finished == input.count - 1 { othersDone.signal() }
            return true
        }
        #expect(results.allSatisfy { $0 })
    }

    final class Tracked: Sendable {
        let released: Count
        init(_ released: Count) { self.released = released }
        deinit { released.lock.withLock { released.done += 1 } }
    }

    @Test("the results are released with the array that holds them (a preview server maps on every rebuild)")
    func resultsReleased() {
        for lanes in [nil, 2] {
            let released = Count()
            do {
                let input = Array(0..<500)
                let results = lanes.map { input.parallelMap(lanesPerCore: $0) { _ in Tracked(released) } }
                    ?? input.parallelMap { _ in Tracked(released) }
                #expect(results.count == 500)
            }
            #expect(released.lock.withLock { released.done } == 500)
        }
    }
}
