/// The whole guide of one language as one document for print and PDF: a cover, a numbered table
/// of contents, the foreword and chapters in order, and the case studies and annexes at the end.
/// Every id is made unique on the page (each part's ids get its own prefix) and every link is
/// rewritten: to a part of the book it becomes an in-page anchor, to a page outside the book an
/// absolute URL on the site.
public struct PrintBook: Sendable {
    public struct Part: Sendable {
        /// The anchor of the part's heading on the print page.
        public var anchor: String
        /// „1“, „А“, „А.3“ in the table of contents; empty for the foreword.
        public var number: String
        /// Shown above or before the title: „Глава 1“, „Приложение А“, „А.3“.
        public var label: String
        public var title: String
        /// h2 for chapters and annexes, h3 for the case studies inside their annex.
        public var level: Int
        public var html: String
        /// The part's own sections for the table of contents: number, title, anchor.
        public var sections: [(number: String, title: String, anchor: String)]
        /// The running header printed at the top of the part's pages.
        public var runningHead: String
        public var isAnnexHeading: Bool
        /// The summary from the front matter, printed under the title; empty when there is none.
        public var summary: String = ""
        /// The page of the site this part is made from; nil for an annex heading.
        public var page: Page? = nil
    }

    public var language: String
    public var parts: [Part]

    /// Letters for annexes: А, Б, В… in Bulgarian, A, B, C… otherwise.
    static func annexLetter(_ index: Int, language: String) -> String {
        let letters = language == "bg" ? Array("АБВГДЕЖЗИК") : Array("ABCDEFGHIJ")
        return String(letters[min(index, letters.count - 1)])
    }

    /// - Parameters:
    ///   - labels: texts in the book's language: `chapter` („Глава {n}“), `annex` („Приложение {n}“), `caseStudies`.
    public static func make(language: String, pages: [RenderedPage], site: Site, labels: [String: String]) -> PrintBook {
        let guide = pages.filter { $0.page.language == language && $0.page.section == .guide }
        let cases = pages.filter { $0.page.language == language && $0.page.section == .caseStudies }
        // Every page in the book, by URL → the anchor its content gets on the print page.
        var anchors: [String: String] = [:]
        for page in guide + cases { anchors[page.page.url] = anchor(for: page.page) }
        let rewriter = PrintLinkRewriter(anchors: anchors, baseURL: site.config.baseURLWithoutSlash)

        var parts: [Part] = []
        var annexIndex = 0
        let mainParts = guide.filter { $0.page.source.frontMatter.part != .annex }
        let annexParts = guide.filter { $0.page.source.frontMatter.part == .annex }
        for page in mainParts {
            let number = page.page.chapterNumber.map(String.init) ?? ""
            let label = number.isEmpty ? "" : (labels["chapter"] ?? "{n}").replacingOccurrences(of: "{n}", with: number)
            let head = label.isEmpty ? page.page.title : "\(label). \(page.page.title)"
            parts.append(part(page, number: number, label: label, level: 2, numberSections: !number.isEmpty, runningHead: head, rewriter: rewriter))
        }
        if !cases.isEmpty {
            let letter = annexLetter(annexIndex, language: language)
            annexIndex += 1
            let title = labels["caseStudies"] ?? ""
            let heading = (labels["annex"] ?? "{n}").replacingOccurrences(of: "{n}", with: letter)
            parts.append(Part(anchor: "annex-\(Slug.make(letter))", number: letter, label: heading, title: title, level: 2,
                              html: "", sections: [], runningHead: "\(heading). \(title)", isAnnexHeading: true))
            for (index, page) in cases.enumerated() {
                let number = "\(letter).\(index + 1)"
                parts.append(part(page, number: number, label: number, level: 3, numberSections: false,
                                  runningHead: "\(heading). \(title)", rewriter: rewriter))
            }
        }
        for page in annexParts {
            let letter = annexLetter(annexIndex, language: language)
            annexIndex += 1
            let heading = (labels["annex"] ?? "{n}").replacingOccurrences(of: "{n}", with: letter)
            parts.append(part(page, number: letter, label: heading, level: 2, numberSections: false,
                              runningHead: "\(heading). \(page.page.title)", rewriter: rewriter))
        }
        return PrintBook(language: language, parts: parts)
    }

