import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import SiteKit

/// A project (content/, themes/, site/) in a temporary folder, for the bad-input corpus: each case
/// breaks one thing and states the expected outcome — the build fails (or warns) naming the file,
/// the previous site stays byte-identical, nothing appears beside the output folder.
final class HostileProject {
    let temp = TemporaryFolder("vidin-hostile")
    var content: URL { temp.path("content") }
    var themes: URL
    var output: URL { temp.path("site") }

    /// - Parameter ownThemes: copy the themes too (for cases that break the theme).
    init(fixture: String = "basic", ownThemes: Bool = false) throws {
        try temp.copy(Paths.fixture(fixture), as: "content")
        if ownThemes {
            themes = try temp.copy(Paths.themes, as: "themes")
        } else {
            themes = Paths.themes
        }
    }

    func options(check: Bool = false) -> BuildOptions {
        var options = BuildOptions(contentDirectory: content, themesDirectory: themes, outputDirectory: output)
        options.strictLinks = check
        options.dryRun = check
        return options
    }

    func build(check: Bool = false, configure: (inout BuildOptions) -> Void = { _ in }) -> BuildReport {
        var options = options(check: check)
        configure(&options)
        return SiteBuilder.build(options)
    }

    /// Builds the untouched fixture and returns the site's files, the "previous site" of a case.
    func buildPrevious(sourceLocation: SourceLocation = #_sourceLocation) -> [String: Data] {
        let report = build()
        #expect(report.succeeded, "the untouched fixture does not build: \(report.diagnostics.listing)", sourceLocation: sourceLocation)
        return snapshot(output)
    }

    func write(_ relative: String, _ text: String) throws {
        try temp.write(relative, text)
    }

    func edit(_ relative: String, _ change: (String) -> String) throws {
        let url = temp.path(relative)
        let text = try String(contentsOf: url, encoding: .utf8)
        try Data(change(text).utf8).write(to: url)
    }

    func remove(_ relative: String) throws {
        try FileManager.default.removeItem(at: temp.path(relative))
    }

    /// What lies beside content/ and site/: only what the project had (no staging folder, no
    /// stale copy, no lock file).
    var entries: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: temp.url.path)) ?? []).sorted()
    }
}

/// The build failed with an error whose file ends with `file` and whose text contains `words`;
/// the previous site (when given) is byte-identical and nothing was left beside it.
func expectFailure(_ report: BuildReport, file: String, _ words: String..., line: Int? = nil,
                   project: HostileProject, previous: [String: Data]? = nil,
                   sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(!report.succeeded, "the build succeeded", sourceLocation: sourceLocation)
    let matching = report.diagnostics.errors.filter { diagnostic in
        diagnostic.file.hasSuffix(file) && words.allSatisfy { diagnostic.description.contains($0) }
    }
    #expect(!matching.isEmpty, "no error on \(file) saying \(words):\n\(report.diagnostics.listing)", sourceLocation: sourceLocation)
    if let line { #expect(matching.contains { $0.line == line }, "not on line \(line):\n\(report.diagnostics.listing)", sourceLocation: sourceLocation) }
    if let previous {
        #expect(snapshot(project.output) == previous, "the previous site changed", sourceLocation: sourceLocation)
    }
    #expect(project.entries.allSatisfy { ["content", "site", "themes", "elsewhere", "real-content", "shared-guide"].contains($0) },
            "left beside the site: \(project.entries)", sourceLocation: sourceLocation)
}

@Suite("Bad input: theme mistakes fail the build naming the template")
struct ThemeMistakeTests {
    @Test("a missing page template is an error naming it; the previous site stays")
    func missingTemplate() throws {
        let project = try HostileProject(ownThemes: true)
        let previous = project.buildPrevious()
        try project.remove("themes/default/templates/chapter.mustache")
        expectFailure(project.build(), file: "templates/chapter.mustache", "no template 'chapter'", project: project, previous: previous)
    }

