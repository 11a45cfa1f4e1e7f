import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import SiteKit

/// A fixture site built with the real default theme into a temporary folder.
struct BuiltSite {
    let temp: TemporaryFolder
    let content: URL
    let output: URL
    let report: BuildReport

    func text(_ relative: String) -> String? { readText(output, relative) }

    func document(_ relative: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> HTMLDocument {
        HTMLDocument(try #require(text(relative), "the site has no \(relative)", sourceLocation: sourceLocation))
    }

    func crawler() throws -> SiteCrawler {
        try SiteCrawler(root: output, baseURL: "https://example.test/", languages: ["bg", "en"])
    }

    /// Relative paths of every file written.
    var files: Set<String> { Set(snapshot(output).keys) }
}

/// Copies the fixture `name` to a temporary content folder, lets `prepare` change it, and builds it.
func buildFixture(_ name: String, includeDrafts: Bool = false, baseURL: String? = nil,
                  prepare: (URL) throws -> Void = { _ in }) throws -> BuiltSite {
    let temp = TemporaryFolder("vidin-e2e")
    let content = try temp.copy(Paths.fixture(name), as: "content")
    try prepare(content)
    let output = temp.path("site")
    var options = buildOptions(content: content, output: output)
    options.includeDrafts = includeDrafts
    options.baseURL = baseURL
    let report = SiteBuilder.build(options)
    return BuiltSite(temp: temp, content: content, output: output, report: report)
}

@Suite("End-to-end builds of fixture sites")
struct EndToEndBuildTests {
    /// The pages of the basic fixture, at their pretty URLs.
    static let basicPages = [
        "index.html", "en/index.html",
        "guide/index.html", "en/guide/index.html",
        "guide/predgovor/index.html", "guide/parvi-stapki/index.html", "guide/plan-za-deystvie/index.html",
        "en/guide/foreword/index.html", "en/guide/first-steps/index.html", "en/guide/action-plan/index.html",
        "case-studies/index.html", "en/case-studies/index.html",
        "case-studies/tartu-partitsipativen-byudzhet/index.html", "case-studies/vidin-samo-na-balgarski/index.html",
        "en/case-studies/tartu-participatory-budget/index.html",
        "za-proekta/index.html", "en/about-the-project/index.html", "en/english-only/index.html",
        "news/index.html", "en/news/index.html",
        "news/saytat-e-onlayn/index.html", "en/news/the-site-is-online/index.html",
        "search/index.html", "en/search/index.html",
        "print/index.html", "en/print/index.html",
        "404.html",
    ]

    @Test("the basic site builds without problems, every page at its pretty URL")
    func pagesAtPrettyURLs() throws {
        let site = try buildFixture("basic")
        #expect(site.report.succeeded)
        #expect(site.report.diagnostics.isEmpty, "\(site.report.diagnostics.listing)")
        let files = site.files
        for page in Self.basicPages {
            #expect(files.contains(page), "missing \(page)")
        }
        for other in ["sitemap.xml", "robots.txt", "news/atom.xml", "en/news/atom.xml", "assets/css/site.css", "media/logo.svg", SiteWriter.markerName] {
            #expect(files.contains(other), "missing \(other)")
        }
        // Every HTML file written is one of the pages above (plus nothing unexpected such as a draft).
        let html = files.filter { $0.hasSuffix(".html") }
        #expect(html == Set(Self.basicPages), "unexpected pages: \(html.subtracting(Self.basicPages).sorted())")
        #expect(site.report.files == files.count - 1)
    }

    @Test("the build times every stage, in pipeline order, within the build's own time (--timings)")
    func stageTimings() throws {
        let site = try buildFixture("basic")
        let stages = site.report.timings.stages
        #expect(stages.map(\.name) == StageTimings.stageNames)
        #expect(stages.allSatisfy { $0.seconds >= 0 })
        #expect(stages.reduce(0) { $0 + $1.seconds } <= site.report.seconds)
    }

    @Test("<html lang> follows the URL on every page")
    func htmlLang() throws {
        let site = try buildFixture("basic")
        let problems = try site.crawler().languageProblems()
        #expect(problems.isEmpty, "\(problems.listing)")
        #expect(try site.document("en/guide/first-steps/index.html").language == "en")
        #expect(try site.document("guide/parvi-stapki/index.html").language == "bg")
        #expect(try site.document("404.html").language == "bg")
    }

    @Test("hreflang alternates are absolute, reciprocal and include x-default")
    func hreflang() throws {
        let site = try buildFixture("basic")
        let crawler = try site.crawler()
        let problems = crawler.hreflangProblems()
        #expect(problems.isEmpty, "\(problems.listing)")
        let chapter = try #require(crawler.pages["/en/guide/first-steps/"])
        #expect(chapter.alternates.map(\.language) == ["bg", "en", "x-default"])
        #expect(chapter.alternates.map(\.href) == [
            "https://example.test/guide/parvi-stapki/", "https://example.test/en/guide/first-steps/", "https://example.test/guide/parvi-stapki/",
        ])
        // An untranslated page lists only itself and x-default.
        let english = try #require(crawler.pages["/en/english-only/"])
        #expect(english.alternates.map(\.language) == ["en", "x-default"])
        #expect(english.alternates.allSatisfy { $0.href == "https://example.test/en/english-only/" })
    }

