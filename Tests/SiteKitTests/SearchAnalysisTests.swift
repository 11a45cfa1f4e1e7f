import Foundation
import Testing
@testable import SiteKit

/// The shared vectors of `Fixtures/analysis-vectors.json`; `Tests/js/search-analysis.test.js`
/// checks the browser side against the same file.
private struct AnalysisVectors: Decodable {
    struct Pair: Decodable { let `in`: String; let out: String }
    struct Words: Decodable { let `in`: String; let out: [String] }
    struct Index: Decodable { let lang: String; let text: String; let terms: [String] }
    struct Query: Decodable { let lang: String; let text: String; let terms: [[String]] }
    struct Word: Decodable { let word: String; let terms: [String]; let prefixes: [String]; let isStopWord: Bool; let alternatives: [String] }
    struct Readings: Decodable { let `in`: String; let out: [String] }
    struct QueryWords: Decodable { let lang: String; let text: String; let words: [Word] }
    struct Search: Decodable { let lang: String; let document: String; let query: String; let matches: Bool }

    let normalize: [Pair]
    let words: [Words]
    let bgStem: [Pair]
    let enStem: [Pair]
    let translit: [Pair]
    let latinToCyrillic: [Pair]
    let latinReadings: [Readings]
    let latinKey: [Pair]
    let indexTerms: [Index]
    let queryTerms: [Query]
    let queryWords: [QueryWords]
    let searches: [Search]

    var count: Int {
        normalize.count + words.count + bgStem.count + enStem.count + translit.count + latinToCyrillic.count + latinReadings.count
            + latinKey.count + indexTerms.count + queryTerms.count + queryWords.count + searches.count
    }

    static func load() throws -> AnalysisVectors {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/analysis-vectors.json")
        return try JSONDecoder().decode(AnalysisVectors.self, from: Data(contentsOf: url))
    }
}

/// Strings as their scalars: Swift's `==` on strings is canonical equivalence (`й` equals
/// `и` + U+0306), but the browser compares code units, so the vectors are checked scalar by scalar.
private func scalars(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }
private func scalars(_ list: [String]) -> [[UInt32]] { list.map { scalars($0) } }
private func scalars(_ lists: [[String]]) -> [[[UInt32]]] { lists.map { scalars($0) } }

/// Escapes everything outside printable ASCII, so failures show invisible marks.
private func visible(_ text: String) -> String {
    text.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 ? String($0) : "\\u{\(String($0.value, radix: 16))}" }.joined()
}

@Suite("SearchAnalysis")
struct SearchAnalysisTests {
    private let vectors: AnalysisVectors

    init() throws {
        vectors = try AnalysisVectors.load()
    }

    @Test func vectorsAreComplete() {
        #expect(vectors.count >= 150)
        #expect(vectors.enStem.count >= 60)
        #expect(vectors.bgStem.count >= 13)
    }

    @Test func normalize() {
        for vector in vectors.normalize {
            let actual = SearchNormalizer.normalize(vector.in)
            #expect(scalars(actual) == scalars(vector.out), "normalize(\(visible(vector.in))) = \(visible(actual))")
        }
    }

    @Test func words() {
        for vector in vectors.words {
            #expect(scalars(SearchNormalizer.words(vector.in)) == scalars(vector.out), "words(\(visible(vector.in)))")
        }
    }

    @Test func bulgarianStemmer() {
        for vector in vectors.bgStem {
            #expect(scalars(BulgarianStemmer.stem(vector.in)) == scalars(vector.out), "bgStem(\(vector.in))")
        }
    }

    @Test func englishStemmer() {
        for vector in vectors.enStem {
            #expect(scalars(EnglishStemmer.stem(vector.in)) == scalars(vector.out), "enStem(\(vector.in))")
        }
    }

    @Test func transliteration() {
        for vector in vectors.translit {
            #expect(scalars(BulgarianTransliterator.transliterate(vector.in)) == scalars(vector.out), "translit(\(vector.in))")
        }
    }

