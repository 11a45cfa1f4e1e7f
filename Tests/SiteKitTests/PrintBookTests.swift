import Foundation
import Testing
@testable import SiteKit

/// The print book: the guide of one language as one document (order, numbering, unique ids,
/// rewritten links), the print page made from it, and the pure parts of the PDF renderer.
@Suite("PrintBook")
struct PrintBookTests {
    static let labels: [String: [String: String]] = [
        "bg": ["chapter": "Глава {n}", "annex": "Приложение {n}", "caseStudies": "Европейски примери"],
        "en": ["chapter": "Chapter {n}", "annex": "Annex {n}", "caseStudies": "European case studies"],
    ]

    /// A small guide: a foreword, two chapters, a glossary annex, two case studies and a page
    /// outside the book, in Bulgarian, with one chapter in English.
    static func files(glossary: Bool = true, caseStudies: Bool = true) -> [(String, String)] {
        var files: [(String, String)] = [
            ("guide/00-foreword.bg.md", page("title: Предговор\npart: foreword\nsummary: Защо е написано.",
                                             "## Защо\n\nЗапочнете от [първите стъпки](01-first.bg.md) и [прегледа](01-first.bg.md#obsht-pregled).\n")),
            ("guide/01-first.bg.md", page("title: Първи стъпки\nsummary: Откъде да започнем.", """
                ## Общ преглед

                Текст.[^a]

                ### Подробности

                Вижте [плана](02-plan.bg.md#stapki), [Тарту](../case-studies/tartu.bg.md#rezultati), [за проекта](../pages/about.bg.md),
                [горе](#obsht-pregled), [на английски](01-first.en.md) и [външна връзка](https://example.org/x).

                ## Общ преглед

                Втори раздел със същото заглавие.

                [^a]: Източник, <https://example.org/a-b/c?d=e>.

                """)),
            ("guide/02-plan.bg.md", page("title: План", "## Стъпки {#stapki}\n\nТекст.[^a]\n\n- [ ] Първо\n- [x] Второ\n\n[^a]: Друг източник.\n")),
            ("guide/01-first.en.md", page("title: First steps", "## Overview\n\nText.\n")),
            ("pages/about.bg.md", page("title: За проекта", "Текст.\n")),
        ]
        if glossary {
            files.append(("guide/05-glossary.bg.md", page("title: Речник\npart: annex",
                                                          "## А\n\n**Анализ** – виж [→ глава 1](01-first.bg.md#obsht-pregled). [Б](#b)\n\n## Б {#b}\n\nТекст.\n")))
        }
        if caseStudies {
            files.append(("case-studies/tartu.bg.md", page("title: \"Тарту: бюджет\"\ncity: Тарту\ncountry: Естония\nwebsite: https://example.org/tartu",
                                                           "## Резултати\n\nТекст, вижте [глава 2](../guide/02-plan.bg.md).\n")))
            files.append(("case-studies/barcelona.bg.md", page("title: Барселона", "## Резултати\n\nДруг текст.\n")))
        }
        return files
    }

    static func book(_ language: String = "bg", glossary: Bool = true, caseStudies: Bool = true,
                     sourceLocation: SourceLocation = #_sourceLocation) throws -> PrintBook {
        let (site, pages) = try renderPages(files(glossary: glossary, caseStudies: caseStudies), sourceLocation: sourceLocation)
        let rendered = site.pages.compactMap { pages[$0.source.path] }
        return PrintBook.make(language: language, pages: rendered, site: site, labels: labels[language] ?? [:], renderLabels: testLabels[language]!)
    }

