/// A parsed Markdown page as plain values: cmark-gfm's tree written out as the events of a walk
/// through it (enter a node, leave it; leaves appear once). Made once per page by `CMarkDocument`;
/// every render of the page walks the same events under its own `RenderPolicy`, so no later stage
/// needs the HTML of an earlier one.
public struct MarkdownDocument: Sendable {
    /// A figure a code-block hook made: its number among the hook's blocks on the page, and its
    /// HTML for a number as shown („3“ on the web page, „4.3“ in chapter 4 of the print book).
    public struct NumberedBlock: Sendable, Equatable {
        public var number: Int
        public var html: @Sendable (_ shownNumber: String) -> String

        public static func == (a: NumberedBlock, b: NumberedBlock) -> Bool {
            a.number == b.number && a.html(String(a.number)) == b.html(String(b.number))
        }
    }

    public enum TableAlignment: Sendable, Equatable { case none, left, center, right }

    /// The cases whose values take more than a text's 16 bytes are `indirect` (kept in a box of
    /// their own): a page has hundreds of events, most of them text, and each event is as large
    /// as the largest case.
    public enum Kind: Sendable, Equatable {
        case document
        case blockQuote
        indirect case list(ordered: Bool, start: Int, tight: Bool)
        /// `checked` is nil for an ordinary item, true or false for a task-list item.
        case item(checked: Bool?)
        /// `id` is the heading's id on its web page, decided by `MarkdownRenderer`.
        indirect case heading(level: Int, id: String)
        indirect case codeBlock(info: String, code: String)
        case htmlBlock(String)
        /// HTML made by a code-block hook (a chart); written out as it is.
        case customBlock(String)
        /// A block a code-block hook made that carries a number (a figure), written with the
        /// number the render policy gives it.
        indirect case numberedBlock(NumberedBlock)
        case thematicBreak
        case paragraph
        case table([TableAlignment])
        case tableRow(isHeader: Bool)
        case tableCell
        /// `references`: how many references the note has in the text.
        indirect case footnoteDefinition(label: String, references: Int)
        case text(String)
        case softBreak
        case lineBreak
        case code(String)
        case htmlInline(String)
        case emphasis
        case strong
        case strikethrough
        indirect case link(url: String, title: String)
        indirect case image(url: String, title: String)
        /// `number`: the note's number on the page; `index`: 1 for the first reference to the note, 2…
        indirect case footnoteReference(label: String, number: Int, index: Int)
        /// A node this renderer does not know; its children are rendered.
        case other

        /// Nodes without children: one event, no exit.
        var isLeaf: Bool {
            switch self {
            case .codeBlock, .htmlBlock, .customBlock, .numberedBlock, .thematicBreak, .text, .softBreak, .lineBreak, .code,
                 .htmlInline, .footnoteReference: true
            default: false
            }
        }
    }

    public struct Event: Sendable, Equatable {
        public var kind: Kind
        /// True when the walk leaves a node it entered before (never for leaves).
        public var isExit: Bool
        /// Line and column (UTF-8 bytes, 1-based) in the Markdown body where the node starts,
        /// kept in 32 bits each (with `Kind`'s 17 bytes, an event takes 32 bytes, not 56).
        private var storedLine: Int32
        private var storedColumn: Int32
        public var line: Int { Int(storedLine) }
        public var column: Int { Int(storedColumn) }

        public init(kind: Kind, isExit: Bool, line: Int, column: Int) {
            self.kind = kind
            self.isExit = isExit
            storedLine = Int32(clamping: line)
            storedColumn = Int32(clamping: column)
        }
    }

    public var events: [Event]
    /// Whether raw HTML is written out (the site allows it) or replaced by a comment.
    public var allowsRawHTML: Bool
    /// The length of the Markdown in UTF-8 bytes: about that of its HTML, which is written into
    /// room made for it once.
    public var markdownBytes = 0

    /// The index of the exit event of the node entered at `index` (`index` itself for a leaf).
    func exitIndex(of index: Int) -> Int {
        guard !events[index].kind.isLeaf else { return index }
        var depth = 0
        var position = index
        while position < events.count {
            let event = events[position]
            if !event.kind.isLeaf { depth += event.isExit ? -1 : 1 }
            if depth == 0 { return position }
            position += 1
        }
        return events.count - 1
    }

    /// The text of the events in `range`, without markup; blocks end with a space so that the
    /// words of two list items or cells do not run together.
    func plainText(_ range: Range<Int>) -> String {
        var text: [UInt8] = []
        appendPlainText(range, to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// `plainText(range)`'s UTF-8 bytes, added to `text`.
    func appendPlainText(_ range: Range<Int>, to text: inout [UInt8]) {
        var endsWithSpace = false
        for event in events[range] {
            switch event.kind {
            case .text(let literal), .code(let literal):
                if !event.isExit, let last = literal.utf8.last {
                    text.append(contentsOf: literal.utf8)
                    endsWithSpace = last == UInt8(ascii: " ")
                }
            case .softBreak, .lineBreak:
                text.append(UInt8(ascii: " "))
                endsWithSpace = true
            case .document, .blockQuote, .list, .item, .heading, .paragraph, .table, .tableRow, .tableCell, .footnoteDefinition:
                if event.isExit, !endsWithSpace {
                    text.append(UInt8(ascii: " "))
                    endsWithSpace = true
                }
            default: break
            }
        }
    }
}

extension MarkdownDocument {
    /// The event ranges (enter through exit) of the document's top-level blocks, in order.
    var topLevelBlocks: [Range<Int>] {
        var result: [Range<Int>] = []
        var depth = 0
        var start = 0
        for (index, event) in events.enumerated() {
            if event.isExit {
                depth -= 1
                if depth == 1 { result.append(start..<(index + 1)) }
            } else {
                if depth == 1 { start = index }
                if event.kind.isLeaf {
                    if depth == 1 { result.append(index..<(index + 1)) }
                } else {
                    depth += 1
                }
            }
        }
        return result
    }
}
