import Foundation

/// Applies the theme to the rendered pages: every content page, the generated index pages per
/// language (home, guide contents, case studies, news, search) and the bilingual 404 page.
public struct SiteRenderer: Sendable {
    public let renderer: ThemeRenderer
    public let pages: [RenderedPage]
    /// The pages of each language and section, in reading order.
    let pagesBySection: [String: [SourcePage.Section: [RenderedPage]]]

    /// What each page's side list shows of the other pages of its language and section, in
    /// reading order: made once, as every page lists up to 15 of them.
    let navigationEntries: [String: [SourcePage.Section: [NavigationEntry]]]

    struct NavigationEntry: Sendable {
        var url: String
        /// The entry's template values, made once for all the pages that list it: `url`, `title`
        /// and `label` („Глава 2“ for a numbered chapter, otherwise absent).
        var object: TemplateObject

        init(url: String, title: String, label: String) {
            self.url = url
            object = ThemeRenderer.object(["url": url, "title": title, "label": label])
        }
    }

    /// Themed pages kept from the last build (`vidin serve`).
    let cache: BuildCache.Session?

    init(renderer: ThemeRenderer, pages: [RenderedPage], cache: BuildCache.Session? = nil) {
        self.renderer = renderer
        self.pages = pages
        self.cache = cache
        pagesBySection = Dictionary(grouping: pages, by: \.page.language).mapValues { Dictionary(grouping: $0, by: \.page.section) }
        navigationEntries = pagesBySection.mapValues { sections in
            sections.mapValues { pages in
                pages.map { NavigationEntry(url: $0.page.url, title: $0.page.title, label: renderer.chapterLabel($0.page)) }
            }
        }
    }

    var site: Site { renderer.site }
    var theme: Theme { renderer.theme }

    /// Site paths of the generated pages, for the link checker.
    public static func generatedPaths(_ site: Site) -> Set<String> {
        var paths: Set<String> = ["/404.html", "/sitemap.xml", "/robots.txt"]
        for language in site.config.languageCodes {
            for generated in GeneratedPage.allCases { paths.insert(site.url(generated, in: language)) }
            paths.insert(GeneratedPage.feedURL(in: language, config: site.config))
        }
        for media in site.media { paths.insert("/" + media.path) }
        return paths
    }

    /// The pages' files, and for each template the names its pages' values had. `handOff` gets
    /// the files a part at a time, in order, as soon as they are made (the writer writes them
    /// while the rest are made).
    public func render(handOff: (([OutputFile]) -> Void)? = nil) -> (files: [OutputFile], names: [String: TemplateNames]) {
        // Every page from all cores, the generated ones first: a language's guide contents and
        // home page list every chapter, and a core that takes one late would leave the other idle.
        enum Job: Sendable {
            /// The home page and the guide contents, which list the same chapters.
            case chapterLists(language: String)
            case generated(GeneratedPage, language: String)
            case notFound
            case content(RenderedPage)
        }
        var jobs: [Job] = []
        for language in site.config.languageCodes {
            jobs.append(.chapterLists(language: language))
            for generated: GeneratedPage in [.caseStudies, .news, .search] {
                jobs.append(.generated(generated, language: language))
            }
        }
        jobs.append(.notFound)
        jobs += pages.map { .content($0) }
        let makePages = { @Sendable (job: Job) -> [(file: OutputFile, template: String, names: TemplateNames)] in
            let pages: [(path: String, result: ThemeRenderer.ThemedPage)]
            switch job {
            case .content(let page):
                pages = [(page.page.outputPath, cache?.themed(page.page) { contentPage(page) } ?? contentPage(page))]
            case .notFound:
                pages = [("404.html", notFound())]
            case .chapterLists(let language):
                let chapters = chapterEntries(language)
                pages = [(GeneratedPage.home.outputPath(in: language, config: site.config), home(language, chapters: chapters)),
                         (GeneratedPage.guide.outputPath(in: language, config: site.config), guideIndex(language, chapters: chapters))]
            case .generated(let generated, let language):
                let result = switch generated {
                case .home, .guide: preconditionFailure("the home page and the contents are made together (chapterLists)")
                case .caseStudies: caseStudyIndex(language)
                case .news: newsIndex(language)
                case .search: searchPage(language)
                case .print: preconditionFailure("the print page is PrintPageRenderer's")
                }
                pages = [(generated.outputPath(in: language, config: site.config), result)]
            }
            return pages.map { (OutputFile(path: $0.path, bytes: $0.result.bytes), $0.result.template, $0.result.names) }
        }
        // Eight parts, or one where nothing takes them.
        let partSize = handOff == nil ? jobs.count : Swift.max(64, (jobs.count + 7) / 8)
        var themed: [(file: OutputFile, template: String, names: TemplateNames)] = []
        for start in stride(from: 0, to: jobs.count, by: Swift.max(partSize, 1)) {
            let part = Array(jobs[start..<Swift.min(start + partSize, jobs.count)]).parallelMap(makePages).flatMap { $0 }
            handOff?(part.map(\.file))
            themed += part
        }
        var names: [String: TemplateNames] = [:]
        for page in themed {
            names[page.template, default: TemplateNames()].formUnion(page.names)
        }
        let assets = assetAndMediaFiles()
        handOff?(assets)
        return (themed.map(\.file) + assets, names)
    }

