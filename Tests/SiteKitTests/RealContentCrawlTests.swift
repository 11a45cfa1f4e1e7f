import Foundation
import Testing
@testable import SiteKit

/// The real `content/` built with the real theme into a temporary folder, then every HTML page
/// crawled. Each test lists its problems by page, so a failure says where and what.
/// The real content, built once per test run into a temporary folder (removed after the crawl:
/// the crawler keeps what it read in memory).
enum RealSite {
    struct Crawl: Sendable {
        var crawler: SiteCrawler?
        var report: BuildReport
        var failure: String?
    }

    static let shared: Crawl = {
        let temp = TemporaryFolder("vidin-real")
        let output = temp.path("site")
        let report = SiteBuilder.build(buildOptions(content: Paths.content, output: output))
        guard report.succeeded else { return Crawl(crawler: nil, report: report, failure: "the real content does not build:\n\(report.diagnostics.errors.listing)") }
        guard let config = config() else { return Crawl(crawler: nil, report: report, failure: "content/site.yml does not read") }
        do {
            let crawler = try SiteCrawler(root: output, baseURL: config.baseURL, languages: config.languageCodes)
            return Crawl(crawler: crawler, report: report, failure: nil)
        } catch {
            return Crawl(crawler: nil, report: report, failure: "cannot crawl the built site: \(error)")
        }
    }()

    static func config() -> SiteConfig? {
        guard let data = FileManager.default.contents(atPath: Paths.content.appendingPathComponent("site.yml").path),
              case .success(let text) = SourcePageParser.decode(data, file: "content/site.yml") else { return nil }
        return SiteConfigParser.parse(text, file: "content/site.yml").0
    }
}

@Suite("The real site, crawled")
struct RealContentCrawlTests {
    /// The crawl of the real site; fails the test when the site did not build.
    func crawl(sourceLocation: SourceLocation = #_sourceLocation) throws -> (crawler: SiteCrawler, report: BuildReport) {
        let shared = RealSite.shared
        let crawler = try #require(shared.crawler, "\(shared.failure ?? "")", sourceLocation: sourceLocation)
        #expect(crawler.pages.count > 20, "only \(crawler.pages.count) pages were written", sourceLocation: sourceLocation)
        return (crawler, shared.report)
    }

    @Test("the real content builds without errors or warnings")
    func builds() throws {
        let (_, report) = try crawl()
        #expect(report.succeeded)
        let warnings = report.diagnostics.warnings
        #expect(warnings.isEmpty, "\(warnings.count) warnings:\n\(warnings.listing)")
    }

    @Test("no broken internal link or anchor")
    func links() throws {
        let (crawler, _) = try crawl()
        let problems = crawler.brokenLinks()
        #expect(problems.isEmpty, "\(problems.count) broken links:\n\(problems.listing)")
        // The crawl really looked: hundreds of references, many of them to #fragments on other pages.
        let references = crawler.sortedPages.flatMap { page in crawler.references(in: page).map { (page.path, $0.value) } }
        #expect(references.count > 1000)
        #expect(references.filter { $0.1.contains("#") && !$0.1.hasPrefix("#") }.count > 10)
    }

    @Test("<html lang> matches the URL's language on every page")
    func languages() throws {
        let (crawler, _) = try crawl()
        let problems = crawler.languageProblems()
        #expect(problems.isEmpty, "\(problems.listing)")
    }

    @Test("every page but 404 has reciprocal hreflang alternates with x-default")
    func hreflang() throws {
        let (crawler, _) = try crawl()
        let problems = crawler.hreflangProblems()
        #expect(problems.isEmpty, "\(problems.count) problems:\n\(problems.listing)")
    }

    @Test("every translated page links to its counterpart in the language switcher")
    func switcher() throws {
        let (crawler, _) = try crawl()
        let problems = crawler.switcherProblems()
        #expect(problems.isEmpty, "\(problems.listing)")
    }

    @Test("every indexable page is in sitemap.xml, and nothing else is")
    func sitemap() throws {
        let (crawler, _) = try crawl()
        let problems = crawler.sitemapProblems()
        #expect(problems.isEmpty, "\(problems.listing)")
    }

    @Test("nothing is loaded from another host (scripts, stylesheets, images, CSS imports)")
    func noExternalLoads() throws {
        let (crawler, _) = try crawl()
        let problems = crawler.externalResourceProblems()
        #expect(problems.isEmpty, "\(problems.listing)")
    }

    @Test("no id appears twice in a page")
    func uniqueIDs() throws {
        let (crawler, _) = try crawl()
        let problems = crawler.duplicateIDProblems()
        #expect(problems.isEmpty, "\(problems.listing)")
    }
}

/// The crawler's own checks, on hand-made sites: a crawler that finds nothing proves nothing.
@Suite("SiteCrawler finds what it should")
struct SiteCrawlerTests {
    /// Writes `files` (site path → HTML) into a temporary site and crawls it.
    func crawl(_ files: [String: String]) throws -> (SiteCrawler, TemporaryFolder) {
        let temp = TemporaryFolder("vidin-crawler")
        for (path, html) in files { try temp.write("site/" + path, html) }
        return (try SiteCrawler(root: temp.path("site"), baseURL: "https://example.test/", languages: ["bg", "en"]), temp)
    }

