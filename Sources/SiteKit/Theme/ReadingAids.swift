/// Template values that help a reader find their way in the guide, kept apart from each page
/// kind's own values: the guide's chapter list beside the text, the first paragraph and the notes
/// split off the text (so that a phone shows the text before the contents or a case study's facts,
/// and the previous/next links come before the notes), and the label line of every guide part.
extension SiteRenderer {
    /// A side list with more parts than this shows only the `readingNavWindow` parts around the
    /// page being read, with a link to the whole contents before and after: listing every part on
    /// every page would make the site's size grow with the square of its page count.
    static let readingNavLimit = 25
    static let readingNavWindow = 15

    /// The side navigation of a guide page or case study: the guide's parts and, on a case study,
    /// the case studies. The page being read is `current` and carries its own contents (`toc`);
    /// `moreBefore`/`moreAfter` say that parts are left out before or after the ones listed.
    func readingNavigation(for page: RenderedPage, toc: [TemplateObject]) -> [TemplateObject] {
        let language = page.page.language
        func group(_ section: SourcePage.Section, title: String, url: String) -> TemplateObject {
            let all = navigationEntries[language]?[section] ?? []
            var shown = all.indices
            if all.count > Self.readingNavLimit, let current = position(of: page.page, in: all) {
                let start = min(max(0, current - Self.readingNavWindow / 2), all.count - Self.readingNavWindow)
                shown = start..<(start + Self.readingNavWindow)
            }
            let items = all[shown].map { other -> TemplateObject in
                var entry = other.object
                if other.url == page.page.url {
                    entry.set("current", true)
                    entry.set("toc", toc)
                }
                return entry
            }
            var group = ThemeRenderer.object(["title": title, "url": url])
            group.set("items", items)
            group.set("moreBefore", shown.lowerBound > 0)
            group.set("moreAfter", shown.upperBound < all.count)
            return group
        }
        var groups = [group(.guide, title: t(.guide, language), url: site.url(.guide, in: language))]
        if page.page.section == .caseStudies {
            groups.append(group(.caseStudies, title: t(.caseStudies, language), url: site.url(.caseStudies, in: language)))
        }
        return groups
    }

    /// Where `page` is in `entries`, the pages of its language and section in reading order: at its
    /// `order`, found without looking through the others (every page's side list needs it).
    func position(of page: Page, in entries: [NavigationEntry]) -> Int? {
        if entries.indices.contains(page.order), entries[page.order].url == page.url { return page.order }
        return entries.firstIndex { $0.url == page.url }
    }

    /// The label line of a guide part on the contents and the home page: „Глава 2“, or the
    /// UI strings `forewordLabel` („Въведение“) and `annexLabel` („Приложение“).
    func partLabel(_ page: Page) -> String {
        if page.chapterNumber != nil { return renderer.chapterLabel(page) }
        switch page.source.frontMatter.part {
        case .foreword: return t(.forewordLabel, page.language)
        case .annex: return t(.annexLabel, page.language)
        case .chapter: return ""
        }
    }

    /// The opening paragraph of a page's rendered HTML and the rest; no opening paragraph when the
    /// page starts with something else (a heading, a list).
    /// Works on the HTML's bytes, and gives parts of them (no copies).
    static func splitIntro(_ html: ArraySlice<UInt8>) -> (intro: ArraySlice<UInt8>, rest: ArraySlice<UInt8>) {
        let open = Array("<p>".utf8), close = Array("</p>".utf8)
        guard html.starts(with: open), let end = html.firstRange(of: close) else { return (html[html.startIndex..<html.startIndex], html) }
        var rest = html[end.upperBound...]
        if rest.first == UInt8(ascii: "\n") { rest = rest.dropFirst() }
        return (html[..<end.upperBound], rest)
    }

    /// Values for a guide page or case study: `intro` (the first paragraph), `content` (the rest
    /// of the text), `notes` and `readingNav` (with `toc`, the page's contents, at the page).
    func setReadingValues(for page: RenderedPage, toc: [TemplateObject], splittingNotes: Bool, in values: inout TemplateObject) {
        let html = page.htmlBytes[...]
        // The notes: the renderer's notes section, always last.
        let notesStart = splittingNotes ? page.notesOffset ?? html.endIndex : html.endIndex
        let (intro, rest) = Self.splitIntro(html[..<notesStart])
        values.set("intro", bytes: intro)
        values.set("content", bytes: rest)
        values.set("notes", bytes: html[notesStart...])
        values.set("readingNav", readingNavigation(for: page, toc: toc))
    }
}
