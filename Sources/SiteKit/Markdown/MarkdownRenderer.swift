import Foundation

/// The render stage: Markdown → HTML with cmark-gfm (the only stage that uses it). Gives headings
/// readable unique ids, turns links to `.md` files into page URLs, and extracts the outline, the
/// plain text for search and the links for the checker.
public struct MarkdownRenderer: Sendable {
    /// Texts the renderer writes into pages, in the page's language.
    public struct Labels: Sendable {
        public var footnotes: String
        public var backToContent: String
        public var table: String
        public init(footnotes: String, backToContent: String, table: String) {
            self.footnotes = footnotes
            self.backToContent = backToContent
            self.table = table
        }
    }

    /// Ids that the theme's templates use; headings never take them.
    public static let reservedIDs: Set<String> = ["main", "toc", "footnotes", "search", "search-results", "search-input", "site-header", "site-footer", "menu", "top"]

    public let site: Site
    public let labels: [String: Labels]

    public init(site: Site, labels: [String: Labels]) {
        self.site = site
        self.labels = labels
    }

    public func render(_ page: Page) -> RenderedPage {
        let source = page.source
        let document = CMarkDocument(markdown: source.body, allowRawHTML: site.config.allowRawHTML)
        let lineOffset = source.bodyLine - 1
        let bodyLines = source.body.split(separator: "\n", omittingEmptySubsequences: false)
        /// cmark counts columns in bytes; editors count characters.
        func column(_ node: MarkdownNode) -> Int {
            let line = node.line - 1
            guard line >= 0, line < bodyLines.count else { return node.column }
            let bytes = bodyLines[line].utf8
            return String(decoding: bytes.prefix(max(0, node.column - 1)), as: UTF8.self).count + 1
        }
        var links: [RenderedPage.Link] = []
        var headingNodes: [(MarkdownNode, RenderedPage.Heading)] = []
        var usedIDs = Self.reservedIDs
        var unresolved: [RenderedPage.UnresolvedFootnote] = []

        for node in document.nodes {
            switch node.kind {
            case .link, .image:
                let isImage = { if case .image = node.kind { return true } else { return false } }()
                let (url, target) = resolve(node.url, from: source)
                if url != node.url { node.setURL(url) }
                links.append(.init(line: node.line + lineOffset, column: column(node), target: target, isImage: isImage))
            case .heading(let level):
                var text = node.plainText.trimmingCharacters(in: .whitespaces)
                var id = Slug.make(text)
                if let explicit = Self.explicitID(in: text) {
                    id = explicit.id
                    text = explicit.text
                    if let last = node.lastChild, let literal = last.literal, let stripped = Self.explicitID(in: literal) {
                        last.setLiteral(stripped.text)
                    }
                }
                if id.isEmpty { id = "section" }
                // cmark-gfm names footnotes fn-LABEL and fnref-LABEL; a heading never takes those.
                if id.hasPrefix("fn-") || id.hasPrefix("fnref-") { id = "section-" + id }
                var unique = id, counter = 1
                while usedIDs.contains(unique) {
                    counter += 1
                    unique = "\(id)-\(counter)"
                }
                usedIDs.insert(unique)
                headingNodes.append((node, .init(level: level, text: text, id: unique, line: node.line + lineOffset)))
            case .text:
                if let literal = node.literal, literal.utf8.contains(UInt8(ascii: "[")), let start = literal.range(of: "[^"),
                   let end = literal[start.upperBound...].firstIndex(of: "]") {
                    unresolved.append(.init(line: node.line + lineOffset, column: column(node),
                                            label: String(literal[start.upperBound..<end])))
                }
            default:
                break
            }
        }

        let sections = textSections(document, headings: headingNodes.map(\.1))
        for (node, heading) in headingNodes {
            let inner = Self.innerHTML(of: document.html(of: node), level: heading.level)
            document.replace(node, withHTML: "<h\(heading.level) id=\"\(heading.id)\">\(inner)</h\(heading.level)>")
        }
        let html = finish(document.html(), language: page.language)
        let allText = sections.map(\.text).joined(separator: " ")
        let firstParagraph = document.topLevelBlocks.first { if case .paragraph = $0.kind { return true } else { return false } }?.plainText ?? ""
        var result = RenderedPage(
            page: page, html: html, headings: headingNodes.map(\.1), ids: Self.ids(in: html), links: links,
            sections: sections,
            summary: source.frontMatter.summary ?? Self.shorten(firstParagraph, to: 200),
            wordCount: allText.split(whereSeparator: { $0.isWhitespace }).count)
        result.unresolvedFootnotes = unresolved
        return result
    }

