import ArgumentParser
import Foundation
import SiteKit

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site in memory, serve it, and rebuild and reload open pages on every save.",
        discussion: "Nothing is written to disk. Stop it with Ctrl-C.")

    @Option(help: "The folder with site.yml and the Markdown files.")
    var content = "content"

    @Option(help: "The folder with the themes.")
    var themes = "themes"

    @Option(help: "The port to listen on.")
    var port: UInt16 = 8000

    @Option(help: "The address to listen on: 127.0.0.1 is this computer only; 0.0.0.0 also the local network.")
    var host = "127.0.0.1"

    @Flag(help: "Include pages marked 'draft: true'.")
    var drafts = false

    @Flag(help: "Print the time of each stage of every build.")
    var timings = false

    func run() async throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var build = BuildOptions(
            contentDirectory: URL(fileURLWithPath: content, relativeTo: cwd).standardizedFileURL,
            themesDirectory: URL(fileURLWithPath: themes, relativeTo: cwd).standardizedFileURL,
            outputDirectory: URL(fileURLWithPath: "/dev/null"))
        build.includeDrafts = drafts
        var options = PreviewServer.Options(build: build)
        options.port = port
        options.host = host
        // Serve as the local address, so that links and assets stay on this server.
        let shownHost = host.contains(":") ? "[\(host)]" : (host == "0.0.0.0" ? "127.0.0.1" : host)
        options.build.baseURL = "http://\(shownHost):\(port)/"
        let server = PreviewServer(options: options)

        let task = Task {
            try await server.run { event in
                switch event {
                case .listening(let address):
                    say("serving \(address) (Ctrl-C stops)")
                case .built(let report, let trigger):
                    printBuild(report, trigger: trigger, timings: timings)
                }
            }
        }
        let stop = SignalWatch { task.cancel() }
        defer { stop.cancel() }
        do {
            try await task.value
        } catch let failure as PreviewServer.Failure {
            var standardError = FileHandle.standardError
            print(failure.description, to: &standardError)
            throw ExitCode(1)
        } catch is CancellationError {
        }
        say("stopped")
    }
}

/// One line per build: the time from the save to the reload signal, or the errors.
func printBuild(_ report: BuildReport, trigger: PreviewServer.Trigger, timings: Bool) {
    let clock = Calendar.current.dateComponents([.hour, .minute, .second], from: Date())
    let time = String(format: "%02d:%02d:%02d", clock.hour ?? 0, clock.minute ?? 0, clock.second ?? 0)
    var standardError = FileHandle.standardError
    for diagnostic in report.diagnostics where diagnostic.severity == .error || { if case .start = trigger { true } else { false } }() {
        print(diagnostic.description, to: &standardError)
    }
    let milliseconds: String
    switch trigger {
    case .start: milliseconds = String(format: "%.0f ms", report.seconds * 1000)
    case .change(let since):
        let elapsed = ContinuousClock.now - since
        milliseconds = String(format: "%.0f ms from the change (build %.0f ms)",
                              Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000, report.seconds * 1000)
    }
    if timings {
        say("  " + report.timings.stages.map { String(format: "%@ %.1f ms", $0.name, $0.seconds * 1000) }.joined(separator: ", "))
    }
    if report.succeeded {
        let pages = report.pagesPerLanguage.map { "\($0.language) \($0.pages)" }.joined(separator: ", ")
        say("\(time) built: pages \(pages); \(milliseconds)")
    } else {
        let errors = report.diagnostics.filter { $0.severity == .error }.count
        say("\(time) \(errors) error\(errors == 1 ? "" : "s"): still serving the last site that built; \(milliseconds)")
    }
}

/// Runs `action` once on Ctrl-C (SIGINT) or SIGTERM instead of the process being killed. (On
/// Windows, Ctrl-C ends the process as it is: `serve` keeps everything in memory, so there is
/// nothing to clean up.)
final class SignalWatch: @unchecked Sendable {  // immutable; dispatch sources are thread-safe
    #if canImport(Glibc) || canImport(Darwin)
    private let sources: [any DispatchSourceSignal]

    init(_ action: @escaping @Sendable () -> Void) {
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: action)
            source.resume()
            return source
        }
    }

    func cancel() { sources.forEach { $0.cancel() } }
    #else
    init(_ action: @escaping @Sendable () -> Void) {}
    func cancel() {}
    #endif
}

/// Prints a line at once, also when standard output is not a terminal (no buffering).
func say(_ line: String) {
    FileHandle.standardOutput.write(line + "\n")
}
