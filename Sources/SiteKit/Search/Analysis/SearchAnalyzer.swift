/// Turns text into search terms: the same analysis at build time (Swift, indexing) and at
/// query time (`themes/default/assets/js/search-analysis.js`, in the browser). Both are
/// checked against `Tests/SiteKitTests/Fixtures/analysis-vectors.json`.
///
/// ## Words
/// Text is normalised and split into words by `SearchNormalizer`. Each word is analysed by its
/// script, whatever the page language (Bulgarian pages quote English and the other way round):
/// - a **Cyrillic** word (any Cyrillic letter) is stemmed with `BulgarianStemmer`;
/// - a **Latin** word (any Latin letter, no Cyrillic) is stemmed with `EnglishStemmer` (Porter2);
/// - anything else (numbers, other scripts) is kept as it is.
///
/// ## Stop words
/// A word (normalised, before stemming) that is in `stopWords` is dropped, in the index and in
/// the query alike. Bulgarian and English stop words are in different scripts, so one set with
/// both lists (`StopWords.forLanguage(_:)`, the default) drops each language's function words
/// wherever they occur. In a Bulgarian search a Latin word is also a stop word when it is the
/// official transliteration of a Cyrillic stop word (`na`, `za`, `v`, `kam`, `sashto`), so that
/// "obshtini v bulgaria" does not require a "v" that the index never holds.
///
/// ## Bulgarian typed in Latin letters
/// Many visitors type Bulgarian in Latin letters ("obshtinite", "tsifrov"). Each Cyrillic word
/// is indexed under its Cyrillic stem and under Latin *keys*, and a Latin word in a Bulgarian
/// search is looked up by its Porter2 stem *or* by its key:
///
///     latinKey(latin) = transliterate(bulgarianStem(latinToCyrillic(latin)))
///
/// `latinToCyrillic` maps greedily `sht`→щ, `sh`→ш, `ch`→ч, `zh`→ж, `ts`→ц, `yu`→ю, `ya`→я,
/// word-final `ia`→ия, `y`→й, then single letters (`a`→а, never ъ; `c`→ц, `j`→ж, `q`→я, `w`→в,
/// `x`→кс for informal spellings, and the chat digits `6`→ш, `4`→ч); `transliterate` is the official system
/// (`BulgarianTransliterator`), in which ъ and а are both `a`, so that ambiguity collapses.
/// A Cyrillic word `w` is indexed under
/// 1. `bulgarianStem(w)` (Cyrillic, matched by Cyrillic queries);
/// 2. `transliterate(bulgarianStem(w))`, the key from the real Cyrillic stem, and
/// 3. `latinKey(transliterate(w))`, the key of its official transliteration, when different.
///
/// Key 3 runs exactly the query-time pipeline on the transliterated word, so typing the official
/// transliteration of any indexed form always finds it, even where the stemmer's rules depend on
/// a letter the transliteration loses (`ъ` in `президентът` → `prezidentat`). Key 2 adds the
/// conflation of the real stemmer (`prezident` finds `президентът`) and the regular spelling of
/// a word the law spells traditionally (`balgaria` finds България, officially `Bulgaria`).
/// Both keys are plain Latin strings in the same term space as Porter2 stems: a key that equals
/// an English stem ("park", "vidin") matches both, which is what a reader wants. The vectors'
/// `searches` section pins these cases ("obshtinite" finds Общините, "tsifrov" finds Цифрова,
/// "digitalizatsiya" finds дигитализация, "taxi" finds такси, "мой" does not find "мои").
///
/// ## Prefix matching
/// The caller matches the last query word as a prefix (search as you type). `queryWords`
/// returns each word's normalised, unstemmed form and its `prefixes`: the forms to prefix-match
/// against index terms (for a Latin word in a Bulgarian search, also its official-spelling form,
/// `cifr` → `tsifr`, so it prefixes the keys). Stop words are kept in `queryWords` (flagged,
/// with no terms), so that a last word "за" can still prefix-match "заседание".
public struct SearchAnalyzer: Sendable {
    /// The language of the search ("bg…" is Bulgarian, anything else is not). Index terms do
    /// not depend on it; a Bulgarian search also looks Latin words up by their Latin keys.
    public let language: String
    /// Normalised stop words (see the type's documentation).
    public let stopWords: Set<String>
    /// Official transliterations of the Cyrillic stop words: Latin stop words of a Bulgarian search.
    let latinStopWords: Set<String>