    /// Resolves a link as written in `source` to the URL it gets in the site.
    func resolve(_ raw: String, from source: SourcePage) -> (String, RenderedPage.Link.Target) {
        if raw.isEmpty { return (raw, .missingFile(raw)) }
        if let colon = raw.firstIndex(of: ":"), raw[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+.-".contains($0) }),
           raw[..<colon].first?.isLetter == true {
            let scheme = raw[..<colon].lowercased()
            if ["javascript", "vbscript", "data", "file"].contains(scheme) { return ("", .unsafe(raw)) }
            return (raw, .external(raw))
        }
        if raw.hasPrefix("//") { return (raw, .external(raw)) }
        let (pathPart, fragment) = Self.splitFragment(raw)
        if pathPart.isEmpty { return (raw, .page(url: site.pages[site.pageIndexByPath[source.path]!].url, fragment: fragment)) }
        if pathPart.hasPrefix("/") { return (raw, .sitePath(pathPart)) }
        let directory = source.path.split(separator: "/").dropLast().map(String.init)
        guard let resolved = Self.normalize(directory + pathPart.split(separator: "/", omittingEmptySubsequences: false).map(String.init)) else {
            return (raw, .missingFile(pathPart))
        }
        let decoded = resolved.removingPercentEncoding ?? resolved
        if let target = site.page(atPath: decoded) {
            return (target.url + (fragment.map { "#\($0)" } ?? ""), .page(url: target.url, fragment: fragment))
        }
        if site.failedPaths.contains(decoded) { return (raw, .failedFile(pathPart)) }
        if decoded.hasPrefix("media/"), site.media.contains(where: { $0.path == decoded }) {
            return ("/" + resolved + (fragment.map { "#\($0)" } ?? ""), .sitePath("/" + resolved))
        }
        return (raw, .missingFile(pathPart))
    }

    static func splitFragment(_ url: String) -> (String, String?) {
        guard let hash = url.firstIndex(of: "#") else { return (url, nil) }
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

    /// `Heading text {#custom-id}` → ("Heading text", "custom-id").
    static func explicitID(in text: String) -> (text: String, id: String)? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasSuffix("}"), let open = trimmed.range(of: "{#", options: .backwards) else { return nil }
        let id = String(trimmed[open.upperBound..<trimmed.index(before: trimmed.endIndex)])
        guard !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        return (String(trimmed[..<open.lowerBound]).trimmingCharacters(in: .whitespaces), id)
    }

    /// `<h2>inner</h2>\n` → `inner`.
    static func innerHTML(of html: String, level: Int) -> String {
        var inner = html.trimmingCharacters(in: .newlines)
        let open = "<h\(level)>", close = "</h\(level)>"
        if inner.hasPrefix(open) { inner.removeFirst(open.count) }
        if inner.hasSuffix(close) { inner.removeLast(close.count) }
        return inner
    }

    /// The page's text split at level-2 and level-3 headings; footnotes are left out.
    func textSections(_ document: CMarkDocument, headings: [RenderedPage.Heading]) -> [RenderedPage.TextSection] {
        var sections = [RenderedPage.TextSection(heading: nil, text: "")]
        var headingIterator = headings.makeIterator()
        for block in document.topLevelBlocks {
            switch block.kind {
            case .heading(let level):
                guard let heading = headingIterator.next() else { continue }
                if level <= 3 {
                    sections.append(.init(heading: heading, text: ""))
                } else {
                    sections[sections.count - 1].text += heading.text + " "
                }
            case .footnoteDefinition, .htmlBlock:
                continue
            default:
                sections[sections.count - 1].text += block.plainText + " "
            }
        }
        for index in sections.indices { sections[index].text = Self.collapsingWhitespace(sections[index].text) }
        return sections.filter { $0.heading != nil || !$0.text.isEmpty }
    }

    /// Language-specific touches on cmark-gfm's HTML: a labelled footnotes section with a
    /// translated back-link label, tables that scroll sideways on narrow screens (numbered, so
    /// that each scroll region has its own name), and task-list checkboxes inside a label.
    func finish(_ html: String, language: String) -> String {
        guard let labels = labels[language] else { return html }
        var result = html.replacingAll(
            "<section class=\"footnotes\" data-footnotes>",
            with: "<section class=\"footnotes\" aria-labelledby=\"footnotes\">\n<h2 id=\"footnotes\">\(HTML.escape(labels.footnotes))</h2>")
        result = result.replacingAll("aria-label=\"Back to content\"", with: "aria-label=\"\(HTML.escape(labels.backToContent))\"")
        result = Self.numberTables(result, label: labels.table)
        result = Self.labelTaskListItems(result)
        return result
    }

    /// `<table>` → a focusable, labelled scroll region around it: „Таблица 1“, „Таблица 2“…
    /// (`{n}` in the label is the number; without it the number is appended).
    static func numberTables(_ html: String, label: String) -> String {
        let parts = html.splittingAll("<table>")
        guard parts.count > 1 else { return html }
        var result = parts[0]
        for (index, part) in parts.dropFirst().enumerated() {
            let name = label.contains("{n}") ? label.replacingOccurrences(of: "{n}", with: String(index + 1)) : "\(label) \(index + 1)"
            result += "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"\(HTML.escape(name))\"><table>"
            result += part.replacingAll("</table>", with: "</table></div>")
        }
        return result
    }

    /// cmark-gfm writes a task-list item as `<li><input type="checkbox" disabled="" /> text</li>`:
    /// a form field without a label. Put the item's text (or its first paragraph) in a label
    /// with the checkbox, so that screen readers read the text with the checked state.
    static func labelTaskListItems(_ html: String) -> String {
        let marker = "<li><input type=\"checkbox\""
        guard html.splittingAll(marker).count > 1 else { return html }
        var result = ""
        var rest = html[...]
        while let start = rest.range(of: marker) {
            result += rest[..<start.lowerBound]
            let afterMarker = rest[start.lowerBound...]
            guard let inputEnd = afterMarker.range(of: "/>") else { break }
            let original = afterMarker[afterMarker.index(afterMarker.startIndex, offsetBy: 4)..<inputEnd.upperBound]
            let input = "<input class=\"task-list-item-checkbox\"" + original.dropFirst("<input".count)
            var body = rest[inputEnd.upperBound...]
            if body.hasPrefix(" \n<p>") {
                // A loose item: the label goes inside its first paragraph.
                body = body.dropFirst(" \n<p>".count)
                guard let close = body.range(of: "</p>") else { break }
                result += "<li class=\"task-list-item\">\n<p><label>\(input) \(body[..<close.lowerBound])</label></p>"
                rest = body[close.upperBound...]
            } else {
                if body.hasPrefix(" ") { body = body.dropFirst() }
                // A tight item: the label ends where the item or its nested list begins.
                let ends = ["</li>", "\n<ul>", "\n<ol>"].compactMap { body.range(of: $0)?.lowerBound }
                guard let end = ends.min() else { break }
                result += "<li class=\"task-list-item\"><label>\(input) \(body[..<end])</label>"
                rest = body[end...]
            }
        }
        result += rest
        return result
    }

    /// Runs of spaces, tabs and line ends become one space; none at either end.
    static func collapsingWhitespace(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let isSpace = value < 0x80 ? (value == 0x20 || (0x09...0x0D).contains(value))
                : (value == 0xA0 || value == 0x85 || value == 0x1680 || (0x2000...0x200A).contains(value)
                   || value == 0x2028 || value == 0x2029 || value == 0x202F || value == 0x205F || value == 0x3000)
            if isSpace {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// Every value of an ` id="…"` attribute in `html`.
    static func ids(in html: String) -> Set<String> {
        var ids = Set<String>()
        let marker = Array(" id=\"".utf8)
        var copy = html
        copy.withUTF8 { bytes in
            var index = 0
            while index + marker.count < bytes.count {
                if bytes[index] == marker[0], bytes[index + 1] == marker[1], bytes[index + 2] == marker[2],
                   bytes[index + 3] == marker[3], bytes[index + 4] == marker[4] {
                    let start = index + marker.count
                    var end = start
                    while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
                    ids.insert(String(decoding: bytes[start..<end], as: UTF8.self))
                    index = end
                } else {
                    index += 1
                }
            }
        }
        return ids
    }

    static func shorten(_ text: String, to length: Int) -> String {
        guard text.count > length else { return text }
        let cut = text.prefix(length)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return String(cut[..<end]) + "…"
    }
}
