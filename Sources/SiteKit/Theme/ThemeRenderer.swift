import Foundation

/// The theme stage's core: renders a page kind's template inside the base layout with the values
/// every page needs (head, header, language switcher, breadcrumbs, footer).
public struct ThemeRenderer: Sendable {
    public let site: Site
    public let theme: Theme
    /// Asset path → URL (relative to the site's root) with a content hash, so browsers reload changed files.
    public let assetURLs: [String: String]
    /// Template name of each asset (`css/site.css` → `css_site_css`) → its URL, made once for all pages.
    let assetURLsByTemplateName: [String: String]
    /// Language code → link to the guide's PDF (URL and size text) when it was built.
    public var downloads: [String: (url: String, size: String)] = [:]

    /// Language → translation key (`pages/about`) → URL, for menu entries.
    let urlByKey: [String: [String: String]]
    /// The most pages of `pages/` the footer lists (the first by weight and title): every page
    /// has the footer, so listing all of them made the site grow with the square of their number.
    public static let footerLimit = 12

    /// The assets' URLs from the site's root (`{{assets.css_site_css}}`), made once for all pages.
    let siteRootAssets: TemplateValue

    /// Language → the UI strings (`t.…` in templates), made once for all pages.
    let stringValues: [String: TemplateValue]

    /// URL of each numbered chapter → „Глава 2“ / "Chapter 2", made once: every page's side list shows them.
    let chapterLabels: [String: String]

    /// „Глава 2“ / "Chapter 2" for a numbered chapter, otherwise nothing.
    func chapterLabel(_ page: Page) -> String {
        chapterLabels[page.url] ?? ""
    }

    /// Language → the values of the page frame that are the same on every page of the
    /// language (publishers, footer links, project), made once; and their names for the check.
    let languageValues: [String: TemplateFields]
    let languageNames: [String: TemplateNames]
    static let languageValueNames: Set<String> = ["publishers", "footerLinks", "project"]

    public init(site: Site, theme: Theme) {
        self.site = site
        self.theme = theme
        var byKey: [String: [String: String]] = [:]
        var footer: [String: [[String: String]]] = [:]
        var labels: [String: String] = [:]
        for page in site.pages {
            if let number = page.chapterNumber {
                labels[page.url] = theme.string(.chapter, page.language).filling(with: String(number))
            }
            byKey[page.language, default: [:]][page.source.key] = page.url
            if page.section == .pages, footer[page.language, default: []].count < Self.footerLimit {
                footer[page.language, default: []].append(["title": page.title, "url": page.url])
            }
        }
        self.urlByKey = byKey
        var languageValues: [String: TemplateFields] = [:]
        var languageNames: [String: TemplateNames] = [:]
        let config = site.config
        for language in config.languageCodes {
            let constant = TemplateValue([
                "publishers": config.publishers.map { ["name": $0.name[language] ?? "", "website": $0.website ?? ""] },
                "footerLinks": footer[language] ?? [],
                "project": [
                    "number": config.project.number,
                    "title": config.project.title[language] ?? "",
                    "programme": config.project.programme[language] ?? "",
                    "procedure": config.project.procedure[language] ?? "",
                    "budget": config.project.budget[language] ?? "",
                    "period": config.project.period[language] ?? "",
                    "year": config.project.year,
                ] as [String: Any],
            ] as [String: Any])
            guard case .object(let values) = constant else { continue }
            languageValues[language] = values
            constant.collectNames(into: &languageNames[language, default: TemplateNames()])
        }
        self.languageValues = languageValues
        self.languageNames = languageNames
        self.chapterLabels = labels
        var urls: [String: String] = [:]
        for (path, data) in theme.assets {
            urls[path] = SiteFolder.assets.path("\(path)?v=\(Self.shortHash(data))")
        }
        self.assetURLs = urls
        var byName: [String: String] = [:]
        for (path, url) in urls {
            byName[Theme.assetName(path)] = url
        }
        self.assetURLsByTemplateName = byName
        self.stringValues = theme.strings.mapValues { TemplateValue($0) }
        self.siteRootAssets = TemplateValue(byName.mapValues { "/" + $0 })
    }

    /// A page rendered with a template: the HTML, and the names its values had, for the check
    /// that every name a template uses is one that some page gives it (`Theme.unknownNames`).
    public struct ThemedPage: Sendable {
        public var template: String
        public var bytes: [UInt8]
        public var names: TemplateNames
    }

    /// A complete HTML document: the page frame's values and `values`, converted.
    public func render(_ template: String, frame: PageFrame, values: [String: Any]) -> ThemedPage {
        var context = common(frame)
        for (key, value) in values { context.set(key, converting: value) }
        return render(template, language: frame.language, context: context)
    }

    /// A complete HTML document: the page frame's values and `values` (`capacity`: about the
    /// page's size in bytes, see `TemplateLibrary.render`).
    func render(_ template: String, frame: PageFrame, object values: TemplateObject, capacity: Int = TemplateLibrary.pageCapacity) -> ThemedPage {
        var context = common(frame)
        context.merge(values)
        return render(template, language: frame.language, context: context, capacity: capacity)
    }

