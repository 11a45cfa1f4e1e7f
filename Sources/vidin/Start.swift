import SiteKit

/// The program's start: the allocator's setting first, while the main thread is the only thread
/// (a thread's heap made before the setting keeps growing a page at a time: see
/// `MemoryAllocator.padHeaps`), then the commands, on the concurrency pool's threads.
@main
enum Start {
    static func main() async {
        MemoryAllocator.padHeaps()
        await Vidin.main()
    }
}
