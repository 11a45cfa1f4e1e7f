import Foundation
import Testing
@testable import SiteKit

/// `content/site.yml`: languages, per-language texts, the project and the funding notice.
@Suite("SiteConfigParser")
struct SiteConfigParserTests {
    let file = "content/site.yml"

    func parse(_ text: String) -> (SiteConfig?, [Diagnostic]) {
        SiteConfigParser.parse(text, file: file)
    }

    /// The sample configuration with `line` replaced by `replacement` (nil removes it).
    func sample(replacing line: String, with replacement: String?) -> String {
        let lines = sampleSiteYAML.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains(line), "the sample has no line '\(line)'")
        return lines.compactMap { $0 == line ? replacement : $0 }.joined(separator: "\n")
    }

    @Test("the sample configuration reads without problems")
    func sampleReads() throws {
        let (config, diagnostics) = parse(sampleSiteYAML)
        #expect(diagnostics.isEmpty, "\(diagnostics.listing)")
        let site = try #require(config)
        #expect(site.baseURL == "https://example.test/")
        #expect(site.languageCodes == ["bg", "en"])
        #expect(site.defaultLanguage == "bg")
        #expect(site.root(of: "bg") == "/")
        #expect(site.root(of: "en") == "/en/")
        #expect(site.language("en")?.name == "English")
        #expect(site.language("bg")?.menu.first?.link == "guide")
        #expect(site.project.number == "TEST-0001")
        #expect(site.allowRawHTML == false)
        #expect(site.theme == "default")
    }

    @Test("a missing baseURL is an error that shows an example")
    func missingBaseURL() {
        let (_, diagnostics) = parse(sample(replacing: "baseURL: https://example.test/", with: nil))
        let error = diagnostics.errors.first { $0.message.contains("baseURL") }
        #expect(error != nil, "\(diagnostics.listing)")
        #expect(error?.hint?.contains("https://") == true)
    }

    @Test("a baseURL that is not an absolute http(s) URL is an error on its line")
    func relativeBaseURL() {
        let (_, diagnostics) = parse(sample(replacing: "baseURL: https://example.test/", with: "baseURL: www.example.test"))
        let error = diagnostics.errors.first { $0.message.contains("baseURL") }
        #expect(error?.line == 1)
    }

    @Test("pdfName names the PDFs; one that is not a plain file name is an error on its line")
    func pdfName() throws {
        let (config, _) = parse(sample(replacing: "theme: default", with: "theme: default\npdfName: digital-vidin-guide"))
        #expect(try #require(config).pdfName == "digital-vidin-guide")
        #expect(parse(sampleSiteYAML).0?.pdfName == "guide")
        let (_, diagnostics) = parse(sample(replacing: "theme: default", with: "theme: default\npdfName: ../Guide"))
        let error = diagnostics.errors.first { $0.message.contains("pdfName") }
        #expect(error?.line == 3, "\(diagnostics.listing)")
    }

    @Test("a baseURL without a trailing slash gets one")
    func baseURLSlash() throws {
        let (config, _) = parse(sample(replacing: "baseURL: https://example.test/", with: "baseURL: https://example.test/preview"))
        #expect(try #require(config).baseURL == "https://example.test/preview/")
        #expect(try #require(config).baseURLWithoutSlash == "https://example.test/preview")
    }

    @Test("no languages is an error")
    func missingLanguages() {
        let yaml = """
        baseURL: https://example.test/
        project:
          number: X
          title: T
          programme: P
          budget: B
          period: P
        fundingNotice: Funded.
        """
        let (_, diagnostics) = parse(yaml)
        #expect(diagnostics.errors.contains { $0.message.contains("no languages") }, "\(diagnostics.listing)")
    }

    @Test("a language code that appears twice is an error")
    func duplicateLanguage() {
        let (_, diagnostics) = parse(sample(replacing: "  - code: en", with: "  - code: bg"))
        #expect(diagnostics.errors.contains { $0.message.contains("twice") }, "\(diagnostics.listing)")
    }

    @Test("per-language values: one text for all languages, or one line per language")
    func localizedValues() throws {
        var yaml = sample(replacing: "fundingNotice:", with: "fundingNotice: Same text for all.")
        yaml = yaml.replacingOccurrences(of: "  bg: Финансирано от ЕС.\n  en: Funded by the EU.\n", with: "")
        let (config, diagnostics) = parse(yaml)
        #expect(diagnostics.isEmpty, "\(diagnostics.listing)")
        let site = try #require(config)
        #expect(site.fundingNotice == ["bg": "Same text for all.", "en": "Same text for all."])
        #expect(site.project.title == ["bg": "Проект", "en": "Project"])
        #expect(site.publishers.first?.name["en"] == "Publisher")
    }

    @Test("a per-language value without one of the languages is an error naming the language")
    func localizedValueMissingLanguage() {
        let (_, diagnostics) = parse(sample(replacing: "  en: Funded by the EU.", with: nil))
        let error = diagnostics.errors.first { $0.message.contains("fundingNotice") }
        #expect(error != nil, "\(diagnostics.listing)")
        #expect(error?.message.contains("'en'") == true)
        #expect(error?.hint?.contains("en: …") == true)
    }

    @Test("a missing funding notice is an error: every page must carry it")
    func missingFundingNotice() {
        var yaml = sample(replacing: "fundingNotice:", with: nil)
        yaml = yaml.replacingOccurrences(of: "  bg: Финансирано от ЕС.\n  en: Funded by the EU.\n", with: "")
        let (_, diagnostics) = parse(yaml)
        #expect(diagnostics.errors.contains { $0.message.contains("fundingNotice") }, "\(diagnostics.listing)")
    }

    @Test("an unknown top-level key is a warning with a did-you-mean hint")
    func unknownKey() {
        let (_, diagnostics) = parse(sample(replacing: "theme: default", with: "them: default"))
        let warning = diagnostics.warnings.first
        #expect(warning?.line == 2)
        #expect(warning?.hint == "did you mean 'theme'?")
    }

    @Test("a language without its name is an error on that language's lines, naming the language")
    func missingLanguageName() {
        // The English entry is on lines 10–15 and has no `name:`.
        let yaml = sample(replacing: "    name: English", with: nil)
        let (_, diagnostics) = parse(yaml)
        let error = diagnostics.errors.first { $0.message.contains("'name'") }
        #expect(error != nil, "\(diagnostics.listing)")
        // An editor with two languages needs to know which entry lacks the name.
        #expect(error.map { ($0.line ?? 0) >= 10 && ($0.line ?? 0) <= 15 } == true,
                "the error points at line \(error?.line ?? 0), not at the English entry (lines 10–15): \(error?.description ?? "")")
    }

    @Test("broken YAML in site.yml names the line")
    func brokenYAML() {
        let (config, diagnostics) = parse(sample(replacing: "theme: default", with: "theme: [default"))
        #expect(config == nil)
        #expect(diagnostics.errors.count == 1)
        #expect(diagnostics.first.map { ($0.line ?? 0) >= 2 } == true)
    }

    @Test("allowRawHTML is read")
    func allowRawHTML() throws {
        let (config, _) = parse(sampleSiteYAML + "allowRawHTML: true\n")
        #expect(try #require(config).allowRawHTML)
    }
}
