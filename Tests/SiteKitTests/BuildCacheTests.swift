import Foundation
import Testing
@testable import SiteKit

/// `vidin serve` keeps pages from one build to the next: after any change, the site it serves
/// must be exactly the site a fresh build makes, and after a change to one page's text only that
/// page is rendered again.
@Suite("Rebuilding with the pages kept from the last build")
struct BuildCacheTests {
    /// The basic fixture site in a temporary folder, with its own copy of the themes.
    final class Project {
        let temp = TemporaryFolder("vidin-cache")
        let content: URL
        let themes: URL
        let cache = BuildCache()

        init() throws {
            content = try temp.copy(Paths.fixture("basic"), as: "content")
            themes = try temp.copy(Paths.themes, as: "themes")
        }

        func build(cached: Bool) -> BuildReport {
            var options = BuildOptions(contentDirectory: content, themesDirectory: themes, outputDirectory: temp.path("unused"))
            options.inMemory = true
            if cached { options.cache = cache }
            return SiteBuilder.build(options)
        }

        func edit(_ relative: String, _ change: (String) -> String) throws {
            let url = temp.path(relative)
            try change(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
        }
    }

    /// The files of a build, path → bytes.
    static func files(_ report: BuildReport) -> [String: Data] {
        var files: [String: Data] = [:]
        for file in report.output {
            files[file.path] = file.contents.readData()
        }
        return files
    }

    /// Builds with the cache and without it, and expects the same files.
    static func expectSameAsFresh(_ project: Project, sourceLocation: SourceLocation = #_sourceLocation) -> BuildReport {
        let cached = project.build(cached: true)
        let fresh = project.build(cached: false)
        let succeeded = cached.succeeded && fresh.succeeded
        #expect(succeeded, "\(cached.diagnostics.listing)", sourceLocation: sourceLocation)
        let (a, b) = (files(cached), files(fresh))
        let different = Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
        #expect(different.isEmpty, "files that differ from a fresh build: \(different.prefix(10))", sourceLocation: sourceLocation)
        #expect(cached.diagnostics.map(\.description) == fresh.diagnostics.map(\.description), sourceLocation: sourceLocation)
        return cached
    }

    @Test("a change to one chapter's text renders that page again, and the site is the one a fresh build makes")
    func oneChapterText() throws {
        let project = try Project()
        let first = project.build(cached: true).succeeded
        #expect(first)
        let all = project.cache.pagesRenderedInLastBuild
        #expect(all > 10)
        try project.edit("content/guide/01-first-steps.bg.md") { $0 + "\nНов абзац с **нова** дума: преобразуване.\n\n## Нов раздел\n\nТекст.\n" }
        let second = Self.expectSameAsFresh(project)
        #expect(project.cache.pagesRenderedInLastBuild == 1)
        // The new words and section reach the page, the contents page, the print page and the search index.
        let files = Self.files(second)
        let page = try #require(files.first { $0.key.hasPrefix("guide/") && $0.key.hasSuffix("/index.html") && String(decoding: $0.value, as: UTF8.self).contains("Нов абзац") })
        #expect(!page.key.isEmpty)
        #expect(String(decoding: files["guide/index.html"] ?? Data(), as: UTF8.self).contains("Нов раздел"))
        #expect(String(decoding: files["print/index.html"] ?? Data(), as: UTF8.self).contains("Нов абзац"))
        // Nothing changed: nothing is rendered again.
        _ = Self.expectSameAsFresh(project)
        #expect(project.cache.pagesRenderedInLastBuild == 0)
    }

    @Test("a change to a title, to site.yml or to a template makes the whole site again, as a fresh build does")
    func structureChanges() throws {
        let project = try Project()
        let first = project.build(cached: true).succeeded
        #expect(first)
        let all = project.cache.pagesRenderedInLastBuild
        // A title is in other pages' side lists, previous/next links and the print contents.
        try project.edit("content/guide/01-first-steps.bg.md") { $0.replacingOccurrences(of: "title: Първи стъпки", with: "title: Първите стъпки") }
        _ = Self.expectSameAsFresh(project)
        #expect(project.cache.pagesRenderedInLastBuild == all)
        try project.edit("themes/default/templates/partials/footer.mustache") { $0 + "<!-- footer changed -->\n" }
        let afterTemplate = Self.expectSameAsFresh(project)
        #expect(Self.files(afterTemplate).filter { $0.key.hasSuffix(".html") }.allSatisfy { String(decoding: $0.value, as: UTF8.self).contains("footer changed") })
        try project.edit("content/site.yml") { $0.replacingOccurrences(of: "baseURL: https://example.test/", with: "baseURL: https://example.org/") }
        _ = Self.expectSameAsFresh(project)
        #expect(project.cache.pagesRenderedInLastBuild == all)
    }

    @Test("a page that breaks and is fixed again, and a page deleted, give the fresh build's site")
    func brokenAndRemoved() throws {
        let project = try Project()
        let first = project.build(cached: true).succeeded
        #expect(first)
        let chapter = "content/guide/01-first-steps.bg.md"
        let original = try String(contentsOf: project.temp.path(chapter), encoding: .utf8)
        try project.edit(chapter) { $0 + "\n![Схема](няма-такава-схема.png)\n" }
        let broken = project.build(cached: true).succeeded
        #expect(!broken, "an image the site does not have is an error")
        try original.write(to: project.temp.path(chapter), atomically: true, encoding: .utf8)
        _ = Self.expectSameAsFresh(project)
        #expect(project.cache.pagesRenderedInLastBuild <= 1)
        try FileManager.default.removeItem(at: project.temp.path("content/news/" + (try FileManager.default.contentsOfDirectory(atPath: project.temp.path("content/news").path).sorted().last!)))
        _ = Self.expectSameAsFresh(project)
    }
}
