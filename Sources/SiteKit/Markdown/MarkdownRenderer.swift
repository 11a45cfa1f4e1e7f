import Foundation

/// The render stage: Markdown → HTML with cmark-gfm (parsed once per page, in `CMarkDocument`).
/// Decides each page's heading ids and link targets once, from the tree, and extracts the
/// outline, the plain text for search and the links for the checker; then renders the page for
/// the web. The print book and the feed render the same tree again under their own `RenderPolicy`
/// (`MarkdownRenderer.render(_:policy:)`).
public struct MarkdownRenderer: Sendable {
    /// Renders a fenced code block whose info string is the hook's name (```` ```chart ````) to
    /// HTML, or says why it cannot: the place for renderers of special code blocks.
    public struct CodeBlockHook: Sendable {
        public struct Problem: Error, Sendable {
            /// Line within the block (1 = the first line of code).
            public var line: Int
            public var message: String
            public var hint: String
            public init(line: Int, message: String, hint: String) {
                self.line = line
                self.message = message
                self.hint = hint
            }
        }
        /// - Parameters: the block's code and the page's language. Gives the block's HTML for the
        ///   number it is shown with: its number among this hook's blocks on the page (1, 2, …)
        ///   after the policy's `figureNumberPrefix`.
        public var render: @Sendable (_ code: String, _ language: String) -> Result<@Sendable (_ shownNumber: String) -> String, Problem>
        public init(render: @escaping @Sendable (_ code: String, _ language: String) -> Result<@Sendable (_ shownNumber: String) -> String, Problem>) {
            self.render = render
        }
    }

    public let site: Site
    /// Language code → texts the renderer writes into pages.
    public let labels: [String: RenderPolicy.Labels]
    /// Ids the theme's templates use (`Theme.ids`); headings never take them.
    public let reservedIDs: Set<String>
    /// Code-block hooks by info string.
    public var codeBlockHooks: [String: CodeBlockHook] = [:]
    /// Seconds a file may take to parse (plus one per megabyte) before it is reported as one
    /// that cmark-gfm cannot parse in reasonable time.
    public var parseTimeout: Double = 5

    public init(site: Site, labels: [String: RenderPolicy.Labels], reservedIDs: Set<String>) {
        self.site = site
        self.labels = labels
        // The notes section's heading is the renderer's own.
        self.reservedIDs = reservedIDs.union(["footnotes"])
    }

    /// Renders `document` for one target.
    public static func render(_ document: MarkdownDocument, policy: RenderPolicy) -> String {
        String(decoding: HTMLWriter.render(document, policy: policy).bytes, as: UTF8.self)
    }