    func page(lang: String, head: String = "", body: String) -> String {
        "<!DOCTYPE html>\n<html lang=\"\(lang)\">\n<head>\n<meta charset=\"utf-8\">\n\(head)\n</head>\n<body>\n\(body)\n</body>\n</html>\n"
    }

    @Test("broken links, missing anchors and empty src are found; working ones are not")
    func brokenLinks() throws {
        let (crawler, _) = try crawl([
            "index.html": page(lang: "bg", body: """
            <h2 id="a">A</h2>
            <a href="/guide/">ok</a> <a href="guide/#x">ok</a> <a href="#a">ok</a> <a href="https://example.test/guide/">ok</a>
            <a href="/guide/#nope">bad anchor</a> <a href="/missing/">missing</a> <a href="../../x.html">outside</a>
            <a href="https://other.example/">external is fine</a> <a href="mailto:a@b.c">mail is fine</a>
            <script src=""></script> <img src="/assets/a.png?v=1" alt="">
            """),
            "guide/index.html": page(lang: "bg", body: "<p id=\"x\">x</p><a href=\"..\">up</a>"),
            "assets/a.png": "png",
        ])
        let messages = crawler.brokenLinks().map(\.description)
        #expect(messages.count == 4, "\(messages)")
        #expect(messages.contains { $0.contains("no id 'nope'") })
        #expect(messages.contains { $0.contains("/missing/") })
        #expect(messages.contains { $0.contains("../../x.html") })
        #expect(messages.contains { $0.contains("is empty") && $0.hasPrefix("/:") })
    }

    @Test("wrong <html lang>, one-sided hreflang and a missing x-default are found")
    func languageAndHreflang() throws {
        let alternates = { (bg: String, en: String) in
            "<link rel=\"alternate\" hreflang=\"bg\" href=\"https://example.test\(bg)\">\n<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.test\(en)\">"
        }
        let (crawler, _) = try crawl([
            "a/index.html": page(lang: "bg", head: alternates("/a/", "/en/a/") + "\n<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.test/a/\">", body: ""),
            "en/a/index.html": page(lang: "bg", head: alternates("/b/", "/en/a/") + "\n<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.test/a/\">", body: ""),
            "b/index.html": page(lang: "bg", head: alternates("/b/", "/en/a/"), body: ""),
        ])
        #expect(crawler.languageProblems().map(\.page) == ["/en/a/"])
        let hreflang = crawler.hreflangProblems().map(\.description)
        #expect(hreflang.contains { $0.hasPrefix("/a/") && $0.contains("lists /en/a/ as its 'en' version, but /en/a/ lists /b/") }, "\(hreflang)")
        #expect(hreflang.contains { $0.hasPrefix("/b/") && $0.contains("no x-default") }, "\(hreflang)")
    }

    @Test("a switcher without the counterpart, a page missing from the sitemap, external loads and duplicate ids are found")
    func otherChecks() throws {
        let head = """
        <link rel="alternate" hreflang="bg" href="https://example.test/">
        <link rel="alternate" hreflang="en" href="https://example.test/en/">
        <link rel="alternate" hreflang="x-default" href="https://example.test/">
        <link rel="stylesheet" href="https://cdn.example/x.css">
        <link rel="alternate" type="application/atom+xml" href="https://example.test/news/atom.xml">
        """
        let (crawler, _) = try crawl([
            "index.html": page(lang: "bg", head: head, body: """
            <nav class="language-switcher"><a href="/">Български</a></nav>
            <p id="x"></p><p id="x"></p>
            <img src="//cdn.example/a.png" alt=""> <a href="https://other.example/">a plain link is fine</a>
            <div style="background: url(https://cdn.example/b.png)"></div>
            """),
            "en/index.html": page(lang: "en", head: head.replacingOccurrences(of: "https://cdn.example/x.css", with: "/x.css"),
                                  body: "<nav class=\"language-switcher\"><a href=\"/\">Български</a></nav>"),
            "x.css": "@import url(\"https://fonts.example/font.css\");",
            "sitemap.xml": "<urlset><url><loc>https://example.test/en/</loc></url><url><loc>https://example.test/gone/</loc></url></urlset>",
        ])
        let switcher = crawler.switcherProblems()
        #expect(switcher.map(\.page) == ["/"], "\(switcher.listing)")
        let sitemap = crawler.sitemapProblems().map(\.description)
        #expect(sitemap.contains { $0.hasPrefix("/: ") && $0.contains("missing from sitemap") }, "\(sitemap)")
        #expect(sitemap.contains { $0.contains("/gone/") })
        let external = crawler.externalResourceProblems().map(\.description)
        #expect(external.count == 5, "\(external)")
        #expect(external.contains { $0.contains("cdn.example/x.css") })
        #expect(external.contains { $0.contains("//cdn.example/a.png") })
        #expect(external.contains { $0.contains("inline CSS loads https://cdn.example/b.png") })
        #expect(external.contains { $0.hasPrefix("/x.css") && $0.contains("@import") })
        #expect(external.contains { $0.hasPrefix("/x.css") && $0.contains("fonts.example") })
        let duplicates = crawler.duplicateIDProblems()
        #expect(duplicates.count == 1)
        #expect(duplicates.first?.page == "/")
        #expect(duplicates.first?.message == "the id 'x' appears 2 times")
    }
}