    @Test("a missing partial is an error on the line that includes it")
    func missingPartial() throws {
        let project = try HostileProject(ownThemes: true)
        let previous = project.buildPrevious()
        let base = try String(contentsOf: project.temp.path("themes/default/templates/base.mustache"), encoding: .utf8)
        let line = try #require(base.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("{{> footer}}") }) + 1
        try project.remove("themes/default/templates/partials/footer.mustache")
        expectFailure(project.build(), file: "templates/base.mustache", "partial 'footer'", line: line, project: project, previous: previous)
    }

    @Test("a partial that includes itself is an error on the line of that tag, not a hang or a crash")
    func partialCircle() throws {
        let project = try HostileProject(ownThemes: true)
        let previous = project.buildPrevious()
        let footer = project.temp.path("themes/default/templates/partials/footer.mustache")
        try (try String(contentsOf: footer, encoding: .utf8) + "{{#menu}}\n{{> footer}}\n{{/menu}}\n").write(to: footer, atomically: true, encoding: .utf8)
        let line = try String(contentsOf: footer, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).count - 2
        expectFailure(project.build(), file: "partials/footer.mustache", "in a circle (footer → footer)", line: line, project: project, previous: previous)
    }

    @Test("two assets that would share a template name are an error naming both")
    func assetNameCollision() throws {
        let project = try HostileProject(ownThemes: true)
        let previous = project.buildPrevious()
        try project.temp.write("themes/default/assets/css/site-css", "body {}\n")
        try project.temp.write("themes/default/assets/css_site/css", "body {}\n")
        expectFailure(project.build(), file: "assets/css/site.css", "'css/site-css'", "'css/site.css'", "'css_site/css'", "assets.css_site_css",
                      project: project, previous: previous)
    }

    @Test("a misspelt parent template ({{<basee}}) is an error with a suggestion, in build and in check")
    func misspeltParent() throws {
        let project = try HostileProject(ownThemes: true)
        let previous = project.buildPrevious()
        try project.edit("themes/default/templates/page.mustache") {
            $0.replacingOccurrences(of: "{{<base}}", with: "{{<basee}}").replacingOccurrences(of: "{{/base}}", with: "{{/basee}}")
        }
        expectFailure(project.build(), file: "templates/page.mustache", "'basee'", "did you mean 'base'", line: 1, project: project, previous: previous)
        expectFailure(project.build(check: true), file: "templates/page.mustache", "'basee'", line: 1, project: project, previous: previous)
    }

    @Test("a theme error does not hide the content's link errors in check")
    func themeErrorAndLinkErrors() throws {
        let project = try HostileProject(ownThemes: true)
        try project.edit("themes/default/templates/page.mustache") {
            $0.replacingOccurrences(of: "{{<base}}", with: "{{<basee}}").replacingOccurrences(of: "{{/base}}", with: "{{/basee}}")
        }
        try project.edit("content/pages/about.bg.md") { $0 + "\n[счупена](nyama.bg.md)\n" }
        let report = project.build(check: true)
        #expect(report.diagnostics.errors.contains { $0.file.hasSuffix("page.mustache") }, "\(report.diagnostics.listing)")
        #expect(report.diagnostics.errors.contains { $0.file.hasSuffix("pages/about.bg.md") && $0.message.contains("nyama.bg.md") },
                "\(report.diagnostics.listing)")
    }

    @Test("partial tags are found through delimiter changes, comments left out")
    func referencesScanner() throws {
        let template = try Template("{{! {{> notapartial}} }}\n{{> header }}\n{{=<% %>=}}\n<%> footer%>\n<%={{ }}=%>{{<base}}{{/base}}")
        let references = template.references
        #expect(references.map(\.name.text) == ["header", "footer", "base"])
        #expect(references.map(\.name.line) == [2, 4, 5])
        #expect(references.map(\.isParent) == [false, false, true])
    }
}

@Suite("Bad input: symbolic links are followed, broken ones are errors")
struct SymbolicLinkTests {
    @Test("a content folder that is a symbolic link builds the same site as the folder itself")
    func symlinkedContent() throws {
        let project = try HostileProject()
        let direct = project.build()
        #expect(direct.succeeded, "\(direct.diagnostics.listing)")
        let expected = Set(snapshot(project.output).keys)
        try FileManager.default.moveItem(at: project.content, to: project.temp.path("real-content"))
        try FileManager.default.createSymbolicLink(atPath: project.content.path, withDestinationPath: "real-content")
        let linked = project.build()
        #expect(linked.succeeded, "\(linked.diagnostics.listing)")
        #expect(Set(snapshot(project.output).keys) == expected)
        #expect(linked.pagesPerLanguage.map(\.pages) == direct.pagesPerLanguage.map(\.pages))
    }

