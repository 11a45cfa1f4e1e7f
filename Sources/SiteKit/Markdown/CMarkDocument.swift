import CCmarkGFM
import Foundation

/// The only code that calls cmark-gfm: parses a page's Markdown and writes its tree out as a
/// `MarkdownDocument` of plain values. Owns the C parser and tree and frees them; Swift code
/// outside this file never sees a raw cmark pointer.
enum CMarkDocument {
    /// The GFM extensions every document gets.
    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// cmark-gfm's extension registry is a global filled without a lock: fill it once, before any
    /// concurrent parsing (a `static let` initialiser runs exactly once, thread-safely).
    private static let registered: Void = { cmark_gfm_core_extensions_ensure_registered() }()

    /// `parse` on a parser thread, giving up after `timeout` seconds (nil). Debian's
    /// libcmark-gfm 0.29.0.gfm.6 lacks upstream's fixes for quadratic inline parsing
    /// (CVE-2023-22484, -22486, -24824 and others): some inputs under 1 MB parse for minutes. A
    /// parse cannot be stopped from outside, so its thread runs on until it finishes (or the
    /// process ends); the build reports the file and exits. See docs/OUTPUT.md.
    static func parse(_ markdown: String, allowRawHTML: Bool, timeout: Double) -> MarkdownDocument? {
        final class Result: @unchecked Sendable {
            var document: MarkdownDocument?
            let done = DispatchSemaphore(value: 0)
        }
        let result = Result()
        parserThreads.run {
            result.document = parse(markdown, allowRawHTML: allowRawHTML, turnLimit: timeout)
            result.done.signal()
        }
        guard result.done.wait(timeout: .now() + timeout) == .success else { return nil }
        return result.document
    }

    /// The threads parses run on, kept for the next parse (a thread of its own for each page
    /// cost a thread's start, its stack's mapping and its end, thousands of times a build).
    static let parserThreads = WorkerThreads(stackSize: 8 << 20)

    /// The time a file of `bytes` may take to parse: far more than any real file needs (cmark-gfm
    /// parses tens of megabytes a second), far less than a quadratic input takes.
    static func parseTimeout(bytes: Int, base: Double) -> Double {
        base + Double(bytes) / 1_000_000
    }

    /// cmark-gfm adds its extensions' characters (`~`, `w`, `@` …) to a global table when a parse
    /// reaches the inlines and removes them when it ends, so two parses at once can lose
    /// strikethrough or autolinks at random. Parses take turns. A parse keeps the others waiting
    /// only as long as it may take (its timeout, or `gateWait` without one): one that takes longer
    /// is one the watchdog gives up on (a quadratic input), and the build fails on that file anyway.
    private static let turn = ParseTurn()
    static let gateWait: TimeInterval = 2

    /// Runs `body`, a use of a cmark-gfm parser, in its turn; `allowed`: how long it may hold the turn.
    static func inTurn<T>(allowed: TimeInterval = gateWait, _ body: () -> T) -> T {
        turn.run(allowed: allowed, body)
    }

