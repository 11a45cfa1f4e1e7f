import Foundation
import Testing
@testable import SiteKit

/// The official Bulgarian system (Transliteration Act, ДВ бр. 19/2009): what readers see in URLs
/// and heading ids.
@Suite("Bulgarian transliteration and slugs")
struct TransliterationTests {
    @Test("official examples of the Transliteration Act", arguments: [
        ("София", "Sofia"),
        ("Мария", "Maria"),
        ("Марияна", "Mariyana"),
        ("София-юг", "Sofia-yug"),
        ("България", "Bulgaria"),
        ("Щастие", "Shtastie"),
        ("ЖИВОТ", "ZHIVOT"),
        ("Кюстендил", "Kyustendil"),
        ("Ямбол", "Yambol"),
        ("Цветан Цонев", "Tsvetan Tsonev"),
        ("Чайка", "Chayka"),
        ("Шишманов", "Shishmanov"),
        ("Хасково", "Haskovo"),
        ("Пловдив", "Plovdiv"),
        ("Гълъб", "Galab"),
        ("Дюлгерин", "Dyulgerin"),
        ("Видин", "Vidin"),
    ])
    func officialExamples(cyrillic: String, latin: String) {
        #expect(BulgarianTransliterator.transliterate(cyrillic) == latin)
    }

    @Test("word-final „ия“ becomes „ia“, elsewhere „iya“")
    func wordFinalIa() {
        #expect(BulgarianTransliterator.transliterate("история") == "istoria")
        #expect(BulgarianTransliterator.transliterate("историята") == "istoriyata")
        #expect(BulgarianTransliterator.transliterate("Ия") == "Ia")
        #expect(BulgarianTransliterator.transliterate("СОФИЯ") == "SOFIA")
        #expect(BulgarianTransliterator.transliterate("София, България.") == "Sofia, Bulgaria.")
    }

    @Test("„ѝ“ becomes „i“; „ъ“ „a“; „ь“ „y“")
    func specialLetters() {
        #expect(BulgarianTransliterator.transliterate("ѝ") == "i")
        #expect(BulgarianTransliterator.transliterate("на нея ѝ харесва") == "na neya i haresva")
        #expect(BulgarianTransliterator.transliterate("път") == "pat")
        #expect(BulgarianTransliterator.transliterate("шофьор") == "shofyor")
    }

    @Test("„България“ keeps its traditional spelling in any case, but not inside other words")
    func bulgaria() {
        #expect(BulgarianTransliterator.transliterate("българия") == "bulgaria")
        #expect(BulgarianTransliterator.transliterate("БЪЛГАРИЯ") == "BULGARIA")
        #expect(BulgarianTransliterator.transliterate("Република България") == "Republika Bulgaria")
        #expect(BulgarianTransliterator.transliterate("Българията") == "Balgariyata")
    }

    @Test("Latin text and digits pass through unchanged")
    func passThrough() {
        #expect(BulgarianTransliterator.transliterate("Decidim 2016 – OK") == "Decidim 2016 – OK")
    }

    @Test("slugs: lowercase ASCII joined by single hyphens", arguments: [
        ("Ключови понятия", "klyuchovi-ponyatia"),
        ("Общ преглед", "obsht-pregled"),
        ("София-юг", "sofia-yug"),
        ("  Цифрова трансформация на България 2020–2030 ", "tsifrova-transformatsia-na-bulgaria-2020-2030"),
        ("Key concepts", "key-concepts"),
        ("Café Zürich – Ålesund?", "cafe-zurich-alesund"),
        ("„Цифрово десетилетие“", "tsifrovo-desetiletie"),
        ("Greece's first digital city", "greece-s-first-digital-city"),
        ("ЖИВОТ", "zhivot"),
        ("!!!", ""),
    ])
    func slugs(text: String, slug: String) {
        #expect(Slug.make(text) == slug)
    }

