/// Checks every link and image of the rendered pages: the file, page or anchor it points to must
/// exist. `build` reports problems as warnings; `check` makes them errors.
public struct LinkChecker: Sendable {
    public var severity: Diagnostic.Severity

    public init(severity: Diagnostic.Severity) { self.severity = severity }

    /// - Parameter knownPaths: site paths that exist besides the pages (index pages, media, assets).
    public func check(_ pages: [RenderedPage], knownPaths: Set<String>) -> [Diagnostic] {
        var idsByURL: [String: Set<String>] = [:]
        for page in pages { idsByURL[page.page.url] = page.ids }
        var diagnostics: [Diagnostic] = []
        for page in pages {
            let file = page.page.source.file
            for note in page.unresolvedFootnotes {
                diagnostics.append(Diagnostic(severity, file: file, line: note.line, column: note.column,
                                              "the footnote [^\(note.label)] has no definition or is glued to a web address",
                                              hint: "add a line '[^\(note.label)]: source, https://…' at the end of the file, or write the address as <https://…>"))
            }
            for link in page.links {
                let what = link.isImage ? "image" : "link"
                // An image is part of the page (and of the PDF): one that the site does not have
                // is an error even in `build`, so that nothing outside content/ is ever embedded
                // and no page loads a picture from another host.
                let severity = link.isImage ? Diagnostic.Severity.error : severity
                switch link.target {
                case .missingFile(let path):
                    diagnostics.append(Diagnostic(severity, file: file, line: link.line, column: link.column,
                                                  "the \(what) points to '\(path)', which is not a page or media file of the site",
                                                  hint: hint(forMissing: path, in: page, pages: pages)))
                case .unsafe(let url):
                    // Removed from the page, so nothing is loaded: reported like a link.
                    diagnostics.append(Diagnostic(self.severity, file: file, line: link.line, column: link.column,
                                                  "the \(what) '\(url.prefix(40))' could run a script and was removed",
                                                  hint: "link to an https:// address or to a .md file instead"))
                case .page(let url, let fragment):
                    guard let fragment, let ids = idsByURL[url], !ids.contains(fragment) else { continue }
                    let suggestion = Suggestion.closest(to: fragment, in: Array(ids)).map { "did you mean '#\($0)'?" }
                        ?? "link to one of the page's headings; their ids are the heading text in lowercase Latin letters joined by hyphens"
                    diagnostics.append(Diagnostic(severity, file: file, line: link.line, column: link.column,
                                                  "the anchor '#\(fragment)' does not exist on \(url)", hint: suggestion))
                case .sitePath(let path):
                    let bare = String(path.split(separator: "#", maxSplits: 1).first ?? "")
                    let normalized = bare.hasSuffix("/") || bare.contains(".") ? bare : bare + "/"
                    if !knownPaths.contains(normalized), idsByURL[normalized] == nil {
                        diagnostics.append(Diagnostic(severity, file: file, line: link.line, column: link.column,
                                                      "the \(what) points to '\(path)', which the site does not have",
                                                      hint: "link to the .md file of the page instead of its URL"))
                    } else if let hash = path.firstIndex(of: "#"), let ids = idsByURL[normalized] {
                        let fragment = String(path[path.index(after: hash)...])
                        guard !fragment.isEmpty, !ids.contains(fragment) else { continue }
                        let suggestion = Suggestion.closest(to: fragment, in: Array(ids)).map { "did you mean '#\($0)'?" }
                            ?? "link to one of the page's headings; their ids are the heading text in lowercase Latin letters joined by hyphens"
                        diagnostics.append(Diagnostic(severity, file: file, line: link.line, column: link.column,
                                                      "the anchor '#\(fragment)' does not exist on \(normalized)", hint: suggestion))
                    }
                case .external(let url):
                    guard link.isImage else { continue }
                    diagnostics.append(Diagnostic(severity, file: file, line: link.line, column: link.column,
                                                  "the image '\(url.prefix(60))' is on another host; the site loads nothing from other hosts",
                                                  hint: "save the picture in content/media/ and link it as ../media/NAME"))
                case .failedFile:
                    continue
                }
            }
        }
        return diagnostics
    }

    func hint(forMissing path: String, in page: RenderedPage, pages: [RenderedPage]) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let candidates = pages.filter { $0.page.language == page.page.language }.map { $0.page.source.path.split(separator: "/").last.map(String.init) ?? "" }
        if let close = Suggestion.closest(to: name, in: candidates) { return "did you mean '\(close)'?" }
        if !name.hasSuffix(".md") { return "link to the page's .md file, e.g. '02-frameworks.\(page.page.language).md'" }
        return "check the file name and folder (paths are relative to this file)"
    }
}
