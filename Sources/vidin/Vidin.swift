import ArgumentParser
import Foundation
import SiteKit

struct Vidin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Builds the digital-vidin.eu site: Markdown in content/, a theme in themes/, a static site in site/.",
        version: vidinVersion,
        subcommands: [Build.self, Check.self, Serve.self, New.self],
        defaultSubcommand: Build.self)
}

/// Options shared by the commands that read the content.
struct SiteOptions: ParsableArguments {
    @Option(help: "The folder with site.yml and the Markdown files.")
    var content = "content"

    @Option(help: "The folder with the themes.")
    var themes = "themes"

    @Option(help: "Where to write the site; the folder is replaced as a whole.")
    var output = "site"

    @Option(name: .customLong("base-url"), help: "The site's address, overriding baseURL in site.yml.")
    var baseURL: String?

    @Flag(help: "Include pages marked 'draft: true'.")
    var drafts = false

    func buildOptions() -> BuildOptions {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var options = BuildOptions(
            contentDirectory: URL(fileURLWithPath: content, relativeTo: cwd).standardizedFileURL,
            themesDirectory: URL(fileURLWithPath: themes, relativeTo: cwd).standardizedFileURL,
            outputDirectory: URL(fileURLWithPath: output, relativeTo: cwd).standardizedFileURL)
        options.baseURL = baseURL
        options.includeDrafts = drafts
        return options
    }
}

/// Prints diagnostics compiler style to standard error and returns the exit code.
func report(_ report: BuildReport, summary: String) -> Int32 {
    var standardError = FileHandle.standardError
    for diagnostic in report.diagnostics {
        print(diagnostic.description, to: &standardError)
    }
    let errors = report.diagnostics.filter { $0.severity == .error }.count
    let warnings = report.diagnostics.count - errors
    if errors > 0 {
        print("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s"); the site was not written", to: &standardError)
        return 1
    }
    print(summary)
    return 0
}

func kilobytes(_ bytes: Int) -> String { String(format: "%.1f kB", Double(bytes) / 1000) }

extension FileHandle: @retroactive TextOutputStream {
    public func write(_ string: String) { write(Data(string.utf8)) }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the site from the content folder into the output folder.")

    @OptionGroup var site: SiteOptions

    @Flag(help: "Also make the guide as a PDF file per language with headless Chromium, linked from every page.")
    var pdf = false

    @Flag(help: "Print how long each stage of the build took (read, load, resolve, render, check, theme, print, search, feeds, write).")
    var timings = false

    @Flag(help: "Also measure the search index's size after gzip compression, what a visitor downloads from a server that compresses.")
    var gzipSize = false

