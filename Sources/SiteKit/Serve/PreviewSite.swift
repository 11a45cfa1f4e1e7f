import Foundation

/// The site that `vidin serve` shows: the files of the last build that succeeded, the problems
/// of the last build if it failed, and the pages listening for either.
///
/// Every build sends each listening page one event, `{"generation": N, "errors": […]}`. A page
/// reloads when the generation differs from the one it was loaded with; otherwise it shows the
/// errors over itself (or takes them away when there are none).
public actor PreviewSite {
    public private(set) var generation = 0
    public private(set) var errors: [Diagnostic] = []
    private var files: [String: OutputFile.Contents] = [:]
    private var listeners: [UUID: AsyncStream<String>.Continuation] = [:]

    public init() {}

    /// Takes a build's result: a new site when it succeeded, its errors when it failed.
    public func update(with report: BuildReport) {
        hasBuilt = true
        if report.succeeded {
            files = Dictionary(report.output.map { ($0.path, $0.contents) }, uniquingKeysWith: { _, last in last })
            generation += 1
            errors = []
        } else {
            errors = report.diagnostics.filter { $0.severity == .error }
        }
        let event = self.event
        for listener in listeners.values { listener.yield(event) }
    }

    public func contents(of path: String) -> OutputFile.Contents? { files[path] }

    public var hasSite: Bool { generation > 0 }
    /// Whether a build has finished, with or without errors.
    public private(set) var hasBuilt = false

    /// Server-sent events for one page: the current state at once, then one per build.
    public func listen() -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(4))
        let id = UUID()
        listeners[id] = continuation
        continuation.onTermination = { _ in Task { await self.forget(id) } }
        continuation.yield("retry: 500\n\n")
        continuation.yield(event)
        return stream
    }

    /// Ends every event stream (when the server stops).
    public func close() {
        for listener in listeners.values { listener.finish() }
        listeners = [:]
    }

    public var listenerCount: Int { listeners.count }

    private func forget(_ id: UUID) { listeners[id] = nil }

    /// One server-sent event with the state, as `data: {json}`.
    private var event: String {
        struct State: Encodable {
            struct Problem: Encodable {
                var file: String
                var line: Int?
                var column: Int?
                var message: String
                var hint: String?
            }
            var generation: Int
            var errors: [Problem]
        }
        let state = State(generation: generation, errors: errors.map {
            .init(file: $0.file, line: $0.line, column: $0.column, message: $0.message, hint: $0.hint)
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(state)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return "event: build\ndata: \(json)\n\n"
    }
}
