import Yams

/// Reads the text of `content/site.yml` into a `SiteConfig`, reporting every problem with its line.
public enum SiteConfigParser {
    static let topKeys = ["baseURL", "theme", "languages", "publishers", "project", "fundingNotice", "edition", "allowRawHTML", "pdfName", "keep"]
    static let languageKeys = ["code", "name", "title", "subtitle", "description", "menu", "keywords"]
    static let projectKeys = ["number", "title", "programme", "procedure", "budget", "period", "year"]

    public static func parse(_ text: String, file: String) -> (SiteConfig?, [Diagnostic]) {
        let root: Node?
        switch YAMLReader.parse(text, file: file) {
        case .failure(let diagnostic): return (nil, [diagnostic])
        case .success(let node): root = node
        }
        guard let map = YAMLMapping(root, file: file, lineOffset: 0) else {
            return (nil, [.error(file, line: 1, "site.yml must be a mapping of keys to values", hint: "start with 'baseURL: https://…' and 'languages:'")])
        }
        var diagnostics = map.unknownKeys(allowed: topKeys, context: "site.yml")

        func required(_ value: String?, _ key: String, in mapping: YAMLMapping, example: String, context: String = "") -> String {
            if let value, !value.isEmpty { return value }
            let line = mapping.line(of: key) ?? mapping.pairs.first?.line ?? 1
            diagnostics.append(.error(file, line: line, "'\(key)' is missing\(context)", hint: "add \(example)"))
            return ""
        }

        var languages: [SiteConfig.Language] = []
        // Errors in the languages stop the build here: every later stage is organised by them.
        var languageErrors = false
        if let list = map["languages"]?.sequence {
            for node in list {
                guard let lang = YAMLMapping(node, file: file, lineOffset: 0) else {
                    diagnostics.append(.error(file, line: map.line(of: node), "each language must be a mapping", hint: "write '- code: bg' with name, title, description and menu below it"))
                    continue
                }
                diagnostics += lang.unknownKeys(allowed: languageKeys, context: "a language")
                let code = required(lang.string("code"), "code", in: lang, example: "'code: bg'")
                if !code.isEmpty, !isLanguageCode(code) {
                    diagnostics.append(.error(file, line: lang.line(of: "code") ?? map.line(of: node), "'\(code)' is not a language code",
                                              hint: "use a code of two or three lowercase letters, e.g. 'code: bg' or 'code: en'"))
                    languageErrors = true
                }
                var menu: [SiteConfig.MenuItem] = []
                for item in lang["menu"]?.sequence ?? [] {
                    guard let entry = YAMLMapping(item, file: file, lineOffset: 0),
                          let title = entry.string("title"), let link = entry.string("link") else {
                        diagnostics.append(.error(file, line: map.line(of: item), "a menu entry needs 'title' and 'link'", hint: "write '- {title: Ръководство, link: guide}'"))
                        continue
                    }
                    diagnostics += entry.unknownKeys(allowed: ["title", "link"], context: "a menu entry")
                    if let problem = URLSafety.problem(with: link) {
                        diagnostics.append(.error(file, line: entry.line(of: "link") ?? map.line(of: item), "the menu entry '\(title)' links to an unsafe address: \(problem)",
                                                  hint: "link to a section (guide, news), a page such as 'pages/about', or an https:// address"))
                        continue
                    }
                    menu.append(.init(title: title, link: link, line: map.line(of: item)))
                }
                languages.append(.init(
                    code: code,
                    name: required(lang.string("name"), "name", in: lang, example: "the language's own name, e.g. 'name: Български'", context: " for language '\(code)'"),
                    title: required(lang.string("title"), "title", in: lang, example: "the site's title in this language", context: " for language '\(code)'"),
                    subtitle: lang.string("subtitle") ?? "",
                    description: lang.string("description") ?? "",
                    menu: menu,
                    keywords: lang.string("keywords") ?? ""))
            }
        }
        if languages.isEmpty {
            diagnostics.append(.error(file, line: map.line(of: "languages") ?? 1, "no languages are defined", hint: "add 'languages:' with '- code: bg' and '- code: en' entries"))
            languageErrors = true
        }
        let codes = languages.map(\.code)
        var seenCodes = Set<String>()
        for (index, code) in codes.enumerated() where !code.isEmpty && !seenCodes.insert(code).inserted {
            let node = map["languages"]?.sequence?[index]
            let line = node.flatMap { YAMLMapping($0, file: file, lineOffset: 0)?.line(of: "code") } ?? map.line(of: "languages") ?? 1
            diagnostics.append(.error(file, line: line, "the language code '\(code)' appears twice", hint: "give each language its own code"))
            languageErrors = true
        }
        if codes.contains("") { languageErrors = true }

        func localized(_ node: Node?, _ key: String, in mapping: YAMLMapping, required isRequired: Bool = true) -> [String: String] {
            guard let node else {
                if isRequired {
                    diagnostics.append(.error(file, line: mapping.line(of: key) ?? mapping.pairs.first?.line ?? 1, "'\(key)' is missing", hint: "add '\(key):' with one line per language, e.g. 'bg: …' and 'en: …'"))
                }
                return [:]
            }
            if let text = node.scalar?.string { return Dictionary(uniqueKeysWithValues: codes.map { ($0, text) }) }
            var values: [String: String] = [:]
            for (key, value) in node.mapping ?? [:] {
                if let code = key.string, let text = value.string { values[code] = text }
            }
            for code in codes where values[code] == nil && isRequired {
                diagnostics.append(.error(file, line: mapping.line(of: node), "'\(key)' has no text for '\(code)'", hint: "add '\(code): …' under '\(key)'"))
            }
            return values
        }

        var publishers: [SiteConfig.Publisher] = []
        for node in map["publishers"]?.sequence ?? [] {
            guard let entry = YAMLMapping(node, file: file, lineOffset: 0) else { continue }
            diagnostics += entry.unknownKeys(allowed: ["name", "website"], context: "a publisher")
            var website = entry.string("website")
            if let address = website, let problem = URLSafety.problem(withWebAddress: address) {
                diagnostics.append(.error(file, line: entry.line(of: "website") ?? map.line(of: node), "the publisher's website is not a safe web address: \(problem)",
                                          hint: "write the full address, e.g. 'website: https://www.example.bg/'"))
                website = nil
            }
            publishers.append(.init(name: localized(entry["name"], "name", in: entry), website: website))
        }

        var project = SiteConfig.Project(number: "", title: [:], programme: [:], procedure: [:], budget: [:], period: [:], year: "")
        if let entry = YAMLMapping(map["project"], file: file, lineOffset: 0) {
            diagnostics += entry.unknownKeys(allowed: projectKeys, context: "project")
            project = .init(
                number: required(entry.string("number"), "number", in: entry, example: "the project's number"),
                title: localized(entry["title"], "title", in: entry),
                programme: localized(entry["programme"], "programme", in: entry),
                procedure: localized(entry["procedure"], "procedure", in: entry, required: false),
                budget: localized(entry["budget"], "budget", in: entry),
                period: localized(entry["period"], "period", in: entry),
                year: entry.string("year") ?? "")
        } else {
            diagnostics.append(.error(file, line: 1, "'project' is missing", hint: "add 'project:' with number, title, programme, budget and period"))
        }

        let baseURL = map.string("baseURL") ?? ""
        if let problem = URLSafety.problem(withWebAddress: baseURL) {
            diagnostics.append(.error(file, line: map.line(of: "baseURL") ?? 1, "'baseURL' must be an absolute http(s) URL: \(problem)", hint: "write e.g. 'baseURL: https://www.digital-vidin.eu/'"))
        }
        let pdfName = map.string("pdfName") ?? "guide"
        if pdfName.isEmpty || !pdfName.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) {
            diagnostics.append(.error(file, line: map.line(of: "pdfName") ?? 1, "'pdfName' must be lowercase Latin letters, digits and hyphens",
                                      hint: "write e.g. 'pdfName: digital-vidin-guide' (the PDFs become downloads/digital-vidin-guide-bg.pdf, …)"))
        }
        var keep: [String] = []
        if let node = map["keep"] {
            let entries = node.sequence ?? (node.scalar.map { [Node.scalar($0)] } ?? [])
            if node.sequence == nil, node.scalar == nil {
                diagnostics.append(.error(file, line: map.line(of: "keep") ?? 1, "'keep' must be a list of paths inside the output folder", hint: "write e.g. 'keep: [CNAME, google1234.html]'"))
            }
            for entry in entries {
                guard let path = entry.string else { continue }
                if let problem = keepProblem(path) {
                    diagnostics.append(.error(file, line: map.line(of: entry), "'\(path)' cannot be kept: \(problem)",
                                              hint: "list paths inside the output folder, e.g. 'CNAME' or 'google1234.html'"))
                } else {
                    keep.append(path.hasSuffix("/") ? String(path.dropLast()) : path)
                }
            }
        }
        if languageErrors { return (nil, diagnostics) }
        var config = SiteConfig(
            baseURL: baseURL.hasSuffix("/") ? baseURL : baseURL + "/",
            theme: map.string("theme") ?? "default",
            languages: languages,
            publishers: publishers,
            project: project,
            fundingNotice: localized(map["fundingNotice"], "fundingNotice", in: map),
            allowRawHTML: map["allowRawHTML"]?.bool ?? false,
            file: file)
        config.pdfName = pdfName
        config.edition = localized(map["edition"], "edition", in: map, required: false)
        config.keep = keep
        return (config, diagnostics)
    }

    /// `bg`, `en`, `pt-BR`: letters and hyphens only, so that a code is a safe folder name.
    static func isLanguageCode(_ code: String) -> Bool {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLowercase }) else { return false }
        return parts.dropFirst().allSatisfy { (2...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    /// Nil when `path` names something inside the output folder; otherwise what is wrong with it.
    static func keepProblem(_ path: String) -> String? {
        let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
        if trimmed.isEmpty { return "the path is empty" }
        if trimmed.hasPrefix("/") { return "the path must be relative to the output folder" }
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        if parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) { return "the path must not contain '..', '.' or '//'" }
        if trimmed == SiteWriter.markerName { return "vidin writes that file itself" }
        if trimmed.contains(where: { "*?[".contains($0) }) { return "patterns are not supported; list each file or folder" }
        return nil
    }
}
