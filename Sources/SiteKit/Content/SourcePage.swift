/// One Markdown file as an editor wrote it: where it is, its front matter and its body.
public struct SourcePage: Sendable, Equatable {
    public enum Section: String, Sendable, CaseIterable, Comparable {
        case guide
        case caseStudies = "case-studies"
        case pages
        case news

        public static func < (a: Section, b: Section) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    public var section: Section
    /// The file name without language and extension (`01-key-concepts`): a file and its
    /// translation share it.
    public var name: String
    public var language: String
    /// Path inside the content folder, with `/` separators (`guide/01-key-concepts.bg.md`).
    public var path: String
    /// Path as the editor sees it, for diagnostics (`content/guide/01-key-concepts.bg.md`).
    public var file: String
    public var frontMatter: FrontMatter
    public var body: String
    /// Line number (1-based) in the file of the body's first line.
    public var bodyLine: Int

    /// The translation key: section and name.
    public var key: String { "\(section.rawValue)/\(name)" }
}

/// The YAML front matter of a page. Case-study fields are empty on other pages.
public struct FrontMatter: Sendable, Hashable {
    public enum Part: String, Sendable, Hashable {
        case foreword, chapter, annex
    }

    public var title: String = ""
    public var slug: String?
    public var summary: String?
    public var weight: Int?
    public var draft: Bool = false
    /// `YYYY-MM-DD`.
    public var date: String?
    public var part: Part = .chapter
    public var city: String?
    public var country: String?
    public var population: Int?
    public var year: Int?
    public var topics: [String] = []
    public var website: String?
    /// In a translation: the fingerprint of the source text it translates, or `untranslated`
    /// (see `TranslationFingerprint`).
    public var translationOf: String?
    /// The line of each field in the file, for diagnostics about its value.
    public var lines: [String: Int] = [:]

    public init() {}

    static let commonKeys = ["title", "slug", "summary", "weight", "draft", "date", "translation-of"]
    static let guideKeys = commonKeys + ["part"]
    static let caseStudyKeys = commonKeys + ["city", "country", "population", "year", "topics", "website"]

    static func allowedKeys(for section: SourcePage.Section) -> [String] {
        switch section {
        case .guide: guideKeys
        case .caseStudies: caseStudyKeys
        case .pages, .news: commonKeys
        }
    }
}
