import Foundation
import Testing
@testable import SiteKit

/// The resolve stage: URLs, reading order, chapter numbers, previous/next, translations, collisions.
@Suite("SiteResolver")
struct SiteResolverTests {
    func url(_ site: Site, _ path: String) -> String? { site.page(atPath: path)?.url }

    @Test("URLs: Bulgarian at /section/slug/, English at /en/section/slug/, pages at the root")
    func urls() throws {
        let (site, diagnostics) = try resolveSite([
            ("guide/01-key-concepts.bg.md", page("title: Ключови понятия")),
            ("guide/01-key-concepts.en.md", page("title: Key concepts")),
            ("case-studies/tartu.bg.md", page("title: \"Тарту: бюджет\"")),
            ("pages/about.bg.md", page("title: За проекта")),
            ("pages/about.en.md", page("title: About the project")),
            ("news/2026-11-27-launch.en.md", page("title: The guide is online")),
        ])
        #expect(diagnostics.isEmpty, "\(diagnostics.listing)")
        #expect(url(site, "guide/01-key-concepts.bg.md") == "/guide/klyuchovi-ponyatia/")
        #expect(url(site, "guide/01-key-concepts.en.md") == "/en/guide/key-concepts/")
        #expect(url(site, "case-studies/tartu.bg.md") == "/case-studies/tartu-byudzhet/")
        #expect(url(site, "pages/about.bg.md") == "/za-proekta/")
        #expect(url(site, "pages/about.en.md") == "/en/about-the-project/")
        #expect(url(site, "news/2026-11-27-launch.en.md") == "/en/news/the-guide-is-online/")
        #expect(site.page(atPath: "pages/about.en.md")?.outputPath == "en/about-the-project/index.html")
    }

    @Test("'slug:' in the front matter replaces the slug made from the title")
    func explicitSlug() throws {
        let (site, _) = try resolveSite([("guide/01-a.bg.md", page("title: Ключови понятия\nslug: concepts"))])
        #expect(url(site, "guide/01-a.bg.md") == "/guide/concepts/")
    }

    @Test("the guide is ordered by the number in the file name (numerically), then by weight where given")
    func order() throws {
        let (site, _) = try resolveSite([
            ("guide/10-ten.en.md", page("title: Ten")),
            ("guide/02-two.en.md", page("title: Two")),
            ("guide/01-one.en.md", page("title: One")),
            ("guide/99-annex.en.md", page("title: Annex\npart: annex")),
            ("guide/00-foreword.en.md", page("title: Foreword\npart: foreword")),
        ])
        #expect(site.pages(("en"), .guide).map(\.title) == ["Foreword", "One", "Two", "Ten", "Annex"])
        #expect(site.pages("en", .guide).map(\.order) == [0, 1, 2, 3, 4])

        let (weighted, _) = try resolveSite([
            ("guide/01-one.en.md", page("title: One\nweight: 3")),
            ("guide/02-two.en.md", page("title: Two\nweight: 1")),
            ("guide/03-three.en.md", page("title: Three\nweight: 2")),
        ])
        #expect(weighted.pages("en", .guide).map(\.title) == ["Two", "Three", "One"])
    }

    @Test("case studies and pages by title, news newest first")
    func otherOrders() throws {
        let (site, _) = try resolveSite([
            ("case-studies/b.en.md", page("title: Vienna")),
            ("case-studies/a.en.md", page("title: Tartu")),
            ("case-studies/c.en.md", page("title: Barcelona")),
            ("news/2025-01-02-old.en.md", page("title: Old")),
            ("news/2026-03-04-new.en.md", page("title: New")),
            ("news/2025-06-07-middle.en.md", page("title: Middle")),
        ])
        #expect(site.pages("en", .caseStudies).map(\.title) == ["Barcelona", "Tartu", "Vienna"])
        #expect(site.pages("en", .news).map(\.title) == ["New", "Middle", "Old"])
    }

    @Test("chapter numbers count chapters only: the foreword and annexes have none")
    func chapterNumbers() throws {
        let (site, _) = try resolveSite([
            ("guide/00-foreword.bg.md", page("title: Предговор\npart: foreword")),
            ("guide/01-one.bg.md", page("title: Първа")),
            ("guide/02-two.bg.md", page("title: Втора\npart: chapter")),
            ("guide/03-annex.bg.md", page("title: Приложение\npart: annex")),
            ("guide/04-three.bg.md", page("title: Трета")),
            ("case-studies/x.bg.md", page("title: Пример")),
        ])
        #expect(site.pages("bg", .guide).map(\.chapterNumber) == [nil, 1, 2, nil, 3])
        #expect(site.pages("bg", .caseStudies).first?.chapterNumber == nil)
    }

