import Foundation

/// What a long-running `vidin serve` keeps from one build for the next, so that saving one page
/// renders and themes only that page again.
///
/// Every content page's rendered Markdown, themed HTML file and print-book part is kept under a
/// key made of the page's own text and a fingerprint of everything else a page is made from: the
/// settings, every page's path and front matter (titles, order, numbers, translations and URLs
/// follow from them), the media and static files' names, the files that failed to load and the
/// theme's files. Other pages' texts are not in a page's key: a page's HTML, themed file and
/// print part do not depend on them. What does — the contents and index pages, the print pages,
/// the search index, the feeds and the link check — is made again from the pieces on every build.
///
/// A change to anything but a page's text (a title, site.yml, a template) changes every key, so
/// the whole site is made again. Each build keeps only the entries it used.
public final class BuildCache: @unchecked Sendable {  // state guarded by `lock`
    /// A page's key: the structure, its path and a hash of its text's bytes (`String`'s own
    /// hashing and comparing normalise Unicode, which for a whole site's text took longer than
    /// rendering the changed page). The entry keeps the text to compare bytes on a hit.
    struct Key: Hashable {
        var structure: Int
        var path: String
        var bodyHash: Int
    }

    struct Entry {
        var body: String
        var rendered: RenderedPage
        var themed: ThemeRenderer.ThemedPage?
        var printPart: PrintBook.Part?
    }

    /// The search analysis of every word met so far: the index is made again on every build,
    /// but a word is analysed once.
    let searchAnalysis = SearchIndexBuilder.AnalysisCache()

    private let lock = NSLock()
    /// Each Markdown file as the last build loaded it, by path: its bytes, the site's languages
    /// then, and the page or the problems.
    private var loadedFiles: [String: (data: Data, languages: [String], result: (SourcePage?, [Diagnostic]))] = [:]
    /// The compiled theme of the last build, with its files' fingerprint.
    private var compiledTheme: (fingerprint: Int, theme: Theme?, diagnostics: [Diagnostic])?
    /// The entries of the last build, and those the current build has used or made so far.
    private var previous: [Key: Entry] = [:]
    private var current: [Key: Entry] = [:]
    private var rendered = 0

    public init() {}

    /// How many pages the last build rendered from their Markdown (the others came from the cache).
    public var pagesRenderedInLastBuild: Int { lock.withLock { rendered } }

    /// Starts a build whose pages' keys have `structure` as fingerprint.
    func session(structure: Int) -> Session {
        lock.withLock {
            // A build that stopped before rendering used nothing: keep what the one before had.
            if !current.isEmpty { previous = current }
            current = [:]
            rendered = 0
        }
        return Session(cache: self, structure: structure)
    }

    /// One build's use of the cache.
    struct Session: Sendable {
        let cache: BuildCache
        let structure: Int

        func key(_ page: Page) -> Key {
            var hasher = Hasher()
            var body = page.source.body
            body.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
            return Key(structure: structure, path: page.source.path, bodyHash: hasher.finalize())
        }

        /// The page rendered, from the cache or by `render` (and then kept).
        func rendered(_ page: Page, _ render: () -> RenderedPage) -> RenderedPage {
            let key = key(page)
            if let hit = cache.entry(key, body: page.source.body) { return hit.rendered }
            let rendered = render()
            cache.update(key) { $0 = Entry(body: page.source.body, rendered: rendered) }
            return rendered
        }

        func themed(_ page: Page, _ theme: () -> ThemeRenderer.ThemedPage) -> ThemeRenderer.ThemedPage {
            kept(page, \.themed, theme)
        }

        func printPart(_ page: Page, _ make: () -> PrintBook.Part) -> PrintBook.Part {
            kept(page, \.printPart, make)
        }

