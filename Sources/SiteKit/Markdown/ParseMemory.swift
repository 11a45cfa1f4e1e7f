import CCmarkGFM
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The memory cmark-gfm parses with. A parse makes thousands of small nodes and buffers and frees
/// them all when its tree is freed; the system's `calloc` and `free` for each were a third of
/// cmark-gfm's time. Here each thread has an arena: a parse takes its memory from the arena's
/// block in order and gives it all back at once when it ends (`endParse`), and the next parse on
/// the thread uses the same block again. (cmark-gfm ships an arena allocator too, but one for the
/// whole process, which parses on several threads cannot share.)
///
/// cmark-gfm's allocator has no context argument, so the callbacks find the arena through a
/// thread-local key. Where there is none (Windows), parses use cmark-gfm's default allocator.
enum ParseMemory {
    /// The allocator for a parse on the current thread (`cmark_parser_new_with_mem`).
    static var allocator: UnsafeMutablePointer<cmark_mem> {
        #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
        arenaAllocator
        #else
        cmark_get_default_mem_allocator()
        #endif
    }

    /// Gives back all the memory the parse on this thread took; call when its tree and parser are
    /// freed (nothing of them may be used after).
    static func endParse() {
        #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
        ParseArena.current.reset()
        #endif
    }

    #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
    // Written once, then only read (by cmark-gfm).
    nonisolated(unsafe) private static let arenaAllocator: UnsafeMutablePointer<cmark_mem> = {
        let allocator = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        allocator.initialize(to: cmark_mem(
            calloc: { count, size in
                let (bytes, overflow) = count.multipliedReportingOverflow(by: size)
                return overflow ? nil : ParseArena.withCurrent { $0.allocate(bytes, zeroed: true) }
            },
            realloc: { pointer, size in ParseArena.withCurrent { $0.reallocate(pointer, to: size) } },
            free: { pointer in ParseArena.free(pointer) }))
        return allocator
    }()
    #endif
}

#if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
/// One thread's memory for parses: a block handed out in order, each allocation after a 16-byte
/// header with its size (for `realloc`) and where it came from. A parse that needs more than the
/// block gets more blocks, freed when it ends; one that takes more than `limit` in all (a hostile
/// file) gets the rest from the system, given back one by one as cmark-gfm frees it.
final class ParseArena {
    static let blockSize = 1 << 20
    static let limit = 256 << 20
    static let headerSize = 16
    /// Header marks: memory of the arena's blocks, or of the system's `calloc` (two words no
    /// size or stray byte is likely to be; any other mark stops the program).
    static let fromArena = 0x5649_4449_4E41_524E, fromSystem = 0x5649_4449_4E53_5953

    private let firstBlock: UnsafeMutableRawPointer
    private var block: UnsafeMutableRawPointer
    private var capacity = blockSize
    private var used = 0
    /// Blocks taken beyond the first during this parse.
    private var moreBlocks: [UnsafeMutableRawPointer] = []
    private var taken = 0

    init() {
        firstBlock = UnsafeMutableRawPointer.allocate(byteCount: Self.blockSize, alignment: 16)
        block = firstBlock
    }

    deinit {
        reset()
        firstBlock.deallocate()
    }

    /// `bytes` of memory, 16-byte aligned, zeroed if asked. cmark-gfm does not check for null
    /// (its own allocator stops the program when memory runs out), so neither does this.
    func allocate(_ bytes: Int, zeroed: Bool) -> UnsafeMutableRawPointer? {
        precondition(bytes >= 0, "cmark-gfm asked for \(bytes) bytes")
        guard bytes <= Self.limit, taken + Self.headerSize + (bytes + 15) & ~15 <= Self.limit else {
            guard let raw = calloc(1, Self.headerSize + bytes) else { fatalError("out of memory parsing Markdown (\(bytes) bytes)") }
            return Self.mark(raw, bytes: bytes, from: Self.fromSystem)
        }
        let total = Self.headerSize + (bytes + 15) & ~15
        if used + total > capacity {
            let size = max(total, capacity + capacity / 2)
            block = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
            moreBlocks.append(block)
            capacity = size
            used = 0
        }
        let raw = block + used
        used += total
        taken += total
        if zeroed { memset(raw + Self.headerSize, 0, bytes) }
        return Self.mark(raw, bytes: bytes, from: Self.fromArena)
    }

