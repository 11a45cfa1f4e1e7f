import FlyingFox
import FlyingSocks
import Foundation

/// `vidin serve`: builds the site in memory, serves it over HTTP on a loopback address,
/// rebuilds when a file under the content or themes folder changes, and tells every open page
/// to reload (or to show the build's errors) through server-sent events. The live-reload script
/// is added to the HTML as it is served; a real build never contains it.
public final class PreviewServer: Sendable {
    public struct Options: Sendable {
        public var build: BuildOptions
        public var host = "127.0.0.1"
        public var port: UInt16 = 8000
        /// How long to wait after a change for more changes before rebuilding ("save all").
        public var debounce: Duration = .milliseconds(10)

        public init(build: BuildOptions) { self.build = build }
    }

    /// What `run` reports as it goes: the address, each build's outcome.
    public enum Event: Sendable {
        case listening(String)
        case built(BuildReport, trigger: Trigger)
    }

    public enum Trigger: Sendable { case start, change(since: ContinuousClock.Instant) }

    public let options: Options
    public let site = PreviewSite()

    public init(options: Options) {
        var options = options
        options.build.inMemory = true
        options.build.dryRun = false
        options.build.pdf = false
        // Only the pages whose text changed are rendered again on a save.
        options.build.cache = options.build.cache ?? BuildCache()
        self.options = options
    }

