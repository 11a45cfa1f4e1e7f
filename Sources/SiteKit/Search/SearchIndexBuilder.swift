import Foundation

/// Builds the search index of one language, split so that a first query downloads only what it
/// needs (the format is documented in docs/SEARCH.md, "The index"):
///
/// - `index.json`, the *root*: the stop words, the number of sections of each page (so a section
///   number gives its page), the first sort key of each term chunk and the first page of each
///   text chunk;
/// - `terms/N.json`: the postings of the terms whose *sort keys* fall in chunk N's range;
/// - `text/N.json`: whole pages (title, URL and per section its heading, anchor and plain text),
///   fetched only for the results shown.
///
/// A document is one section of a page (the text under one heading, down to the next), so a
/// result can point at the section that answers the query. Terms are analysed by
/// `SearchAnalyzer` exactly as the browser analyses queries. A term's *sort key* is its
/// transliteration when it is Cyrillic (`общин` → `obshtin`) and the term itself otherwise, so a
/// Cyrillic stem, the Latin key a visitor types for it and an English word spelt the same way
/// sit in the same chunk; the browser derives the Latin key of each Cyrillic term it loads and
/// the index does not store it.
///
/// A posting is `[document gap, value]`, the first gap from 0, with
/// `value = 4 × q + flags`: `q` is the section's BM25 term-frequency weight
/// `tf·(k1+1) / (tf + k1·(1 − b + b·length/average length))` × 10, rounded (at least 1 when
/// the text holds the term, 0 when only the title or heading does), and `flags` 1 = the page's
/// title, 2 = the section's heading.
public enum SearchIndexBuilder {
    public static let version = 2
    /// BM25 parameters of `q` (see the type's documentation).
    static let k1 = 1.2, b = 0.75

    /// A term chunk is closed once it holds this many bytes of JSON: about 8–10 kB gzip, so a
    /// query of three words in three chunks costs less than a whole index of a small site, while
    /// a chunk still holds several hundred terms (prefix and typo lookups touch few chunks).
    static let termChunkBytes = 32_000
    /// A text chunk is closed after the page that takes it past this many bytes; a page is never
    /// split, so a result's title and sections come in one file.
    static let textChunkBytes = 16_000

    public struct Output: Sendable {
        /// `index.json`, the root.
        public var index: Data
        /// `terms/N.json`.
        public var termChunks: [Data]
        /// `text/N.json`.
        public var textChunks: [Data]

        /// Every file's bytes, root first.
        public var totalBytes: Int { index.count + termChunks.reduce(0) { $0 + $1.count } + textChunks.reduce(0) { $0 + $1.count } }
    }

    /// The translations of a page, in language order (pages are matched by `translations` URLs).
    static func translations(of page: Page, pagesByURL: [String: RenderedPage]) -> [RenderedPage] {
        page.translations.sorted { $0.key < $1.key }.compactMap { language, url in
            language == page.language ? nil : pagesByURL[url]
        }
    }

