import Foundation
import Testing
@testable import SiteKit

/// `vidin check`'s editorial rules, on in-memory content.
@Suite("ContentChecker")
struct ContentCheckerTests {
    func check(_ files: [(String, String)]) throws -> [Diagnostic] {
        let (content, diagnostics) = loadContent(files)
        let loaded = try #require(content, "content did not load: \(diagnostics.listing)")
        #expect(!diagnostics.hasErrors, "\(diagnostics.listing)")
        return ContentChecker.check(loaded).sortedForReport
    }

    /// A Bulgarian page and its English translation, marked as translating the Bulgarian text.
    func pair(_ bgBody: String, _ enBody: String, section: String = "guide/01-x") throws -> [(String, String)] {
        let bg = page("title: Глава\nsummary: Кратко.", bgBody)
        let (content, _) = loadContent([("\(section).bg.md", bg)])
        let source = try #require(content?.pages.first)
        let fingerprint = TranslationFingerprint.of(source).description
        return [("\(section).bg.md", bg), ("\(section).en.md", page("title: Chapter\ntranslation-of: \(fingerprint)", enBody))]
    }

    @Test("a translation that records the current source text, with the same shape, gives no warnings")
    func cleanPair() throws {
        let files = try pair("Увод.\n\n## Първи\n\nТекст.[^a]\n\n[^a]: Източник.\n",
                             "Introduction.\n\n## First\n\nText.[^a]\n\n[^a]: Source.\n")
        let diagnostics = try check(files)
        #expect(diagnostics.isEmpty, "\(diagnostics.listing)")
    }

    @Test("a sentence added to the Bulgarian text makes the English file out of date, naming the section")
    func drift() throws {
        var files = try pair("Увод.\n\n## Първи\n\nТекст.\n\n## Втори\n\nОще.\n", "Introduction.\n\n## First\n\nText.\n\n## Second\n\nMore.\n")
        #expect(try check(files).isEmpty)
        files[0].1 = files[0].1.replacingOccurrences(of: "Още.", with: "Още. Едно ново изречение.")
        let diagnostics = try check(files)
        let warning = try #require(diagnostics.first, "no warning after the Bulgarian text changed")
        #expect(diagnostics.count == 1, "\(diagnostics.listing)")
        #expect(warning.file == "content/guide/01-x.en.md")
        #expect(warning.line == 3)  // the translation-of line
        #expect(warning.message.contains("out of date"))
        #expect(warning.message.contains("content/guide/01-x.bg.md"))
        #expect(warning.message.contains("'Втори'"))
        #expect(!warning.message.contains("'Първи'"))
        #expect(warning.hint?.contains("vidin check --mark-translated content/guide/01-x.en.md") == true)
    }

    @Test("re-wrapping lines, Windows line ends and an editor's note do not make a translation stale")
    func harmlessChanges() throws {
        var files = try pair("Едно изречение и\nоще едно.\n\n## Първи\n\nТекст.\n", "One sentence and another.\n\n## First\n\nText.\n")
        files[0].1 = files[0].1.replacingOccurrences(of: "и\nоще", with: "и още")
            .replacingOccurrences(of: "Текст.", with: "Текст. <!-- TODO: да се провери -->")
            .replacingOccurrences(of: "\n", with: "\r\n")
        let diagnostics = try check(files).filter { $0.message.contains("out of date") }
        #expect(diagnostics.isEmpty, "\(diagnostics.listing)")
    }

    @Test("a new section in the source is reported as a change in the number of sections")
    func addedSection() throws {
        var files = try pair("Увод.\n\n## Първи\n\nТекст.\n", "Introduction.\n\n## First\n\nText.\n")
        files[0].1 += "\n## Нов раздел\n\nТекст.\n"
        let diagnostics = try check(files)
        #expect(diagnostics.contains { $0.message.contains("now has 2 sections, 1 when it was translated") }, "\(diagnostics.listing)")
    }

    @Test("a changed title or summary is a change in the introduction")
    func introduction() throws {
        var files = try pair("Увод.\n", "Introduction.\n")
        files[0].1 = files[0].1.replacingOccurrences(of: "summary: Кратко.", with: "summary: По-дълго резюме.")
        let diagnostics = try check(files)
        #expect(diagnostics.contains { $0.message.contains("changed in the introduction") }, "\(diagnostics.listing)")
    }

