import Foundation

/// Turns the print pages into PDF files with headless Chromium, and reads where the contents'
/// entries landed with poppler's `pdfinfo`. The only part of the build that runs other programs;
/// it works in a temporary folder of its own and writes nothing else.
public enum PDFRenderer {
    public static let browserNames = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    /// The first Chromium-like browser on PATH.
    public static func findBrowser(path: String? = ProcessInfo.processInfo.environment["PATH"]) -> URL? {
        browserNames.lazy.compactMap { findProgram($0, path: path) }.first
    }

    /// What the PDF's document properties say (Title, Author, Subject, Keywords).
    public struct Metadata: Sendable {
        public var title: String
        public var author: String
        public var subject: String
        public var keywords: String
        public init(title: String, author: String, subject: String, keywords: String) {
            self.title = title
            self.author = author
            self.subject = subject
            self.keywords = keywords
        }
    }

    /// Renders `printPages` (each language's print page) from the site's files,
    /// served to Chromium from memory over loopback HTTP: a page can load only the site's own
    /// files, never one of the build machine's or another host's.
    /// - Returns: language → PDF bytes.
    /// - Parameter date: `YYYYMMDD` written as the PDFs' creation date instead of the clock, so
    ///   that the same content gives the same files.
    public static func render(printPages: [String: PrintPageRenderer.Source], files: [OutputFile], browser: URL?, metadata: [String: Metadata],
                              date: String) throws(BuildFailure) -> [String: Data] {
        guard let browser else {
            throw BuildFailure(.error("--pdf", "making PDF files needs Chromium, and none was found on PATH (looked for \(browserNames.joined(separator: ", ")))",
                                      hint: "install it with 'sudo apt-get install chromium', or build without --pdf"))
        }
        guard let pdfinfo = findProgram("pdfinfo") else {
            throw BuildFailure(.error("--pdf", "making PDF files needs pdfinfo (poppler-utils) to read the contents' page numbers, and none was found on PATH",
                                      hint: "install it with 'sudo apt-get install poppler-utils', or build without --pdf"))
        }
        let fileManager = FileManager.default
        removeAbandonedWorkFolders()
        let work = fileManager.temporaryDirectory.appendingPathComponent("\(workPrefix)\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        defer { try? fileManager.removeItem(at: work) }
        let server: LoopbackServer
        do {
            try fileManager.createDirectory(at: work, withIntermediateDirectories: true)
            server = try LoopbackServer(files: files)
        } catch {
            throw BuildFailure(.error("--pdf", "cannot serve the print pages to Chromium: \(error)", hint: "check that the loopback network (127.0.0.1) works"))
        }
        defer { server.stop() }
        let fontConfig: URL
        do {
            fontConfig = try writeFontConfig(files: files, in: work)
        } catch {
            throw BuildFailure(.error("--pdf", "cannot prepare the fonts for Chromium: \(error.localizedDescription)", hint: "check the space in the temporary folder"))
        }
        var pdfs: [String: Data] = [:]
        for (language, page) in printPages.sorted(by: { $0.key < $1.key }) {
            let output = work.appendingPathComponent("guide-\(language).pdf")
            var pdf = try renderOnce(url: server.url(of: page.path), browser: browser, work: work, fontConfig: fontConfig, output: output)
            // The contents' page numbers: read where each entry's target landed, render the page
            // again with the numbers, and print it again until they no longer move (the numbers
            // have a column of their own, so the second pass normally settles it).
            if !page.anchors.isEmpty {
                var numbers: [String: Int] = [:]
                for _ in 0..<3 {
                    let pages = try destinationPages(of: output, pdfinfo: pdfinfo, expected: page.anchors)
                    if pages == numbers { break }
                    numbers = pages
                    server.replace(page.path, with: page.withPageNumbers(pages))
                    pdf = try renderOnce(url: server.url(of: page.path), browser: browser, work: work, fontConfig: fontConfig, output: output)
                }
            }
            pdfs[language] = try PDFInfoWriter.add(metadata[language], date: date, to: stamp(pdf, date: date))
        }
        return pdfs
    }

    /// Chromium on Linux finds fonts and their rendering (hinting, subpixel positioning, which
    /// change the width of every line) through fontconfig. It gets a configuration of its own:
    /// the machine's fonts (only for a letter that the theme's fonts lack, which the PDF test
    /// catches), the theme's TrueType fonts (`assets/fonts/*.ttf`), and fixed rendering settings
    /// that override the machine's, so neither can move a line or a page break. (Chromium on
    /// macOS and Windows does not read fontconfig; there the bundled fonts still set the text.)
    static func writeFontConfig(files: [OutputFile], in work: URL) throws -> URL {
        let fonts = work.appendingPathComponent("fonts")
        try FileManager.default.createDirectory(at: fonts, withIntermediateDirectories: true)
        for file in files where file.path.hasPrefix("assets/fonts/") {
            let name = String(file.path.dropFirst("assets/fonts/".count))
            guard !name.contains("/"), [".ttf", ".otf"].contains(where: { name.lowercased().hasSuffix($0) }) else { continue }
            let destination = fonts.appendingPathComponent(name)
            if case .copy(let source) = file.contents {
                try FileManager.default.copyItem(at: source, to: destination)
            } else {
                try file.contents.readData()?.write(to: destination)
            }
        }
        let configuration = """
            <?xml version="1.0"?>
            <!DOCTYPE fontconfig SYSTEM "fonts.dtd">
            <fontconfig>
              <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
              <dir>\(HTML.escape(fonts.path))</dir>
              <cachedir>\(HTML.escape(work.appendingPathComponent("fontconfig-cache").path))</cachedir>
              <match target="font">
                <edit name="antialias" mode="assign"><bool>true</bool></edit>
                <edit name="hinting" mode="assign"><bool>false</bool></edit>
                <edit name="hintstyle" mode="assign"><const>hintnone</const></edit>
                <edit name="autohint" mode="assign"><bool>false</bool></edit>
                <edit name="rgba" mode="assign"><const>none</const></edit>
                <edit name="embeddedbitmap" mode="assign"><bool>false</bool></edit>
              </match>
            </fontconfig>

            """
        let file = work.appendingPathComponent("fonts.conf")
        try Data(configuration.utf8).write(to: file)
        return file
    }

    /// Work folders are named `vidin-pdf-PID-…`; one whose process no longer runs was left by a
    /// build that was killed, and is removed by the next.
    static let workPrefix = "vidin-pdf-"

    static func removeAbandonedWorkFolders() {
        let fileManager = FileManager.default
        let temporary = fileManager.temporaryDirectory
        for name in (try? fileManager.contentsOfDirectory(atPath: temporary.path)) ?? [] where name.hasPrefix(workPrefix) {
            guard let pid = Int32(name.dropFirst(workPrefix.count).prefix { $0.isNumber }), !ProcessLiveness.isRunning(pid) else { continue }
            try? fileManager.removeItem(at: temporary.appendingPathComponent(name))
        }
    }

    /// The first program of that name on PATH.
    static func findProgram(_ name: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> URL? {
        for folder in (path ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// The page (1-based) of each named destination of the PDF, as poppler's `pdfinfo -dests`
    /// lists them. Fails the build when one of the `expected` anchors is not among them (a
    /// Chromium that wrote the file differently must not silently empty the contents' numbers).
    static func destinationPages(of pdf: URL, pdfinfo: URL, expected: Set<String>) throws(BuildFailure) -> [String: Int] {
        let listing: String
        do {
            listing = try run(pdfinfo, ["-dests", pdf.path])
        } catch {
            throw BuildFailure(.error("--pdf", "cannot read the page numbers of \(pdf.lastPathComponent) with pdfinfo: \(error)",
                                      hint: "check that poppler-utils is installed and works"))
        }
        let pages = parseDestinations(listing)
        let missing = expected.subtracting(pages.keys).sorted()
        if let first = missing.first {
            throw BuildFailure(.error("--pdf", "the PDF has no destination for '\(first)' (and \(missing.count - 1) more), so the contents cannot show its page",
                                      hint: "Chromium wrote the PDF in a way this version of vidin does not read; build without --pdf and report it"))
        }
        return pages
    }

    /// `pdfinfo -dests` output: a header line, then `PAGE [ XYZ … ] "NAME"` per destination.
    static func parseDestinations(_ listing: String) -> [String: Int] {
        var pages: [String: Int] = [:]
        for line in listing.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }
            guard let space = trimmed.firstIndex(of: " "), let page = Int(trimmed[..<space]),
                  let close = trimmed.lastIndex(of: "\""), let open = trimmed[..<close].lastIndex(of: "\""), open < close else { continue }
            let name = String(trimmed[trimmed.index(after: open)..<close])
            if pages[name] == nil { pages[name] = page }
        }
        return pages
    }

    /// Runs a program to its end; its standard output, or an error with its last lines.
    static func run(_ program: URL, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ProgramFailure(message: "\(program.lastPathComponent) exited with \(process.terminationStatus): " +
                                 String(decoding: message, as: UTF8.self).split(separator: "\n").suffix(2).joined(separator: " "))
        }
        return String(decoding: data, as: UTF8.self)
    }

    struct ProgramFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// One run of Chromium: the print page at `url` → PDF bytes (also left at `output`).
    static func renderOnce(url: String, browser: URL, work: URL, fontConfig: URL, output: URL) throws(BuildFailure) -> Data {
        let fileManager = FileManager.default
        try? fileManager.removeItem(at: output)
        let process = Process()
        process.executableURL = browser
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            "--disable-background-networking", "--disable-sync", "--no-default-browser-check",
            // Every host name but the loopback server's resolves to nothing.
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            "--user-data-dir=\(work.appendingPathComponent("profile").path)",
            "--no-pdf-header-footer", "--generate-pdf-document-outline",
            // Glyphs at their designed widths, whatever hinting the machine's fontconfig asks
            // for: with the bundled fonts, the same lines and pages on every machine.
            "--font-render-hinting=none",
            "--virtual-time-budget=10000",
            "--print-to-pdf=\(output.path)",
            url,
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["FONTCONFIG_FILE"] = fontConfig.path
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw BuildFailure(.error("--pdf", "cannot start \(browser.path): \(error.localizedDescription)", hint: "check that Chromium is installed and runs"))
        }
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let pdf = fileManager.contents(atPath: output.path), pdf.starts(with: Array("%PDF".utf8)) else {
            let detail = String(decoding: message, as: UTF8.self).split(separator: "\n").filter { !$0.contains("dbus") }.suffix(3).joined(separator: " ")
            throw BuildFailure(.error("--pdf", "Chromium did not make the PDF of \(url) (exit \(process.terminationStatus)) \(detail)",
                                      hint: "run the same build without --pdf to check the site, then try again"))
        }
        return pdf
    }