    /// The words a page is also found by in another language: the titles of its translations,
    /// and for a case study the city and country of each translation (a visitor of the Bulgarian
    /// site may type "Vienna" for the case study of Виена).
    static func otherLanguageWords(_ translations: [RenderedPage]) -> String {
        var words: [String] = []
        for other in translations {
            let front = other.page.source.frontMatter
            words += [front.title, front.city ?? "", front.country ?? ""]
        }
        return words.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// Per section of `page`, the headings of the same section in its translations ("Danube"
    /// finds „Дунав и трансграничното измерение“): only from a translation whose sections
    /// line up with the page's (as many, the same ones without a heading), else none.
    static func otherLanguageHeadings(_ page: RenderedPage, _ translations: [RenderedPage]) -> [String] {
        var headings = Array(repeating: "", count: page.sections.count)
        let shape = page.sections.map { $0.heading == nil }
        for other in translations where other.sections.map({ $0.heading == nil }) == shape {
            for (index, section) in other.sections.enumerated() {
                headings[index] += " " + (section.heading?.text ?? "")
            }
        }
        return headings
    }

    public static func build(language: String, pages: [RenderedPage]) -> Output {
        var analyzer = CachingAnalyzer(SearchAnalyzer(language: language))
        var pagesByURL: [String: RenderedPage] = [:]
        for rendered in pages { pagesByURL[rendered.page.url] = rendered }

        struct Section { var heading: String; var anchor: String; var text: String; var words: Int }
        var pageRows: [(title: String, url: String, sections: [Section])] = []
        // Per document: term → (tf, flags).
        var documents: [[String: (tf: Int, flags: Int)]] = []
        for rendered in pages where rendered.page.language == language {
            let titleTerms = Set(storedTerms(rendered.page.title, &analyzer))
            let others = translations(of: rendered.page, pagesByURL: pagesByURL)
            let otherTerms = Set(storedTerms(otherLanguageWords(others), &analyzer))
            let otherHeadings = otherLanguageHeadings(rendered, others)
            var sections: [Section] = []
            for (position, section) in rendered.sections.enumerated() {
                let heading = section.heading?.text ?? ""
                var text = section.text
                if section.heading == nil, let summary = rendered.page.source.frontMatter.summary, !text.contains(summary) {
                    text = summary + " " + text
                }
                let words = SearchNormalizer.words(text)
                sections.append(Section(heading: heading, anchor: section.heading?.id ?? "", text: text, words: words.count))
                var entry: [String: (tf: Int, flags: Int)] = [:]
                for word in words {
                    for term in analyzer.storedTerms(ofWord: word) { entry[term, default: (0, 0)].tf += 1 }
                }
                for term in titleTerms { entry[term, default: (0, 0)].flags |= 1 }
                if position == 0 {
                    for term in otherTerms { entry[term, default: (0, 0)].flags |= 1 }
                }
                for term in storedTerms(heading + " " + otherHeadings[position], &analyzer) { entry[term, default: (0, 0)].flags |= 2 }
                documents.append(entry)
            }
            pageRows.append((rendered.page.title, rendered.page.url, sections))
        }

        // Postings with the BM25 weight of each section.
        let lengths = pageRows.flatMap { $0.sections.map(\.words) }
        let average = lengths.isEmpty ? 1 : max(1, Double(lengths.reduce(0, +)) / Double(lengths.count))
        var postings: [String: [Int]] = [:]
        for (doc, entry) in documents.enumerated() {
            let norm = k1 * (1 - b + b * Double(lengths[doc]) / average)
            for (term, value) in entry {
                var q = 0
                if value.tf > 0 {
                    let tf = Double(value.tf)
                    q = max(1, Int((10 * tf * (k1 + 1) / (tf + norm)).rounded()))
                }
                postings[term, default: []].append(doc)
                postings[term]!.append(4 * q + value.flags)
            }
        }

        // Term chunks by sort key.
        let sorted = postings.keys.map { (key: sortKey($0), term: $0) }
            .sorted { $0.key == $1.key ? utf16Less($0.term, $1.term) : utf16Less($0.key, $1.key) }
        var termChunks: [Data] = []
        var chunkKeys: [String] = []
        var chunk = JSONText(capacity: termChunkBytes + 4096)
        var previousKey: String?
        func closeChunk() {
            chunk.raw("}")
            termChunks.append(Data(chunk.text.utf8))
            chunk = JSONText(capacity: termChunkBytes + 4096)
        }
        for (key, term) in sorted {
            // Terms with one sort key stay together: the browser looks a key up in one chunk.
            if chunk.text.utf8.count >= termChunkBytes, key != previousKey { closeChunk() }
            if chunk.text.isEmpty {
                chunk.raw("{")
                chunkKeys.append(key)
            } else {
                chunk.raw(",")
            }
            chunk.string(term)
            chunk.raw(":")
            chunk.numbers(gapEncoded(postings[term]!))
            previousKey = key
        }
        if !chunk.text.isEmpty || termChunks.isEmpty {
            if chunk.text.isEmpty { chunk.raw("{"); chunkKeys.append("") }
            closeChunk()
        }
        chunkKeys[0] = ""

        // Text chunks: whole pages.
        var textChunks: [Data] = []
        var textStarts: [Int] = []
        var text = JSONText()
        for (index, page) in pageRows.enumerated() {
            if text.text.isEmpty {
                text.raw("[")
                textStarts.append(index)
            } else {
                text.raw(",")
            }
            text.raw("[")
            text.string(page.title)
            text.raw(",")
            text.string(page.url)
            text.raw(",[")
            for (position, section) in page.sections.enumerated() {
                if position > 0 { text.raw(",") }
                text.strings([section.heading, section.anchor, section.text])
            }
            text.raw("]]")
            if text.text.utf8.count >= textChunkBytes || index == pageRows.count - 1 {
                text.raw("]")
                textChunks.append(Data(text.text.utf8))
                text = JSONText()
            }
        }

        var root = JSONText(capacity: 4096)
        root.raw("{\"version\":\(version),\"language\":")
        root.string(language)
        root.raw(",\"stopWords\":")
        root.strings(analyzer.analyzer.stopWords.sorted())
        root.raw(",\"sections\":")
        root.numbers(pageRows.map(\.sections.count))
        root.raw(",\"termChunks\":")
        root.strings(chunkKeys)
        root.raw(",\"textChunks\":")
        root.numbers(textStarts)
        root.raw("}")
        return Output(index: Data(root.text.utf8), termChunks: termChunks, textChunks: textChunks)
    }

    /// The key that orders terms into chunks: a Cyrillic term's transliteration, any other term
    /// itself (see the type's documentation).
    public static func sortKey(_ term: String) -> String {
        SearchNormalizer.script(of: term) == .cyrillic ? BulgarianTransliterator.transliterate(term) : term
    }

    /// Order by UTF-16 code units, as JavaScript compares strings.
    static func utf16Less(_ a: String, _ b: String) -> Bool {
        a.utf16.lexicographicallyPrecedes(b.utf16)
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

    /// Flat `[doc, value, doc, value…]` sorted by document → gaps: `[3, 1, 7, 2]` → `[3, 1, 4, 2]`.
    static func gapEncoded(_ flat: [Int]) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(flat.count)
        var previous = 0
        for index in stride(from: 0, to: flat.count, by: 2) {
            result.append(flat[index] - previous)
            result.append(flat[index + 1])
            previous = flat[index]
        }
        return result
    }
}