    /// `realloc`: the memory at `pointer` (nil for none) grown or shrunk to `bytes`, its contents kept.
    func reallocate(_ pointer: UnsafeMutableRawPointer?, to bytes: Int) -> UnsafeMutableRawPointer? {
        guard let pointer else { return allocate(bytes, zeroed: false) }
        precondition(bytes >= 0, "cmark-gfm asked for \(bytes) bytes")
        let raw = pointer - Self.headerSize
        let oldBytes = raw.load(as: Int.self)
        if Self.source(of: raw) == Self.fromSystem {
            guard let moved = realloc(raw, Self.headerSize + bytes) else { fatalError("out of memory parsing Markdown (\(bytes) bytes)") }
            return Self.mark(moved, bytes: bytes, from: Self.fromSystem)
        }
        if bytes <= oldBytes { return pointer }
        // The last allocation of the block grows where it is, if the block has room.
        let oldTotal = Self.headerSize + (oldBytes + 15) & ~15
        if bytes <= Self.limit, raw + oldTotal == block + used {
            let newTotal = Self.headerSize + (bytes + 15) & ~15
            if used - oldTotal + newTotal <= capacity, taken - oldTotal + newTotal <= Self.limit {
                used += newTotal - oldTotal
                taken += newTotal - oldTotal
                raw.storeBytes(of: bytes, as: Int.self)
                return pointer
            }
        }
        guard let moved = allocate(bytes, zeroed: false) else { return nil }
        moved.copyMemory(from: pointer, byteCount: oldBytes)
        return moved
    }

    /// `free`: arena memory waits for `reset`; the system's goes back now.
    static func free(_ pointer: UnsafeMutableRawPointer?) {
        guard let pointer else { return }
        let raw = pointer - headerSize
        if source(of: raw) == fromSystem {
            #if canImport(Glibc)
            Glibc.free(raw)
            #elseif canImport(Musl)
            Musl.free(raw)
            #else
            Darwin.free(raw)
            #endif
        }
    }

    /// Everything handed out is free again; blocks beyond the first go back to the system.
    func reset() {
        for extra in moreBlocks { extra.deallocate() }
        moreBlocks.removeAll()
        block = firstBlock
        capacity = Self.blockSize
        used = 0
        taken = 0
    }

    /// Where the memory with this header came from; anything but the two marks is a bug.
    static func source(of raw: UnsafeMutableRawPointer) -> Int {
        let mark = raw.load(fromByteOffset: 8, as: Int.self)
        precondition(mark == fromArena || mark == fromSystem, "cmark-gfm gave back memory this allocator did not give it")
        return mark
    }

    private static func mark(_ raw: UnsafeMutableRawPointer, bytes: Int, from source: Int) -> UnsafeMutableRawPointer {
        raw.storeBytes(of: bytes, as: Int.self)
        raw.storeBytes(of: source, toByteOffset: 8, as: Int.self)
        return raw + headerSize
    }

    /// This thread's arena, made on first use and freed when the thread ends.
    static var current: ParseArena {
        currentReference.takeUnretainedValue()
    }

    /// `body` with this thread's arena, which the thread's key keeps alive: without the retain
    /// and release of `current` around each of cmark-gfm's allocations.
    static func withCurrent<Result>(_ body: (ParseArena) -> Result) -> Result {
        currentReference._withUnsafeGuaranteedRef(body)
    }

    private static var currentReference: Unmanaged<ParseArena> {
        if let stored = pthread_getspecific(key) {
            return Unmanaged<ParseArena>.fromOpaque(stored)
        }
        let arena = Unmanaged.passRetained(ParseArena())
        pthread_setspecific(key, arena.toOpaque())
        return arena
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        #if canImport(Darwin)
        pthread_key_create(&key) { Unmanaged<ParseArena>.fromOpaque($0).release() }
        #else
        pthread_key_create(&key) { stored in stored.map { Unmanaged<ParseArena>.fromOpaque($0).release() } }
        #endif
        return key
    }()
}
#endif
