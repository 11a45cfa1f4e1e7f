/// A Mustache template compiled to a tree: the subset of Mustache the themes use — variables
/// (`{{name}}` escaped, `{{{name}}}` and `{{&name}}` as they are, dotted names, `{{.}}`),
/// sections and inverted sections, comments, partials (`{{> name}}`), inheritance (`{{< parent}}`
/// with blocks `{{$name}}…{{/name}}`) and delimiter changes (`{{=<% %>=}}`), with the spec's
/// standalone-line rule (a line holding only a section, comment, partial or block tag leaves no
/// blank line). Lambdas and dynamic names are not supported; a standalone partial is not
/// re-indented (HTML does not care).
///
/// The templates are compiled once per build and rendered on UTF-8 bytes (`TemplateLibrary`).
struct Template: Sendable {
    struct Name: Sendable, Equatable {
        /// As written: `t.footnotes`, `title`, `.`.
        var text: String
        /// The parts of a dotted name; empty for `.` (the current value).
        var path: [String]
        var line: Int
        var column: Int
    }

    enum Node: Sendable {
        case text([UInt8])
        case variable(Name, escaped: Bool)
        case section(Name, [Node], inverted: Bool)
        case partial(Name)
        /// `{{< parent}}` with the blocks it overrides.
        case parent(Name, blocks: [String: [Node]])
        /// `{{$ name}}` with what it shows when no template overrides it.
        case block(Name, [Node])
    }

    struct SyntaxError: Error, Sendable, Equatable {
        var message: String
        var line: Int
        var column: Int
        var hint: String
    }

    let nodes: [Node]

    init(_ text: String) throws(SyntaxError) {
        let tokens = try Self.tokens(Array(text.utf8))
        nodes = try Self.tree(Self.removingStandaloneLines(tokens))
    }

    // MARK: Tokens

    enum Token {
        case text([UInt8])
        /// `sigil`: `#`, `^`, `/`, `>`, `<`, `$`, `!`, `=`, `&`, `{` (triple mustache) or 0 (a variable).
        case tag(sigil: UInt8, content: String, line: Int, column: Int)

        var standaloneKind: Bool {
            guard case .tag(let sigil, _, _, _) = self else { return false }
            return Array("#^/><$!=".utf8).contains(sigil)
        }
    }

    static func tokens(_ bytes: [UInt8]) throws(SyntaxError) -> [Token] {
        var open: [UInt8] = Array("{{".utf8), close: [UInt8] = Array("}}".utf8)
        var tokens: [Token] = []
        var index = 0, line = 1, lineStart = 0
        func matches(_ pattern: [UInt8], at position: Int) -> Bool {
            guard position + pattern.count <= bytes.count else { return false }
            for offset in 0..<pattern.count where bytes[position + offset] != pattern[offset] { return false }
            return true
        }
        func advanceLines(_ range: Range<Int>) {
            for position in range where bytes[position] == 0x0A {
                line += 1
                lineStart = position + 1
            }
        }
        while index < bytes.count {
            // The text up to the next opening delimiter.
            var start = index
            while index < bytes.count, !matches(open, at: index) { index += 1 }
            if index > start { tokens.append(.text(Array(bytes[start..<index]))) }
            advanceLines(start..<index)
            guard index < bytes.count else { break }
            let tagLine = line, tagColumn = index - lineStart + 1
            start = index + open.count
            // `{{{name}}}`: only with the standard delimiters.
            let triple = open == Array("{{".utf8) && start < bytes.count && bytes[start] == UInt8(ascii: "{")
            let closing = triple ? Array("}".utf8) + close : close
            var end = triple ? start + 1 : start
            while end < bytes.count, !matches(closing, at: end) { end += 1 }
            guard end < bytes.count else {
                let written = String(decoding: open, as: UTF8.self) + (triple ? "{" : "")
                throw SyntaxError(message: "the tag '\(written)' is never closed", line: tagLine, column: tagColumn,
                                  hint: "close it with '\(String(decoding: closing, as: UTF8.self))'")
            }
            var content = String(decoding: bytes[(triple ? start + 1 : start)..<end], as: UTF8.self)
            advanceLines(index..<end)
            index = end + closing.count
            var sigil: UInt8 = triple ? UInt8(ascii: "{") : 0
            content = content.trimmingTemplateSpace
            if !triple, let first = content.utf8.first, Array("#^/><$!=&".utf8).contains(first) {
                sigil = first
                content = String(content.dropFirst()).trimmingTemplateSpace
            }
            if sigil == UInt8(ascii: "=") {
                // `{{=<% %>=}}`: new delimiters.
                let parts = content.hasSuffix("=") ? content.dropLast().split(whereSeparator: { $0 == " " || $0 == "\t" }) : []
                guard parts.count == 2 else {
                    throw SyntaxError(message: "the delimiter change '\(content)' is not two delimiters", line: tagLine, column: tagColumn,
                                      hint: "write it as {{=<% %>=}}: the new opening and closing delimiters, a space between")
                }
                open = Array(parts[0].utf8)
                close = Array(parts[1].utf8)
            }
            tokens.append(.tag(sigil: sigil, content: content, line: tagLine, column: tagColumn))
        }
        return tokens
    }

