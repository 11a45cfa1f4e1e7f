import Foundation

/// Builds the search index of one language: one document per section of every page (a hit on
/// a chapter's section links straight to that section), with the terms of its text, its
/// heading and its page title, analysed by `SearchAnalyzer` exactly as the browser analyses
/// queries.
///
/// What a visitor downloads is kept small: `index.json` holds what ranking needs, and each
/// section's text (for the excerpt) is a file of its own, `text/N.txt`, fetched only for the
/// results shown. The Latin key of a Cyrillic stem (`transliterate(stem)`, see
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

    public struct Output: Sendable {
        public var index: Data
        /// Document number → its text.
        public var texts: [Data]
    }

    public static func build(language: String, pages: [RenderedPage]) -> Output {
        let analyzer = SearchAnalyzer(language: language)
        var pageRows: [[Any]] = []
        var docRows: [[Any]] = []
        var texts: [Data] = []
        var terms: [String: [(Int, Int)]] = [:]
        var fields: [String: [(Int, Int)]] = [:]
        for rendered in pages where rendered.page.language == language {
            let pageIndex = pageRows.count
            pageRows.append([rendered.page.title, rendered.page.url])
            let titleTerms = Set(storedTerms(rendered.page.title, analyzer))
            for section in rendered.sections {
                let doc = docRows.count
                let heading = section.heading?.text ?? ""
                var text = section.text
                if section.heading == nil, let summary = rendered.page.source.frontMatter.summary, !text.contains(summary) {
                    text = summary + " " + text
                }
                docRows.append([pageIndex, heading, section.heading?.id ?? "", SearchNormalizer.words(text).count])
                texts.append(Data(text.utf8))
                var counts: [String: Int] = [:]
                for term in storedTerms(text, analyzer) { counts[term, default: 0] += 1 }
                for (term, count) in counts { terms[term, default: []].append((doc, count)) }
                var flags: [String: Int] = [:]
                for term in titleTerms { flags[term, default: 0] |= 1 }
                for term in storedTerms(heading, analyzer) { flags[term, default: 0] |= 2 }
                for (term, flag) in flags { fields[term, default: []].append((doc, flag)) }
            }
        }
        let index: [String: Any] = [
            "version": version,
            "language": language,
            "stopWords": analyzer.stopWords.sorted(),
            "pages": pageRows,
            "docs": docRows,
            "terms": terms.mapValues(gapEncoded),
            "fields": fields.mapValues(gapEncoded),
        ]
        let data = (try? JSONSerialization.data(withJSONObject: index, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return Output(index: data, texts: texts)
    }

    /// The index terms of `text` without the Latin keys that the browser derives itself.
    static func storedTerms(_ text: String, _ analyzer: SearchAnalyzer) -> [String] {
        var stored: [String] = []
        for word in SearchNormalizer.words(text) {
            let forms = analyzer.indexTerms(word)
            guard let stem = forms.first, SearchNormalizer.script(of: stem) == .cyrillic else {
                stored += forms
                continue
            }
            let derived = BulgarianTransliterator.transliterate(stem)
            stored += forms.filter { $0 != derived }
        }
        return stored
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