    @Test("the language switcher links to the counterpart, or to the other home page with a note")
    func languageSwitcher() throws {
        let site = try buildFixture("basic")
        let crawler = try site.crawler()
        let problems = crawler.switcherProblems()
        #expect(problems.isEmpty, "\(problems.listing)")

        let translated = try #require(crawler.pages["/guide/parvi-stapki/"].flatMap(crawler.switcherLinks))
        #expect(translated.map { $0["href"] } == ["/en/guide/first-steps/"])
        #expect(translated.first?["hreflang"] == "en")
        #expect(translated.first?.text.contains("English") == true)
        #expect(translated.first?.text.contains("not available") == false)

        let bgOnly = try #require(crawler.pages["/case-studies/vidin-samo-na-balgarski/"].flatMap(crawler.switcherLinks))
        #expect(bgOnly.map { $0["href"] } == ["/en/"])
        #expect(bgOnly.first?.text.contains("this page is not available in English") == true, "\(bgOnly.first?.text ?? "")")

        let enOnly = try #require(crawler.pages["/en/english-only/"].flatMap(crawler.switcherLinks))
        #expect(enOnly.map { $0["href"] } == ["/"])
        #expect(enOnly.first?.text.contains("няма превод на български") == true, "\(enOnly.first?.text ?? "")")
    }

    @Test("front-matter and site.yml values with <script>, & and quotes are escaped everywhere")
    func escaping() throws {
        let site = try buildFixture("escaping")
        #expect(site.report.succeeded, "\(site.report.diagnostics.listing)")
        let snapshot = snapshot(site.output)
        let written = snapshot.keys.filter { $0.hasSuffix(".html") || $0.hasSuffix(".xml") }.sorted()
        #expect(written.count > 10)
        for path in written {
            let text = String(decoding: snapshot[path]!, as: UTF8.self)
            expectLacks(text, "<script>alert", in: path)
            expectLacks(text.lowercased(), "onerror=", in: path)
            for markup in ["<b>удебелен</b>", "<b>bold</b>", "<i>Co</i>"] { expectLacks(text, markup, in: path) }
            for element in HTMLDocument(text).elements where element.name == "script" {
                #expect(element.text.isEmpty && element["src"] != nil, "\(path) has an inline script: \(element.text)")
            }
        }

        let title = "<script>alert('title')</script> Tom & Jerry \"quotes\""
        let path = "en/guide/\(Slug.make(title))/index.html"
        let page = try site.document(path)
        #expect(page.elements("title").first?.text.hasPrefix(title) == true, "\(page.elements("title").first?.text ?? "")")
        #expect(page.elements("h1").count == 1)
        let description = page.elements("meta").first { $0["name"] == "description" }?["content"]
        #expect(description == "<script>alert('summary')</script> Tom & Jerry \"quotes\" 'apostrophe' <b>bold</b>")
        // The raw bytes carry the escaped form.
        let raw = try #require(site.text(path))
        expectContains(raw, "<h1>&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; Tom &amp; Jerry &quot;quotes&quot;</h1>", in: path)
        expectContains(raw, "&lt;script&gt;alert(&#39;notice&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;", in: path)
    }

