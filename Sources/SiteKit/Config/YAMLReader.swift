import Yams

/// Parses YAML (site.yml, front matter, theme files) into Yams nodes, turning syntax errors into
/// diagnostics that point at the editor's file and line.
public enum YAMLReader {
    /// - Parameters:
    ///   - lineOffset: how many lines of the file come before `text` (front matter starts after `---`).
    public static func parse(_ text: String, file: String, lineOffset: Int = 0) -> Result<Node?, Diagnostic> {
        do {
            return .success(try Yams.compose(yaml: text))
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, file: file, lineOffset: lineOffset))
        } catch {
            return .failure(.error(file, line: lineOffset + 1, "cannot read YAML: \(error)", hint: "check the YAML syntax"))
        }
    }

    static func diagnostic(for error: YamlError, file: String, lineOffset: Int) -> Diagnostic {
        let hint = "check the indentation, the colon after each key, and quote values that contain ': ' or start with a quote, '[' or '{'"
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            var message = "invalid YAML: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line + lineOffset))" }
            return .error(file, line: mark.line + lineOffset, column: mark.column, message, hint: hint)
        case let .duplicatedKeysInMapping(duplicates, context):
            return .error(file, line: context.mark.line + lineOffset, column: context.mark.column,
                          "the key '\(duplicates.joined(separator: "', '"))' appears twice", hint: "keep one of them")
        case let .reader(problem, _, _, _):
            return .error(file, line: lineOffset + 1, "cannot read YAML: \(problem)", hint: "save the file as UTF-8")
        default:
            return .error(file, line: lineOffset + 1, "invalid YAML: \(error)", hint: hint)
        }
    }
}

/// A YAML mapping read key by key, remembering which keys were used so that unknown keys can be
/// reported with a did-you-mean hint.
public struct YAMLMapping {
    public let file: String
    public let lineOffset: Int
    public let pairs: [(key: String, value: Node, line: Int, column: Int)]

    public init?(_ node: Node?, file: String, lineOffset: Int) {
        guard let mapping = node?.mapping else { return nil }
        self.file = file
        self.lineOffset = lineOffset
        self.pairs = mapping.map { pair in
            (pair.key.string ?? "", pair.value, (pair.key.mark?.line ?? 1) + lineOffset, pair.key.mark?.column ?? 1)
        }
    }

    public subscript(key: String) -> Node? { pairs.first { $0.key == key }?.value }

    public func line(of key: String) -> Int? { pairs.first { $0.key == key }?.line }

    /// The line of `node` in the editor's file.
    public func line(of node: Node) -> Int { (node.mark?.line ?? 1) + lineOffset }

    public func unknownKeys(allowed: [String], context: String) -> [Diagnostic] {
        pairs.filter { !allowed.contains($0.key) }.map { pair in
            let hint = Suggestion.closest(to: pair.key, in: allowed).map { "did you mean '\($0)'?" }
                ?? "known keys are: \(allowed.joined(separator: ", "))"
            return .warning(file, line: pair.line, column: pair.column, "unknown key '\(pair.key)' in \(context)", hint: hint)
        }
    }

    /// A string value; numbers and dates are taken as written.
    public func string(_ key: String) -> String? {
        guard let node = self[key], let scalar = node.scalar else { return nil }
        if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) { return nil }
        return scalar.string
    }
}

extension YAMLMapping {
    /// Front matter in the forms pages use, read on its bytes without libyaml: one `key: value`
    /// per line, the value plain, or in double or single quotes without escapes or quotes inside.
    /// Nil for anything else (a blank line, a comment, a list, a continued line, a repeated key,
    /// a value with `: ` or ` #`), which Yams then reads. Libyaml was half of the load stage.
    init?(simpleYAML text: String, file: String, lineOffset: Int) {
        var pairs: [(key: String, value: Node, line: Int, column: Int)] = []
        var keys: Set<String> = []
        var line = 0
        for bytes in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            line += 1
            guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > bytes.startIndex,
                  bytes[bytes.startIndex..<colon].allSatisfy({ Self.isKeyByte($0) }),
                  Self.isLetter(bytes[bytes.startIndex]) else { return nil }
            let key = String(decoding: bytes[bytes.startIndex..<colon], as: UTF8.self)
            guard keys.insert(key).inserted else { return nil }
            var start = bytes.index(after: colon)
            if start < bytes.endIndex {
                guard bytes[start] == UInt8(ascii: " ") else { return nil }
                while start < bytes.endIndex, bytes[start] == UInt8(ascii: " ") { start = bytes.index(after: start) }
            }
            let value = bytes[start...]
            guard let scalar = Self.scalar(value) else { return nil }
            pairs.append((key, .scalar(scalar), line + lineOffset, 1))
        }
        guard !pairs.isEmpty else { return nil }
        self.init(pairs: pairs, file: file, lineOffset: lineOffset)
    }

    init(pairs: [(key: String, value: Node, line: Int, column: Int)], file: String, lineOffset: Int) {
        self.file = file
        self.lineOffset = lineOffset
        self.pairs = pairs
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }

    /// A value in one of the simple forms, or nil.
    private static func scalar(_ value: Substring.UTF8View.SubSequence) -> Node.Scalar? {
        guard let first = value.first else { return Node.Scalar("", .implicit, .plain) }
        let last = value[value.index(before: value.endIndex)]
        for (quote, style) in [(UInt8(ascii: "\""), Node.Scalar.Style.doubleQuoted), (UInt8(ascii: "'"), .singleQuoted)] where first == quote {
            let inner = value.dropFirst().dropLast()
            guard value.count >= 2, last == quote, !inner.contains(quote), !inner.contains(UInt8(ascii: "\\")) else { return nil }
            return Node.Scalar(String(decoding: inner, as: UTF8.self), .implicit, style)
        }
        // Plain: no indicator first, no white space last, no ': ' or ' #' inside, nothing that
        // YAML would read other than as the text itself.
        guard !"-?:,[]{}#&*!|>'\"%@`\t ".utf8.contains(first), last != UInt8(ascii: " "), last != UInt8(ascii: "\t"),
              last != UInt8(ascii: ":") else { return nil }
        var previous: UInt8 = 0
        for byte in value {
            if byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") { return nil }
            if previous == UInt8(ascii: ":") && byte == UInt8(ascii: " ") { return nil }
            if previous == UInt8(ascii: " ") && byte == UInt8(ascii: "#") { return nil }
            previous = byte
        }
        return Node.Scalar(String(decoding: value, as: UTF8.self), .implicit, .plain)
    }
}