    /// Every `id="…"` in some HTML.
    static func ids(_ html: String) -> [String] {
        html.matches(of: /\sid="([^"]*)"/).map { String($0.output.1) }
    }

    static func hrefs(_ html: String) -> [String] {
        html.matches(of: /\shref="([^"]*)"/).map { String($0.output.1) }
    }

    /// Ids of the whole book as the print template lays it out: each part's heading, its html.
    static func allIDs(_ book: PrintBook) -> [String] {
        book.parts.flatMap { [$0.anchor] + ids($0.html) }
    }

    // MARK: Order and numbering

    @Test("the foreword, the numbered chapters, annex А with the case studies, then the glossary as annex Б")
    func order() throws {
        let book = try Self.book()
        #expect(book.parts.map(\.title) == ["Предговор", "Първи стъпки", "План", "Европейски примери", "Барселона", "Тарту: бюджет", "Речник"])
        #expect(book.parts.map(\.number) == ["", "1", "2", "А", "А.1", "А.2", "Б"])
        #expect(book.parts.map(\.label) == ["", "Глава 1", "Глава 2", "Приложение А", "А.1", "А.2", "Приложение Б"])
        #expect(book.parts.map(\.level) == [2, 2, 2, 2, 3, 3, 2])
        #expect(book.parts.map(\.isAnnexHeading) == [false, false, false, true, false, false, false])
        #expect(book.parts.map(\.anchor) == ["ch-00-foreword", "ch-01-first", "ch-02-plan", "annex-a", "case-barcelona", "case-tartu", "ch-05-glossary"])
        // Bulgarian annexes are lettered in Cyrillic (А, Б), English ones in Latin.
        #expect(book.parts[3].number.unicodeScalars.first?.value == 0x0410)
        #expect(PrintBook.annexLetter(1, language: "en") == "B")
        #expect(PrintBook.annexLetter(1, language: "bg") == "Б")
    }

    @Test("running heads name the chapter, and the annex for all its case studies")
    func runningHeads() throws {
        let book = try Self.book()
        #expect(book.parts.map(\.runningHead) == [
            "Предговор", "Глава 1. Първи стъпки", "Глава 2. План", "Приложение А. Европейски примери",
            "Приложение А. Европейски примери", "Приложение А. Европейски примери", "Приложение Б. Речник",
        ])
    }

    @Test("chapter sections are numbered in the headings and listed for the contents; notes are not")
    func sectionNumbers() throws {
        let book = try Self.book()
        let chapter = book.parts[1]
        #expect(chapter.sections.map(\.number) == ["1.1", "1.2"])
        #expect(chapter.sections.map(\.title) == ["Общ преглед", "Общ преглед"])
        #expect(chapter.sections.map(\.anchor) == ["ch-01-first--obsht-pregled", "ch-01-first--obsht-pregled-2"])
        // h2 → h3 below the part's own h2, h3 → h4, with their numbers.
        #expect(chapter.html.contains("<h3 id=\"ch-01-first--obsht-pregled\"><span class=\"section-number\">1.1</span> Общ преглед</h3>"))
        #expect(chapter.html.contains("<h4 id=\"ch-01-first--podrobnosti\"><span class=\"section-number\">1.1.1</span> Подробности</h4>"))
        #expect(chapter.html.contains("<h3 id=\"ch-01-first--obsht-pregled-2\"><span class=\"section-number\">1.2</span> Общ преглед</h3>"))
        #expect(!chapter.html.contains("<h2"))
        // The notes' heading is neither numbered nor a section.
        #expect(chapter.html.contains("<h3 id=\"ch-01-first--footnotes\">"))
        #expect(!chapter.sections.contains { $0.anchor.hasSuffix("--footnotes") })
        // The foreword and the annexes are not numbered.
        #expect(book.parts[0].sections.allSatisfy { $0.number.isEmpty })
        #expect(!book.parts[0].html.contains("section-number"))
        #expect(!book.parts[6].html.contains("section-number"))
    }

    @Test("case studies sit one level deeper, below the annex heading")
    func caseStudyLevels() throws {
        let book = try Self.book()
        let tartu = try #require(book.parts.first { $0.anchor == "case-tartu" })
        #expect(tartu.html.contains("<h4 id=\"case-tartu--rezultati\">Резултати</h4>"))
        #expect(!tartu.html.contains("<h2") && !tartu.html.contains("<h3 id=\"case-tartu--rezultati\""))
        #expect(tartu.page?.source.frontMatter.city == "Тарту")
        let annex = book.parts[3]
        #expect(annex.html.isEmpty && annex.page == nil)
    }

    @Test("summaries come from the front matter only")
    func summaries() throws {
        let book = try Self.book()
        #expect(book.parts[0].summary == "Защо е написано.")
        #expect(book.parts[1].summary == "Откъде да започнем.")
        #expect(book.parts[2].summary == "")
    }

    // MARK: Ids and links

    @Test("every id on the book is unique, though the pages share heading and note ids")
    func uniqueIDs() throws {
        let book = try Self.book()
        let ids = Self.allIDs(book)
        var seen: Set<String> = []
        let duplicates = ids.filter { !seen.insert($0).inserted }
        #expect(duplicates.isEmpty, "duplicate ids: \(duplicates)")
        // Both chapters have a note „a“ and a notes section: each under its own prefix.
        #expect(ids.contains("ch-01-first--fn-a") && ids.contains("ch-02-plan--fn-a"))
        #expect(ids.contains("ch-01-first--footnotes") && ids.contains("ch-02-plan--footnotes"))
        #expect(ids.allSatisfy { !$0.isEmpty && !$0.contains(" ") && $0.utf8.count <= 127 })
        // Every chapter has notes: on one page they are plain sections, not landmarks of one name.
        #expect(book.parts[1].html.contains("<section class=\"footnotes\">"))
        #expect(!book.parts[1].html.contains("aria-labelledby=\"ch-01-first--footnotes\""))
    }

    @Test("every in-page link resolves to an id of the book")
    func inPageLinksResolve() throws {
        let book = try Self.book()
        let ids = Set(Self.allIDs(book) + book.parts.flatMap { $0.sections.map(\.anchor) })
        let links = book.parts.flatMap { Self.hrefs($0.html) }.filter { $0.hasPrefix("#") }
        #expect(links.count > 10)
        let missing = links.filter { !ids.contains(String($0.dropFirst())) }
        #expect(missing.isEmpty, "links to missing anchors: \(missing)")
    }

    @Test("links to chapters and case studies become anchors; links out of the book absolute URLs")
    func linkRewriting() throws {
        let book = try Self.book()
        let foreword = Self.hrefs(book.parts[0].html)
        #expect(foreword.contains("#ch-01-first"))
        #expect(foreword.contains("#ch-01-first--obsht-pregled"))
        let chapter = Self.hrefs(book.parts[1].html)
        #expect(chapter.contains("#ch-02-plan--stapki"))
        #expect(chapter.contains("#case-tartu--rezultati"))
        #expect(chapter.contains("#ch-01-first--obsht-pregled"))
        #expect(chapter.contains("https://example.test/za-proekta/"))
        // The English chapter is not in the Bulgarian book: it stays a page of the site.
        #expect(chapter.contains("https://example.test/en/guide/first-steps/"))
        #expect(chapter.contains("https://example.org/x"))
        // Footnote references and back links stay within their chapter.
        #expect(chapter.contains("#ch-01-first--fn-a"))
        #expect(chapter.contains("#ch-01-first--fnref-a"))
        let tartu = Self.hrefs(try #require(book.parts.first { $0.anchor == "case-tartu" }).html)
        #expect(tartu.contains("#ch-02-plan"))
        let glossary = Self.hrefs(book.parts[6].html)
        #expect(glossary.contains("#ch-01-first--obsht-pregled"))
        #expect(glossary.contains("#ch-05-glossary--b"))
        // Nothing is left relative to the site.
        let relative = book.parts.flatMap { Self.hrefs($0.html) }.filter { !$0.hasPrefix("#") && !$0.hasPrefix("https://") }
        #expect(relative.isEmpty, "relative links: \(relative)")
    }

    @Test("the book's policy prefixes fragments, turns links to parts into anchors and other site paths into absolute URLs")
    func bookLinks() {
        var policy = RenderPolicy(labels: testLabels["bg"]!)
        policy.idPrefix = "p--"
        policy.links = .book(anchors: ["/guide/a/": "ch-a"], baseURL: "https://example.test", mediaPrefix: "../")
        #expect(policy.address("#x", isImage: false) == "#p--x")
        #expect(policy.address("/guide/a/", isImage: false) == "#ch-a")
        #expect(policy.address("/guide/a/#y", isImage: false) == "#ch-a--y")
        #expect(policy.address("/news/", isImage: false) == "https://example.test/news/")
        #expect(policy.address("mailto:a@example.test", isImage: false) == "mailto:a@example.test")
        #expect(policy.address("//cdn.example.test/x", isImage: false) == "//cdn.example.test/x")
        #expect(policy.address("/media/map.png", isImage: true) == "../media/map.png")
    }

    @Test("addresses shown as link text stay one piece of text: break points would split the PDF's link annotation")
    func addressesStayWhole() throws {
        let book = try Self.book()
        let html = book.parts[1].html
        #expect(html.contains(##"<a href="https://example.org/a-b/c?d=e">https://example.org/a-b/c?d=e</a>"##))
        #expect(!book.parts.contains { $0.html.contains("<wbr>") })
    }

    // MARK: Missing parts

    @Test("without a glossary the case studies are the last annex")
    func withoutGlossary() throws {
        let book = try Self.book(glossary: false)
        #expect(book.parts.map(\.number) == ["", "1", "2", "А", "А.1", "А.2"])
        #expect(book.parts.last?.anchor == "case-tartu")
        // A link to the missing glossary would have been a broken link; none is left in the book.
        #expect(!book.parts.flatMap { Self.hrefs($0.html) }.contains { $0.contains("glossary") })
    }

    @Test("without case studies the glossary is annex А")
    func withoutCaseStudies() throws {
        let (site, pages) = try renderPages(Self.files(caseStudies: false).map { path, text in
            // The chapter links a case study: drop that link for this site.
            (path, text.replacingOccurrences(of: "[Тарту](../case-studies/tartu.bg.md#rezultati), ", with: ""))
        })
        let book = PrintBook.make(language: "bg", pages: site.pages.compactMap { pages[$0.source.path] }, site: site, labels: Self.labels["bg"]!, renderLabels: testLabels["bg"]!)
        #expect(book.parts.map(\.number) == ["", "1", "2", "А"])
        #expect(book.parts.last?.label == "Приложение А")
        #expect(!book.parts.contains { $0.isAnnexHeading })
    }

    @Test("an English book has the English pages only")
    func englishBook() throws {
        let book = try Self.book("en", glossary: true)
        #expect(book.parts.map(\.title) == ["First steps"])
        #expect(book.parts.map(\.label) == ["Chapter 1"])
    }
}

