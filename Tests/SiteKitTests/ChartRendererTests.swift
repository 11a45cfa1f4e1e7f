import Foundation
import Testing
@testable import SiteKit

/// ```` ```chart ```` blocks: parsed from settings and CSV, drawn as inline SVG with a text
/// alternative and a data table, in the page's language; bad blocks are errors naming the line.
@Suite("ChartRenderer")
struct ChartRendererTests {
    static let bulgarian = ChartRenderer.Labels(
        figure: "Фигура {n}", data: "Данни към фигура {n}", barChart: "Стълбовидна диаграма", timelineChart: "График",
        decimalSeparator: ",", thousandsSeparator: "\u{00A0}", groupingMinimumDigits: 5)

    func render(_ body: String, language: String = "bg") throws -> RenderedPage {
        let path = "guide/01-x.\(language).md"
        let (_, pages) = try renderPages([(path, page("title: Страница", body))])
        return try #require(pages[path])
    }

    static let population = """
        ```chart
        type: bar
        title: Население по общини
        unit: души

        Община,Население
        Видин,48000
        Бойница,780
        ```
        """

    @Test("a bar chart becomes a figure with an SVG, a caption, a text alternative and the data as a table")
    func barFigure() throws {
        let page = try render("Текст.\n\n" + Self.population + "\n\nСлед фигурата.\n")
        #expect(page.diagnostics.isEmpty, "\(page.diagnostics)")
        let html = page.html
        #expect(!html.contains("<pre"), "the chart block was left as code")
        #expect(html.contains("<div class=\"chart chart-bar\">\n<figure>"))
        #expect(html.contains("<svg class=\"chart-drawing\" role=\"img\" aria-label=\"Население по общини. Стълбовидна диаграма. Видин: 48\u{00A0}000 души; Бойница: 780 души.\""))
        #expect(html.contains("<title>Население по общини</title>"))
        #expect(html.contains("<figcaption><span class=\"chart-number\">Фигура 1.</span> Население по общини</figcaption>"))
        #expect(html.contains("<caption>Данни към фигура 1</caption>"))
        #expect(html.contains("<tr><th scope=\"row\">Видин</th><td class=\"number\">48\u{00A0}000</td></tr>"))
        // The table scrolls in its own region, named by its caption and the chart's title.
        #expect(html.contains("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Данни към фигура 1. Население по общини\"><table>"))
        // Two bars; the longer value has the longer bar.
        let widths = try Self.barWidths(html)
        #expect(widths.count == 2)
        #expect(widths[0] > widths[1] * 50)
        #expect(html.contains("<p>След фигурата.</p>"))
        #expect(!html.contains("<script"))
    }

    @Test("English pages get English number formatting and texts")
    func english() throws {
        let page = try render(Self.population.replacingOccurrences(of: "души", with: "people"), language: "en")
        #expect(page.html.contains("Bar chart. Видин: 48,000 people; Бойница: 780 people."))
        #expect(page.html.contains("Figure 1."))
    }

    @Test("several series get a legend, one colour class each, and every value in the alternative")
    func groupedBars() throws {
        let page = try render("""
            ```chart
            type: bar
            title: Показатели
            alt: Свой текст за фигурата.

            Показател,България,ЕС
            Умения,35.5,55.6
            Услуги,91.9,85.4
            ```
            """)
        let html = page.html
        #expect(html.contains("aria-label=\"Показатели. Свой текст за фигурата.\""))
        #expect(html.contains("<desc>Свой текст за фигурата.</desc>"))
        #expect(html.components(separatedBy: "class=\"chart-series-1\"").count - 1 == 3, "legend swatch and two bars")
        #expect(html.components(separatedBy: "class=\"chart-series-2\"").count - 1 == 3)
        #expect(html.contains(">България</text>") && html.contains(">ЕС</text>"))
        #expect(html.contains("<td class=\"number\">35,5</td><td class=\"number\">55,6</td>"))
        #expect(html.contains("<th scope=\"col\">Показател</th><th scope=\"col\">България</th><th scope=\"col\">ЕС</th>"))
    }

