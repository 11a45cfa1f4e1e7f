import Foundation

/// Reads every HTML page of a built site from disk and checks what a visitor and a search engine
/// would notice: broken links and anchors, the page language, hreflang alternates, the language
/// switcher, the sitemap, requests to other hosts and duplicate ids. Each check returns a list of
/// problems that names the page, so a failing test says where and what.
///
/// Reusable by later tests (search, print): `SiteCrawler(root:baseURL:languages:)`, then any check
/// or `allProblems()`.
struct SiteCrawler: Sendable {
    struct Problem: CustomStringConvertible, Hashable, Sendable {
        /// Site path of the page or file, e.g. `/en/guide/key-concepts/` or `/assets/css/site.css`.
        var page: String
        var line: Int?
        var message: String
        var description: String { "\(page)\(line.map { ":\($0)" } ?? ""): \(message)" }
    }

    struct Page: Sendable {
        /// Site path: `/`, `/en/guide/key-concepts/`, `/404.html`.
        var path: String
        var file: URL
        var html: String
        var document: HTMLDocument

        var isNoindex: Bool {
            document.elements("meta").contains { $0["name"]?.lowercased() == "robots" && ($0["content"] ?? "").lowercased().contains("noindex") }
        }

        /// `hreflang` → href of `<link rel="alternate" hreflang>`, in order (repeats kept).
        var alternates: [(language: String, href: String)] {
            document.elements("link").filter { $0.words("rel").contains("alternate") && $0["hreflang"] != nil }
                .map { (language: $0["hreflang"]!, href: $0["href"] ?? "") }
        }
    }

    /// A reference from a page to a URL, resolved against the output folder.
    enum Target: Equatable, Sendable {
        /// A file of the site: its site path (`/guide/x/`), the file on disk and a `#fragment`.
        case local(path: String, file: URL, fragment: String?)
        case missing(path: String)
        case external(String)
        /// `mailto:`, `tel:` and the like: nothing to check.
        case other(String)
        case empty
    }

    let root: URL
    /// Without a trailing slash: `https://www.digital-vidin.eu`.
    let baseURL: String
    /// The default language first; the others live under `/code/`.
    let languages: [String]
    /// Site path → page, for every `.html` file.
    let pages: [String: Page]
    /// Site path → file, for every file of the site.
    let files: [String: URL]
    /// Site path → text of every stylesheet, read when crawled (the folder may be gone later).
    let stylesheets: [String: String]
    /// The text of `/sitemap.xml`, if the site has one.
    let sitemap: String?

    var defaultLanguage: String { languages.first ?? "bg" }

    init(root: URL, baseURL: String, languages: [String]) throws {
        self.root = root.standardizedFileURL
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.languages = languages
        var pages: [String: Page] = [:]
        var files: [String: URL] = [:]
        let base = self.root.resolvingSymlinksInPath().path
        let enumerator = FileManager.default.enumerator(at: self.root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            let full = url.standardizedFileURL.resolvingSymlinksInPath().path
            guard full.hasPrefix(base + "/") else { continue }
            let relative = String(full.dropFirst(base.count + 1))
            let sitePath = "/" + relative
            files[sitePath] = url
            guard relative.hasSuffix(".html") else { continue }
            let path = relative == "index.html" ? "/" : relative.hasSuffix("/index.html") ? "/" + relative.dropLast("index.html".count) : sitePath
            let html = try String(contentsOf: url, encoding: .utf8)
            pages[path] = Page(path: path, file: url, html: html, document: HTMLDocument(html))
        }
        self.pages = pages
        self.files = files
        var stylesheets: [String: String] = [:]
        for (path, url) in files where path.hasSuffix(".css") { stylesheets[path] = try String(contentsOf: url, encoding: .utf8) }
        self.stylesheets = stylesheets
        sitemap = try files["/sitemap.xml"].map { try String(contentsOf: $0, encoding: .utf8) }
    }

    var sortedPages: [Page] { pages.keys.sorted().map { pages[$0]! } }

