import CCmarkGFM
import Foundation

/// A parsed cmark-gfm document. Owns the C parser and tree and frees them; Swift code outside
/// this file never sees a raw cmark pointer. One document per page; documents on different
/// threads are independent.
final class CMarkDocument {
    /// The GFM extensions every document gets.
    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// cmark-gfm's extension registry is a global filled without a lock: fill it once, before any
    /// concurrent parsing (a `static let` initialiser runs exactly once, thread-safely).
    private static let registered: Void = { cmark_gfm_core_extensions_ensure_registered() }()

    private let parser: OpaquePointer
    private let root: OpaquePointer
    private let options: Int32

    init(markdown: String, allowRawHTML: Bool) {
        _ = Self.registered
        options = CMARK_OPT_FOOTNOTES | (allowRawHTML ? CMARK_OPT_UNSAFE : 0)
        let newParser = cmark_parser_new(options)!
        for name in Self.extensionNames {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(newParser, syntaxExtension)
            }
        }
        var utf8 = markdown
        utf8.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(newParser, chars.baseAddress, chars.count)
            }
        }
        parser = newParser
        root = cmark_parser_finish(newParser)
    }

    deinit {
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    /// Every node in document order (pre-order).
    var nodes: [MarkdownNode] {
        var result: [MarkdownNode] = []
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) {
                result.append(MarkdownNode(pointer: node))
            }
        }
        return result
    }

    /// HTML of the whole document.
    func html() -> String { render(root) }

    /// HTML of one node and its children, e.g. a heading.
    func html(of node: MarkdownNode) -> String { render(node.pointer) }

    private func render(_ node: OpaquePointer) -> String {
        guard let cString = cmark_render_html(node, options, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        defer { free(cString) }
        return String(cString: cString)
    }

    /// Replaces `node` with raw HTML that is written out as it is (a cmark custom block).
    func replace(_ node: MarkdownNode, withHTML html: String) {
        guard let custom = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        cmark_node_set_on_enter(custom, html)
        cmark_node_set_on_exit(custom, "")
        cmark_node_replace(node.pointer, custom)
        cmark_node_free(node.pointer)
    }
}

/// A borrowed view of one node of a `CMarkDocument`; valid while the document lives.
struct MarkdownNode {
    fileprivate let pointer: OpaquePointer

    enum Kind {
        case heading(level: Int), paragraph, text, code, codeBlock, link, image, softBreak, lineBreak
        case footnoteDefinition, footnoteReference, htmlBlock, htmlInline, item, other(String)
    }

    var kind: Kind {
        switch cmark_node_get_type(pointer) {
        case CMARK_NODE_HEADING: .heading(level: Int(cmark_node_get_heading_level(pointer)))
        case CMARK_NODE_PARAGRAPH: .paragraph
        case CMARK_NODE_TEXT: .text
        case CMARK_NODE_CODE: .code
        case CMARK_NODE_CODE_BLOCK: .codeBlock
        case CMARK_NODE_LINK: .link
        case CMARK_NODE_IMAGE: .image
        case CMARK_NODE_SOFTBREAK: .softBreak
        case CMARK_NODE_LINEBREAK: .lineBreak
        case CMARK_NODE_FOOTNOTE_DEFINITION: .footnoteDefinition
        case CMARK_NODE_FOOTNOTE_REFERENCE: .footnoteReference
        case CMARK_NODE_HTML_BLOCK: .htmlBlock
        case CMARK_NODE_HTML_INLINE: .htmlInline
        case CMARK_NODE_ITEM: .item
        default: .other(typeName)
        }
    }

    var typeName: String { String(cString: cmark_node_get_type_string(pointer)) }

    var literal: String? { cmark_node_get_literal(pointer).map { String(cString: $0) } }
    func setLiteral(_ text: String) { cmark_node_set_literal(pointer, text) }

    var url: String { cmark_node_get_url(pointer).map { String(cString: $0) } ?? "" }
    func setURL(_ url: String) { cmark_node_set_url(pointer, url) }

    var line: Int { Int(cmark_node_get_start_line(pointer)) }
    var column: Int { Int(cmark_node_get_start_column(pointer)) }

    var lastChild: MarkdownNode? { cmark_node_last_child(pointer).map(MarkdownNode.init) }

    /// The text of this node and its children, without markup.
    var plainText: String {
        var text = ""
        let iterator = cmark_iter_new(pointer)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            if event == CMARK_EVENT_EXIT {
                // Words of two blocks (list items, table cells, paragraphs) must not run together.
                let type = cmark_node_get_type(node).rawValue
                if type & UInt32(CMARK_NODE_TYPE_MASK) == UInt32(CMARK_NODE_TYPE_BLOCK), !text.hasSuffix(" ") { text += " " }
                continue
            }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                text += cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default: break
            }
        }
        return text
    }
}

extension CMarkDocument {
    /// The document's top-level blocks, in order.
    var topLevelBlocks: [MarkdownNode] {
        var result: [MarkdownNode] = []
        var child = cmark_node_first_child(root)
        while let node = child {
            result.append(MarkdownNode(pointer: node))
            child = cmark_node_next(node)
        }
        return result
    }
}