    func run() throws {
        var options = site.buildOptions()
        options.pdf = pdf
        options.measuresIndexGzipSize = gzipSize
        let progress = ProgressLine()
        options.progress = progress.report
        let result = SiteBuilder.build(options)
        progress.finish()
        if timings {
            for (name, seconds, cpuSeconds) in result.timings.stages {
                let cpu = cpuSeconds.map { String(format: "   CPU %7.3f s", $0) } ?? ""
                print(name.padding(toLength: 8, withPad: " ", startingAt: 0) + String(format: "%8.3f s", seconds) + cpu)
            }
        }
        let pages = result.pagesPerLanguage.map { "\($0.language) \($0.pages)" }.joined(separator: ", ")
        let warnings = result.diagnostics.isEmpty ? "" : ", \(result.diagnostics.count) warning\(result.diagnostics.count == 1 ? "" : "s")"
        let index = result.searchIndexSizes.map { "\($0.language) \(kilobytes($0.bytes))" + ($0.gzipBytes.map { " (gzip \(kilobytes($0)))" } ?? "") }.joined(separator: ", ")
        let code = report(result, summary: "built \(site.output)/: pages \(pages); search index \(index); \(String(format: "%.2f", result.seconds)) s\(warnings)")
        if code != 0 { throw ExitCode(code) }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the content without writing anything.",
        discussion: """
            Everything the build validates (broken links and anchors are errors here), and as warnings: \
            stale, missing or differently shaped translations, images without alt text, skipped heading \
            levels, empty link texts, duplicate titles, placeholders and <!-- TODO: … --> notes. \
            Exit status 1 on errors, and on warnings with --strict.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var site: SiteOptions

    @Flag(help: "Exit with status 1 on warnings too.")
    var strict = false

    @Option(help: "text: one line per problem; json: one JSON object per line per problem.")
    var format: Format = .text

    @Option(name: .customLong("mark-translated"), parsing: .upToNextOption,
            help: ArgumentHelp("Record that these translations translate the current source text, then stop.", valueName: "file"))
    var markTranslated: [String] = []

    func run() throws {
        var options = site.buildOptions()
        if !markTranslated.isEmpty {
            let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let files = markTranslated.map { URL(fileURLWithPath: $0, relativeTo: cwd) }
            let (marked, diagnostics) = TranslationMarker.mark(files, contentDirectory: options.contentDirectory, displayRoot: site.content)
            marked.forEach { print($0) }
            var standardError = FileHandle.standardError
            diagnostics.forEach { print($0.description, to: &standardError) }
            if diagnostics.hasErrors { throw ExitCode(1) }
            return
        }
        options.strictLinks = true
        options.dryRun = true
        options.editorialChecks = true
        let result = SiteBuilder.build(options)
        let errors = result.diagnostics.filter { $0.severity == .error }.count
        let warnings = result.diagnostics.count - errors
        switch format {
        case .text:
            result.diagnostics.forEach { print($0.description) }
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for diagnostic in result.diagnostics {
                let problem = Problem(severity: diagnostic.severity.rawValue, file: diagnostic.file, line: diagnostic.line,
                                      column: diagnostic.column, message: diagnostic.message, hint: diagnostic.hint)
                print(String(decoding: try encoder.encode(problem), as: UTF8.self))
            }
        }
        let plural = { (count: Int, word: String) in "\(count) \(word)\(count == 1 ? "" : "s")" }
        let summary = "checked \(plural(result.sourceFiles, "file")): \(plural(errors, "error")), \(plural(warnings, "warning"))"
        if format == .json {
            var standardError = FileHandle.standardError
            print(summary, to: &standardError)
        } else {
            print(summary)
        }
        if errors > 0 || (strict && warnings > 0) { throw ExitCode(1) }
    }

    /// One problem as `--format json` prints it.
    struct Problem: Encodable {
        var severity: String
        var file: String
        var line: Int?
        var column: Int?
        var message: String
        var hint: String?
    }
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a new chapter, case study, page or news item in both languages.",
        discussion: "Writes NAME.bg.md and NAME.en.md with complete front matter; never overwrites a file. `vidin check` lists what is left to fill in.")

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case chapter, caseStudy = "case-study", page, news
    }

    @Argument(help: "What to create: chapter, case-study, page or news.")
    var kind: Kind

    @Argument(help: "The title in Bulgarian, e.g. \"Отворени данни\".")
    var title: String

    @Option(help: "The folder with site.yml and the Markdown files.")
    var content = "content"

    func run() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let directory = URL(fileURLWithPath: content, relativeTo: cwd).standardizedFileURL
        var standardError = FileHandle.standardError
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            print(Diagnostic.error(content, "the content folder does not exist", hint: "run vidin from the project's folder or pass --content PATH").description, to: &standardError)
            throw ExitCode(1)
        }
        let existing = ((try? FileManager.default.subpathsOfDirectory(atPath: directory.path)) ?? []).sorted()
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        switch PageScaffold.make(PageScaffold.Kind(rawValue: kind.rawValue)!, title: title, existing: existing, today: formatter.string(from: Date())) {
        case .failure(let diagnostic):
            print(diagnostic.description, to: &standardError)
            throw ExitCode(1)
        case .success(let scaffold):
            let problems = scaffold.write(into: directory, displayRoot: content)
            if !problems.isEmpty {
                problems.forEach { print($0.description, to: &standardError) }
                throw ExitCode(1)
            }
            scaffold.files.forEach { print("created \(content)/\($0.path)") }
            print("next: write the Bulgarian text, then run 'vidin check' to see what is left to fill in")
        }
    }
}
