import Foundation

/// What `vidin build` is asked to do.
public struct BuildOptions: Sendable {
    public var contentDirectory: URL
    public var themesDirectory: URL
    public var outputDirectory: URL
    /// Overrides `baseURL` from site.yml (e.g. for a preview host).
    public var baseURL: String?
    public var includeDrafts = false
    /// Broken links are errors instead of warnings (`vidin check`).
    public var strictLinks = false
    /// Only check; write nothing.
    public var dryRun = false
    /// Keep the files in `BuildReport.output` instead of writing them (`vidin serve`).
    public var inMemory = false
    /// Also run the editorial checks of `vidin check` (`ContentChecker`).
    public var editorialChecks = false
    /// Also render each language's print page to PDF with headless Chromium.
    public var pdf = false
    /// Seconds (plus one per megabyte) a Markdown file may take to parse before it is reported
    /// as one that cmark-gfm cannot parse in reasonable time.
    public var parseTimeout: Double = 5
    /// Told the name of each stage as it starts ("reading content", …), for a progress line.
    public var progress: (@Sendable (String) -> Void)?
    /// Pages kept from the last build (`vidin serve`): only pages whose text changed are rendered
    /// and themed again.
    public var cache: BuildCache?
    /// Measure the search index's gzip size for the summary line (`vidin build --gzip-size`):
    /// compressing the whole index costs about a tenth of a large build.
    public var measuresIndexGzipSize = false

    public init(contentDirectory: URL, themesDirectory: URL, outputDirectory: URL) {
        self.contentDirectory = contentDirectory
        self.themesDirectory = themesDirectory
        self.outputDirectory = outputDirectory
    }
}

/// What a build did, for the summary line.
public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic] = []
    /// Language code → number of HTML pages written for it.
    public var pagesPerLanguage: [(language: String, pages: Int)] = []
    public struct IndexSize: Sendable {
        public var language: String
        public var bytes: Int
        /// Nil unless `BuildOptions.measuresIndexGzipSize` asked for it.
        public var gzipBytes: Int?
    }
    /// Size of each language's search index (the root and all term chunks), raw and gzip-compressed.
    public var searchIndexSizes: [IndexSize] = []
    public var files = 0
    /// The site's files, when built with `inMemory`.
    public var output: [OutputFile] = []
    /// Markdown files read from the content folder.
    public var sourceFiles = 0
    public var seconds = 0.0
    /// How long each stage took (`vidin build --timings`).
    public var timings = StageTimings()
    public var succeeded: Bool { !diagnostics.hasErrors }
}

/// How long each stage of a build took. A stage that runs in more than one place (reading the
/// content and then the theme; compiling the theme and later applying it) is summed under one name.
public struct StageTimings: Sendable {
    /// The stages of `vidin build`, in pipeline order. `print` is the print book's parts (and the
    /// PDFs with `--pdf`); the print pages are rendered beside the search index, under `search`.
    public static let stageNames = ["read", "load", "resolve", "render", "check", "theme", "print", "search", "feeds", "write"]

    private var secondsByStage: [String: Double] = [:]
    private var cpuSecondsByStage: [String: Double] = [:]
    private var lapStart = ContinuousClock.now
    private var lapStartCPU = Self.processCPUSeconds()

    public init() {}

    /// The stages that ran, in pipeline order, with their wall-clock seconds and the CPU seconds
    /// of all threads (user and system; nil where the platform does not tell): CPU well above
    /// wall time means the stage used several cores.
    public var stages: [(name: String, seconds: Double, cpuSeconds: Double?)] {
        Self.stageNames.compactMap { name in secondsByStage[name].map { (name, $0, cpuSecondsByStage[name]) } }
    }

