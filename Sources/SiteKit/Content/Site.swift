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

    /// The URL of the page made from the file at `path`, without copying the page.
    public func url(ofPageAtPath path: String) -> String? {
        pageIndexByPath[path].map { pages[$0].url }
    }

    public func page(atURL url: String) -> Page? {
        pageIndexByURL[url].map { pages[$0] }
    }

    /// Site-absolute URL of a page the build makes itself, e.g. `url(.guide, in: "en")` → `/en/guide/`.
    public func url(_ page: GeneratedPage, in language: String) -> String { page.url(in: language, config: config) }
}

/// The pages the build makes itself, one of each per language, besides the content pages. Each
/// owns its URL and output path; this is the one place that spells them.
public enum GeneratedPage: String, CaseIterable, Sendable {
    case home = ""
    case guide
    case caseStudies = "case-studies"
    case news
    case search
    case print

    /// Site-absolute URL (`/en/guide/`).
    public func url(in language: String, config: SiteConfig) -> String {
        config.root(of: language) + (rawValue.isEmpty ? "" : rawValue + "/")
    }

    /// The file the page is written to, relative to the output folder (`en/guide/index.html`).
    public func outputPath(in language: String, config: SiteConfig) -> String {
        String(url(in: language, config: config).dropFirst()) + "index.html"
    }

    /// Language code → URL of this page in that language, for every language of the site.
    public func translations(config: SiteConfig) -> [String: String] {
        Dictionary(uniqueKeysWithValues: config.languageCodes.map { ($0, url(in: $0, config: config)) })
    }

    /// The news feed of a language (`/en/news/atom.xml`).
    public static func feedURL(in language: String, config: SiteConfig) -> String {
        GeneratedPage.news.url(in: language, config: config) + "atom.xml"
    }

    /// The search index root of a language (`/en/search/index.json`); its term and text chunks are beside it.
    public static func searchIndexURL(in language: String, config: SiteConfig) -> String {
        GeneratedPage.search.url(in: language, config: config) + "index.json"
    }

    /// The menu entry a page belongs to (`guide` in site.yml's menus).
    public var menuName: String { rawValue }
}

/// The folders of the output that hold files rather than pages: the theme's assets, the
/// content's media, the guide's PDFs. Their names are taken: no page may have them as its URL.
public enum SiteFolder: String, CaseIterable, Sendable {
    case assets, media, downloads

    /// `assets/` + `path`.
    public func path(_ path: String) -> String { rawValue + "/" + path }
}
