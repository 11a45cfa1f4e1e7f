import Foundation
import Testing
@testable import SiteKit

/// A theme that lacks a text the pages need does not compile: the build stops with the file and
/// line instead of publishing a key in place of the text.
@Suite("Theme checks")
struct ThemeCheckTests {
    static func defaultFiles() throws -> ThemeFiles {
        try ThemeReader.read(themesDirectory: Paths.themes, name: "default", displayRoot: "themes")
    }

    @Test("the default theme has every UI string in both languages")
    func defaultThemeComplete() throws {
        let (theme, diagnostics) = Theme.compile(try Self.defaultFiles(), languages: ["bg", "en"])
        #expect(theme != nil)
        #expect(diagnostics.isEmpty, "\(diagnostics.listing)")
    }

    @Test("a misspelled t.… in a template is an error at the template's line, with the likely key")
    func misspelledStringInTemplate() throws {
        var files = try Self.defaultFiles()
        let template = try #require(files.templates["news-index"])
        files.templates["news-index"]?.text = template.text.replacingOccurrences(of: "{{t.feed}}", with: "{{t.fed}}")
        let line = try #require(template.text.components(separatedBy: "\n").firstIndex { $0.contains("{{t.feed}}") }) + 1
        let (theme, diagnostics) = Theme.compile(files, languages: ["bg", "en"])
        #expect(theme == nil)
        let errors = diagnostics.errors.filter { $0.file.hasSuffix("templates/news-index.mustache") }
        #expect(errors.count == 2, "one per language: \(diagnostics.listing)")
        #expect(errors.first?.line == line)
        #expect(errors.first?.message.contains("'fed'") == true)
        #expect(errors.first?.hint?.contains("t.feed") == true)
    }

    @Test("a UI string the build writes, missing in one language, is an error naming that language's file")
    func missingBuildString() throws {
        var files = try Self.defaultFiles()
        let english = try #require(files.strings["en"]?.last)
        files.strings["en"]![files.strings["en"]!.count - 1].text = english.text.split(separator: "\n")
            .filter { !$0.hasPrefix("backToContent:") }.joined(separator: "\n")
        let (theme, diagnostics) = Theme.compile(files, languages: ["bg", "en"])
        #expect(theme == nil)
        let error = try #require(diagnostics.errors.first)
        #expect(diagnostics.errors.count == 1, "\(diagnostics.listing)")
        #expect(error.file.hasSuffix("i18n/en.yml"))
        #expect(error.message.contains("'backToContent'"))
    }

    @Test("a misspelled value name in a template fails the build at the template's line, with the likely name")
    func misspelledValueName() throws {
        var files = try Self.defaultFiles()
        let template = try #require(files.templates["chapter"])
        let line = try #require(template.text.components(separatedBy: "\n").firstIndex { $0.contains("{{chapterLabel}}") }) + 1
        files.templates["chapter"]?.text = template.text.replacingOccurrences(of: "{{chapterLabel}}", with: "{{chapterLable}}")
        let (loaded, loadDiagnostics) = loadContent(PrintBookTests.files())
        let result = SiteBuilder.generate(try #require(loaded, "\(loadDiagnostics)"), themeFiles: files)
        #expect(result.files.isEmpty)
        let error = try #require(result.diagnostics.errors.first, "\(result.diagnostics.listing)")
        #expect(result.diagnostics.errors.count == 1, "\(result.diagnostics.listing)")
        #expect(error.file.hasSuffix("templates/chapter.mustache"))
        #expect(error.line == line)
        #expect(error.message.contains("'chapterLable'"))
        #expect(error.hint?.contains("chapterLabel") == true)
    }

    @Test("names inside a section that is empty everywhere, and page kinds the site has none of, are not judged")
    func unjudgedNames() throws {
        // The small site has no news: the news templates' names (date, isoDate) cannot be checked.
        let (loaded, _) = loadContent([("guide/01-x.bg.md", page("title: Глава"))])
        let result = SiteBuilder.generate(try #require(loaded), themeFiles: try Self.defaultFiles())
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.listing)")
    }

    @Test("template tags: variables and sections are names; comments, partials, blocks and closing tags are not")
    func templateTags() throws {
        let names = try Template("{{! note }}\n<p>{{title}} {{{content}}}\n{{#list}}{{&raw}}{{/list}}{{^none}}x{{/none}}{{> header}}{{<base}}{{$main}}{{/main}}{{/base}} {{ t.key }}").names
        #expect(names.map(\.path) == ["title", "content", "list", "raw", "none", "t.key"])
        #expect(names.map(\.line) == [2, 2, 3, 3, 3, 3])
        #expect(names.first?.column == 4)
        #expect(names.map(\.sections) == [[], [], [], ["list"], [], []])
    }
}
