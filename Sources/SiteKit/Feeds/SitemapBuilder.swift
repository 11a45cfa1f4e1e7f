/// `sitemap.xml` with every indexable page and its hreflang alternates, and `robots.txt`.
public enum SitemapBuilder {
    public struct Entry: Sendable {
        public var url: String
        /// Language code → URL of the same page in that language.
        public var translations: [String: String]
        public var lastModified: String?
    }

    public static func sitemap(_ entries: [Entry], config: SiteConfig) -> String {
        let base = config.baseURLWithoutSlash
        var xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">

        """
        for entry in entries.sorted(by: { $0.url < $1.url }) {
            xml += "  <url>\n    <loc>\(HTML.escape(base + entry.url))</loc>\n"
            if let date = entry.lastModified { xml += "    <lastmod>\(date)</lastmod>\n" }
            for code in config.languageCodes {
                guard let url = entry.translations[code] else { continue }
                xml += "    <xhtml:link rel=\"alternate\" hreflang=\"\(code)\" href=\"\(HTML.escape(base + url))\"/>\n"
            }
            let xDefault = entry.translations[config.defaultLanguage] ?? entry.url
            xml += "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"\(HTML.escape(base + xDefault))\"/>\n"
            xml += "  </url>\n"
        }
        return xml + "</urlset>\n"
    }

    public static func robots(config: SiteConfig) -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(config.baseURLWithoutSlash)/sitemap.xml\n"
    }

    /// Entries for the content pages and the generated index pages that search engines should see.
    public static func entries(_ site: Site) -> [Entry] {
        var entries = site.pages.map { Entry(url: $0.url, translations: $0.translations, lastModified: $0.source.frontMatter.date) }
        for generated in [GeneratedPage.home, .guide, .caseStudies, .news] {
            let translations = generated.translations(config: site.config)
            for language in site.config.languageCodes {
                entries.append(Entry(url: site.url(generated, in: language), translations: translations, lastModified: nil))
            }
        }
        return entries
    }
}
