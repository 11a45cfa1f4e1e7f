import Foundation
import Yams

/// A theme ready to use: compiled templates, UI strings per language and assets.
public struct Theme: Sendable {
    public var name: String
    var library: TemplateLibrary
    public var templateNames: Set<String>
    /// Language code → UI string key → text.
    public var strings: [String: [String: String]]
    /// Language code → the twelve month names for dates.
    public var months: [String: [String]]
    public var assets: [String: Data]
    /// The fixed ids the templates write (`id="main"`, `id="site-search-q"`): a heading in the
    /// content never takes one of them.
    public var ids: Set<String> = []

    /// Compiles the templates and reads the UI strings, reporting problems with file and line.
    public static func compile(_ files: ThemeFiles, languages: [String]) -> (Theme?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var library = TemplateLibrary()
        for (name, template) in files.templates.sorted(by: { $0.key < $1.key }) {
            do {
                library.templates[name] = try Template(template.text)
            } catch {
                diagnostics.append(.error(template.file, line: error.line, column: error.column,
                                          "the template does not parse: \(error.message)", hint: error.hint))
            }
        }
        diagnostics += checkReferences(files, library)
        // Two assets whose names differ only in `-`, `/` or `.` would share one template name.
        for (name, paths) in Dictionary(grouping: files.assets.keys, by: assetName) where paths.count > 1 {
            let sorted = paths.sorted()
            diagnostics.append(.error("themes/\(files.name)/assets/\(sorted[1])",
                                      "the assets \(sorted.map { "'\($0)'" }.joined(separator: " and ")) have the same template name 'assets.\(name)', so a template could not tell them apart",
                                      hint: "rename one of them (templates name an asset by its path with '/', '.' and '-' written as '_')"))
        }
        var strings: [String: [String: String]] = [:]
        var months: [String: [String]] = [:]
        for language in languages {
            guard let layers = files.strings[language] else {
                diagnostics.append(.error("themes/\(files.name)/i18n/\(language).yml", "the theme has no UI strings for '\(language)'",
                                          hint: "add i18n/\(language).yml to the theme (copy the default theme's and translate it)"))
                continue
            }
            var table: [String: String] = [:]
            var readable = true
            for layer in layers {
                switch YAMLReader.parse(layer.text, file: layer.file) {
                case .failure(let diagnostic):
                    diagnostics.append(diagnostic)
                    readable = false
                case .success(let node):
                    for (key, value) in node?.mapping ?? [:] {
                        guard let key = key.string else { continue }
                        if let list = value.sequence, key == "months" {
                            months[language] = list.compactMap(\.string)
                        } else if let text = value.string {
                            table[key] = text
                        }
                    }
                }
            }
            strings[language] = table
            if readable, months[language]?.count != 12 {
                diagnostics.append(.error(layers.last!.file, "'months' must list the twelve month names", hint: "add 'months: [януари, февруари, …]'"))
            }
            guard readable else { continue }
            // Every string the build writes, and every `t.…` a template uses, in every language.
            let file = layers.last!.file
            for key in UIString.allCases where table[key.rawValue] == nil {
                diagnostics.append(.error(file, "the UI string '\(key.rawValue)' is missing: the site writes it on its pages",
                                          hint: "add '\(key.rawValue): …' in this language (the default theme's i18n files have every key)"))
            }
            for (name, template) in files.templates.sorted(by: { $0.key < $1.key }) {
                for name in library.templates[name]?.names ?? [] where name.path.hasPrefix("t.") {
                    let key = String(name.path.dropFirst(2))
                    guard table[key] == nil else { continue }
                    let hint = Suggestion.closest(to: key, in: Array(table.keys)).map { "did you mean 't.\($0)'? Otherwise add '\(key): …' to \(file)" }
                        ?? "add '\(key): …' to \(file)"
                    diagnostics.append(.error(template.file, line: name.line, column: name.column,
                                              "the template uses the UI string '\(key)', which \(file) does not have", hint: hint))
                }
            }
        }
        if library.cycles.isEmpty { library.link() }
        var theme = Theme(name: files.name, library: library, templateNames: Set(files.templates.keys),
                          strings: strings, months: months, assets: files.assets)
        for (name, template) in library.templates {
            theme.templateTags[name] = (files.templates[name]!.file, template.names)
            theme.templateReferences.formUnion(template.references.map(\.name.text))
        }
        theme.ids = Set(files.templates.values.flatMap { templateIDs($0.text) })
        return (diagnostics.hasErrors ? nil : theme, diagnostics)
    }

    /// The name a template uses for an asset: `css/site.css` → `css_site_css` (`{{assets.css_site_css}}`).
    static func assetName(_ path: String) -> String {
        String(path.map { $0 == "/" || $0 == "." || $0 == "-" ? "_" : $0 })
    }

    /// The values of the `id="…"` attributes of a template's text that are not made from a value.
    static func templateIDs(_ text: String) -> [String] {
        text.components(separatedBy: " id=\"").dropFirst().compactMap { rest in
            guard let end = rest.firstIndex(of: "\"") else { return nil }
            let id = rest[..<end]
            return id.isEmpty || id.contains("{{") ? nil : String(id)
        }
    }

