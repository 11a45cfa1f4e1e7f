/// A page with its place in the site: URL, order, chapter number, neighbours and translations.
public struct Page: Sendable, Equatable {
    public var source: SourcePage
    /// Site-absolute URL path ending in `/` (`/guide/klyuchovi-ponyatia/`, `/en/guide/key-concepts/`).
    public var url: String
    /// 1, 2, … for the guide's numbered chapters; nil for the foreword, annexes and other sections.
    public var chapterNumber: Int?
    /// Position within its section and language (0-based), in reading order.
    public var order: Int
    public var previousURL: String?
    public var nextURL: String?
    /// Language code → URL of this page in that language (including itself).
    public var translations: [String: String]

    public var language: String { source.language }
    public var title: String { source.frontMatter.title }
    public var section: SourcePage.Section { source.section }
    /// The file path this page is written to, relative to the output folder.
    public var outputPath: String { String(url.dropFirst()) + "index.html" }
}

/// The resolved site: every page with its URL, in a fixed order (language, section, reading order).
public struct Site: Sendable {
    public var config: SiteConfig
    public var pages: [Page]
    public var media: [ContentFolder.MediaFile]
    /// Content path (`guide/01-key-concepts.bg.md`) → index in `pages`.
    public var pageIndexByPath: [String: Int]
    /// URL → index in `pages`.
    public var pageIndexByURL: [String: Int]
    /// Content paths of files that had errors (already reported).
    public var failedPaths: Set<String> = []

    public func pages(_ language: String, _ section: SourcePage.Section) -> [Page] {
        pages.filter { $0.language == language && $0.section == section }
    }

    public func page(atPath path: String) -> Page? {
        pageIndexByPath[path].map { pages[$0] }
    }

    public func page(atURL url: String) -> Page? {
        pageIndexByURL[url].map { pages[$0] }
    }

    /// Site-absolute URL of a generated index page, e.g. `url("guide", in: "en")` → `/en/guide/`.
    public func url(_ section: String, in language: String) -> String {
        config.root(of: language) + (section.isEmpty ? "" : section + "/")
    }
}
