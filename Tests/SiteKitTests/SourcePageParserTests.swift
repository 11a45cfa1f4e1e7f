import Foundation
import Testing
@testable import SiteKit

/// The load stage: bytes of one Markdown file → a `SourcePage`, with errors an editor can act on.
@Suite("SourcePageParser")
struct SourcePageParserTests {
    let file = "content/guide/01-x.bg.md"

    /// Decodes and parses `data` as `guide/01-x.bg.md` (or another section).
    func parse(_ data: Data, section: SourcePage.Section = .guide, name: String = "01-x", language: String = "bg")
        -> (SourcePage?, [Diagnostic]) {
        switch SourcePageParser.decode(data, file: file) {
        case .failure(let diagnostic): return (nil, [diagnostic])
        case .success(let text):
            return SourcePageParser.parse(text: text, path: "\(section.rawValue)/\(name).\(language).md", file: file,
                                          section: section, name: name, language: language)
        }
    }

    func parse(_ text: String, section: SourcePage.Section = .guide, name: String = "01-x") -> (SourcePage?, [Diagnostic]) {
        parse(Data(text.utf8), section: section, name: name)
    }

    @Test("file names: NAME.LANG.md")
    func fileNames() {
        #expect(SourcePageParser.splitFileName("01-key-concepts.bg.md")! == ("01-key-concepts", "bg"))
        #expect(SourcePageParser.splitFileName("a.b.en.md")! == ("a.b", "en"))
        #expect(SourcePageParser.splitFileName("README.md") == nil)
        #expect(SourcePageParser.splitFileName("x.bg.txt") == nil)
    }

    @Test("a Windows file with BOM and CRLF line ends reads like a plain one")
    func bomAndCRLF() throws {
        let plain = "---\ntitle: Заглавие\nsummary: Кратко.\n---\n\n## Раздел\n\nТекст.\n"
        let windows = Data([0xEF, 0xBB, 0xBF]) + Data(plain.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let (fromWindows, windowsDiagnostics) = parse(windows)
        let (fromPlain, _) = parse(plain)
        #expect(windowsDiagnostics.isEmpty)
        let page = try #require(fromWindows)
        #expect(page.frontMatter.title == "Заглавие")
        #expect(page.frontMatter.summary == "Кратко.")
        #expect(!page.body.contains("\r"))
        #expect(page == fromPlain)
        #expect(page.bodyLine == 5)
    }

    @Test("invalid UTF-8 is an error that names the line and says how to save the file")
    func invalidUTF8() throws {
        // Line 3 holds a Windows-1251 „Б“ (0xC1), which is not UTF-8.
        var bytes = Array("---\ntitle: Test\nsummary: ".utf8)
        bytes += [0xC1, 0xEB]
        bytes += Array("\n---\nText\n".utf8)
        let (page, diagnostics) = parse(Data(bytes))
        #expect(page == nil)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.file == file)
        #expect(diagnostic.line == 3)
        #expect(diagnostic.column == 10)
        #expect(diagnostic.message.contains("UTF-8"))
        #expect(diagnostic.hint?.contains("UTF-8") == true)
    }

    @Test("a file without front matter is an error at line 1")
    func missingFrontMatter() {
        let (page, diagnostics) = parse("# Title\n\nText.\n")
        #expect(page == nil)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .error)
        #expect(diagnostics.first?.line == 1)
        #expect(diagnostics.first?.message.contains("no front matter") == true)
    }

    @Test("an unclosed front matter is an error that says to add the closing ---")
    func unclosedFrontMatter() {
        let (page, diagnostics) = parse("---\ntitle: Test\n\nText.\n")
        #expect(page == nil)
        #expect(diagnostics.first?.severity == .error)
        #expect(diagnostics.first?.message.contains("not closed") == true)
        #expect(diagnostics.first?.hint?.contains("---") == true)
    }

    @Test("broken YAML points at the line of the file, not of the front matter")
    func brokenYAMLLine() throws {
        // Line 1 is '---', so the front matter's second line is the file's line 3.
        let text = "---\ntitle: Заглавие\nsummary: Кратко: и ясно\nweight: 2\n---\n\nТекст.\n"
        let (page, diagnostics) = parse(text)
        #expect(page == nil)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.file == file)
        #expect(diagnostic.line == 3)
        #expect(diagnostic.description.hasPrefix("\(file):3:"))
        #expect(diagnostic.hint?.isEmpty == false)
    }

    @Test("broken YAML further down the front matter still gets the file's line", arguments: [2, 4, 7])
    func brokenYAMLLines(line: Int) throws {
        // Valid fields before the broken one; the broken field is on file line `line`.
        var lines = ["---"]
        let valid = ["title: Заглавие", "weight: 1", "draft: false", "summary: Кратко.", "slug: zaglavie", "date: 2026-01-02"]
        for index in 0..<(line - 2) { lines.append(valid[index]) }
        lines.append("part: [chapter")
        lines += ["---", "", "Текст."]
        let (page, diagnostics) = parse(lines.joined(separator: "\n"))
        #expect(page == nil)
        let diagnostic = try #require(diagnostics.first)
        // libyaml reports an unclosed flow sequence where it gives up: on the broken line or the
        // next one (the closing '---'); never before the broken line.
        #expect(diagnostic.line.map { $0 >= line && $0 <= line + 1 } == true, "got \(diagnostic)")
    }

    @Test("an unknown key is a warning with a did-you-mean hint, and the page is still used")
    func unknownKey() throws {
        let (page, diagnostics) = parse("---\ntitle: Заглавие\nsumary: Кратко.\n---\nТекст.\n")
        #expect(page != nil)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(diagnostic.severity == .warning)
        #expect(diagnostic.line == 3)
        #expect(diagnostic.message.contains("sumary"))
        #expect(diagnostic.hint == "did you mean 'summary'?")
    }

    @Test("a key of another section is unknown here: 'part' outside the guide")
    func sectionKeys() {
        let (_, diagnostics) = parse("---\ntitle: T\npart: annex\n---\n", section: .pages, name: "about")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.message.contains("'part'") == true)
    }

