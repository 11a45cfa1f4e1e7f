import Foundation

extension SearchIndexBuilder {
    /// The analysis of words (their index terms) kept from one build to the next, for a
    /// long-running `vidin serve`: after an editor saves a page, the rebuilt index analyses only
    /// the words that no earlier build saw. One value for the whole session, shared by the
    /// languages that are indexed side by side; the files are byte-identical with it and without it.
    ///
    /// It holds at most `limit` words per language: a language that would grow past it starts
    /// afresh, so a session that sees ever new words keeps bounded memory.
    public final class AnalysisCache: @unchecked Sendable {  // the dictionary is only touched under `lock`
        private let lock = NSLock()
        private var byLanguage: [String: [String: [String]]] = [:]
        public let limit: Int

        public init(limit: Int = 1_000_000) { self.limit = limit }

        /// The words kept for `language`, each with its stored terms.
        func words(_ language: String) -> [String: [String]] {
            lock.withLock { byLanguage[language] ?? [:] }
        }

        /// Keeps what a build of `language` analysed.
        func remember(_ learned: [String: [String]], _ language: String) {
            guard !learned.isEmpty else { return }
            lock.withLock {
                var words = byLanguage.removeValue(forKey: language) ?? [:]
                if words.count + learned.count > limit { words = [:] }
                if learned.count <= limit { words.merge(learned) { old, _ in old } }
                byLanguage[language] = words
            }
        }

        /// How many words are kept for `language`.
        public func count(_ language: String) -> Int {
            lock.withLock { byLanguage[language]?.count ?? 0 }
        }
    }
}
