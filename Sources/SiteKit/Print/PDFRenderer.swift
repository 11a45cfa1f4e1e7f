import Foundation

/// Turns the print pages into PDF files with headless Chromium. The only part of the build that
/// runs another program; it works in a temporary folder of its own and writes nothing else.
public enum PDFRenderer {
    public static let browserNames = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    /// The first Chromium-like browser on PATH.
    public static func findBrowser(path: String? = ProcessInfo.processInfo.environment["PATH"]) -> URL? {
        for name in browserNames {
            for folder in (path ?? "").split(separator: ":") {
                let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
        }
        return nil
    }

    /// Renders `printPages` (output path of each language's print page) from the site's files.
    /// - Returns: language → PDF bytes.
    /// - Parameter date: `YYYYMMDD` written as the PDFs' creation date instead of the clock, so
    ///   that the same content gives the same files.
    public static func render(printPages: [String: String], files: [OutputFile], browser: URL?, date: String) throws(BuildFailure) -> [String: Data] {
        guard let browser else {
            throw BuildFailure(.error("--pdf", "making PDF files needs Chromium, and none was found on PATH (looked for \(browserNames.joined(separator: ", ")))",
                                      hint: "install it with 'sudo apt-get install chromium', or build without --pdf"))
        }
        let fileManager = FileManager.default
        let work = fileManager.temporaryDirectory.appendingPathComponent("vidin-pdf-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        defer { try? fileManager.removeItem(at: work) }
        do {
            let needed = Set(printPages.values)
            for file in files where needed.contains(file.path) || file.path.hasPrefix("assets/") || file.path.hasPrefix("media/") {
                let destination = work.appendingPathComponent(file.path)
                try fileManager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                switch file.contents {
                case .data(let data): try data.write(to: destination)
                case .copy(let source): try fileManager.copyItem(at: source, to: destination)
                }
            }
        } catch {
            throw BuildFailure(.error("--pdf", "cannot prepare the print pages for Chromium: \(error.localizedDescription)", hint: "check the space in the temporary folder"))
        }
        var pdfs: [String: Data] = [:]
        for (language, page) in printPages.sorted(by: { $0.key < $1.key }) {
            let source = work.appendingPathComponent(page)
            var pdf = try renderOnce(page: page, browser: browser, work: work, name: "guide-\(language)")
            // The contents' page numbers: read where each entry's target landed, write the numbers
            // in, and render again until they no longer move (the numbers have a column of their
            // own, so the second pass normally settles it).
            if let html = try? String(contentsOf: source, encoding: .utf8), html.contains(pageNumberMarker) {
                var filled = html
                for _ in 0..<3 {
                    let pages = destinationPages(pdf)
                    let next = fillPageNumbers(html, pages: pages)
                    if next == filled { break }
                    filled = next
                    do {
                        try filled.write(to: source, atomically: true, encoding: .utf8)
                    } catch {
                        throw BuildFailure(.error("--pdf", "cannot prepare the print pages for Chromium: \(error.localizedDescription)", hint: "check the space in the temporary folder"))
                    }
                    pdf = try renderOnce(page: page, browser: browser, work: work, name: "guide-\(language)")
                }
            }
            pdfs[language] = stamp(pdf, date: date)
        }
        return pdfs
    }

    /// In the print page's contents: `<span class="toc-page" data-page-of="ANCHOR"></span>`, which
    /// the PDF's page numbers fill in.
    static let pageNumberMarker = "data-page-of=\""

    /// Replaces the content of each `data-page-of` element with the page number of its anchor
    /// (nothing when the anchor has none).
    static func fillPageNumbers(_ html: String, pages: [String: Int]) -> String {
        var result = ""
        result.reserveCapacity(html.utf8.count + 4096)
        var rest = html[...]
        while let marker = rest.range(of: pageNumberMarker) {
            result += rest[..<marker.upperBound]
            rest = rest[marker.upperBound...]
            guard let quote = rest.firstIndex(of: "\""), let close = rest.range(of: "</") else { continue }
            let anchor = String(rest[..<quote])
            guard let tagEnd = rest[quote...].firstIndex(of: ">"), tagEnd < close.lowerBound else { continue }
            result += rest[...tagEnd]
            if let number = pages[anchor] { result += String(number) }
            rest = rest[close.lowerBound...]
        }
        result += rest
        return result
    }

    /// The page (1-based) of each named destination of a PDF that Chromium wrote: ids that links
    /// point to → the page their element starts on. Empty when the file is not as expected (then
    /// the contents go without page numbers).
    static func destinationPages(_ pdf: Data) -> [String: Int] {
        // PDF syntax is ASCII; Latin-1 keeps every byte of the binary streams as one character.
        guard let text = String(data: pdf, encoding: .isoLatin1) else { return [:] }
        let document = text as NSString
        // Every object's text, by number (Chromium writes no object streams).
        var objects: [Int: NSRange] = [:]
        guard let objectStart = try? NSRegularExpression(pattern: "(?m)^(\\d+) 0 obj\\b") else { return [:] }
        for match in objectStart.matches(in: text, range: NSRange(location: 0, length: document.length)) {
            guard let number = Int(document.substring(with: match.range(at: 1))) else { continue }
            let end = document.range(of: "endobj", range: NSRange(location: match.range.location, length: document.length - match.range.location))
            guard end.location != NSNotFound else { continue }
            objects[number] = NSRange(location: match.range.location, length: end.location - match.range.location)
        }
        func object(_ number: Int) -> String? { objects[number].map { document.substring(with: $0) } }
        guard let catalog = objects.values.lazy.map({ document.substring(with: $0) }).first(where: { $0.contains("/Type /Catalog") }),
              let root = Self.firstMatch("/Pages (\\d+) 0 R", in: catalog),
              let rootNumber = Int(root[1]),
              let dests = Self.firstMatch("/Dests (\\d+) 0 R", in: catalog), let destsNumber = Int(dests[1]),
              let destinations = object(destsNumber) else { return [:] }
        // The page objects in order: a depth-first walk of the page tree.
        var pageIndex: [Int: Int] = [:]
        func walk(_ number: Int, depth: Int) {
            guard depth < 32, let node = object(number) else { return }
            if node.contains("/Type /Pages") {
                guard let kids = Self.firstMatch("/Kids \\[([^\\]]*)\\]", in: node) else { return }
                for kid in Self.allMatches("(\\d+) 0 R", in: kids[1]) { if let child = Int(kid[1]) { walk(child, depth: depth + 1) } }
            } else if pageIndex[number] == nil {
                pageIndex[number] = pageIndex.count + 1
            }
        }
        walk(rootNumber, depth: 0)
        var pages: [String: Int] = [:]
        for match in Self.allMatches("/([^\\s/\\[\\]()<>{}%]+) \\[(\\d+) 0 R", in: destinations) {
            if let object = Int(match[2]), let page = pageIndex[object] { pages[decodeName(match[1])] = page }
        }
        return pages
    }

    static func firstMatch(_ pattern: String, in text: String) -> [String]? { allMatches(pattern, in: text).first }

    static func allMatches(_ pattern: String, in text: String) -> [[String]] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let string = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: string.length)).map { match in
            (0..<match.numberOfRanges).map { match.range(at: $0).location == NSNotFound ? "" : string.substring(with: match.range(at: $0)) }
        }
    }

    /// A PDF name with its `#xx` escapes decoded.
    static func decodeName(_ name: String) -> String {
        guard name.contains("#") else { return name }
        var bytes: [UInt8] = []
        var scalars = Array(name.utf8)[...]
        while let byte = scalars.first {
            scalars = scalars.dropFirst()
            if byte == UInt8(ascii: "#"), scalars.count >= 2, let value = UInt8(String(decoding: scalars.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                scalars = scalars.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// One run of Chromium: the print page `page` (relative to `work`) → PDF bytes.
    static func renderOnce(page: String, browser: URL, work: URL, name: String) throws(BuildFailure) -> Data {
        let fileManager = FileManager.default
        let output = work.appendingPathComponent("\(name).pdf")
        try? fileManager.removeItem(at: output)
        let process = Process()
        process.executableURL = browser
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            "--user-data-dir=\(work.appendingPathComponent("profile").path)",
            "--no-pdf-header-footer", "--generate-pdf-document-outline",
            "--virtual-time-budget=10000",
            "--print-to-pdf=\(output.path)",
            work.appendingPathComponent(page).absoluteString,
        ]
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
            throw BuildFailure(.error("--pdf", "Chromium did not make the PDF of \(page) (exit \(process.terminationStatus)) \(detail)",
                                      hint: "run the same build without --pdf to check the site, then try again"))
        }
        return pdf
    }

    /// Replaces the time stamps Chromium writes (`/CreationDate (D:20261127221635+00'00')`) with
    /// `date` at midnight, keeping every byte offset of the file as it was.
    static func stamp(_ pdf: Data, date: String) -> Data {
        var bytes = [UInt8](pdf)
        let fixed = Array((date + "000000").utf8)
        let marker = Array("Date (D:".utf8)
        guard fixed.count == 14 else { return pdf }
        var index = 0
        while index + marker.count + 14 <= bytes.count {
            if bytes[index] == marker[0], Array(bytes[index..<(index + marker.count)]) == marker {
                let start = index + marker.count
                if bytes[start..<(start + 14)].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                    bytes.replaceSubrange(start..<(start + 14), with: fixed)
                }
                index = start + 14
            } else {
                index += 1
            }
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