    /// One word of a query.
    public struct QueryWord: Sendable, Equatable {
        /// The normalised, unstemmed word.
        public let word: String
        /// Alternative index terms; a document matches the word if it has any of them. Empty for
        /// a stop word.
        public let terms: [String]
        /// Forms to prefix-match against index terms when this is the last word being typed.
        public let prefixes: [String]
        /// Whether the word is a stop word (it is then left out of `queryTerms`).
        public let isStopWord: Bool
        /// Further Latin keys of a Latin word in a Bulgarian search, from the chat spellings of
        /// `latinReadings` (`dostupnost` → `dostapnost`), in order: the search tries them one by
        /// one, only when no term of `terms` is in the index, and keeps the first that is.
        public let alternatives: [String]

        public init(word: String, terms: [String], prefixes: [String], isStopWord: Bool, alternatives: [String] = []) {
            self.word = word
            self.terms = terms
            self.prefixes = prefixes
            self.isStopWord = isStopWord
            self.alternatives = alternatives
        }
    }

    public init(language: String, stopWords: Set<String>) {
        self.language = language
        self.stopWords = stopWords
        var latin = Set<String>()
        for word in stopWords where SearchNormalizer.script(of: word) == .cyrillic {
            latin.insert(BulgarianTransliterator.transliterate(word))
        }
        latinStopWords = latin
    }

    /// An analyzer with the site's stop words, `StopWords.forLanguage(language)`.
    public init(language: String) {
        self.init(language: language, stopWords: StopWords.forLanguage(language))
    }

    var isBulgarian: Bool { language.lowercased().hasPrefix("bg") }

    /// The terms to index for `text`, in text order: per word its stem, and for a Cyrillic word
    /// also its Latin keys. Stop words are left out; repeated words repeat their terms (term
    /// frequency is the caller's to count).
    public func indexTerms(_ text: String) -> [String] {
        var terms: [String] = []
        for word in SearchNormalizer.words(text) { terms += indexTerms(ofNormalizedWord: word).terms }
        return terms
    }

    /// The terms of one word of `SearchNormalizer.words` (already normalised), as `indexTerms`
    /// gives them, and for a Cyrillic word the transliteration of its stem (the second term,
    /// unless it equals another), which the index builder leaves for the browser to derive.
    func indexTerms(ofNormalizedWord word: String) -> (terms: [String], stemTransliteration: String?) {
        guard !stopWords.contains(word) else { return ([], nil) }
        switch SearchNormalizer.script(of: word) {
        case .cyrillic:
            let stem = BulgarianStemmer.stem(word)
            let derived = BulgarianTransliterator.transliterate(stem)
            // latinKey(transliterate(word)); when the transliteration reads back as the word
            // itself (no ъ, ь or щ lost on the way, as in most words), that key is `derived`.
            let official = Self.latinToCyrillic(BulgarianTransliterator.transliterate(word))
            let key = official.utf8.elementsEqual(word.utf8) ? derived
                : BulgarianTransliterator.transliterate(BulgarianStemmer.stem(official))
            return (Self.unique([stem, derived, key]), derived)
        case .latin:
            return ([EnglishStemmer.stem(word)], nil)
        case .other:
            return ([word], nil)
        }
    }

