import Foundation
import Testing
@testable import SiteKit

/// The byte-level helpers of the search index builder: each must give exactly what the
/// `String`-level rules give (`SearchNormalizer`, `BulgarianTransliterator`, JSON), since the
/// browser analyses queries by those rules.
@Suite("Search on bytes")
struct SearchBytesTests {
    static func scanned(_ text: String) -> [String] {
        var words: [String] = []
        let count = SearchWordScanner.forEachWord(in: text) { words.append(String(decoding: $0, as: UTF8.self)) }
        #expect(count == words.count)
        return words
    }

    static func scanned(bytes: [UInt8]) -> [String] {
        var words: [String] = []
        _ = bytes.withUnsafeBufferPointer { buffer in
            SearchWordScanner.forEachWord(inUTF8: buffer) { words.append(String(decoding: $0, as: UTF8.self)) }
        }
        return words
    }

    static func scalars(_ words: [String]) -> [[UInt32]] { words.map { $0.unicodeScalars.map(\.value) } }

    @Test("words from bytes are SearchNormalizer.words, at the edges of the table and past them", arguments: [
        "Общините в област Видин", "ОБЩИНИТЕ", "Ёлка и ёж", "ЁЛКА", "на нея ѝ харесва", "Ѝ", "ѐ Ѐ",
        "Ѐкзотика", "общинитe", "Cтратегия", "Bидин", "MOЙ", "Überblick ÉCOLE façade", "Łódź Ǆemal ǅ ǆ",
        "Straße STRASSE", "İstanbul", "IĞDIR", "е\u{301}", "и\u{306}", "дигита\u{AD}лизация",
        "ве\u{0300}че", "о\u{0483}", "Ԁ ԁ Ӑ ӑ Ҋ", "Αθήνα ΑΘΗΝΑ", "日本語 テキスト", "emoji 🙂 word",
        "София—юг „цитат“ «кавички» № 5 → ←", "2026 г. 3,5 % 1\u{00A0}000", "a\u{2028}b\u{2029}c",
        "tab\tnew\nline\r\nend", "", "   ", "-", "x", "ß", "ǰ", "ﬁle", "Ⱥ ⱥ", "ɐ ʯ ˁ", "ΐ", "ϓ",
        "\u{0300}начало", "край\u{0301}", "e\u{0301}cole", "Ще\u{0301}", "<\u{0338}", "Ω Ω",
    ])
    func wordsMatch(_ text: String) {
        #expect(Self.scalars(Self.scanned(text)) == Self.scalars(SearchNormalizer.words(text)), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    @Test("every character below U+0500 reads as the rules read it: alone, inside a Cyrillic and a Latin word, and after a space")
    func everyScalarOfTheTable() {
        for value in 0..<0x500 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let c = String(Character(scalar))
            for text in [c, "а" + c + "б", "X" + c + "y", "к" + c + "t", " " + c + " и", c + c] {
                let expected = SearchNormalizer.words(text)
                let actual = Self.scanned(text)
                #expect(Self.scalars(actual) == Self.scalars(expected), "U+\(String(value, radix: 16)) in \(text.debugDescription)")
            }
        }
    }

    @Test("invalid UTF-8 reads as U+FFFD, which separates words", arguments: [
        [0xD0] as [UInt8], [0xD0, 0x41], [0x41, 0xFF, 0x42], [0xC0, 0xAF, 0x61], [0xE2, 0x80], [0xE2, 0x80, 0x41],
        [0xED, 0xA0, 0x80, 0x61], [0xD0, 0xB0, 0xD1], [0x80, 0xD0, 0xB0], [0xF0, 0x9F, 0x99], [0xD1, 0x9D, 0xFE],
    ])
    func invalidBytes(_ bytes: [UInt8]) {
        let expected = SearchNormalizer.words(String(decoding: bytes, as: UTF8.self))
        #expect(Self.scalars(Self.scanned(bytes: bytes)) == Self.scalars(expected), "\(bytes)")
    }

    @Test("a plain normalised word is recognised, anything normalisation would change is not")
    func normalizedWords() {
        for word in ["общините", "strategy", "ёлка", "2026", "façade", "digitalizatsia", "и"] {
            #expect(SearchWordScanner.isNormalizedWord(word), "\(word)")
            #expect(SearchNormalizer.words(word) == [word])
        }
        for word in ["Общините", "ѝ", "ѐ", "общинитe", "e\u{0301}", "é-b", "İ", "дигита\u{AD}лизация", "", "a b", "日本"] {
            #expect(!SearchWordScanner.isNormalizedWord(word), "\(word)")
        }
    }

