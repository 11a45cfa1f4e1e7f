import Foundation
import FlyingSocks

/// A minimal HTTP server on 127.0.0.1 that serves the built site's files from memory, and nothing
/// else: Chromium renders the print pages from it, so a page can load only what the site itself
/// has (no `file://` of the build machine, no other host). Sockets are FlyingSocks' (Linux, macOS
/// and Windows); each connection is answered on its own thread and closed (HTTP/1.0).
final class LoopbackServer: @unchecked Sendable {
    private let socket: Socket
    /// The port the system chose.
    let port: UInt16
    private let lock = NSLock()
    private var files: [String: OutputFile.Contents]
    private var stopped = false

    /// - Parameter files: the site's files by output path (`print/index.html`, `assets/css/print.css`).
    init(files: [OutputFile]) throws {
        self.files = Dictionary(files.map { ($0.path, $0.contents) }, uniquingKeysWith: { _, last in last })
        socket = try Socket(domain: AF_INET, type: .stream)
        try socket.setValue(true, for: .localAddressReuse)
        try socket.bind(to: .inet(ip4: "127.0.0.1", port: 0))
        try socket.listen()
        guard case .ip4(_, let port) = try socket.sockname() else { throw SocketError.unsupportedAddress }
        self.port = port
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "vidin-pdf-server"
        thread.start()
    }

    /// The address of a site path (`print/index.html`).
    func url(of path: String) -> String { "http://127.0.0.1:\(port)/\(path)" }

    /// Replaces the text of one file, e.g. the print page with its contents' page numbers.
    func replace(_ path: String, with data: Data) {
        lock.withLock { files[path] = .data(data) }
    }

    func stop() {
        let wasStopped = lock.withLock { () -> Bool in
            defer { stopped = true }
            return stopped
        }
        guard !wasStopped else { return }
        // Wake the blocked accept() with one last connection, then close.
        if let waker = try? Socket(domain: AF_INET, type: .stream), let address = try? sockaddr_in.inet(ip4: "127.0.0.1", port: port) {
            try? waker.connect(to: address)
            try? waker.close()
        }
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func acceptLoop() {
        defer { try? socket.close() }
        while !isStopped {
            guard let connection = try? socket.accept() else { continue }
            if isStopped {
                try? Socket(file: connection.file).close()
                return
            }
            let client = Socket(file: connection.file)
            let thread = Thread { [self] in answer(client) }
            thread.start()
        }
    }

    private func answer(_ client: Socket) {
        defer { try? client.close() }
        // The request line and headers; a GET has no body. 16 kB is far more than Chromium sends.
        var request: [UInt8] = []
        while request.count < 16_384 {
            guard let chunk = try? client.read(atMost: 4096), !chunk.isEmpty else { return }
            request += chunk
            if containsHeaderEnd(request) { break }
        }
        let line = String(decoding: request.prefix { $0 != 13 && $0 != 10 }, as: UTF8.self).split(separator: " ")
        guard line.count >= 2, line[0] == "GET" || line[0] == "HEAD" else {
            send(client, status: "405 Method Not Allowed", type: "text/plain", body: Data("only GET\n".utf8))
            return
        }
        var path = String(line[1].split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0])
        path = path.removingPercentEncoding ?? path
        if path.hasPrefix("/") { path.removeFirst() }
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        guard let body = lock.withLock({ files[path] })?.readData() else {
            send(client, status: "404 Not Found", type: "text/plain", body: Data("not in the site: \(path)\n".utf8))
            return
        }
        send(client, status: "200 OK", type: MediaType.of(path), body: line[0] == "HEAD" ? Data() : body)
    }

    private func containsHeaderEnd(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 4 else { return false }
        for index in 0...(bytes.count - 4) where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return true
        }
        return false
    }

    private func send(_ client: Socket, status: String, type: String, body: Data) {
        let head = "HTTP/1.0 \(status)\r\nContent-Type: \(type)\r\nContent-Length: \(body.count)\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n"
        var response = Data(head.utf8)
        response.append(body)
        var index = response.startIndex
        while index < response.endIndex {
            guard let next = try? client.write(response, from: index), next > index else { return }
            index = next
        }
    }
}