/// The print page as the theme renders it, from in-memory content with the real default theme.
@Suite("PrintPageRenderer")
struct PrintPageRendererTests {
    static func printPage(_ files: [(String, String)] = PrintBookTests.files(), language: String = "bg",
                          makePDFs: SiteBuilder.PDFMaker? = nil) throws -> (html: String, files: [OutputFile]) {
        let (loaded, diagnostics) = loadContent(files)
        let content = try #require(loaded, "\(diagnostics)")
        let theme = try ThemeReader.read(themesDirectory: Paths.themes, name: "default", displayRoot: "themes")
        let result = SiteBuilder.generate(content, themeFiles: theme, makePDFs: makePDFs)
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.listing)")
        let path = language == "bg" ? "print/index.html" : "\(language)/print/index.html"
        let file = try #require(result.files.first { $0.path == path })
        guard let data = file.contents.readData() else { throw CocoaError(.fileReadCorruptFile) }
        return (String(decoding: data, as: UTF8.self), result.files)
    }

    @Test("the print page has unique ids, resolving in-page links and nothing rendered as „false“")
    func structure() throws {
        let (html, _) = try Self.printPage()
        let document = HTMLDocument(html)
        let duplicates = document.idCounts.filter { $0.value > 1 }
        #expect(duplicates.isEmpty, "duplicate ids: \(duplicates)")
        let ids = Set(document.idCounts.keys)
        let links = document.elements("a").compactMap { $0["href"] }.filter { $0.hasPrefix("#") }
        #expect(links.count > 15)
        #expect(links.filter { !ids.contains(String($0.dropFirst())) }.isEmpty)
        // Empty values (an annex heading's html, the foreword's number) are not printed as „false“.
        // (In the book: the site's header is not the print page's.)
        let book = try #require(html.components(separatedBy: "<article class=\"print-book\">").last?.components(separatedBy: "</article>").first)
        #expect(!book.contains(">false<") && !book.contains("false</") && !book.contains(">false"), "„false“ printed")
        #expect(document.elements("meta").contains { $0["name"] == "robots" && $0["content"] == "noindex" })
        #expect(document.language == "bg")
    }

    @Test("figures are numbered per page on the site and by chapter in the book, so the book has no two figures 1")
    func figureNumbers() throws {
        let chart = "```chart\ntype: bar\ntitle: Жители\n\nОбщина,Жители\nВидин,100\nКула,20\n```\n"
        var files = PrintBookTests.files()
        files = files.map { path, text in
            path == "guide/00-foreword.bg.md" || path == "guide/02-plan.bg.md" ? (path, text + "\n" + chart + "\n" + chart) : (path, text)
        }
        let (html, output) = try Self.printPage(files)
        func figureCaptions(_ html: String) -> [String] {
            html.components(separatedBy: "<span class=\"chart-number\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
        }
        let captions = figureCaptions(html)
        #expect(captions == ["Фигура 1.", "Фигура 2.", "Фигура 2.1.", "Фигура 2.2."])
        #expect(html.contains("<caption>Данни към фигура 2.1.</caption>") || html.contains("<caption>Данни към фигура 2.1</caption>"))
        // On the chapter's own page the numbers are the page's: 1 and 2.
        let page = try #require(output.first { $0.path == "guide/plan/index.html" })
        guard let data = page.contents.readData() else { throw CocoaError(.fileReadCorruptFile) }
        let pageCaptions = figureCaptions(String(decoding: data, as: UTF8.self))
        #expect(pageCaptions == ["Фигура 1.", "Фигура 2."])
    }

    @Test("the contents list the parts in order, with numbered sections and a slot for the page number")
    func contents() throws {
        let (html, _) = try Self.printPage()
        let document = HTMLDocument(html)
        let toc = document.elements("a").filter { link in document.isInside(link, where: { $0.words("class").contains("print-toc") }) }
        #expect(toc.map { $0["href"] ?? "" } == [
            "#ch-00-foreword", "#ch-01-first", "#ch-01-first--obsht-pregled", "#ch-01-first--obsht-pregled-2", "#ch-02-plan",
            "#ch-02-plan--stapki", "#annex-a", "#case-barcelona", "#case-tartu", "#ch-05-glossary",
        ])
        #expect(toc.map { $0.text.trimmingCharacters(in: .whitespaces) } == [
            "Предговор", "1 Първи стъпки", "1.1 Общ преглед", "1.2 Общ преглед", "2 План", "2.1 Стъпки",
            "Приложение А. Европейски примери", "А.1 Барселона", "А.2 Тарту: бюджет", "Приложение Б. Речник",
        ])
        // The foreword's unnumbered sections leave no empty list behind.
        #expect(!html.contains("<ol>\n\n"))
        for anchor in ["ch-00-foreword", "ch-01-first--obsht-pregled", "case-tartu"] {
            #expect(html.contains("<span class=\"toc-page\" data-page-of=\"\(anchor)\"></span>"))
        }
    }

    @Test("one named page per running head: the annex heading and its case studies share one")
    func namedPages() throws {
        let (html, _) = try Self.printPage()
        let names = html.matches(of: /<section class="print-part[^"]*" style="page: (part-\d+)">/).map { String($0.output.1) }
        #expect(names == ["part-0", "part-1", "part-2", "part-3", "part-3", "part-3", "part-6"])
        #expect(html.contains("@page part-3 { @top-left { content: \"Приложение А. Европейски примери\";"))
        #expect(!html.contains("@page part-4 "))
        #expect(html.contains("class=\"print-part print-chapter print-annex\""))
        #expect(html.contains("class=\"print-part print-case\""))
    }

    @Test("case studies show their facts, parts their summary")
    func factsAndSummary() throws {
        let (html, _) = try Self.printPage()
        #expect(html.contains("<p class=\"part-summary\">Откъде да започнем.</p>"))
        #expect(html.contains("<dd>Естония</dd>"))
        // Plain text in print: break points in a link's text would split its PDF link annotation.
        #expect(html.contains("<a href=\"https://example.org/tartu\">https://example.org/tartu</a>"))
    }

    @Test("the cover names the project, its budget, period and the funding notice")
    func cover() throws {
        let (html, _) = try Self.printPage()
        let cover = try #require(html.components(separatedBy: "<section class=\"cover\"").last?.components(separatedBy: "</section>").first)
        for text in ["Пробен сайт", "Издател", "TEST-0001", "<q>Проект</q>", "1 лв.", "2023 г.", "Финансирано от ЕС."] {
            #expect(cover.contains(text), "the cover lacks \(text)")
        }
    }

    @Test("the print button is there, hidden until the script shows it; the PDF is offered when built")
    func actions() throws {
        // A stand-in for Chromium: a 2.1 MB "PDF" per language, made from the print pages it is given.
        let (html, files) = try Self.printPage(makePDFs: { printPages, files in
            #expect(printPages.mapValues(\.path) == ["bg": "print/index.html", "en": "en/print/index.html"])
            // The page again with page numbers: each contents entry shows its anchor's page.
            guard let bg = printPages["bg"] else {
                Issue.record("no Bulgarian print page")
                return [:]
            }
            #expect(bg.anchors.contains("ch-01-first") && bg.anchors.contains("ch-01-first--obsht-pregled") && bg.anchors.contains("case-tartu"))
            let numbered = String(decoding: bg.withPageNumbers(Dictionary(uniqueKeysWithValues: bg.anchors.sorted().enumerated().map { ($1, $0 + 3) })), as: UTF8.self)
            let slots = numbered.components(separatedBy: "<span class=\"toc-page\" data-page-of=\"").dropFirst()
            #expect(slots.count == bg.anchors.count)
            for slot in slots {
                let anchor = String(slot.prefix { $0 != "\"" })
                let shown = slot.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" }
                #expect(Int(shown) == bg.anchors.sorted().firstIndex(of: anchor).map { $0 + 3 }, "\(anchor)")
            }
            #expect(files.contains { $0.path == "print/index.html" } && files.contains { $0.path == "assets/css/print.css" })
            return printPages.mapValues { _ in Data(count: 2_100_000) }
        })
        #expect(html.contains("<button type=\"button\" class=\"print-button\" hidden>"))
        // The name from site.yml's pdfName (the sample site has none: „guide“), the size with the
        // language's decimal separator.
        #expect(html.contains("href=\"/downloads/guide-bg.pdf\""))
        #expect(html.contains("(2,1 MB)"))
        #expect(files.contains { $0.path == "downloads/guide-en.pdf" })
        let english = try #require(files.first { $0.path == "en/index.html" }.flatMap { file -> String? in
            file.contents.readData().map { String(decoding: $0, as: UTF8.self) }
        })
        #expect(english.contains("(2.1 MB)"))
        let script = try #require(files.first { $0.path == "assets/js/print.js" })
        guard let data = script.contents.readData() else { return }
        let source = String(decoding: data, as: UTF8.self)
        #expect(source.contains("addEventListener(\"click\""))
        #expect(source.components(separatedBy: "print()").count == 2)
    }

    @Test("running heads are escaped for CSS")
    func cssString() {
        #expect(PrintPageRenderer.cssString(##"A "b" \ c</style>"##) == ##"A \"b\" \\ c\3C /style>"##)
    }
}