    @Test("a timeline draws each row from its start to its end on a numbered axis")
    func timeline() throws {
        let page = try render("""
            ```chart
            type: timeline
            title: План
            unit: месец

            Стъпка,Начало,Край
            Мандат,0,1
            Оценка,1,3
            Приемане,7,9
            ```
            """)
        #expect(page.diagnostics.isEmpty, "\(page.diagnostics)")
        let html = page.html
        #expect(html.contains("График. Мандат: 0–1 месец; Оценка: 1–3 месец; Приемане: 7–9 месец."))
        let widths = try Self.barWidths(html)
        #expect(widths.count == 3)
        #expect(abs(widths[1] - 2 * widths[0]) < 0.5, "a two-month step is twice as long as a one-month step: \(widths)")
        for month in 0...9 { #expect(html.contains(">\(month)</text>"), "no tick for month \(month)") }
    }

    @Test("a long label breaks into lines that fit beside the bars instead of running off the drawing")
    func longLabels() throws {
        let label = "Хора на възраст 16–74 г. с поне основни цифрови умения в процент от населението"
        let page = try render("```chart\ntype: bar\ntitle: Т\n\nПоказател,Стойност\n\(label),35.5\nУслуги,91.9\n```\n")
        let html = page.html
        let lines = html.components(separatedBy: "<tspan ").dropFirst().compactMap { part -> String? in
            guard let start = part.firstIndex(of: ">"), let end = part.range(of: "</tspan>") else { return nil }
            return String(part[part.index(after: start)..<end.lowerBound])
        }
        #expect(lines.count >= 2, "the long label was not broken: \(html)")
        #expect(lines.joined(separator: " ") == label)
        for line in lines { #expect(ChartRenderer.textWidth(line) <= Double(ChartRenderer.width) * 0.4) }
        // Every label starts inside the drawing: the label column is as wide as its widest line.
        let xs = html.components(separatedBy: "chart-label\" x=\"").dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
        let longest = lines.map(ChartRenderer.textWidth).max() ?? 0
        for x in xs { #expect(x - longest >= 0, "a label starts left of the drawing") }
        #expect(ChartRenderer.wrap("Дума", width: 1) == ["Дума"])
    }

    @Test("Bulgarian text with quotes and markup characters is escaped in the SVG and the table")
    func escaping() throws {
        let page = try render("""
            ```chart
            type: bar
            title: <b>„Нашият Видин“</b> & още

            Село,"Сума, лв."
            "Гъмзово, ""голямо\"\"\",15000
            ```
            """)
        let html = page.html
        #expect(!html.contains("<b>"))
        #expect(html.contains("&lt;b&gt;„Нашият Видин“&lt;/b&gt; &amp; още"))
        #expect(html.contains("<th scope=\"row\">Гъмзово, &quot;голямо&quot;</th>") || html.contains("<th scope=\"row\">Гъмзово, \"голямо\"</th>"))
        #expect(html.contains("<th scope=\"col\">Сума, лв.</th>"))
    }

    @Test("an unusable block is an error at its line in the file, with a hint, and stays as code")
    func errors() throws {
        let cases: [(String, Int, String)] = [
            ("type: pie\ntitle: X\n\nA,B\nx,1", 1, "unknown chart type 'pie'"),
            ("title: X\n\nA,B\nx,1", 1, "no 'type'"),
            ("type: bar\n\nA,B\nx,1", 1, "no 'title'"),
            ("type: bar\ntitle: X\ncolour: red\n\nA,B\nx,1", 3, "unknown chart setting 'colour'"),
            ("type: bar\ntitle: X\n\nA,B\nx,1\ny,1 200", 6, "'1 200' is not a number"),
            ("type: bar\ntitle: X\n\nA,B\nx,1\ny,2,3", 6, "this row has 3 fields, the header has 2"),
            ("type: bar\ntitle: X\n\nA,B\nx,-1", 5, "negative"),
            ("type: timeline\ntitle: X\n\nA,B,C\nx,3,1", 5, "ends (1) before it starts (3)"),
            ("type: timeline\ntitle: X\n\nA,B\nx,1", 4, "exactly three columns"),
            ("type: bar\ntitle: X\n\nA,B", 4, "no rows"),
            ("type: bar\ntitle: X", 2, "no data"),
        ]
        for (block, line, message) in cases {
            // The fence is on line 3 of the body (after „Текст.“ and a blank line); the body starts
            // on line 5 of the file (three front-matter lines and a blank line before it).
            let page = try render("Текст.\n\n```chart\n\(block)\n```\n")
            let problem = try #require(page.diagnostics.first, "no error for \(block)")
            #expect(page.diagnostics.count == 1)
            #expect(problem.severity == .error)
            #expect(problem.file.hasSuffix("guide/01-x.bg.md"))
            #expect(problem.line == 7 + line, "\(problem) for \(block)")
            #expect(problem.message.contains(message), "\(problem.message)")
            #expect(problem.hint?.isEmpty == false)
            #expect(page.html.contains("<pre><code class=\"language-chart\">"))
        }
    }

    @Test("other code blocks are left alone")
    func otherCode() throws {
        let page = try render("```csv\nA,B\nx,1\n```\n")
        #expect(page.html.contains("<pre><code class=\"language-csv\">A,B"))
        #expect(page.diagnostics.isEmpty)
    }

    @Test("numbers keep their decimals and get separators only from the language's minimum")
    func numberFormat() {
        let bg = ChartRenderer(labels: Self.bulgarian), en = ChartRenderer(labels: .english)
        func number(_ text: String) -> ChartRenderer.Number { ChartRenderer.parseNumber(text)! }
        #expect(bg.format(number("1700")) == "1700")
        #expect(bg.format(number("48000")) == "48\u{00A0}000")
        #expect(bg.format(number("1234567.25")) == "1\u{00A0}234\u{00A0}567,25")
        #expect(bg.format(number("0.37")) == "0,37")
        #expect(bg.format(number("-2.5")) == "−2,5")
        #expect(en.format(number("1700")) == "1,700")
        #expect(en.format(number("35.50")) == "35.50")
        for bad in ["", "1,5", "1.2.3", "abc", "1e5", ".5", "5.", "١٢"] { #expect(ChartRenderer.parseNumber(bad) == nil, "\(bad)") }
    }

    @Test("the same block gives the same bytes; a large table stays linear")
    func deterministicAndLarge() throws {
        let rows = (1...2000).map { "Ред \($0),\($0)" }.joined(separator: "\n")
        let block = "```chart\ntype: bar\ntitle: Много\n\nA,B\n\(rows)\n```\n"
        let first = try render(block), second = try render(block)
        #expect(first.html == second.html)
        #expect(try Self.barWidths(first.html).count == 2000)
    }

    /// The widths of the bars (`<rect>` without a legend's fixed 14-unit size), in order.
    static func barWidths(_ html: String) throws -> [Double] {
        var widths: [Double] = []
        for part in html.components(separatedBy: "<rect ").dropFirst() {
            guard let start = part.range(of: "width=\""), let end = part[start.upperBound...].firstIndex(of: "\"") else { continue }
            let height = part.range(of: "height=\"14\"")
            if height != nil, part[start.upperBound..<end] == "14" { continue }
            widths.append(try #require(Double(part[start.upperBound..<end])))
        }
        return widths
    }

    @Test("a build draws the chart into the page and its print version with the theme's texts; a bad chart stops the build and keeps the previous site")
    func throughTheBuild() throws {
        let chart = "\n```chart\ntype: bar\ntitle: Проба\n\nОбщина,Жители\nБойница,780\nВидин,48000\n```\n"
        let built = try buildFixture("basic") { content in
            let file = content.appendingPathComponent("guide/01-first-steps.bg.md")
            try Data((try String(contentsOf: file, encoding: .utf8) + chart).utf8).write(to: file)
        }
        #expect(built.report.succeeded, "\(built.report.diagnostics.listing)")
        let page = try #require(built.text("guide/parvi-stapki/index.html"))
        #expect(page.contains("<div class=\"chart chart-bar\">\n<figure>"))
        #expect(page.contains("Фигура 1."), "the Bulgarian theme's figure label")
        #expect(page.contains("48\u{00A0}000"))
        let print = try #require(built.text("print/index.html"))
        #expect(print.contains("<div class=\"chart chart-bar\">\n<figure>"))
        let before = snapshot(built.output)

        let broken = built.content.appendingPathComponent("guide/01-first-steps.bg.md")
        let text = try String(contentsOf: broken, encoding: .utf8).replacingOccurrences(of: "Видин,48000", with: "Видин,много")
        try Data(text.utf8).write(to: broken)
        let second = SiteBuilder.build(buildOptions(content: built.content, output: built.output))
        #expect(!second.succeeded)
        let error = try #require(second.diagnostics.errors.first, "\(second.diagnostics.listing)")
        #expect(error.file.hasSuffix("guide/01-first-steps.bg.md"))
        let expectedLine = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "Видин,много" }.map { $0 + 1 }
        #expect(error.line == expectedLine, "\(error)")
        #expect(error.message.contains("'много' is not a number"))
        #expect(snapshot(built.output) == before, "the previous site changed")
    }
}
