import Foundation

/// Writes the document properties (Title, Author, Subject, Keywords, Creator, dates) into a PDF
/// that Chromium made, as an incremental update: a new Info object, an xref section for it and a
/// trailer that points back to the file's own, appended after the original bytes, which stay as
/// they are. Chromium's files end with a classic `trailer` dictionary; a file without one (an
/// xref stream) fails the build with a message rather than going out without its properties.
enum PDFInfoWriter {
    static func add(_ metadata: PDFRenderer.Metadata?, date: String, to pdf: Data) throws(BuildFailure) -> Data {
        guard let metadata else { return pdf }
        let bytes = [UInt8](pdf)
        guard let trailer = lastTrailer(bytes), let size = trailer.size, let root = trailer.root,
              let previous = lastStartXref(bytes) else {
            throw BuildFailure(.error("--pdf", "the PDF that Chromium wrote has no classic trailer, so its title, author and keywords cannot be set",
                                      hint: "this Chromium writes PDFs differently from the ones vidin knows; build without --pdf and report it"))
        }
        let stamp = "D:\(date)000000Z"
        let entries: [(String, String)] = [
            ("Title", metadata.title), ("Author", metadata.author), ("Subject", metadata.subject),
            ("Keywords", metadata.keywords), ("Creator", "vidin \(vidinVersion)"), ("Producer", "vidin \(vidinVersion) with Chromium (Skia/PDF)"),
        ]
        var info = "\(size) 0 obj\n<<"
        for (key, value) in entries where !value.isEmpty { info += " /\(key) \(textString(value))" }
        info += " /CreationDate (\(stamp)) /ModDate (\(stamp)) >>\nendobj\n"
        var update = bytes.last == UInt8(ascii: "\n") ? "" : "\n"
        let objectOffset = bytes.count + update.utf8.count
        update += info
        let xrefOffset = bytes.count + update.utf8.count
        update += "xref\n\(size) 1\n" + String(format: "%010d 00000 n \n", objectOffset)
        update += "trailer\n<< /Size \(size + 1) /Root \(root) /Info \(size) 0 R /Prev \(previous) >>\nstartxref\n\(xrefOffset)\n%%EOF\n"
        return pdf + Data(update.utf8)
    }

    /// A PDF text string: UTF-16BE with a byte-order mark, in hex, so any language is safe.
    static func textString(_ text: String) -> String {
        var hex = "<FEFF"
        for unit in text.utf16 { hex += String(format: "%04X", unit) }
        return hex + ">"
    }

    struct Trailer {
        var size: Int?
        var root: String?
    }

    /// The `/Size` and `/Root` of the file's last `trailer << … >>`.
    static func lastTrailer(_ bytes: [UInt8]) -> Trailer? {
        guard let start = lastIndex(of: Array("trailer".utf8), in: bytes) else { return nil }
        let tail = String(decoding: bytes[start...].prefix(4096), as: UTF8.self)
        guard let open = tail.range(of: "<<"), let close = tail.range(of: ">>", range: open.upperBound..<tail.endIndex) else { return nil }
        let words = tail[open.upperBound..<close.lowerBound].replacingOccurrences(of: "/", with: " /")
            .split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" })
        var trailer = Trailer()
        for (index, word) in words.enumerated() {
            if word == "/Size", index + 1 < words.count { trailer.size = Int(words[index + 1]) }
            if word == "/Root", index + 3 < words.count, words[index + 3] == "R" {
                trailer.root = "\(words[index + 1]) \(words[index + 2]) R"
            }
        }
        return trailer
    }

    /// The number after the file's last `startxref`.
    static func lastStartXref(_ bytes: [UInt8]) -> Int? {
        guard let start = lastIndex(of: Array("startxref".utf8), in: bytes) else { return nil }
        let tail = String(decoding: bytes[(start + 9)...].prefix(64), as: UTF8.self)
        return tail.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == " " }).first.flatMap { Int($0) }
    }

    static func lastIndex(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        var index = bytes.count - needle.count
        while index >= 0 {
            if bytes[index] == needle[0], bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index -= 1
        }
        return nil
    }
}