    /// Every word of a query, stop words included (flagged).
    public func queryWords(_ text: String) -> [QueryWord] {
        SearchNormalizer.words(text).map { word in
            let script = SearchNormalizer.script(of: word)
            let bulgarianLatin = isBulgarian && script == .latin
            var prefixes = [word]
            if bulgarianLatin {
                prefixes = Self.unique([word, BulgarianTransliterator.transliterate(Self.latinToCyrillic(word))])
            }
            if stopWords.contains(word) || (bulgarianLatin && latinStopWords.contains(word)) {
                return QueryWord(word: word, terms: [], prefixes: prefixes, isStopWord: true)
            }
            let terms: [String]
            var alternatives: [String] = []
            switch script {
            case .cyrillic:
                terms = [BulgarianStemmer.stem(word)]
            case .latin where bulgarianLatin:
                terms = Self.unique([EnglishStemmer.stem(word), Self.latinKey(word), Self.latinKey(Self.informalVowels(word))])
                alternatives = Self.unique(Self.latinReadings(word).map { BulgarianTransliterator.transliterate(BulgarianStemmer.stem($0)) })
                    .filter { !terms.contains($0) }
            case .latin:
                terms = [EnglishStemmer.stem(word)]
            case .other:
                terms = [word]
            }
            return QueryWord(word: word, terms: terms, prefixes: prefixes, isStopWord: false, alternatives: alternatives)
        }
    }

    /// Per query word that is not a stop word, its alternative terms (any may match).
    public func queryTerms(_ text: String) -> [[String]] {
        queryWords(text).filter { !$0.isStopWord }.map(\.terms)
    }

    // MARK: - Latin keys

    /// The Latin key of a normalised Latin word (see the type's documentation).
    public static func latinKey(_ latin: String) -> String {
        BulgarianTransliterator.transliterate(BulgarianStemmer.stem(latinToCyrillic(latin)))
    }

    /// People often type ю and я as `iu` and `ia` ("biudzhet", "siatie"); read them so as an
    /// extra alternative (a word-final `ia` is already ия by the official system).
    public static func informalVowels(_ latin: String) -> String {
        let scalars = Array(latin.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if scalars[index] == "i", index + 1 < scalars.count {
                let next = scalars[index + 1]
                if next == "u" || (next == "a" && index + 2 < scalars.count) {
                    output.append("y")
                    output.append(next)
                    index += 2
                    continue
                }
            }
            output.append(scalars[index])
            index += 1
        }
        return String(output)
    }

    /// The Cyrillic readings of a Latin word typed as Bulgarian, in the order the search tries
    /// them (each row of docs/SEARCH.md, "Bulgarian typed in Latin letters"):
    /// 1. `latinToCyrillic(latin)` (the official system, informal letters, digits `6` ш and `4` ч);
    /// 2. `iu` and `ia` read as ю and я (`informalVowels`);
    /// 3. `y` as ъ (`syvmestimost`), except in `ya` and `yu`;
    /// 4. `u` as ъ (`dostupnost`), except after `y` or `i`;
    /// 5. `u` as ю (`budjet`), except after `y` or `i`;
    /// 6. `cht` as щ (`obchtina`);
    /// 7. `st` as щ (`obstina`).
    /// Readings 3–7 replace every occurrence of their pattern; a reading equal to an earlier one
    /// is left out.
    public static func latinReadings(_ latin: String) -> [String] {
        let s = Array(latin.unicodeScalars)
        func replacing(_ pattern: String, with cyrillic: Unicode.Scalar, unless skip: (Int) -> Bool) -> String {
            let p = Array(pattern.unicodeScalars)
            var output = String.UnicodeScalarView()
            var index = 0
            while index < s.count {
                if index + p.count <= s.count, s[index..<(index + p.count)].elementsEqual(p), !skip(index) {
                    output.append(cyrillic)
                    index += p.count
                } else {
                    output.append(s[index])
                    index += 1
                }
            }
            return latinToCyrillic(String(output))
        }
        let afterYOrI = { (index: Int) in index > 0 && (s[index - 1] == "y" || s[index - 1] == "i") }
        return unique([
            latinToCyrillic(latin),
            latinToCyrillic(informalVowels(latin)),
            replacing("y", with: "ъ", unless: { $0 + 1 < s.count && (s[$0 + 1] == "a" || s[$0 + 1] == "u") }),
            replacing("u", with: "ъ", unless: afterYOrI),
            replacing("u", with: "ю", unless: afterYOrI),
            replacing("cht", with: "щ", unless: { _ in false }),
            replacing("st", with: "щ", unless: { _ in false }),
        ])
    }

