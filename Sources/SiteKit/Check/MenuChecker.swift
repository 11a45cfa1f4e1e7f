/// Menu entries in site.yml must lead somewhere.
public enum MenuChecker {
    public static func check(_ site: Site) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for language in site.config.languages {
            for item in language.menu where !item.link.hasPrefix("/") && !item.link.contains("://") {
                let isPage = site.pages.contains { $0.language == language.code && $0.source.key == item.link }
                if !isPage, GeneratedPage(rawValue: item.link) == nil {
                    diagnostics.append(.warning(site.config.file, line: item.line, "the menu entry '\(item.title)' links to '\(item.link)', which the site does not have",
                                                hint: "use a section (guide, case-studies, news, search, print) or a page such as 'pages/about'"))
                }
            }
        }
        return diagnostics
    }
}