    /// A complete HTML document from its values, those of `common(_:)` among them.
    func render(_ template: String, language: String, context: TemplateObject, capacity: Int = TemplateLibrary.pageCapacity) -> ThemedPage {
        let value = context.value
        // The UI strings and assets are the same on every page, and their names checked apart.
        // (and those of the language's values, which are the same on every page, are known already).
        var names = languageNames[language] ?? TemplateNames()
        value.collectNames(into: &names, skipping: Self.skippedNames)
        return ThemedPage(template: template, bytes: theme.render(template, value, capacity: capacity), names: names)
    }

    static let skippedNames = languageValueNames.union(["t", "assets"])

    /// The values every page has: the page frame's.
    func common(_ frame: PageFrame) -> TemplateObject {
        let config = site.config
        let language = frame.language
        let base = config.baseURLWithoutSlash
        let languageInfo = config.language(language)
        let root = config.root(of: language)

        var alternates: [TemplateObject] = []
        for code in config.languageCodes {
            if let url = frame.translations[code] { alternates.append(Self.object(["hreflang": code, "href": base + url])) }
        }
        if !alternates.isEmpty {
            let xDefault = frame.translations[config.defaultLanguage] ?? frame.url
            alternates.append(Self.object(["hreflang": "x-default", "href": base + xDefault]))
        }

        var switcher: [TemplateObject] = []
        for other in config.languages where other.code != language {
            if let url = frame.translations[other.code] {
                switcher.append(Self.object(["href": url, "lang": other.code, "name": other.name,
                                             "label": theme.string(.readInLanguage, other.code)]))
            } else {
                switcher.append(Self.object(["href": config.root(of: other.code), "lang": other.code, "name": other.name,
                                             "label": theme.string(.readInLanguage, other.code),
                                             "note": theme.string(.untranslatedNote, other.code)]))
            }
        }

        let menu: [TemplateObject] = (languageInfo?.menu ?? []).map { item in
            let url = menuURL(item.link, language: language)
            var entry = Self.object(["title": item.title, "url": url])
            entry.set("current", url == frame.url || item.link == frame.menuSection?.menuName)
            return entry
        }

        var values = TemplateObject(capacity: 48)
        if let constant = languageValues[language] { values.merge(constant) }
        values.set("lang", language)
        values.set("t", value: stringValues[language] ?? .object([:]))
        values.set("assets", value: frame.assetRoot == "/" ? siteRootAssets : TemplateValue(assetURLsByTemplateName.mapValues { frame.assetRoot + $0 }))
        values.set("root", root)
        values.set("searchURL", site.url(.search, in: language))
        values.set("printURL", site.url(.print, in: language))
        if let download = downloads[language] {
            values.set("download", Self.object(["url": download.url, "size": download.size]))
        } else {
            values.set("download", value: .absent(["url", "size"]))
        }
        values.set("siteTitle", languageInfo?.title ?? "")
        values.set("siteSubtitle", languageInfo?.subtitle ?? "")
        values.set("pageTitle", frame.title)
        values.set("documentTitle", frame.url == root ? (languageInfo?.title ?? frame.title) : "\(frame.title) — \(languageInfo?.title ?? "")")
        values.set("description", frame.description)
        values.set("canonical", frame.translations.isEmpty ? "" : base + frame.url)
        values.set("alternates", alternates)
        values.set("noindex", frame.noindex)
        values.set("isHome", frame.url == root)
        values.set("switcher", switcher)
        values.set("menu", menu)
        if frame.breadcrumbs.isEmpty {
            values.set("breadcrumbs", false)
        } else {
            var items = [Self.object(["title": theme.string(.home, language), "url": root])]
            items += frame.breadcrumbs.map { Self.object(["title": $0.title, "url": $0.url]) }
            var breadcrumbs = TemplateObject(capacity: 2)
            breadcrumbs.set("items", items)
            values.set("breadcrumbs", breadcrumbs)
        }
        values.set("fundingNotice", config.fundingNotice[language] ?? "")
        return values
    }

    /// An object of texts (an empty one absent).
    static func object(_ texts: KeyValuePairs<String, String>) -> TemplateObject {
        var object = TemplateObject(capacity: texts.count)
        for (key, text) in texts { object.set(key, text) }
        return object
    }

    /// URL of a menu entry: a generated page by name (`guide`), a content file (`pages/about`) or
    /// a URL as written (`MenuChecker` warns of any other).
    public func menuURL(_ link: String, language: String) -> String {
        if let url = urlByKey[language]?[link] { return url }
        if let generated = GeneratedPage(rawValue: link) { return site.url(generated, in: language) }
        return link
    }

    /// A value that is not there: prints as nothing, and a section over it is skipped.
    struct Absent {
        /// The names the value has when it is there (for the template check).
        var names: Set<String> = []
    }

    /// A short, stable hash of a file's bytes (FNV-1a, 64 bit, as hex).
    static func shortHash(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x100000001b3
        }
        return String(String(hash, radix: 16).prefix(10))
    }
}