    @Test("a news item takes its date from the file name")
    func newsDateFromFileName() throws {
        let (page, diagnostics) = parse("---\ntitle: Новина\n---\nТекст.\n", section: .news, name: "2026-11-27-launch")
        #expect(diagnostics.isEmpty)
        #expect(try #require(page).frontMatter.date == "2026-11-27")
    }

    @Test("a news item's 'date' wins over its file name")
    func newsDateFromFrontMatter() throws {
        let (page, _) = parse("---\ntitle: Новина\ndate: 2026-12-01\n---\n", section: .news, name: "2026-11-27-launch")
        #expect(try #require(page).frontMatter.date == "2026-12-01")
    }

    @Test("a news item without any date is an error that explains the file name")
    func newsWithoutDate() {
        let (page, diagnostics) = parse("---\ntitle: Новина\n---\n", section: .news, name: "launch")
        #expect(page == nil)
        #expect(diagnostics.errors.count == 1)
        #expect(diagnostics.first?.hint?.contains("YYYY-MM-DD") == true)
    }

    @Test("'draft: true' marks the page as a draft; other values are errors")
    func draft() throws {
        let (draft, _) = parse("---\ntitle: T\ndraft: true\n---\n")
        #expect(try #require(draft).frontMatter.draft)
        let (published, _) = parse("---\ntitle: T\n---\n")
        #expect(try #require(published).frontMatter.draft == false)
        let (broken, diagnostics) = parse("---\ntitle: T\ndraft: maybe\n---\n")
        #expect(broken == nil)
        #expect(diagnostics.first?.line == 3)
    }

    @Test("a missing title is an error")
    func missingTitle() {
        let (page, diagnostics) = parse("---\nsummary: S\n---\n")
        #expect(page == nil)
        #expect(diagnostics.errors.first?.message.contains("no title") == true)
    }

    @Test("wrong value types are errors on their own line", arguments: [
        ("weight: first", 3), ("date: 27.11.2026", 3), ("part: appendix", 3), ("slug: Моят адрес", 3),
    ])
    func wrongValues(field: String, line: Int) {
        let (page, diagnostics) = parse("---\ntitle: T\n\(field)\n---\n")
        #expect(page == nil)
        #expect(diagnostics.errors.first?.line == line, "\(diagnostics)")
    }

    @Test("the body keeps its text and remembers the line it starts on")
    func body() throws {
        let (page, _) = parse("---\ntitle: T\nweight: 3\n---\nПърви ред\nВтори ред\n")
        let loaded = try #require(page)
        #expect(loaded.body == "Първи ред\nВтори ред\n")
        #expect(loaded.bodyLine == 5)
        #expect(loaded.frontMatter.weight == 3)
        #expect(loaded.frontMatter.part == .chapter)
    }

