/// The whole guide of one language as one document for print and PDF: a cover, a numbered table
/// of contents, the foreword and chapters in order, and the case studies and annexes at the end.
/// Each part is its page's Markdown rendered again under a book `RenderPolicy`: its ids get the
/// part's prefix (unique on the print page), links to parts of the book become in-page anchors and
/// links to other pages absolute URLs, headings sit below the part's heading, numbered in chapters.
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
        /// The part's HTML, as UTF-8 bytes (the print page writes them as they are).
        public var htmlBytes: [UInt8]
        public var html: String { String(decoding: htmlBytes, as: UTF8.self) }
        /// The part's own sections for the table of contents: number, title, anchor.
        public var sections: [(number: String, title: String, anchor: String)]
        /// The running header printed at the top of the part's pages.
        public var runningHead: String
        public var isAnnexHeading: Bool
        /// The summary from the front matter, printed under the title; empty when there is none.
        public var summary: String = ""
        /// The page of the site this part is made from; nil for an annex heading.
        public var page: Page? = nil

        /// The sections the contents list: the numbered ones (the foreword's and the annexes' are not).
        public var contentsSections: [(number: String, title: String, anchor: String)] { sections.filter { !$0.number.isEmpty } }
    }

    /// The anchors of the contents' entries: every part and every section listed.
    public var contentsAnchors: Set<String> {
        Set(parts.flatMap { [$0.anchor] + $0.contentsSections.map(\.anchor) })
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
    ///   - renderLabels: the texts the Markdown renderer writes, in the book's language.
    ///   - cache: parts kept from the last build (`vidin serve`).
    static func make(language: String, pages: [RenderedPage], site: Site, labels: [String: String],
                     renderLabels: RenderPolicy.Labels, cache: BuildCache.Session? = nil) -> PrintBook {
        func part(_ page: RenderedPage, number: String, label: String, level: Int, numberSections: Bool,
                  runningHead: String, policy: RenderPolicy) -> Part {
            let make = { Self.part(page, number: number, label: label, level: level, numberSections: numberSections,
                                   runningHead: runningHead, policy: policy) }
            return cache?.printPart(page.page, make) ?? make()
        }
        let guide = pages.filter { $0.page.language == language && $0.page.section == .guide }
        let cases = pages.filter { $0.page.language == language && $0.page.section == .caseStudies }
        // Every page in the book, by URL → the anchor its content gets on the print page.
        var anchors: [String: String] = [:]
        for page in guide + cases { anchors[page.page.url] = anchor(for: page.page) }
        let printURL = site.url(.print, in: language)
        let links = RenderPolicy.Links.book(anchors: anchors, baseURL: site.config.baseURLWithoutSlash,
                                            mediaPrefix: String(repeating: "../", count: printURL.split(separator: "/").count))
        var policy = RenderPolicy(labels: renderLabels)
        policy.links = links
        policy.footnoteSection = .plain
        policy.footnoteSeparator = ","

        var parts: [Part] = []
        var annexIndex = 0
        let mainParts = guide.filter { $0.page.source.frontMatter.part != .annex }
        let annexParts = guide.filter { $0.page.source.frontMatter.part == .annex }
        for page in mainParts {
            let number = page.page.chapterNumber.map(String.init) ?? ""
            let label = number.isEmpty ? "" : (labels["chapter"] ?? "{n}").filling(with: number)
            let head = label.isEmpty ? page.page.title : "\(label). \(page.page.title)"
            parts.append(part(page, number: number, label: label, level: 2, numberSections: !number.isEmpty, runningHead: head, policy: policy))
        }
        if !cases.isEmpty {
            let letter = annexLetter(annexIndex, language: language)
            annexIndex += 1
            let title = labels["caseStudies"] ?? ""
            let heading = (labels["annex"] ?? "{n}").filling(with: letter)
            parts.append(Part(anchor: "annex-\(Slug.make(letter))", number: letter, label: heading, title: title, level: 2,
                              htmlBytes: [], sections: [], runningHead: "\(heading). \(title)", isAnnexHeading: true))
            for (index, page) in cases.enumerated() {
                let number = "\(letter).\(index + 1)"
                parts.append(part(page, number: number, label: number, level: 3, numberSections: false,
                                  runningHead: "\(heading). \(title)", policy: policy))
            }
        }
        for page in annexParts {
            let letter = annexLetter(annexIndex, language: language)
            annexIndex += 1
            let heading = (labels["annex"] ?? "{n}").filling(with: letter)
            parts.append(part(page, number: letter, label: heading, level: 2, numberSections: false,
                              runningHead: "\(heading). \(page.page.title)", policy: policy))
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

    /// One page of the site as a part of the book: its Markdown rendered with headings below the
    /// part's own heading (the book has one h1), numbered where chapters are numbered, ids prefixed.
    static func part(_ page: RenderedPage, number: String, label: String, level: Int, numberSections: Bool,
                     runningHead: String, policy: RenderPolicy) -> Part {
        let anchor = anchor(for: page.page)
        var sections: [(String, String, String)] = []
        var sectionNumbers: [String: String] = [:]
        var counters = [0, 0, 0, 0, 0, 0, 0]
        for heading in page.headings {
            var label = ""
            if numberSections {
                counters[heading.level] += 1
                for deeper in (heading.level + 1)..<counters.count { counters[deeper] = 0 }
                label = ([number] + (2...max(2, heading.level)).map { String(counters[$0]) }).joined(separator: ".")
                sectionNumbers[heading.id] = label
            }
            if heading.level == 2 { sections.append((label, heading.text, "\(anchor)--\(heading.id)")) }
        }
        var policy = policy
        policy.idPrefix = anchor + "--"
        policy.headingShift = level - 1
        policy.sectionNumbers = sectionNumbers
        policy.tableTitle = page.page.title
        policy.figureNumberPrefix = number.isEmpty ? "" : number + "."
        let html = HTMLWriter.render(page.document, policy: policy).bytes
        return Part(anchor: anchor, number: number, label: label, title: page.page.title, level: level, htmlBytes: html,
                    sections: sections, runningHead: runningHead, isAnnexHeading: false,
                    summary: page.page.source.frontMatter.summary ?? "", page: page.page)
    }
}