    @Test("byte strings are numbered in order of first insertion and found again, through growth")
    func byteStringTable() {
        var table = ByteStringTable()
        let words = (0..<5_000).map { "дума\($0)" } + ["", "a", "b", "ab", "ba", "абвгдежзийклмнопрстуфхцчшщъьюя", "абвгдежзийклмнопрстуфхцчшщъьюь"]
        for (index, word) in words.enumerated() {
            let (id, inserted) = table.insert(word)
            #expect(id == index && inserted, "\(word)")
        }
        for (index, word) in words.enumerated().reversed() {
            let (id, inserted) = table.insert(word)
            #expect(id == index && !inserted, "\(word)")
            #expect(table.string(id) == word)
        }
        #expect(table.count == words.count)
    }

    @Test("JSON strings escape quotes, backslashes, control characters and U+2028/U+2029, and nothing else", arguments: [
        "plain", "„кавички“ и \"quotes\"", "back\\slash", "line\nfeed\r\ttab", "\u{0}\u{1}\u{8}\u{C}\u{1B}\u{1F}",
        "\u{7F}", "a\u{2028}b\u{2029}c", "— – … \u{2027}\u{202A}", "🙂", "",
    ])
    func jsonStrings(_ value: String) throws {
        var json = JSONText()
        json.string(value)
        let text = String(decoding: json.bytes, as: UTF8.self)
        let decoded = try JSONSerialization.jsonObject(with: Data(json.bytes), options: .fragmentsAllowed) as? String
        #expect(decoded == value)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{2028}" || $0 == "\u{2029}" })
        if !value.contains(where: { $0 == "\"" || $0 == "\\" || $0.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x2028 || $0.value == 0x2029 } }) {
            #expect(text == "\"" + value + "\"")
        }
        #expect(String(decoding: { var j = JSONText(); j.string("\u{1}\u{1F}"); return j.bytes }(), as: UTF8.self) == "\"\\u0001\\u001f\"")
    }

    @Test("an escape is found at every offset of a long string (the check reads eight bytes at a time)")
    func jsonEscapesAtEveryOffset() throws {
        for special in ["\"", "\\", "\n", "\u{1F}", "\u{2028}", "\u{2029}", "—"] {
            for offset in 0..<20 {
                let value = String(repeating: "x", count: offset) + special + String(repeating: "о", count: 20 - offset)
                var json = JSONText()
                json.string(value)
                let decoded = try JSONSerialization.jsonObject(with: Data(json.bytes), options: .fragmentsAllowed) as? String
                #expect(decoded == value)
                let text = String(decoding: json.bytes, as: UTF8.self)
                #expect(text.contains("\\") == (special != "—"), "\(special.debugDescription) at \(offset)")
            }
        }
    }

    @Test("numbers")
    func jsonNumbers() {
        var json = JSONText()
        json.numbers([0, 7, 10, 99, 100, 123_456_789, -1, -40, Int.max, Int.min])
        #expect(String(decoding: json.bytes, as: UTF8.self) == "[0,7,10,99,100,123456789,-1,-40,\(Int.max),\(Int.min)]")
    }

    @Test("the lowercase fast path of the transliteration gives what the general one gives", arguments: [
        "българия", "българията", "република българия", "българияа", "небългария", "българия2", "българия-",
        "история", "историята", "ия", "ия2", "иям", "и я", "ѝ", "ѐ", "път", "щастие", "ы э", "abc", "общинa",
        "2026", "", "софия,", "софия\r\nсофия", "юя", "ѝя", "ия\u{0301}",
    ])
    func transliterationFastPath(_ text: String) {
        let general = BulgarianTransliterator.transliterateCharacters(text)
        if let fast = BulgarianTransliterator.transliterateLowercase(text) {
            #expect(fast == general, "\(text)")
        }
        #expect(BulgarianTransliterator.transliterate(text) == general)
    }

    @Test("capitals, stress marks and letters outside the table take the general path", arguments: [
        "България", "СОФИЯ", "ия\u{0301}", "ё", "Ї", "ӑ",
    ])
    func transliterationGeneralPath(_ text: String) {
        #expect(BulgarianTransliterator.transliterateLowercase(text) == nil)
    }

    @Test("every stop word and analysis vector word is transliterated the same way by both paths")
    func transliterationOfRealWords() throws {
        var words = StopWords.bulgarian + StopWords.english
        for text in ["Общините в област Видин приеха стратегия за дигитализация на администрацията",
                     "участието на гражданите в бюджета на общината, България, Република България"] {
            words += SearchNormalizer.words(text)
            words += SearchNormalizer.words(text).map(BulgarianStemmer.stem)
        }
        for word in words {
            #expect(BulgarianTransliterator.transliterate(word) == BulgarianTransliterator.transliterateCharacters(word), "\(word)")
        }
    }
}
