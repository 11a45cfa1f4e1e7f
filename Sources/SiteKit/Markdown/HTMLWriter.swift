/// Writes a `MarkdownDocument` as HTML under a `RenderPolicy`: one visit per event of the walk,
/// in one pass. The markup is cmark-gfm's own (a page renders as cmark-gfm would render it), with
/// what the site adds decided here: heading ids and numbers, labelled scroll regions around
/// tables, task-list checkboxes inside a label, the notes section in the page's language, and the
/// ids and links of the target. Code-block hooks (charts) have already put their HTML in the tree.
struct HTMLWriter {
    typealias Kind = MarkdownDocument.Kind

    let document: MarkdownDocument
    let policy: RenderPolicy
    private var out: [UInt8] = []
    /// Every id written, for the link checker's anchor checks.
    private var ids: Set<String> = []
    /// The containers entered and not yet left.
    private var open: [Kind] = []
    private var tables = 0
    private var tableAlignments: [MarkdownDocument.TableAlignment] = []
    private var column = 0
    private var inTableHeader = false
    private var tableBodyOpen = false
    private var notesOpen = false
    /// Where the notes section starts in `out`.
    private var notesOffset: Int?
    /// Whether the note being written has its back-links yet.
    private var backLinksWritten = false
    /// The checkbox of a task-list item, until its first paragraph takes it into a label.
    private var pendingCheckbox: String?
    /// The depth of the paragraph that holds a task item's label.
    private var labelDepth: Int?
    /// Inside an image its children are written as plain text (the `alt`): the image's depth.
    private var imageDepth: Int?

    private init(document: MarkdownDocument, policy: RenderPolicy) {
        self.document = document
        self.policy = policy
    }

    /// The HTML's UTF-8 bytes, every id in it, and where its notes section starts (if it has one).
    struct Output {
        var bytes: [UInt8]
        var ids: Set<String>
        var notesOffset: Int?
    }

    static func render(_ document: MarkdownDocument, policy: RenderPolicy) -> Output {
        var writer = HTMLWriter(document: document, policy: policy)
        // The HTML is 1.1–1.4 times the Markdown's length on most pages (the room the events
        // alone suggest was a third of it: two copies as it grew).
        writer.out.reserveCapacity(max(document.events.count * 24, document.markdownBytes + document.markdownBytes / 2))
        writer.writeAll()
        return Output(bytes: writer.out, ids: writer.ids, notesOffset: writer.notesOffset)
    }

    private mutating func writeAll() {
        let events = document.events
        var index = 0
        while index < events.count {
            let event = events[index]
            if event.isExit {
                if let depth = imageDepth {
                    if open.count == depth, case .image(_, let title) = event.kind {
                        imageDepth = nil
                        if !title.isEmpty { write("\" title=\""); escape(title) }
                        write("\" />")
                    }
                    open.removeLast()
                } else {
                    open.removeLast()
                    leave(event.kind, at: index)
                }
            } else if imageDepth != nil {
                plain(event.kind)
                if !event.kind.isLeaf { open.append(event.kind) }
            } else {
                let last = enter(event.kind, at: index)
                if last == index, !event.kind.isLeaf { open.append(event.kind) }
                index = last
            }
            index += 1
        }
    }

    // MARK: Entering a node