    @Test("missing, untranslated and unrecorded translations are listed")
    func missingTranslations() throws {
        let diagnostics = try check([
            ("guide/01-only-bg.bg.md", page("title: Само български")),
            ("pages/only-en.en.md", page("title: Only English")),
            ("pages/new.bg.md", page("title: Нова")),
            ("pages/new.en.md", page("title: New\ntranslation-of: untranslated")),
            ("pages/old.bg.md", page("title: Стара")),
            ("pages/old.en.md", page("title: Old")),
        ])
        #expect(diagnostics.contains { $0.file == "content/guide/01-only-bg.bg.md" && $0.message == "the page has no English version" }, "\(diagnostics.listing)")
        #expect(diagnostics.contains { $0.file == "content/pages/only-en.en.md" && $0.message == "the page has no Български version" }, "\(diagnostics.listing)")
        #expect(diagnostics.contains { $0.file == "content/pages/new.en.md" && $0.line == 3 && $0.message == "not translated yet from content/pages/new.bg.md" }, "\(diagnostics.listing)")
        #expect(diagnostics.contains { $0.file == "content/pages/old.en.md" && $0.message.contains("does not record which version") }, "\(diagnostics.listing)")
        #expect(diagnostics.allSatisfy { $0.severity == .warning })
    }

    @Test("a translation with fewer sections, footnotes or tables than its source is flagged")
    func structure() throws {
        let files = try pair("## Първи\n\nТекст.[^1]\n\n| а | б |\n|---|---|\n| 1 | 2 |\n\n## Втори\n\nТекст.\n\n[^1]: Източник.\n",
                             "## First\n\nText.\n\n## Second\n\nText.\n")
        let diagnostics = try check(files)
        let warning = try #require(diagnostics.first)
        #expect(diagnostics.count == 1, "\(diagnostics.listing)")
        #expect(warning.message == "the translation has 2 sections, 0 footnotes, 0 tables; content/guide/01-x.bg.md has 2 sections, 1 footnotes, 1 tables")
    }

    @Test("an alphabetical list (a glossary) may have other letters in translation, but not fewer footnotes")
    func glossary() throws {
        let letters = try pair("## А\n\nаз\n\n## Б\n\nбук\n\n## Латиница\n\nx\n", "## A\n\na\n\n## B\n\nb\n\n## C\n\nc\n\n## D\n\nd\n")
        let letterDiagnostics = try check(letters)
        #expect(letterDiagnostics.isEmpty, "\(letterDiagnostics.listing)")
        let notes = try pair("## А\n\nаз.[^1]\n\n## Б\n\nбук\n\n[^1]: Източник.\n", "## A\n\na\n\n## B\n\nb\n\n## C\n\nc\n")
        #expect(try check(notes).map(\.message) == ["the translation has 0 footnotes, 0 tables; content/guide/01-x.bg.md has 1 footnotes, 0 tables"])
    }

    @Test("images without alt text, skipped heading levels, empty links and TODO notes are reported at their lines")
    func pageRules() throws {
        let body = """
        Увод.

        ![](../media/map.png)

        ## Раздел

        #### Твърде дълбоко

        [](https://example.org/) и [текст](https://example.org/)

        <!-- TODO: да се провери броят на жителите -->

        Текст <!-- обикновен коментар --> и <!-- TODO: още едно -->.

        ```
        <!-- TODO: в код не е бележка -->
        ```
        """
        let diagnostics = try check([("pages/p.bg.md", page("title: Страница", body)), ("pages/p.en.md", page("title: Page\ntranslation-of: untranslated"))])
            .filter { $0.file == "content/pages/p.bg.md" }
        let byLine = Dictionary(grouping: diagnostics, by: { $0.line ?? 0 })
        #expect(byLine[7]?.first?.message == "the image '../media/map.png' has no alt text", "\(diagnostics.listing)")
        #expect(byLine[11]?.first?.message == "the heading 'Твърде дълбоко' skips a level (#### after ##)", "\(diagnostics.listing)")
        #expect(byLine[11]?.first?.hint?.hasPrefix("make it '###'") == true)
        #expect(byLine[13]?.first?.message == "the link to 'https://example.org/' has no text", "\(diagnostics.listing)")
        #expect(byLine[13]?.count == 1)
        #expect(byLine[15]?.first?.message == "editor's note: да се провери броят на жителите", "\(diagnostics.listing)")
        #expect(byLine[17]?.map(\.message) == ["editor's note: още едно"], "\(diagnostics.listing)")
        #expect(diagnostics.count == 5, "\(diagnostics.listing)")
    }