    /// Makes Chromium's PDF the same from run to run, keeping every byte offset as it was:
    /// - the time stamps (`/CreationDate (D:20261127221635+00'00')`) become `date` at midnight;
    /// - the ids of the tagged structure (`(node00000553)`), which Chromium takes from a counter
    ///   of DOM nodes that runs differently each time, are numbered in their own order
    ///   (`(node00000001)`, …): the same width, the same sort order for the /IDTree.
    static func stamp(_ pdf: Data, date: String) -> Data {
        var bytes = [UInt8](pdf)
        let fixed = Array((date + "000000").utf8)
        let dateMarker = Array("Date (D:".utf8)
        let idMarker = Array("(node".utf8)
        let idDigits = 8
        guard fixed.count == 14 else { return pdf }
        var ids: [(offset: Int, value: Int)] = []
        func digits(at start: Int, count: Int) -> Bool {
            start + count <= bytes.count && bytes[start..<(start + count)].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        }
        func matches(_ marker: [UInt8], at index: Int) -> Bool {
            index + marker.count <= bytes.count && bytes[index] == marker[0] && bytes[index..<(index + marker.count)].elementsEqual(marker)
        }
        var index = 0
        while index < bytes.count {
            if matches(dateMarker, at: index), digits(at: index + dateMarker.count, count: 14) {
                let start = index + dateMarker.count
                bytes.replaceSubrange(start..<(start + 14), with: fixed)
                index = start + 14
            } else if matches(idMarker, at: index), digits(at: index + idMarker.count, count: idDigits),
                      index + idMarker.count + idDigits < bytes.count, bytes[index + idMarker.count + idDigits] == UInt8(ascii: ")") {
                let start = index + idMarker.count
                let value = bytes[start..<(start + idDigits)].reduce(0) { $0 * 10 + Int($1 - 0x30) }
                ids.append((start, value))
                index = start + idDigits
            } else {
                index += 1
            }
        }
        let renumbered = Dictionary(uniqueKeysWithValues: Set(ids.map(\.value)).sorted().enumerated().map { ($1, $0 + 1) })
        for (offset, value) in ids {
            let text = Array(String(renumbered[value] ?? value).utf8)
            let padded = [UInt8](repeating: 0x30, count: max(0, idDigits - text.count)) + text
            bytes.replaceSubrange(offset..<(offset + idDigits), with: padded.suffix(idDigits))
        }
        return Data(bytes)
    }

    /// „2,1 MB“ / "2.1 MB".
    public static func sizeText(_ bytes: Int, decimalSeparator: String) -> String {
        let megabytes = Double(bytes) / 1_000_000
        let text = megabytes < 0.1 ? String(format: "%.2f", megabytes) : String(format: "%.1f", megabytes)
        return text.replacingOccurrences(of: ".", with: decimalSeparator) + " MB"
    }
}