    /// Writes the opening of the node at `index`; returns the index of the last event it wrote
    /// (`index` itself, or the node's exit when it wrote the whole node).
    private mutating func enter(_ kind: Kind, at index: Int) -> Int {
        if pendingCheckbox != nil, !isParagraph(kind) { writeCheckboxLabel(text: false) }
        switch kind {
        case .document, .other:
            break
        case .blockQuote:
            cr(); write("<blockquote>\n")
        case .list(let ordered, let start, _):
            cr()
            if !ordered { write("<ul>\n") } else if start == 1 { write("<ol>\n") } else { write("<ol start=\"\(start)\">\n") }
        case .item(let checked):
            cr()
            if let checked {
                write("<li class=\"task-list-item\">")
                pendingCheckbox = "<input class=\"task-list-item-checkbox\" type=\"checkbox\"\(checked ? " checked=\"\"" : "") disabled=\"\" />"
            } else {
                write("<li>")
            }
        case .heading(let level, let id):
            cr()
            let tag = min(6, level + policy.headingShift)
            write("<h\(tag) id=\""); writeID(id); write("\">")
            if let number = policy.sectionNumbers[id] { write("<span class=\"section-number\">"); escape(number); write("</span> ") }
        case .codeBlock(let info, let code):
            cr()
            let language = String(String.UnicodeScalarView(info.unicodeScalars.prefix { !($0.isASCII && Self.isSpace(UInt8($0.value))) }))
            if language.isEmpty { write("<pre><code>") } else { write("<pre><code class=\"language-"); escape(language); write("\">") }
            escape(code)
            write("</code></pre>\n")
        case .htmlBlock(let html):
            cr()
            rawHTML(html, block: true)
            cr()
        case .numberedBlock(let block):
            cr()
            let html = block.html(policy.figureNumberPrefix + String(block.number))
            write(html)
            ids.formUnion(Self.ids(in: html))
            cr()
        case .customBlock(let html):
            cr()
            write(html)
            ids.formUnion(Self.ids(in: html))
            cr()
        case .thematicBreak:
            cr(); write("<hr />\n")
        case .paragraph:
            if !isTight {
                cr(); write("<p>")
            }
            if pendingCheckbox != nil {
                writeCheckboxLabel(text: true)
                labelDepth = open.count
            }
        case .table(let alignments):
            tables += 1
            tableAlignments = alignments
            tableBodyOpen = false
            var name = policy.labels.table.utf8Range(of: "{n}") != nil
                ? policy.labels.table.filling(with: String(tables)) : "\(policy.labels.table) \(tables)"
            if let title = policy.tableTitle { name += " – " + title }
            cr()
            write("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\""); write(HTML.escape(name)); write("\"><table>")
        case .tableRow(let isHeader):
            cr()
            column = 0
            if isHeader {
                inTableHeader = true
                write("<thead>"); cr()
            } else if !tableBodyOpen {
                write("<tbody>"); cr()
                tableBodyOpen = true
            }
            write("<tr>")
        case .tableCell:
            cr()
            write(inTableHeader ? "<th" : "<td")
            switch column < tableAlignments.count ? tableAlignments[column] : .none {
            case .left: write(" align=\"left\"")
            case .center: write(" align=\"center\"")
            case .right: write(" align=\"right\"")
            case .none: break
            }
            write(">")
            column += 1
        case .footnoteDefinition(let label, _):
            if !notesOpen {
                notesOpen = true
                notesOffset = out.count
                let heading = min(6, 2 + policy.headingShift)
                switch policy.footnoteSection {
                case .landmark: write("<section class=\"footnotes\" aria-labelledby=\""); writeID("footnotes"); write("\">\n")
                case .plain: write("<section class=\"footnotes\">\n")
                }
                write("<h\(heading) id=\""); writeID("footnotes"); write("\">"); write(HTML.escape(policy.labels.footnotes)); write("</h\(heading)>\n<ol>\n")
            }
            backLinksWritten = false
            write("<li id=\""); writeID("fn-" + Self.hrefEscaped(label)); write("\">\n")
        case .text(let text):
            escape(text)
        case .softBreak:
            write("\n")
        case .lineBreak:
            write("<br />\n")
        case .code(let code):
            write("<code>"); escape(code); write("</code>")
        case .htmlInline(let html):
            rawHTML(html, block: false)
        case .emphasis:
            write("<em>")
        case .strong:
            write("<strong>")
        case .strikethrough:
            write("<del>")
        case .link(let url, let title):
            write("<a href=\"")
            writeAddress(url, isImage: false)
            if !title.isEmpty { write("\" title=\""); escape(title) }
            write("\">")
        case .image(let url, _):
            write("<img src=\"")
            writeAddress(url, isImage: true)
            write("\" alt=\"")
            imageDepth = open.count + 1
        case .footnoteReference(let label, let number, let reference):
            if let separator = policy.footnoteSeparator, index > 0, case .footnoteReference = document.events[index - 1].kind {
                write("<sup class=\"footnote-sep\">"); escape(separator); write("</sup>")
            }
            let escapedLabel = Self.hrefEscaped(label)
            write("<sup class=\"footnote-ref\"><a href=\"#"); write(policy.id("fn-" + escapedLabel)); write("\" id=\"")
            writeID("fnref-" + escapedLabel + (reference > 1 ? "-\(reference)" : ""))
            write("\" data-footnote-ref>\(number)</a></sup>")
        }
        return index
    }

    // MARK: Leaving a node

    private mutating func leave(_ kind: Kind, at index: Int) {
        switch kind {
        case .document:
            if notesOpen { write("</ol>\n</section>\n") }
        case .blockQuote:
            cr(); write("</blockquote>\n")
        case .list(let ordered, _, _):
            write(ordered ? "</ol>\n" : "</ul>\n")
        case .item:
            if pendingCheckbox != nil { writeCheckboxLabel(text: false) }
            write("</li>\n")
        case .heading(let level, _):
            write("</h\(min(6, level + policy.headingShift))>\n")
        case .paragraph:
            if labelDepth == open.count {
                write("</label>")
                labelDepth = nil
            }
            if !isTight {
                if case .footnoteDefinition(let label, let references)? = open.last, index + 1 < document.events.count,
                   document.events[index + 1].isExit, case .footnoteDefinition = document.events[index + 1].kind {
                    write(" ")
                    writeBackLinks(label: label, references: references)
                }
                write("</p>\n")
            }
        case .table:
            if tableBodyOpen { cr(); write("</tbody>"); cr() }
            tableBodyOpen = false
            cr(); write("</table></div>"); cr()
        case .tableRow(let isHeader):
            cr(); write("</tr>")
            if isHeader { cr(); write("</thead>"); inTableHeader = false }
        case .tableCell:
            write(inTableHeader ? "</th>" : "</td>")
        case .footnoteDefinition(let label, let references):
            if writeBackLinks(label: label, references: references) { write("\n") }
            write("</li>\n")
        case .emphasis:
            write("</em>")
        case .strong:
            write("</strong>")
        case .strikethrough:
            write("</del>")
        case .link:
            write("</a>")
        default:
            break
        }
    }

    // MARK: Parts

    /// A paragraph in a tight list is written without `<p>`.
    private var isTight: Bool {
        guard open.count >= 2, case .list(_, _, let tight) = open[open.count - 2] else { return false }
        return tight
    }

    private func isParagraph(_ kind: Kind) -> Bool { if case .paragraph = kind { true } else { false } }

    /// The task item's checkbox in a label that holds the item's text (`text`), or alone.
    private mutating func writeCheckboxLabel(text: Bool) {
        guard let checkbox = pendingCheckbox else { return }
        pendingCheckbox = nil
        write("<label>"); write(checkbox); write(" ")
        if !text { write("</label>") }
    }

    /// The links from a note back to its references, once per note.
    @discardableResult
    private mutating func writeBackLinks(label: String, references: Int) -> Bool {
        guard !backLinksWritten else { return false }
        backLinksWritten = true
        let escapedLabel = Self.hrefEscaped(label)
        write("<a href=\"#"); write(policy.id("fnref-" + escapedLabel))
        write("\" class=\"footnote-backref\" data-footnote-backref aria-label=\""); write(HTML.escape(policy.labels.backToContent)); write("\">↩</a>")
        if references > 1 {
            for reference in 2...references {
                write(" <a href=\"#"); write(policy.id("fnref-\(escapedLabel)-\(reference)"))
                write("\" class=\"footnote-backref\" data-footnote-backref aria-label=\""); write(HTML.escape(policy.labels.backToContent))
                write("\">↩<sup class=\"footnote-ref\">\(reference)</sup></a>")
            }
        }
        return true
    }

    /// Inside an image's `alt`: the text only.
    private mutating func plain(_ kind: Kind) {
        switch kind {
        case .text(let text), .code(let text), .htmlInline(let text): escape(text)
        case .softBreak, .lineBreak: write(" ")
        default: break
        }
    }

    private mutating func writeID(_ id: String) {
        let full = policy.id(id)
        ids.insert(full)
        write(full)
    }

    private mutating func writeAddress(_ url: String, isImage: Bool) {
        if !document.allowsRawHTML, Self.isDangerous(url) { return }
        hrefEscape(policy.address(url, isImage: isImage))
    }

    /// Raw HTML as written when the site allows it (with GFM's tag filter), else a comment.
    private mutating func rawHTML(_ html: String, block: Bool) {
        guard document.allowsRawHTML else { write("<!-- raw HTML omitted -->"); return }
        ids.formUnion(Self.ids(in: html))
        let bytes = Array(html.utf8)
        if !block {
            if Self.isFilteredTag(bytes, at: 0) { write("&lt;"); out.append(contentsOf: bytes.dropFirst()) } else { out.append(contentsOf: bytes) }
            return
        }
        for (index, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "<"), Self.isFilteredTag(bytes, at: index) { write("&lt;") } else { out.append(byte) }
        }
    }

    // MARK: Output

    private mutating func write(_ text: String) { out.append(contentsOf: text.utf8) }

    /// A line end unless the output is empty or already ends with one.
    private mutating func cr() {
        if let last = out.last, last != UInt8(ascii: "\n") { out.append(UInt8(ascii: "\n")) }
    }

    /// Text in HTML: `&`, `<`, `>` and `"` as entities, as cmark-gfm writes text.
    private mutating func escape(_ text: String) { HTML.appendEscaped(text, to: &out, apostrophe: false) }

    private mutating func hrefEscape(_ url: String) {
        for byte in url.utf8 { Self.appendHrefEscaped(byte, to: &out) }
    }

    // MARK: Helpers

    /// Bytes an address keeps as they are; others are %-escaped (`&` and `'` become entities), as cmark-gfm does.
    static let hrefSafe: [Bool] = (0..<256).map { byte in
        guard byte < 128 else { return false }
        let scalar = Character(Unicode.Scalar(UInt8(byte)))
        return scalar.isASCII && (scalar.isLetter || scalar.isNumber) || "-_.+!*(),%#@?=;:/$~".contains(scalar)
    }

    static func appendHrefEscaped(_ byte: UInt8, to out: inout [UInt8]) {
        if hrefSafe[Int(byte)] { out.append(byte); return }
        switch byte {
        case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
        case UInt8(ascii: "'"): out.append(contentsOf: "&#x27;".utf8)
        default:
            out.append(UInt8(ascii: "%"))
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 15)])
        }
    }

    static let hexDigits = Array("0123456789ABCDEF".utf8)

    static func hrefEscaped(_ text: String) -> String {
        var out: [UInt8] = []
        for byte in text.utf8 { appendHrefEscaped(byte, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// `javascript:`, `vbscript:`, `file:` and `data:` (but for images) addresses, which cmark-gfm drops.
    static func isDangerous(_ url: String) -> Bool {
        let lower = url.prefix(20).lowercased()
        if lower.hasPrefix("javascript:") || lower.hasPrefix("vbscript:") || lower.hasPrefix("file:") { return true }
        guard lower.hasPrefix("data:") else { return false }
        return !["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains { lower.hasPrefix($0) }
    }

    /// GFM's tag filter: `<title>`, `<script>` and the like (opening or closing) at `index`.
    static func isFilteredTag(_ bytes: [UInt8], at index: Int) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "<") else { return false }
        var position = index + 1
        if position < bytes.count, bytes[position] == UInt8(ascii: "/") { position += 1 }
        for tag in filteredTags {
            let end = position + tag.count
            guard end <= bytes.count else { continue }
            guard zip(bytes[position..<end], tag).allSatisfy({ ($0 | 0x20) == $1 }) else { continue }
            if end == bytes.count { return false }
            let next = bytes[end]
            if isSpace(next) || next == UInt8(ascii: ">") { return true }
            if next == UInt8(ascii: "/"), end + 1 < bytes.count, bytes[end + 1] == UInt8(ascii: ">") { return true }
        }
        return false
    }

    static let filteredTags = ["title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script", "plaintext"].map { Array($0.utf8) }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

    /// Every value of an ` id="…"` attribute in `html` (raw HTML the site allows, a chart).
    static func ids(in html: String) -> Set<String> {
        var ids = Set<String>()
        let marker = Array(" id=\"".utf8)
        let bytes = Array(html.utf8)
        var index = 0
        while index + marker.count < bytes.count {
            if bytes[index] == marker[0], bytes[index..<(index + marker.count)].elementsEqual(marker) {
                let start = index + marker.count
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
                ids.insert(String(decoding: bytes[start..<end], as: UTF8.self))
                index = end
            } else {
                index += 1
            }
        }
        return ids
    }
}