    /// `ch-01-key-concepts`, `case-barcelona-decidim`: from the file name, which is short, the same
    /// in every language and does not change with the title. (The URL's slug, made from a long
    /// Bulgarian title, gave ids of up to 138 characters, and PDF names, which Chromium makes
    /// from the ids, may have at most 127.)
    static func anchor(for page: Page) -> String {
        let slug = Slug.make(page.source.name)
        return "\(page.section == .caseStudies ? "case" : "ch")-\(slug.isEmpty ? "part" : slug)"
    }

    /// One page of the site as a part of the book: headings moved below the part's own heading
    /// (the book has one h1), numbered where chapters are numbered, ids prefixed, links rewritten.
    static func part(_ page: RenderedPage, number: String, label: String, level: Int, numberSections: Bool,
                     runningHead: String, rewriter: PrintLinkRewriter) -> Part {
        let anchor = anchor(for: page.page)
        // On the print page every chapter has its notes: as named regions they would all be
        // landmarks with the same name, so there they are plain sections.
        var html = rewriter.rewrite(page.html, prefix: anchor)
            .replacingAll("<section class=\"footnotes\" aria-labelledby=\"\(anchor)--footnotes\">", with: "<section class=\"footnotes\">")
        html = nameTables(html, after: page.page.title)
        var sections: [(String, String, String)] = []
        var counters = [0, 0, 0, 0, 0, 0, 0]
        for heading in page.headings where heading.id != "footnotes" {
            var label = ""
            if numberSections {
                counters[heading.level] += 1
                for deeper in (heading.level + 1)..<counters.count { counters[deeper] = 0 }
                label = ([number] + (2...max(2, heading.level)).map { String(counters[$0]) }).joined(separator: ".")
            }
            if heading.level == 2 { sections.append((label, heading.text, "\(anchor)--\(heading.id)")) }
            if !label.isEmpty {
                let open = "<h\(heading.level) id=\"\(anchor)--\(heading.id)\">"
                html = html.replacingAll(open, with: open + "<span class=\"section-number\">\(label)</span> ")
            }
        }
        html = shiftHeadings(html, by: level - 1)
        html = breakableURLs(html)
        return Part(anchor: anchor, number: number, label: label, title: page.page.title, level: level, html: html,
                    sections: sections, runningHead: runningHead, isAnnexHeading: false,
                    summary: page.page.source.frontMatter.summary ?? "", page: page.page)
    }

    /// Link texts that are addresses (`<a href="…">https://…</a>`, as in the notes) get `<wbr>`
    /// break points where a typesetter would break a URL: after `/`, before `?`, `#`, `&`.
    /// Otherwise a long address on paper breaks anywhere or runs into the margin. (Not more of
    /// them: Chromium writes one link annotation into the PDF for each piece of a link's text.)
    static func breakableURLs(_ html: String) -> String {
        var result = ""
        result.reserveCapacity(html.utf8.count + html.utf8.count / 50)
        var rest = html[...]
        while let open = rest.range(of: "\">http") {
            let textStart = rest.index(open.lowerBound, offsetBy: 2)
            result += rest[..<textStart]
            rest = rest[textStart...]
            // Only the text of an <a> element: the last tag written is an <a …> opening tag.
            guard let close = rest.range(of: "</a>"), let tagStart = result.range(of: "<a ", options: .backwards),
                  !result[tagStart.upperBound...].dropLast().contains(where: { $0 == "<" || $0 == ">" }) else { continue }
            let text = rest[..<close.lowerBound]
            guard text.hasPrefix("http://") || text.hasPrefix("https://"), !text.contains("<") else { continue }
            result += wordBreaks(String(text))
            rest = rest[close.lowerBound...]
        }
        result += rest
        return result
    }