    @Test("a case study's website is a link only when it is a web address")
    func unsafeWebsite() throws {
        let site = try buildFixture("basic") { content in
            try Data("---\ntitle: Bad link\nwebsite: \"javascript:alert(1)\"\n---\n\nText.\n".utf8)
                .write(to: content.appendingPathComponent("case-studies/bad-link.en.md"))
        }
        let html = site.text("en/case-studies/bad-link/index.html")
        // Either the build refuses the value with an error, or the page does not link it.
        if site.report.succeeded {
            expectLacks(html, "href=\"javascript:", in: "en/case-studies/bad-link/index.html")
        } else {
            #expect(site.report.diagnostics.errors.first?.message.contains("website") == true, "\(site.report.diagnostics.listing)")
        }
    }

    @Test("sitemap.xml lists every indexable page with its hreflang alternates")
    func sitemap() throws {
        let site = try buildFixture("basic")
        let crawler = try site.crawler()
        let problems = crawler.sitemapProblems()
        #expect(problems.isEmpty, "\(problems.listing)")
        let xml = try #require(site.text("sitemap.xml"))
        #expect(isWellFormedXML(xml))
        expectContains(xml, "xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"", in: "sitemap.xml")
        let entries = xml.components(separatedBy: "<url>").dropFirst()
        #expect(entries.count == crawler.pages.values.filter { !$0.isNoindex && $0.path != "/404.html" }.count)
        let chapter = try #require(entries.first { $0.contains("<loc>https://example.test/guide/parvi-stapki/</loc>") })
        #expect(chapter.contains("<xhtml:link rel=\"alternate\" hreflang=\"bg\" href=\"https://example.test/guide/parvi-stapki/\"/>"))
        #expect(chapter.contains("<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://example.test/en/guide/first-steps/\"/>"))
        #expect(chapter.contains("<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.test/guide/parvi-stapki/\"/>"))
        for entry in entries {
            #expect(entry.contains("hreflang=\"x-default\""), "an entry without alternates: \(entry)")
        }
        expectLacks(xml, "/search/", in: "sitemap.xml")
        expectLacks(xml, "404", in: "sitemap.xml")
    }

    @Test("robots.txt allows everything and names the sitemap")
    func robots() throws {
        let site = try buildFixture("basic")
        #expect(site.text("robots.txt") == "User-agent: *\nAllow: /\n\nSitemap: https://example.test/sitemap.xml\n")
    }

    @Test("404.html speaks both languages, is noindex and links both home pages")
    func notFound() throws {
        let site = try buildFixture("basic")
        let crawler = try site.crawler()
        let page = try #require(crawler.pages["/404.html"])
        #expect(page.isNoindex)
        #expect(page.document.language == "bg")
        expectContains(page.html, "Страницата не е намерена", in: "404.html")
        expectContains(page.html, "Page not found", in: "404.html")
        let english = page.document.elements.first { $0.name == "section" && $0["lang"] == "en" }
        #expect(english != nil)
        let links = page.document.elements("a").compactMap { $0["href"] }
        #expect(links.contains("/"))
        #expect(links.contains("/en/"))
        // Served for any missing URL at any depth: its own links must be site-absolute.
        for element in page.document.elements {
            for url in SiteCrawler.loadedURLs(element) {
                #expect(url.hasPrefix("/"), "404.html loads \(url) relative to the missing URL")
            }
        }
    }

    @Test("an Atom feed per language, well-formed, with absolute links")
    func atomFeeds() throws {
        let site = try buildFixture("basic")
        let bg = try #require(site.text("news/atom.xml"))
        let en = try #require(site.text("en/news/atom.xml"))
        #expect(isWellFormedXML(bg))
        #expect(isWellFormedXML(en))
        expectContains(bg, "xml:lang=\"bg\"", in: "news/atom.xml")
        expectContains(en, "xml:lang=\"en\"", in: "en/news/atom.xml")
        expectContains(bg, "<title>Сайтът е онлайн</title>", in: "news/atom.xml")
        expectContains(en, "<title>The site is online</title>", in: "en/news/atom.xml")
        expectContains(en, "<link href=\"https://example.test/en/news/the-site-is-online/\"/>", in: "en/news/atom.xml")
        expectContains(en, "<updated>2026-01-15T00:00:00Z</updated>", in: "en/news/atom.xml")
        // Links inside the content are absolute for feed readers.
        expectContains(en, "href=&quot;https://example.test/en/guide/foreword/&quot;", in: "en/news/atom.xml")
        expectLacks(en, "Сайтът", in: "en/news/atom.xml")
        // Every page points to its language's feed.
        let page = try site.document("en/guide/first-steps/index.html")
        let feed = page.elements("link").first { $0["type"] == "application/atom+xml" }
        #expect(feed?["href"] == "/en/news/atom.xml")
    }

    @Test("every page's footer carries the EU-funding notice and the project number")
    func fundingNotice() throws {
        let site = try buildFixture("basic")
        let crawler = try site.crawler()
        let notices = [
            "bg": "Този сайт е създаден с финансовата подкрепа на Европейския съюз по проект BG-TEST-0042.",
            "en": "This site was created with the financial support of the European Union under project BG-TEST-0042.",
        ]
        #expect(crawler.pages.count == Self.basicPages.count)
        for page in crawler.sortedPages {
            let document = page.document
            let footer = try #require(document.elements.firstIndex { $0.name == "footer" }, "\(page.path) has no footer")
            let language = crawler.language(ofPath: page.path)
            let inFooter = document.elements.indices.filter { document.elements[$0].ancestors.contains(footer) }
            #expect(inFooter.contains { document.elements[$0].name == "img" && document.elements[$0]["src"]?.contains("eu-emblem") == true },
                    "\(page.path): no EU emblem in the footer")
            let footerHTML = page.html[page.html.range(of: "<footer")!.lowerBound...]
            expectContains(String(footerHTML), notices[language]!, in: "the footer of \(page.path)")
            // The project's title in the quotation marks of the page's language.
            expectContains(String(footerHTML), language == "en" ? "BG-TEST-0042 “" : "BG-TEST-0042 „", in: "the footer of \(page.path)")
        }
    }

