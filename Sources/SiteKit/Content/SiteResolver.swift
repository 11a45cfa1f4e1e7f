/// The resolve stage: pairs translations, assigns slugs and URLs, orders chapters and detects
/// collisions. Knows nothing of Markdown.
public enum SiteResolver {
    /// URL segments that generated pages use; a page's slug may not take them.
    /// The longest URL part a page may have: every folder name must fit the file system's limit
    /// of 255 bytes, and a link this long is already hard to read.
    static let maximumSlugLength = 120

    /// The URLs of the site's own pages and folders (`/guide/`, `/search/`, `/assets/`), and 404.
    static let reservedSlugs: Set<String> = Set(SourcePage.Section.allCases.filter { $0 != .pages }.map(\.rawValue))
        .union(GeneratedPage.allCases.map(\.rawValue).filter { !$0.isEmpty })
        .union(SiteFolder.allCases.map(\.rawValue))
        .union(["404"])

    public static func resolve(_ content: LoadedContent) -> (Site, [Diagnostic]) {
        let config = content.config
        var diagnostics: [Diagnostic] = []
        var pages: [Page] = []
        pages.reserveCapacity(content.pages.count)
        // The pages of each language and section, as numbers into `content.pages` (one pass, and no
        // copies of the pages while they are sorted).
        var groups: [String: [SourcePage.Section: [Int]]] = [:]
        for (index, source) in content.pages.enumerated() {
            groups[source.language, default: [:]][source.section, default: []].append(index)
        }
        // Transliterating thousands of titles: on all cores.
        let slugs = content.pages.parallelMap { $0.frontMatter.slug ?? Slug.make($0.frontMatter.title) }
        for language in config.languageCodes {
            for section in SourcePage.Section.allCases {
                let sources = ordered(groups[language]?[section] ?? [], in: content.pages)
                var chapter = 0
                for (order, sourceIndex) in sources.enumerated() {
                    let source = content.pages[sourceIndex]
                    let slug = slugs[sourceIndex]
                    let prefix = section == .pages ? "" : section.rawValue + "/"
                    if slug.utf8.count > maximumSlugLength {
                        let short = slug.split(separator: "-").reduce(into: "") { result, word in
                            if result.count + word.count < 40 { result += (result.isEmpty ? "" : "-") + word }
                        }
                        let line = source.frontMatter.slug == nil ? 2 : nil
                        diagnostics.append(.error(source.file, line: line, "the page's URL part would be \(slug.utf8.count) characters long (at most \(maximumSlugLength)), too long for a file name and a link",
                                                  hint: "add a shorter 'slug: \(short.isEmpty ? "my-page" : short)' to the front matter"))
                        continue
                    }
                    if section == .pages, reservedSlugs.contains(slug) || config.languageCodes.contains(slug) {
                        diagnostics.append(.error(source.file, line: 2, "the page's URL '/\(slug)/' is taken by the site itself",
                                                  hint: "give the page another title or set 'slug: …' in its front matter"))
                    }
                    var number: Int?
                    if section == .guide, source.frontMatter.part == .chapter {
                        chapter += 1
                        number = chapter
                    }
                    pages.append(Page(source: source, url: config.root(of: language) + prefix + (slug.isEmpty ? "page" : slug) + "/",
                                      chapterNumber: number, order: order, previousURL: nil, nextURL: nil, translations: [:]))
                }
            }
        }
        // Collisions: two files that would be written to the same URL.
        var firstByURL: [String: Int] = [:]
        for (index, page) in pages.enumerated() {
            if let other = firstByURL[page.url] {
                diagnostics.append(.error(page.source.file, line: 2, "this page and \(pages[other].source.file) both have the URL \(page.url)",
                                          hint: "change the title of one of them or set 'slug: …' in its front matter"))
            } else {
                firstByURL[page.url] = index
            }
        }
        // Translations and the guide's previous/next links.
        var urlsByKey: [String: [String: String]] = [:]
        for page in pages { urlsByKey[page.source.key, default: [:]][page.language] = page.url }
        for index in pages.indices {
            pages[index].translations = urlsByKey[pages[index].source.key] ?? [:]
            guard pages[index].section == .guide else { continue }
            if index > 0, pages[index - 1].section == .guide, pages[index - 1].language == pages[index].language {
                pages[index].previousURL = pages[index - 1].url
            }
            if index + 1 < pages.count, pages[index + 1].section == .guide, pages[index + 1].language == pages[index].language {
                pages[index].nextURL = pages[index + 1].url
            }
        }
        var indexByPath: [String: Int] = [:]
        var indexByURL: [String: Int] = [:]
        for (index, page) in pages.enumerated() {
            indexByPath[page.source.path] = index
            if indexByURL[page.url] == nil { indexByURL[page.url] = index }
        }
        var site = Site(config: config, pages: pages, media: content.media, pageIndexByPath: indexByPath, pageIndexByURL: indexByURL)
        site.failedPaths = content.failedPaths
        return (site, diagnostics)
    }

    /// Reading order within a section: by `weight` where given, then the guide by its file-name
    /// number, news newest first, everything else by title.
    /// `indices`: pages of one section, numbers into `pages`; they come back in reading order.
    static func ordered(_ indices: [Int], in pages: [SourcePage]) -> [Int] {
        // The guide's file-name numbers, read once rather than at every comparison.
        let numbers = indices.map { leadingNumber(pages[$0].name) ?? Int.max }
        return indices.indices.sorted { x, y in
            let a = pages[indices[x]], b = pages[indices[y]]
            let wa = a.frontMatter.weight ?? Int.max, wb = b.frontMatter.weight ?? Int.max
            if wa != wb { return wa < wb }
            switch a.section {
            case .guide:
                if numbers[x] != numbers[y] { return numbers[x] < numbers[y] }
            case .news:
                let da = a.frontMatter.date ?? "", db = b.frontMatter.date ?? ""
                if da != db { return da > db }
            case .caseStudies, .pages:
                if a.frontMatter.title != b.frontMatter.title { return a.frontMatter.title < b.frontMatter.title }
            }
            return a.name < b.name
        }.map { indices[$0] }
    }

    static func leadingNumber(_ name: String) -> Int? {
        Int(name.prefix { $0.isASCII && $0.isNumber })
    }
}
