import Foundation
import Testing
@testable import SiteKit

/// The `vidin` binary that `swift build` put beside the test bundle.
enum VidinBinary {
    static let url: URL? = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [beside, beside.deletingLastPathComponent(), Paths.repositoryRoot.appendingPathComponent(".build/debug")]
        return candidates.map { $0.appendingPathComponent("vidin") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()
}

/// `vidin build` of a project, run as a real process so that it can be killed for real.
final class BuildProcess {
    let process = Process()
    private let errors = Pipe()
    private(set) var errorText = ""

    init(_ project: HostileProject, environment: [String: String] = [:]) throws {
        let binary = try #require(VidinBinary.url, "no vidin binary beside the tests: run swift build --build-tests")
        process.executableURL = binary
        process.arguments = ["build", "--content", project.content.path, "--themes", project.themes.path, "--output", project.output.path]
        process.currentDirectoryURL = project.temp.url
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
    }

    /// Reads standard error until the build says it paused (true) or ends (false).
    func waitForPause() -> Bool {
        while !errorText.contains("vidin: paused at") {
            let data = errors.fileHandleForReading.availableData
            if data.isEmpty { return false }
            errorText += String(decoding: data, as: UTF8.self)
        }
        return true
    }

    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Waits up to `seconds` for the build to end; its exit code, or nil if it is still running.
    func wait(seconds: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { usleep(50_000) }
        if process.isRunning { return nil }
        errorText += String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return process.terminationStatus
    }
}

@Suite("The write stage under kills and concurrent builds (real processes)")
struct WriterProcessTests {
    /// A built previous site with a `.git` in it, new content, and the site that content makes.
    func prepare() throws -> (project: HostileProject, old: [String: Data], new: [String: Data]) {
        let project = try HostileProject()
        _ = project.buildPrevious()
        try project.write("site/.git/HEAD", "ref: refs/heads/gh-pages\n")
        let old = snapshot(project.output).filter { !$0.key.hasPrefix(".git/") }
        try project.edit("content/pages/about.bg.md") { $0 + "\nНов абзац след промяната.\n" }
        var options = project.options()
        options.outputDirectory = project.temp.path("elsewhere/expected")
        #expect(SiteBuilder.build(options).succeeded)
        let new = snapshot(options.outputDirectory)
        try FileManager.default.removeItem(at: project.temp.path("elsewhere"))
        #expect(old != new)
        return (project, old, new)
    }

    @Test("killed at each step of the swap: the site is the old or the new one whole, and the next build recovers .git and cleans up",
          arguments: [("staged", false), ("kept-moved", false), ("swapped", false),
                      ("kept-moved", true), ("between-renames", true), ("swapped", true)])
    func killed(at point: String, twoRenames: Bool) throws {
        let (project, old, new) = try prepare()
        var environment = ["VIDIN_WRITER_PAUSE": point]
        if twoRenames { environment["VIDIN_WRITER_SWAP"] = "rename" }
        let build = try BuildProcess(project, environment: environment)
        #expect(build.waitForPause(), "the build never reached \(point): \(build.errorText)")
        build.kill()

        let published = snapshot(project.output).filter { !$0.key.hasPrefix(".git/") }
        switch point {
        case "staged", "kept-moved": #expect(published == old, "the old site changed before the swap")
        case "between-renames": #expect(!FileManager.default.fileExists(atPath: project.output.path), "the state between the renames was not reached")
        default: #expect(published == new, "after the swap the site is not the new one")
        }

        let next = project.build()
        #expect(next.succeeded, "\(next.diagnostics.listing)")
        #expect(snapshot(project.output).filter { !$0.key.hasPrefix(".git/") } == new)
        #expect(readText(project.output, ".git/HEAD") == "ref: refs/heads/gh-pages\n", ".git was lost")
        #expect(project.entries == ["content", "site"], "left beside the site: \(project.entries)")
    }

    @Test("a second build waits for the first instead of deleting its staging folder; both end well")
    func concurrentBuilds() throws {
        let (project, _, new) = try prepare()
        let first = try BuildProcess(project, environment: ["VIDIN_WRITER_PAUSE": "staged"])
        #expect(first.waitForPause(), "\(first.errorText)")
        let staging = project.temp.path(".site.vidin-new-\(first.process.processIdentifier)")
        let second = try BuildProcess(project)
        #expect(second.wait(seconds: 4) == nil, "the second build did not wait: \(second.errorText)")
        #expect(FileManager.default.fileExists(atPath: staging.path), "the second build removed the first one's staging folder")
        first.kill()
        #expect(second.wait(seconds: 120) == 0, "the second build failed: \(second.errorText)")
        #expect(snapshot(project.output).filter { !$0.key.hasPrefix(".git/") } == new)
        #expect(readText(project.output, ".git/HEAD") == "ref: refs/heads/gh-pages\n")
        #expect(project.entries == ["content", "site"], "left beside the site: \(project.entries)")
    }
}
