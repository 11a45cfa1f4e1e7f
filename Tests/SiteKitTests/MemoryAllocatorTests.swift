import Foundation
import Testing
@testable import SiteKit

/// The allocator's setting that the commands make at their start (`MemoryAllocator.padHeaps`).
@Suite("memory allocator")
struct MemoryAllocatorTests {
    @Test("with glibc the heap pad is set, unless GLIBC_TUNABLES sets it; elsewhere nothing is changed")
    func padsHeaps() {
        let tunables = ProcessInfo.processInfo.environment["GLIBC_TUNABLES"] ?? ""
        #if canImport(Glibc)
        #expect(MemoryAllocator.padHeaps() == !tunables.contains("glibc.malloc.top_pad"))
        #else
        #expect(MemoryAllocator.padHeaps() == false)
        #endif
    }
}
