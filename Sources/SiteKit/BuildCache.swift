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
    struct Key: Hashable {
        var structure: Int
        var path: String
        var body: String
    }

    struct Entry {
        var rendered: RenderedPage
        var themed: ThemeRenderer.ThemedPage?
        var printPart: PrintBook.Part?
    }

    private let lock = NSLock()
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

        func key(_ page: Page) -> Key { Key(structure: structure, path: page.source.path, body: page.source.body) }

        /// The page rendered, from the cache or by `render` (and then kept).
        func rendered(_ page: Page, _ render: () -> RenderedPage) -> RenderedPage {
            let key = key(page)
            if let hit = cache.entry(key) { return hit.rendered }
            let rendered = render()
            cache.update(key) { $0 = Entry(rendered: rendered) }
            return rendered
        }

        func themed(_ page: Page, _ theme: () -> ThemeRenderer.ThemedPage) -> ThemeRenderer.ThemedPage {
            let key = key(page)
            if let hit = cache.entry(key)?.themed { return hit }
            let themed = theme()
            cache.update(key) { $0?.themed = themed }
            return themed
        }

        func printPart(_ page: Page, _ make: () -> PrintBook.Part) -> PrintBook.Part {
            let key = key(page)
            if let hit = cache.entry(key)?.printPart { return hit }
            let part = make()
            cache.update(key) { $0?.printPart = part }
            return part
        }
    }

    /// The entry for `key` from this build or the last one (moved into this build's entries).
    private func entry(_ key: Key) -> Entry? {
        lock.withLock {
            if let entry = current[key] { return entry }
            guard let entry = previous[key] else { return nil }
            current[key] = entry
            return entry
        }
    }

    private func update(_ key: Key, _ change: (inout Entry?) -> Void) {
        lock.withLock {
            if current[key] == nil, let old = previous[key] { current[key] = old }
            let before = current[key]
            change(&current[key])
            if before == nil, current[key] != nil { rendered += 1 }
        }
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
        hasher.combine(parseTimeout)
        return hasher.finalize()
    }
}