    /// The theme's assets and the content's media files, as they are.
    func assetAndMediaFiles() -> [OutputFile] {
        theme.assets.sorted(by: { $0.key < $1.key }).map { OutputFile(path: SiteFolder.assets.path($0.key), contents: .data($0.value)) }
            + site.media.map { OutputFile(path: $0.path, contents: .copy($0.source)) }
    }

    func rendered(_ language: String, _ section: SourcePage.Section) -> [RenderedPage] {
        pagesBySection[language]?[section] ?? []
    }

    func t(_ key: UIString, _ language: String) -> String { theme.string(key, language) }

    // MARK: Content pages

    func contentPage(_ rendered: RenderedPage) -> ThemeRenderer.ThemedPage {
        let page = rendered.page
        let language = page.language
        let front = page.source.frontMatter
        var frame = PageFrame(language: language, url: page.url, title: page.title, description: rendered.summary, translations: page.translations)
        let template: String
        switch page.section {
        case .guide:
            frame.breadcrumbs = [(t(.guide, language), site.url(.guide, in: language))]
            frame.menuSection = .guide
            template = "chapter"
        case .caseStudies:
            frame.breadcrumbs = [(t(.caseStudies, language), site.url(.caseStudies, in: language))]
            frame.menuSection = .caseStudies
            template = "case-study"
        case .news:
            frame.breadcrumbs = [(t(.news, language), site.url(.news, in: language))]
            frame.menuSection = .news
            template = "news-item"
        case .pages:
            template = "page"
        }
        var values = renderer.common(frame)
        values.set("content", bytes: rendered.htmlBytes[...])
        values.set("summary", front.summary ?? "")
        switch page.section {
        case .guide:
            values.set("chapterLabel", renderer.chapterLabel(page))
            let toc = toc(rendered.headings)
            values.set("toc", toc)
            // Every value a template uses is given on every page (absent where there is none), so
            // that the template check can tell a misspelled name from one this page lacks.
            for (key, url) in [("previous", page.previousURL), ("next", page.nextURL)] {
                if let url, let other = site.page(atURL: url) {
                    values.set(key, ThemeRenderer.object(["url": url, "title": other.title, "label": renderer.chapterLabel(other)]))
                } else {
                    values.set(key, value: .absent(["url", "title", "label"]))
                }
            }
            setReadingValues(for: rendered, toc: toc, splittingNotes: true, in: &values)
        case .caseStudies:
            values.set("facts", converting: caseStudyFacts(front, language))
            let toc = toc(rendered.headings)
            values.set("toc", toc)
            setReadingValues(for: rendered, toc: toc, splittingNotes: false, in: &values)
        case .news:
            values.set("date", theme.formatDate(front.date ?? "", language))
            values.set("isoDate", front.date ?? "")
        case .pages:
            break
        }
        return renderer.render(template, language: language, context: values)
    }

