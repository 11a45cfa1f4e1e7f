import Foundation
import Testing
@testable import SiteKit

/// Stopping `vidin serve` (Ctrl-C cancels the server's task) is a clean stop, never an error:
/// closing the listening socket must not come back as "cannot listen", which made the command
/// exit with status 1 now and then.
@Suite("PreviewServer")
struct PreviewServerTests {
    actor Built {
        var count = 0
        func bump() { count += 1 }
    }

    @Test func stoppingIsNotAnError() async throws {
        let folder = TemporaryFolder()
        let content = try folder.copy(Paths.fixture("basic"), as: "content")
        var options = PreviewServer.Options(build: buildOptions(content: content, output: URL(fileURLWithPath: "/dev/null")))
        options.port = 0  // any free port
        for round in 1...12 {
            let built = Built()
            let server = PreviewServer(options: options)
            let task = Task {
                try await server.run { event in
                    if case .built = event { Task { await built.bump() } }
                }
            }
            let deadline = ContinuousClock.now + .seconds(60)
            while await built.count == 0, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(5))
            }
            #expect(await built.count == 1, "round \(round): the first build was not reported")
            task.cancel()
            do {
                try await task.value
            } catch is CancellationError {
            } catch {
                Issue.record("round \(round): stopping the server ended with \(error)")
            }
        }
    }
}