    /// Removes the lines that hold only a standalone tag (section, comment, partial, block, delimiter
    /// change) and white space, with their line break, as the Mustache spec says.
    static func removingStandaloneLines(_ tokens: [Token]) -> [Token] {
        var dropPrefix = [Int](repeating: 0, count: tokens.count)
        var dropSuffix = [Int](repeating: 0, count: tokens.count)
        func isBlank(_ bytes: ArraySlice<UInt8>) -> Bool { bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 } }
        for (index, token) in tokens.enumerated() where token.standaloneKind {
            // Before: the start of the template or of a line, then only spaces.
            var indent = 0
            if index > 0 {
                guard case .text(let before) = tokens[index - 1] else { continue }
                if let newline = before.lastIndex(of: 0x0A) {
                    guard isBlank(before[(newline + 1)...]) else { continue }
                    indent = before.count - newline - 1
                } else {
                    guard index == 1, isBlank(before[...]) else { continue }
                    indent = before.count
                }
            }
            // After: only spaces, then the line's end or the template's end.
            var trailing = 0
            if index + 1 < tokens.count {
                guard case .text(let after) = tokens[index + 1] else { continue }
                if let newline = after.firstIndex(of: 0x0A) {
                    guard isBlank(after[..<newline]) else { continue }
                    trailing = newline + 1
                } else {
                    guard index + 2 == tokens.count, isBlank(after[...]) else { continue }
                    trailing = after.count
                }
            }
            if index > 0 { dropSuffix[index - 1] = indent }
            if index + 1 < tokens.count { dropPrefix[index + 1] = trailing }
        }
        return tokens.enumerated().compactMap { index, token in
            guard case .text(let bytes) = token else { return token }
            let kept = bytes.dropFirst(dropPrefix[index]).dropLast(dropSuffix[index])
            return kept.isEmpty ? nil : .text(Array(kept))
        }
    }

    // MARK: Tree

    static func tree(_ tokens: [Token]) throws(SyntaxError) -> [Node] {
        struct Open {
            var sigil: UInt8
            var name: Name
            var nodes: [Node] = []
        }
        var stack: [Open] = [Open(sigil: 0, name: Name(text: "", path: [], line: 1, column: 1))]
        for token in tokens {
            switch token {
            case .text(let bytes):
                stack[stack.count - 1].nodes.append(.text(bytes))
            case .tag(let sigil, let content, let line, let column):
                let name = Name(text: content, path: content == "." ? [] : content.split(separator: ".", omittingEmptySubsequences: false).map(String.init),
                                line: line, column: column)
                switch sigil {
                case UInt8(ascii: "!"), UInt8(ascii: "="):
                    continue
                case UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "<"), UInt8(ascii: "$"):
                    try checkName(name, sigil: sigil)
                    stack.append(Open(sigil: sigil, name: name))
                case UInt8(ascii: "/"):
                    guard stack.count > 1 else {
                        throw SyntaxError(message: "'{{/\(content)}}' closes nothing", line: line, column: column,
                                          hint: "remove it, or open the section with {{#\(content)}} before it")
                    }
                    let open = stack.removeLast()
                    guard open.name.text == content else {
                        throw SyntaxError(message: "'{{/\(content)}}' closes '{{\(Character(Unicode.Scalar(open.sigil)))\(open.name.text)}}' of line \(open.name.line)",
                                          line: line, column: column, hint: "close that one first with {{/\(open.name.text)}}")
                    }
                    let node: Node = switch open.sigil {
                    case UInt8(ascii: "<"): .parent(open.name, blocks: blocks(in: open.nodes))
                    case UInt8(ascii: "$"): .block(open.name, open.nodes)
                    default: .section(open.name, open.nodes, inverted: open.sigil == UInt8(ascii: "^"))
                    }
                    stack[stack.count - 1].nodes.append(node)
                case UInt8(ascii: ">"):
                    try checkName(name, sigil: sigil)
                    stack[stack.count - 1].nodes.append(.partial(name))
                default:
                    try checkName(name, sigil: sigil)
                    stack[stack.count - 1].nodes.append(.variable(name, escaped: sigil == 0))
                }
            }
        }
        if stack.count > 1, let open = stack.last {
            throw SyntaxError(message: "'{{\(Character(Unicode.Scalar(open.sigil)))\(open.name.text)}}' is never closed",
                              line: open.name.line, column: open.name.column, hint: "add {{/\(open.name.text)}} where it ends")
        }
        return stack[0].nodes
    }

    static func checkName(_ name: Name, sigil: UInt8) throws(SyntaxError) {
        let written = sigil == 0 ? "{{}}" : "{{\(Character(Unicode.Scalar(sigil)))}}"
        guard !name.text.isEmpty else {
            throw SyntaxError(message: "the tag '\(written)' has no name", line: name.line, column: name.column, hint: "write a name inside it, or remove it")
        }
        guard name.text == "." || !name.path.contains(where: { $0.isEmpty || $0.contains(where: \.isWhitespace) }) else {
            throw SyntaxError(message: "'\(name.text)' is not a name", line: name.line, column: name.column,
                              hint: "a name is letters and digits, with dots between the parts of a dotted name (t.footnotes)")
        }
    }

    /// The blocks a `{{< parent}}` overrides (what else is inside it is not shown).
    static func blocks(in nodes: [Node]) -> [String: [Node]] {
        var blocks: [String: [Node]] = [:]
        for case .block(let name, let content) in nodes { blocks[name.text] = content }
        return blocks
    }

    // MARK: What the checks need

    /// The names the template looks up, with the `{{#section}}`s each one is inside (outermost
    /// first): a name there may be one of the section's items.
    struct NameUse: Equatable {
        var name: Name
        var sections: [String]
        var path: String { name.text }
        var line: Int { name.line }
        var column: Int { name.column }
    }

    var names: [NameUse] {
        var uses: [NameUse] = []
        func walk(_ nodes: [Node], _ sections: [String]) {
            for node in nodes {
                switch node {
                case .text, .partial: break
                case .variable(let name, _): uses.append(.init(name: name, sections: sections))
                case .section(let name, let content, let inverted):
                    uses.append(.init(name: name, sections: sections))
                    walk(content, inverted ? sections : sections + [name.text])
                case .parent(_, let blocks):
                    for content in blocks.values { walk(content, sections) }
                case .block(_, let content): walk(content, sections)
                }
            }
        }
        walk(nodes, [])
        return uses.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    /// The partials (`{{> name}}`) and parents (`{{< name}}`) the template names.
    var references: [(name: Name, isParent: Bool)] {
        var references: [(name: Name, isParent: Bool)] = []
        func walk(_ nodes: [Node]) {
            for node in nodes {
                switch node {
                case .text, .variable: break
                case .partial(let name): references.append((name, false))
                case .section(_, let content, _), .block(_, let content): walk(content)
                case .parent(let name, let blocks):
                    references.append((name, true))
                    for content in blocks.values { walk(content) }
                }
            }
        }
        walk(nodes)
        return references.sorted { ($0.name.line, $0.name.column) < ($1.name.line, $1.name.column) }
    }
}

extension String {
    fileprivate var trimmingTemplateSpace: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