    /// Ends the stage `name` now (adding to it if it ran before) and starts timing the next one.
    mutating func lap(_ name: String) {
        precondition(Self.stageNames.contains(name), "unknown stage \(name)")
        let now = ContinuousClock.now
        let elapsed = now - lapStart
        lapStart = now
        secondsByStage[name, default: 0] += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        if let cpu = Self.processCPUSeconds(), let start = lapStartCPU {
            cpuSecondsByStage[name, default: 0] += cpu - start
        }
        lapStartCPU = Self.processCPUSeconds()
    }

    /// Adds the stages of `other` (timed elsewhere) and restarts the lap clock.
    mutating func append(_ other: StageTimings) {
        secondsByStage.merge(other.secondsByStage, uniquingKeysWith: +)
        cpuSecondsByStage.merge(other.cpuSecondsByStage, uniquingKeysWith: +)
        lapStart = .now
        lapStartCPU = Self.processCPUSeconds()
    }

    /// CPU seconds this process has used so far, all threads, user and system.
    static func processCPUSeconds() -> Double? {
        #if canImport(Glibc) || canImport(Darwin)
        var usage = rusage()
        #if canImport(Glibc)
        let who = RUSAGE_SELF.rawValue
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return nil }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
        #else
        return nil
        #endif
    }
}

/// The pipeline, end to end: read → load → resolve → render → check → theme → write.
/// Reading happens first; everything between produces values, which the writer takes into its
/// staging folder as they become ready (`makeFolders`, `writeAhead`) and swaps in at the end.
public enum SiteBuilder {
    public static func build(_ options: BuildOptions) -> BuildReport {
        let start = Date()
        var report = BuildReport()
        do {
            let display = displayPath
            // Read.
            options.progress?("reading \(display(options.contentDirectory))/")
            let folder = try ContentReader.read(options.contentDirectory, displayRoot: display(options.contentDirectory))
            report.sourceFiles = folder.markdown.count
            report.timings.lap("read")
            let (loaded, loadDiagnostics) = ContentLoader.load(folder, includeDrafts: options.includeDrafts, cache: options.cache)
            report.timings.lap("load")
            report.diagnostics += loadDiagnostics
            guard var content = loaded else { return finish(report, start) }
            if options.editorialChecks {
                report.diagnostics += ContentChecker.check(content)
                report.timings.lap("check")
            }
            if let baseURL = options.baseURL {
                if let problem = URLSafety.problem(withWebAddress: baseURL) {
                    report.diagnostics.append(.error("--base-url", "'\(baseURL)' cannot be the site's address: \(problem)",
                                                     hint: "pass an absolute address, e.g. --base-url https://preview.example.org/"))
                    return finish(report, start)
                }
                content.config.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
            }
            let themeFiles = try ThemeReader.read(themesDirectory: options.themesDirectory, name: content.config.theme,
                                                  displayRoot: display(options.themesDirectory))
            report.timings.lap("read")
            // With --pdf, the print pages go to Chromium in the middle of the one pass, and every
            // page then links the PDFs with their size.
            var makePDFs: PDFMaker?
            if options.pdf {
                let browser = PDFRenderer.findBrowser()
                let newest = content.pages.compactMap(\.frontMatter.date).max() ?? "\(content.config.project.year)-01-01"
                let date = newest.replacingOccurrences(of: "-", with: "")
                let config = content.config
                let metadata = Dictionary(uniqueKeysWithValues: config.languages.map { language in
                    (language.code, PDFRenderer.Metadata(
                        title: [language.title, language.subtitle].filter { !$0.isEmpty }.joined(separator: " — "),
                        author: config.publishers.compactMap { $0.name[language.code] }.joined(separator: "; "),
                        subject: [language.subtitle, config.edition[language.code] ?? ""].filter { !$0.isEmpty }.joined(separator: ". "),
                        keywords: language.keywords))
                })
                makePDFs = { (printPages, files) throws(BuildFailure) in
                    try PDFRenderer.render(printPages: printPages, files: files, browser: browser, metadata: metadata, date: date)
                }
            }
            // The output's staging folder is opened now, so that the pages' folders are made while
            // the pages render. Where the output cannot be written, the write below says why,
            // after the content's own problems.
            let staging = options.dryRun || options.inMemory ? nil
                : try? SiteWriter.Staging(options.outputDirectory, protected: [options.contentDirectory, options.themesDirectory],
                                          keep: content.config.keep, display: display(options.outputDirectory))
            defer { staging?.abandon() }
            // Transform.
            options.progress?("rendering \(content.pages.count) pages" + (options.pdf ? " and the PDF files with Chromium" : ""))
            var timings = StageTimings()
            let leftovers = Leftovers()
            let (files, diagnostics, counts, indexSizes) = generate(content, themeFiles: themeFiles, strictLinks: options.strictLinks,
                                                                    makePDFs: makePDFs, parseTimeout: options.parseTimeout,
                                                                    cache: options.cache, gzipSizes: options.measuresIndexGzipSize,
                                                                    makeFolders: { staging?.makeFolders(for: $0) },
                                                                    writeAhead: { staging?.writeAhead($0) }, leftovers: leftovers,
                                                                    timings: &timings)
            leftovers.freeMeanwhile()
            report.timings.append(timings)
            report.diagnostics += diagnostics
            report.pagesPerLanguage = counts
            report.searchIndexSizes = indexSizes.map { .init(language: $0.0, bytes: $0.1, gzipBytes: options.measuresIndexGzipSize ? $0.2 : nil) }
            guard !report.diagnostics.hasErrors, !options.dryRun else { return finish(report, start) }
            if options.inMemory {
                report.output = files
                return finish(report, start)
            }
            // Write.
            options.progress?("writing \(display(options.outputDirectory))/")
            if !options.dryRun {
                if let staging {
                    try staging.finish(files)
                } else {
                    try SiteWriter.write(files, to: options.outputDirectory,
                                         protected: [options.contentDirectory, options.themesDirectory],
                                         keep: content.config.keep, display: display(options.outputDirectory))
                }
                report.files = files.count
                report.timings.lap("write")
            }
        } catch {
            report.diagnostics += error.diagnostics
        }
        return finish(report, start)
    }

