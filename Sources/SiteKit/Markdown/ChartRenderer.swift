/// Figures drawn from data: a fenced block ```` ```chart ```` holding a few `key: value` lines, a
/// blank line and CSV becomes, at build time, a `<figure>` with an inline SVG drawing and a text
/// alternative, followed by the same data as a table. No script; colours come from the theme's CSS
/// (classes `chart-series-N`, `chart-text`, …), so the figure follows the page's colours on
/// screen, in dark mode and in print, and stays sharp at any size.
///
///     ```chart
///     type: bar
///     title: Население по общини, 2021 г.
///     unit: души
///
///     Община,Население
///     Видин,51 234
///     ```
///
/// Types: `bar` (horizontal bars; one or more numeric columns, each a series) and `timeline`
/// (one bar per row from the `start` column to the `end` column, e.g. months of a plan).
public struct ChartRenderer: Sendable {
    /// Texts of the figure in the page's language.
    public struct Labels: Sendable {
        /// „Фигура {n}“ — `{n}` is the figure's number on the page.
        public var figure: String
        /// The caption of the data table: „Данни към фигура {n}“.
        public var data: String
        public var barChart: String
        public var timelineChart: String
        public var decimalSeparator: String
        public var thousandsSeparator: String
        /// Numbers with at least this many digits before the decimal point get thousands
        /// separators (Bulgarian: 5, so „1700“ but „48 000“; English: 4).
        public var groupingMinimumDigits: Int

        public init(figure: String, data: String, barChart: String, timelineChart: String,
                    decimalSeparator: String, thousandsSeparator: String, groupingMinimumDigits: Int) {
            self.figure = figure
            self.data = data
            self.barChart = barChart
            self.timelineChart = timelineChart
            self.decimalSeparator = decimalSeparator
            self.thousandsSeparator = thousandsSeparator
            self.groupingMinimumDigits = groupingMinimumDigits
        }

        public static let english = Labels(figure: "Figure {n}", data: "Data for figure {n}", barChart: "Bar chart",
                                           timelineChart: "Timeline", decimalSeparator: ".", thousandsSeparator: ",",
                                           groupingMinimumDigits: 4)
    }

    public enum Kind: String, Sendable, CaseIterable {
        case bar, timeline
    }

    /// A number as the editor wrote it: its value and how many decimals to show.
    public struct Number: Sendable, Equatable {
        public var value: Double
        public var decimals: Int
    }

    public struct Chart: Sendable, Equatable {
        public var kind: Kind
        public var title: String
        /// The editor's text alternative; without one the renderer describes the data.
        public var alt: String?
        /// The unit of the values (bar) or of the axis (timeline), e.g. „души“, „месец“.
        public var unit: String?
        /// The CSV header: the label column's name, then the value columns' names.
        public var columns: [String]
        /// The first column of each row.
        public var labels: [String]
        /// The other columns of each row.
        public var values: [[Number]]
    }

    /// A problem in a chart block; `line` counts from 1 at the block's first content line.
    public struct Problem: Error, Sendable, Equatable {
        public var line: Int
        public var message: String
        public var hint: String
    }

    static let keys = ["type", "title", "alt", "unit"]

    // MARK: - Parsing