/// The PDF renderer's pure helpers; Chromium itself is exercised by Tests/browser/test_print.py.
@Suite("PDFRenderer")
struct PDFRendererTests {
    @Test("without a browser it fails with a clear message, before it writes anything")
    func noBrowser() {
        do {
            _ = try PDFRenderer.render(printPages: ["bg": .init(path: "print/index.html", anchors: [], withPageNumbers: { _ in Data() })],
                                       files: [], browser: nil, metadata: [:], date: "20260101")
            Issue.record("expected a failure")
        } catch {
            let message = error.description
            #expect(message.contains("Chromium"))
            #expect(message.contains("PATH"))
            #expect(message.contains("apt-get install chromium"))
        }
    }

    @Test("finds a Chromium on PATH, and none on an empty PATH")
    func findBrowser() throws {
        let temp = TemporaryFolder("vidin-pdf")
        let browser = try temp.write("bin/chromium", "#!/bin/sh\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: browser.path)
        #expect(PDFRenderer.findBrowser(path: "/nonexistent:" + temp.path("bin").path)?.path == browser.path)
        #expect(PDFRenderer.findBrowser(path: temp.path("empty").path) == nil)
        #expect(PDFRenderer.findBrowser(path: "") == nil)
    }

    @Test("reads the destinations' pages as pdfinfo -dests lists them")
    func parseDestinations() {
        let listing = """
        Page  Destination                 Name
           1 [ XYZ    0  842 null      ] "main"
           4 [ XYZ    0  842 null      ] "ch-00-foreword"
           5 [ XYZ  307  177 null      ] "ch-00-foreword--fnref-press"
          12 [ XYZ  119  519 null      ] "case-tartu"
        """
        #expect(PDFRenderer.parseDestinations(listing) == ["main": 1, "ch-00-foreword": 4, "ch-00-foreword--fnref-press": 5, "case-tartu": 12])
        #expect(PDFRenderer.parseDestinations("Page  Destination  Name\n").isEmpty)
    }

    @Test("a contents entry whose destination the PDF lacks fails the build, naming it")
    func missingDestination() throws {
        let temp = TemporaryFolder("vidin-pdfinfo")
        let pdfinfo = try temp.write("bin/pdfinfo", "#!/bin/sh\nprintf 'Page  Destination  Name\\n   3 [ XYZ 0 842 null ] \"ch-a\"\\n'\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: pdfinfo.path)
        let pdf = try temp.write("guide.pdf", "%PDF-1.4")
        #expect(try PDFRenderer.destinationPages(of: pdf, pdfinfo: pdfinfo, expected: ["ch-a"]) == ["ch-a": 3])
        do {
            _ = try PDFRenderer.destinationPages(of: pdf, pdfinfo: pdfinfo, expected: ["ch-a", "ch-b"])
            Issue.record("expected a failure")
        } catch {
            #expect(error.description.contains("'ch-b'"))
        }
    }

    @Test("document properties are appended as an incremental update that points back to the file's own")
    func documentProperties() throws {
        let original = "%PDF-1.4\n1 0 obj\n<</Type /Catalog>>\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<</Size 2\n/Root 1 0 R\n/Info 1 0 R>>\nstartxref\n41\n%%EOF\n"
        let metadata = PDFRenderer.Metadata(title: "Дигитален Видин", author: "Фондация; Сдружение", subject: "S", keywords: "k")
        let updated = try PDFInfoWriter.add(metadata, date: "20260101", to: Data(original.utf8))
        let text = String(decoding: updated, as: UTF8.self)
        #expect(text.hasPrefix(original))
        let tail = String(text.dropFirst(original.count))
        #expect(tail.hasPrefix("2 0 obj\n<< /Title <FEFF0414"))
        #expect(tail.contains("/Creator <FEFF0076"))  // "vidin …"
        #expect(tail.contains("/CreationDate (D:20260101000000Z)"))
        #expect(tail.contains("xref\n2 1\n\(String(format: "%010d", original.utf8.count)) 00000 n \n"))
        #expect(tail.contains("trailer\n<< /Size 3 /Root 1 0 R /Info 2 0 R /Prev 41 >>"))
        #expect(tail.hasSuffix("%%EOF\n"))
        // The new xref section is where startxref says.
        let xref = Int(tail.components(separatedBy: "startxref\n")[1].split(separator: "\n")[0])!
        #expect(Array(updated)[xref..<(xref + 4)] == Array("xref".utf8)[...])
        do {
            _ = try PDFInfoWriter.add(metadata, date: "20260101", to: Data("%PDF-1.5\n1 0 obj <</Type /XRef>> endobj\nstartxref\n9\n%%EOF".utf8))
            Issue.record("expected a failure for a file without a classic trailer")
        } catch {
            #expect(error.description.contains("trailer"))
        }
    }

    @Test("the creation date is fixed without moving a byte")
    func stamp() {
        let pdf = Data("<</CreationDate (D:20261127221635+00'00')\n/ModDate (D:20261127221635+00'00')>>".utf8)
        let stamped = PDFRenderer.stamp(pdf, date: "20240105")
        #expect(stamped.count == pdf.count)
        #expect(String(decoding: stamped, as: UTF8.self) == "<</CreationDate (D:20240105000000+00'00')\n/ModDate (D:20240105000000+00'00')>>")
    }

    @Test("the tagged structure's ids are numbered in their own order, whatever Chromium's counter said")
    func structureIDs() {
        let run1 = Data("/ID (node00000553)>> /ID (node00000560)>> /Names [(node00000553) 4 0 R (node00000560) 5 0 R]".utf8)
        let run2 = Data("/ID (node00000555)>> /ID (node00000561)>> /Names [(node00000555) 4 0 R (node00000561) 5 0 R]".utf8)
        let stamped = PDFRenderer.stamp(run1, date: "20240105")
        #expect(stamped == PDFRenderer.stamp(run2, date: "20240105"))
        #expect(stamped.count == run1.count)
        #expect(String(decoding: stamped, as: UTF8.self) == "/ID (node00000001)>> /ID (node00000002)>> /Names [(node00000001) 4 0 R (node00000002) 5 0 R]")
    }

    @Test("sizes in MB with the language's decimal separator")
    func sizeText() {
        #expect(PDFRenderer.sizeText(2_123_456, decimalSeparator: ",") == "2,1 MB")
        #expect(PDFRenderer.sizeText(2_123_456, decimalSeparator: ".") == "2.1 MB")
        #expect(PDFRenderer.sizeText(54_000, decimalSeparator: ".") == "0.05 MB")
    }
}
