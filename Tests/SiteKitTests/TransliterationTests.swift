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
}