    /// Serves until the task is cancelled; throws `PreviewServer.Failure` when the address
    /// cannot be used.
    public func run(report: @escaping @Sendable (Event) -> Void) async throws {
        let address: any SocketAddress
        do {
            if options.host.contains(":") {
                address = try sockaddr_in6.inet6(ip6: options.host, port: options.port)
            } else {
                address = try sockaddr_in.inet(ip4: options.host, port: options.port)
            }
        } catch {
            throw Failure(message: "'\(options.host)' is not an IP address", hint: "pass --host 127.0.0.1 (this computer only) or --host 0.0.0.0 (the local network)")
        }
        let server = HTTPServer(address: address, timeout: 30, logger: .disabled, handler: Handler(site: site))
        let watcher = FolderWatchers.make([options.build.contentDirectory, options.build.themesDirectory])
        defer { watcher.stop() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do { try await server.run() } catch {
                    // Stopping (Ctrl-C) closes the listening socket, and FlyingFox may report
                    // that as `SocketError.disconnected` before the cancellation itself.
                    if Task.isCancelled { throw CancellationError() }
                    guard let error = error as? SocketError else { throw error }
                    if case .failed(_, let code, _) = error, code == EADDRINUSE {
                        throw Failure(message: "port \(self.options.port) on \(self.options.host) is in use by another program (perhaps another 'vidin serve')",
                                      hint: "stop that program, or pass another port: vidin serve --port \(self.options.port &+ 1)")
                    }
                    throw Failure(message: "cannot listen on \(self.options.host):\(self.options.port): \(error.localizedDescription)",
                                  hint: "pass --port with a number from 1024 to 65535")
                }
            }
            group.addTask {
                try await server.waitUntilListening(timeout: 10)
                let host = self.options.host.contains(":") ? "[\(self.options.host)]" : self.options.host
                report(.listening("http://\(host):\(self.options.port)/"))
                guard let first = await self.build() else { return }
                await self.site.update(with: first)
                report(.built(first, trigger: .start))
                var builtFrom = ContinuousClock.now
                for await changed in watcher.changes {
                    // A change that came before the last build started is in that build already
                    // (an editor's save is often two bursts: the new file written, then renamed).
                    if changed < builtFrom { continue }
                    let since = changed
                    try await Task.sleep(for: self.options.debounce)
                    builtFrom = .now
                    guard let result = await self.build() else { return }
                    await self.site.update(with: result)
                    report(.built(result, trigger: .change(since: since)))
                }
            }
            defer { Task { await site.close() } }
            try await group.next()
            group.cancelAll()
        }
    }

    /// A build on a thread of its own, away from the threads that serve pages. Returns nil at
    /// once when the task is cancelled (Ctrl-C), without waiting for the build: it only holds memory.
    func build() async -> BuildReport? {
        let options = options.build
        let result = ResultOnce()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                result.wait(continuation)
                Thread { result.deliver(SiteBuilder.build(options)) }.start()
            }
        } onCancel: {
            result.deliver(nil)
        }
    }

    /// Resumes a continuation with the first value delivered: the build's report or nil on cancel.
    final class ResultOnce: @unchecked Sendable {  // state guarded by `lock`
        private let lock = NSLock()
        private var continuation: CheckedContinuation<BuildReport?, Never>?
        private var delivered: BuildReport??

        func wait(_ continuation: CheckedContinuation<BuildReport?, Never>) {
            lock.lock()
            if let delivered {
                lock.unlock()
                continuation.resume(returning: delivered)
            } else {
                self.continuation = continuation
                lock.unlock()
            }
        }

        func deliver(_ report: BuildReport?) {
            lock.lock()
            guard delivered == nil else { return lock.unlock() }
            delivered = .some(report)
            let waiting = continuation
            continuation = nil
            lock.unlock()
            waiting?.resume(returning: report)
        }
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var hint: String
        public var description: String { "error: \(message); \(hint)" }
    }

    /// Answers the browser: the site's files, the event stream and the live-reload script.
    struct Handler: HTTPHandler {
        let site: PreviewSite

        static let eventsPath = "/_vidin/events"
        static let scriptPath = "/_vidin/live.js"
        static let scriptTag = Array("<script src=\"\(scriptPath)\"></script>\n".utf8)

        func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
            // Until the first build is done, pages wait for it.
            while await !site.hasBuilt { try await Task.sleep(for: .milliseconds(50)) }
            guard request.method == .GET || request.method == .HEAD else {
                return HTTPResponse(statusCode: .methodNotAllowed, headers: [HTTPHeader("Allow"): "GET, HEAD"] as HTTPHeaders)
            }
            switch request.path {
            case Self.eventsPath:
                let events = await site.listen()
                return HTTPResponse(statusCode: .ok,
                                    headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"],
                                    body: HTTPBodySequence(from: EventBytes(events: events)))
            case Self.scriptPath:
                return HTTPResponse(statusCode: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-store"],
                                    body: Data(LiveReloadScript.text.utf8))
            default:
                // The path as sent, decoded: FlyingFox's `path` drops the trailing slash of `/guide/`.
                return await file(at: request.target.path(percentEncoded: false))
            }
        }

        func file(at requestPath: String) async -> HTTPResponse {
            var path = String(requestPath.drop { $0 == "/" })
            if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
            if let contents = await site.contents(of: path) {
                return response(.ok, path: path, contents: contents)
            }
            if await site.contents(of: path + "/index.html") != nil {
                return HTTPResponse(statusCode: .movedPermanently, headers: [.location: "/" + path + "/"] as HTTPHeaders)
            }
            if let notFound = await site.contents(of: "404.html") {
                return response(.notFound, path: "404.html", contents: notFound)
            }
            // No site yet (the first build failed): an empty page that still shows the errors.
            return response(.notFound, path: "404.html", contents: .data(Data("<!doctype html><title>vidin serve</title><body></body>".utf8)))
        }

        func response(_ status: HTTPStatusCode, path: String, contents: OutputFile.Contents) -> HTTPResponse {
            guard var data = contents.readData() else { return HTTPResponse(statusCode: .notFound) }
            let type = MediaType.of(path)
            if type.hasPrefix("text/html") { data = Self.withScript(data) }
            return HTTPResponse(statusCode: status, headers: [.contentType: type, .cacheControl: "no-store"], body: data)
        }

        /// The page with the live-reload script before `</body>` (or at its end).
        static func withScript(_ html: Data) -> Data {
            let bytes = [UInt8](html)
            let end = Array("</body>".utf8)
            if let range = bytes.lastRange(of: end) {
                return Data(bytes[..<range.lowerBound] + scriptTag + bytes[range.lowerBound...])
            }
            return Data(bytes + scriptTag)
        }
    }

    /// The event stream as the bytes of a chunked HTTP body: each event goes out as it comes.
    struct EventBytes: AsyncBufferedSequence {
        typealias Element = UInt8
        let events: AsyncStream<String>

        func makeAsyncIterator() -> Iterator { Iterator(events: events.makeAsyncIterator()) }

        struct Iterator: AsyncBufferedIteratorProtocol {
            var events: AsyncStream<String>.Iterator
            var pending: [UInt8] = []

            mutating func next() async throws -> UInt8? {
                if pending.isEmpty {
                    guard let event = await events.next() else { return nil }
                    pending = Array(event.utf8)
                }
                return pending.removeFirst()
            }

            mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
                if pending.isEmpty {
                    guard let event = await events.next() else { return nil }
                    pending = Array(event.utf8)
                }
                let buffer = Array(pending.prefix(Swift.max(count, 1)))
                pending.removeFirst(buffer.count)
                return buffer
            }
        }
    }
}

extension Array where Element == UInt8 {
    fileprivate func lastRange(of needle: [UInt8]) -> Range<Int>? {
        guard needle.count <= count else { return nil }
        var start = count - needle.count
        while start >= 0 {
            if self[start..<(start + needle.count)].elementsEqual(needle) { return start..<(start + needle.count) }
            start -= 1
        }
        return nil
    }
}
