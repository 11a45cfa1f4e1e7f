import Foundation
import Testing
@testable import SiteKit

/// The check stage: links and anchors that lead nowhere, as warnings (build) or errors (check).
@Suite("LinkChecker")
struct LinkCheckerTests {
    func check(_ body: String, severity: Diagnostic.Severity = .warning) throws -> [Diagnostic] {
        let (site, pages) = try renderPages([
            ("guide/01-x.bg.md", page("title: Страница", body)),
            ("guide/02-frameworks.bg.md", page("title: Рамки", "## Принципът „еднократно събиране“\n\nТекст.\n")),
        ])
        return LinkChecker(severity: severity).check(Array(pages.values), knownPaths: SiteRenderer.generatedPaths(site))
    }

    @Test("working links and anchors give no diagnostics")
    func clean() throws {
        let diagnostics = try check("""
        ## Общ преглед

        [рамки](02-frameworks.bg.md#printsipat-ednokratno-sabirane), [горе](#obsht-pregled),
        [ръководство](/guide/), [търсене](/en/search/), [външна](https://example.org/#nope)
        """)
        #expect(diagnostics.isEmpty, "\(diagnostics.listing)")
    }

    @Test("a missing anchor is a warning on the link's line with a did-you-mean hint")
    func missingAnchor() throws {
        let diagnostics = try check("Текст.\n\n[рамки](02-frameworks.bg.md#printsipat-ednokratno-sabirne)\n")
        let warning = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(warning.severity == .warning)
        #expect(warning.file == "content/guide/01-x.bg.md")
        #expect(warning.line == 7)
        #expect(warning.message.contains("#printsipat-ednokratno-sabirne"))
        #expect(warning.message.contains("/guide/ramki/"))
        #expect(warning.hint == "did you mean '#printsipat-ednokratno-sabirane'?")
    }

    @Test("an image the site does not have is an error even in build: a file of the machine, another host, a missing file")
    func imagesOutsideTheSite() throws {
        let diagnostics = try check("""
        Текст.

        ![таблица](/tmp/secret.png) ![лого](https://example.org/logo.png) ![липсва](../media/nope.png)

        [връзка към липсваща страница](03-missing.bg.md)
        """)
        let images = diagnostics.filter { $0.message.contains("image") }
        #expect(images.count == 3, "\(diagnostics.listing)")
        #expect(images.allSatisfy { $0.severity == .error && $0.file == "content/guide/01-x.bg.md" && $0.line == 7 })
        #expect(images.contains { $0.message.contains("/tmp/secret.png") })
        #expect(images.contains { $0.message.contains("another host") && ($0.hint ?? "").contains("content/media/") })
        // A link (not an image) to a missing page stays a warning in build.
        #expect(diagnostics.filter { !$0.message.contains("image") }.map(\.severity) == [.warning])
    }

    @Test("a missing anchor on the same page is reported too")
    func missingOwnAnchor() throws {
        let diagnostics = try check("## Общ преглед\n\n[горе](#obsht-preglet)\n")
        #expect(diagnostics.first?.hint == "did you mean '#obsht-pregled'?")
    }

    @Test("a missing file is reported with a did-you-mean for a close file name")
    func missingFile() throws {
        let diagnostics = try check("[рамки](02-framework.bg.md)\n")
        let warning = try #require(diagnostics.first)
        #expect(warning.message.contains("02-framework.bg.md"))
        #expect(warning.hint == "did you mean '02-frameworks.bg.md'?")
    }

    @Test("a site path the site does not have is reported")
    func unknownSitePath() throws {
        let diagnostics = try check("[x](/guide/nyama-takava/)\n")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.contains("/guide/nyama-takava/") == true)
    }

    @Test("a removed javascript: link is reported")
    func unsafe() throws {
        let diagnostics = try check("[x](javascript:alert(1))\n")
        #expect(diagnostics.first?.message.contains("script") == true)
    }

    @Test("a menu entry that leads nowhere is a warning on its line of site.yml")
    func menu() throws {
        let yaml = sampleSiteYAML.replacingOccurrences(of: "      - {title: Guide, link: guide}",
                                                       with: "      - {title: Guide, link: guide}\n      - {title: About, link: pages/about}")
        let (site, _) = try resolveSite([("pages/about.bg.md", page("title: За проекта"))], siteYAML: yaml)
        let diagnostics = MenuChecker.check(site)
        // The Bulgarian menu's guide entry and `pages/about` exist; the English `pages/about` does not.
        #expect(diagnostics.count == 1, "\(diagnostics.listing)")
        #expect(diagnostics.first?.file == "content/site.yml")
        #expect(diagnostics.first?.line == 16)
        #expect(diagnostics.first?.message.contains("pages/about") == true)
    }

    @Test("in strict mode (vidin check) the same problems are errors", arguments: [
        "[рамки](02-frameworks.bg.md#nyama)", "[x](05-glossary.bg.md)", "[x](/nyama/)",
    ])
    func strict(link: String) throws {
        let diagnostics = try check(link + "\n", severity: .error)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.allSatisfy { $0.severity == .error })
        #expect(diagnostics.hasErrors)
    }
}
