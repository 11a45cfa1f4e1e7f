import Foundation
import Testing
@testable import SiteKit

/// The render stage: Markdown → HTML, heading ids, link rewriting, footnotes, text for search.
@Suite("MarkdownRenderer")
struct MarkdownRendererTests {
    @Test("search text: every kind of white space collapses to one space, and the characters next to them stay")
    func collapsingWhitespace() {
        let spaces = ["\t", "\n", "\r", "\u{0B}", "\u{0C}", " ", "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}", "\u{2005}", "\u{200A}",
                      "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}"]
        // Their neighbours in UTF-8 are not white space.
        let others = ["\u{A1}", "\u{84}", "\u{1681}", "\u{200B}", "\u{2010}", "\u{2027}", "\u{202A}", "\u{2060}", "\u{3001}", "ё", "„", "€"]
        for space in spaces {
            #expect(MarkdownRenderer.collapsingWhitespace(space + "а" + space + space + "б" + space) == "а б", "\(space.unicodeScalars.first!.value)")
        }
        for other in others {
            #expect(MarkdownRenderer.collapsingWhitespace(" " + other + "\u{A0}" + other + " ") == other + " " + other)
        }
        #expect(MarkdownRenderer.collapsingWhitespace("") == "")
        #expect(MarkdownRenderer.collapsingWhitespace(" \n\u{3000} ") == "")
        #expect(MarkdownRenderer.collapsingWhitespace("Текст,\n  който\tпродължава") == "Текст, който продължава")
    }

    /// Renders one Bulgarian guide page with `body` (plus a few pages to link to).
    func render(_ body: String, language: String = "bg", siteYAML: String = sampleSiteYAML,
                sourceLocation: SourceLocation = #_sourceLocation) throws -> RenderedPage {
        let path = "guide/01-x.\(language).md"
        let (_, pages) = try renderPages([
            (path, page("title: Страница", body)),
            ("guide/02-frameworks.bg.md", page("title: Рамки", "## Принципът „еднократно събиране“\n\nТекст.\n")),
            ("guide/02-frameworks.en.md", page("title: Frameworks", "## Once only\n\nText.\n")),
            ("case-studies/tartu.bg.md", page("title: Тарту", "## Резултати\n\nТекст.\n")),
        ], siteYAML: siteYAML, sourceLocation: sourceLocation)
        return try #require(pages[path], sourceLocation: sourceLocation)
    }

    // MARK: Headings

    @Test("headings get transliterated ids, unique within the page")
    func headingIDs() throws {
        let page = try render("## Общ преглед\n\nА.\n\n## Общ преглед\n\nБ.\n\n### Общ преглед\n\nВ.\n")
        #expect(page.headings.map(\.id) == ["obsht-pregled", "obsht-pregled-2", "obsht-pregled-3"])
        #expect(page.html.contains("<h2 id=\"obsht-pregled\">Общ преглед</h2>"))
        #expect(page.html.contains("<h2 id=\"obsht-pregled-2\">Общ преглед</h2>"))
        #expect(page.html.contains("<h3 id=\"obsht-pregled-3\">Общ преглед</h3>"))
        #expect(page.headings.map(\.level) == [2, 2, 3])
        #expect(page.headings.first?.text == "Общ преглед")
    }

    @Test("an explicit {#id} sets the id and is not shown")
    func explicitID() throws {
        let page = try render("## Финансиране {#finansirane}\n\nТекст.\n\n## Друго *важно* {#other-id}\n")
        #expect(page.headings.map(\.id) == ["finansirane", "other-id"])
        #expect(page.headings.map(\.text) == ["Финансиране", "Друго важно"])
        #expect(page.html.contains("<h2 id=\"finansirane\">Финансиране</h2>"))
        #expect(page.html.contains("<h2 id=\"other-id\">Друго <em>важно</em></h2>"))
        #expect(!page.html.contains("{#"))
    }

    @Test("an explicit id with an underscore is hidden too")
    func explicitIDWithUnderscore() throws {
        // `explicitID` accepts `_` in ids, and CONTENT.md promises that `{#…}` is not shown.
        let page = try render("## Финансиране {#eu_funds}\n\nТекст.\n")
        #expect(page.headings.first?.id == "eu_funds")
        #expect(!page.html.contains("{#"), "the heading shows its id: \(page.html)")
    }

