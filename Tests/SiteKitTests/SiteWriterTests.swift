import Foundation
import Testing
@testable import SiteKit

/// The write stage: refuses unsafe targets, swaps the new site in whole, never half-writes.
@Suite("SiteWriter")
struct SiteWriterTests {
    let files = [
        OutputFile(path: "index.html", text: "<!DOCTYPE html><title>Начало</title>"),
        OutputFile(path: "guide/klyuchovi-ponyatia/index.html", text: "глава"),
        OutputFile(path: "assets/css/site.css", text: "body{}"),
    ]

    /// A content folder with a file in it, inside `temp`.
    func makeContent(in temp: TemporaryFolder) throws -> URL {
        try temp.write("project/content/site.yml", "baseURL: https://example.test/\n")
        return temp.path("project/content")
    }

    func expectRefused(_ target: URL, protected: [URL], because reason: String,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            try SiteWriter.write(files, to: target, protected: protected, display: "out")
            Issue.record("wrote the site to \(target.path)", sourceLocation: sourceLocation)
        } catch {
            let message = error.description
            #expect(message.contains("refusing"), "\(message)", sourceLocation: sourceLocation)
            #expect(message.contains(reason), "\(message)", sourceLocation: sourceLocation)
        }
    }

    @Test("writes every file into a new folder, with the marker")
    func writesNewFolder() throws {
        let temp = TemporaryFolder()
        let output = temp.path("site")
        try SiteWriter.write(files, to: output, protected: [], display: "site")
        let written = snapshot(output)
        #expect(Set(written.keys) == ["index.html", "guide/klyuchovi-ponyatia/index.html", "assets/css/site.css", SiteWriter.markerName])
        #expect(written["guide/klyuchovi-ponyatia/index.html"] == Data("глава".utf8))
        // Nothing is left beside it, nor at its top (the folders there are made under names of
        // their own first, then renamed).
        let siblings = try FileManager.default.contentsOfDirectory(atPath: temp.url.path)
        #expect(siblings == ["site"])
        let top = try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()
        #expect(top == [SiteWriter.markerName, "assets", "guide", "index.html"].sorted())
    }

    @Test("folders at the top made in fresh places end under their own names, with nothing beside them; a name taken or a missing parent fails cleanly")
    func foldersInFreshPlaces() throws {
        let temp = TemporaryFolder()
        let folders = ["guide", "guide/a", "en", "en/guide", "en/guide/b", "assets"]
        #expect(SiteWriter.makeFolders(folders, in: temp.url, freshPlaces: true) == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.url.path).sorted() == ["assets", "en", "guide"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path("en").path) == ["guide"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path("en/guide").path) == ["b"])

        try temp.write("taken", "a file")
        #expect(!FileSystemCalls.makeFolderInAFreshPlace(temp.path("taken").path))
        #expect(!FileSystemCalls.makeFolderInAFreshPlace(temp.path("missing/x").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.url.path).sorted() == ["assets", "en", "guide", "taken"])
        #expect(FileManager.default.contents(atPath: temp.path("taken").path) == Data("a file".utf8))
    }

    @Test("files written a folder per core: every file of many folders, large and small, has its bytes; a file that cannot be written is named")
    func writesByFolder() throws {
        let temp = TemporaryFolder()
        var files: [OutputFile] = [OutputFile(path: "robots.txt", text: "User-agent: *")]
        for folder in ["search/text", "en/search/text", "search/terms"] {
            try FileManager.default.createDirectory(at: temp.path(folder), withIntermediateDirectories: true)
            for chunk in 0..<(folder == "search/terms" ? 3 : 150) {
                files.append(OutputFile(path: "\(folder)/\(chunk).json", text: "[\"\(folder) \(chunk)\"]"))
            }
        }
        #expect(SiteWriter.writeByFolder(files, in: temp.url) == nil)
        for file in files {
            #expect(FileManager.default.contents(atPath: temp.path(file.path).path) == file.contents.readData(), "\(file.path)")
        }
        // A folder that was never made: its file is named, the others are still written.
        let more = [OutputFile(path: "missing/index.html", text: "x"), OutputFile(path: "search/text/extra.json", text: "[]")]
        #expect(SiteWriter.writeByFolder(more, in: temp.url) == "missing/index.html")
        #expect(FileManager.default.contents(atPath: temp.path("search/text/extra.json").path) == Data("[]".utf8))
    }

    @Test("folders made while the site renders: only inside the staging folder, and gone when the build stops before writing")
    func foldersMadeAhead() throws {
        let temp = TemporaryFolder()
        let output = temp.path("out/site")
        let staging = try SiteWriter.Staging(output, protected: [], display: "site")
        staging.makeFolders(for: ["../escape/index.html", "guide/../../../escape2/index.html", "/absolute/index.html", "guide/a/index.html"])
        staging.abandon()
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.url.path) == ["out"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path("out").path) == [])

        // A build that goes on writes the files into the folders made ahead, and leaves nothing beside.
        let next = try SiteWriter.Staging(output, protected: [], display: "site")
        next.makeFolders(for: files.map(\.path) + ["../escape/index.html"])
        next.writeAhead(Array(files.prefix(2)) + [OutputFile(path: "../escape/index.html", text: "x")])
        try next.finish(files)
        var written = snapshot(output)
        #expect(written.removeValue(forKey: SiteWriter.markerName) != nil)
        #expect(written == Dictionary(uniqueKeysWithValues: files.map { file in
            (file.path, file.contents.readData() ?? Data())
        }))
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path("out").path) == ["site"])
        #expect(!FileManager.default.fileExists(atPath: temp.path("escape").path))
    }

    @Test("files written ahead get their folders made first, inside the staging folder only")
    func writeAheadMakesFolders() throws {
        let temp = TemporaryFolder()
        let output = temp.path("out/site")
        let staging = try SiteWriter.Staging(output, protected: [], display: "site")
        let ahead = [OutputFile(path: "search/text/0.json", text: "[]"), OutputFile(path: "en/print/index.html", text: "<p>book</p>"),
                     OutputFile(path: "../escape/index.html", text: "x")]
        staging.writeAhead(ahead)
        // Written before `finish`, no folder asked for: in the staging folder, which `finish` then swaps in.
        let stagingFolder = try #require(try FileManager.default.contentsOfDirectory(atPath: temp.path("out").path).first)
        let staged = temp.path("out/\(stagingFolder)")
        let deadline = Date(timeIntervalSinceNow: 10)
        while !(FileManager.default.fileExists(atPath: staged.appendingPathComponent("search/text/0.json").path)
                && FileManager.default.fileExists(atPath: staged.appendingPathComponent("en/print/index.html").path)), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }
        #expect(readText(staged, "search/text/0.json") == "[]")
        #expect(readText(staged, "en/print/index.html") == "<p>book</p>")
        try staging.finish(Array(ahead.prefix(2)))
        #expect(!FileManager.default.fileExists(atPath: staged.path))
        #expect(readText(output, "search/text/0.json") == "[]")
        #expect(readText(output, "en/print/index.html") == "<p>book</p>")
        #expect(!FileManager.default.fileExists(atPath: temp.path("escape").path))
        #expect(!FileManager.default.fileExists(atPath: temp.path("out/escape").path))
    }

    @Test("two files for one path are an error even when one was written ahead; the previous site stays and nothing is left beside it")
    func collisionAfterWriteAhead() throws {
        let temp = TemporaryFolder()
        let output = temp.path("out/site")
        try SiteWriter.write(files, to: output, protected: [], display: "site")
        let before = snapshot(output)
        let staging = try SiteWriter.Staging(output, protected: [], display: "site")
        let colliding = files + [OutputFile(path: "index.html", text: "other")]
        staging.makeFolders(for: colliding.map(\.path))
        staging.writeAhead(colliding)
        #expect(throws: BuildFailure.self) { try staging.finish(colliding) }
        #expect(snapshot(output) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path("out").path) == ["site"])
    }

    @Test("refuses the root folder")
    func refusesRoot() {
        expectRefused(URL(fileURLWithPath: "/"), protected: [], because: "root")
    }

    @Test("refuses the home folder")
    func refusesHome() {
        expectRefused(FileManager.default.homeDirectoryForCurrentUser, protected: [], because: "home")
    }

    @Test("refuses the content folder, a folder inside it, and a folder that holds it")
    func refusesContent() throws {
        let temp = TemporaryFolder()
        let content = try makeContent(in: temp)
        expectRefused(content, protected: [content], because: "content")
        expectRefused(content.appendingPathComponent("site"), protected: [content], because: "inside content")
        expectRefused(temp.path("project"), protected: [content], because: "holds content")
        expectRefused(temp.url, protected: [content], because: "holds content")
        // Spelled with `..` or through a symbolic link, it is still the content folder.
        expectRefused(temp.path("project/content/../content"), protected: [content], because: "content")
        try FileManager.default.createSymbolicLink(at: temp.path("link"), withDestinationURL: content)
        expectRefused(temp.path("link"), protected: [content], because: "content")
        #expect(FileManager.default.fileExists(atPath: content.appendingPathComponent("site.yml").path))
    }

    @Test("refuses a non-empty folder it did not build, and leaves it alone")
    func refusesForeignFolder() throws {
        let temp = TemporaryFolder()
        try temp.write("docs/notes.txt", "my notes")
        expectRefused(temp.path("docs"), protected: [], because: "not built by vidin")
        #expect(snapshot(temp.path("docs")) == ["notes.txt": Data("my notes".utf8)])
    }

    @Test("refuses a file")
    func refusesFile() throws {
        let temp = TemporaryFolder()
        try temp.write("site", "not a folder")
        expectRefused(temp.path("site"), protected: [], because: "file")
    }

    @Test("writes into an empty folder")
    func emptyFolder() throws {
        let temp = TemporaryFolder()
        try FileManager.default.createDirectory(at: temp.path("site"), withIntermediateDirectories: true)
        try SiteWriter.write(files, to: temp.path("site"), protected: [], display: "site")
        #expect(snapshot(temp.path("site")).count == files.count + 1)
    }

    @Test("replaces a folder it built: old files disappear, new ones appear")
    func replacesOwnFolder() throws {
        let temp = TemporaryFolder()
        let output = temp.path("site")
        try SiteWriter.write(files + [OutputFile(path: "old/index.html", text: "old")], to: output, protected: [], display: "site")
        try SiteWriter.write([OutputFile(path: "index.html", text: "new")], to: output, protected: [], display: "site")
        let written = snapshot(output)
        #expect(Set(written.keys) == ["index.html", SiteWriter.markerName])
        #expect(written["index.html"] == Data("new".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.url.path) == ["site"])
    }

    @Test("a write that fails half-way leaves the previous site byte-identical and no staging folder")
    func failedWriteKeepsPreviousSite() throws {
        let temp = TemporaryFolder()
        let output = temp.path("site")
        try SiteWriter.write(files, to: output, protected: [], display: "site")
        let before = snapshot(output)
        // `guide` is first a folder (for guide/a.html), then a file: the second write fails.
        let colliding = [
            OutputFile(path: "index.html", text: "new home"),
            OutputFile(path: "guide/a.html", text: "a"),
            OutputFile(path: "guide", text: "a file where a folder is"),
        ]
        #expect(throws: BuildFailure.self) {
            try SiteWriter.write(colliding, to: output, protected: [], display: "site")
        }
        #expect(snapshot(output) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.url.path) == ["site"])
    }

    @Test("a failed write names the output and says the previous site was kept")
    func failedWriteMessage() throws {
        let temp = TemporaryFolder()
        do {
            try SiteWriter.write([OutputFile(path: "a", text: "x"), OutputFile(path: "a/b", text: "y")],
                                 to: temp.path("site"), protected: [], display: "site")
            Issue.record("the write did not fail")
        } catch {
            let diagnostic = try #require(error.diagnostics.first)
            #expect(diagnostic.file == "site")
            #expect(diagnostic.severity == .error)
            #expect(diagnostic.hint?.contains("previous site") == true)
        }
        #expect(!FileManager.default.fileExists(atPath: temp.path("site").path))
    }

    @Test("leftovers of a killed build beside the target are cleaned up")
    func leftovers() throws {
        let temp = TemporaryFolder()
        try temp.write(".site.vidin-new-99999/index.html", "half")
        try temp.write(".site.vidin-old-99999/index.html", "old")
        try temp.write(".other.vidin-new-1/keep", "not ours to remove")
        try SiteWriter.write(files, to: temp.path("site"), protected: [], display: "site")
        let entries = try FileManager.default.contentsOfDirectory(atPath: temp.url.path).sorted()
        #expect(entries == [".other.vidin-new-1", "site"])
    }

    @Test("a path with an empty part, `.`, `..` or a NUL byte is never written; other dots are names")
    func safePaths() {
        for path in ["", "/", "/index.html", "a//b", "a/", ".", "..", "../x", "a/../b", "a/./b", "a/..", "x\0y"] {
            #expect(!SiteWriter.isSafePath(path), "\(path.debugDescription) is not safe")
        }
        for path in ["index.html", "a/b/index.html", "...", "a/.../b", ".well-known/x", "a/b..c", "en/.htaccess"] {
            #expect(SiteWriter.isSafePath(path), "\(path.debugDescription) is safe")
        }
    }
}