    /// Makes the guide's PDFs: from each language's print page (language → where it is, and how
    /// to render it with the contents' page numbers) and the files it uses (assets, media) to
    /// language → PDF bytes.
    public typealias PDFMaker = @Sendable (_ printPages: [String: PrintPageRenderer.Source], _ files: [OutputFile]) throws(BuildFailure) -> [String: Data]

    /// The pure middle of the pipeline: from the read content and theme to the files of the site
    /// (pure but for `makePDFs`, which runs Chromium when the PDFs are asked for; a build also
    /// passes the writer's hand-offs, which only copy values out).
    public static func generate(_ content: LoadedContent, themeFiles: ThemeFiles, strictLinks: Bool = false,
                                makePDFs: PDFMaker? = nil, parseTimeout: Double = 5)
        -> (files: [OutputFile], diagnostics: [Diagnostic], pagesPerLanguage: [(String, Int)], searchIndexSizes: [(String, Int, Int)]) {
        var timings = StageTimings()
        return generate(content, themeFiles: themeFiles, strictLinks: strictLinks, makePDFs: makePDFs, parseTimeout: parseTimeout,
                        cache: nil, gzipSizes: true, makeFolders: nil, writeAhead: nil, leftovers: nil, timings: &timings)
    }

    /// `generate`, timing its stages into `timings`. `makeFolders` and `writeAhead` hand the
    /// writer the paths of files to come and the files that are ready, as soon as they are known:
    /// it makes the folders (those of files written ahead too) and writes the files on a thread of
    /// its own while the build goes on.
    static func generate(_ content: LoadedContent, themeFiles: ThemeFiles, strictLinks: Bool, makePDFs: PDFMaker?,
                         parseTimeout: Double, cache: BuildCache?, gzipSizes: Bool,
                         makeFolders: (@Sendable ([String]) -> Void)?, writeAhead: (@Sendable ([OutputFile]) -> Void)?,
                         leftovers: Leftovers?, timings: inout StageTimings)
        -> (files: [OutputFile], diagnostics: [Diagnostic], pagesPerLanguage: [(String, Int)], searchIndexSizes: [(String, Int, Int)]) {
        var diagnostics: [Diagnostic] = []
        var indexSizes: [(String, Int, Int)] = []
        let config = content.config
        let compile = { Theme.compile(themeFiles, languages: config.languageCodes) }
        let (compiledTheme, themeDiagnostics) = cache?.theme(themeFiles, languages: config.languageCodes, compile: compile) ?? compile()
        diagnostics += themeDiagnostics
        timings.lap("theme")
        let (site, resolveDiagnostics) = SiteResolver.resolve(content)
        diagnostics += resolveDiagnostics
        // The paths of the content pages are known now: their folders can be made meanwhile.
        makeFolders?(site.pages.map(\.outputPath))
        timings.lap("resolve")

        // The content is rendered and its links checked even when the theme has errors, so that
        // `check` reports both in one pass.
        var labels: [String: RenderPolicy.Labels] = [:]
        for language in config.languageCodes {
            func text(_ key: UIString) -> String { compiledTheme?.string(key, language) ?? key.rawValue }
            labels[language] = .init(footnotes: text(.footnotes), backToContent: text(.backToContent), table: text(.table))
        }
        var markdownRenderer = MarkdownRenderer(site: site, labels: labels, reservedIDs: compiledTheme?.ids ?? [])
        markdownRenderer.parseTimeout = parseTimeout
        markdownRenderer.codeBlockHooks["chart"] = ChartRenderer.codeBlockHook(
            labels: Dictionary(uniqueKeysWithValues: config.languageCodes.map { ($0, chartLabels(compiledTheme, language: $0)) }))
        let markdown = markdownRenderer
        let session = cache?.session(structure: BuildCache.structure(of: site, theme: themeFiles, parseTimeout: parseTimeout))
        // Two threads a core: a page's parse waits for its turn at cmark-gfm (`CMarkDocument.inTurn`),
        // and meanwhile the core renders another page.
        let rendered = site.pages.parallelMap(lanesPerCore: 2) { page in
            session?.rendered(page) { markdown.render(page) } ?? markdown.render(page)
        }
        diagnostics += rendered.flatMap(\.diagnostics)
        timings.lap("render")

        let knownPaths = SiteRenderer.generatedPaths(site)
        diagnostics += LinkChecker(severity: strictLinks ? .error : .warning).check(rendered, knownPaths: knownPaths)
        diagnostics += MenuChecker.check(site)
        timings.lap("check")
        guard let theme = compiledTheme else { return ([], diagnostics, [], []) }
        // Each language's search index on a thread of its own, handed to the writer when made: one
        // language's index is the largest single piece of work left, and the print books and the
        // themed pages, many and small, fill the cores around it (docs/PERFORMANCE.md, Round 7). A
        // build that already has errors writes nothing and needs none.
        let searches = diagnostics.hasErrors ? [] : config.languageCodes.map { language in
            Pending(on: backgroundThreads) {
                let search = searchFiles(language: language, rendered: rendered, site: site, cache: cache?.searchAnalysis)
                writeAhead?(search.files)
                return search
            }
        }

        for language in config.languageCodes {
            let pages = site.pages.filter { $0.language == language && $0.section == .pages }
            if pages.count > ThemeRenderer.footerLimit {
                let first = pages[ThemeRenderer.footerLimit]
                diagnostics.append(.warning(first.source.file, "the footer lists the first \(ThemeRenderer.footerLimit) pages of pages/ in '\(language)'; this one and \(pages.count - ThemeRenderer.footerLimit - 1) more are not listed there",
                                            hint: "give the pages that belong in the footer a 'weight:' (lower comes first) and link the others from a page"))
            }
        }
        var renderer = ThemeRenderer(site: site, theme: theme)
        // The print book per language, the languages side by side.
        let markdownLabels = labels
        let books = config.languageCodes.parallelMap { language in
            let labels = ["chapter": theme.string(.chapter, language), "annex": theme.string(.annex, language),
                          "caseStudies": theme.string(.caseStudies, language)]
            return PrintBook.make(language: language, pages: rendered, site: site, labels: labels, renderLabels: markdownLabels[language]!,
                                  cache: session)
        }
        timings.lap("print")
        var pdfFiles: [OutputFile] = []
        if let makePDFs {
            guard !diagnostics.hasErrors else { return ([], diagnostics, [], []) }
            // The print pages as they are without the PDFs, and the files they use.
            let printer = PrintPageRenderer(renderer: renderer)
            let printFiles = books.map { printer.render($0).file } + SiteRenderer(renderer: renderer, pages: []).assetAndMediaFiles()
            let printPages = Dictionary(uniqueKeysWithValues: books.map { ($0.language, printer.source($0)) })
            do {
                for (language, pdf) in try makePDFs(printPages, printFiles).sorted(by: { $0.key < $1.key }) {
                    let path = SiteFolder.downloads.path("\(config.pdfName)-\(language).pdf")
                    pdfFiles.append(OutputFile(path: path, contents: .data(pdf)))
                    renderer.downloads[language] = ("/" + path, PDFRenderer.sizeText(pdf.count, decimalSeparator: theme.string(.decimalSeparator, language)))
                }
            } catch {
                return ([], diagnostics + error.diagnostics, [], [])
            }
            timings.lap("print")
        }
        // The print page of every language on a thread of its own too, beside the themed pages.
        let printer = PrintPageRenderer(renderer: renderer)
        let printPages = books.map { book in
            Pending(on: backgroundThreads) {
                let page = printer.render(book)
                writeAhead?([page.file])
                return page
            }
        }
        // The themed pages are written while the rest are made, and the print pages and the search index.
        var (files, names) = SiteRenderer(renderer: renderer, pages: rendered, cache: session).render { writeAhead?($0) }
        files += pdfFiles
        writeAhead?(pdfFiles)
        timings.lap("theme")
        for (file, page) in printPages.map({ $0.wait() }) {
            files.append(file)
            names[page.template, default: TemplateNames()].formUnion(page.names)
        }
        timings.lap("print")
        let perLanguage = searches.map { $0.wait() }
        // A name a template uses that no page of its kind has is a misspelling: it would print nothing.
        diagnostics += theme.unknownNames(names.mapValues(\.set))
        guard !diagnostics.hasErrors else { return ([], diagnostics, [], []) }
        // The gzip size of every chunk of both languages at once: one language's index is larger,
        // and sizing each language's chunks on its own left a core idle.
        let chunks = perLanguage.flatMap { $0.1.chunks }
        let gzipBytes = gzipSizes ? chunks.parallelMap { Gzip.compressedSize($0) } : chunks.map { _ in 0 }
        var nextChunk = 0
        for (languageFiles, size) in perLanguage {
            files += languageFiles
            indexSizes.append((size.language, size.bytes, gzipBytes[nextChunk..<(nextChunk + size.chunks.count)].reduce(0, +)))
            nextChunk += size.chunks.count
        }
        timings.lap("search")
        files.append(OutputFile(path: "sitemap.xml", text: SitemapBuilder.sitemap(SitemapBuilder.entries(site), config: config)))
        files.append(OutputFile(path: "robots.txt", text: SitemapBuilder.robots(config: config)))
        for language in config.languageCodes {
            let news = rendered.filter { $0.page.language == language && $0.page.section == .news }
            let title = "\(config.language(language)?.title ?? "") — \(theme.string(.news, language))"
            files.append(OutputFile(path: String(GeneratedPage.feedURL(in: language, config: config).dropFirst()),
                                    text: AtomFeedBuilder.feed(news, language: language, title: title, site: site, labels: labels[language]!)))
        }
        timings.lap("feeds")
        // Files of content/static/ go out as they are, where no generated file is.
        let generated = Set(files.map(\.path))
        for file in content.staticFiles {
            if generated.contains(file.path) {
                let folder = (config.file as NSString).deletingLastPathComponent
                diagnostics.append(.error("\(folder)/\(ContentReader.staticFolder)/\(file.path)", "the site already has a file at /\(file.path), which the build makes",
                                          hint: "rename or remove this file; content/static/ is for files the build does not make (CNAME, verification files)"))
            } else {
                files.append(OutputFile(path: file.path, contents: .copy(file.source)))
            }
        }
        let counts = config.languageCodes.map { language in
            (language, rendered.count { $0.page.language == language } + GeneratedPage.allCases.count)
        }
        leftovers?.keep(rendered, books, site)
        return (files, diagnostics, counts, indexSizes)
    }

