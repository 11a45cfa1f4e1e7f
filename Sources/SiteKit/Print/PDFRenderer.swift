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
            let output = work.appendingPathComponent("guide-\(language).pdf")
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
            pdfs[language] = stamp(pdf, date: date)
        }
        return pdfs
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