    /// The language a page's URL says it is in: `/en/…` → `en`, everything else the default.
    func language(ofPath path: String) -> String {
        for code in languages.dropFirst() where path.hasPrefix("/\(code)/") { return code }
        return defaultLanguage
    }

    func rootPath(of language: String) -> String { language == defaultLanguage ? "/" : "/\(language)/" }

    // MARK: Resolving references

    /// Resolves `reference` as written in the page at `path` (a site path).
    func resolve(_ reference: String, from path: String) -> Target {
        var value = reference.trimmingCharacters(in: .whitespacesAndNewlines)
        if value.isEmpty { return .empty }
        if value == baseURL { value = "/" } else if value.hasPrefix(baseURL + "/") { value = String(value.dropFirst(baseURL.count)) }
        if value.hasPrefix("//") { return .external(value) }
        if let colon = value.firstIndex(of: ":"),
           value[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) }),
           value.first?.isLetter == true {
            let scheme = value[..<colon].lowercased()
            return scheme == "http" || scheme == "https" ? .external(value) : .other(value)
        }
        var fragment: String?
        if let hash = value.firstIndex(of: "#") {
            fragment = String(value[value.index(after: hash)...])
            value = String(value[..<hash])
        }
        if let question = value.firstIndex(of: "?") { value = String(value[..<question]) }
        var sitePath: String
        if value.isEmpty {
            sitePath = path
        } else if value.hasPrefix("/") {
            sitePath = value
        } else {
            let directory = path.hasSuffix("/") ? path : String(path[...path.lastIndex(of: "/")!])
            sitePath = directory + value
        }
        let trailingSlash = sitePath.hasSuffix("/")
        var stack: [String] = []
        for component in sitePath.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                if stack.isEmpty { return .missing(path: sitePath) }
                stack.removeLast()
            default: stack.append(String(component))
            }
        }
        sitePath = "/" + stack.joined(separator: "/") + (trailingSlash && !stack.isEmpty ? "/" : "")
        sitePath = sitePath.removingPercentEncoding ?? sitePath
        let decodedFragment = fragment.map { $0.removingPercentEncoding ?? $0 }
        if sitePath.hasSuffix("/") {
            if let file = files[sitePath + "index.html"] { return .local(path: sitePath, file: file, fragment: decodedFragment) }
            return .missing(path: sitePath)
        }
        if let file = files[sitePath] {
            // `/guide/x/index.html` is the page `/guide/x/`.
            let page = sitePath.hasSuffix("/index.html") ? String(sitePath.dropLast("index.html".count)) : sitePath
            return .local(path: page, file: file, fragment: decodedFragment)
        }
        // `/guide/x` without the slash: a static host redirects to `/guide/x/`.
        if let file = files[sitePath + "/index.html"] { return .local(path: sitePath + "/", file: file, fragment: decodedFragment) }
        return .missing(path: sitePath)
    }

    /// The site path of a page reference, when it resolves to a page of the site.
    func pagePath(_ reference: String, from path: String) -> String? {
        if case .local(let target, _, _) = resolve(reference, from: path), pages[target] != nil { return target }
        return nil
    }

    /// Every URL-valued attribute of a page: (element, attribute name, value).
    static let urlAttributes: Set<String> = ["href", "src", "action", "poster", "data", "cite", "formaction", "data-index"]

    func references(in page: Page) -> [(element: HTMLDocument.Element, attribute: String, value: String)] {
        var result: [(HTMLDocument.Element, String, String)] = []
        for element in page.document.elements {
            for attribute in element.attributeList {
                if SiteCrawler.urlAttributes.contains(attribute.name) {
                    if attribute.name == "data", element.name != "object" { continue }
                    result.append((element, attribute.name, attribute.value))
                } else if attribute.name == "srcset" {
                    for candidate in attribute.value.split(separator: ",") {
                        if let url = candidate.split(whereSeparator: { $0.isWhitespace }).first { result.append((element, "srcset", String(url))) }
                    }
                }
            }
        }
        return result
    }

    // MARK: Checks

    /// Every internal href/src/action leads to a file of the site, and every `#fragment` to an id on the target page.
    func brokenLinks() -> [Problem] {
        var problems: [Problem] = []
        for page in sortedPages {
            for (element, attribute, value) in references(in: page) {
                let what = "<\(element.name) \(attribute)=\"\(value)\">"
                switch resolve(value, from: page.path) {
                case .empty:
                    problems.append(Problem(page: page.path, line: element.line, message: "\(what) is empty"))
                case .missing(let path):
                    problems.append(Problem(page: page.path, line: element.line, message: "\(what) points to \(path), which the site does not have"))
                case .local(let path, _, let fragment):
                    guard let fragment, !fragment.isEmpty, let target = pages[path] else { continue }
                    if target.document.idCounts[fragment] == nil {
                        problems.append(Problem(page: page.path, line: element.line, message: "\(what): \(path) has no id '\(fragment)'"))
                    }
                case .external, .other:
                    continue
                }
            }
        }
        for (path, css) in stylesheets.sorted(by: { $0.key < $1.key }) {
            for url in SiteCrawler.cssURLs(css) {
                if case .missing(let missing) = resolve(url, from: path) {
                    problems.append(Problem(page: path, line: nil, message: "url(\(url)) points to \(missing), which the site does not have"))
                }
            }
        }
        return problems
    }

    /// `<html lang>` matches the URL: `/en/…` is English, everything else (and 404.html) the default language.
    func languageProblems() -> [Problem] {
        sortedPages.compactMap { page in
            let expected = language(ofPath: page.path)
            guard let lang = page.document.language else {
                return Problem(page: page.path, line: nil, message: "<html> has no lang attribute (expected '\(expected)')")
            }
            return lang == expected ? nil : Problem(page: page.path, line: page.document.elements("html").first?.line,
                                                    message: "<html lang=\"\(lang)\">, but the URL says '\(expected)'")
        }
    }

    /// Every page but 404.html has hreflang alternates with x-default and itself; alternates are reciprocal.
    func hreflangProblems(exempt: Set<String> = ["/404.html"]) -> [Problem] {
        var problems: [Problem] = []
        for page in sortedPages where !exempt.contains(page.path) {
            let alternates = page.alternates
            let own = language(ofPath: page.path)
            func problem(_ message: String) { problems.append(Problem(page: page.path, line: nil, message: message)) }
            if alternates.isEmpty { problem("no <link rel=\"alternate\" hreflang> alternates"); continue }
            let byLanguage = Dictionary(alternates.map { ($0.language, $0.href) }, uniquingKeysWith: { first, _ in first })
            if byLanguage.count != alternates.count { problem("an hreflang appears twice: \(alternates.map(\.language))") }
            guard let xDefault = byLanguage["x-default"] else { problem("the alternates have no x-default"); continue }
            if pagePath(xDefault, from: page.path) == nil { problem("x-default \(xDefault) is not a page of the site") }
            if byLanguage[own].flatMap({ pagePath($0, from: page.path) }) != page.path {
                problem("the alternates do not list the page itself for '\(own)' (got \(byLanguage[own] ?? "nothing"))")
            }
            for (language, href) in alternates where language != "x-default" {
                if !href.hasPrefix("https://") && !href.hasPrefix("http://") { problem("hreflang=\"\(language)\" href \(href) is not absolute") }
                guard let otherPath = pagePath(href, from: page.path), let other = pages[otherPath] else {
                    problem("hreflang=\"\(language)\" points to \(href), which is not a page of the site"); continue
                }
                if otherPath == page.path { continue }
                if other.document.language != language {
                    problem("hreflang=\"\(language)\" points to \(otherPath), whose <html lang> is '\(other.document.language ?? "none")'")
                }
                let back = other.alternates.first { $0.language == own }.flatMap { pagePath($0.href, from: otherPath) }
                if back != page.path {
                    problem("lists \(otherPath) as its '\(language)' version, but \(otherPath) lists \(back ?? "no page") as its '\(own)' version")
                }
                let otherDefault = other.alternates.first { $0.language == "x-default" }?.href
                if otherDefault != xDefault { problem("x-default is \(xDefault), but on \(otherPath) it is \(otherDefault ?? "missing")") }
            }
        }
        return problems
    }

    /// The `<a>` elements of a page's language switcher (`<nav class="language-switcher">`).
    func switcherLinks(_ page: Page) -> [HTMLDocument.Element]? {
        let document = page.document
        guard document.elements.contains(where: { $0.name == "nav" && $0.words("class").contains("language-switcher") }) else { return nil }
        return document.elements("a").filter { link in
            document.isInside(link) { $0.name == "nav" && $0.words("class").contains("language-switcher") }
        }
    }

    /// Every page but 404.html offers each other language in its switcher: a visible link to the
    /// counterpart when the page is translated, else to that language's home page.
    func switcherProblems(exempt: Set<String> = ["/404.html"]) -> [Problem] {
        var problems: [Problem] = []
        for page in sortedPages where !exempt.contains(page.path) {
            func problem(_ message: String) { problems.append(Problem(page: page.path, line: nil, message: message)) }
            guard let links = switcherLinks(page) else { problem("the page has no language switcher"); continue }
            let own = language(ofPath: page.path)
            let counterparts = Dictionary(page.alternates.filter { $0.language != "x-default" }.map { ($0.language, $0.href) },
                                          uniquingKeysWith: { first, _ in first })
            for language in languages where language != own {
                let expected = counterparts[language].flatMap { pagePath($0, from: page.path) } ?? rootPath(of: language)
                let link = links.first { pagePath($0["href"] ?? "", from: page.path) == expected }
                guard let link else {
                    let offered = links.map { $0["href"] ?? "" }
                    problem("the language switcher has no link to \(expected) (\(language)); it links to \(offered)")
                    continue
                }
                let text = link.text.trimmingCharacters(in: .whitespacesAndNewlines)
                if text.isEmpty || link["hidden"] != nil || link.words("class").contains("visually-hidden") {
                    problem("the language switcher's link to \(expected) is not visible")
                }
            }
        }
        return problems
    }

    /// Site paths listed in sitemap.xml (`<loc>`), with their base URL removed.
    func sitemapPaths() -> [String]? {
        guard let xml = sitemap else { return nil }
        var paths: [String] = []
        var rest = xml[...]
        while let open = rest.range(of: "<loc>"), let close = rest.range(of: "</loc>", range: open.upperBound..<rest.endIndex) {
            let url = HTMLDocument.decodeEntities(String(rest[open.upperBound..<close.lowerBound]))
            paths.append(url.hasPrefix(baseURL) ? String(url.dropFirst(baseURL.count)) : url)
            rest = rest[close.upperBound...]
        }
        return paths
    }

    /// Every indexable page is in sitemap.xml; every entry is an indexable page of the site.
    func sitemapProblems(exempt: Set<String> = ["/404.html"]) -> [Problem] {
        guard let listed = sitemapPaths() else { return [Problem(page: "/sitemap.xml", line: nil, message: "the site has no sitemap.xml")] }
        var problems: [Problem] = []
        let set = Set(listed)
        if set.count != listed.count { problems.append(Problem(page: "/sitemap.xml", line: nil, message: "a URL is listed twice")) }
        for page in sortedPages where !exempt.contains(page.path) {
            if page.isNoindex {
                if set.contains(page.path) { problems.append(Problem(page: page.path, line: nil, message: "the page is noindex but listed in sitemap.xml")) }
            } else if !set.contains(page.path) {
                problems.append(Problem(page: page.path, line: nil, message: "the page is indexable but missing from sitemap.xml"))
            }
        }
        for path in listed.sorted() where pages[path] == nil {
            problems.append(Problem(page: "/sitemap.xml", line: nil, message: "lists \(path), which is not a page of the site"))
        }
        return problems
    }

    /// Elements whose URL the browser loads by itself (as opposed to a link a visitor follows).
    static func loadedURLs(_ element: HTMLDocument.Element) -> [String] {
        var urls: [String] = []
        switch element.name {
        case "script", "img", "iframe", "embed", "audio", "video", "source", "track", "input", "frame":
            if let src = element["src"] { urls.append(src) }
        case "object":
            if let data = element["data"] { urls.append(data) }
        case "link":
            let loading: Set<String> = ["stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "apple-touch-icon", "mask-icon", "dns-prefetch", "preconnect"]
            if !Set(element.words("rel")).isDisjoint(with: loading), let href = element["href"] { urls.append(href) }
        default:
            break
        }
        if let poster = element["poster"] { urls.append(poster) }
        if let srcset = element["srcset"] {
            urls += srcset.split(separator: ",").compactMap { $0.split(whereSeparator: { $0.isWhitespace }).first.map(String.init) }
        }
        return urls
    }

    /// `url(…)` and `@import` targets in CSS text.
    static func cssURLs(_ css: String) -> [String] {
        var urls: [String] = []
        var rest = css[...]
        while let open = rest.range(of: "url(") {
            guard let close = rest[open.upperBound...].firstIndex(of: ")") else { break }
            let raw = rest[open.upperBound..<close].trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\"'")))
            if !raw.hasPrefix("data:"), !raw.hasPrefix("#") { urls.append(raw) }
            rest = rest[close...]
        }
        return urls
    }

    static func isExternalLoad(_ url: String, baseURL: String) -> Bool {
        let lower = url.trimmingCharacters(in: .whitespaces).lowercased()
        if lower.hasPrefix(baseURL.lowercased() + "/") { return false }
        return lower.hasPrefix("http:") || lower.hasPrefix("https:") || lower.hasPrefix("//")
    }

    /// Nothing is loaded from another host: scripts, stylesheets, images, frames, fonts, CSS imports.
    func externalResourceProblems() -> [Problem] {
        var problems: [Problem] = []
        for page in sortedPages {
            for element in page.document.elements {
                for url in SiteCrawler.loadedURLs(element) where SiteCrawler.isExternalLoad(url, baseURL: baseURL) {
                    problems.append(Problem(page: page.path, line: element.line, message: "<\(element.name)> loads \(url) from another host"))
                }
                let styles = (element.name == "style" ? [element.text] : []) + (element["style"].map { [$0] } ?? [])
                for css in styles {
                    if css.contains("@import") {
                        problems.append(Problem(page: page.path, line: element.line, message: "inline CSS uses @import"))
                    }
                    for url in SiteCrawler.cssURLs(css) where SiteCrawler.isExternalLoad(url, baseURL: baseURL) {
                        problems.append(Problem(page: page.path, line: element.line, message: "inline CSS loads \(url) from another host"))
                    }
                }
            }
        }
        for (path, css) in stylesheets.sorted(by: { $0.key < $1.key }) {
            if css.contains("@import") { problems.append(Problem(page: path, line: nil, message: "the stylesheet uses @import")) }
            for url in SiteCrawler.cssURLs(css) where SiteCrawler.isExternalLoad(url, baseURL: baseURL) {
                problems.append(Problem(page: path, line: nil, message: "the stylesheet loads \(url) from another host"))
            }
        }
        return problems
    }

    /// No id appears twice in a page.
    func duplicateIDProblems() -> [Problem] {
        sortedPages.flatMap { page in
            page.document.idCounts.filter { $0.value > 1 }.keys.sorted().map { id in
                let line = page.document.elements.first { $0.attributeList.contains { $0.name == "id" && $0.value == id } }?.line
                return Problem(page: page.path, line: line, message: "the id '\(id)' appears \(page.document.idCounts[id]!) times")
            }
        }
    }

    func allProblems() -> [Problem] {
        brokenLinks() + languageProblems() + hreflangProblems() + switcherProblems() + sitemapProblems()
            + externalResourceProblems() + duplicateIDProblems()
    }
}

extension Array where Element == SiteCrawler.Problem {
    /// One problem per line, for failure messages.
    var listing: String { map(\.description).joined(separator: "\n") }
}
