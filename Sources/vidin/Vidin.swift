import ArgumentParser
import Foundation
import SiteKit

@main
struct Vidin: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Builds the digital-vidin.eu site: Markdown in content/, a theme in themes/, a static site in site/.",
        version: vidinVersion,
        subcommands: [Build.self, Check.self],
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

    func run() throws {
        var options = site.buildOptions()
        options.pdf = pdf
        let result = SiteBuilder.build(options)
        let pages = result.pagesPerLanguage.map { "\($0.language) \($0.pages)" }.joined(separator: ", ")
        let warnings = result.diagnostics.isEmpty ? "" : ", \(result.diagnostics.count) warning\(result.diagnostics.count == 1 ? "" : "s")"
        let index = result.searchIndexSizes.map { "\($0.language) \(kilobytes($0.bytes)) (gzip \(kilobytes($0.gzipBytes)))" }.joined(separator: ", ")
        let code = report(result, summary: "built \(site.output)/: pages \(pages); search index \(index); \(String(format: "%.2f", result.seconds)) s\(warnings)")
        if code != 0 { throw ExitCode(code) }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check the content without writing: broken links and anchors are errors.")

    @OptionGroup var site: SiteOptions

    func run() throws {
        var options = site.buildOptions()
        options.strictLinks = true
        options.dryRun = true
        let result = SiteBuilder.build(options)
        let pages = result.pagesPerLanguage.map { "\($0.language) \($0.pages)" }.joined(separator: ", ")
        let code = report(result, summary: "checked: pages \(pages), no errors")
        if code != 0 { throw ExitCode(code) }
    }
}