    @Test("a chapter shows its number, a table of contents, footnotes and previous/next links")
    func chapterPage() throws {
        let site = try buildFixture("basic")
        let page = try site.document("guide/parvi-stapki/index.html")
        let html = try #require(site.text("guide/parvi-stapki/index.html"))
        expectContains(html, "<p class=\"eyebrow\">Глава 1</p>", in: "the chapter")
        let toc = page.elements("a").filter { ($0["href"] ?? "").hasPrefix("#obsht") }.map { $0["href"]! }
        #expect(Set(toc) == ["#obsht-pregled", "#obsht-pregled-2"])
        #expect(page.elements("h2").contains { $0["id"] == "footnotes" })
        expectContains(html, ">Бележки и източници</h2>", in: "the chapter")
        expectContains(html, "aria-label=\"Обратно към текста\"", in: "the chapter")
        let previous = page.elements("a").first { $0["rel"] == "prev" }
        let next = page.elements("a").first { $0["rel"] == "next" }
        #expect(previous?["href"] == "/guide/predgovor/")
        #expect(next?["href"] == "/guide/plan-za-deystvie/")
        #expect(next?.text.contains("Глава 2") == true)
        // The foreword has no number and no previous page.
        let foreword = try #require(site.text("guide/predgovor/index.html"))
        expectLacks(foreword, "<p class=\"eyebrow\">Глава", in: "the foreword")
        expectLacks(foreword, "rel=\"prev\"", in: "the foreword")
        // Previous/next come after the text and before the notes; the guide's parts are listed
        // beside the text with this chapter marked.
        let pager = try #require(html.range(of: "<nav class=\"pager\""))
        let notes = try #require(html.range(of: "<section class=\"footnotes\""))
        #expect(pager.lowerBound < notes.lowerBound)
        #expect(!html[pager.lowerBound...].contains("<div class=\"prose\">"), "text after the previous/next links")
        let nav = try #require(html.range(of: "<nav class=\"reading-nav\""))
        let navHTML = String(html[nav.lowerBound...]).components(separatedBy: "</nav>")[0]
        expectContains(navHTML, "href=\"/guide/parvi-stapki/\" aria-current=\"page\"", in: "the side list")
        expectContains(navHTML, "href=\"/guide/predgovor/\"", in: "the side list")
        expectContains(navHTML, "href=\"#obsht-pregled\"", in: "the side list")
        // Links between files became page URLs.
        expectContains(html, "href=\"/guide/plan-za-deystvie/#stapki\"", in: "the chapter")
        expectContains(html, "href=\"/case-studies/tartu-partitsipativen-byudzhet/\"", in: "the chapter")
    }