    @Test("heading ids never take the ids of the theme or of the footnotes section")
    func reservedIDs() throws {
        // The reserved ids are read from the theme's templates: `site-search-q` (the header's search
        // box) is one, `top` (used by no template) is not.
        let page = try render("## Main\n\n## Footnotes\n\n## Site search q\n\n## Top\n\nТекст.[^1]\n\n[^1]: Бележка.\n")
        #expect(page.headings.prefix(4).map(\.id) == ["main-2", "footnotes-2", "site-search-q-2", "top"])
    }

    @Test("heading ids do not collide with the footnotes' own ids (fn-1, fnref-1)")
    func headingVersusFootnoteIDs() throws {
        let page = try render("## Fn 1\n\nТекст.[^1]\n\n[^1]: Бележка.\n")
        let ids = allIDs(page.html)
        let duplicates = Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        #expect(duplicates.isEmpty, "duplicate ids: \(duplicates)")
    }

    // MARK: Links

    @Test("a link to another file's heading becomes the page URL with the fragment")
    func linkToFileAndAnchor() throws {
        let page = try render("[рамки](02-frameworks.bg.md#printsipat-ednokratno-sabirane)\n")
        #expect(page.html.contains("href=\"/guide/ramki/#printsipat-ednokratno-sabirane\""))
        #expect(page.links.first?.target == .page(url: "/guide/ramki/", fragment: "printsipat-ednokratno-sabirane"))
    }

    @Test("a link to another section's file and to the other language's file")
    func linkAcrossSectionsAndLanguages() throws {
        let page = try render("[Тарту](../case-studies/tartu.bg.md) и [English](02-frameworks.en.md) и [тук](./02-frameworks.bg.md)\n")
        #expect(page.html.contains("href=\"/case-studies/tartu/\""))
        #expect(page.html.contains("href=\"/en/guide/frameworks/\""))
        #expect(page.html.contains("href=\"/guide/ramki/\""))
    }

    @Test("a link to a heading of the same page keeps its fragment")
    func linkToOwnHeading() throws {
        let page = try render("## Общ преглед\n\n[виж](#obsht-pregled)\n")
        #expect(page.html.contains("href=\"#obsht-pregled\""))
        #expect(page.links.first?.target == .page(url: "/guide/stranitsa/", fragment: "obsht-pregled"))
    }

    @Test("a link to a file that does not exist is recorded with its line for the checker")
    func missingFile() throws {
        let page = try render("Текст.\n\n[речник](05-glossary.bg.md)\n")
        let link = try #require(page.links.first)
        #expect(link.target == .missingFile("05-glossary.bg.md"))
        // Front matter is lines 1–3, an empty line 4, so the body's third line is the file's line 7.
        #expect(link.line == 7)
        #expect(link.column == 1)
    }

    @Test("a link on a later line of a paragraph is reported on its own line")
    func linkLineInParagraph() throws {
        // File lines: 5 „Първи ред“, 6 „втори ред“, 7 the link.
        let page = try render("Първи ред,\nвтори ред,\nтрети ред с [речник](05-glossary.bg.md).\n")
        #expect(page.links.first?.line == 7)
    }

    @Test("a link's column counts characters, as editors do, not UTF-8 bytes")
    func linkColumnInCharacters() throws {
        // „Вижте “ is 6 characters (11 bytes): the link starts in column 7.
        let page = try render("Вижте [речника](05-glossary.bg.md).\n")
        #expect(page.links.first?.column == 7)
    }

    @Test("a link's column counts a letter with a combining accent, or an emoji, as one character", arguments: [
        ("Ра\u{301}бота [речника](05-glossary.bg.md).\n", 8),   // „а́“ is „а“ and a combining accent
        ("Виж 👍🏽 [речника](05-glossary.bg.md).\n", 7),         // an emoji with a skin tone
        ("Café Ωμέγα [речника](05-glossary.bg.md).\n", 12),
    ])
    func linkColumnWithCombinedCharacters(markdown: String, column: Int) throws {
        let page = try render(markdown)
        #expect(page.links.first?.column == column)
    }

