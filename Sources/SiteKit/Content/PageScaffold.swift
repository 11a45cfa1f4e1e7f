import Foundation

/// `vidin new KIND "Заглавие"`: the two files of a new page, Bulgarian and English, with
/// complete front matter. What the editor still has to write is left as placeholders and
/// `<!-- TODO: … -->` notes that `vidin check` lists; the English file is marked
/// `translation-of: untranslated`.
public struct PageScaffold: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case chapter, caseStudy = "case-study", page, news

        var section: SourcePage.Section {
            switch self {
            case .chapter: .guide
            case .caseStudy: .caseStudies
            case .page: .pages
            case .news: .news
            }
        }
    }

    public struct File: Sendable, Equatable {
        /// Path inside the content folder.
        public var path: String
        public var text: String
    }

    public var files: [File]

    /// The files for a page titled `title`. `existing` are the paths inside the content folder
    /// (for the next chapter number), `today` is `YYYY-MM-DD`.
    public static func make(_ kind: Kind, title: String, existing: [String], today: String) -> Result<PageScaffold, Diagnostic> {
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        let slug = Slug.make(title)
        guard !slug.isEmpty else {
            return .failure(.error("vidin new", "the title '\(title)' has no letters or digits to make an address from",
                                   hint: "give the page's real title, e.g. vidin new \(kind.rawValue) \"Отворени данни\""))
        }
        let folder = kind.section.rawValue
        let name: String
        switch kind {
        case .chapter:
            let numbers = existing.compactMap { path -> Int? in
                guard path.hasPrefix("guide/") else { return nil }
                return Int(path.dropFirst("guide/".count).prefix { $0.isNumber })
            }
            name = String(format: "%02d-%@", (numbers.max() ?? 0) + 1, slug)
        case .news:
            name = "\(today)-\(slug)"
        case .caseStudy, .page:
            name = slug
        }
        let quoted = { (text: String) in "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        let bgPath = "\(folder)/\(name).bg.md", enPath = "\(folder)/\(name).en.md"

        var bg = ["---", "title: \(quoted(title))", "slug: \(slug)", "summary: \"TODO: едно-две изречения за съдържанието\""]
        var en = ["---", "title: \(quoted("TODO: English title (\(title))"))", "slug: \(slug)", "summary: \"TODO: one or two sentences on what it holds\""]
        if kind == .caseStudy {
            bg += ["city: \"TODO: град\"", "country: \"TODO: държава\"", "population: 0", "year: 0",
                   "topics: [\"TODO: тема\"]", "website: \"https://TODO.example/\""]
            en += ["city: \"TODO: city\"", "country: \"TODO: country\"", "population: 0", "year: 0",
                   "topics: [\"TODO: topic\"]", "website: \"https://TODO.example/\""]
        }
        en.append("translation-of: \(TranslationFingerprint.untranslated)")
        bg += ["---", "", "<!-- TODO: напишете текста; разделите започват с „## “, източниците са бележки под линия [^име] -->", ""]
        en += ["---", "", "<!-- TODO: translate \(bgPath), then run 'vidin check --mark-translated' on this file -->", ""]
        return .success(PageScaffold(files: [File(path: bgPath, text: bg.joined(separator: "\n")),
                                             File(path: enPath, text: en.joined(separator: "\n"))]))
    }

    /// Writes the files into the content folder; writes nothing when any of them exists already.
    public func write(into contentDirectory: URL, displayRoot: String) -> [Diagnostic] {
        let fileManager = FileManager.default
        let taken = files.filter { fileManager.fileExists(atPath: contentDirectory.appendingPathComponent($0.path).path) }
        guard taken.isEmpty else {
            return taken.map { .error("\(displayRoot)/\($0.path)", "the file exists already; nothing was written",
                                      hint: "choose another title, or edit the existing file") }
        }
        var diagnostics: [Diagnostic] = []
        for file in files {
            let url = contentDirectory.appendingPathComponent(file.path)
            do {
                try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.text.utf8).write(to: url, options: .withoutOverwriting)
            } catch {
                diagnostics.append(.error("\(displayRoot)/\(file.path)", "cannot write the file: \(error.localizedDescription)",
                                          hint: "check that the content folder exists and is writable"))
            }
        }
        return diagnostics
    }
}