    @Test("a section folder that is a symbolic link to a folder elsewhere keeps its chapters")
    func symlinkedSection() throws {
        let project = try HostileProject()
        try FileManager.default.moveItem(at: project.content.appendingPathComponent("guide"), to: project.temp.path("shared-guide"))
        try FileManager.default.createSymbolicLink(atPath: project.content.appendingPathComponent("guide").path,
                                                   withDestinationPath: project.temp.path("shared-guide").path)
        let report = project.build()
        #expect(report.succeeded, "\(report.diagnostics.listing)")
        for chapter in ["guide/parvi-stapki/index.html", "en/guide/first-steps/index.html"] {
            #expect(FileManager.default.fileExists(atPath: project.output.appendingPathComponent(chapter).path), "missing \(chapter)")
        }
    }

    @Test("a theme folder that is a symbolic link is read through it")
    func symlinkedTheme() throws {
        let project = try HostileProject()
        try FileManager.default.createDirectory(at: project.temp.path("elsewhere"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: project.temp.path("elsewhere/default").path, withDestinationPath: Paths.themes.appendingPathComponent("default").path)
        let report = project.build { $0.themesDirectory = project.temp.path("elsewhere") }
        #expect(report.succeeded, "\(report.diagnostics.listing)")
        #expect(FileManager.default.fileExists(atPath: project.output.appendingPathComponent("assets/css/site.css").path))
    }

    @Test("a link to nothing is an error naming the link; the previous site stays")
    func danglingLink() throws {
        let project = try HostileProject()
        let previous = project.buildPrevious()
        try FileManager.default.createSymbolicLink(atPath: project.content.appendingPathComponent("pages/gone.bg.md").path, withDestinationPath: "/nonexistent/gone.bg.md")
        expectFailure(project.build(), file: "content/pages/gone.bg.md", "does not exist", project: project, previous: previous)
    }

    @Test("a link to a folder that contains it is an error naming the link, not a hang")
    func loop() throws {
        let project = try HostileProject()
        let previous = project.buildPrevious()
        try FileManager.default.createSymbolicLink(atPath: project.content.appendingPathComponent("guide/loop").path, withDestinationPath: "..")
        expectFailure(project.build(), file: "content/guide/loop", "loop", project: project, previous: previous)
    }
}

@Suite("Kept files: .git, keep: and content/static/")
struct KeptFileTests {
    @Test(".git in the output survives every build")
    func gitKept() throws {
        let project = try HostileProject()
        _ = project.buildPrevious()
        try project.write("site/.git/HEAD", "ref: refs/heads/gh-pages\n")
        try project.write("site/.git/objects/ab/cdef", "object")
        let report = project.build()
        #expect(report.succeeded, "\(report.diagnostics.listing)")
        #expect(readText(project.output, ".git/HEAD") == "ref: refs/heads/gh-pages\n")
        #expect(readText(project.output, ".git/objects/ab/cdef") == "object")
        #expect(project.entries == ["content", "site"])
    }

    @Test("a fresh GitHub Pages worktree (only .git) is a folder the build may fill")
    func freshWorktree() throws {
        let project = try HostileProject()
        try project.write("site/.git", "gitdir: /elsewhere/.git/worktrees/site\n")
        let report = project.build()
        #expect(report.succeeded, "\(report.diagnostics.listing)")
        #expect(readText(project.output, ".git") == "gitdir: /elsewhere/.git/worktrees/site\n")
        #expect(readText(project.output, "index.html") != nil)
    }