        /// The page's `piece` of its entry (made after its rendering), or the one `make` makes, then kept.
        private func kept<Piece>(_ page: Page, _ piece: WritableKeyPath<Entry, Piece?>, _ make: () -> Piece) -> Piece {
            let key = key(page)
            if let hit = cache.entry(key, body: page.source.body)?[keyPath: piece] { return hit }
            let made = make()
            cache.update(key) { $0?[keyPath: piece] = made }
            return made
        }
    }

    /// The entry for `key` and a page with text `body` from this build or the last one (moved
    /// into this build's entries).
    private func entry(_ key: Key, body: String) -> Entry? {
        let found: Entry? = lock.withLock {
            if let entry = current[key] { return entry }
            guard let entry = previous[key] else { return nil }
            current[key] = entry
            return entry
        }
        guard let found, Self.sameBytes(found.body, body) else { return nil }
        return found
    }

    static func sameBytes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in b.withUTF8 { y in x.elementsEqual(y) } }
    }

    private func update(_ key: Key, _ change: (inout Entry?) -> Void) {
        lock.withLock {
            if current[key] == nil, let old = previous[key] { current[key] = old }
            let before = current[key]
            change(&current[key])
            if before == nil, current[key] != nil { rendered += 1 }
        }
    }

    /// The file loaded by `load`, or as the last build loaded it when its bytes and the site's
    /// languages are the same.
    func loaded(_ file: ContentFolder.TextFile, languages: [String],
                load: () -> (SourcePage?, [Diagnostic])) -> (SourcePage?, [Diagnostic]) {
        if let kept = lock.withLock({ loadedFiles[file.path] }), kept.languages == languages, kept.data == file.data { return kept.result }
        let result = load()
        lock.withLock { loadedFiles[file.path] = (file.data, languages, result) }
        return result
    }

    /// Forgets the files that are no longer in the content folder.
    func keepLoaded(_ paths: [String]) {
        let kept = Set(paths)
        lock.withLock { loadedFiles = loadedFiles.filter { kept.contains($0.key) } }
    }

    /// The theme compiled from `files` for `languages`: the last build's when its files are the same.
    func theme(_ files: ThemeFiles, languages: [String], compile: () -> (Theme?, [Diagnostic])) -> (Theme?, [Diagnostic]) {
        var hasher = Hasher()
        hasher.combine(languages)
        Self.combine(files, into: &hasher)
        let fingerprint = hasher.finalize()
        if let kept = lock.withLock({ compiledTheme }), kept.fingerprint == fingerprint { return (kept.theme, kept.diagnostics) }
        let (theme, diagnostics) = compile()
        lock.withLock { compiledTheme = (fingerprint, theme, diagnostics) }
        return (theme, diagnostics)
    }

    /// The fingerprint of everything a content page is made from besides its own text.
    static func structure(of site: Site, theme: ThemeFiles, parseTimeout: Double) -> Int {
        var hasher = Hasher()
        hasher.combine(site.config)
        for page in site.pages {
            hasher.combine(page.source.path)
            hasher.combine(page.source.file)
            hasher.combine(page.source.frontMatter)
            hasher.combine(page.source.bodyLine)
        }
        hasher.combine(site.media.map(\.path))
        hasher.combine(site.failedPaths.sorted())
        combine(theme, into: &hasher)
        hasher.combine(parseTimeout)
        return hasher.finalize()
    }

    static func combine(_ theme: ThemeFiles, into hasher: inout Hasher) {
        hasher.combine(theme.name)
        for (name, template) in theme.templates.sorted(by: { $0.key < $1.key }) {
            hasher.combine(name)
            hasher.combine(template.file)
            hasher.combine(template.text)
        }
        for (language, layers) in theme.strings.sorted(by: { $0.key < $1.key }) {
            hasher.combine(language)
            for layer in layers {
                hasher.combine(layer.file)
                hasher.combine(layer.text)
            }
        }
        for (path, data) in theme.assets.sorted(by: { $0.key < $1.key }) {
            hasher.combine(path)
            hasher.combine(data)
        }
    }
}
