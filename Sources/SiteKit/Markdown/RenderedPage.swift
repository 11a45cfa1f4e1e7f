/// A page after Markdown rendering: its HTML body and what later stages need to know of it.
/// Made once and never changed; a class, as every later stage lists, sorts and groups the pages
/// (a copy of the values was a retain for each of its two dozen texts and lists).
public final class RenderedPage: Sendable {
    public struct Heading: Sendable, Equatable {
        public var level: Int
        public var text: String
        public var id: String
        public var line: Int
    }

    /// A link or image in the page, as written and as resolved, for the link checker.
    public struct Link: Sendable, Equatable {
        public enum Target: Sendable, Equatable {
            /// Another page of the site (or this one), by URL, with an optional `#fragment`.
            case page(url: String, fragment: String?)
            /// A site path written as `/…` or a media file.
            case sitePath(String)
            /// A file that does not exist, as the editor wrote it.
            case missingFile(String)
            /// A file that exists but has errors of its own (reported there), as written.
            case failedFile(String)
            /// A link that was removed because it could run script (`javascript:` and the like).
            case unsafe(String)
            case external(String)
        }
        public var line: Int
        public var column: Int
        public var target: Target
        public var isImage: Bool
    }

    /// Plain text of the page split at its level-2 and level-3 headings, for search.
    public struct TextSection: Sendable, Equatable {
        /// nil for the text before the first heading.
        public var heading: Heading?
        public var text: String
    }

    /// A `[^label]` that cmark-gfm left as text: its definition is missing, or an autolink
    /// swallowed it (`www.example.eu.[^1]`).
    public struct UnresolvedFootnote: Sendable, Equatable {
        public var line: Int
        public var column: Int
        public var label: String
    }

    public let page: Page
    /// The parsed page with its heading ids and link targets decided: what the print book and
    /// the feed render again under their own policy.
    public let document: MarkdownDocument
    /// The page's HTML on the site, as UTF-8 bytes (the theme writes them as they are).
    public let htmlBytes: [UInt8]
    /// Where the notes section starts in `htmlBytes`, if the page has notes.
    public let notesOffset: Int?
    /// The page's HTML on the site.
    public var html: String { String(decoding: htmlBytes, as: UTF8.self) }
    public let headings: [Heading]
    /// Every id in `html`.
    public let ids: Set<String>
    public let links: [Link]
    public let unresolvedFootnotes: [UnresolvedFootnote]
    /// Problems found while rendering, e.g. a code block that its hook cannot render, or a file
    /// that cmark-gfm could not parse in reasonable time.
    public let diagnostics: [Diagnostic]
    public let sections: [TextSection]
    /// The page's summary, or its first paragraph as plain text.
    public let summary: String

    init(page: Page, document: MarkdownDocument, htmlBytes: [UInt8], notesOffset: Int?, headings: [Heading], ids: Set<String>, links: [Link],
         unresolvedFootnotes: [UnresolvedFootnote] = [], diagnostics: [Diagnostic] = [], sections: [TextSection], summary: String) {
        self.page = page
        self.document = document
        self.htmlBytes = htmlBytes
        self.notesOffset = notesOffset
        self.headings = headings
        self.ids = ids
        self.links = links
        self.unresolvedFootnotes = unresolvedFootnotes
        self.diagnostics = diagnostics
        self.sections = sections
        self.summary = summary
    }
}