    public func render(_ page: Page) -> RenderedPage {
        let source = page.source
        guard var document = CMarkDocument.parse(source.body, allowRawHTML: site.config.allowRawHTML,
                                                 timeout: CMarkDocument.parseTimeout(bytes: source.body.utf8.count, base: parseTimeout)) else {
            return RenderedPage(page: page, document: MarkdownDocument(events: [], allowsRawHTML: false), htmlBytes: [], notesOffset: nil, headings: [],
                                ids: [], links: [], diagnostics: [.error(source.file, "the Markdown parser did not finish this file in reasonable time: it holds a pattern that makes cmark-gfm work for minutes (such as thousands of nested or unclosed '![' or '[' brackets)",
                                         hint: "look for long runs of brackets, '*', '_' or '<' (often pasted or generated text) and remove them or put them in a code block")],
                                sections: [], summary: "")
        }
        let lineOffset = source.bodyLine - 1
        /// cmark counts columns in bytes; editors count characters. Nodes come in document order,
        /// so the count goes on from the last node on the same line (counting from the line's
        /// start every time was quadratic on a line with thousands of links). The body's bytes
        /// and where its lines start are found when a column is first needed.
        var lines: (bytes: [UInt8], starts: [Int])?
        var cursor = (line: -1, byte: 0, characters: 0)
        func column(_ event: MarkdownDocument.Event) -> Int {
            if lines == nil {
                let bytes = Array(source.body.utf8)
                lines = (bytes, bytes.withUnsafeBufferPointer(\.lineStarts))
            }
            let (bytes, starts) = lines!
            let line = event.line - 1
            guard line >= 0, line < starts.count else { return event.column }
            let lineStart = starts[line]
            let lineLength = (line + 1 < starts.count ? starts[line + 1] - 1 : bytes.count) - lineStart
            let target = min(max(0, event.column - 1), lineLength)
            if cursor.line != line || cursor.byte > target { cursor = (line, 0, 0) }
            cursor.characters += Self.characterCount(bytes[(lineStart + cursor.byte)..<(lineStart + target)])
            cursor.byte = target
            return cursor.characters + 1
        }
        var links: [RenderedPage.Link] = []
        /// The folders of the page's path, which its relative links start from.
        let sourceFolder = source.path.split(separator: "/").dropLast().map(String.init)
        var headings: [RenderedPage.Heading] = []
        var usedIDs = reservedIDs
        var unresolved: [RenderedPage.UnresolvedFootnote] = []
        var diagnostics: [Diagnostic] = []
        var hookBlocks: [String: Int] = [:]

        for index in document.events.indices {
            let event = document.events[index]
            guard !event.isExit else { continue }
            switch event.kind {
            case .link(let raw, let title), .image(let raw, let title):
                let isImage = { if case .image = event.kind { return true } else { return false } }()
                let (url, target) = resolve(raw, from: source, in: sourceFolder)
                document.events[index].kind = isImage ? .image(url: url, title: title) : .link(url: url, title: title)
                links.append(.init(line: event.line + lineOffset, column: column(event), target: target, isImage: isImage))
            case .heading(let level, _):
                let exit = document.exitIndex(of: index)
                var text = document.plainText(index..<(exit + 1)).trimmingWhitespace()
                var id = Slug.make(text)
                if let explicit = Self.explicitID(in: text) {
                    id = explicit.id
                    text = explicit.text
                    if exit - 1 > index, case .text(let literal) = document.events[exit - 1].kind, let stripped = Self.explicitID(in: literal) {
                        document.events[exit - 1].kind = .text(stripped.text)
                    }
                }
                if id.isEmpty { id = "section" }
                // Notes are named fn-LABEL and fnref-LABEL; a heading never takes those.
                if id.hasPrefix("fn-") || id.hasPrefix("fnref-") { id = "section-" + id }
                var unique = id, counter = 1
                while usedIDs.contains(unique) {
                    counter += 1
                    unique = "\(id)-\(counter)"
                }
                usedIDs.insert(unique)
                document.events[index].kind = .heading(level: level, id: unique)
                document.events[exit].kind = .heading(level: level, id: unique)
                headings.append(.init(level: level, text: text, id: unique, line: event.line + lineOffset))
            case .text(let literal):
                if literal.containsByte(UInt8(ascii: "[")), let start = literal.range(of: "[^"),
                   let end = literal[start.upperBound...].firstIndex(of: "]") {
                    unresolved.append(.init(line: event.line + lineOffset, column: column(event),
                                            label: String(literal[start.upperBound..<end])))
                }
            case .codeBlock(let info, let code):
                let name = String(info.split(whereSeparator: { $0.isWhitespace }).first ?? "")
                guard let hook = codeBlockHooks[name] else { break }
                hookBlocks[name, default: 0] += 1
                switch hook.render(code, page.language) {
                case .success(let html):
                    document.events[index].kind = .numberedBlock(.init(number: hookBlocks[name]!, html: html))
                case .failure(let problem):
                    diagnostics.append(.error(source.file, line: event.line + lineOffset + problem.line,
                                              "\(name): \(problem.message)", hint: problem.hint))
                }
            default:
                break
            }
        }

        let sections = textSections(document, headings: headings)
        let policy = RenderPolicy.web(labels[page.language] ?? .init(footnotes: "", backToContent: "", table: ""))
        let html = HTMLWriter.render(document, policy: policy)
        return RenderedPage(
            page: page, document: document, htmlBytes: html.bytes, notesOffset: html.notesOffset, headings: headings, ids: html.ids, links: links,
            unresolvedFootnotes: unresolved, diagnostics: diagnostics, sections: sections,
            summary: source.frontMatter.summary ?? Self.shorten(firstParagraph(document), to: 200))
    }

