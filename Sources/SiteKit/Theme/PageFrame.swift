/// What every HTML page of the site has around its content: language, URLs of itself and its
/// translations, title and description. The theme turns it, with the page kind's own values,
/// into a complete document.
public struct PageFrame: Sendable {
    public var language: String
    /// Site-absolute URL path (`/en/guide/`).
    public var url: String
    public var title: String
    public var description: String
    /// Language code → URL of the same page in that language (including this one).
    public var translations: [String: String]
    public var noindex: Bool = false
    /// Title and URL of each level above this page (the home is implied).
    public var breadcrumbs: [(title: String, url: String)] = []
    /// The menu entry (`guide`, `case-studies`, …) this page belongs to.
    public var menuSection: GeneratedPage?
    /// Where the page finds the site's assets: `/` on the site; `../` on the print page, which
    /// must also render from a file.
    public var assetRoot = "/"

    public init(language: String, url: String, title: String, description: String, translations: [String: String]) {
        self.language = language
        self.url = url
        self.title = title
        self.description = description
        self.translations = translations
    }
}
