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
