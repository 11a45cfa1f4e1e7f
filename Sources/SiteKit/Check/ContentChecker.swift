import Foundation

/// The editorial checks that `vidin check` adds to the build's own: what a reader would notice
/// (an image without alt text, a skipped heading level, an empty link, two pages with one
/// title), what an editor left unfinished (placeholders, `<!-- TODO: … -->` notes) and
/// translations that are missing, stale or shaped differently from their source. All warnings.
public enum ContentChecker {
    public static func check(_ content: LoadedContent) -> [Diagnostic] {
        let pages = content.pages
        let outlines = pages.parallelMap { Outline($0) }
        var diagnostics: [Diagnostic] = []
        for (page, outline) in zip(pages, outlines) {
            diagnostics += outline.diagnostics
            diagnostics += placeholders(page)
        }
        diagnostics += duplicateTitles(pages)
        diagnostics += translations(pages, outlines: outlines, config: content.config)
        return diagnostics
    }

    // MARK: - One page

    /// What the checks need to know of a page's Markdown, from one walk of its tree.
    struct Outline {
        var sections = 0
        /// Sections headed by a single letter: an alphabetical list (a glossary), whose letters
        /// differ between alphabets, so its sections are not compared with the translation's.
        var letterSections = 0
        var isAlphabetical: Bool { letterSections * 2 > sections }
        var footnotes = 0
        var tables = 0
        var diagnostics: [Diagnostic] = []