    @Test("white space around a heading is trimmed, Unicode spaces included, before its id is made",
          arguments: ["## \u{A0}Общ преглед\u{2003}", "## Общ преглед {#obsht-pregled}", "## Общ преглед\u{3000}{#obsht-pregled}\u{A0}"])
    func headingTrimmed(markdown: String) throws {
        let page = try render(markdown + "\n")
        #expect(page.headings.first?.text == "Общ преглед")
        #expect(page.headings.first?.id == "obsht-pregled")
    }

    @Test("a link that leaves the content folder is a missing file")
    func linkOutsideContent() throws {
        let page = try render("[x](../../../etc/passwd)\n")
        #expect(page.links.first.map { if case .missingFile = $0.target { true } else { false } } == true)
    }

    @Test("javascript: and data: links are removed", arguments: ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<b>x</b>", "vbscript:x"])
    func unsafeLinks(url: String) throws {
        let page = try render("[click](\(url))\n")
        #expect(!page.html.lowercased().contains("javascript:"))
        #expect(!page.html.contains("data:text"))
        #expect(!page.html.contains("vbscript"))
        #expect(page.links.first?.target == .unsafe(url))
    }

    @Test("external links, mailto and site paths pass through")
    func externalLinks() throws {
        let page = try render("[a](https://example.org/x?y=1&z=2) [m](mailto:info@example.org) [s](/search/)\n")
        #expect(page.html.contains("href=\"https://example.org/x?y=1&amp;z=2\""))
        #expect(page.html.contains("href=\"mailto:info@example.org\""))
        #expect(page.html.contains("href=\"/search/\""))
        #expect(page.links.map(\.target) == [.external("https://example.org/x?y=1&z=2"), .external("mailto:info@example.org"), .sitePath("/search/")])
    }

    // MARK: Raw HTML

    @Test("raw HTML is omitted unless the site allows it")
    func rawHTMLOff() throws {
        let page = try render("<div class=\"x\">блок</div>\n\nТекст <span onclick=\"x()\">вътре</span>.\n\n<script>alert(1)</script>\n")
        #expect(!page.html.contains("<div class=\"x\">"))
        #expect(!page.html.contains("<span"))
        #expect(!page.html.contains("<script"))
        #expect(page.html.contains("raw HTML omitted"))
    }

    @Test("raw HTML is kept when allowRawHTML is on, but the tag filter still defuses <script>")
    func rawHTMLOn() throws {
        let page = try render("<div class=\"x\">блок</div>\n\n<script>alert(1)</script>\n", siteYAML: sampleSiteYAML + "allowRawHTML: true\n")
        #expect(page.html.contains("<div class=\"x\">блок</div>"))
        #expect(!page.html.contains("<script>"))
    }

    // MARK: Footnotes

    @Test("footnotes get a translated heading and back-link label", arguments: [
        ("bg", "Бележки и източници", "Обратно към текста"),
        ("en", "Notes and sources", "Back to the text"),
    ])
    func footnotes(language: String, heading: String, backLabel: String) throws {
        let page = try render("Текст.[^src]\n\n[^src]: Източник, <https://example.org>.\n", language: language)
        #expect(page.html.contains("<h2 id=\"footnotes\">\(heading)</h2>"), "\(page.html)")
        #expect(page.html.contains("aria-labelledby=\"footnotes\""))
        #expect(page.html.contains("aria-label=\"\(backLabel)\""), "\(page.html)")
        #expect(!page.html.contains("Back to content"))
        #expect(!page.html.contains("Back to reference"))
        #expect(page.html.contains("href=\"#fn-src\"") || page.html.contains("href=\"#fn-1\""))
    }

    @Test("footnote text is not part of the searchable text, but the body is")
    func footnotesLeftOutOfText() throws {
        let page = try render("Основен текст.[^1]\n\n## Раздел\n\nОще текст.\n\n[^1]: Бележка под линия.\n")
        let text = page.sections.map(\.text).joined(separator: " ")
        #expect(text.contains("Основен текст."))
        #expect(text.contains("Още текст."))
        #expect(!text.contains("Бележка под линия"))
        #expect(page.sections.map(\.heading?.id) == [nil, "razdel"])
    }

    // MARK: GFM

    @Test("tables are wrapped so that they scroll on a phone, with a translated label")
    func tables() throws {
        let page = try render("| А | Б |\n|---|---|\n| 1 | 2 |\n")
        #expect(page.html.contains("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Таблица 1\"><table>"))
        #expect(page.html.contains("</table></div>"))
        #expect(page.html.contains("<th>А</th>"))
        #expect(page.html.contains("<td>2</td>"))
    }

    @Test("GFM strikethrough, task lists and autolinks render")
    func gfm() throws {
        let page = try render("~~старо~~ ново\n\n- [ ] да се направи\n- [x] готово\n\nВиж www.example.org и https://example.org/a.\n")
        #expect(page.html.contains("<del>старо</del>"))
        #expect(page.html.contains("type=\"checkbox\""))
        #expect(page.html.contains("checked"))
        #expect(page.html.contains("href=\"http://www.example.org\""))
        #expect(page.html.contains("href=\"https://example.org/a\""))
    }

    @Test("the summary is the front matter's, else the first paragraph shortened")
    func summary() throws {
        let long = String(repeating: "дума ", count: 80)
        let page = try render("\(long)\n\nВтори абзац.\n")
        #expect(page.summary.hasSuffix("…"))
        #expect(page.summary.count <= 201)
        #expect(!page.summary.contains("Втори"))
    }

    @Test("every id in the HTML is known, for the anchor checks")
    func ids() throws {
        let page = try render("## Раздел\n\nТекст.[^1]\n\n[^1]: Бележка.\n")
        #expect(page.ids.isSuperset(of: ["razdel", "footnotes", "fn-1", "fnref-1"]), "\(page.ids)")
    }

    /// Every `id="…"` in `html`, with repeats.
    func allIDs(_ html: String) -> [String] {
        var ids: [String] = []
        var rest = html[...]
        while let range = rest.range(of: " id=\"") {
            let after = rest[range.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            ids.append(String(after[..<end]))
            rest = after[end...]
        }
        return ids
    }
}

@Suite("Task lists and tables for assistive technology")
struct AccessibleMarkupTests {
    @Test("a task-list checkbox is inside a label with its item's text, tight or loose, nested lists outside it")
    func taskListLabels() throws {
        let body = "- [ ] first *item*\n- [x] second\n  - [ ] nested\n\ntext\n\n- [ ] loose one\n\n- [x] loose two\n"
        let (_, pages) = try renderPages([("guide/01-a.bg.md", page("title: А", body))])
        let html = try #require(pages["guide/01-a.bg.md"]?.html)
        expectContains(html, "<li class=\"task-list-item\"><label><input class=\"task-list-item-checkbox\" type=\"checkbox\" disabled=\"\" /> first <em>item</em></label></li>", in: "tight item")
        expectContains(html, "<label><input class=\"task-list-item-checkbox\" type=\"checkbox\" checked=\"\" disabled=\"\" /> second</label>\n<ul>", in: "item with a nested list")
        expectContains(html, "<li class=\"task-list-item\">\n<p><label><input class=\"task-list-item-checkbox\" type=\"checkbox\" disabled=\"\" /> loose one</label></p>", in: "loose item")
        expectLacks(html, "<li><input", in: "no checkbox without a label")
    }

    @Test("each table scrolls in its own region, numbered so the names differ")
    func numberedTables() throws {
        let table = "| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        let (_, pages) = try renderPages([("guide/01-a.en.md", page("title: A", table + table))])
        let html = try #require(pages["guide/01-a.en.md"]?.html)
        expectContains(html, "role=\"region\" tabindex=\"0\" aria-label=\"Table 1\"><table>", in: "first table")
        expectContains(html, "aria-label=\"Table 2\"><table>", in: "second table")
        #expect(html.components(separatedBy: "</table></div>").count == 3)
    }
}