    public static func parse(_ text: String) -> Result<Chart, Problem> {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        if lines.last?.isEmpty == true { lines.removeLast() }
        var settings: [String: String] = [:]
        var index = 0
        while index < lines.count, !lines[index].trimmingCharacters(in: .whitespaces).isEmpty {
            let line = lines[index]
            guard let colon = line.firstIndex(of: ":") else {
                return .failure(Problem(line: index + 1, message: "the chart's settings must be 'key: value' lines, not '\(line.prefix(40))'",
                                        hint: "start the block with 'type: bar' and 'title: …', then a blank line, then the CSV"))
            }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            guard keys.contains(key) else {
                return .failure(Problem(line: index + 1, message: "unknown chart setting '\(key)'",
                                        hint: "use \(keys.map { "'\($0)'" }.joined(separator: ", "))"))
            }
            settings[key] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            index += 1
        }
        guard let typeText = settings["type"] else {
            return .failure(Problem(line: 1, message: "the chart has no 'type'",
                                    hint: "add 'type: bar' or 'type: timeline' as its first line"))
        }
        guard let kind = Kind(rawValue: typeText.lowercased()) else {
            return .failure(Problem(line: 1, message: "unknown chart type '\(typeText)'",
                                    hint: "use \(Kind.allCases.map { "'\($0.rawValue)'" }.joined(separator: " or "))"))
        }
        guard let title = settings["title"], !title.isEmpty else {
            return .failure(Problem(line: 1, message: "the chart has no 'title'",
                                    hint: "add 'title: …': it is the figure's caption and the start of its text alternative"))
        }
        while index < lines.count, lines[index].trimmingCharacters(in: .whitespaces).isEmpty { index += 1 }
        guard index < lines.count else {
            return .failure(Problem(line: lines.count, message: "the chart has no data",
                                    hint: "after a blank line, add a CSV header line and one line per row"))
        }
        let columns = csvFields(lines[index]).map { $0.trimmingCharacters(in: .whitespaces) }
        let headerLine = index + 1
        switch kind {
        case .bar where columns.count < 2:
            return .failure(Problem(line: headerLine, message: "a bar chart needs a label column and at least one value column",
                                    hint: "write a header such as 'Община,Население'"))
        case .timeline where columns.count != 3:
            return .failure(Problem(line: headerLine, message: "a timeline needs exactly three columns: label, start, end",
                                    hint: "write a header such as 'Стъпка,Начало,Край'"))
        default: break
        }
        var labels: [String] = [], values: [[Number]] = []
        index += 1
        while index < lines.count {
            let line = lines[index]
            index += 1
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let fields = csvFields(line).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == columns.count else {
                return .failure(Problem(line: index, message: "this row has \(fields.count) fields, the header has \(columns.count)",
                                        hint: "put a value in every column; quote a text that contains a comma: \"Ново село, общо\""))
            }
            var numbers: [Number] = []
            for field in fields.dropFirst() {
                guard let number = parseNumber(field) else {
                    return .failure(Problem(line: index, message: "'\(field.prefix(40))' is not a number",
                                            hint: "write numbers with a dot for decimals and no thousands separators: 35.5, 48000"))
                }
                if kind == .bar, number.value < 0 {
                    return .failure(Problem(line: index, message: "a bar chart cannot show the negative value '\(field)'",
                                            hint: "show changes as a table instead"))
                }
                numbers.append(number)
            }
            if kind == .timeline, numbers[1].value < numbers[0].value {
                return .failure(Problem(line: index, message: "the row ends (\(fields[2])) before it starts (\(fields[1]))",
                                        hint: "the second column is the start, the third the end"))
            }
            labels.append(fields[0])
            values.append(numbers)
        }
        guard !labels.isEmpty else {
            return .failure(Problem(line: headerLine, message: "the chart has a header but no rows",
                                    hint: "add one line per bar below the header"))
        }
        return .success(Chart(kind: kind, title: title, alt: settings["alt"].flatMap { $0.isEmpty ? nil : $0 },
                              unit: settings["unit"].flatMap { $0.isEmpty ? nil : $0 },
                              columns: columns, labels: labels, values: values))
    }

