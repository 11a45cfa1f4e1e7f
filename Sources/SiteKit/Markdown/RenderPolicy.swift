/// How one rendering of a page's Markdown is written, for one target: the page on the site, a
/// part of the print book, an entry of the news feed. Ids, links, heading levels and numbers,
/// table names and note markup are decided here, while the tree is walked; nothing edits the HTML
/// afterwards.
public struct RenderPolicy: Sendable {
    /// Texts the renderer writes into the page, in the page's language.
    public struct Labels: Sendable, Equatable {
        /// The heading of the notes section („Бележки и източници“).
        public var footnotes: String
        /// The label of a note's link back to where it is referenced.
        public var backToContent: String
        /// The name of a table's scroll region: „Таблица {n}“ (without `{n}` the number is appended).
        public var table: String

        public init(footnotes: String, backToContent: String, table: String) {
            self.footnotes = footnotes
            self.backToContent = backToContent
            self.table = table
        }
    }

    public enum Links: Sendable {
        /// As on the site: site-absolute paths (`/guide/ramki/`).
        case site
        /// For feed readers, which show the text away from the site: site paths become absolute URLs.
        case absolute(baseURL: String)
        /// A part of the print book: links to pages in the book become in-page anchors (`anchors`:
        /// page URL → the anchor of its part), other site paths absolute URLs; images and media are
        /// addressed relative to the print page (`mediaPrefix`, e.g. `../`), so it also renders from a file.
        case book(anchors: [String: String], baseURL: String, mediaPrefix: String)
    }

    public enum FootnoteSection: Sendable {
        /// A region named by its heading (one per web page).
        case landmark
        /// A plain section: the print page has one per chapter, and landmarks with the same name
        /// would not tell them apart.
        case plain
    }

    public var labels: Labels
    /// Put before every id and in-page fragment (`ch-01-key-concepts--`), so that the parts of the
    /// print page keep their ids apart.
    public var idPrefix: String = ""
    /// Added to every heading level (never beyond h6): a chapter in the book sits below the book's h1.
    public var headingShift: Int = 0
    /// Web heading id → its section number („1.2“), written before the heading's text.
    public var sectionNumbers: [String: String] = [:]
    public var links: Links = .site
    /// Added to each table's name (`Таблица 1 – Ключови понятия`) where one page holds the tables
    /// of several.
    public var tableTitle: String?
    public var footnoteSection: FootnoteSection = .landmark
    /// Written before each figure's number on the page: „4.“ in chapter 4 of the print book, so
    /// that the book's figures are „Фигура 4.1“, „Фигура 4.2“ and no two share a number.
    public var figureNumberPrefix = ""
    /// Written between two note references that follow each other directly (`¹,²`); nil for
    /// none (the screen style brackets each reference).
    public var footnoteSeparator: String?

    public init(labels: Labels) {
        self.labels = labels
    }

    /// The policy of a page on the site.
    public static func web(_ labels: Labels) -> RenderPolicy { RenderPolicy(labels: labels) }

    /// The policy of a feed entry: as on the site, with absolute links.
    public static func feed(_ labels: Labels, baseURL: String) -> RenderPolicy {
        var policy = RenderPolicy(labels: labels)
        policy.links = .absolute(baseURL: baseURL)
        return policy
    }

    func id(_ id: String) -> String { idPrefix + id }

    /// The address a link (`isImage` false) or an image takes in this target, from its address on the site.
    func address(_ url: String, isImage: Bool) -> String {
        switch links {
        case .site:
            return url
        case .absolute(let baseURL):
            return url.hasPrefix("/") && !url.hasPrefix("//") ? baseURL + url : url
        case .book(let anchors, let baseURL, let mediaPrefix):
            if isImage {
                return url.hasPrefix("/media/") || url.hasPrefix("/assets/") ? mediaPrefix + url.dropFirst() : url
            }
            if url.hasPrefix("#") { return "#" + idPrefix + url.dropFirst() }
            guard url.hasPrefix("/"), !url.hasPrefix("//") else { return url }
            let (path, fragment) = MarkdownRenderer.splitFragment(url)
            if let anchor = anchors[path] { return fragment.map { "#\(anchor)--\($0)" } ?? "#\(anchor)" }
            return baseURL + url
        }
    }
}
