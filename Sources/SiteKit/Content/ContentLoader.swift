/// What the load stage hands on: the site's configuration and every page, parsed.
public struct LoadedContent: Sendable {
    public var config: SiteConfig
    public var pages: [SourcePage]
    /// Paths inside the content folder of the files under `media/`.
    public var media: [ContentFolder.MediaFile]
    /// Files of `content/static/`, published as they are (path = path in the output folder).
    public var staticFiles: [ContentFolder.MediaFile] = []
    /// Content paths of Markdown files that had errors: links to them are not reported again.
    public var failedPaths: Set<String> = []
}

/// The load stage's pure half: interprets the files that `ContentReader` read.
public enum ContentLoader {
    /// - Parameter cache: files loaded by the last build (`vidin serve`): a file whose bytes are
    ///   the same is not parsed again.
    public static func load(_ folder: ContentFolder, includeDrafts: Bool, cache: BuildCache? = nil) -> (LoadedContent?, [Diagnostic]) {
        guard let configFile = folder.siteConfig else {
            return (nil, [.error("\(folder.displayRoot)/site.yml", "the site configuration is missing",
                                 hint: "create site.yml with baseURL, languages, project and fundingNotice (see docs/CONTENT.md)")])
        }
        var diagnostics: [Diagnostic] = []
        var configText: String
        switch SourcePageParser.decode(configFile.data, file: configFile.file) {
        case .failure(let diagnostic): return (nil, [diagnostic])
        case .success(let text): configText = text
        }
        let (cleanConfig, configWarning) = SourcePageParser.replacingControlCharacters(configText, file: configFile.file)
        configText = cleanConfig
        if let configWarning { diagnostics.append(configWarning) }
        let (parsedConfig, configDiagnostics) = SiteConfigParser.parse(configText, file: configFile.file)
        diagnostics += configDiagnostics
        guard let config = parsedConfig else { return (nil, diagnostics) }
        let languages = config.languageCodes

        let results = folder.markdown.parallelMap { file -> (SourcePage?, [Diagnostic]) in
            cache?.loaded(file, languages: languages) { loadFile(file, languages: languages) } ?? loadFile(file, languages: languages)
        }
        cache?.keepLoaded(folder.markdown.map(\.path))
        var pages: [SourcePage] = []
        var failed = Set<String>()
        for (file, (page, pageDiagnostics)) in zip(folder.markdown, results) {
            diagnostics += pageDiagnostics
            if let page, includeDrafts || !page.frontMatter.draft { pages.append(page) }
            if page == nil, pageDiagnostics.hasErrors { failed.insert(file.path) }
        }
        var content = LoadedContent(config: config, pages: pages, media: folder.media)
        content.staticFiles = folder.staticFiles
        content.failedPaths = failed
        for file in folder.media + folder.staticFiles {
            if let problem = Self.fileNameProblem(file.path) {
                diagnostics.append(.error("\(folder.displayRoot)/\(file.path)", "the file name \(problem)",
                                          hint: "rename the file with letters, digits, hyphens and dots only"))
            }
        }
        return (content, diagnostics)
    }

    /// One Markdown file of the content folder as a page, or what is wrong with it.
    static func loadFile(_ file: ContentFolder.TextFile, languages: [String]) -> (SourcePage?, [Diagnostic]) {
        let parts = file.path.split(separator: "/")
        if let problem = Self.fileNameProblem(file.path) {
            return (nil, [.error(file.file, "the file name \(problem)", hint: "rename the file with letters, digits and hyphens only, e.g. 'my-page.bg.md'")])
        }
        guard parts.count >= 2 else { return (nil, []) }  // a README beside site.yml is not a page
        guard let section = SourcePage.Section(rawValue: String(parts[0])) else {
            let known = SourcePage.Section.allCases.map(\.rawValue)
            let hint = Suggestion.closest(to: String(parts[0]), in: known).map { "did you mean '\($0)/'?" }
                ?? "put pages in one of: \(known.map { $0 + "/" }.joined(separator: ", "))"
            return (nil, [.warning(file.file, "the folder '\(parts[0])' is not a content section, so this file is skipped", hint: hint)])
        }
        let fileName = String(parts.last!)
        guard let (name, language) = SourcePageParser.splitFileName(fileName) else {
            return (nil, [.error(file.file, "the file name has no language code",
                                 hint: "name it NAME.LANG.md with LANG one of \(languages.joined(separator: ", ")), e.g. '\(fileName.dropLast(3)).\(languages.first ?? "bg").md'")])
        }
        guard languages.contains(language) else {
            return (nil, [.error(file.file, "'\(language)' is not one of the site's languages (\(languages.joined(separator: ", ")))",
                                 hint: "rename the file to end in \(languages.map { ".\($0).md" }.joined(separator: " or ")), or add the language to site.yml")])
        }
        let decoded: String
        switch SourcePageParser.decode(file.data, file: file.file) {
        case .failure(let diagnostic): return (nil, [diagnostic])
        case .success(let text): decoded = text
        }
        let (text, warning) = SourcePageParser.replacingControlCharacters(decoded, file: file.file)
        let subfolders = parts.dropFirst().dropLast().joined(separator: "/")
        let fullName = subfolders.isEmpty ? name : "\(subfolders)/\(name)"
        let (page, pageDiagnostics) = SourcePageParser.parse(text: text, path: file.path, file: file.file, section: section, name: fullName, language: language)
        return (page, (warning.map { [$0] } ?? []) + pageDiagnostics)
    }

    /// What is wrong with a path inside content/ that would break URLs or reports: control
    /// characters (a line break in a name forges report lines) and names too long for a URL.
    static func fileNameProblem(_ path: String) -> String? {
        if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "contains a line break or another control character"
        }
        if path.split(separator: "/").contains(where: { $0.utf8.count > 200 }) {
            return "is longer than 200 bytes"
        }
        return nil
    }
}