    @Test("the first paragraph and the notes are split off the text at the renderer's own markup")
    func splittingTheText() throws {
        func intro(_ html: String) -> (String, String) {
            let (intro, rest) = SiteRenderer.splitIntro(Array(html.utf8)[...])
            return (String(decoding: intro, as: UTF8.self), String(decoding: rest, as: UTF8.self))
        }
        #expect(intro("<p>One <em>a</em>.</p>\n<h2 id=\"x\">X</h2>\n<p>Two</p>\n") == ("<p>One <em>a</em>.</p>", "<h2 id=\"x\">X</h2>\n<p>Two</p>\n"))
        #expect(intro("<h2 id=\"x\">X</h2>\n<p>Two</p>\n") == ("", "<h2 id=\"x\">X</h2>\n<p>Two</p>\n"))
        #expect(intro("") == ("", ""))
        // The renderer says where its notes section starts, whatever the text before it holds.
        let withNotes = HTMLWriter.render(CMarkDocument.parse("Text <section class=\"footnotes\">[^1]\n\n[^1]: Note\n", allowRawHTML: true),
                                          policy: .web(testLabels["en"]!))
        let notes = String(decoding: withNotes.bytes[try #require(withNotes.notesOffset)...], as: UTF8.self)
        #expect(notes.hasPrefix("<section class=\"footnotes\" aria-labelledby=\"footnotes\">"))
        #expect(notes.contains("Note"))
        #expect(HTMLWriter.render(CMarkDocument.parse("Text\n", allowRawHTML: false), policy: .web(testLabels["en"]!)).notesOffset == nil)
    }

    @Test("the fixture site's pages link only to what exists, load nothing from other hosts and have unique ids")
    func fixtureCrawl() throws {
        let site = try buildFixture("basic")
        let crawler = try site.crawler()
        let problems = crawler.brokenLinks() + crawler.externalResourceProblems() + crawler.duplicateIDProblems()
        #expect(problems.isEmpty, "\(problems.count) problems:\n\(problems.listing)")
    }

    @Test("media files are copied unchanged and linked from the page")
    func media() throws {
        let site = try buildFixture("basic")
        let source = try Data(contentsOf: Paths.fixture("basic").appendingPathComponent("media/logo.svg"))
        #expect(snapshot(site.output)["media/logo.svg"] == source)
        let image = try site.document("za-proekta/index.html").elements("img").first { $0["alt"] == "Логото на проекта" }
        #expect(image?["src"] == "/media/logo.svg")
    }

    @Test("news dates and case-study numbers are written the way each language writes them")
    func localFormats() throws {
        let site = try buildFixture("basic")
        expectContains(site.text("news/saytat-e-onlayn/index.html"), "<time datetime=\"2026-01-15\">15 януари 2026 г.</time>", in: "the Bulgarian news item")
        expectContains(site.text("en/news/the-site-is-online/index.html"), "<time datetime=\"2026-01-15\">15 January 2026</time>", in: "the English news item")
        expectContains(site.text("en/case-studies/tartu-participatory-budget/index.html"), "<dd>97,000</dd>", in: "the English case study")
        // Bulgarian groups thousands with a space; it must not break the number across two lines.
        let html = try #require(site.text("case-studies/tartu-partitsipativen-byudzhet/index.html"))
        let forms = ["97\u{00A0}000", "97&nbsp;000", "97&#160;000", "97\u{202F}000", "97&#8239;000"]
        let written = html.contains("97 000") ? "'97 000' with a breaking space" : "neither way"
        #expect(forms.contains { html.contains($0) }, "the Bulgarian population is written \(written)")
    }

    @Test("a file saved on Windows (BOM, CRLF) gives the same site as the same file saved on Linux")
    func windowsFile() throws {
        let plain = try buildFixture("basic")
        let windows = try buildFixture("basic") { content in
            let file = content.appendingPathComponent("guide/01-first-steps.bg.md")
            let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "\n", with: "\r\n")
            try (Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)).write(to: file)
            let config = content.appendingPathComponent("site.yml")
            let yaml = try String(contentsOf: config, encoding: .utf8).replacingOccurrences(of: "\n", with: "\r\n")
            try (Data([0xEF, 0xBB, 0xBF]) + Data(yaml.utf8)).write(to: config)
        }
        #expect(windows.report.diagnostics.isEmpty, "\(windows.report.diagnostics.listing)")
        let a = snapshot(plain.output), b = snapshot(windows.output)
        #expect(Set(a.keys) == Set(b.keys))
        for (path, data) in a.sorted(by: { $0.key < $1.key }) where b[path] != data {
            Issue.record("\(path) differs when the files are saved with BOM and CRLF")
        }
    }

