/// An Atom feed of a language's news, newest first.
public enum AtomFeedBuilder {
    /// - Parameter labels: the texts the Markdown renderer writes, in the feed's language.
    public static func feed(_ news: [RenderedPage], language: String, title: String, site: Site, labels: RenderPolicy.Labels) -> String {
        // Feed readers show the text away from the site: its links are absolute.
        let policy = RenderPolicy.feed(labels, baseURL: site.config.baseURLWithoutSlash)
        let base = site.config.baseURLWithoutSlash
        let feedURL = base + GeneratedPage.feedURL(in: language, config: site.config)
        let updated = news.compactMap { $0.page.source.frontMatter.date }.max() ?? site.config.project.year + "-01-01"
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(language)">
          <title>\(HTML.escape(title))</title>
          <id>\(HTML.escape(feedURL))</id>
          <link rel="self" href="\(HTML.escape(feedURL))"/>
          <link href="\(HTML.escape(base + site.url(.news, in: language)))"/>
          <updated>\(updated)T00:00:00Z</updated>

        """
        for item in news {
            let url = base + item.page.url
            let date = item.page.source.frontMatter.date ?? updated
            xml += """
              <entry>
                <title>\(HTML.escape(item.page.title))</title>
                <id>\(HTML.escape(url))</id>
                <link href="\(HTML.escape(url))"/>
                <updated>\(date)T00:00:00Z</updated>
                <author><name>\(HTML.escape(site.config.publishers.map { $0.name[language] ?? "" }.joined(separator: ", ")))</name></author>
                <summary>\(HTML.escape(item.summary))</summary>
                <content type="html">\(HTML.escape(MarkdownRenderer.render(item.document, policy: policy)))</content>
              </entry>

            """
        }
        return xml + "</feed>\n"
    }
}
