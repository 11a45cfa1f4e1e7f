import CCmarkGFM
import Foundation
import Testing
@testable import SiteKit

/// One page's Markdown rendered under each policy (web page, part of the print book, feed entry),
/// and the renderer's markup checked against cmark-gfm's own.
@Suite("RenderPolicy")
struct RenderPolicyTests {
    // MARK: Agreement with cmark-gfm

    /// cmark-gfm's own HTML for `markdown`, with the extensions and options the site uses.
    static func cmarkHTML(_ markdown: String, unsafe: Bool) -> String {
        // Registers cmark-gfm's extensions once, as the build does (not safe to do concurrently),
        // and parses in turn with the build's parses (cmark-gfm's table of special characters is global).
        _ = CMarkDocument.parse("", allowRawHTML: false)
        return CMarkDocument.inTurn { cmarkHTMLNow(markdown, unsafe: unsafe) }
    }

    static func cmarkHTMLNow(_ markdown: String, unsafe: Bool) -> String {
        let options = CMARK_OPT_FOOTNOTES | (unsafe ? CMARK_OPT_UNSAFE : 0)
        let parser = cmark_parser_new(options)!
        defer { cmark_parser_free(parser) }
        for name in CMarkDocument.extensionNames {
            cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(name))
        }
        cmark_parser_feed(parser, markdown, markdown.utf8.count)
        let root = cmark_parser_finish(parser)
        defer { cmark_node_free(root) }
        let html = cmark_render_html(root, options, cmark_parser_get_syntax_extensions(parser))!
        defer { free(html) }
        return String(cString: html)
    }

    static func webHTML(_ markdown: String, unsafe: Bool) -> String {
        MarkdownRenderer.render(CMarkDocument.parse(markdown, allowRawHTML: unsafe), policy: .web(testLabels["en"]!))
    }

    /// Markdown whose markup the site does not change (no headings, tables, task lists or notes).
    static let plainSamples = [
        "Text with *emphasis*, **strong**, ***both***, `code <b>` and ~~struck~~ words &amp; &copy; \"quotes\" 'apostrophes'.\n",
        "Line one  \nline two\\\nline three\nsoft.\n",
        "[link](https://example.org/a?b=c&d=e#f \"Title & more\") [empty]() <https://example.org/x_y> www.example.eu/path and mail@example.org\n",
        "[odd](https://example.org/!$'()*+,;=:@[]{}|\\^`<>%20%zz/ü/я)\n",
        "![alt *with* `code` and [link](x)](/media/a%20b.png \"Image title\") ![](data:image/png;base64,AAAA) [x](javascript:alert(1)) [y](data:text/html,x)\n",
        "> quote\n> > nested\n>\n> - item\n\n---\n\n***\n",
        "3. three\n4. four\n\n- tight\n- list\n  - nested\n\n- loose\n\n- list\n\n  second paragraph\n",
        "```swift extra words\nlet a = \"<b>\" & 1\n```\n\n    indented <code>\n\n```\nplain\n```\n",
        "<div class=\"x\">\n<script>alert(1)</script>\n</div>\n\nInline <span>html</span> and <script>x</script> and <!-- comment -->.\n\n<style>p{}</style>\n",
        "Entities: &lt; &#x41; &nbsp; &unknown; and a \\*literal\\* star.\n",
        "",
    ]

    @Test("writes the markup cmark-gfm writes where the site changes nothing", arguments: plainSamples)
    func agreesWithCmark(markdown: String) {
        #expect(Self.webHTML(markdown, unsafe: false) == Self.cmarkHTML(markdown, unsafe: false))
        #expect(Self.webHTML(markdown, unsafe: true) == Self.cmarkHTML(markdown, unsafe: true))
    }

    @Test("tables, task lists and notes are cmark-gfm's markup with the site's additions")
    func sameStructureAsCmark() {
        let markdown = "| a | b | c |\n|:-|:-:|-:|\n| 1 | 2 | 3 |\n\n- [x] done\n- [ ] not\n\nText[^x] and[^я].\n\n[^x]: Note.\n[^я]: Other.\n"
        let ours = Self.webHTML(markdown, unsafe: false)
        // Undo the additions: what is left must be cmark-gfm's HTML, byte for byte.
        let undone = ours
            .replacingOccurrences(of: "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Table 1\">", with: "")
            .replacingOccurrences(of: "</table></div>", with: "</table>")
            .replacingOccurrences(of: "<li class=\"task-list-item\"><label><input class=\"task-list-item-checkbox\" ", with: "<li><input ")
            .replacingOccurrences(of: "</label></li>", with: "</li>")
            .replacingOccurrences(of: "<section class=\"footnotes\" aria-labelledby=\"footnotes\">\n<h2 id=\"footnotes\">Notes and sources</h2>", with: "<section class=\"footnotes\" data-footnotes>")
            .replacingOccurrences(of: "Back to the text", with: "Back to content")
        #expect(undone == Self.cmarkHTML(markdown, unsafe: false))
    }

    // MARK: Note markers

    @Test("a separator between two note references only where they are adjacent, and only in the book")
    func footnoteSeparator() {
        let document = CMarkDocument.parse("One[^a][^b] two[^c] three[^a].\n\n[^a]: A.\n[^b]: B.\n[^c]: C.\n", allowRawHTML: false)
        var book = RenderPolicy(labels: testLabels["bg"]!)
        book.footnoteSeparator = ","
        let html = MarkdownRenderer.render(document, policy: book)
        #expect(html.components(separatedBy: "<sup class=\"footnote-sep\">,</sup>").count == 2)
        #expect(html.contains("data-footnote-ref>1</a></sup><sup class=\"footnote-sep\">,</sup><sup class=\"footnote-ref\"><a href=\"#fn-b\""))
        #expect(html.contains("</sup> two<sup class=\"footnote-ref\">"))
        #expect(!MarkdownRenderer.render(document, policy: .web(testLabels["bg"]!)).contains("footnote-sep"))
    }

    @Test("a note referenced twice links back to both places; labels in other scripts are escaped like cmark-gfm's")
    func repeatedNotes() {
        let html = Self.webHTML("A[^бел] b[^бел].\n\n[^бел]: Note.\n", unsafe: false)
        #expect(html.contains(##"<li id="fn-%D0%B1%D0%B5%D0%BB">"##))
        #expect(html.contains(##"id="fnref-%D0%B1%D0%B5%D0%BB-2""##))
        #expect(html.contains(##"<a href="#fnref-%D0%B1%D0%B5%D0%BB-2" class="footnote-backref" data-footnote-backref aria-label="Back to the text">↩<sup class="footnote-ref">2</sup></a>"##))
    }

    // MARK: Snapshots

    /// A chapter with what the policies change: headings, notes (one referenced twice, two
    /// adjacent), a table, a task list, links to a page in the book, to one outside it and to a
    /// media file, an image and an address as link text.
    static let files: [(String, String)] = [
        ("guide/01-chapter.bg.md", page("title: Глава за политики", """
            Увод с [план](02-plan.bg.md#stapki), [за проекта](../pages/about.bg.md), [карта](../media/map.pdf) и [горе](#pregled).[^a][^b]

            ## Преглед

            Текст[^a] със ![карта на областта](../media/map.png "Карта").

            ### Стъпки {#stapki-tuk}

            | Цел | Срок |
            |:----|----:|
            | Услуги | 2030 г. |

            - [ ] Първо
            - [x] Второ с <https://example.org/a-b/c?d=e&f=g>

            [^a]: Източник, <https://example.org/source>.
            [^b]: Втори източник.

            """)),
        ("guide/02-plan.bg.md", page("title: План", "## Стъпки {#stapki}\n\nТекст.\n")),
        ("pages/about.bg.md", page("title: За проекта", "Текст.\n")),
    ]

    static func snapshotCheck(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = Paths.testsFolder.appendingPathComponent("Fixtures/snapshots/\(name)")
        if ProcessInfo.processInfo.environment["VIDIN_UPDATE_SNAPSHOTS"] == "1" {
            try Data(actual.utf8).write(to: file)
            return
        }
        let expected = try #require(FileManager.default.contents(atPath: file.path).map { String(decoding: $0, as: UTF8.self) },
                                    "no snapshot \(name): run the tests with VIDIN_UPDATE_SNAPSHOTS=1 to write it", sourceLocation: sourceLocation)
        #expect(actual == expected, "the rendering differs from Tests/SiteKitTests/Fixtures/snapshots/\(name); if the change is meant, run the tests with VIDIN_UPDATE_SNAPSHOTS=1 and review the diff",
                sourceLocation: sourceLocation)
    }

    static func renderedChapter() throws -> (Site, RenderedPage, [RenderedPage]) {
        let (content, loadDiagnostics) = loadContent(files)
        var loaded = try #require(content, "\(loadDiagnostics)")
        loaded.media = [.init(path: "media/map.png", source: URL(fileURLWithPath: "/dev/null")),
                        .init(path: "media/map.pdf", source: URL(fileURLWithPath: "/dev/null"))]
        let (site, _) = SiteResolver.resolve(loaded)
        let renderer = MarkdownRenderer(site: site, labels: testLabels, reservedIDs: defaultTheme.ids)
        let pages = site.pages.map { renderer.render($0) }
        return (site, try #require(pages.first { $0.page.source.name == "01-chapter" }), pages)
    }

    @Test("snapshot: the chapter as a web page")
    func webSnapshot() throws {
        let (_, chapter, _) = try Self.renderedChapter()
        try Self.snapshotCheck(chapter.html, "chapter.web.html")
    }

    @Test("snapshot: the chapter as a part of the print book")
    func bookSnapshot() throws {
        let (site, _, pages) = try Self.renderedChapter()
        let book = PrintBook.make(language: "bg", pages: pages, site: site, labels: PrintBookTests.labels["bg"]!, renderLabels: testLabels["bg"]!)
        let part = try #require(book.parts.first { $0.anchor == "ch-01-chapter" })
        try Self.snapshotCheck(part.html, "chapter.book.html")
    }

    @Test("snapshot: the chapter as a feed entry")
    func feedSnapshot() throws {
        let (site, chapter, _) = try Self.renderedChapter()
        let html = MarkdownRenderer.render(chapter.document, policy: .feed(testLabels["bg"]!, baseURL: site.config.baseURLWithoutSlash))
        try Self.snapshotCheck(html, "chapter.feed.html")
    }
}