    /// Resolves a link as written in `source` to the URL it gets in the site.
    /// `folder`: the folders of `source`'s path.
    func resolve(_ raw: String, from source: SourcePage, in folder: [String]) -> (String, RenderedPage.Link.Target) {
        if raw.isEmpty { return (raw, .missingFile(raw)) }
        if let colon = raw.utf8.firstIndex(of: UInt8(ascii: ":")), raw[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+.-".contains($0) }),
           raw[..<colon].first?.isLetter == true {
            let scheme = raw[..<colon].lowercased()
            if ["javascript", "vbscript", "data", "file"].contains(scheme) { return ("", .unsafe(raw)) }
            return (raw, .external(raw))
        }
        if raw.hasPrefix("//") { return (raw, .external(raw)) }
        let (pathPart, fragment) = Self.splitFragment(raw)
        if pathPart.isEmpty { return (raw, .page(url: site.pages[site.pageIndexByPath[source.path]!].url, fragment: fragment)) }
        if pathPart.hasPrefix("/") { return (raw, .sitePath(raw)) }
        guard let resolved = Self.normalize(folder + pathPart.split(separator: "/", omittingEmptySubsequences: false).map(String.init)) else {
            return (raw, .missingFile(pathPart))
        }
        // Foundation's decoding only where there is something to decode.
        let decoded = resolved.containsByte(UInt8(ascii: "%")) ? resolved.removingPercentEncoding ?? resolved : resolved
        if let url = site.url(ofPageAtPath: decoded) {
            return (url + (fragment.map { "#\($0)" } ?? ""), .page(url: url, fragment: fragment))
        }
        if site.failedPaths.contains(decoded) { return (raw, .failedFile(pathPart)) }
        if decoded.hasPrefix("media/"), site.media.contains(where: { $0.path == decoded }) {
            return ("/" + resolved + (fragment.map { "#\($0)" } ?? ""), .sitePath("/" + resolved))
        }
        return (raw, .missingFile(pathPart))
    }

    static func splitFragment(_ url: String) -> (String, String?) {
        guard let hash = url.utf8.firstIndex(of: UInt8(ascii: "#")) else { return (url, nil) }
        return (String(url[..<hash]), String(url[url.index(after: hash)...]))
    }

    /// Joins path components, resolving `.` and `..`; nil when the path leaves the content folder.
    static func normalize(_ components: [String]) -> String? {
        var stack: [String] = []
        for component in components {
            switch component {
            case "", ".": continue
            case "..":
                if stack.isEmpty { return nil }
                stack.removeLast()
            default: stack.append(component)
            }
        }
        return stack.joined(separator: "/")
    }

    /// The number of characters (as an editor counts them) in a piece of a line. Latin, Greek and
    /// Cyrillic without combining marks have one character per letter, counted on the bytes;
    /// other text is decoded and its characters counted.
    static func characterCount(_ bytes: ArraySlice<UInt8>) -> Int {
        var count = 0
        for byte in bytes {
            switch byte {
            case 0x00...0x7F, 0xC2...0xCB, 0xCE...0xD1: count += 1    // ASCII; U+0080–U+02FF; U+0380–U+047F
            case 0x80...0xBF: break                                  // continuation byte
            default: return String(decoding: bytes, as: UTF8.self).count
            }
        }
        return count
    }

    /// `Heading text {#custom-id}` → ("Heading text", "custom-id").
    static func explicitID(in text: String) -> (text: String, id: String)? {
        let trimmed = text.trimmingWhitespace()
        guard trimmed.utf8.last == UInt8(ascii: "}"), let open = trimmed.range(of: "{#", options: .backwards) else { return nil }
        let id = String(trimmed[open.upperBound..<trimmed.index(before: trimmed.endIndex)])
        guard !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        return (String(trimmed[..<open.lowerBound]).trimmingWhitespace(), id)
    }

    /// The page's text split at level-2 and level-3 headings; footnotes are left out.
    func textSections(_ document: MarkdownDocument, headings: [RenderedPage.Heading]) -> [RenderedPage.TextSection] {
        // Each section's text as bytes, made into text once (adding to a text checked every piece).
        var sections: [(heading: RenderedPage.Heading?, text: [UInt8])] = [(nil, [])]
        var headingIterator = headings.makeIterator()
        for range in document.topLevelBlocks {
            switch document.events[range.lowerBound].kind {
            case .heading(let level, _):
                guard let heading = headingIterator.next() else { continue }
                if level <= 3 {
                    sections.append((heading, []))
                } else {
                    sections[sections.count - 1].text += heading.text.utf8
                    sections[sections.count - 1].text.append(UInt8(ascii: " "))
                }
            case .footnoteDefinition, .htmlBlock:
                continue
            default:
                document.appendPlainText(range, to: &sections[sections.count - 1].text)
                sections[sections.count - 1].text.append(UInt8(ascii: " "))
            }
        }
        return sections.compactMap { section in
            let text = section.text.withUnsafeBufferPointer { Self.collapsingWhitespace($0) }
            return section.heading != nil || !text.isEmpty ? RenderedPage.TextSection(heading: section.heading, text: text) : nil
        }
    }

    /// The text of the page's first paragraph, for its summary.
    func firstParagraph(_ document: MarkdownDocument) -> String {
        guard let range = document.topLevelBlocks.first(where: { if case .paragraph = document.events[$0.lowerBound].kind { true } else { false } })
        else { return "" }
        return document.plainText(range)
    }

    /// Runs of spaces, tabs and line ends (and the other Unicode white space) become one space;
    /// none at either end. Works on the UTF-8 bytes: a page's text is long.
    static func collapsingWhitespace(_ text: String) -> String {
        var text = text
        return text.withUTF8 { collapsingWhitespace($0) }
    }

    /// `collapsingWhitespace` of UTF-8 bytes.
    static func collapsingWhitespace(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        // Written straight into the text's storage: it is never longer than the bytes.
        whitespaceLead.withUnsafeBufferPointer { whitespaceLead in String(unsafeUninitializedCapacity: bytes.count) { result in
            var count = 0
            var pendingSpace = false
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                // The length of the white space that starts here, or 0.
                var space = 0
                switch whitespaceLead[Int(byte)] {
                case 0: break
                case 1: space = 1
                default:
                    switch byte {
                    case 0xC2: space = index + 1 < bytes.count && (bytes[index + 1] == 0x85 || bytes[index + 1] == 0xA0) ? 2 : 0
                    case 0xE1: space = index + 2 < bytes.count && bytes[index + 1] == 0x9A && bytes[index + 2] == 0x80 ? 3 : 0
                    case 0xE2:
                        guard index + 2 < bytes.count else { break }
                        let second = bytes[index + 1], third = bytes[index + 2]
                        space = (second == 0x80 && ((0x80...0x8A).contains(third) || third == 0xA8 || third == 0xA9 || third == 0xAF))
                            || (second == 0x81 && third == 0x9F) ? 3 : 0
                    default: space = index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x80 ? 3 : 0  // 0xE3
                    }
                }
                if space > 0 {
                    pendingSpace = count > 0
                    index += space
                } else {
                    if pendingSpace {
                        result[count] = 0x20
                        count += 1
                        pendingSpace = false
                    }
                    result[count] = byte
                    count += 1
                    index += 1
                }
            }
            return count
        } }
    }

    /// Per byte: 1 for ASCII white space (tab to carriage return, space), 2 for the first byte of
    /// the other white space characters (U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029,
    /// U+202F, U+205F, U+3000) and of others that share it, 0 for any other byte.
    private static let whitespaceLead: [UInt8] = (0..<256).map { byte in
        switch byte {
        case 0x09...0x0D, 0x20: 1
        case 0xC2, 0xE1, 0xE2, 0xE3: 2
        default: 0
        }
    }

    static func shorten(_ text: String, to length: Int) -> String {
        guard text.count > length else { return text }
        let cut = text.prefix(length)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return String(cut[..<end]) + "…"
    }
}
