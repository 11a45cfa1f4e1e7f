import Foundation
import Testing
@testable import SiteKit

/// Where the tests find the project's own folders: from this file, three levels up
/// (`Tests/SiteKitTests/TestSupport.swift` → the repository root).
enum Paths {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repositoryRoot = testsFolder.deletingLastPathComponent().deletingLastPathComponent()
    static let themes = repositoryRoot.appendingPathComponent("themes")
    static let content = repositoryRoot.appendingPathComponent("content")
    static let fixtureSites = testsFolder.appendingPathComponent("Fixtures/sites")

    static func fixture(_ name: String) -> URL { fixtureSites.appendingPathComponent(name) }
}

/// A fresh folder under the system's temporary folder, removed when the value is deinitialised.
final class TemporaryFolder: @unchecked Sendable {
    let url: URL

    init(_ label: String = "vidin-tests") {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(UUID().uuidString)", isDirectory: true)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ relative: String) -> URL { url.appendingPathComponent(relative) }

    /// Writes `text` to `relative`, creating folders on the way.
    @discardableResult
    func write(_ relative: String, _ text: String) throws -> URL {
        try write(relative, Data(text.utf8))
    }

    @discardableResult
    func write(_ relative: String, _ data: Data) throws -> URL {
        let file = path(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file
    }

    /// Copies a folder (e.g. a fixture site) into this folder under `name`.
    @discardableResult
    func copy(_ source: URL, as name: String) throws -> URL {
        let destination = path(name)
        try FileManager.default.copyItem(at: source, to: destination)
        return destination
    }
}

/// Every regular file under a folder (hidden ones included), relative path → bytes.
func snapshot(_ folder: URL) -> [String: Data] {
    let base = folder.standardizedFileURL.resolvingSymlinksInPath().path
    var files: [String: Data] = [:]
    guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
    for case let url as URL in enumerator {
        guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
        let full = url.standardizedFileURL.resolvingSymlinksInPath().path
        let relative = full.hasPrefix(base + "/") ? String(full.dropFirst(base.count + 1)) : full
        files[relative] = FileManager.default.contents(atPath: url.path)
    }
    return files
}

/// Reads a file of a built site as text.
func readText(_ folder: URL, _ relative: String) -> String? {
    FileManager.default.contents(atPath: folder.appendingPathComponent(relative).path).map { String(decoding: $0, as: UTF8.self) }
}

// MARK: - In-memory content for the pure stages

/// A small bilingual site configuration, as an editor would write it.
let sampleSiteYAML = """
baseURL: https://example.test/
theme: default
languages:
  - code: bg
    name: Български
    title: Пробен сайт
    description: Описание на пробния сайт.
    menu:
      - {title: Ръководство, link: guide}
  - code: en
    name: English
    title: Test site
    description: A test site.
    menu:
      - {title: Guide, link: guide}
publishers:
  - name:
      bg: Издател
      en: Publisher
project:
  number: TEST-0001
  title:
    bg: Проект
    en: Project
  programme:
    bg: Програма
    en: Programme
  budget:
    bg: 1 лв.
    en: BGN 1
  period:
    bg: 2023 г.
    en: 2023
  year: 2023
fundingNotice:
  bg: Финансирано от ЕС.
  en: Funded by the EU.

"""

/// Builds the loaded content from files given as (path inside content/, text), without a disk.
func loadContent(_ files: [(String, String)], siteYAML: String = sampleSiteYAML, includeDrafts: Bool = false)
    -> (LoadedContent?, [Diagnostic]) {
    let folder = ContentFolder(
        siteConfig: .init(path: "site.yml", file: "content/site.yml", data: Data(siteYAML.utf8)),
        markdown: files.map { .init(path: $0.0, file: "content/\($0.0)", data: Data($0.1.utf8)) },
        media: [],
        displayRoot: "content")
    return ContentLoader.load(folder, includeDrafts: includeDrafts)
}

/// Loads and resolves in-memory content; fails the test if loading gave no content.
func resolveSite(_ files: [(String, String)], siteYAML: String = sampleSiteYAML,
                 sourceLocation: SourceLocation = #_sourceLocation) throws -> (Site, [Diagnostic]) {
    let (content, loadDiagnostics) = loadContent(files, siteYAML: siteYAML)
    let loaded = try #require(content, "content did not load: \(loadDiagnostics)", sourceLocation: sourceLocation)
    let (site, diagnostics) = SiteResolver.resolve(loaded)
    return (site, loadDiagnostics + diagnostics)
}

/// A page file: front matter lines and a body.
func page(_ frontMatter: String, _ body: String = "Текст.\n") -> String {
    "---\n\(frontMatter)\n---\n\n\(body)"
}

/// The default theme, compiled once for the tests that need its strings or ids.
let defaultTheme: Theme = {
    let files = try! ThemeReader.read(themesDirectory: Paths.themes, name: "default", displayRoot: "themes")
    return Theme.compile(files, languages: ["bg", "en"]).0!
}()

let testLabels: [String: RenderPolicy.Labels] = [
    "bg": .init(footnotes: "Бележки и източници", backToContent: "Обратно към текста", table: "Таблица"),
    "en": .init(footnotes: "Notes and sources", backToContent: "Back to the text", table: "Table"),
]

/// Renders every page of in-memory content to HTML, keyed by content path.
func renderPages(_ files: [(String, String)], siteYAML: String = sampleSiteYAML,
                 sourceLocation: SourceLocation = #_sourceLocation) throws -> (site: Site, pages: [String: RenderedPage]) {
    let (site, diagnostics) = try resolveSite(files, siteYAML: siteYAML, sourceLocation: sourceLocation)
    #expect(!diagnostics.hasErrors, "unexpected errors: \(diagnostics)", sourceLocation: sourceLocation)
    var renderer = MarkdownRenderer(site: site, labels: testLabels, reservedIDs: defaultTheme.ids)
    renderer.codeBlockHooks["chart"] = ChartRenderer.codeBlockHook(labels: ["bg": ChartRendererTests.bulgarian, "en": .english])
    var pages: [String: RenderedPage] = [:]
    for page in site.pages { pages[page.source.path] = renderer.render(page) }
    return (site, pages)
}

extension Array where Element == Diagnostic {
    var errors: [Diagnostic] { filter { $0.severity == .error } }
    var warnings: [Diagnostic] { filter { $0.severity == .warning } }
    /// One diagnostic per line, for failure messages.
    var listing: String { map(\.description).joined(separator: "\n") }
}

// MARK: - Building fixture sites

/// Options for building a content folder with the real default theme into `output`.
func buildOptions(content: URL, output: URL) -> BuildOptions {
    BuildOptions(contentDirectory: content, themesDirectory: Paths.themes, outputDirectory: output)
}

// MARK: - Expectations on whole pages

/// Records an issue when `text` (e.g. a whole page) lacks `needle`, without printing the page.
func expectContains(_ text: String?, _ needle: String, in what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let text else { Issue.record("\(what) does not exist", sourceLocation: sourceLocation); return }
    if !text.contains(needle) { Issue.record("\(what) does not contain: \(needle)", sourceLocation: sourceLocation) }
}

/// Records an issue when `text` contains `needle`, quoting the line where it is.
func expectLacks(_ text: String?, _ needle: String, in what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let text, let range = text.range(of: needle) else { return }
    let line = text[..<range.lowerBound].filter { $0 == "\n" }.count + 1
    let excerpt = text[text.lineRange(for: range)].trimmingCharacters(in: .whitespacesAndNewlines).prefix(300)
    Issue.record("\(what):\(line) contains \(needle): \(excerpt)", sourceLocation: sourceLocation)
}