    /// The templates the build renders pages with; a theme without one of them cannot build.
    public static let pageTemplates = ["home", "guide-index", "chapter", "case-study-index", "case-study",
                                       "news-index", "news-item", "page", "search", "404", "print"]

    /// Every page template exists, every partial (`{{> name}}`) and parent (`{{< name}}`) a
    /// template names exists (else pages would be published without their footer, or empty), and
    /// no template includes itself (else rendering would never end).
    static func checkReferences(_ files: ThemeFiles, _ library: TemplateLibrary) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let names = Set(files.templates.keys)
        let folder = files.templates.values.lazy.compactMap { template -> String? in
            guard let range = template.file.range(of: "/templates/") else { return nil }
            return String(template.file[..<range.lowerBound]) + "/templates"
        }.first ?? "themes/\(files.name)/templates"
        for name in pageTemplates where !names.contains(name) {
            diagnostics.append(.error("\(folder)/\(name).mustache", "the theme has no template '\(name)', which the build needs for its pages",
                                      hint: "add templates/\(name).mustache to the theme (copy the default theme's)"))
        }
        for (name, template) in library.templates.sorted(by: { $0.key < $1.key }) {
            for reference in template.references where !names.contains(reference.name.text) {
                let kind = reference.isParent ? "extends the template" : "includes the partial"
                let hint = Suggestion.closest(to: reference.name.text, in: Array(names)).map { "did you mean '\($0)'?" }
                    ?? "add \(reference.name.text).mustache to the theme's templates/ or remove the tag"
                diagnostics.append(.error(files.templates[name]!.file, line: reference.name.line, column: reference.name.column,
                                          "the template \(kind) '\(reference.name.text)', which the theme does not have", hint: hint))
            }
        }
        for cycle in library.cycles {
            let first = cycle[0], next = cycle[1]
            let tag = library.templates[first]!.references.first { $0.name.text == next }!.name
            diagnostics.append(.error(files.templates[first]!.file, line: tag.line, column: tag.column,
                                      "the templates include each other in a circle (\(cycle.joined(separator: " → "))): a page would never end",
                                      hint: "remove the tag that leads back to '\(first)'"))
        }
        return diagnostics
    }

    /// The names each template looks up, with the template's file: for `unknownNames`.
    var templateTags: [String: (file: String, names: [Template.NameUse])] = [:]
    /// The templates other templates include as partials or extend.
    var templateReferences: Set<String> = []

    /// Names the templates use that no page gives them: an error at the template's line. A page
    /// template's names are checked against the values of the pages rendered with it; the names
    /// of the layout and partials (rendered inside every page) against those of all pages.
    /// `renderedNames`: template → the names its pages' values had.
    public func unknownNames(_ renderedNames: [String: Set<String>]) -> [Diagnostic] {
        let all = renderedNames.values.reduce(into: Set<String>()) { $0.formUnion($1) }
        // Layouts and partials are rendered inside the pages.
        let included = templateReferences
        var diagnostics: [Diagnostic] = []
        for (template, tags) in templateTags.sorted(by: { $0.key < $1.key }) {
            // A page template no page used this time (no news yet) cannot be judged.
            guard let known = renderedNames[template] ?? (included.contains(template) ? all : nil) else { continue }
            for name in tags.names {
                let parts = name.path.split(separator: ".").map(String.init)
                guard let first = parts.first, first != "t", first != "assets" else { continue }
                // Inside a section that was empty on every page, the items' names cannot be judged.
                guard name.sections.allSatisfy({ known.contains("#" + ($0.split(separator: ".").last.map(String.init) ?? $0)) }) else { continue }
                for part in parts where !known.contains(part) {
                    let hint = Suggestion.closest(to: part, in: Array(known)).map { "did you mean '\($0)'?" }
                        ?? "use one of the values the build gives this template (see docs/THEMES.md)"
                    diagnostics.append(.error(tags.file, line: name.line, column: name.column,
                                              "the template uses '\(name.path)', which no page gives it: it would print nothing", hint: hint))
                }
            }
        }
        return diagnostics
    }

    /// A UI string in `language` (every theme that compiles has all of them).
    public func string(_ key: UIString, _ language: String) -> String {
        strings[language]?[key.rawValue] ?? key.rawValue
    }

    /// `2026-11-27` → „27 ноември 2026 г.“ / "27 November 2026", by the language's `dateFormat`.
    public func formatDate(_ isoDate: String, _ language: String) -> String {
        let parts = isoDate.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let names = months[language], names.count == 12 else { return isoDate }
        let format = strings[language]?["dateFormat"] ?? "{day} {month} {year}"
        return format.replacingOccurrences(of: "{day}", with: String(parts[2]))
            .replacingOccurrences(of: "{month}", with: names[parts[1] - 1])
            .replacingOccurrences(of: "{year}", with: String(parts[0]))
    }

    /// The template `template` filled in with `value`, as UTF-8 bytes (`capacity`: see
    /// `TemplateLibrary.render`).
    func render(_ template: String, _ value: TemplateValue, capacity: Int = TemplateLibrary.pageCapacity) -> [UInt8] {
        library.render(template, value, capacity: capacity)
    }
}