    @Test("files listed under keep: in site.yml survive every build")
    func keepListed() throws {
        let project = try HostileProject()
        try project.edit("content/site.yml") { $0 + "\nkeep: [CNAME, verification/]\n" }
        _ = project.buildPrevious()
        try project.write("site/CNAME", "www.example.test\n")
        try project.write("site/verification/google1234.html", "google-site-verification")
        let report = project.build()
        #expect(report.succeeded, "\(report.diagnostics.listing)")
        #expect(readText(project.output, "CNAME") == "www.example.test\n")
        #expect(readText(project.output, "verification/google1234.html") == "google-site-verification")
    }

    @Test("files in content/static/ are published as they are, hidden folders too")
    func staticFolder() throws {
        let project = try HostileProject()
        try project.write("content/static/CNAME", "www.example.test\n")
        try project.write("content/static/.well-known/security.txt", "Contact: mailto:a@example.test\n")
        try project.write("content/static/notes.md", "# not a page\n")
        let report = project.build()
        #expect(report.succeeded, "\(report.diagnostics.listing)")
        #expect(readText(project.output, "CNAME") == "www.example.test\n")
        #expect(readText(project.output, ".well-known/security.txt") == "Contact: mailto:a@example.test\n")
        #expect(readText(project.output, "notes.md") == "# not a page\n")
        // A second build replaces them without complaint: they are the tool's own files now.
        #expect(project.build().succeeded)
    }

    @Test("another file in the output is not deleted: the build refuses, naming it")
    func foreignFileRefused() throws {
        let project = try HostileProject()
        _ = project.buildPrevious()
        try project.write("site/CNAME", "www.example.test\n")
        try project.write("site/guide/notes.txt", "my notes")
        let previous = snapshot(project.output)
        expectFailure(project.build(), file: "site", "site/CNAME", "site/guide/notes.txt", "content/static/", "keep:",
                      project: project, previous: previous)
    }

    @Test("a static file where the build writes a page is an error naming the static file")
    func staticCollision() throws {
        let project = try HostileProject()
        let previous = project.buildPrevious()
        try project.write("content/static/index.html", "<p>mine</p>")
        expectFailure(project.build(), file: "content/static/index.html", "already has a file", project: project, previous: previous)
    }

    @Test("a kept path that the build also writes is an error, not a silent overwrite")
    func keptAndWritten() throws {
        let project = try HostileProject()
        try project.edit("content/site.yml") { $0 + "\nkeep: [CNAME]\n" }
        _ = project.buildPrevious()
        try project.write("site/CNAME", "kept\n")
        try project.write("content/static/CNAME", "published\n")
        let previous = snapshot(project.output)
        expectFailure(project.build(), file: "site/CNAME", "kept", project: project, previous: previous)
    }

    @Test("keep: paths that leave the output folder are errors on their line")
    func keepOutside() throws {
        let project = try HostileProject()
        try project.edit("content/site.yml") { $0 + "\nkeep:\n  - ../content\n  - /etc\n" }
        let report = project.build()
        let lines = try String(contentsOf: project.content.appendingPathComponent("site.yml"), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.contains("../content") }) + 1
        expectFailure(report, file: "site.yml", "'../content' cannot be kept", line: line, project: project)
        expectFailure(report, file: "site.yml", "'/etc' cannot be kept", line: line + 1, project: project)
    }
}

