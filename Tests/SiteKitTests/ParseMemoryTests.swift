import Foundation
import Testing
@testable import SiteKit

/// The arena cmark-gfm parses with: zeroed memory from `calloc`, contents kept by `realloc`, the
/// system's memory past the limit, and the same documents however often a thread reuses it.
@Suite("parse memory")
struct ParseMemoryTests {
    #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
    @Test("calloc gives zeroed memory after the block was used and given back; realloc keeps the contents")
    func zeroedAndKept() throws {
        let arena = ParseArena()
        let dirty = try #require(arena.allocate(4096, zeroed: false))
        memset(dirty, 0xAB, 4096)
        arena.reset()
        let clean = try #require(arena.allocate(4096, zeroed: true))
        #expect(UnsafeRawBufferPointer(start: clean, count: 4096).allSatisfy { $0 == 0 })
        // Growing the last allocation in place, then one that is not the last (moved).
        let text = Array("cmark-gfm".utf8)
        var grown = try #require(arena.allocate(text.count, zeroed: false))
        grown.copyMemory(from: text, byteCount: text.count)
        grown = try #require(arena.reallocate(grown, to: 100))
        #expect(Array(UnsafeRawBufferPointer(start: grown, count: text.count)) == text)
        _ = arena.allocate(8, zeroed: true)
        let moved = try #require(arena.reallocate(grown, to: 3 * ParseArena.blockSize))
        #expect(Array(UnsafeRawBufferPointer(start: moved, count: text.count)) == text)
        ParseArena.free(moved)
        arena.reset()
    }

    @Test("past the limit the memory is the system's, and free gives it back")
    func pastTheLimit() throws {
        let arena = ParseArena()
        var pointers: [UnsafeMutableRawPointer] = []
        let size = 16 << 20
        for _ in 0..<(ParseArena.limit / size + 2) {
            pointers.append(try #require(arena.allocate(size, zeroed: false)))
        }
        let last = pointers.removeLast()
        #expect(ParseArena.source(of: last - ParseArena.headerSize) == ParseArena.fromSystem)
        let grown = try #require(arena.reallocate(last, to: 2 * size))
        ParseArena.free(grown)
        // What came from the system goes back to it; the arena's blocks go with `reset`.
        for pointer in pointers { ParseArena.free(pointer) }
        arena.reset()
    }
    #endif

    @Test("one thread parsing the same page again and again gets the same document every time")
    func reuse() {
        let markdown = """
        # Заглавие {#intro}

        Текст с ~~зачеркнато~~, **удебелено**, www.example.org и бележка[^1].

        | a | b |
        |:--|--:|
        | 1 | 2 |

        - [x] готово
        - [ ] предстои

        [^1]: Бележка с [връзка](https://example.org "заглавие").
        """
        let first = CMarkDocument.parse(markdown, allowRawHTML: false)
        #expect(first.events.count > 30)
        for _ in 0..<200 {
            #expect(CMarkDocument.parse(markdown, allowRawHTML: false).events == first.events)
        }
    }

    final class Overlap: @unchecked Sendable {
        let lock = NSLock()
        var inside = 0
        var most = 0
        func enter() { lock.withLock { inside += 1; most = max(most, inside) } }
        func leave() { lock.withLock { inside -= 1 } }
    }

    /// Starts a parse that takes `turn` for `allowed` seconds and runs `body` in it; returns once
    /// it holds the turn, with the group that ends with it.
    func holdTurn(_ turn: ParseTurn, allowed: TimeInterval, _ body: @escaping @Sendable () -> Void) -> DispatchGroup {
        let holding = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        DispatchQueue.global().async(group: done) {
            turn.run(allowed: allowed) {
                holding.signal()
                body()
            }
        }
        holding.wait()
        return done
    }

    @Test("a parse waiting for its turn longer than gateWait does not go in while the holder is within its time")
    func turnWaits() {
        let turn = ParseTurn()
        let overlap = Overlap()
        overlap.enter()
        let done = holdTurn(turn, allowed: 30) {
            Thread.sleep(forTimeInterval: CMarkDocument.gateWait + 0.3)
            overlap.leave()
        }
        turn.run(allowed: 30) {
            overlap.enter()
            overlap.leave()
        }
        done.wait()
        #expect(overlap.most == 1)
    }

    @Test("a parse that holds its turn past its time (a hanging file) no longer keeps the others waiting")
    func turnOfAHangingParse() {
        let turn = ParseTurn()
        let release = DispatchSemaphore(value: 0)
        let done = holdTurn(turn, allowed: 0.1) { release.wait() }
        let start = Date()
        let ran = turn.run(allowed: 30) { true }
        #expect(ran)
        #expect(Date().timeIntervalSince(start) < 10)
        release.signal()
        done.wait()
    }
}
