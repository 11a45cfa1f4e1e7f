import Foundation

extension SearchIndexBuilder {
    /// The analysis of words (their index terms) kept from one build to the next, for a
    /// long-running `vidin serve`: after an editor saves a page, the rebuilt index analyses only
    /// the words that no earlier build saw. One value for the whole session, shared by the
    /// languages that are indexed side by side; the files are byte-identical with it and without it.
    ///
    /// It keeps each language's numbered words and terms with their analyses, so a rebuild finds
    /// a known word by its bytes. It holds at most `limit` words per language: a language that
    /// grows past it is dropped and starts afresh, so a session that sees ever new words keeps
    /// bounded memory.
    public final class AnalysisCache: @unchecked Sendable {  // `vocabularies` is only touched under `lock`
        private let lock = NSLock()
        private var vocabularies: [String: IndexTerms] = [:]
        public let limit: Int

        public init(limit: Int = 1_000_000) { self.limit = limit }

        /// The words, terms and analyses kept for `language`.
        func vocabulary(_ language: String) -> IndexTerms? {
            lock.withLock { vocabularies[language] }
        }

        /// Keeps what a build of `language` knew at its end, unless it holds more than `limit` words.
        func keep(_ vocabulary: IndexTerms, _ language: String) {
            lock.withLock { vocabularies[language] = vocabulary.words.count <= limit ? vocabulary : nil }
        }

        /// How many words are kept for `language`.
        public func count(_ language: String) -> Int {
            lock.withLock { vocabularies[language]?.words.count ?? 0 }
        }
    }
}