@Suite("The write stage: unsafe targets refused, leftovers recovered")
struct WriteStageTests {
    @Test("a read-only output folder is refused and left as it was, with nothing beside it")
    func readOnlyOutput() throws {
        let project = try HostileProject()
        _ = project.buildPrevious()
        try project.edit("content/pages/about.bg.md") { $0 + "\nНов текст.\n" }
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: project.output.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: project.output.path) }
        let previous = snapshot(project.output)
        expectFailure(project.build(), file: "site", "read-only", "chmod u+w", project: project, previous: previous)
    }

    @Test("a mount point as output is refused with a message that says what to do")
    func mountPoint() throws {
        let candidates = ["/proc", "/dev"].map { URL(fileURLWithPath: $0) }
        let mountPoint = try #require(candidates.first {
            FileSystemCalls.device($0) != nil && FileSystemCalls.device($0) != FileSystemCalls.device($0.deletingLastPathComponent())
        }, "no mount point to try")
        do {
            try SiteWriter.checkTarget(mountPoint, protected: [], display: "out")
            Issue.record("accepted the mount point \(mountPoint.path)")
        } catch {
            #expect(error.description.contains("mount point"), "\(error.description)")
            #expect(error.description.contains("--output out/public"), "\(error.description)")
        }
    }

    @Test("output paths that would leave the output folder are refused before anything is written")
    func pathsLeavingOutput() throws {
        let temp = TemporaryFolder()
        for path in ["../escape.html", "a/../../escape.html", "/etc/passwd", "a//b", ".git/config", SiteWriter.markerName] {
            #expect(throws: BuildFailure.self, "accepted \(path)") {
                try SiteWriter.write([OutputFile(path: path, text: "x")], to: temp.path("out/site"), protected: [], display: "site")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: temp.path("escape.html").path))
        #expect(!FileManager.default.fileExists(atPath: temp.path("out/site").path))
    }

    @Test("after a kill between the renames the next build puts the old site and .git back, then replaces it")
    func recoversBetweenRenames() throws {
        let temp = TemporaryFolder()
        let site = temp.path("site")
        try SiteWriter.write([OutputFile(path: "index.html", text: "old")], to: site, protected: [], display: "site")
        try temp.write("site/.git/HEAD", "head")
        // The state a kill leaves between the renames: the old site moved aside (its .git already
        // in the staging folder), no site/ at all.
        try FileManager.default.moveItem(at: site, to: temp.path(".site.vidin-old-4242"))
        try temp.write(".site.vidin-new-4242/index.html", "new, complete")
        try FileManager.default.moveItem(at: temp.path(".site.vidin-old-4242/.git"), to: temp.path(".site.vidin-new-4242/.git"))
        try SiteWriter.write([OutputFile(path: "index.html", text: "newer")], to: site, protected: [], display: "site")
        #expect(readText(site, "index.html") == "newer")
        #expect(readText(site, ".git/HEAD") == "head")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.url.path) == ["site"])
    }
}

@Suite("Bad settings: unsafe addresses and languages in site.yml")
struct HostileSettingsTests {
    func linesOf(_ needle: String, in project: HostileProject) throws -> [Int] {
        let text = try String(contentsOf: project.content.appendingPathComponent("site.yml"), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().filter { $0.element.contains(needle) }.map { $0.offset + 1 }
    }

    func lineOf(_ needle: String, in project: HostileProject) throws -> Int {
        try #require(try linesOf(needle, in: project).first)
    }

    @Test("a javascript:, data: or vbscript: menu link is an error at site.yml:line", arguments: [
        "javascript:alert(document.cookie)", "JavaScript:alert(1)", " javascript:alert(1)", "java\\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
    ])
    func unsafeMenuLink(_ link: String) throws {
        let project = try HostileProject()
        let previous = project.buildPrevious()
        try project.edit("content/site.yml") { $0.replacingOccurrences(of: "{title: Новини, link: news}", with: "{title: Новини, link: \"\(link)\"}") }
        let line = try lineOf("title: Новини", in: project)
        expectFailure(project.build(), file: "site.yml", "unsafe address", line: line, project: project, previous: previous)
    }

    @Test("a publisher's website that is not an http(s) address is an error at site.yml:line")
    func unsafePublisherWebsite() throws {
        let project = try HostileProject()
        try project.edit("content/site.yml") {
            $0.replacingOccurrences(of: "      en: Test Foundation\n", with: "      en: Test Foundation\n    website: javascript:alert(1)\n")
        }
        let line = try lineOf("website: javascript", in: project)
        expectFailure(project.build(), file: "site.yml", "website", line: line, project: project)
    }

    @Test("--base-url that is empty or not an http(s) address is an error naming the option",
          arguments: ["", "javascript:alert(1)//", "example.test"])
    func unsafeBaseURLOption(_ value: String) throws {
        let project = try HostileProject()
        let report = project.build { $0.baseURL = value }
        expectFailure(report, file: "--base-url", "cannot be the site's address", project: project)
    }

    @Test("a language code that appears twice is one error on its line, in build and check, without a crash")
    func duplicateLanguage() throws {
        let project = try HostileProject()
        try project.edit("content/site.yml") { $0.replacingOccurrences(of: "  - code: en\n", with: "  - code: bg\n") }
        let line = try #require(try linesOf("code: bg", in: project).last)
        for check in [false, true] {
            let report = project.build(check: check)
            expectFailure(report, file: "site.yml", "'bg' appears twice", line: line, project: project)
            #expect(report.diagnostics.errors.count == 1, "\(report.diagnostics.listing)")
        }
    }

    @Test("no languages is one error, not one per page")
    func noLanguages() throws {
        let project = try HostileProject()
        let text = try String(contentsOf: project.content.appendingPathComponent("site.yml"), encoding: .utf8)
        let start = try #require(text.range(of: "languages:\n"))
        let end = try #require(text.range(of: "\npublishers:"))
        try project.write("content/site.yml", String(text[..<start.lowerBound]) + "languages: []\n" + String(text[end.lowerBound...]))
        let report = project.build()
        expectFailure(report, file: "site.yml", "no languages", project: project)
        #expect(report.diagnostics.errors.count == 1, "\(report.diagnostics.listing)")
    }

    @Test("a language code that is not one (a path) is an error, and nothing is written anywhere")
    func languageCodeAsPath() throws {
        let project = try HostileProject()
        try project.edit("content/site.yml") { $0.replacingOccurrences(of: "  - code: en\n", with: "  - code: ../../escape\n") }
        expectFailure(project.build(), file: "site.yml", "not a language code", project: project)
        #expect(!FileManager.default.fileExists(atPath: project.temp.url.deletingLastPathComponent().appendingPathComponent("escape").path))
    }
}

@Suite("Bad content: clear messages")
struct HostileContentTests {
    @Test("a title too long for a URL is an error naming the file and suggesting a slug, in check and build")
    func longTitle() throws {
        let project = try HostileProject()
        let title = String(repeating: "Много дълго заглавие ", count: 13)
        try project.write("content/pages/long.bg.md", "---\ntitle: \(title)\n---\n\nТекст.\n")
        for check in [true, false] {
            expectFailure(project.build(check: check), file: "content/pages/long.bg.md", "too long", "slug: mnogo-dalgo", project: project)
        }
    }

