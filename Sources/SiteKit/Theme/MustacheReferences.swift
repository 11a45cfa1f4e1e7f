/// Finds the partial (`{{> name}}`) and parent (`{{< name}}`) tags of a Mustache template, with
/// their lines, following delimiter changes (`{{=<% %>=}}`) and skipping comments, the way
/// swift-mustache's parser reads them. Dynamic names (`{{>*name}}`) are left out.
enum MustacheReferences {
    struct Reference: Equatable {
        var name: String
        var isParent: Bool
        var line: Int
        var column: Int
    }

    static func partials(in template: String) -> [Reference] {
        let characters = Array(template)
        var open = Array("{{"), close = Array("}}")
        var references: [Reference] = []
        var index = 0, line = 1, lineStart = 0
        func matches(_ pattern: [Character], at position: Int) -> Bool {
            position + pattern.count <= characters.count && Array(characters[position..<(position + pattern.count)]) == pattern
        }
        while index < characters.count {
            if characters[index] == "\n" { line += 1; lineStart = index + 1; index += 1; continue }
            guard matches(open, at: index) else { index += 1; continue }
            let tagLine = line, tagColumn = index - lineStart + 1
            var end = index + open.count
            while end < characters.count, !matches(close, at: end) {
                if characters[end] == "\n" { line += 1; lineStart = end + 1 }
                end += 1
            }
            let content = String(characters[(index + open.count)..<min(end, characters.count)])
            index = min(end + close.count, characters.count)
            let trimmed = content.trimmingWhitespace
            if trimmed.hasPrefix("="), trimmed.hasSuffix("="), trimmed.count > 2 {
                let delimiters = trimmed.dropFirst().dropLast().split(whereSeparator: { $0 == " " || $0 == "\t" })
                if delimiters.count == 2 { open = Array(delimiters[0]); close = Array(delimiters[1]) }
            } else if let first = trimmed.first, first == ">" || first == "<" {
                let name = String(trimmed.dropFirst()).trimmingWhitespace
                if !name.isEmpty, !name.hasPrefix("*") {
                    references.append(Reference(name: name, isParent: first == "<", line: tagLine, column: tagColumn))
                }
            }
        }
        return references
    }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
