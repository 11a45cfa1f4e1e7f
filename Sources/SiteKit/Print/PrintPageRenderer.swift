import Foundation

/// Renders the print page of each language (`/print/`, `/en/print/`) with the theme's `print`
/// template: cover, numbered contents, the book's parts, and a running header per part.
public struct PrintPageRenderer: Sendable {
    public let renderer: ThemeRenderer

    public init(renderer: ThemeRenderer) { self.renderer = renderer }

    /// A language's print page as Chromium gets it: where it is, the anchors its contents list,
    /// and the page again with the contents' page numbers written in.
    public struct Source: Sendable {
        public var path: String
        public var anchors: Set<String>
        public var withPageNumbers: @Sendable (_ pageOfAnchor: [String: Int]) -> Data
    }

    public func source(_ book: PrintBook) -> Source {
        Source(path: GeneratedPage.print.outputPath(in: book.language, config: renderer.site.config), anchors: book.contentsAnchors,
               withPageNumbers: { pages in Data(render(book, pageNumbers: pages).page.bytes) })
    }

    /// - Parameter pageNumbers: the page of each contents entry's anchor in the PDF, once known.
    public func render(_ book: PrintBook, pageNumbers: [String: Int] = [:]) -> (file: OutputFile, page: ThemeRenderer.ThemedPage) {
        let site = renderer.site
        let theme = renderer.theme
        let language = book.language
        let url = site.url(.print, in: language)
        let info = site.config.language(language)
        var frame = PageFrame(language: language, url: url, title: theme.string(.printTitle, language),
                              description: info?.description ?? "",
                              translations: GeneratedPage.print.translations(config: site.config))
        frame.noindex = true
        // Assets by relative path, so the print page also renders from a file (for PDF).
        frame.assetRoot = String(repeating: "../", count: url.split(separator: "/").count)
        var runningHeads = ""
        var parts: [TemplateObject] = []
        var pageName = ""
        var previousHead: String?
        for (index, part) in book.parts.enumerated() {
            // One named page per running head: a change of name forces a page break, so the
            // annex heading and its first case study (same head) share a page; the case studies
            // after it start on new pages by the print CSS.
            if part.runningHead != previousHead {
                pageName = "part-\(index)"
                previousHead = part.runningHead
                runningHeads += "@page \(pageName) { @top-left { content: \"\(Self.cssString(part.runningHead))\"; \(Self.runningHeadStyle) } }\n"
            }
            var values = ThemeRenderer.object([
                "pageNumber": pageNumbers[part.anchor].map(String.init) ?? "",
                "anchor": part.anchor, "number": part.number, "label": part.label, "title": part.title,
                "level": String(part.level), "pageName": pageName, "summary": part.summary,
            ])
            values.set("html", bytes: part.htmlBytes[...])
            values.set("isChapterLike", part.level == 2)
            // „Приложение А“, „Приложение Б“: listed by their label in the contents, not by letter.
            values.set("isAnnex", part.level == 2 && !part.number.isEmpty && Int(part.number) == nil)
            values.set("isAnnexHeading", part.isAnnexHeading)
            // A chapter (or an annex with text of its own) opens on a page of its own, without
            // the running head: its title, summary and list of sections.
            values.set("hasOpeningPage", part.level == 2 && !part.isAnnexHeading)
            values.set("isCaseStudy", part.anchor.hasPrefix("case-"))
            // Only numbered sections are listed (the foreword's and the annexes' are not).
            values.set("sections", part.contentsSections.map {
                ThemeRenderer.object(["number": $0.number, "title": $0.title, "anchor": $0.anchor,
                                      "pageNumber": pageNumbers[$0.anchor].map(String.init) ?? ""])
            })
            // City, country, population… of a case study, as on its page on the site.
            values.set("facts", converting: part.page.map { page in
                page.section == .caseStudies ? SiteRenderer(renderer: renderer, pages: []).caseStudyFacts(page.source.frontMatter, language) : []
            } ?? [])
            parts.append(values)
        }
        var values = ThemeRenderer.object([
            "runningHeads": runningHeads,
            "pageLabel": theme.string(.pageLabel, language),
            "bookTitle": info?.title ?? "",
            // The PDF's title: the guide's, not the web page's.
            "documentTitle": [info?.title, info?.subtitle].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " — "),
            "bookSubtitle": info?.subtitle ?? "",
            "webAddress": site.config.baseURL,
            // Given on every print page (empty where site.yml has none), as every value a template uses.
            "edition": site.config.edition[language] ?? "",
        ])
        values.set("parts", parts)
        // The whole book is one page (tens of megabytes for a large site): room for its parts, their
        // entries in the contents and the frame, made once.
        let capacity = book.parts.reduce(TemplateLibrary.pageCapacity) { $0 + $1.htmlBytes.count + 2048 }
        let page = renderer.render("print", frame: frame, object: values, capacity: capacity)
        return (OutputFile(path: GeneratedPage.print.outputPath(in: language, config: site.config), bytes: page.bytes), page)
    }

    /// The look of the running head is the print CSS's (`@page { @top-left { … } }`); this is only
    /// what it falls back to.
    static let runningHeadStyle = "font-size: 9pt; color: #444;"

    /// Escapes text for a CSS string in double quotes.
    static func cssString(_ text: String) -> String {
        // Most heads have none of these: they are looked for on the bytes first.
        guard text.containsByte(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "<") })
        else { return text }
        return text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "<", with: "\\3C ")
    }
}