    @Test("a vertical tab pasted from Word is a warning, replaced, and the feeds stay well-formed XML")
    func verticalTab() throws {
        let project = try HostileProject()
        try project.edit("content/news/2026-01-15-launch.bg.md") {
            $0.replacingOccurrences(of: "title: ", with: "title: Нов\u{0B}", options: [], range: $0.range(of: "title: "))
                + "\nТекст с\u{0C}знак.\n"
        }
        let report = project.build()
        #expect(report.succeeded, "\(report.diagnostics.listing)")
        let warning = report.diagnostics.warnings.first { $0.file.hasSuffix("2026-01-15-launch.bg.md") }
        #expect(warning?.message.contains("U+000B") == true, "\(report.diagnostics.listing)")
        for feed in ["news/atom.xml", "en/news/atom.xml", "sitemap.xml"] {
            let data = try #require(FileManager.default.contents(atPath: project.output.appendingPathComponent(feed).path))
            let parser = XMLParser(data: data)
            #expect(parser.parse(), "\(feed) is not well-formed: \(String(describing: parser.parserError))")
        }
    }

    @Test("a line break in a file name is an error, and the report cannot be forged with it")
    func newlineInFileName() throws {
        let project = try HostileProject()
        let forged = "x\ncontent/guide/01-first-steps.bg.md:1: error: forged.bg.md"
        try project.write("content/pages/\(forged)", "---\ntitle: X\n---\n")
        let report = project.build()
        expectFailure(report, file: ".bg.md", "line break", project: project)
        for diagnostic in report.diagnostics {
            #expect(!diagnostic.description.contains("\n"), "a report line holds a line break: \(diagnostic.description)")
        }
    }

    @Test("a title written as a list says so, not that the page has no title")
    func titleAsList() throws {
        let project = try HostileProject()
        try project.write("content/pages/list.bg.md", "---\ntitle: [a, b]\n---\n\nТекст.\n")
        let report = project.build()
        expectFailure(report, file: "content/pages/list.bg.md", "'title' must be text", line: 2, project: project)
        #expect(!report.diagnostics.contains { $0.message.contains("has no title") }, "\(report.diagnostics.listing)")
    }

