/// The compiled templates of a theme, by name, and the renderer that fills them in: straight into
/// UTF-8 bytes, escaping only `& < > " '` of the values printed with `{{name}}`.
struct TemplateLibrary: Sendable {
    var templates: [String: Template] = [:] {
        didSet { program = nil }
    }

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
    /// that every template named exists and that none includes itself. `capacity`: the bytes to
    /// make room for at the start, about the page's size (the output grows by doubling, a copy of
    /// it each time, beyond).
    func render(_ name: String, _ value: TemplateValue, capacity: Int = Self.pageCapacity) -> [UInt8] {
        (program ?? Program(templates)).render(name, value, capacity: capacity)
    }

    /// The room made for a page's bytes unless the caller knows better: more than most pages take.
    static let pageCapacity = 32 * 1024

    /// The templates laid out flat for rendering: made once the templates are all there
    /// (`link()`), or for each render when they were changed since.
    private var program: Program?

    /// Lays the templates out for rendering (see `Program`).
    mutating func link() {
        program = Program(templates)
    }

    /// Every template with its partials and parents put in place, as one flat list of steps with
    /// no references in them: the text as ranges of one byte array, the names as numbers. Pages
    /// render on all cores from the same templates, and walking a tree of nodes (arrays in
    /// enums) retained and released its parts on every page from both cores at once.
    final class Program: Sendable {
        enum Step {
            case text(start: Int, count: Int)
            case variable(name: Int, escaped: Bool)
            /// The section's content is the steps after it, up to `end`.
            case section(name: Int, end: Int, inverted: Bool)
        }

        /// A name to look up: its first part (none for `.`) and the others, each with its hash
        /// (`TemplateFields.hash`).
        struct Name {
            var first: String?
            var firstHash: UInt32
            var rest: [(text: String, hash: UInt32)]
        }

        let steps: [Step]
        let bytes: [UInt8]
        let names: [Name]
        /// Template name → its steps.
        let entries: [String: Range<Int>]

        /// Templates that include each other in a circle (which `Theme.compile` rejects) are cut
        /// off at this depth.
        static let depthLimit = 100

        init(_ templates: [String: Template]) {
            var steps: [Step] = [], bytes: [UInt8] = [], names: [Name] = []
            var nameNumbers: [[String]: Int] = [:]
            var entries: [String: Range<Int>] = [:]
            func number(_ name: Template.Name) -> Int {
                if let number = nameNumbers[name.path] { return number }
                names.append(Name(first: name.path.first, firstHash: name.path.first.map(TemplateFields.hash) ?? 0,
                                  rest: name.path.dropFirst().map { ($0, TemplateFields.hash($0)) }))
                nameNumbers[name.path] = names.count - 1
                return names.count - 1
            }
            // The text step that text coming next joins, if no other step came after it.
            var openText: Int?
            // The steps of `nodes` where `blocks` override the blocks: as `Renderer` renders them.
            func emit(_ nodes: [Template.Node], blocks: [String: [Template.Node]], depth: Int) {
                guard depth < Self.depthLimit else { return }
                for node in nodes {
                    switch node {
                    case .text(let text):
                        // Text right after text (a partial's end and what follows) joins its step.
                        if let last = openText, case .text(let start, let count) = steps[last] {
                            steps[last] = .text(start: start, count: count + text.count)
                        } else {
                            steps.append(.text(start: bytes.count, count: text.count))
                            openText = steps.count - 1
                        }
                        bytes += text
                    case .variable(let name, let escaped):
                        steps.append(.variable(name: number(name), escaped: escaped))
                        openText = nil
                    case .section(let name, let content, let inverted):
                        let at = steps.count
                        steps.append(.section(name: number(name), end: 0, inverted: inverted))
                        openText = nil
                        emit(content, blocks: blocks, depth: depth + 1)
                        steps[at] = .section(name: number(name), end: steps.count, inverted: inverted)
                        openText = nil
                    case .partial(let name):
                        if let template = templates[name.text] { emit(template.nodes, blocks: blocks, depth: depth + 1) }
                    case .parent(let name, let overrides):
                        // The most derived template's blocks win: those from outside over this one's.
                        if let template = templates[name.text] { emit(template.nodes, blocks: overrides.merging(blocks) { $1 }, depth: depth + 1) }
                    case .block(let name, let content):
                        emit(blocks[name.text] ?? content, blocks: blocks, depth: depth + 1)
                    }
                }
            }
            for (name, template) in templates.sorted(by: { $0.key < $1.key }) {
                let start = steps.count
                openText = nil
                emit(template.nodes, blocks: [:], depth: 0)
                entries[name] = start..<steps.count
            }
            self.steps = steps
            self.bytes = bytes
            self.names = names
            self.entries = entries
        }

        func render(_ name: String, _ value: TemplateValue, capacity: Int) -> [UInt8] {
            guard let range = entries[name] else { return [] }
            return steps.withUnsafeBufferPointer { steps in
                bytes.withUnsafeBufferPointer { bytes in
                    names.withUnsafeBufferPointer { names in
                        var renderer = Renderer(steps: steps, bytes: bytes, names: names, stack: [value])
                        renderer.output.reserveCapacity(capacity)
                        renderer.render(range)
                        return renderer.output
                    }
                }
            }
        }
    }

    struct Renderer {
        let steps: UnsafeBufferPointer<Program.Step>
        let bytes: UnsafeBufferPointer<UInt8>
        let names: UnsafeBufferPointer<Program.Name>
        var stack: [TemplateValue]
        var output: [UInt8] = []

        mutating func render(_ range: Range<Int>) {
            var index = range.lowerBound
            while index < range.upperBound {
                switch steps[index] {
                case .text(let start, let count):
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<(start + count)]))
                    index += 1
                case .variable(let name, let escaped):
                    index += 1
                    guard let value = lookup(name) else { continue }
                    switch value {
                    case .text(let text): escaped ? HTML.appendEscaped(text, to: &output, apostrophe: true) : append(text)
                    case .bytes(let bytes):
                        if escaped {
                            bytes.withUnsafeBufferPointer { HTML.appendEscaped(bytes: $0, to: &output, apostrophe: true) }
                        } else {
                            output.append(contentsOf: bytes)
                        }
                    case .flag(let flag): append(flag ? "true" : "false")
                    case .list, .object, .absent: break
                    }
                case .section(let name, let end, let inverted):
                    let content = (index + 1)..<end
                    index = end
                    let value = lookup(name) ?? .absent([])
                    switch value {
                    case .absent, .flag(false):
                        if inverted { render(content) }
                    case .flag(true):
                        if !inverted { render(content) }
                    case .list(let items):
                        guard !inverted else { continue }
                        for item in items {
                            stack.append(item)
                            render(content)
                            stack.removeLast()
                        }
                    case .text, .bytes, .object:
                        guard !inverted else { continue }
                        stack.append(value)
                        render(content)
                        stack.removeLast()
                    }
                }
            }
        }

        /// A name's value: its first part in the innermost value that has it, the other parts
        /// inside that one.
        func lookup(_ number: Int) -> TemplateValue? {
            guard let first = names[number].first else { return stack.last }
            let hash = names[number].firstHash
            var level = stack.count - 1
            while level >= 0 {
                if var found = stack[level].field(first, hash: hash) {
                    for part in names[number].rest {
                        guard let next = found.field(part.text, hash: part.hash) else { return nil }
                        found = next
                    }
                    return found
                }
                level -= 1
            }
            return nil
        }

        mutating func append(_ text: String) {
            var text = text
            text.withUTF8 { output.append(contentsOf: $0) }
        }
    }
}
