import Yams

/// Reads the text of `content/site.yml` into a `SiteConfig`, reporting every problem with its line.
public enum SiteConfigParser {
    static let topKeys = ["baseURL", "theme", "languages", "publishers", "project", "fundingNotice", "edition", "allowRawHTML", "pdfName"]
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
        if let list = map["languages"]?.sequence {
            for node in list {
                guard let lang = YAMLMapping(node, file: file, lineOffset: 0) else {
                    diagnostics.append(.error(file, line: map.line(of: node), "each language must be a mapping", hint: "write '- code: bg' with name, title, description and menu below it"))
                    continue
                }
                diagnostics += lang.unknownKeys(allowed: languageKeys, context: "a language")
                let code = required(lang.string("code"), "code", in: lang, example: "'code: bg'")
                var menu: [SiteConfig.MenuItem] = []
                for item in lang["menu"]?.sequence ?? [] {
                    guard let entry = YAMLMapping(item, file: file, lineOffset: 0),
                          let title = entry.string("title"), let link = entry.string("link") else {
                        diagnostics.append(.error(file, line: map.line(of: item), "a menu entry needs 'title' and 'link'", hint: "write '- {title: Ръководство, link: guide}'"))
                        continue
                    }
                    diagnostics += entry.unknownKeys(allowed: ["title", "link"], context: "a menu entry")
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
        }
        let codes = languages.map(\.code)
        if Set(codes).count != codes.count {
            diagnostics.append(.error(file, line: map.line(of: "languages") ?? 1, "a language code appears twice", hint: "give each language its own code"))
        }

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
            publishers.append(.init(name: localized(entry["name"], "name", in: entry), website: entry.string("website")))
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
        if !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://")) {
            diagnostics.append(.error(file, line: map.line(of: "baseURL") ?? 1, "'baseURL' must be an absolute http(s) URL", hint: "write e.g. 'baseURL: https://www.digital-vidin.eu/'"))
        }
        let pdfName = map.string("pdfName") ?? "guide"
        if pdfName.isEmpty || !pdfName.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) {
            diagnostics.append(.error(file, line: map.line(of: "pdfName") ?? 1, "'pdfName' must be lowercase Latin letters, digits and hyphens",
                                      hint: "write e.g. 'pdfName: digital-vidin-guide' (the PDFs become downloads/digital-vidin-guide-bg.pdf, …)"))
        }
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
        return (config, diagnostics)
    }
}
