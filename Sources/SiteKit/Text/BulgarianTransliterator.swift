/// Bulgarian Cyrillic → Latin by the official system of the Bulgarian Transliteration Act
/// (ДВ бр. 19 от 13.03.2009): `ия` at the end of a word becomes `ia`, digraphs are title-cased
/// before a lowercase letter, `България` keeps its traditional spelling `Bulgaria`, and `ѝ`
/// becomes `i`. Characters outside the Bulgarian alphabet pass through unchanged.
public enum BulgarianTransliterator {
    static let table: [Character: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
        "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
        "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch",
        "ш": "sh", "щ": "sht", "ъ": "a", "ь": "y", "ю": "yu", "я": "ya", "ѝ": "i", "ѐ": "e",
    ]

    /// The letter without stress marks (U+0300, U+0301), which Bulgarian text may carry on any vowel.
    static func withoutStress(_ character: Character) -> Character {
        let scalars = character.unicodeScalars
        guard scalars.count > 1, scalars.dropFirst().allSatisfy({ $0.value == 0x300 || $0.value == 0x301 }) else { return character }
        return Character(scalars.first!)
    }

    public static func transliterate(_ text: String) -> String {
        let characters = text.map(withoutStress)
        var output = ""
        output.reserveCapacity(characters.count + 8)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let lower = Character(character.lowercased())
            guard let latin = table[lower] else {
                output.append(character)
                index += 1
                continue
            }
            // „България“ keeps its traditional Latin spelling.
            if lower == "б", let word = wordAt(characters, index), word.lowercased() == "българия" {
                output += applyCase(of: Array(word), to: "Bulgaria")
                index += word.count
                continue
            }
            // „ия“ at the end of a word → „ia“.
            if lower == "и", index + 1 < characters.count,
               Character(characters[index + 1].lowercased()) == "я",
               index + 2 == characters.count || !characters[index + 2].isLetter {
                let pair = [character, characters[index + 1]]
                output += applyCase(of: pair, to: "ia")
                index += 2
                continue
            }
            if character == lower {
                output += latin
            } else {
                // A capital: all capitals inside a word in capitals (ЦСКА, ЖИВОТ), title case
                // otherwise (Цанко, Ц. Церковски, Ж).
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                let nextIsUpper = next.map { $0.isUppercase } ?? false
                let nextIsLower = next.map { $0.isLowercase } ?? false
                let previousIsUpper = index > 0 && characters[index - 1].isUppercase
                if nextIsUpper || (previousIsUpper && !nextIsLower) {
                    output += latin.uppercased()
                } else {
                    output += latin.prefix(1).uppercased() + latin.dropFirst()
                }
            }
            index += 1
        }
        return output
    }

    /// The whole word that starts at `start`, if `start` begins a word.
    private static func wordAt(_ characters: [Character], _ start: Int) -> String? {
        if start > 0 && characters[start - 1].isLetter { return nil }
        var end = start
        while end < characters.count && characters[end].isLetter { end += 1 }
        return String(characters[start..<end])
    }

    private static func applyCase(of source: [Character], to latin: String) -> String {
        if source.allSatisfy({ !$0.isLetter || $0.isUppercase }) && source.count > 1 { return latin.uppercased() }
        if source.first?.isUppercase == true { return latin.prefix(1).uppercased() + latin.dropFirst().lowercased() }
        return latin.lowercased()
    }
}
