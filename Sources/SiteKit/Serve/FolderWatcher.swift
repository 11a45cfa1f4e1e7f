import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells when anything under some folders changes: a file saved, created, deleted or renamed
/// (editors that save by writing a new file and renaming it over the old one), a folder added
/// or removed, the folder itself deleted and made again.
///
/// `changes` yields once per burst of events, not per event, the time of the burst (the newest
/// one when several wait); `vidin serve` debounces further.
/// On Linux the watcher uses inotify; elsewhere it compares the folders' listings (paths,
/// sizes and modification times) a few times a second.
public protocol FolderWatcher: Sendable {
    var changes: AsyncStream<ContinuousClock.Instant> { get }
    func stop()
}

public enum FolderWatchers {
    /// The best watcher this platform has for `folders`.
    public static func make(_ folders: [URL]) -> any FolderWatcher {
        #if canImport(Glibc)
        if let watcher = InotifyWatcher(folders) { return watcher }
        #endif
        return PollingWatcher(folders)
    }
}

/// Compares a listing of the folders every `interval`; works everywhere.
public final class PollingWatcher: FolderWatcher, @unchecked Sendable {
    public let changes: AsyncStream<ContinuousClock.Instant>
    private let continuation: AsyncStream<ContinuousClock.Instant>.Continuation
    private let timer: DispatchSourceTimer

    private let folders: [URL]
    /// The last listing; touched only on the timer's queue.
    private var last: [String: Entry]

    public init(_ folders: [URL], interval: Duration = .milliseconds(250)) {
        (changes, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "vidin.polling-watcher"))
        self.folders = folders
        last = Self.listing(folders)
        let milliseconds = Int(interval.components.seconds * 1000 + interval.components.attoseconds / 1_000_000_000_000_000)
        timer.schedule(deadline: .now() + .milliseconds(milliseconds), repeating: .milliseconds(milliseconds))
        timer.setEventHandler { [unowned self] in
            let now = Self.listing(self.folders)
            if now != self.last {
                self.last = now
                self.continuation.yield(.now)
            }
        }
        timer.resume()
    }

    public func stop() {
        timer.cancel()
        continuation.finish()
    }

    struct Entry: Equatable {
        var size: Int
        var modified: Date
    }

    static func listing(_ folders: [URL]) -> [String: Entry] {
        var result: [String: Entry] = [:]
        let keys: [URLResourceKey] = [.fileSizeKey, .contentModificationDateKey]
        for folder in folders {
            guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys) else { continue }
            for case let url as URL in enumerator {
                let values = try? url.resourceValues(forKeys: Set(keys))
                result[url.path] = Entry(size: values?.fileSize ?? -1, modified: values?.contentModificationDate ?? .distantPast)
            }
        }
        return result
    }
}

#if canImport(Glibc)
/// inotify on every folder under the watched ones; new folders are watched as they appear,
/// and a watched folder that is deleted is watched again when it comes back.
public final class InotifyWatcher: FolderWatcher, @unchecked Sendable {
    public let changes: AsyncStream<ContinuousClock.Instant>
    private let continuation: AsyncStream<ContinuousClock.Instant>.Continuation
    private let descriptor: Int32
    private let stopPipe: [Int32]
    private let folders: [URL]
    /// Watched folder paths; touched only on the watcher's own thread.
    private var watched: [Int32: String] = [:]

    private static let mask = UInt32(IN_CLOSE_WRITE | IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO
                                     | IN_DELETE_SELF | IN_MOVE_SELF | IN_ATTRIB)

    init?(_ folders: [URL]) {
        let descriptor = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard descriptor >= 0 else { return nil }
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
        self.stopPipe = pipeEnds
        self.folders = folders
        (changes, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
        let thread = Thread { [self] in run() }
        thread.name = "vidin.inotify-watcher"
        thread.start()
    }

    public func stop() {
        var byte: UInt8 = 1
        _ = write(stopPipe[1], &byte, 1)
    }

    private func run() {
        addWatches()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        loop: while true {
            var descriptors = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
                               pollfd(fd: stopPipe[0], events: Int16(POLLIN), revents: 0)]
            // Wake now and then while a watched folder is missing, to watch it again when it is back.
            let missing = folders.contains { !watched.values.contains($0.path) }
            let ready = poll(&descriptors, 2, missing ? 300 : -1)
            if descriptors[1].revents != 0 { break loop }
            var changed = false
            if ready > 0, descriptors[0].revents != 0 {
                while true {
                    let count = read(descriptor, &buffer, buffer.count)
                    if count <= 0 { break }
                    changed = true
                    var offset = 0
                    while offset + MemoryLayout<inotify_event>.size <= count {
                        let (wd, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, UInt32) in
                            let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                            return (event.wd, event.mask, event.len)
                        }
                        if mask & UInt32(IN_IGNORED) != 0 { watched[wd] = nil }
                        offset += MemoryLayout<inotify_event>.size + Int(length)
                    }
                }
            }
            if changed || missing {
                let before = watched.count
                addWatches()
                if missing && watched.count != before { changed = true }
            }
            if changed { continuation.yield(.now) }
        }
        for wd in watched.keys { inotify_rm_watch(descriptor, wd) }
        close(descriptor)
        close(stopPipe[0])
        close(stopPipe[1])
        continuation.finish()
    }

    /// Watches every folder under the roots that is not watched yet (adding a watch twice is harmless).
    private func addWatches() {
        for root in folders {
            var paths = [root.path]
            if let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey]) {
                for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isDirectoryKey]))?.isDirectory == true {
                    paths.append(url.path)
                }
            }
            for path in paths {
                let wd = inotify_add_watch(descriptor, path, Self.mask)
                if wd >= 0 { watched[wd] = path }
            }
        }
    }
}
#endif