    @Test("a decomposed „й“ or „ѝ“ (letter + combining mark) gives the same slug as the precomposed letter")
    func decomposedLetters() {
        let decomposedY = "Кра" + "\u{0438}\u{0306}"  // и + combining breve
        #expect(Slug.make(decomposedY) == Slug.make("Край"))
        #expect(Slug.make(decomposedY) == "kray")
        let decomposedI = "\u{0438}\u{0300}"  // и + combining grave
        #expect(Slug.make(decomposedI) == "i")
    }

    @Test("the slug's shortcuts (no NFC for text without combining marks, lowercasing for ASCII) give what the full path gives")
    func slugShortcuts() throws {
        func reference(_ text: String) -> String {
            let latin = BulgarianTransliterator.transliterate(text.precomposedStringWithCanonicalMapping)
            let folded = latin.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            var slug = "", pendingHyphen = false
            for scalar in folded.unicodeScalars {
                if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                    if pendingHyphen && !slug.isEmpty { slug.append("-") }
                    pendingHyphen = false
                    slug.unicodeScalars.append(scalar)
                } else {
                    pendingHyphen = true
                }
            }
            return slug
        }
        // Every heading and title of the guide, and letters at the edges of the shortcuts.
        var texts = ["ÀÉÎÕÜ ÿ Ğ ǅ ß ﬁ", "Ѐ ѐ Ѝ ѝ Ӂ ӂ Ґ ґ Ї", "İstanbul", "Ǆemal", "Ⅻ", "e\u{0301}", "Σ ς", "Ǳ", "Ŀ",
                     "Ы ы Э э", "ИЯ Ия ия1 ия-а", "българия България2 небългария", "Кра\u{0438}\u{0306} ЖИВОТ", "A-Z а-я А-Я 0-9"]
        for file in try FileManager.default.subpathsOfDirectory(atPath: Paths.content.path) where file.hasSuffix(".md") {
            let text = try String(contentsOf: Paths.content.appendingPathComponent(file), encoding: .utf8)
            texts += text.split(separator: "\n").filter { $0.hasPrefix("#") || $0.hasPrefix("title:") }.map(String.init)
        }
        #expect(texts.count > 200)
        for text in texts { #expect(Slug.make(text) == reference(text), "\(text)") }
    }

    @Test("a slug is the same whatever the capitals: capitals are lowercased before transliteration", arguments: [
        ("ЦСКА и Цанко", "tsska-i-tsanko"),
        ("БЪЛГАРИЯ", "bulgaria"),
        ("Република България", "republika-bulgaria"),
        ("СОФИЯ", "sofia"),
        ("Щастие ЩАСТИЕ щастие", "shtastie-shtastie-shtastie"),
        ("Ѝ и Ѐ", "i-i-e"),
        ("Ра\u{301}бота", "rabota"),
        ("Éco ÉCOLE", "eco-ecole"),
    ])
    func slugIgnoresCapitals(text: String, slug: String) {
        #expect(Slug.make(text) == slug)
        #expect(Slug.make(text) == Slug.make(text.lowercased()))
    }

    @Test("a UI string's {n} is filled in wherever it is", arguments: [
        ("Глава {n}", "4", "Глава 4"), ("{n}", "Б", "Б"), ("Таблица {n} от {n}", "2", "Таблица 2 от 2"), ("без номер", "3", "без номер"),
    ])
    func fillingPlaceholder(template: String, value: String, filled: String) {
        #expect(template.filling(with: value) == filled)
    }

    @Test("white space is trimmed as Foundation trims it", arguments: [
        "", " ", "\t \t", "Общ преглед ", "  Общ преглед", "\u{A0}Общ\u{2003}", "„Цитат“ ", " „Цитат“", "x\u{3000}", "\u{202F}x\u{205F}",
        "\u{1680}a b\u{1680}", "a\u{0301} ", " \u{2013}", "\u{200B}x\u{200B}", "\u{2028}x", "x\u{85}", "\t\u{A0} x \u{A0}\t", "Глава 2", "\u{180E}x\u{180E}", "\u{FEFF}x\u{FEFF}", " Café ",
    ])
    func trimmingLikeFoundation(text: String) {
        #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces))
    }
}