    @Test("two builds of the same content are byte-identical")
    func deterministic() throws {
        let first = try buildFixture("basic")
        let second = try buildFixture("basic")
        let a = snapshot(first.output), b = snapshot(second.output)
        #expect(a.count > 20)
        #expect(Set(a.keys) == Set(b.keys))
        for (path, data) in a.sorted(by: { $0.key < $1.key }) {
            #expect(b[path] == data, "\(path) differs between two builds")
        }
    }

    @Test("--base-url replaces site.yml's baseURL in canonical links, alternates, sitemap and feeds")
    func baseURLOverride() throws {
        let site = try buildFixture("basic", baseURL: "https://preview.example.test")
        #expect(site.report.succeeded)
        let html = try #require(site.text("en/guide/first-steps/index.html"))
        expectContains(html, "<link rel=\"canonical\" href=\"https://preview.example.test/en/guide/first-steps/\">", in: "the chapter")
        #expect(site.text("sitemap.xml")?.contains("https://example.test/") == false)
        #expect(site.text("robots.txt")?.contains("https://preview.example.test/sitemap.xml") == true)
    }

    @Test("broken YAML in one file: an error at file:line naming it, and the previous site stays byte-identical")
    func brokenYAMLKeepsPreviousSite() throws {
        let temp = TemporaryFolder("vidin-e2e")
        let output = temp.path("site")
        let good = try temp.copy(Paths.fixture("basic"), as: "good")
        let first = SiteBuilder.build(buildOptions(content: good, output: output))
        #expect(first.succeeded, "\(first.diagnostics.listing)")
        let before = snapshot(output)
        #expect(!before.isEmpty)

        let broken = try temp.copy(Paths.fixture("basic"), as: "broken")
        // Line 3 of the file: an unquoted value with ': ' in it.
        try Data("---\ntitle: Първи стъпки\nsummary: Откъде: да започне\n---\n\nТекст.\n".utf8)
            .write(to: broken.appendingPathComponent("guide/01-first-steps.bg.md"))
        let second = SiteBuilder.build(buildOptions(content: broken, output: output))
        #expect(!second.succeeded)
        let error = try #require(second.diagnostics.errors.first, "\(second.diagnostics.listing)")
        #expect(second.diagnostics.errors.count == 1, "\(second.diagnostics.listing)")
        #expect(error.file.hasSuffix("broken/guide/01-first-steps.bg.md"), "\(error)")
        #expect(error.line == 3, "\(error)")
        #expect(error.description.contains("01-first-steps.bg.md:3:"))
        #expect(second.files == 0)
        #expect(snapshot(output) == before, "the previous site changed")
    }