    @Test("two pages with one title in a language are flagged at the second")
    func duplicateTitles() throws {
        let diagnostics = try check([
            ("pages/a.bg.md", page("title: Контакти")),
            ("pages/b.bg.md", page("slug: b\ntitle: Контакти")),
        ]).filter { $0.message.contains("also the title") }
        let warning = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(warning.file == "content/pages/b.bg.md")
        #expect(warning.line == 3)
        #expect(warning.message == "the title 'Контакти' is also the title of content/pages/a.bg.md")
    }

    @Test("case studies with missing or placeholder fields are flagged field by field")
    func caseStudyFields() throws {
        let diagnostics = try check([
            ("case-studies/x.bg.md", page("title: Пример\ncity: \"TODO: град\"\npopulation: 0\nyear: 2013\ntopics: [участие]\nwebsite: https://example.org/")),
        ]).filter { $0.file == "content/case-studies/x.bg.md" }
        let messages = Set(diagnostics.map(\.message))
        #expect(messages.contains("'city' is still a placeholder: TODO: град"), "\(diagnostics.listing)")
        #expect(messages.contains("'population' is still a placeholder: 0"), "\(diagnostics.listing)")
        #expect(messages.contains("the case study has no 'country'"), "\(diagnostics.listing)")
        #expect(messages.contains("the case study has no 'summary'"), "\(diagnostics.listing)")
        #expect(!messages.contains { $0.contains("'year'") || $0.contains("'website'") || $0.contains("'topics'") }, "\(diagnostics.listing)")
        #expect(diagnostics.first { $0.message.contains("'city'") }?.line == 3)
    }

    @Test("hostile notes: thousands of unclosed comments are checked in linear time without a crash")
    func hostileNotes() throws {
        let body = String(repeating: "<!-- TODO: бележка ", count: 5_000)
        #expect(TranslationFingerprint.code(of: body).count == 6)
        let diagnostics = try check([("pages/h.bg.md", page("title: Х", body))])
        let note = try #require(diagnostics.first { $0.message.hasPrefix("editor's note:") })
        #expect(note.message.count < 200)
    }
}

