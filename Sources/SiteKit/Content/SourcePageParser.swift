import Foundation
import Yams

/// Turns the bytes of one Markdown file into a `SourcePage`: decodes UTF-8 (a BOM and CRLF line
/// ends are accepted), splits the YAML front matter from the body and reads its fields. Pure: it
/// is given the bytes and never touches the disk.
public enum SourcePageParser {
    /// Parses a file name `name.LANG.md` into its name and language.
    public static func splitFileName(_ fileName: String) -> (name: String, language: String)? {
        guard fileName.hasSuffix(".md") else { return nil }
        let stem = fileName.dropLast(3)
        guard let dot = stem.lastIndex(of: ".") else { return nil }
        let name = String(stem[..<dot])
        let language = String(stem[stem.index(after: dot)...])
        guard !name.isEmpty, !language.isEmpty else { return nil }
        return (name, language)
    }

    /// Decodes UTF-8 text, dropping a byte-order mark and turning CRLF and CR line ends into LF.
    public static func decode(_ data: Data, file: String) -> Result<String, Diagnostic> {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let hasCarriageReturn = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { memchr($0, 0x0D, buffer.count) != nil } ?? false
        }
        if hasCarriageReturn {
            // CRLF and CR → LF, on the bytes (a CR never occurs inside a UTF-8 sequence).
            var normalized: [UInt8] = []
            normalized.reserveCapacity(bytes.count)
            for (index, byte) in bytes.enumerated() {
                if byte == 0x0D {
                    if index + 1 < bytes.count, bytes[index + 1] == 0x0A { continue }
                    normalized.append(0x0A)
                } else {
                    normalized.append(byte)
                }
            }
            bytes = normalized
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let (line, column) = firstInvalidUTF8(bytes)
            return .failure(.error(file, line: line, column: column, "the file is not valid UTF-8 text",
                                   hint: "save it as UTF-8 (in Notepad: File → Save as → Encoding: UTF-8)"))
        }
        return .success(text)
    }

    /// A control character other than tab and line ends, as a UTF-8 byte.
    static func isControlByte(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F
    }

    /// Whether `bytes` hold a control character other than tab and line ends. Eight bytes at a
    /// time: a word with no byte below 0x20 and none equal to 0x7F (most words of a text) is passed
    /// over with one test; the others are looked at byte by byte.
    static func hasControlByte(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var index = 0
        while index + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            // The classic tests, exact about whether there is one: a byte below 0x20, a byte 0x7F.
            let below = (word &- ones &* 0x20) & ~word & highs
            let delete = word ^ (ones &* 0x7F)
            if below | ((delete &- ones) & ~delete & highs) != 0 {
                for at in index..<(index + 8) where isControlByte(base[at]) { return true }
            }
            index += 8
        }
        while index < bytes.count {
            if isControlByte(base[index]) { return true }
            index += 1
        }
        return false
    }

    /// Replaces control characters other than tab and line ends (a vertical tab or form feed
    /// pasted from Word) with spaces: they are invisible, and not allowed in XML (the feeds) or
    /// YAML. Returns a warning naming the first one.
    public static func replacingControlCharacters(_ text: String, file: String) -> (String, Diagnostic?) {
        func isControl(_ scalar: Unicode.Scalar) -> Bool {
            (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r") || scalar.value == 0x7F
        }
        // Control characters are single bytes that never occur inside a longer UTF-8 sequence:
        // the common case, none, is found on the bytes.
        guard text.utf8.withContiguousStorageIfAvailable(hasControlByte) ?? text.containsByte(where: isControlByte) else { return (text, nil) }
        var line = 1, column = 1, first: (Int, Int, UInt32)?
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                if first == nil { first = (line, column, scalar.value) }
                result.append(" ")
            } else {
                result.append(scalar)
            }
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        let (atLine, atColumn, value) = first!
        let name = String(value, radix: 16, uppercase: true)
        return (String(result), .warning(file, line: atLine, column: atColumn,
                                         "an invisible control character (U+\(String(repeating: "0", count: 4 - name.count))\(name), often pasted from Word) was replaced with a space",
                                         hint: "delete it from the file: retype the text around this place"))
    }

    static func firstInvalidUTF8(_ bytes: [UInt8]) -> (line: Int, column: Int) {
        var index = 0, line = 1, lineStart = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length = byte < 0x80 ? 1 : byte >> 5 == 0b110 ? 2 : byte >> 4 == 0b1110 ? 3 : byte >> 3 == 0b11110 ? 4 : 0
            if length == 0 || index + length > bytes.count
                || String(validating: bytes[index..<(index + length)], as: UTF8.self) == nil {
                return (line, index - lineStart + 1)
            }
            if byte == 0x0A { line += 1; lineStart = index + 1 }
            index += length
        }
        return (line, 1)
    }

    /// Parses a decoded file. Returns nil with diagnostics when the page cannot be used.
    public static func parse(text: String, path: String, file: String, section: SourcePage.Section,
                             name: String, language: String) -> (SourcePage?, [Diagnostic]) {
        // Lines are found on the UTF-8 bytes: a line feed is always a Character of its own, and
        // only the front matter's lines are looked at, not the body's.
        let utf8 = text.utf8
        func lineEnd(from start: String.Index) -> String.Index { utf8[start...].firstIndex(of: 0x0A) ?? text.endIndex }
        func isDelimiter(_ start: String.Index, _ end: String.Index) -> Bool {
            // A line that starts and ends with an ASCII character other than a space or tab has
            // nothing to trim: compared on its bytes. Other lines go through Foundation's trim.
            let line = utf8[start..<end]
            if let first = line.first, let last = line.last, first < 0x80, last < 0x80,
               first != 0x20, first != 0x09, last != 0x20, last != 0x09 {
                return line.elementsEqual("---".utf8)
            }
            return text[start..<end].trimmingCharacters(in: .whitespaces) == "---"
        }
        let firstEnd = lineEnd(from: text.startIndex)
        guard isDelimiter(text.startIndex, firstEnd) else {
            return (nil, [.error(file, line: 1, "the file has no front matter",
                                 hint: "start it with a line '---', then 'title: …', then another line '---'")])
        }
        // `end` is the closing line's number from 0, as in the file's list of lines.
        var end = 1
        var lineStart = firstEnd
        var closing: (start: String.Index, end: String.Index)?
        while lineStart < text.endIndex {
            lineStart = utf8.index(after: lineStart)
            let stop = lineEnd(from: lineStart)
            if isDelimiter(lineStart, stop) { closing = (lineStart, stop); break }
            end += 1
            lineStart = stop
        }
        guard let closing else {
            return (nil, [.error(file, line: 1, "the front matter is not closed",
                                 hint: "add a line '---' after the last front-matter field")])
        }
        let yamlStart = firstEnd < closing.start ? utf8.index(after: firstEnd) : closing.start
        let yaml = String(text[yamlStart..<(yamlStart < closing.start ? utf8.index(before: closing.start) : yamlStart)])
        let body = String(closing.end < text.endIndex ? text[utf8.index(after: closing.end)...] : "")
        var diagnostics: [Diagnostic] = []
        let map: YAMLMapping
        if let simple = YAMLMapping(simpleYAML: yaml, file: file, lineOffset: 1) {
            map = simple
        } else {
            let node: Node?
            switch YAMLReader.parse(yaml, file: file, lineOffset: 1) {
            case .failure(let diagnostic): return (nil, [diagnostic])
            case .success(let parsed): node = parsed
            }
            guard let parsed = YAMLMapping(node, file: file, lineOffset: 1) else {
                return (nil, [.error(file, line: 2, "the front matter must be 'key: value' lines",
                                     hint: "write at least 'title: …' between the two '---' lines")])
            }
            map = parsed
        }
        diagnostics += map.unknownKeys(allowed: FrontMatter.allowedKeys(for: section), context: "the front matter")

        var fields = FrontMatter()
        for key in ["title", "slug", "summary", "website", "city", "country", "date", "part"] {
            if let node = map[key], node.scalar == nil {
                diagnostics.append(.error(file, line: map.line(of: key), "'\(key)' must be text on one line, not a list or a mapping",
                                          hint: "write '\(key): …' with the text after the colon; put text with commas or brackets in quotes"))
            }
        }
        if let title = map.string("title")?.trimmingWhitespace(), !title.isEmpty {
            fields.title = title
        } else if map["title"] == nil || map["title"]?.scalar != nil {
            diagnostics.append(.error(file, line: map.line(of: "title") ?? 2, "the page has no title", hint: "add 'title: …' to the front matter"))
        }
        fields.slug = map.string("slug")
        if let slug = fields.slug, slug.isEmpty || Slug.make(slug) != slug {
            diagnostics.append(.error(file, line: map.line(of: "slug"), "the slug '\(slug)' is not a readable URL part",
                                      hint: "use lowercase Latin letters, digits and hyphens, e.g. '\(Slug.make(slug).isEmpty ? "my-page" : Slug.make(slug))'"))
        }
        fields.summary = map.string("summary")
        fields.website = map.string("website")
        if let website = fields.website, !(website.hasPrefix("https://") || website.hasPrefix("http://")) {
            diagnostics.append(.error(file, line: map.line(of: "website"), "'website' must be a web address starting with https:// or http://",
                                      hint: "write the full address, e.g. 'website: https://www.example.eu/'"))
            fields.website = nil
        }
        fields.city = map.string("city")
        fields.translationOf = map.string("translation-of")
        for key in FrontMatter.allowedKeys(for: section) { fields.lines[key] = map.line(of: key) }
        fields.country = map.string("country")
        if let draft = map["draft"] {
            if let value = draft.bool { fields.draft = value } else {
                diagnostics.append(.error(file, line: map.line(of: "draft"), "'draft' must be true or false", hint: "write 'draft: true' or remove the line"))
            }
        }
        for key in ["weight", "population", "year"] where map[key] != nil {
            guard let value = map[key]?.int else {
                diagnostics.append(.error(file, line: map.line(of: key), "'\(key)' must be a whole number", hint: "write digits only, e.g. '\(key): 12500'"))
                continue
            }
            switch key {
            case "weight": fields.weight = value
            case "population": fields.population = value
            default: fields.year = value
            }
        }
        if let date = map.string("date") {
            if isValidDate(date) { fields.date = date } else {
                diagnostics.append(.error(file, line: map.line(of: "date"), "the date '\(date)' is not a date", hint: "write it as YYYY-MM-DD, e.g. 'date: 2026-11-27'"))
            }
        }
        if let part = map.string("part") {
            if let value = FrontMatter.Part(rawValue: part) { fields.part = value } else {
                diagnostics.append(.error(file, line: map.line(of: "part"), "unknown part '\(part)'", hint: "use 'foreword', 'chapter' or 'annex'"))
            }
        }
        if let topics = map["topics"] {
            if let list = topics.sequence {
                fields.topics = list.compactMap(\.string)
            } else if let one = topics.string {
                fields.topics = [one]
            }
        }
        if section == .news, fields.date == nil {
            let prefix = String(name.prefix(10))
            if isValidDate(prefix) { fields.date = prefix } else {
                diagnostics.append(.error(file, line: 1, "a news item needs a date",
                                          hint: "name the file YYYY-MM-DD-name.\(language).md or add 'date: YYYY-MM-DD'"))
            }
        }
        let page = SourcePage(section: section, name: name, language: language, path: path, file: file,
                              frontMatter: fields, body: body, bodyLine: end + 2)
        return (diagnostics.hasErrors ? nil : page, diagnostics)
    }

    static func isValidDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard text.count == 10, parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return false }
        return year > 1900 && (1...12).contains(month) && (1...31).contains(day)
    }
}
