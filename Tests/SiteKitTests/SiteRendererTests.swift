import Foundation
import Testing
@testable import SiteKit

/// The themed pages handed to the writer while the rest are made.
@Suite("SiteRenderer")
struct SiteRendererTests {
    @Test("the themed pages are handed off a part at a time, in order, each once, as render returns them")
    func handOffInParts() throws {
        let files = (1...150).flatMap { number in
            ["bg", "en"].map { language in
                ("guide/\(String(format: "%03d", number))-chapter.\(language).md",
                 page("title: \(language == "bg" ? "Глава" : "Chapter") \(number)", "## \(language == "bg" ? "Раздел" : "Section")\n\nText \(number).\n"))
            }
        }
        let (site, pages) = try renderPages(files)
        let rendered = site.pages.map { pages[$0.source.path]! }
        let renderer = SiteRenderer(renderer: ThemeRenderer(site: site, theme: defaultTheme), pages: rendered)

        final class Parts: @unchecked Sendable { var parts: [[OutputFile]] = [] }
        let handed = Parts()
        let (files1, names1) = renderer.render { handed.parts.append($0) }
        let (files2, names2) = renderer.render()

        #expect(handed.parts.count > 2, "300 pages come in several parts")
        let handedFiles = handed.parts.flatMap { $0 }
        #expect(handedFiles.map(\.path) == files1.map(\.path))
        #expect(Set(handedFiles.map(\.path)).count == handedFiles.count)
        #expect(files1.map(\.path) == files2.map(\.path))
        #expect(files1.map { $0.contents.readData() } == files2.map { $0.contents.readData() })
        #expect(handedFiles.map { $0.contents.readData() } == files1.map { $0.contents.readData() })
        #expect(names1.mapValues(\.set) == names2.mapValues(\.set))
        #expect(files1.contains { $0.path.hasPrefix("guide/") && $0.path.hasSuffix("/index.html") })
    }
}
