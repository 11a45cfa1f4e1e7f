import Foundation

/// Builds the search index of one language: one document per section of every page (a hit on
/// a chapter's section links straight to that section), with the terms of its text, its
/// heading and its page title, analysed by `SearchAnalyzer` exactly as the browser analyses
/// queries.
///
/// What a visitor downloads is kept small: `index.json` holds what ranking needs, and the
/// sections' texts (for the excerpts) are in chunks of `chunkSize` consecutive sections,
/// `text/N.json` (a JSON array of strings; document d is item d % chunkSize of chunk
/// d / chunkSize), fetched only for the results shown. The Latin key of a Cyrillic stem (`transliterate(stem)`, see
/// `SearchAnalyzer`) is not stored: the browser derives it from the Cyrillic terms it has.
///
///     {"version": 1, "language": "bg", "stopWords": [...],
///      "pages": [[title, url], ...],
///      "docs": [[page, heading or "", anchor or "", words], ...],
///      "terms": {"term": [doc gap, tf, doc gap, tf, ...], ...},   // in the section's text
///      "fields": {"term": [doc gap, flags, ...], ...}}            // flags: 1 page title, 2 heading
///
/// Document numbers in postings are gaps from the previous one (the first from 0).
public enum SearchIndexBuilder {
    public static let version = 1

    /// Sections per text chunk: consecutive sections mostly belong to one page, so the results
    /// of a query share chunks, and a site of thousands of pages does not become tens of
    /// thousands of files.
    public static let chunkSize = 8

    public struct Output: Sendable {
        public var index: Data
        /// Chunk number → its JSON array of section texts.
        public var textChunks: [Data]
    }

    public static func build(language: String, pages: [RenderedPage]) -> Output {
        var analyzer = CachingAnalyzer(SearchAnalyzer(language: language))
        var pageRows: [(title: String, url: String)] = []
        var docRows: [(page: Int, heading: String, anchor: String, words: Int)] = []
        var texts: [String] = []
        var terms: [String: [(Int, Int)]] = [:]
        var fields: [String: [(Int, Int)]] = [:]
        for rendered in pages where rendered.page.language == language {
            let pageIndex = pageRows.count
            pageRows.append((rendered.page.title, rendered.page.url))
            let titleTerms = Set(storedTerms(rendered.page.title, &analyzer))
            for section in rendered.sections {
                let doc = docRows.count
                let heading = section.heading?.text ?? ""
                var text = section.text
                if section.heading == nil, let summary = rendered.page.source.frontMatter.summary, !text.contains(summary) {
                    text = summary + " " + text
                }
                let words = SearchNormalizer.words(text)
                docRows.append((pageIndex, heading, section.heading?.id ?? "", words.count))
                texts.append(text)
                var counts: [String: Int] = [:]
                for word in words {
                    for term in analyzer.storedTerms(ofWord: word) { counts[term, default: 0] += 1 }
                }
                for (term, count) in counts { terms[term, default: []].append((doc, count)) }
                var flags: [String: Int] = [:]
                for term in titleTerms { flags[term, default: 0] |= 1 }
                for term in storedTerms(heading, &analyzer) { flags[term, default: 0] |= 2 }
                for (term, flag) in flags { fields[term, default: []].append((doc, flag)) }
            }
        }
        var json = JSONText(capacity: 200_000)
        json.raw("{\"version\":\(version),\"language\":")
        json.string(language)
        json.raw(",\"chunkSize\":\(chunkSize),\"stopWords\":")
        json.strings(analyzer.analyzer.stopWords.sorted())
        json.raw(",\"pages\":[")
        for (index, page) in pageRows.enumerated() {
            json.raw(index == 0 ? "[" : ",[")
            json.string(page.title)
            json.raw(",")
            json.string(page.url)
            json.raw("]")
        }
        json.raw("],\"docs\":[")
        for (index, doc) in docRows.enumerated() {
            json.raw(index == 0 ? "[" : ",[")
            json.number(doc.page)
            json.raw(",")
            json.string(doc.heading)
            json.raw(",")
            json.string(doc.anchor)
            json.raw(",")
            json.number(doc.words)
            json.raw("]")
        }
        json.raw("]")
        for (name, postings) in [("terms", terms), ("fields", fields)] {
            json.raw(",\"\(name)\":{")
            for (index, term) in postings.keys.sorted().enumerated() {
                if index > 0 { json.raw(",") }
                json.string(term)
                json.raw(":")
                json.numbers(gapEncoded(postings[term]!))
            }
            json.raw("}")
        }
        json.raw("}")
        let data = Data(json.text.utf8)
        let chunks = stride(from: 0, to: texts.count, by: chunkSize).map { start -> Data in
            var chunk = JSONText()
            chunk.strings(Array(texts[start..<min(start + chunkSize, texts.count)]))
            return Data(chunk.text.utf8)
        }
        return Output(index: data, textChunks: chunks)
    }

    /// The index terms of `text` without the Latin keys that the browser derives itself.
    static func storedTerms(_ text: String, _ analyzer: inout CachingAnalyzer) -> [String] {
        var stored: [String] = []
        for word in SearchNormalizer.words(text) { stored += analyzer.storedTerms(ofWord: word) }
        return stored
    }

    /// Words repeat: analyse each distinct word once.
    struct CachingAnalyzer {
        let analyzer: SearchAnalyzer
        var cache: [String: [String]] = [:]

        init(_ analyzer: SearchAnalyzer) { self.analyzer = analyzer }

        mutating func storedTerms(ofWord word: String) -> [String] {
            if let terms = cache[word] { return terms }
            let forms = analyzer.indexTerms(word)
            var terms = forms
            if let stem = forms.first, SearchNormalizer.script(of: stem) == .cyrillic {
                let derived = BulgarianTransliterator.transliterate(stem)
                terms = forms.filter { $0 != derived }
            }
            cache[word] = terms
            return terms
        }
    }

    /// Postings sorted by document, as gaps: `[(3, 1), (7, 2)]` → `[3, 1, 4, 2]`.
    static func gapEncoded(_ postings: [(Int, Int)]) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(postings.count * 2)
        var previous = 0
        for (doc, value) in postings.sorted(by: { $0.0 < $1.0 }) {
            result.append(doc - previous)
            result.append(value)
            previous = doc
        }
        return result
    }
}
