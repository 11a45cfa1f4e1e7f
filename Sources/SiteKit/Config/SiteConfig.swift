/// What `content/site.yml` says: the languages, menus, publishers, the project's particulars and
/// the EU-funding notice. Texts that differ per language are `[language code: text]`.
public struct SiteConfig: Sendable, Hashable {
    public struct Language: Sendable, Hashable {
        public var code: String
        /// The language's own name, for the language switcher (Български, English).
        public var name: String
        public var title: String
        public var subtitle: String
        public var description: String
        public var menu: [MenuItem]
        /// Words for the PDF's Keywords field.
        public var keywords: String = ""
    }

    public struct MenuItem: Sendable, Hashable {
        public var title: String
        /// A section (`guide`, `case-studies`, `news`, `search`, `print`), a content file
        /// (`pages/about`) or an absolute URL.
        public var link: String
        public var line: Int
    }

    public struct Publisher: Sendable, Hashable {
        public var name: [String: String]
        public var website: String?
    }

    public struct Project: Sendable, Hashable {
        public var number: String
        public var title: [String: String]
        public var programme: [String: String]
        public var procedure: [String: String]
        public var budget: [String: String]
        public var period: [String: String]
        public var year: String
    }

    public var baseURL: String
    public var theme: String
    /// The first language is the default one and lives at `/`; the others at `/code/`.
    public var languages: [Language]
    public var publishers: [Publisher]
    public var project: Project
    public var fundingNotice: [String: String]
    /// The guide's edition per language („Второ, актуализирано издание, 2026 г.“), shown on the
    /// print cover and in the PDF; empty when site.yml names none.
    public var edition: [String: String] = [:]
    public var allowRawHTML: Bool
    /// The PDFs' file name before the language (`digital-vidin-guide` → `downloads/digital-vidin-guide-bg.pdf`).
    public var pdfName: String = "guide"
    /// Paths inside the output folder that every build keeps from the previous site (besides
    /// `.git`, which is always kept): files another tool or the host put there.
    public var keep: [String] = []
    /// The configuration file as the editor knows it, for diagnostics.
    public var file: String = "site.yml"

    public var defaultLanguage: String { languages.first?.code ?? "bg" }
    public var languageCodes: [String] { languages.map(\.code) }

    public func language(_ code: String) -> Language? { languages.first { $0.code == code } }

    /// The URL path of a language's root: `/` for the default language, `/en/` for the others.
    public func root(of language: String) -> String {
        language == defaultLanguage ? "/" : "/\(language)/"
    }

    /// `baseURL` without a trailing slash, for joining with site paths.
    public var baseURLWithoutSlash: String {
        baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    }
}
