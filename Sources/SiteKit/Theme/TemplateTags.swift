import Foundation

/// The names a Mustache template looks up (`{{title}}`, `{{{content}}}`, `{{#toc}}`, `{{^next}}`,
/// `{{t.footnotes}}`), with their lines, for the checks `Theme.compile` makes. Comments, partials,
/// closing tags and delimiter changes are not names.
enum TemplateTags {
    struct Name: Equatable {
        /// As written: `t.footnotes`, `title`, `.`.
        var path: String
        var line: Int
        var column: Int
        /// The `{{#section}}`s the tag is inside, outermost first (a name there may be one of
        /// the section's items).
        var sections: [String] = []
    }

    static func names(in template: String) -> [Name] {
        var names: [Name] = []
        // Open sections, blocks and parents; only `#` sections change what a name can be.
        var enclosing: [(name: String, isSection: Bool)] = []
        var line = 1, lineStart = template.startIndex
        var index = template.startIndex
        while let open = template[index...].range(of: "{{") {
            for position in template[index..<open.lowerBound].indices where template[position] == "\n" {
                line += 1
                lineStart = template.index(after: position)
            }
            let tagLine = line, tagColumn = template.distance(from: lineStart, to: open.lowerBound) + 1
            guard let close = template[open.upperBound...].range(of: "}}") else { break }
            var content = template[open.upperBound..<close.lowerBound]
            index = close.upperBound
            if content.hasPrefix("{") {
                content = content.dropFirst()
                if template[index...].hasPrefix("}") { index = template.index(after: index) }
            }
            for character in content where character == "\n" { line += 1 }
            if let newline = content.lastIndex(of: "\n") { lineStart = template.index(after: newline) }
            var name = content.trimmingCharacters(in: .whitespaces)
            guard let first = name.first else { continue }
            let rest = String(name.dropFirst()).trimmingCharacters(in: .whitespaces)
            switch first {
            case "!", ">", "=": continue
            case "/":
                if let index = enclosing.lastIndex(where: { $0.name == rest }) { enclosing.removeSubrange(index...) }
                continue
            case "<", "$":
                enclosing.append((rest, false))
                continue
            case "#", "^", "&":
                name = rest
            default:
                break
            }
            guard !name.isEmpty else { continue }
            names.append(.init(path: name, line: tagLine, column: tagColumn, sections: enclosing.filter(\.isSection).map(\.name)))
            if first == "#" || first == "^" { enclosing.append((name, first == "#")) }
        }
        return names
    }
}
