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

    /// Builds the index of `language` from the rendered pages of every language. `cache`, when
    /// given, holds the analysis of words from earlier builds (see `AnalysisCache`); the files are
    /// the same with it and without it.
    public static func build(language: String, pages: [RenderedPage], cache: AnalysisCache? = nil) -> Output {
        var terms = cache?.vocabulary(language) ?? IndexTerms(SearchAnalyzer(language: language))
        var pagesByURL: [String: RenderedPage] = [:]
        for rendered in pages { pagesByURL[rendered.page.url] = rendered }

        struct Section { var heading: String; var anchor: String; var text: String }
        var pageRows: [(title: String, url: String, sections: [Section])] = []
        // Per document, its length in words and its terms with their frequency and flags,
        // `documentEnds[d - 1]..<documentEnds[d]` of the flat arrays.
        var lengths: [Int] = []
        var documentTerms: [Int32] = [], documentTF: [Int32] = [], documentFlags: [UInt8] = []
        var documentEnds: [Int] = []
        var scratch = DocumentScratch()
        for rendered in pages where rendered.page.language == language {
            let titleTerms = terms.termIDs(of: rendered.page.title)
            let others = translations(of: rendered.page, pagesByURL: pagesByURL)
            let otherTerms = terms.termIDs(of: otherLanguageWords(others))
            let otherHeadings = otherLanguageHeadings(rendered, others)
            var sections: [Section] = []
            for (position, section) in rendered.sections.enumerated() {
                let heading = section.heading?.text ?? ""
                var text = section.text
                if section.heading == nil, let summary = rendered.page.source.frontMatter.summary, !text.contains(summary) {
                    text = summary + " " + text
                }
                sections.append(Section(heading: heading, anchor: section.heading?.id ?? "", text: text))
                let words = SearchWordScanner.forEachWord(in: text) { terms.count(word: $0, in: &scratch) }
                lengths.append(words)
                for term in titleTerms { scratch.flag(term, 1) }
                if position == 0 {
                    for term in otherTerms { scratch.flag(term, 1) }
                }
                for term in terms.termIDs(of: heading + " " + otherHeadings[position]) { scratch.flag(term, 2) }
                scratch.flush(&documentTerms, &documentTF, &documentFlags)
                documentEnds.append(documentTerms.count)
            }
            pageRows.append((rendered.page.title, rendered.page.url, sections))
        }
        cache?.keep(terms, language)

        // Postings with the BM25 weight of each section, per term in document order: counted
        // first, then filled in.
        let termCount = terms.terms.count
        let average = lengths.isEmpty ? 1 : max(1, Double(lengths.reduce(0, +)) / Double(lengths.count))
        var postingEnds = [Int](repeating: 0, count: termCount + 1)
        for term in documentTerms { postingEnds[Int(term) + 1] += 1 }
        for index in 0..<termCount { postingEnds[index + 1] += postingEnds[index] }
        var fill = postingEnds
        var postingDocuments = [Int32](repeating: 0, count: documentTerms.count)
        var postingValues = [Int32](repeating: 0, count: documentTerms.count)
        var entry = 0
        for (doc, end) in documentEnds.enumerated() {
            let norm = k1 * (1 - b + b * Double(lengths[doc]) / average)
            while entry < end {
                var q = 0
                if documentTF[entry] > 0 {
                    let tf = Double(documentTF[entry])
                    q = max(1, Int((10 * tf * (k1 + 1) / (tf + norm)).rounded()))
                }
                let term = Int(documentTerms[entry])
                postingDocuments[fill[term]] = Int32(doc)
                postingValues[fill[term]] = Int32(4 * q + Int(documentFlags[entry]))
                fill[term] += 1
                entry += 1
            }
        }

        // Term chunks by sort key (compared as UTF-16, as JavaScript compares strings), of the
        // terms that have postings (a page without sections, or a word of an earlier build
        // that `cache` kept, has none).
        let keys = terms.termKeys, keyUnits = terms.termKeyUnits, termUnits = terms.termUnits
        let sorted = (0..<termCount).filter { postingEnds[$0 + 1] > postingEnds[$0] }.sorted { x, y in
            keyUnits[x] == keyUnits[y] ? termUnits[x].lexicographicallyPrecedes(termUnits[y])
                                       : keyUnits[x].lexicographicallyPrecedes(keyUnits[y])
        }
        var termChunks: [Data] = []
        var chunkKeys: [String] = []
        var chunk = JSONText(capacity: termChunkBytes + 4096)
        var previousKey: Int?
        func closeChunk() {
            chunk.raw(UInt8(ascii: "}"))
            termChunks.append(Data(chunk.bytes))
            chunk = JSONText(capacity: termChunkBytes + 4096)
        }
        for term in sorted {
            // Terms with one sort key stay together: the browser looks a key up in one chunk.
            if chunk.count >= termChunkBytes, let previous = previousKey, keyUnits[term] != keyUnits[previous] { closeChunk() }
            if chunk.isEmpty {
                chunk.raw(UInt8(ascii: "{"))
                chunkKeys.append(keys[term])
            } else {
                chunk.raw(UInt8(ascii: ","))
            }
            terms.terms.withBytes(term) { chunk.string(utf8: $0) }
            chunk.raw(":[")
            var previousDocument: Int32 = 0
            for index in postingEnds[term]..<postingEnds[term + 1] {
                if index > postingEnds[term] { chunk.raw(UInt8(ascii: ",")) }
                chunk.number(Int(postingDocuments[index] - previousDocument))
                chunk.raw(UInt8(ascii: ","))
                chunk.number(Int(postingValues[index]))
                previousDocument = postingDocuments[index]
            }
            chunk.raw(UInt8(ascii: "]"))
            previousKey = term
        }
        if !chunk.isEmpty || termChunks.isEmpty {
            if chunk.isEmpty { chunk.raw(UInt8(ascii: "{")); chunkKeys.append("") }
            closeChunk()
        }
        chunkKeys[0] = ""

        // Text chunks: whole pages.
        var textChunks: [Data] = []
        var textStarts: [Int] = []
        var text = JSONText()
        for (index, page) in pageRows.enumerated() {
            if text.isEmpty {
                text.raw(UInt8(ascii: "["))
                textStarts.append(index)
            } else {
                text.raw(UInt8(ascii: ","))
            }
            text.raw(UInt8(ascii: "["))
            text.string(page.title)
            text.raw(UInt8(ascii: ","))
            text.string(page.url)
            text.raw(",[")
            for (position, section) in page.sections.enumerated() {
                if position > 0 { text.raw(UInt8(ascii: ",")) }
                text.strings([section.heading, section.anchor, section.text])
            }
            text.raw("]]")
            if text.count >= textChunkBytes || index == pageRows.count - 1 {
                text.raw(UInt8(ascii: "]"))
                textChunks.append(Data(text.bytes))
                text = JSONText()
            }
        }

        var root = JSONText(capacity: 4096)
        root.raw("{\"version\":")
        root.number(version)
        root.raw(",\"language\":")
        root.string(language)
        root.raw(",\"stopWords\":")
        root.strings(terms.analyzer.stopWords.sorted())
        root.raw(",\"sections\":")
        root.numbers(pageRows.map(\.sections.count))
        root.raw(",\"termChunks\":")
        root.strings(chunkKeys)
        root.raw(",\"textChunks\":")
        root.numbers(textStarts)
        root.raw(UInt8(ascii: "}"))
        return Output(index: Data(root.bytes), termChunks: termChunks, textChunks: textChunks)
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

    /// The index terms of a normalised word, without the Latin key that the browser derives
    /// itself from a Cyrillic stem.
    static func storedTerms(ofWord word: String, _ analyzer: SearchAnalyzer) -> [String] {
        if SearchWordScanner.isNormalizedWord(word) {
            // `analyzer.indexTerms(word)` without normalising the word again, and with the
            // transliteration of the stem made once.
            let (forms, derived) = analyzer.indexTerms(ofNormalizedWord: word)
            guard let derived, let stem = forms.first, SearchNormalizer.script(of: stem) == .cyrillic else { return forms }
            return forms.filter { $0 != derived }
        }
        let forms = analyzer.indexTerms(word)
        guard let stem = forms.first, SearchNormalizer.script(of: stem) == .cyrillic else { return forms }
        let derived = BulgarianTransliterator.transliterate(stem)
        return forms.filter { $0 != derived }
    }

    /// The words and terms of one index: each distinct word is analysed once, and words and
    /// terms are numbered byte strings.
    /// The words and terms of an index: each distinct word is analysed once, and words and
    /// terms are numbered byte strings. An `AnalysisCache` keeps it from one build to the next.
    struct IndexTerms {
        let analyzer: SearchAnalyzer
        private(set) var words = ByteStringTable()
        /// Per word, its terms: `wordTerms[wordEnds[w - 1]..<wordEnds[w]]`.
        private var wordEnds: [Int] = []
        private(set) var wordTerms: [Int32] = []
        private(set) var terms = ByteStringTable()
        /// Per term, its sort key, and the key and the term as UTF-16.
        private(set) var termKeys: [String] = []
        private(set) var termKeyUnits: [[UInt16]] = []
        private(set) var termUnits: [[UInt16]] = []

        init(_ analyzer: SearchAnalyzer) { self.analyzer = analyzer }

        /// Where the terms of `word` (normalised, as `SearchWordScanner` gives it) are in `wordTerms`.
        mutating func termRange(ofWord word: UnsafeBufferPointer<UInt8>) -> Range<Int> {
            let (id, inserted) = words.insert(word)
            if inserted {
                for term in storedTerms(ofWord: String(decoding: word, as: UTF8.self), analyzer) {
                    let (termID, newTerm) = terms.insert(term)
                    if newTerm {
                        let key = sortKey(term)
                        termKeys.append(key)
                        termKeyUnits.append(Array(key.utf16))
                        termUnits.append(Array(term.utf16))
                    }
                    wordTerms.append(Int32(termID))
                }
                wordEnds.append(wordTerms.count)
            }
            return (id == 0 ? 0 : wordEnds[id - 1])..<wordEnds[id]
        }

        /// Counts the terms of `word` in the document of `scratch`.
        mutating func count(word: UnsafeBufferPointer<UInt8>, in scratch: inout DocumentScratch) {
            let range = termRange(ofWord: word)
            wordTerms.withUnsafeBufferPointer { wordTerms in
                for index in range { scratch.count(wordTerms[index]) }
            }
        }

        /// The terms of every word of `text`, repeated as the words repeat.
        mutating func termIDs(of text: String) -> [Int32] {
            var ids: [Int32] = []
            SearchWordScanner.forEachWord(in: text) { word in
                let range = termRange(ofWord: word)
                ids += wordTerms[range]
            }
            return ids
        }
    }

    /// The terms of the document being indexed, by term number, with their frequency and flags.
    struct DocumentScratch {
        private struct Slot {
            var tf: Int32 = 0
            var flags: UInt8 = 0
            var seen = false
        }
        /// By term number.
        private var slots: [Slot] = []
        /// The terms of the document, in order of first appearance.
        private var touched: [Int32] = []

        @inline(__always)
        private mutating func touch(_ index: Int) {
            if index >= slots.count { slots += [Slot](repeating: Slot(), count: max(index + 1, slots.count * 2) - slots.count) }
            if !slots[index].seen {
                slots[index].seen = true
                touched.append(Int32(index))
            }
        }

        mutating func count(_ term: Int32) {
            let index = Int(term)
            touch(index)
            slots[index].tf += 1
        }

        mutating func flag(_ term: Int32, _ flag: UInt8) {
            let index = Int(term)
            touch(index)
            slots[index].flags |= flag
        }

        /// Appends the document's terms to the flat arrays and starts the next document.
        mutating func flush(_ terms: inout [Int32], _ tfs: inout [Int32], _ allFlags: inout [UInt8]) {
            for term in touched {
                let index = Int(term)
                terms.append(term)
                tfs.append(slots[index].tf)
                allFlags.append(slots[index].flags)
                slots[index] = Slot()
            }
            touched.removeAll(keepingCapacity: true)
        }
    }
}