@Suite("TranslationMarker")
struct TranslationMarkerTests {
    @Test("--mark-translated writes the fingerprint into the front matter and keeps line ends and the BOM")
    func mark() throws {
        let folder = TemporaryFolder()
        try folder.write("content/site.yml", sampleSiteYAML)
        try folder.write("content/guide/01-x.bg.md", page("title: Глава", "## Раздел\n\nТекст.\n"))
        let english = try folder.write("content/guide/01-x.en.md",
                                       Data([0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: Chapter\r\ntranslation-of: untranslated\r\n---\r\n\r\n## Section\r\n\r\nText.\r\n".utf8)))
        let content = folder.path("content")
        let (marked, diagnostics) = TranslationMarker.mark([english], contentDirectory: content, displayRoot: "content")
        #expect(diagnostics.isEmpty, "\(diagnostics.listing)")
        #expect(marked.count == 1)
        let bytes = try [UInt8](Data(contentsOf: english))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let loaded = try #require(ContentLoader.load(try ContentReader.read(content, displayRoot: "content"), includeDrafts: false).0)
        let source = try #require(loaded.pages.first { $0.language == "bg" })
        #expect(text == "---\r\ntitle: Chapter\r\ntranslation-of: \(TranslationFingerprint.of(source))\r\n---\r\n\r\n## Section\r\n\r\nText.\r\n")
        #expect(ContentChecker.check(loaded).isEmpty)

        // Marking a source text or a file outside the content folder is an error, and writes nothing.
        let bulgarian = folder.path("content/guide/01-x.bg.md")
        let before = try Data(contentsOf: bulgarian)
        let refused = TranslationMarker.mark([bulgarian, folder.path("elsewhere.en.md")], contentDirectory: content, displayRoot: "content")
        #expect(refused.marked.isEmpty)
        #expect(refused.diagnostics.count == 2)
        #expect(refused.diagnostics.first?.message == "this is the source text, not a translation")
        #expect(try Data(contentsOf: bulgarian) == before)
    }

    @Test("a file without translation-of gets the line before the closing ---")
    func insert() throws {
        let data = TranslationMarker.setField("translation-of", to: "abcdef", in: Data("---\ntitle: X\n---\nText.\n".utf8))
        #expect(data.map { String(decoding: $0, as: UTF8.self) } == "---\ntitle: X\ntranslation-of: abcdef\n---\nText.\n")
        #expect(TranslationMarker.setField("translation-of", to: "abcdef", in: Data("No front matter.\n".utf8)) == nil)
    }
}

@Suite("PageScaffold")
struct PageScaffoldTests {
    @Test("new case-study 'Видин' makes both files that build, and check lists the placeholders and the untranslated English file")
    func caseStudy() throws {
        let folder = TemporaryFolder()
        let content = try folder.copy(Paths.fixture("basic"), as: "content")
        let scaffold = try PageScaffold.make(.caseStudy, title: "Видин", existing: [], today: "2026-11-30").get()
        #expect(scaffold.files.map(\.path) == ["case-studies/vidin.bg.md", "case-studies/vidin.en.md"])
        #expect(scaffold.write(into: content, displayRoot: "content").isEmpty)

        var options = buildOptions(content: content, output: folder.path("site"))
        options.editorialChecks = true
        let report = SiteBuilder.build(options)
        #expect(!report.diagnostics.hasErrors, "\(report.diagnostics.listing)")
        #expect(readText(folder.path("site"), "case-studies/vidin/index.html")?.contains("Видин") == true)
        let bg = report.diagnostics.filter { $0.file.hasSuffix("/content/case-studies/vidin.bg.md") }.map(\.message)
        let en = report.diagnostics.filter { $0.file.hasSuffix("/content/case-studies/vidin.en.md") }.map(\.message)
        for field in ["summary", "city", "country", "population", "year", "topics", "website"] {
            #expect(bg.contains { $0.hasPrefix("'\(field)' is still a placeholder") }, "\(field): \(bg)")
        }
        #expect(bg.contains { $0.hasPrefix("editor's note:") })
        #expect(en.contains { $0.hasPrefix("not translated yet from ") && $0.hasSuffix("/content/case-studies/vidin.bg.md") }, "\(en)")
        #expect(en.contains { $0.hasPrefix("'title' is still a placeholder") })
    }

    @Test("the next chapter gets the next number, news today's date, and nothing is ever overwritten")
    func namesAndNoOverwrite() throws {
        let chapter = try PageScaffold.make(.chapter, title: "Отворени данни", existing: ["guide/00-foreword.bg.md", "guide/05-glossary.en.md", "news/2026-01-01-x.bg.md"], today: "2026-11-30").get()
        #expect(chapter.files.map(\.path) == ["guide/06-otvoreni-danni.bg.md", "guide/06-otvoreni-danni.en.md"])
        #expect(chapter.files[0].text.hasPrefix("---\ntitle: \"Отворени данни\"\nslug: otvoreni-danni\n"))
        #expect(chapter.files[1].text.contains("\ntranslation-of: untranslated\n"))
        let news = try PageScaffold.make(.news, title: "Среща във Видин", existing: [], today: "2026-11-30").get()
        #expect(news.files.map(\.path) == ["news/2026-11-30-sreshta-vav-vidin.bg.md", "news/2026-11-30-sreshta-vav-vidin.en.md"])
        #expect(throws: Diagnostic.self) { try PageScaffold.make(.page, title: "  !!! ", existing: [], today: "2026-11-30").get() }

        let folder = TemporaryFolder()
        try folder.write("content/pages/za-nas.en.md", "mine\n")
        let page = try PageScaffold.make(.page, title: "За нас", existing: [], today: "2026-11-30").get()
        let problems = page.write(into: folder.path("content"), displayRoot: "content")
        #expect(problems.map(\.file) == ["content/pages/za-nas.en.md"])
        #expect(problems.first?.message == "the file exists already; nothing was written")
        #expect(readText(folder.path("content"), "pages/za-nas.en.md") == "mine\n")
        #expect(!FileManager.default.fileExists(atPath: folder.path("content/pages/za-nas.bg.md").path))
    }

    @Test("quotes and backslashes in a title stay valid YAML")
    func quoting() throws {
        let scaffold = try PageScaffold.make(.page, title: "Проект „Видин\" \\ 2030", existing: [], today: "2026-11-30").get()
        let (content, diagnostics) = loadContent(scaffold.files.map { ($0.path, $0.text) })
        #expect(!diagnostics.hasErrors, "\(diagnostics.listing)")
        #expect(content?.pages.first { $0.language == "bg" }?.frontMatter.title == "Проект „Видин\" \\ 2030")
    }
}
