import Foundation

/// A small, forgiving HTML reader for the tests: the elements of a page with their attributes
/// (entities decoded), their ancestors, the line they start on, the text of links, and the raw
/// text of `<script>`, `<style>` and `<title>`. Not a full HTML5 parser: enough to check the
/// pages this generator writes.
struct HTMLDocument: Sendable {
    struct Element: Sendable {
        /// Lowercased tag name.
        var name: String
        /// Lowercased attribute name → value with entities decoded. A repeated attribute keeps its first value.
        var attributes: [String: String]
        /// Every attribute as written, in order, including repeats.
        var attributeList: [(name: String, value: String)]
        var line: Int
        /// Indices (into `elements`) of the open elements around this one, outermost first.
        var ancestors: [Int]
        /// Text content, collected for `a`, `title`, `script` and `style` only.
        var text: String = ""

        subscript(attribute: String) -> String? { attributes[attribute] }

        /// The whitespace-separated words of an attribute such as `class` or `rel`, lowercased.
        func words(_ attribute: String) -> [String] {
            (attributes[attribute] ?? "").lowercased().split(whereSeparator: { $0.isWhitespace }).map(String.init)
        }
    }

    private(set) var elements: [Element] = []

    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]
    static let rawTextElements: Set<String> = ["script", "style", "title", "textarea"]
    static let textCollecting: Set<String> = ["a", "title", "script", "style"]

    init(_ html: String) {
        let bytes = Array(html.utf8)
        var index = 0
        var line = 1
        var open: [Int] = []
        var pendingText: [UInt8] = []

        func flushText() {
            guard !pendingText.isEmpty else { return }
            let text = HTMLDocument.decodeEntities(String(decoding: pendingText, as: UTF8.self))
            for element in open where HTMLDocument.textCollecting.contains(elements[element].name) {
                elements[element].text += text
            }
            pendingText.removeAll(keepingCapacity: true)
        }

        func starts(with prefix: String, at position: Int, caseInsensitive: Bool = false) -> Bool {
            starts(with: Array(prefix.utf8), at: position, caseInsensitive: caseInsensitive)
        }

        func starts(with needle: [UInt8], at position: Int, caseInsensitive: Bool = false) -> Bool {
            guard position + needle.count <= bytes.count else { return false }
            for offset in 0..<needle.count {
                var byte = bytes[position + offset]
                if caseInsensitive, byte >= 65, byte <= 90 { byte += 32 }
                if byte != needle[offset] { return false }
            }
            return true
        }

        /// Moves `index` past the next `terminator`, counting lines.
        func skip(past terminator: String, caseInsensitive: Bool = false) -> Int {
            let needle = Array(terminator.utf8)
            let first = needle[0]
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte == first, starts(with: needle, at: index, caseInsensitive: caseInsensitive) { break }
                if byte == 0x0A { line += 1 }
                index += 1
            }
            let end = index
            index = min(bytes.count, index + needle.count)
            return end - start
        }

        func isNameByte(_ byte: UInt8) -> Bool {
            !(byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C || byte == 0x3E || byte == 0x2F || byte == 0x3D)
        }

        while index < bytes.count {
            let byte = bytes[index]
            guard byte == 0x3C /* < */, index + 1 < bytes.count else {
                if byte == 0x0A { line += 1 }
                pendingText.append(byte)
                index += 1
                continue
            }
            let next = bytes[index + 1]
            if starts(with: "<!--", at: index) {
                flushText()
                index += 4
                _ = skip(past: "-->")
                continue
            }
            if next == 0x21 /* ! */ || next == 0x3F /* ? */ {
                flushText()
                _ = skip(past: ">")
                continue
            }
            if next == 0x2F /* / */ {
                flushText()
                index += 2
                var name: [UInt8] = []
                while index < bytes.count, isNameByte(bytes[index]) { name.append(bytes[index]); index += 1 }
                _ = skip(past: ">")
                let tag = String(decoding: name, as: UTF8.self).lowercased()
                if let position = open.lastIndex(where: { elements[$0].name == tag }) {
                    open.removeSubrange(position...)
                }
                continue
            }
            let isLetter = (next >= 65 && next <= 90) || (next >= 97 && next <= 122)
            guard isLetter else {
                pendingText.append(byte)
                index += 1
                continue
            }
            flushText()
            let tagLine = line
            index += 1
            var nameBytes: [UInt8] = []
            while index < bytes.count, isNameByte(bytes[index]) { nameBytes.append(bytes[index]); index += 1 }
            let name = String(decoding: nameBytes, as: UTF8.self).lowercased()
            var attributes: [(String, String)] = []
            var selfClosing = false
            attributeLoop: while index < bytes.count {
                let current = bytes[index]
                switch current {
                case 0x3E:  // >
                    index += 1
                    break attributeLoop
                case 0x2F:  // /
                    selfClosing = true
                    index += 1
                case 0x20, 0x09, 0x0D, 0x0C:
                    index += 1
                case 0x0A:
                    line += 1
                    index += 1
                default:
                    selfClosing = false
                    var attributeName: [UInt8] = []
                    while index < bytes.count, isNameByte(bytes[index]) || (attributeName.isEmpty && bytes[index] == 0x3D) {
                        attributeName.append(bytes[index]); index += 1
                    }
                    var lookahead = index
                    while lookahead < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[lookahead]) { lookahead += 1 }
                    var value: [UInt8] = []
                    if lookahead < bytes.count, bytes[lookahead] == 0x3D /* = */ {
                        for position in index..<lookahead where bytes[position] == 0x0A { line += 1 }
                        index = lookahead + 1
                        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) {
                            if bytes[index] == 0x0A { line += 1 }
                            index += 1
                        }
                        if index < bytes.count, bytes[index] == 0x22 || bytes[index] == 0x27 {
                            let quote = bytes[index]
                            index += 1
                            while index < bytes.count, bytes[index] != quote {
                                if bytes[index] == 0x0A { line += 1 }
                                value.append(bytes[index]); index += 1
                            }
                            index += 1
                        } else {
                            while index < bytes.count, ![0x20, 0x09, 0x0A, 0x0D, 0x3E].contains(bytes[index]) {
                                value.append(bytes[index]); index += 1
                            }
                        }
                    }
                    if attributeName.isEmpty { index += 1; continue }
                    attributes.append((String(decoding: attributeName, as: UTF8.self).lowercased(),
                                       HTMLDocument.decodeEntities(String(decoding: value, as: UTF8.self))))
                }
            }
            var attributeMap: [String: String] = [:]
            for (key, value) in attributes where attributeMap[key] == nil { attributeMap[key] = value }
            elements.append(Element(name: name, attributes: attributeMap, attributeList: attributes.map { (name: $0.0, value: $0.1) },
                                    line: tagLine, ancestors: open))
            let elementIndex = elements.count - 1
            if HTMLDocument.rawTextElements.contains(name) {
                let start = index
                let length = skip(past: "</\(name)", caseInsensitive: true)
                _ = skip(past: ">")
                if HTMLDocument.textCollecting.contains(name) {
                    let raw = String(decoding: bytes[start..<(start + length)], as: UTF8.self)
                    elements[elementIndex].text = name == "title" ? HTMLDocument.decodeEntities(raw) : raw
                }
                continue
            }
            if !selfClosing, !HTMLDocument.voidElements.contains(name) { open.append(elementIndex) }
        }
        flushText()
        for element in elements {
            for attribute in element.attributeList where attribute.name == "id" { idCounts[attribute.value, default: 0] += 1 }
        }
    }

    func elements(_ name: String) -> [Element] { elements.filter { $0.name == name } }

    /// Whether the element at `index` lies inside an element that matches `predicate`.
    func isInside(_ element: Element, where predicate: (Element) -> Bool) -> Bool {
        element.ancestors.contains { predicate(elements[$0]) }
    }

    /// The value of `<html lang>`.
    var language: String? { elements("html").first?["lang"] }

    /// `id` → how many elements carry it.
    private(set) var idCounts: [String: Int] = [:]

    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semicolon = after.prefix(12).firstIndex(of: ";") {
                let entity = after[..<semicolon]
                if let decoded = decode(entity: String(entity)) {
                    result += decoded
                    rest = after[after.index(after: semicolon)...]
                    continue
                }
            }
            result += "&"
            rest = after
        }
        return result + rest
    }

    static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "ndash": "–", "mdash": "—",
        "hellip": "…", "laquo": "«", "raquo": "»", "bdquo": "„", "ldquo": "“", "rdquo": "”", "lsquo": "‘", "rsquo": "’", "copy": "©",
    ]

    static func decode(entity: String) -> String? {
        if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
            return UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
        if entity.hasPrefix("#") {
            return UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
        return namedEntities[entity]
    }
}
