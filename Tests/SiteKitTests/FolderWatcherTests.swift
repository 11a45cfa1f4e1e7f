import Foundation
import Testing
@testable import SiteKit

/// `vidin serve`'s watchers notice what editors do: save in place, save by renaming a new file
/// over the old one, add a folder and save in it, delete the folder and make it again.
@Suite("FolderWatcher")
struct FolderWatcherTests {
    actor Counter {
        var count = 0
        func bump() { count += 1 }
    }

    func exercise(_ make: ([URL]) -> any FolderWatcher) async throws {
        let folder = TemporaryFolder()
        let content = try folder.write("content/guide/01-x.bg.md", "one").deletingLastPathComponent().deletingLastPathComponent()
        let watcher = make([content])
        let counter = Counter()
        let collector = Task { for await _ in watcher.changes { await counter.bump() } }
        defer {
            watcher.stop()
            collector.cancel()
        }
        /// Does `action` once earlier events have settled, and expects a change within five seconds.
        func expectChange(_ what: Comment, _ action: () throws -> Void) async throws {
            try await Task.sleep(for: .milliseconds(400))
            let before = await counter.count
            try action()
            let deadline = ContinuousClock.now + .seconds(5)
            while await counter.count == before, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(await counter.count > before, what)
        }

        try await expectChange("saving in place") { try folder.write("content/guide/01-x.bg.md", "two, longer") }
        try await expectChange("renaming a new file over the old one") {
            try folder.write("content/guide/01-x.bg.md.tmp", "three, longer still")
            #expect(rename(folder.path("content/guide/01-x.bg.md.tmp").path, folder.path("content/guide/01-x.bg.md").path) == 0)
        }
        try await expectChange("a new folder") { try FileManager.default.createDirectory(at: folder.path("content/news"), withIntermediateDirectories: true) }
        try await expectChange("a file in the new folder") { try folder.write("content/news/2026-01-01-x.bg.md", "news") }
        try await expectChange("the folder deleted") { try FileManager.default.removeItem(at: content) }
        try await expectChange("the folder made again") { try folder.write("content/guide/01-x.bg.md", "back") }
        try await expectChange("a save in the folder made again") { try folder.write("content/guide/01-x.bg.md", "back again, longer") }
    }

    @Test("polling notices every kind of save")
    func polling() async throws {
        try await exercise { PollingWatcher($0, interval: .milliseconds(50)) }
    }

    #if canImport(Glibc)
    @Test("inotify notices every kind of save")
    func inotify() async throws {
        try await exercise { try! #require(InotifyWatcher($0)) }
    }
    #endif
}
