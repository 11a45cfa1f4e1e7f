import Testing
@testable import SiteKit

/// The theme's template engine: the Mustache a theme author writes renders as the Mustache
/// spec says (for the parts the engine supports), and mistakes are errors at their line.
@Suite("Templates")
struct TemplateTests {
    func render(_ templates: [String: String], _ name: String = "page", _ values: [String: Any]) throws -> String {
        var library = TemplateLibrary()
        for (key, text) in templates { library.templates[key] = try Template(text) }
        return String(decoding: library.render(name, TemplateValue(values)), as: UTF8.self)
    }

    func render(_ text: String, _ values: [String: Any] = [:]) throws -> String {
        try render(["page": text], "page", values)
    }

    @Test("{{name}} escapes & < > \" ' in any text, {{{name}}} and {{&name}} print it as it is")
    func escaping() throws {
        let values: [String: Any] = ["x": "Тест & <b>\"a\" 'b'</b> е́"]
        #expect(try render("{{x}}", values) == "Тест &amp; &lt;b&gt;&quot;a&quot; &#39;b&#39;&lt;/b&gt; е́")
        #expect(try render("{{{x}}}|{{& x}}", values) == "Тест & <b>\"a\" 'b'</b> е́|Тест & <b>\"a\" 'b'</b> е́")
        #expect(try render("[{{missing}}][{{a.b.c}}]") == "[][]")
    }

    @Test("sections: a list repeats, an object or text opens, false, absent, empty text and empty list skip; ^ inverts")
    func sections() throws {
        let values: [String: Any] = [
            "items": [["n": "1"], ["n": "2"]], "empty": [[String: Any]](), "blank": "", "yes": true, "no": false,
            "person": ["name": "Ана"], "word": "дума",
        ]
        #expect(try render("{{#items}}<{{n}}>{{/items}}", values) == "<1><2>")
        #expect(try render("{{#empty}}x{{/empty}}{{^empty}}none{{/empty}}", values) == "none")
        #expect(try render("{{#blank}}x{{/blank}}{{^blank}}blank{{/blank}}", values) == "blank")
        #expect(try render("{{#yes}}y{{/yes}}{{#no}}n{{/no}}{{^no}}!n{{/no}}{{^yes}}!y{{/yes}}", values) == "y!n")
        #expect(try render("{{#person}}{{name}} {{word}}{{/person}}", values) == "Ана дума")
        #expect(try render("{{#word}}[{{.}}]{{/word}}{{#missing}}m{{/missing}}{{^missing}}-{{/missing}}", values) == "[дума]-")
        // Every list gets its has… flag.
        #expect(try render("{{#hasItems}}h{{/hasItems}}{{^hasEmpty}}e{{/hasEmpty}}", values) == "he")
    }

    @Test("a dotted name is looked up from the innermost value that has its first part, then inside it")
    func dottedNames() throws {
        let values: [String: Any] = ["t": ["next": "Следваща"], "a": ["b": ["c": "deep"]], "list": [["t": ["next": "inner"]], ["x": "1"]]]
        #expect(try render("{{t.next}} {{a.b.c}} {{a.b}}", values) == "Следваща deep ")
        #expect(try render("{{#list}}{{t.next}};{{/list}}", values) == "inner;Следваща;")
        // Found `a`, but not `a.x`: nothing, not a look further out.
        #expect(try render("{{#a}}{{b.x}}{{/a}}", ["a": ["b": ["c": "1"]], "b": ["x": "outer"]]) == "")
    }

    @Test("a line holding only a section, comment, partial or block tag leaves no blank line")
    func standaloneLines() throws {
        let text = "<ul>\n  {{#items}}\n  <li>{{n}}</li>\n  {{/items}}\n  {{! a note\n over two lines }}\n</ul>\n{{> footer}}\nend {{#yes}}inline{{/yes}}\n"
        let output = try render(["page": text, "footer": "<footer>\n"], "page", ["items": [["n": "1"], ["n": "2"]], "yes": true])
        #expect(output == "<ul>\n  <li>1</li>\n  <li>2</li>\n</ul>\n<footer>\nend inline\n")
        // Not alone on its line: the spaces and the line break stay.
        #expect(try render("a {{#yes}}\nb{{/yes}} c", ["yes": true]) == "a \nb c")
    }