    @Test("a file in a language the site does not have (x.de.md) is an error naming it; nothing is written")
    func unknownLanguageFile() throws {
        let site = try buildFixture("basic") { content in
            try Data("---\ntitle: Über uns\n---\n\nText.\n".utf8).write(to: content.appendingPathComponent("pages/about.de.md"))
        }
        #expect(!site.report.succeeded)
        let error = try #require(site.report.diagnostics.errors.first)
        #expect(error.file.hasSuffix("content/pages/about.de.md"))
        #expect(error.message.contains("'de'"))
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }

    @Test("draft pages are left out unless includeDrafts is set")
    func drafts() throws {
        let published = try buildFixture("basic")
        #expect(!published.files.contains("chernova/index.html"))
        #expect(published.text("sitemap.xml")?.contains("chernova") == false)
        #expect(published.text("index.html")?.contains("Чернова") == false)

        let withDrafts = try buildFixture("basic", includeDrafts: true)
        #expect(withDrafts.report.succeeded)
        #expect(withDrafts.files.contains("chernova/index.html"))
    }

    @Test("dry run (vidin check) writes nothing; strict links turn link warnings into errors")
    func dryRunAndStrict() throws {
        let site = try buildFixture("basic") { content in
            let file = content.appendingPathComponent("pages/about.en.md")
            try Data("---\ntitle: About the project\n---\n\nSee the [glossary](../guide/05-glossary.en.md).\n".utf8).write(to: file)
        }
        #expect(site.report.succeeded)
        #expect(site.report.diagnostics.warnings.count == 1)
        #expect(site.report.diagnostics.first?.line == 5)

        let temp = TemporaryFolder("vidin-e2e")
        var options = buildOptions(content: site.content, output: temp.path("site"))
        options.dryRun = true
        options.strictLinks = true
        let check = SiteBuilder.build(options)
        #expect(!check.succeeded)
        #expect(check.diagnostics.errors.first?.file.hasSuffix("pages/about.en.md") == true)
        #expect(!FileManager.default.fileExists(atPath: temp.path("site").path))
    }
}

/// Whether `xml` parses as well-formed XML.
func isWellFormedXML(_ xml: String) -> Bool {
    let parser = XMLParser(data: Data(xml.utf8))
    return parser.parse()
}

@Suite("Empty values in templates")
struct EmptyTemplateValueTests {
    @Test("a value the site does not have prints nothing: no page shows the word false")
    func noFalseInPages() throws {
        // Without subtitles, and with pages that have no summary.
        let site = try buildFixture("basic") { content in
            let config = content.appendingPathComponent("site.yml")
            let text = try String(contentsOf: config, encoding: .utf8)
            let kept = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("subtitle:") }
            try kept.joined(separator: "\n").write(to: config, atomically: true, encoding: .utf8)
        }
        #expect(!site.report.diagnostics.hasErrors)
        for path in site.files where path.hasSuffix(".html") {
            let text = try #require(site.text(path))
            expectLacks(text, ">false<", in: path)
            expectLacks(text, "false</", in: path)
        }
    }
}
