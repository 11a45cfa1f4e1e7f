import Foundation
import Testing
@testable import SiteKit

/// The search index as files: the root, term chunks by sort key, text chunks of whole pages, and
/// the words a page is also found by in the other language.
@Suite("SearchIndexBuilder")
struct SearchIndexBuilderTests {
    static let files: [(String, String)] = [
        ("guide/01-plan.bg.md", page("title: План за дигитализация", "Общината приема плана.\n\n## Дунав\n\nРеката и съседите.\n\n## Бюджет\n\nБюджетът на общината.\n")),
        ("guide/01-plan.en.md", page("title: A digitalisation plan", "The municipality adopts the plan.\n\n## The Danube\n\nThe river.\n\n## Budget\n\nThe budget.\n")),
        ("case-studies/vienna.bg.md", page("title: Виена\ncity: Виена\ncountry: Австрия", "## Какво е направено\n\nПриложение за сигнали.\n")),
        ("case-studies/vienna.en.md", page("title: Vienna\ncity: Vienna\ncountry: Austria", "## What was done\n\nA reporting app.\n")),
    ]

    struct Built {
        var root: [String: Any]
        var terms: [[String: [Int]]]
        var texts: [[Any]]
        var output: SearchIndexBuilder.Output
    }

    static func build(_ language: String, _ files: [(String, String)] = files) throws -> Built {
        let (site, pages) = try renderPages(files)
        let rendered = site.pages.compactMap { pages[$0.source.path] }
        let output = SearchIndexBuilder.build(language: language, pages: rendered)
        let root = try #require(try JSONSerialization.jsonObject(with: output.index) as? [String: Any])
        let terms = try output.termChunks.map { try #require(try JSONSerialization.jsonObject(with: $0) as? [String: [Int]]) }
        let texts = try output.textChunks.flatMap { try #require(try JSONSerialization.jsonObject(with: $0) as? [[Any]]) }
        return Built(root: root, terms: terms, texts: texts, output: output)
    }

    /// The documents of `term` (any chunk), with their values, decoded from gaps.
    static func postings(_ built: Built, _ term: String) -> [Int: Int] {
        for chunk in built.terms {
            guard let flat = chunk[term] else { continue }
            var result: [Int: Int] = [:]
            var doc = 0
            for index in stride(from: 0, to: flat.count, by: 2) {
                doc += flat[index]
                result[doc] = flat[index + 1]
            }
            return result
        }
        return [:]
    }

    @Test("the root lists sections per page, chunk ranges and text chunks; texts hold whole pages")
    func format() throws {
        let built = try Self.build("bg")
        #expect(built.root["version"] as? Int == 2)
        #expect(built.root["language"] as? String == "bg")
        let sections = try #require(built.root["sections"] as? [Int])
        #expect(sections == [3, 1])
        let keys = try #require(built.root["termChunks"] as? [String])
        #expect(keys.count == built.terms.count && keys.first == "")
        #expect(built.root["textChunks"] as? [Int] == [0])
        // Text: title, URL, and per section heading, anchor, text.
        let first = built.texts[0]
        #expect(first[0] as? String == "План за дигитализация")
        #expect(first[1] as? String == "/guide/plan-za-digitalizatsia/")
        let rows = try #require(first[2] as? [[String]])
        #expect(rows.map { $0[0] } == ["", "Дунав", "Бюджет"])
        #expect(rows[2][1] == "byudzhet" && rows[2][2] == "Бюджетът на общината.")
    }

    @Test("postings carry the BM25 weight and title/heading flags; Latin keys of Cyrillic stems are not stored")
    func postings() throws {
        let built = try Self.build("bg")
        let budget = Self.postings(built, "бюджет")
        // Section 2 (heading "Бюджет" and "Бюджетът" in the text): heading flag and a weight.
        let value = try #require(budget[2])
        #expect(value & 3 == 2 && value >> 2 >= 1)
        // The title's words flag every section of the page.
        #expect(Self.postings(built, "план").keys.sorted() == [0, 1, 2])
        #expect(Self.postings(built, "план")[1].map { $0 & 1 } == 1)
        #expect(Self.postings(built, "obshtin").isEmpty && !Self.postings(built, "общин").isEmpty)
    }

    @Test("chunks hold sort-key ranges: a Cyrillic stem sits with its transliteration's range")
    func chunkRanges() throws {
        // Enough distinct words for several chunks.
        var body = ""
        for index in 0..<2000 { body += "Дума\(index) word\(index) " }
        let built = try Self.build("bg", [("guide/01-a.bg.md", page("title: Много думи", body))])
        let keys = try #require(built.root["termChunks"] as? [String])
        #expect(keys.count >= 2)
        #expect(keys == keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) })
        for (number, chunk) in built.terms.enumerated() {
            for term in chunk.keys {
                let key = SearchIndexBuilder.sortKey(term)
                #expect(key.utf16.lexicographicallyPrecedes(keys[number].utf16) == false, "\(term) before its chunk")
                if number + 1 < keys.count {
                    #expect(key.utf16.lexicographicallyPrecedes(keys[number + 1].utf16), "\(term) after its chunk")
                }
            }
        }
        #expect(built.output.termChunks.dropLast().allSatisfy { $0.count >= SearchIndexBuilder.termChunkBytes })
    }

    @Test("a page is also found by its translation's title, city, country and section headings")
    func otherLanguage() throws {
        let built = try Self.build("bg")
        // Vienna's case study (page 1, one section) by its English title, city and country.
        for term in ["vienna", "austria"] {
            #expect(Self.postings(built, term).keys.sorted() == [3], "\(term)")
        }
        // "Danube" on the chapter's section „Дунав“ (section 1), as a heading.
        #expect(Self.postings(built, "danub") == [1: 2])
        // And the other way round.
        let english = try Self.build("en")
        #expect(!Self.postings(english, "виен").isEmpty)
    }

    @Test("the same pages give byte-identical files")
    func deterministic() throws {
        let a = try Self.build("bg"), b = try Self.build("bg")
        #expect(a.output.index == b.output.index)
        #expect(a.output.termChunks == b.output.termChunks)
        #expect(a.output.textChunks == b.output.textChunks)
    }

    @Test("an empty language still has a root and one empty term chunk")
    func empty() throws {
        let built = try Self.build("en", [("guide/01-a.bg.md", page("title: Само български"))])
        #expect(built.root["sections"] as? [Int] == [])
        #expect(built.output.termChunks.map { String(decoding: $0, as: UTF8.self) } == ["{}"])
        #expect(built.output.textChunks.isEmpty)
    }

    /// Pages whose text takes every path of the byte-level reader: capitals, `ѝ`, stress marks,
    /// the soft hyphen, Latin lookalikes in Cyrillic words, other scripts, stop words.
    static let mixedFiles: [(String, String)] = [
        ("guide/01-mixed.bg.md", page("title: Общините и ИТ „Ѝ“", """
            Общинитe на ВИДИН прие\u{0301}ха страте\u{0300}гия за дигита\u{AD}лизация — и ѝ дадоха Cтратегия.

            ## Европа: Wien, Łódź, Αθήνα

            Straße, İstanbul, façade, 日本, 🙂, № 5 → „цитат“; на нея ѝ харесва Ѐкзотика.

            """)),
        ("guide/01-mixed.en.md", page("title: Municipalities and IT", "The municipalities' strategy, Vidin's data.\n\n## Europe\n\nVienna and Łódź.\n")),
    ]

    @Test("the index holds exactly the terms that SearchAnalyzer gives for the pages' words", arguments: ["bg", "en"])
    func termsAreTheAnalyzersTerms(language: String) throws {
        let (site, pages) = try renderPages(Self.mixedFiles)
        let rendered = site.pages.compactMap { pages[$0.source.path] }
        let built = try Self.build(language, Self.mixedFiles)
        let analyzer = SearchAnalyzer(language: language)
        var expected = Set<String>()
        for page in rendered {
            // Every page's title counts in both languages (the other language's title and headings).
            var texts = [page.page.title, page.page.source.frontMatter.summary ?? ""]
            for section in page.sections { texts += [section.heading?.text ?? "", section.text] }
            if page.page.language != language {
                texts = [page.page.title] + page.sections.map { $0.heading?.text ?? "" }
            }
            for text in texts {
                for word in SearchNormalizer.words(text) {
                    var terms = analyzer.indexTerms(word)
                    if let stem = terms.first, SearchNormalizer.script(of: stem) == .cyrillic {
                        terms.removeAll { $0 == BulgarianTransliterator.transliterate(stem) }
                    }
                    expected.formUnion(terms)
                }
            }
        }
        let indexed = Set(built.terms.flatMap(\.keys))
        #expect(indexed == expected)
        #expect(indexed.contains("łódź") && indexed.contains("общин"))
        if language == "bg" {
            #expect(indexed.isSuperset(of: ["стратег", "дигитализац", "видин", "straße", "i\u{307}stanbul", "екзотик", "αθήνα"]))
        }
    }

    @Test("an AnalysisCache leaves the files unchanged, build after build of other pages, and keeps what builds analysed")
    func analysisCache() throws {
        let (site, pages) = try renderPages(Self.mixedFiles)
        let mixed = site.pages.compactMap { pages[$0.source.path] }
        let (otherSite, otherPages) = try renderPages(Self.files)
        let other = otherSite.pages.compactMap { otherPages[$0.source.path] }
        let cache = SearchIndexBuilder.AnalysisCache()
        var kept: [Int] = []
        // The words of pages built before (and no longer there) must leave no trace in the files.
        for (pages, language) in [(mixed, "bg"), (other, "bg"), (mixed, "bg"), (other, "en"), (mixed, "bg")] {
            let plain = SearchIndexBuilder.build(language: language, pages: pages)
            let cached = SearchIndexBuilder.build(language: language, pages: pages, cache: cache)
            #expect(cached.index == plain.index && cached.termChunks == plain.termChunks && cached.textChunks == plain.textChunks)
            if language == "bg" { kept.append(cache.count("bg")) }
        }
        // Each build adds only the words no earlier one saw.
        #expect(kept[0] > 10 && kept[1] > kept[0] && kept[2] == kept[1] && kept[3] == kept[1])
        #expect(cache.count("en") > 0)
        // A language past the limit is not kept.
        let small = SearchIndexBuilder.AnalysisCache(limit: 3)
        _ = SearchIndexBuilder.build(language: "bg", pages: mixed, cache: small)
        #expect(small.count("bg") == 0)
    }

    @Test("a page without sections adds no terms (its title has no section to flag)")
    func pageWithoutSections() throws {
        let built = try Self.build("bg", Self.files + [("guide/02-empty.bg.md", page("title: Празнота", ""))])
        #expect(Self.postings(built, "празнот").isEmpty)
        #expect(built.output.termChunks.allSatisfy { !String(decoding: $0, as: UTF8.self).contains(":[]") })
    }
}