    @Test("a child template fills its parent's blocks; the most derived template's block wins; partials see the same values")
    func inheritance() throws {
        let templates = [
            "base": "<title>{{$title}}Site{{/title}}</title>\n<main>{{$main}}empty{{/main}}</main>{{> footer}}",
            "section": "{{<base}}{{$main}}<section>{{$inner}}default{{/inner}}</section>{{/main}}{{/base}}",
            "page": "{{<section}}\n{{$inner}}{{text}}{{/inner}}\n{{$title}}{{name}}{{/title}}\nignored\n{{/section}}",
            "footer": "<footer>{{name}}</footer>",
        ]
        #expect(try render(templates, "page", ["name": "Глава", "text": "Текст"])
                == "<title>Глава</title>\n<main><section>Текст</section></main><footer>Глава</footer>")
        #expect(try render(templates, "section", ["name": "x"]) == "<title>Site</title>\n<main><section>default</section></main><footer>x</footer>")
    }

    @Test("text around partials, sections and blocks stays in its place, in a theme laid out once for all pages")
    func textAroundNesting() throws {
        let templates = [
            "page": "A{{> p}}B{{#s}}C{{> p}}{{/s}}D{{^s}}E{{/s}}F{{> p}}",
            "p": "x{{#s}}y{{/s}}z",
            "child": "{{<base}}{{$b}}[{{> p}}]{{/b}}{{/base}}",
            "base": "<{{$b}}default{{/b}}>{{> p}}.",
        ]
        #expect(try render(templates, "page", ["s": true]) == "AxyzBCxyzDFxyz")
        #expect(try render(templates, "page", ["s": false]) == "AxzBDEFxz")
        #expect(try render(templates, "child", ["s": true]) == "<[xyz]>xyz.")
        var library = TemplateLibrary()
        for (key, text) in templates { library.templates[key] = try Template(text) }
        library.link()
        #expect(String(decoding: library.render("page", TemplateValue(["s": false])), as: UTF8.self) == "AxzBDEFxz")
        // A template changed after the layout renders as changed.
        library.templates["p"] = try Template("q")
        #expect(String(decoding: library.render("page", TemplateValue(["s": false])), as: UTF8.self) == "AqBDEFq")
    }

    @Test("delimiters can change, and change back")
    func delimiters() throws {
        #expect(try render("{{=<% %>=}}<% name %> {{name}} <%={{ }}=%>{{name}}", ["name": "N"]) == "N {{name}} N")
    }

    @Test("a template mistake is an error at its line and column, with a hint", arguments: [
        ("<p>\n{{#list}}\n<li>", "'{{#list}}' is never closed", 2, 1),
        ("{{#a}}\n  {{#b}}{{/a}}{{/b}}", "'{{/a}}' closes '{{#b}}' of line 2", 2, 9),
        ("x\n\n{{/a}}", "'{{/a}}' closes nothing", 3, 1),
        ("ok {{title", "the tag '{{' is never closed", 1, 4),
        ("{{{content}}", "the tag '{{{' is never closed", 1, 1),
        ("{{#}}{{/}}", "the tag '{{#}}' has no name", 1, 1),
        ("{{a..b}}", "'a..b' is not a name", 1, 1),
        ("{{=<% %>}}", "is not two delimiters", 1, 1),
    ])
    func syntaxErrors(text: String, message: String, line: Int, column: Int) {
        #expect {
            _ = try Template(text)
        } throws: { error in
            guard let error = error as? Template.SyntaxError else { return false }
            return error.message.contains(message) && error.line == line && error.column == column && !error.hint.isEmpty
        }
    }

    @Test("templates that include each other in a circle are found, each circle once")
    func cycles() throws {
        var library = TemplateLibrary()
        library.templates["a"] = try Template("{{> b}}")
        library.templates["b"] = try Template("{{#x}}{{> a}}{{/x}}")
        library.templates["self"] = try Template("{{<self}}{{/self}}")
        library.templates["fine"] = try Template("{{> b}}")
        #expect(library.cycles == [["a", "b", "a"], ["self", "self"]])
    }
}

/// The table of an object's named values: a page's values are found by name whether the object
/// has a few values (searched in order) or many (found through slots), set again, or merged.
@Suite("Template objects' values")
struct TemplateFieldsTests {
    func text(_ value: TemplateValue?) -> String? {
        if case .text(let text) = value { text } else { nil }
    }

    @Test("every name finds its own value, below and above the size at which slots are made, and others find nothing")
    func lookups() {
        for size in [0, 1, TemplateFields.indexedFrom - 1, TemplateFields.indexedFrom, 40, 300] {
            var fields = TemplateFields()
            for index in 0..<size { fields["name\(index)"] = .text("value \(index)") }
            #expect(fields.count == size)
            for index in 0..<size {
                #expect(text(fields["name\(index)"]) == "value \(index)")
                #expect(text(fields.value("name\(index)", hash: TemplateFields.hash("name\(index)"))) == "value \(index)")
            }
            #expect(fields["name\(size)"] == nil)
            #expect(fields["Name0"] == nil)
            #expect(fields[""] == nil)
        }
    }

    @Test("setting a name again replaces its value; removing one keeps the others; merge takes the other's values")
    func changes() {
        var fields: TemplateFields = ["a": .text("1"), "б": .text("2")]
        for index in 0..<20 { fields["k\(index)"] = .text("\(index)") }
        fields["a"] = .text("one")
        fields["k3"] = .text("three")
        #expect(fields.count == 22)
        #expect(text(fields["a"]) == "one")
        #expect(text(fields["k3"]) == "three")
        fields["k5"] = nil
        #expect(fields["k5"] == nil)
        #expect(fields.count == 21)
        for index in 0..<20 where index != 5 && index != 3 { #expect(text(fields["k\(index)"]) == "\(index)") }
        fields.merge(["б": .text("две"), "new": .text("нов")])
        #expect(text(fields["б"]) == "две")
        #expect(text(fields["new"]) == "нов")
        #expect(fields.entries.map(\.key).prefix(2) == ["a", "б"])
    }

    @Test("names are compared as written: a Cyrillic е is not a Latin e, nor é one written with a combining accent")
    func unicodeNames() {
        let fields: TemplateFields = ["заглавие": .text("bg"), "заглавиe": .text("latin e"), "e\u{301}": .text("combining")]
        #expect(text(fields["заглавие"]) == "bg")
        #expect(text(fields["заглавиe"]) == "latin e")
        #expect(text(fields["e\u{301}"]) == "combining")
        #expect(fields["\u{E9}"] == nil)
    }
}