    /// Parses in turn (see `inTurn`, `turnLimit` its `allowed`); the tree is written out as values
    /// after the turn, as reading it does not touch the shared table.
    static func parse(_ markdown: String, allowRawHTML: Bool, turnLimit: TimeInterval = gateWait) -> MarkdownDocument {
        _ = registered
        let options = CMARK_OPT_FOOTNOTES | (allowRawHTML ? CMARK_OPT_UNSAFE : 0)
        // The tree and the parser are freed first (the defers run in reverse), then their memory.
        defer { ParseMemory.endParse() }
        let parser = cmark_parser_new_with_mem(options, ParseMemory.allocator)!
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }
        var utf8 = markdown
        let root = inTurn(allowed: turnLimit) {
            utf8.withUTF8 { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    cmark_parser_feed(parser, chars.baseAddress, chars.count)
                }
            }
            return cmark_parser_finish(parser)!
        }
        defer { cmark_node_free(root) }
        return MarkdownDocument(events: events(root, markdown: markdown), allowsRawHTML: allowRawHTML, markdownBytes: markdown.utf8.count)
    }

    /// A walk through the tree, with the footnotes' labels and reference counts filled in.
    static func events(_ root: OpaquePointer, markdown: String) -> [MarkdownDocument.Event] {
        var events: [MarkdownDocument.Event] = []
        // Room for every step of the walk, counted first: the list grew by doubling, a copy each
        // time (a tenth of the walk), and kept up to half its room unused.
        let counter = cmark_iter_new(root)
        var steps = 0
        while cmark_iter_next(counter) != CMARK_EVENT_DONE { steps += 1 }
        cmark_iter_free(counter)
        events.reserveCapacity(steps)
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        var notePositions: [(line: Int, column: Int)] = []
        var referenceEvents: [Int] = []
        while true {
            let step = cmark_iter_next(iterator)
            if step == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let kind = kind(of: node)
            let isExit = step == CMARK_EVENT_EXIT
            if isExit, kind.isLeaf { continue }
            if case .footnoteDefinition = kind, !isExit {
                notePositions.append((Int(cmark_node_get_start_line(node)), Int(cmark_node_get_start_column(node))))
            }
            if case .footnoteReference = kind { referenceEvents.append(events.count) }
            events.append(.init(kind: kind, isExit: isExit, line: Int(cmark_node_get_start_line(node)),
                                column: Int(cmark_node_get_start_column(node))))
        }
        let noteLabels = footnoteLabels(at: notePositions, in: markdown)
        // cmark-gfm numbers the notes in the order of their first reference and moves their
        // definitions, in that order, to the end: the note numbered n is the n-th definition.
        var counts = Array(repeating: 0, count: noteLabels.count)
        for index in referenceEvents {
            guard case .footnoteReference(_, let number, _) = events[index].kind, number >= 1, number <= noteLabels.count else { continue }
            counts[number - 1] += 1
            events[index].kind = .footnoteReference(label: noteLabels[number - 1], number: number, index: counts[number - 1])
        }
        var note = 0
        for index in events.indices {
            guard case .footnoteDefinition = events[index].kind else { continue }
            if !events[index].isExit { note += 1 }
            events[index].kind = .footnoteDefinition(label: noteLabels[note - 1], references: counts[note - 1])
        }
        return events
    }

    static func kind(of node: OpaquePointer) -> MarkdownDocument.Kind {
        func literal() -> String { cmark_node_get_literal(node).map { String(cString: $0) } ?? "" }
        func string(_ pointer: UnsafePointer<CChar>?) -> String { pointer.map { String(cString: $0) } ?? "" }
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST:
            return .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                         start: Int(cmark_node_get_list_start(node)), tight: cmark_node_get_list_tight(node) != 0)
        case CMARK_NODE_ITEM:
            let isTask = string(cmark_node_get_type_string(node)) == "tasklist"
            return .item(checked: isTask ? cmark_gfm_extensions_get_tasklist_item_checked(node) : nil)
        case CMARK_NODE_HEADING: return .heading(level: Int(cmark_node_get_heading_level(node)), id: "")
        case CMARK_NODE_CODE_BLOCK: return .codeBlock(info: string(cmark_node_get_fence_info(node)), code: literal())
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock(literal())
        case CMARK_NODE_CUSTOM_BLOCK: return .customBlock(string(cmark_node_get_on_enter(node)))
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_FOOTNOTE_DEFINITION: return .footnoteDefinition(label: "", references: 0)
        case CMARK_NODE_TEXT: return .text(literal())
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code(literal())
        case CMARK_NODE_HTML_INLINE: return .htmlInline(literal())
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK: return .link(url: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        case CMARK_NODE_IMAGE: return .image(url: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        case CMARK_NODE_FOOTNOTE_REFERENCE: return .footnoteReference(label: "", number: Int(literal()) ?? 0, index: 0)
        default:
            switch string(cmark_node_get_type_string(node)) {
            case "table":
                let columns = Int(cmark_gfm_extensions_get_table_columns(node))
                let alignments = cmark_gfm_extensions_get_table_alignments(node)
                return .table((0..<columns).map { column in
                    switch alignments.map({ UInt8($0[column]) }) {
                    case UInt8(ascii: "l"): .left
                    case UInt8(ascii: "c"): .center
                    case UInt8(ascii: "r"): .right
                    default: .none
                    }
                })
            case "table_header", "table_row": return .tableRow(isHeader: cmark_gfm_extensions_get_table_row_is_header(node) != 0)
            case "table_cell": return .tableCell
            case "strikethrough": return .strikethrough
            default: return .other
            }
        }
    }

    /// cmark-gfm keeps a note's label (`[^label]:`) to itself; a definition starts where its text
    /// starts, so each label is read from its source line just before that column (the note's
    /// number where the line does not have that shape).
    static func footnoteLabels(at positions: [(line: Int, column: Int)], in markdown: String) -> [String] {
        guard !positions.isEmpty else { return [] }
        var utf8 = markdown
        return utf8.withUTF8 { bytes -> [String] in
            let lineStarts = bytes.lineStarts
            return positions.enumerated().map { number, position in
                label(line: position.line, column: position.column, bytes: bytes, lineStarts: lineStarts) ?? String(number + 1)
            }
        }
    }

    static func label(line: Int, column: Int, bytes: UnsafeBufferPointer<UInt8>, lineStarts: [Int]) -> String? {
        guard line >= 1, line <= lineStarts.count else { return nil }
        let start = lineStarts[line - 1]
        let lineEnd = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        let end = min(start + column - 1, lineEnd)
        var index = end - 1
        while index >= start, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index -= 1 }
        guard index - 1 >= start, bytes[index] == UInt8(ascii: ":"), bytes[index - 1] == UInt8(ascii: "]") else { return nil }
        let close = index - 1
        var open = close - 1
        while open >= start + 1, !(bytes[open - 1] == UInt8(ascii: "[") && bytes[open] == UInt8(ascii: "^")) { open -= 1 }
        guard open >= start + 1 else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[(open + 1)..<close]), as: UTF8.self)
    }
}

/// The turn parses take at cmark-gfm (`CMarkDocument.inTurn`). A waiting parse goes on without
/// its turn only when the parse holding it has held it longer than it was allowed: waiting
/// itself, however long (behind other parses, on a busy machine), never lets two parses in.
final class ParseTurn: @unchecked Sendable {
    private let turn = NSLock()
    private let state = NSLock()
    /// When the parse holding the turn has had it for longer than it may; nil when none holds it.
    private var holderDeadline: Date?

    func run<T>(allowed: TimeInterval, _ body: () -> T) -> T {
        while true {
            if turn.lock(before: Date(timeIntervalSinceNow: 0.05)) {
                state.withLock { holderDeadline = Date(timeIntervalSinceNow: allowed) }
                defer {
                    state.withLock { holderDeadline = nil }
                    turn.unlock()
                }
                return body()
            }
            if state.withLock({ holderDeadline.map { $0 < Date() } ?? false }) { return body() }
        }
    }
}