    /// `https://example.eu/a-b/c?d=e` → `https://<wbr>example.eu/<wbr>a-b/<wbr>c<wbr>?d=e`.
    static func wordBreaks(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        var result = String(url[..<scheme.upperBound]) + "<wbr>"
        let rest = url[scheme.upperBound...]
        var previous: Character?
        for character in rest {
            if let previous, previous != "/", "?#&".contains(character) { result += "<wbr>" }
            result.append(character)
            if character == "/" { result += "<wbr>" }
            previous = character
        }
        if result.hasSuffix("<wbr>") { result.removeLast(5) }
        return result
    }

    /// Table regions are numbered per page („Таблица 1“); on the print page, where every chapter
    /// has its own, the part's title makes each name unique.
    static func nameTables(_ html: String, after title: String) -> String {
        let opening = "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\""
        let pieces = html.splittingAll(opening)
        guard pieces.count > 1 else { return html }
        var result = pieces[0]
        for piece in pieces.dropFirst() {
            guard let quote = piece.firstIndex(of: "\"") else { result += opening + piece; continue }
            result += opening + piece[..<quote] + " – " + HTML.escape(title) + piece[quote...]
        }
        return result
    }

    /// `<h2` → `<h3` and so on, never beyond h6.
    static func shiftHeadings(_ html: String, by shift: Int) -> String {
        guard shift > 0 else { return html }
        var result = html
        for level in stride(from: 6, through: 1, by: -1) {
            let target = min(6, level + shift)
            result = result.replacingAll("<h\(level)", with: "<h\(target)")
                .replacingAll("</h\(level)>", with: "</h\(target)>")
        }
        return result
    }
}

/// Rewrites ids and links of one page's HTML for the print page.
struct PrintLinkRewriter: Sendable {
    /// URL of each page in the book → its anchor.
    var anchors: [String: String]
    var baseURL: String

    /// Rewrites every ` id="…"`, ` href="…"` and ` aria-labelledby="…"` of `html`, scanning its
    /// UTF-8 bytes (quotes in text are `&quot;` in cmark-gfm's HTML, so every `"` delimits a value).
    func rewrite(_ html: String, prefix: String) -> String {
        let bytes = Array(html.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 20)
        let quote = UInt8(ascii: "\"")
        var index = 0
        var copied = 0
        while index < bytes.count {
            guard bytes[index] == quote else { index += 1; continue }
            guard let close = bytes[(index + 1)...].firstIndex(of: quote) else { break }
            if let name = Self.attribute(endingAt: index, in: bytes) {
                output.append(contentsOf: bytes[copied...index])
                let value = String(decoding: bytes[(index + 1)..<close], as: UTF8.self)
                output.append(contentsOf: (name == "href" ? rewriteLink(value, prefix: prefix) : "\(prefix)--\(value)").utf8)
                copied = close
            }
            index = close + 1
        }
        output.append(contentsOf: bytes[copied...])
        return String(decoding: output, as: UTF8.self)
    }

    static let attributes: [(name: String, bytes: [UInt8])] = ["id", "href", "aria-labelledby"].map { ($0, Array(" \($0)=".utf8)) }

    /// The attribute whose value opens with the quote at `quoteIndex`, if it is one we rewrite.
    static func attribute(endingAt quoteIndex: Int, in bytes: [UInt8]) -> String? {
        for attribute in attributes where quoteIndex >= attribute.bytes.count {
            if bytes[(quoteIndex - attribute.bytes.count)..<quoteIndex].elementsEqual(attribute.bytes) { return attribute.name }
        }
        return nil
    }

    func rewriteLink(_ url: String, prefix: String) -> String {
        if url.hasPrefix("#") { return "#\(prefix)--\(url.dropFirst())" }
        guard url.hasPrefix("/") else { return url }
        let parts = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])
        if let target = anchors[path] {
            return parts.count > 1 ? "#\(target)--\(parts[1])" : "#\(target)"
        }
        return baseURL + url
    }
}