    @Test("case-study fields are read")
    func caseStudyFields() throws {
        let text = "---\ntitle: Tartu\ncity: Tartu\ncountry: Estonia\npopulation: 97000\nyear: 2013\ntopics: [budget, voting]\nwebsite: https://tartu.ee\n---\n"
        let (page, diagnostics) = parse(text, section: .caseStudies, name: "tartu")
        #expect(diagnostics.isEmpty)
        let front = try #require(page).frontMatter
        #expect(front.city == "Tartu")
        #expect(front.country == "Estonia")
        #expect(front.population == 97000)
        #expect(front.year == 2013)
        #expect(front.topics == ["budget", "voting"])
        #expect(front.website == "https://tartu.ee")
    }

    /// The pairs of a mapping as the front matter code reads them.
    static func readable(_ map: YAMLMapping) -> [String] {
        map.pairs.map { pair in
            let scalar = pair.value.scalar
            return "\(pair.key)|\(scalar?.string ?? "-")|\(scalar?.style.rawValue ?? 99)|\(pair.line)|\(pair.column)|\(pair.value.int.map(String.init) ?? "-")|\(pair.value.bool.map(String.init) ?? "-")|\(map.string(pair.key) ?? "nil")"
        }
    }

    @Test("front matter in the simple forms is read on its bytes exactly as libyaml reads it; anything else is left to libyaml")
    func simpleFrontMatter() throws {
        var texts = [
            "title: \"Глава 1: Данни\"\nweight: 3\ndraft: true\nsummary: Кратко описание, с запетая.",
            "title: 'Единични кавички'\nslug: klyuchovi-ponyatia\ndate: 2026-11-27\npopulation: 12500\nyear: 2021",
            "title: Без кавички\nweight: -4\ndraft: no\nwebsite: https://www.example.eu/path?x=1",
            "title:\nsummary: ~\ncity: null\ncountry:    Естония",
            "title: a:b\nweight: 0x1F\ndraft: False",
        ]
        // Every page of the site as it is.
        let pages = FileManager.default.enumerator(atPath: Paths.content.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".md") }
        for page in pages {
            let text = try String(contentsOf: Paths.content.appendingPathComponent(page), encoding: .utf8)
            let parts = text.components(separatedBy: "\n---\n")
            if text.hasPrefix("---\n"), let head = parts.first { texts.append(String(head.dropFirst(4))) }
        }
        var simple = 0
        for text in texts {
            guard case .success(let node) = YAMLReader.parse(text, file: "f", lineOffset: 1), let yams = YAMLMapping(node, file: "f", lineOffset: 1) else {
                #expect(YAMLMapping(simpleYAML: text, file: "f", lineOffset: 1) == nil, "\(text)")
                continue
            }
            guard let fast = YAMLMapping(simpleYAML: text, file: "f", lineOffset: 1) else { continue }
            simple += 1
            #expect(Self.readable(fast) == Self.readable(yams), "\(text)")
        }
        #expect(simple >= pages.count / 2, "most pages' front matter should take the simple path")
        // Left to libyaml: a comment, a list, a quote inside, an escape, ': ' in a plain value, a repeated key.
        for text in ["title: x # note", "title: x\n# note", "title: [a, b]", "title: \"a \\\" b\"", "title: a: b", "title: x\ntitle: y",
                     "title: x\n  more", "- a", "title: |\n  x", "title: &a x", "title: 'it''s'", "title: x\n\nweight: 1"] {
            #expect(YAMLMapping(simpleYAML: text, file: "f", lineOffset: 1) == nil, "\(text)")
        }
    }

    @Test("a control character is found at any place of a text, eight bytes at a time or at the end, and no other byte is taken for one")
    func controlBytes() {
        for value in 0...255 {
            let byte = UInt8(value)
            let isControl = (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F
            for position in 0..<19 {
                // Words full of line ends and tabs, which pass the word's test but are no control characters.
                var bytes = (0..<19).map { $0 % 3 == 0 ? UInt8(ascii: "\n") : ($0 % 3 == 1 ? UInt8(ascii: "\t") : UInt8(ascii: "a")) }
                bytes[position] = byte
                let found = bytes.withUnsafeBufferPointer { SourcePageParser.hasControlByte($0) }
                #expect(found == isControl, "byte \(value) at \(position)")
            }
        }
        let (text, warning) = SourcePageParser.replacingControlCharacters("Текст на ред\nс\u{0C}знак", file: "f.md")
        #expect(text == "Текст на ред\nс знак")
        #expect(warning?.line == 2 && warning?.column == 2)
    }
}