    /// The page's contents: its level-2 headings, each with its level-3 headings as `children`.
    func toc(_ headings: [RenderedPage.Heading]) -> [TemplateObject] {
        var items: [TemplateObject] = []
        var children: [TemplateObject] = []
        func flush() {
            if !items.isEmpty { items[items.count - 1].set("children", children) }
            children = []
        }
        for heading in headings where heading.id != "footnotes" {
            if heading.level == 2 {
                flush()
                items.append(ThemeRenderer.object(["text": heading.text, "id": heading.id]))
            } else if heading.level == 3, !items.isEmpty {
                children.append(ThemeRenderer.object(["text": heading.text, "id": heading.id]))
            }
        }
        flush()
        return items
    }

    func caseStudyFacts(_ front: FrontMatter, _ language: String) -> [[String: Any]] {
        var facts: [[String: Any]] = []
        if let city = front.city { facts.append(["label": t(.city, language), "value": city, "isLink": false]) }
        if let country = front.country { facts.append(["label": t(.country, language), "value": country, "isLink": false]) }
        if let population = front.population {
            facts.append(["label": t(.population, language), "value": formatNumber(population, language), "isLink": false])
        }
        if let year = front.year { facts.append(["label": t(.since, language), "value": String(year), "isLink": false]) }
        if !front.topics.isEmpty { facts.append(["label": t(.topics, language), "value": front.topics.joined(separator: ", "), "isLink": false]) }
        if let website = front.website { facts.append(["label": t(.website, language), "value": website, "isLink": true, "linkText": HTML.breakableURL(website)]) }
        return facts
    }