        init(_ page: SourcePage) {
            let document = CMarkDocument.parse(page.body, allowRawHTML: false)
            let file = page.file
            func line(_ event: MarkdownDocument.Event) -> Int { event.line + page.bodyLine - 1 }
            func text(at index: Int) -> String {
                document.plainText(index..<(document.exitIndex(of: index) + 1)).trimmingCharacters(in: .whitespacesAndNewlines)
            }
            var previousLevel = 1  // the title is the page's level-1 heading
            for (index, event) in document.events.enumerated() where !event.isExit {
                switch event.kind {
                case .heading(let level, _):
                    let heading = text(at: index)
                    if level == 2 {
                        sections += 1
                        if heading.count == 1 { letterSections += 1 }
                    }
                    if level == 1 {
                        diagnostics.append(.warning(file, line: line(event), "the heading '\(heading)' repeats the level of the page title",
                                                    hint: "sections start at '##'; the title comes from 'title:'"))
                    } else if level > previousLevel + 1 {
                        diagnostics.append(.warning(file, line: line(event), "the heading '\(heading)' skips a level (\(String(repeating: "#", count: level)) after \(String(repeating: "#", count: previousLevel)))",
                                                    hint: "make it '\(String(repeating: "#", count: previousLevel + 1))', so that screen readers and the table of contents follow the outline"))
                    }
                    previousLevel = level
                case .image(let url, _):
                    if text(at: index).isEmpty {
                        diagnostics.append(.warning(file, line: line(event), column: event.column, "the image '\(url)' has no alt text",
                                                    hint: "say what it shows between the brackets: ![Map of Vidin region](\(url))"))
                    }
                case .link(let url, _):
                    if text(at: index).isEmpty {
                        diagnostics.append(.warning(file, line: line(event), column: event.column, "the link to '\(url)' has no text",
                                                    hint: "write what the link leads to between the brackets: [the 2021 census](\(url))"))
                    }
                case .htmlBlock(let html), .htmlInline(let html):
                    for note in EditorNote.notes(in: html) {
                        diagnostics.append(.warning(file, line: line(event), column: event.column, "editor's note: \(note)",
                                                    hint: "do what it says, then delete the <!-- TODO: … --> comment"))
                    }
                case .footnoteDefinition:
                    footnotes += 1
                case .table:
                    tables += 1
                default:
                    break
                }
            }
        }
    }

    /// Front-matter values left as `vidin new` wrote them, and case-study fields not filled in.
    static func placeholders(_ page: SourcePage) -> [Diagnostic] {
        let fields = page.frontMatter
        var diagnostics: [Diagnostic] = []
        func placeholder(_ key: String, _ value: String?) {
            guard let value, value.contains(EditorNote.marker) else { return }
            diagnostics.append(.warning(page.file, line: fields.lines[key] ?? 1, "'\(key)' is still a placeholder: \(value)",
                                        hint: "replace it with the real \(key)"))
        }
        placeholder("title", fields.title)
        placeholder("summary", fields.summary)
        guard page.section == .caseStudies else { return diagnostics }
        placeholder("city", fields.city)
        placeholder("country", fields.country)
        placeholder("website", fields.website)
        for topic in fields.topics { placeholder("topics", topic) }
        for (key, value) in [("population", fields.population), ("year", fields.year)] where (value ?? 1) <= 0 {
            diagnostics.append(.warning(page.file, line: fields.lines[key] ?? 1, "'\(key)' is still a placeholder: \(value ?? 0)",
                                        hint: "write the real \(key) in digits"))
        }
        let missing: [(String, Bool)] = [
            ("summary", fields.summary == nil), ("city", fields.city == nil), ("country", fields.country == nil),
            ("population", fields.population == nil), ("year", fields.year == nil),
            ("topics", fields.topics.isEmpty), ("website", fields.website == nil),
        ]
        for (key, isMissing) in missing where isMissing {
            diagnostics.append(.warning(page.file, line: 1, "the case study has no '\(key)'",
                                        hint: "every case study gives summary, city, country, population, year, topics and website (see docs/CONTENT.md)"))
        }
        return diagnostics
    }

    // MARK: - Across pages

    static func duplicateTitles(_ pages: [SourcePage]) -> [Diagnostic] {
        var first: [String: SourcePage] = [:]
        var diagnostics: [Diagnostic] = []
        for page in pages {
            let key = page.language + "\u{0}" + page.frontMatter.title.lowercased()
            if let earlier = first[key] {
                diagnostics.append(.warning(page.file, line: page.frontMatter.lines["title"], "the title '\(page.frontMatter.title)' is also the title of \(earlier.file)",
                                            hint: "give each page its own title, so that readers can tell them apart in lists and search"))
            } else {
                first[key] = page
            }
        }
        return diagnostics
    }

    static func translations(_ pages: [SourcePage], outlines: [Outline], config: SiteConfig) -> [Diagnostic] {
        let source = config.defaultLanguage
        var byKey: [String: [Int]] = [:]
        for (index, page) in pages.enumerated() { byKey[page.key, default: []].append(index) }
        var diagnostics: [Diagnostic] = []
        for indices in byKey.values {
            let languages = Set(indices.map { pages[$0].language })
            for language in config.languageCodes where !languages.contains(language) {
                let page = pages[indices[0]]
                let name = config.language(language)?.name ?? language
                diagnostics.append(.warning(page.file, "the page has no \(name) version",
                                            hint: "add \(page.section.rawValue)/\(page.name).\(language).md, or run 'vidin new' for a new page in both languages"))
            }
            guard let sourceIndex = indices.first(where: { pages[$0].language == source }) else { continue }
            let original = pages[sourceIndex]
            for index in indices where index != sourceIndex {
                diagnostics += translation(pages[index], outline: outlines[index], of: original, outline: outlines[sourceIndex])
            }
        }
        return diagnostics
    }

    static func translation(_ page: SourcePage, outline: Outline, of original: SourcePage, outline originalOutline: Outline) -> [Diagnostic] {
        let line = page.frontMatter.lines["translation-of"]
        let mark = "run 'vidin check --mark-translated \(page.file)' once it translates the current text"
        guard let recorded = page.frontMatter.translationOf else {
            return [.warning(page.file, line: 1, "the translation does not record which version of \(original.file) it translates",
                             hint: "add 'translation-of:': \(mark)")]
        }
        if recorded == TranslationFingerprint.untranslated {
            return [.warning(page.file, line: line, "not translated yet from \(original.file)", hint: "translate it, then \(mark)")]
        }
        guard let codes = TranslationFingerprint.codes(in: recorded) else {
            return [.warning(page.file, line: line, "'translation-of' is not a fingerprint of the source text",
                             hint: "do not edit it by hand: \(mark)")]
        }
        let current = TranslationFingerprint.of(original)
        var diagnostics: [Diagnostic] = []
        if let changed = current.changedParts(since: codes) {
            if !changed.isEmpty {
                let names = changed.map { $0.map { "'\($0)'" } ?? "the introduction" }.joined(separator: ", ")
                diagnostics.append(.warning(page.file, line: line, "the translation is out of date: \(original.file) changed in \(names)",
                                            hint: "translate the changes, then \(mark)"))
            }
        } else {
            diagnostics.append(.warning(page.file, line: line, "the translation is out of date: \(original.file) now has \(current.parts.count - 1) sections, \(codes.count - 1) when it was translated",
                                        hint: "translate the changes, then \(mark)"))
        }
        let compareSections = !outline.isAlphabetical && !originalOutline.isAlphabetical
        let shape = { (o: Outline) in (compareSections ? "\(o.sections) sections, " : "") + "\(o.footnotes) footnotes, \(o.tables) tables" }
        if diagnostics.isEmpty, shape(outline) != shape(originalOutline) {
            diagnostics.append(.warning(page.file, "the translation has \(shape(outline)); \(original.file) has \(shape(originalOutline))",
                                        hint: "translate every section, footnote and table of the source"))
        }
        return diagnostics
    }
}

/// Editor's notes (`<!-- TODO: … -->`) and placeholders (values starting with `TODO`): the
/// marks of unfinished work that `vidin new` leaves and `vidin check` lists.
public enum EditorNote {
    public static let marker = "TODO"

    /// The text of each `<!-- TODO: … -->` comment in a piece of raw HTML.
    static func notes(in html: String) -> [String] {
        var notes: [String] = []
        var rest = html[...]
        while let open = rest.range(of: "<!--") {
            let after = rest[open.upperBound...]
            let close = after.range(of: "-->")
            let inside = after[..<(close?.lowerBound ?? after.endIndex)].trimmingCharacters(in: .whitespacesAndNewlines)
            if isPlaceholder(inside) {
                let text = inside.dropFirst(marker.count).drop { $0 == ":" || $0 == " " }
                notes.append(text.isEmpty ? marker : text.count > 160 ? text.prefix(160) + "…" : String(text))
            }
            guard let close else { break }
            rest = after[close.upperBound...]
        }
        return notes
    }

    static func isPlaceholder(_ value: String) -> Bool {
        guard value.hasPrefix(marker) else { return false }
        let next = value.dropFirst(marker.count).first
        return next == nil || next == ":" || next == " "
    }
}