    @Test func latinToCyrillic() {
        for vector in vectors.latinToCyrillic {
            #expect(scalars(SearchAnalyzer.latinToCyrillic(vector.in)) == scalars(vector.out), "latinToCyrillic(\(vector.in))")
        }
    }

    @Test func latinReadings() {
        for vector in vectors.latinReadings {
            #expect(scalars(SearchAnalyzer.latinReadings(vector.in)) == scalars(vector.out), "latinReadings(\(vector.in))")
        }
    }

    @Test func latinKey() {
        for vector in vectors.latinKey {
            #expect(scalars(SearchAnalyzer.latinKey(vector.in)) == scalars(vector.out), "latinKey(\(vector.in))")
        }
    }

    @Test func indexTerms() {
        for vector in vectors.indexTerms {
            let analyzer = SearchAnalyzer(language: vector.lang)
            #expect(scalars(analyzer.indexTerms(vector.text)) == scalars(vector.terms), "indexTerms(\(vector.lang), \(visible(vector.text)))")
        }
    }

    @Test func queryTerms() {
        for vector in vectors.queryTerms {
            let analyzer = SearchAnalyzer(language: vector.lang)
            #expect(scalars(analyzer.queryTerms(vector.text)) == scalars(vector.terms), "queryTerms(\(vector.lang), \(visible(vector.text)))")
        }
    }

    @Test func queryWords() {
        for vector in vectors.queryWords {
            let actual = SearchAnalyzer(language: vector.lang).queryWords(vector.text)
            #expect(actual.count == vector.words.count, "queryWords(\(vector.lang), \(visible(vector.text)))")
            for (word, expected) in zip(actual, vector.words) {
                #expect(scalars(word.word) == scalars(expected.word), "word of \(visible(vector.text))")
                #expect(scalars(word.terms) == scalars(expected.terms), "terms of \(expected.word)")
                #expect(scalars(word.prefixes) == scalars(expected.prefixes), "prefixes of \(expected.word)")
                #expect(word.isStopWord == expected.isStopWord, "isStopWord of \(expected.word)")
                #expect(scalars(word.alternatives) == scalars(expected.alternatives), "alternatives of \(expected.word)")
            }
        }
    }

    /// A query matches a document when every query word that is not a stop word has one of its
    /// alternative terms among the document's index terms.
    @Test func searches() {
        for vector in vectors.searches {
            let analyzer = SearchAnalyzer(language: vector.lang)
            let terms = Set(analyzer.indexTerms(vector.document))
            let query = analyzer.queryTerms(vector.query)
            let matches = !query.isEmpty && query.allSatisfy { $0.contains(where: terms.contains) }
            #expect(matches == vector.matches, "\(vector.lang): \(vector.query) in \(vector.document)")
        }
    }

    /// StopWords.swift is generated from stopwords.json by scripts/generate-stopwords.py.
    @Test func stopWordsAgreeWithJSON() throws {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/SiteKit/Search/Analysis/stopwords.json")
        let json = try JSONDecoder().decode([String: [String]].self, from: Data(contentsOf: url))
        #expect(Set(json.keys) == ["bg", "en"])
        #expect(StopWords.bulgarian == json["bg"], "StopWords.swift is stale: run scripts/generate-stopwords.py")
        #expect(StopWords.english == json["en"], "StopWords.swift is stale: run scripts/generate-stopwords.py")
        #expect(StopWords.bulgarian.count < 120)
    }

    @Test func stopWordsAreNormalisedWords() {
        for word in StopWords.bulgarian + StopWords.english {
            #expect(SearchNormalizer.words(word) == [word], "stop word \(word)")
        }
        for word in StopWords.bulgarian {
            #expect(SearchNormalizer.script(of: word) == .cyrillic, "\(word)")
        }
        for word in StopWords.english {
            #expect(SearchNormalizer.script(of: word) == .latin, "\(word)")
        }
        #expect(!StopWords.bulgarian.contains("община") && !StopWords.bulgarian.contains("данни"))
    }
}