    /// 12500 → „12 500“ (Bulgarian, with a no-break space) / "12,500" (English).
    func formatNumber(_ number: Int, _ language: String) -> String {
        let separator = t(.thousandsSeparator, language)
        let digits = Array(String(number))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result += separator }
            result.append(digit)
        }
        return result
    }

    // MARK: Generated pages

    func chapterEntries(_ language: String) -> [TemplateObject] {
        rendered(language, .guide).map { page in
            var entry = ThemeRenderer.object(["url": page.page.url, "title": page.page.title, "label": partLabel(page.page),
                                              "summary": page.summary])
            entry.set("sections", page.headings.filter { $0.level == 2 && $0.id != "footnotes" }.map {
                ThemeRenderer.object(["text": $0.text, "url": page.page.url + "#" + $0.id])
            })
            return entry
        }
    }

    func caseStudyEntries(_ language: String) -> [TemplateObject] {
        rendered(language, .caseStudies).map { page in
            let front = page.page.source.frontMatter
            return ThemeRenderer.object([
                "url": page.page.url, "title": page.page.title, "summary": page.summary,
                "city": front.city ?? "", "country": front.country ?? "",
                "year": front.year.map(String.init) ?? "",
                "population": front.population.map { formatNumber($0, language) } ?? "",
                "topics": front.topics.joined(separator: ", "),
            ])
        }
    }

    func newsEntries(_ language: String) -> [TemplateObject] {
        rendered(language, .news).map { page in
            let date = page.page.source.frontMatter.date ?? ""
            return ThemeRenderer.object(["url": page.page.url, "title": page.page.title, "summary": page.summary,
                                         "date": theme.formatDate(date, language), "isoDate": date])
        }
    }

    /// - Parameter chapters: `chapterEntries(language)`.
    func home(_ language: String, chapters: [TemplateObject]) -> ThemeRenderer.ThemedPage {
        let info = site.config.language(language)
        let frame = PageFrame(language: language, url: site.url(.home, in: language), title: info?.title ?? "",
                              description: info?.description ?? "", translations: GeneratedPage.home.translations(config: site.config))
        var values = ThemeRenderer.object([
            "intro": info?.description ?? "",
            "guideURL": site.url(.guide, in: language),
            "caseStudiesURL": site.url(.caseStudies, in: language),
            "newsURL": site.url(.news, in: language),
        ])
        values.set("chapters", chapters)
        if let first = chapters.first { values.set("firstChapter", first) } else { values.set("firstChapter", false) }
        values.set("caseStudies", Array(caseStudyEntries(language).prefix(6)))
        values.set("news", Array(newsEntries(language).prefix(3)))
        return renderer.render("home", frame: frame, object: values)
    }

    /// - Parameter chapters: `chapterEntries(language)`.
    func guideIndex(_ language: String, chapters: [TemplateObject]) -> ThemeRenderer.ThemedPage {
        var frame = PageFrame(language: language, url: site.url(.guide, in: language), title: t(.guideContents, language),
                              description: site.config.language(language)?.description ?? "", translations: GeneratedPage.guide.translations(config: site.config))
        frame.menuSection = .guide
        frame.breadcrumbs = []
        var values = TemplateObject()
        values.set("chapters", chapters)
        return renderer.render("guide-index", frame: frame, object: values)
    }

    func caseStudyIndex(_ language: String) -> ThemeRenderer.ThemedPage {
        var frame = PageFrame(language: language, url: site.url(.caseStudies, in: language), title: t(.caseStudies, language),
                              description: t(.caseStudiesIntro, language), translations: GeneratedPage.caseStudies.translations(config: site.config))
        frame.menuSection = .caseStudies
        var values = TemplateObject()
        values.set("caseStudies", caseStudyEntries(language))
        return renderer.render("case-study-index", frame: frame, object: values)
    }

    func newsIndex(_ language: String) -> ThemeRenderer.ThemedPage {
        var frame = PageFrame(language: language, url: site.url(.news, in: language), title: t(.news, language),
                              description: t(.newsIntro, language), translations: GeneratedPage.news.translations(config: site.config))
        frame.menuSection = .news
        var values = ThemeRenderer.object(["feedURL": GeneratedPage.feedURL(in: language, config: site.config)])
        values.set("news", newsEntries(language))
        return renderer.render("news-index", frame: frame, object: values)
    }

    func searchPage(_ language: String) -> ThemeRenderer.ThemedPage {
        var frame = PageFrame(language: language, url: site.url(.search, in: language), title: t(.search, language),
                              description: t(.searchIntro, language), translations: GeneratedPage.search.translations(config: site.config))
        frame.noindex = true
        frame.menuSection = .search
        // The no-result message links the glossary (the guide page named `glossary`, after any
        // number prefix) and offers the other language's results (the first other language).
        let glossary = site.pages(language, .guide).first { $0.source.name.split(separator: "-").last == "glossary" }
        // Every value is given (empty where there is none), so that the template check can judge them.
        var values: [String: Any] = [
            "guideURL": site.url(.guide, in: language),
            "indexURL": GeneratedPage.searchIndexURL(in: language, config: site.config),
            "glossaryURL": glossary?.url ?? "",
            "glossaryTitle": glossary?.title ?? "",
            "otherSearch": ThemeRenderer.Absent(names: ["lang", "searchURL", "indexURL"]),
        ]
        if let other = site.config.languageCodes.first(where: { $0 != language }) {
            values["otherSearch"] = ["lang": other, "searchURL": site.url(.search, in: other),
                                     "indexURL": GeneratedPage.searchIndexURL(in: other, config: site.config)]
        }
        return renderer.render("search", frame: frame, values: values)
    }

    /// One 404 page for all languages: it cannot know the visitor's language, so it speaks both.
    func notFound() -> ThemeRenderer.ThemedPage {
        let language = site.config.defaultLanguage
        var frame = PageFrame(language: language, url: "/404.html", title: t(.notFoundTitle, language),
                              description: t(.notFoundText, language), translations: [:])
        frame.noindex = true
        let others: [[String: Any]] = site.config.languages.dropFirst().map { other in
            ["lang": other.code, "title": t(.notFoundTitle, other.code), "text": t(.notFoundText, other.code),
             "homeURL": site.config.root(of: other.code), "homeLabel": t(.backHome, other.code)]
        }
        return renderer.render("404", frame: frame, values: ["others": others])
    }
}