    @Test("an anchor in a link to another language's page (/en/…#x) is checked")
    func anchorInSitePath() throws {
        let project = try HostileProject()
        try project.edit("content/pages/about.bg.md") { $0 + "\n[английски](/en/guide/first-steps/#nyama-takava)\n" }
        let report = project.build(check: true)
        expectFailure(report, file: "content/pages/about.bg.md", "'#nyama-takava' does not exist", project: project)
    }

    @Test("a file that makes cmark-gfm parse for minutes is an error naming it; the previous site stays")
    func cmarkWatchdog() throws {
        let project = try HostileProject()
        let previous = project.buildPrevious()
        // Quadratic in Debian's cmark-gfm: 180 kB take seconds even on a fast idle machine, far
        // beyond the 0.3 s allowed here (6,000 repeats finished within it when the machine was idle).
        try project.write("content/pages/brackets.bg.md", "---\ntitle: Скоби\n---\n\n" + String(repeating: "![[]()", count: 30_000) + "\n")
        let report = project.build { $0.parseTimeout = 0.3 }
        expectFailure(report, file: "content/pages/brackets.bg.md", "did not finish", project: project, previous: previous)
    }

    @Test("the footer lists at most a dozen pages, so the site grows linearly with pages/")
    func footerBounded() throws {
        let project = try HostileProject()
        for index in 0..<15 {
            try project.write("content/pages/p\(index).bg.md", "---\ntitle: Страница \(index)\n---\n\nТекст.\n")
        }
        let report = project.build()
        #expect(report.succeeded, "\(report.diagnostics.listing)")
        #expect(report.diagnostics.warnings.contains { $0.message.contains("the footer lists the first 12") }, "\(report.diagnostics.listing)")
        let home = try #require(readText(project.output, "index.html"))
        let footer = try #require(home.range(of: "<footer")).lowerBound
        let links = home[footer...].components(separatedBy: "href=\"/stranitsa-").count - 1
        #expect(links <= ThemeRenderer.footerLimit)
    }

    @Test("a guide of 63 chapters lists 15 of them beside each chapter, around the one being read, with links to the contents")
    func readingNavBounded() throws {
        let project = try HostileProject()
        for index in 10..<70 {
            try project.write("content/guide/\(String(format: "%02d", index))-ch.bg.md", "---\ntitle: Глава номер \(index)\n---\n\nТекст.\n")
        }
        let report = project.build()
        #expect(report.succeeded, "\(report.diagnostics.listing)")
        func sideList(_ slug: String) throws -> String {
            let html = try #require(readText(project.output, "guide/\(slug)/index.html"))
            let nav = try #require(html.range(of: "<nav class=\"reading-nav\""))
            return String(html[nav.lowerBound...]).components(separatedBy: "</nav>")[0]
        }
        // In the middle: seven before, the chapter itself, seven after, and the contents at both ends.
        let middle = try sideList("glava-nomer-40")
        #expect(middle.components(separatedBy: "href=\"/guide/glava-nomer-").count - 1 == SiteRenderer.readingNavWindow)
        #expect(middle.contains("href=\"/guide/glava-nomer-33/\"") && middle.contains("href=\"/guide/glava-nomer-47/\""))
        #expect(!middle.contains("href=\"/guide/glava-nomer-32/\"") && !middle.contains("href=\"/guide/glava-nomer-48/\""))
        #expect(middle.components(separatedBy: "class=\"reading-nav-more\"><a href=\"/guide/\"").count - 1 == 2)
        // At the end the window is the last 15, with the contents link only before them.
        let last = try sideList("glava-nomer-69")
        #expect(last.contains("href=\"/guide/glava-nomer-55/\"") && !last.contains("href=\"/guide/glava-nomer-54/\""))
        #expect(last.components(separatedBy: "reading-nav-more").count - 1 == 1)
        // The contents page still lists every chapter.
        let contents = try #require(readText(project.output, "guide/index.html"))
        #expect(contents.contains("href=\"/guide/glava-nomer-69/\""))
    }
}
