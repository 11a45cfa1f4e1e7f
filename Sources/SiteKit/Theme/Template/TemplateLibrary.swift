/// The compiled templates of a theme, by name, and the renderer that fills them in: straight into
/// UTF-8 bytes, escaping only `& < > " '` of the values printed with `{{name}}`.
struct TemplateLibrary: Sendable {
    var templates: [String: Template] = [:]

    /// The templates that include or extend each other in a circle (`a` → `b` → `a`), each circle
    /// once as the names in order: rendering one would never end.
    var cycles: [[String]] {
        var cycles: [[String]] = []
        var finished: Set<String> = []
        func visit(_ name: String, _ path: [String]) {
            if let start = path.firstIndex(of: name) {
                cycles.append(Array(path[start...]) + [name])
                return
            }
            guard !finished.contains(name), let template = templates[name] else { return }
            for reference in template.references { visit(reference.name.text, path + [name]) }
            finished.insert(name)
        }
        for name in templates.keys.sorted() { visit(name, []) }
        return cycles
    }

    /// The template `name` filled in with `value`. The theme's check (`Theme.compile`) makes sure
    /// that every template named exists and that none includes itself.
    func render(_ name: String, _ value: TemplateValue) -> [UInt8] {
        var renderer = Renderer(library: self, stack: [value])
        renderer.output.reserveCapacity(32 * 1024)
        if let template = templates[name] { renderer.render(template.nodes, blocks: [:]) }
        return renderer.output
    }

    struct Renderer {
        let library: TemplateLibrary
        var stack: [TemplateValue]
        var output: [UInt8] = []

        mutating func render(_ nodes: [Template.Node], blocks: [String: [Template.Node]]) {
            for node in nodes {
                switch node {
                case .text(let bytes):
                    output.append(contentsOf: bytes)
                case .variable(let name, let escaped):
                    guard let value = lookup(name.path) else { continue }
                    switch value {
                    case .text(let text): escaped ? HTML.appendEscaped(text, to: &output, apostrophe: true) : append(text)
                    case .flag(let flag): append(flag ? "true" : "false")
                    case .list, .object, .absent: break
                    }
                case .section(let name, let content, let inverted):
                    let value = lookup(name.path) ?? .absent([])
                    switch value {
                    case .absent, .flag(false):
                        if inverted { render(content, blocks: blocks) }
                    case .flag(true):
                        if !inverted { render(content, blocks: blocks) }
                    case .list(let items):
                        guard !inverted else { continue }
                        for item in items {
                            stack.append(item)
                            render(content, blocks: blocks)
                            stack.removeLast()
                        }
                    case .text, .object:
                        guard !inverted else { continue }
                        stack.append(value)
                        render(content, blocks: blocks)
                        stack.removeLast()
                    }
                case .partial(let name):
                    if let template = library.templates[name.text] { render(template.nodes, blocks: blocks) }
                case .parent(let name, let overrides):
                    // The most derived template's blocks win: those from outside over this one's.
                    if let template = library.templates[name.text] { render(template.nodes, blocks: overrides.merging(blocks) { $1 }) }
                case .block(let name, let content):
                    render(blocks[name.text] ?? content, blocks: blocks)
                }
            }
        }

        /// A name's value: its first part in the innermost value that has it, the other parts
        /// inside that one.
        func lookup(_ path: [String]) -> TemplateValue? {
            guard let first = path.first else { return stack.last }
            for value in stack.reversed() {
                guard case .object(let values) = value, var found = values[first] else { continue }
                for part in path.dropFirst() {
                    guard case .object(let inner) = found, let next = inner[part] else { return nil }
                    found = next
                }
                return found
            }
            return nil
        }

        mutating func append(_ text: String) {
            var text = text
            text.withUTF8 { output.append(contentsOf: $0) }
        }
    }
}
