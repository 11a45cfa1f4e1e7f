import Foundation
#if canImport(Glibc)
import CSystem
#endif

/// The C allocator's settings for a build, made once when a command starts.
public enum MemoryAllocator {
    /// How much more than it needs glibc's malloc asks the system for each time one of its heaps
    /// grows, and what it keeps when memory is freed.
    static let heapPad = 64 << 20

    /// glibc gives the heap of each thread's arena its memory a page or so at a time, with an
    /// `mprotect` call each time (57,000 calls in a build of 2 × 2,000 pages, about 2 % of its
    /// CPU; each one also holds the lock that the other thread's page faults wait for). With a
    /// pad of `heapPad`, each heap is made usable as a whole when it is made, and the main heap
    /// grows in large steps. Memory that is never touched is not used, so the peak memory of a
    /// build grows only by what a freed heap keeps (about 5 % at 2 × 5,000 pages).
    ///
    /// A setting of the pad in `GLIBC_TUNABLES` (`glibc.malloc.top_pad`) is left as it is.
    /// - Returns: whether the pad was set (only with glibc).
    @discardableResult
    public static func padHeaps() -> Bool {
        #if canImport(Glibc)
        if ProcessInfo.processInfo.environment["GLIBC_TUNABLES"]?.contains("glibc.malloc.top_pad") == true { return false }
        return mallopt(M_TOP_PAD, Int32(heapPad)) == 1
        #else
        return false
        #endif
    }
}
