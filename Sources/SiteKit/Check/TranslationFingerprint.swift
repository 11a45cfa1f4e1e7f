/// What a translation records of the source text it translates: one short code for the
/// introduction (title, summary and the text before the first `##` heading) and one per `##`
/// section, written as `translation-of: 3f9a1c 0b27d4 …` in the translation's front matter.
///
/// Each code is the first 24 bits of the FNV-1a hash of the part's text with runs of white
/// space made one space and `<!-- … -->` comments (editor's notes) left out, so re-wrapping
/// lines, a Windows save or a note does not make a translation stale; any change of words does.
/// Comparing code by code names the sections that changed.
public struct TranslationFingerprint: Sendable, Equatable, CustomStringConvertible {
    /// The value that `vidin new` writes into a translation that is not translated yet.
    public static let untranslated = "untranslated"

    public struct Part: Sendable, Equatable {
        /// The section's heading as plain text; nil for the introduction.
        public var heading: String?
        public var code: String
    }

    public var parts: [Part]

    public var description: String { parts.map(\.code).joined(separator: " ") }

    /// The fingerprint of a source page.
    public static func of(_ page: SourcePage) -> TranslationFingerprint {
        let document = CMarkDocument.parse(page.body, allowRawHTML: false)
        var headings: [(line: Int, text: String)] = []
        for block in document.topLevelBlocks {
            let event = document.events[block.lowerBound]
            if case .heading(level: 2, _) = event.kind {
                headings.append((event.line, document.plainText(block).trimmingCharacters(in: .whitespaces)))
            }
        }
        let lines = page.body.split(separator: "\n", omittingEmptySubsequences: false)
        var parts: [Part] = []
        var start = 0
        let introduction = [page.frontMatter.title, page.frontMatter.summary ?? ""].joined(separator: "\n")
        for (index, heading) in (headings.map { Optional($0) } + [nil]).enumerated() {
            let end = heading.map { min(max($0.line - 1, start), lines.count) } ?? lines.count
            var text = lines[start..<end].joined(separator: "\n")
            if index == 0 { text = introduction + "\n" + text }
            parts.append(Part(heading: index == 0 ? nil : headings[index - 1].text, code: code(of: text)))
            start = end
        }
        return TranslationFingerprint(parts: parts)
    }

    /// The codes of a `translation-of` value, or nil when it is not a fingerprint.
    public static func codes(in value: String) -> [String]? {
        let codes = value.split(separator: " ").map(String.init)
        guard !codes.isEmpty, codes.allSatisfy({ $0.count == 6 && $0.allSatisfy(\.isHexDigit) }) else { return nil }
        return codes
    }

    /// The headings of the parts that differ from `recorded` (nil stands for the introduction),
    /// or nil when the number of sections changed and parts cannot be matched one to one.
    public func changedParts(since recorded: [String]) -> [String?]? {
        guard recorded.count == parts.count else { return nil }
        return zip(parts, recorded).filter { $0.0.code != $0.1 }.map(\.0.heading)
    }

    static func code(of text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var started = false, pendingSpace = false
        var commentsClosed = true  // false once a `<!--` has no `-->` after it: stop looking (linear time)
        var bytes = Array(text.utf8)[...]
        while let byte = bytes.first {
            if byte == UInt8(ascii: "<"), commentsClosed, bytes.starts(with: "<!--".utf8) {
                if let end = bytes.firstRange(of: "-->".utf8) {
                    bytes = bytes[end.upperBound...]
                    pendingSpace = true
                    continue
                }
                commentsClosed = false
            }
            bytes = bytes.dropFirst()
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                pendingSpace = true
                continue
            }
            if pendingSpace && started { hash = (hash ^ 0x20) &* 0x100_0000_01b3 }
            pendingSpace = false
            started = true
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        let hex = String(hash >> 40, radix: 16)
        return String(repeating: "0", count: 6 - hex.count) + hex
    }
}