    @Test("previous/next link the guide's pages in reading order, within one language")
    func previousNext() throws {
        let (site, _) = try resolveSite([
            ("guide/00-foreword.bg.md", page("title: Предговор\npart: foreword")),
            ("guide/01-one.bg.md", page("title: Първа")),
            ("guide/02-two.bg.md", page("title: Втора")),
            ("guide/00-foreword.en.md", page("title: Foreword\npart: foreword")),
            ("guide/01-one.en.md", page("title: One")),
            ("case-studies/x.bg.md", page("title: Пример")),
        ])
        let bg = site.pages("bg", .guide)
        #expect(bg.map(\.previousURL) == [nil, "/guide/predgovor/", "/guide/parva/"])
        #expect(bg.map(\.nextURL) == ["/guide/parva/", "/guide/vtora/", nil])
        let en = site.pages("en", .guide)
        #expect(en.map(\.previousURL) == [nil, "/en/guide/foreword/"])
        #expect(en.map(\.nextURL) == ["/en/guide/one/", nil])
        #expect(site.pages("bg", .caseStudies).first?.previousURL == nil)
        #expect(site.pages("bg", .caseStudies).first?.nextURL == nil)
    }

    @Test("translations pair files of the same name and section; an untranslated page has only itself")
    func translations() throws {
        let (site, _) = try resolveSite([
            ("guide/01-key-concepts.bg.md", page("title: Ключови понятия")),
            ("guide/01-key-concepts.en.md", page("title: Key concepts")),
            ("case-studies/tartu.bg.md", page("title: Тарту")),
            ("pages/tartu.en.md", page("title: Tartu page")),
        ])
        let expected = ["bg": "/guide/klyuchovi-ponyatia/", "en": "/en/guide/key-concepts/"]
        #expect(site.page(atPath: "guide/01-key-concepts.bg.md")?.translations == expected)
        #expect(site.page(atPath: "guide/01-key-concepts.en.md")?.translations == expected)
        // Same name, different section: not a translation.
        #expect(site.page(atPath: "case-studies/tartu.bg.md")?.translations == ["bg": "/case-studies/tartu/"])
        #expect(site.page(atPath: "pages/tartu.en.md")?.translations == ["en": "/en/tartu-page/"])
    }

    @Test("two files with the same URL are an error that names both files")
    func collision() throws {
        let (_, diagnostics) = try resolveSite([
            ("case-studies/tartu-a.bg.md", page("title: Тарту")),
            ("case-studies/tartu-b.bg.md", page("title: ТАРТУ")),
        ])
        let error = try #require(diagnostics.errors.first, "\(diagnostics.listing)")
        #expect(diagnostics.errors.count == 1)
        let text = error.description
        #expect(text.contains("content/case-studies/tartu-a.bg.md"))
        #expect(text.contains("content/case-studies/tartu-b.bg.md"))
        #expect(text.contains("/case-studies/tartu/"))
        #expect(error.hint?.contains("slug") == true)
    }

    @Test("a page whose URL the site itself uses is an error", arguments: ["Guide", "Search", "News", "Assets", "EN"])
    func reservedSlug(title: String) throws {
        let (_, diagnostics) = try resolveSite([("pages/x.en.md", page("title: \(title)"))])
        let error = try #require(diagnostics.errors.first, "no error for a page titled '\(title)'")
        #expect(error.file == "content/pages/x.en.md")
        #expect(error.message.contains("taken by the site"))
        #expect(error.hint?.contains("slug") == true)
    }

    @Test("a case study may be called like a section: its URL is below /case-studies/")
    func reservedOnlyForPages() throws {
        let (_, diagnostics) = try resolveSite([("case-studies/news.en.md", page("title: News"))])
        #expect(diagnostics.isEmpty, "\(diagnostics.listing)")
    }

    @Test("drafts are left out unless asked for")
    func drafts() throws {
        let files = [
            ("guide/01-one.en.md", page("title: One")),
            ("guide/02-draft.en.md", page("title: Draft\ndraft: true")),
        ]
        let (published, _) = loadContent(files)
        #expect(try #require(published).pages.map(\.name) == ["01-one"])
        let (withDrafts, _) = loadContent(files, includeDrafts: true)
        #expect(try #require(withDrafts).pages.map(\.name).sorted() == ["01-one", "02-draft"])
    }

    @Test("a file in a language the site does not have is an error naming it")
    func unknownLanguage() {
        let (_, diagnostics) = loadContent([("guide/01-one.de.md", page("title: Eins"))])
        let error = diagnostics.errors.first
        #expect(error?.file == "content/guide/01-one.de.md")
        #expect(error?.message.contains("'de'") == true)
        #expect(error?.hint?.contains(".bg.md") == true)
    }

    @Test("a file outside the sections is skipped with a did-you-mean warning")
    func unknownSection() {
        let (content, diagnostics) = loadContent([("guides/01-one.bg.md", page("title: Едно"))])
        #expect(content?.pages.isEmpty == true)
        #expect(diagnostics.warnings.first?.hint == "did you mean 'guide/'?")
    }
}