    static let latinLetters: [Unicode.Scalar: String] = [
        "a": "а", "b": "б", "c": "ц", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х", "i": "и",
        "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "я", "r": "р",
        "s": "с", "t": "т", "u": "у", "v": "в", "w": "в", "x": "кс", "y": "й", "z": "з",
        "6": "ш", "4": "ч",
    ]

    /// Per ASCII character, its Cyrillic letters from `latinLetters`: the first in the low 16
    /// bits, a second (`x` кс) in the high 16 bits; 0 for a character that is kept.
    static let latinLetterCodes: [UInt32] = (0..<128).map { value in
        guard let cyrillic = latinLetters[Unicode.Scalar(UInt8(value))] else { return 0 }
        return cyrillic.unicodeScalars.enumerated().reduce(0) { $0 | $1.element.value << (16 * UInt32($1.offset)) }
    }

    /// Bulgarian in Latin letters → Cyrillic, greedily (see the type's documentation): at each
    /// position the first digraph that matches (`sht` щ, `sh` ш, `ch` ч, `zh` ж, `ts` ц, `yu` ю,
    /// `ya` я), else a word-final `ia` ия, else a letter of `latinLetters`. Other characters are
    /// kept. Every pattern is ASCII, so this reads UTF-8 bytes and copies the others through.
    public static func latinToCyrillic(_ latin: String) -> String {
        var latin = latin
        let codes = latinLetterCodes
        return latin.withUTF8 { s in
            var output: [UInt8] = []
            output.reserveCapacity(s.count * 2)
            func put(_ value: UInt32) {  // a Cyrillic letter: two bytes
                output.append(UInt8(0xC0 | value >> 6))
                output.append(UInt8(0x80 | value & 0x3F))
            }
            var index = 0
            let count = s.count
            while index < count {
                let c = s[index]
                let next: UInt8 = index + 1 < count ? s[index + 1] : 0
                var digraph: UInt32 = 0
                switch (c, next) {
                case (UInt8(ascii: "s"), UInt8(ascii: "h")):
                    if index + 2 < count && s[index + 2] == UInt8(ascii: "t") {
                        put(0x449)  // щ
                        index += 3
                        continue
                    }
                    digraph = 0x448  // ш
                case (UInt8(ascii: "c"), UInt8(ascii: "h")): digraph = 0x447  // ч
                case (UInt8(ascii: "z"), UInt8(ascii: "h")): digraph = 0x436  // ж
                case (UInt8(ascii: "t"), UInt8(ascii: "s")): digraph = 0x446  // ц
                case (UInt8(ascii: "y"), UInt8(ascii: "u")): digraph = 0x44E  // ю
                case (UInt8(ascii: "y"), UInt8(ascii: "a")): digraph = 0x44F  // я
                case (UInt8(ascii: "i"), UInt8(ascii: "a")) where index + 2 == count:
                    put(0x438)  // и
                    put(0x44F)  // я
                    index += 2
                    continue
                default: break
                }
                if digraph != 0 {
                    put(digraph)
                    index += 2
                    continue
                }
                let code = c < 128 ? codes[Int(c)] : 0
                if code == 0 {
                    output.append(c)
                } else {
                    put(code & 0xFFFF)
                    if code > 0xFFFF { put(code >> 16) }
                }
                index += 1
            }
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// `forms` without repeats, in order (a handful of forms: compared one by one).
    static func unique(_ forms: [String]) -> [String] {
        var result: [String] = []
        result.reserveCapacity(forms.count)
        for form in forms where !result.contains(form) { result.append(form) }
        return result
    }
}

extension StopWords {
    /// The stop words of a search in `language`: the Bulgarian and the English lists together
    /// for every language (they are in different scripts; see `SearchAnalyzer`). The index
    /// builder embeds this list in the search index for the browser.
    public static func forLanguage(_ language: String) -> Set<String> {
        Set(bulgarian).union(english)
    }
}