    /// The fields of one CSV line: commas separate, double quotes enclose a field that holds a
    /// comma, and `""` inside quotes is a quote.
    static func csvFields(_ line: String) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var iterator = Array(line).makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    let next = iterator.next()
                    if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                } else {
                    field.append(character)
                }
            } else if character == "\"", field.trimmingCharacters(in: .whitespaces).isEmpty {
                field = ""
                quoted = true
            } else if character == "," {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
        }
        fields.append(field)
        return fields
    }

    /// `48000`, `35.5`, `-2`: digits with an optional sign and one decimal point.
    static func parseNumber(_ text: String) -> Number? {
        var digits = text[...]
        if digits.hasPrefix("-") || digits.hasPrefix("+") { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              parts.count == 1 || !parts[1].isEmpty, parts[0].count <= 15, let value = Double(text) else { return nil }
        return Number(value: value, decimals: parts.count == 2 ? parts[1].count : 0)
    }

    // MARK: - Rendering

    public let labels: Labels

    public init(labels: Labels) { self.labels = labels }

    /// The renderer's hook for ```` ```chart ```` blocks, with the chart texts of each language.
    public static func codeBlockHook(labels: [String: Labels]) -> MarkdownRenderer.CodeBlockHook {
        MarkdownRenderer.CodeBlockHook { code, language in
            switch parse(code) {
            case .success(let chart):
                let renderer = ChartRenderer(labels: labels[language] ?? .english)
                return .success { number in renderer.render(chart, number: number) }
            case .failure(let problem):
                return .failure(.init(line: problem.line, message: problem.message, hint: problem.hint))
            }
        }
    }

    /// A number in the page's language: „48 000“, „35,5“; „48,000“, „35.5“.
    public func format(_ number: Number) -> String {
        let negative = number.value < 0
        let fixed = Self.fixed(abs(number.value), decimals: number.decimals)
        let parts = fixed.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0])
        if whole.count >= labels.groupingMinimumDigits {
            var grouped = ""
            for (offset, digit) in whole.enumerated() {
                if offset > 0, (whole.count - offset) % 3 == 0 { grouped += labels.thousandsSeparator }
                grouped.append(digit)
            }
            whole = grouped
        }
        let text = parts.count == 2 ? whole + labels.decimalSeparator + parts[1] : whole
        return (negative ? "−" : "") + text
    }

    /// `value` with exactly `decimals` decimals, rounded half away from zero, without Foundation's
    /// locale-dependent formatting.
    static func fixed(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (value * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 1e15 else { return String(Int64(value)) }
        let integer = Int64(scaled)
        guard decimals > 0 else { return String(integer) }
        var fraction = String(integer % Int64(scale))
        while fraction.count < decimals { fraction = "0" + fraction }
        return "\(integer / Int64(scale)).\(fraction)"
    }

    /// The whole figure: drawing and caption, then the data table. `number` is the figure's
    /// number as shown („2“ on a page, „4.2“ in the print book).
    public func render(_ chart: Chart, number: String) -> String {
        let figureName = labels.figure.filling(with: number)
        let drawing = chart.kind == .bar ? barSVG(chart) : timelineSVG(chart)
        let alternative = chart.alt ?? describe(chart)
        // The table follows the figure rather than sitting inside it: a figure's caption must be
        // its first or last child.
        var html = "<div class=\"chart chart-\(chart.kind.rawValue)\">\n<figure>\n"
        html += "<svg class=\"chart-drawing\" role=\"img\" aria-label=\"\(HTML.escape(chart.title + ". " + alternative))\" "
        html += "viewBox=\"0 0 \(Self.width) \(drawing.height)\" xmlns=\"http://www.w3.org/2000/svg\">"
        html += "<title>\(HTML.escape(chart.title))</title><desc>\(HTML.escape(alternative))</desc>\n"
        html += drawing.body
        html += "</svg>\n"
        html += "<figcaption><span class=\"chart-number\">\(HTML.escape(figureName)).</span> \(HTML.escape(chart.title))</figcaption>\n</figure>\n"
        html += table(chart, caption: labels.data.filling(with: number))
        html += "</div>\n"
        return html
    }

    /// The data as the editor wrote it, with numbers in the page's language, in a scroll region
    /// named by the caption and the chart's title (a wide table scrolls on a phone, not the page).
    func table(_ chart: Chart, caption: String) -> String {
        // The region's name adds the title: the print book holds several figures numbered 1.
        var html = "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"\(HTML.escape(caption + ". " + chart.title))\">"
        html += "<table>\n<caption>\(HTML.escape(caption))</caption>\n<thead>\n<tr>"
        for column in chart.columns { html += "<th scope=\"col\">\(HTML.escape(column))</th>" }
        html += "</tr>\n</thead>\n<tbody>\n"
        for (label, values) in zip(chart.labels, chart.values) {
            html += "<tr><th scope=\"row\">\(HTML.escape(label))</th>"
            for value in values { html += "<td class=\"number\">\(format(value))</td>" }
            html += "</tr>\n"
        }
        html += "</tbody>\n</table></div>\n"
        return html
    }

    /// The generated text alternative: the kind of chart and every row's values.
    func describe(_ chart: Chart) -> String {
        let unit = chart.unit.map { " " + $0 } ?? ""
        let rows = zip(chart.labels, chart.values).map { label, values -> String in
            switch chart.kind {
            case .bar:
                if values.count == 1 { return "\(label): \(format(values[0]))\(unit)" }
                let parts = zip(chart.columns.dropFirst(), values).map { "\($0) \(format($1))" }
                return "\(label): \(parts.joined(separator: ", "))\(unit)"
            case .timeline:
                return "\(label): \(format(values[0]))–\(format(values[1]))\(unit)"
            }
        }
        let kind = chart.kind == .bar ? labels.barChart : labels.timelineChart
        return "\(kind). " + rows.joined(separator: "; ") + "."
    }

    static let width = 640
    static let fontSize = 15.0
    static let textPadding = 8.0

    /// A rough width of `text` at the chart's font size: enough to leave room for labels without
    /// measuring glyphs (the drawing is scaled as a whole, so labels keep their place).
    static func textWidth(_ text: String) -> Double {
        Double(text.count) * fontSize * 0.6
    }

    static let lineHeight = 18.0

    /// `text` broken at spaces into lines no wider than `width` (a single long word stays whole).
    static func wrap(_ text: String, width: Double) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if !line.isEmpty, textWidth(candidate) > width {
                lines.append(line)
                line = String(word)
            } else {
                line = candidate
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// A right-aligned label of one or more lines, centred vertically on `middle`.
    static func label(_ lines: [String], right: Double, middle: Double) -> String {
        let first = middle - Double(lines.count - 1) * lineHeight / 2 + 5
        var text = "<text class=\"chart-text chart-label\" x=\"\(number(right))\" y=\"\(number(first))\" text-anchor=\"end\">"
        for (index, line) in lines.enumerated() {
            if lines.count == 1 {
                text += HTML.escape(line)
            } else {
                text += "<tspan x=\"\(number(right))\" dy=\"\(index == 0 ? "0" : number(lineHeight))\">\(HTML.escape(line))</tspan>"
            }
        }
        return text + "</text>"
    }

    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    func barSVG(_ chart: Chart) -> (body: String, height: Int) {
        let series = chart.columns.count - 1
        let unit = chart.unit.map { " " + $0 } ?? ""
        let barHeight = 18.0, innerGap = 3.0, groupGap = 12.0
        let legendHeight = series > 1 ? Double(series) * 22 + 8 : 0
        let wrapped = chart.labels.map { Self.wrap($0, width: Double(Self.width) * 0.4 - Self.textPadding * 2) }
        let labelWidth = (wrapped.joined().map(Self.textWidth).max() ?? 0) + Self.textPadding * 2
        let valueTexts = chart.values.map { $0.map { format($0) + unit } }
        let valueWidth = (valueTexts.joined().map(Self.textWidth).max() ?? 0) + Self.textPadding * 2
        let plotWidth = max(80, Double(Self.width) - labelWidth - valueWidth)
        let maximum = chart.values.joined().map(\.value).max() ?? 0
        let scale = maximum > 0 ? plotWidth / maximum : 0
        var body = ""
        if series > 1 {
            for (offset, name) in chart.columns.dropFirst().enumerated() {
                let y = Double(offset) * 22 + 4
                body += "<rect class=\"chart-series-\(offset % 4 + 1)\" x=\"\(Self.number(labelWidth))\" y=\"\(Self.number(y))\" width=\"14\" height=\"14\"/>"
                body += "<text class=\"chart-text\" x=\"\(Self.number(labelWidth + 20))\" y=\"\(Self.number(y + 12))\">\(HTML.escape(name))</text>\n"
            }
        }
        var y = legendHeight + groupGap / 2
        for row in chart.labels.indices {
            let barsHeight = Double(series) * barHeight + Double(series - 1) * innerGap
            let groupHeight = max(barsHeight, Double(wrapped[row].count) * Self.lineHeight)
            body += Self.label(wrapped[row], right: labelWidth - Self.textPadding, middle: y + groupHeight / 2) + "\n"
            y += (groupHeight - barsHeight) / 2
            for (offset, value) in chart.values[row].enumerated() {
                let length = value.value * scale
                body += "<rect class=\"chart-series-\(offset % 4 + 1)\" x=\"\(Self.number(labelWidth))\" y=\"\(Self.number(y))\" width=\"\(Self.number(length))\" height=\"\(Self.number(barHeight))\"/>"
                body += "<text class=\"chart-text chart-value\" x=\"\(Self.number(labelWidth + length + 6))\" y=\"\(Self.number(y + barHeight - 4))\">\(HTML.escape(valueTexts[row][offset]))</text>\n"
                y += barHeight + innerGap
            }
            y += (groupHeight - barsHeight) / 2 + groupGap - innerGap
        }
        body += "<line class=\"chart-axis\" x1=\"\(Self.number(labelWidth))\" y1=\"\(Self.number(legendHeight))\" x2=\"\(Self.number(labelWidth))\" y2=\"\(Self.number(y - groupGap / 2))\"/>\n"
        return (body, Int((y).rounded(.up)))
    }

    func timelineSVG(_ chart: Chart) -> (body: String, height: Int) {
        let barHeight = 20.0, gap = 8.0, axisHeight = 30.0
        let wrapped = chart.labels.map { Self.wrap($0, width: Double(Self.width) * 0.45 - Self.textPadding * 2) }
        let labelWidth = (wrapped.joined().map(Self.textWidth).max() ?? 0) + Self.textPadding * 2
        let rowHeights = wrapped.map { max(barHeight, Double($0.count) * Self.lineHeight) }
        let plotLeft = labelWidth, plotWidth = Double(Self.width) - labelWidth - 12
        let starts = chart.values.map { $0[0].value }, ends = chart.values.map { $0[1].value }
        let low = (starts.min() ?? 0).rounded(.down), high = max((ends.max() ?? 1).rounded(.up), low + 1)
        let step = max(1, ((high - low) / 12).rounded(.up))
        func x(_ value: Double) -> Double { plotLeft + (value - low) / (high - low) * plotWidth }
        let plotBottom = axisHeight + rowHeights.reduce(0, +) + Double(chart.labels.count) * gap
        var body = ""
        var tick = low
        while tick <= high {
            body += "<line class=\"chart-grid\" x1=\"\(Self.number(x(tick)))\" y1=\"\(Self.number(axisHeight - 6))\" x2=\"\(Self.number(x(tick)))\" y2=\"\(Self.number(plotBottom))\"/>"
            body += "<text class=\"chart-text chart-tick\" x=\"\(Self.number(x(tick)))\" y=\"\(Self.number(axisHeight - 12))\" text-anchor=\"middle\">\(format(Number(value: tick, decimals: 0)))</text>\n"
            tick += step
        }
        if let unit = chart.unit {
            body += "<text class=\"chart-text chart-tick\" x=\"\(Self.number(plotLeft - Self.textPadding))\" y=\"\(Self.number(axisHeight - 12))\" text-anchor=\"end\">\(HTML.escape(unit))</text>\n"
        }
        var y = axisHeight + gap / 2
        for row in chart.labels.indices {
            let start = chart.values[row][0].value, end = chart.values[row][1].value
            let middle = y + rowHeights[row] / 2
            body += Self.label(wrapped[row], right: labelWidth - Self.textPadding, middle: middle)
            body += "<rect class=\"chart-series-1\" x=\"\(Self.number(x(start)))\" y=\"\(Self.number(middle - barHeight / 2))\" width=\"\(Self.number(max(2, x(end) - x(start))))\" height=\"\(Self.number(barHeight))\"/>\n"
            y += rowHeights[row] + gap
        }
        return (body, Int(plotBottom.rounded(.up)))
    }
}