    /// What a build no longer needs once its files are made: the rendered pages, the print books,
    /// the site. A large site's are millions of small values (texts, events, template values), and
    /// freeing them takes a core some tenths of a second; they are freed on a thread of their own
    /// while the files are written, once `generate` has returned and nothing else holds them.
    final class Leftovers: @unchecked Sendable {
        private var values: [Any] = []

        func keep(_ values: Any...) { self.values += values }

        /// Frees the values on one of `backgroundThreads`; the caller goes on at once.
        func freeMeanwhile() {
            backgroundThreads.run { [self] in values.removeAll() }
        }
    }

    /// The threads a build's search indexes and print pages are made on (`Pending`), kept for the next build.
    static let backgroundThreads = WorkerThreads(stackSize: 8 << 20)

    /// A language's search index: its size in bytes, and its root and term chunks (for the gzip sizes).
    typealias IndexSize = (language: String, bytes: Int, chunks: [Data])

    /// The search index of `language` as files, and its size.
    static func searchFiles(language: String, rendered: [RenderedPage], site: Site,
                            cache: SearchIndexBuilder.AnalysisCache?) -> (files: [OutputFile], size: IndexSize) {
        let search = SearchIndexBuilder.build(language: language, pages: rendered, cache: cache)
        let folder = String(site.url(.search, in: language).dropFirst())
        var files = [OutputFile(path: folder + "index.json", contents: .data(search.index))]
        for (chunk, terms) in search.termChunks.enumerated() {
            files.append(OutputFile(path: folder + "terms/\(chunk).json", contents: .data(terms)))
        }
        for (chunk, texts) in search.textChunks.enumerated() {
            files.append(OutputFile(path: folder + "text/\(chunk).json", contents: .data(texts)))
        }
        let termBytes = search.termChunks.reduce(0) { $0 + $1.count }
        return (files, (language, search.index.count + termBytes, [search.index] + search.termChunks))
    }

    /// The chart texts of `language` from the theme's strings (`figure`, `chartData`, …); English
    /// ones when the theme has errors (the build then stops anyway, after checking the content).
    static func chartLabels(_ theme: Theme?, language: String) -> ChartRenderer.Labels {
        guard let theme else { return .english }
        return .init(figure: theme.string(.figure, language), data: theme.string(.chartData, language),
              barChart: theme.string(.barChart, language), timelineChart: theme.string(.timelineChart, language),
              decimalSeparator: theme.string(.decimalSeparator, language),
              thousandsSeparator: theme.string(.thousandsSeparator, language),
              groupingMinimumDigits: Int(theme.string(.groupingMinimumDigits, language)) ?? ChartRenderer.Labels.english.groupingMinimumDigits)
    }

    static func finish(_ report: BuildReport, _ start: Date) -> BuildReport {
        var report = report
        report.diagnostics = report.diagnostics.sortedForReport
        report.seconds = Date().timeIntervalSince(start)
        return report
    }

    /// A path as the user would write it: relative to the working folder where possible.
    static func displayPath(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let path = url.standardizedFileURL.path
        if path.hasPrefix(cwd + "/") { return String(path.dropFirst(cwd.count + 1)) }
        return path
    }
}
