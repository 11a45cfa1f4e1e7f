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
        transliterateLowercase(text) ?? transliterateCharacters(text)
    }

    /// `transliterate` character by character: any text.
    static func transliterateCharacters(_ text: String) -> String {
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

    /// The Latin letters of `а`…`я` (U+0430–U+044F), by offset from `а`; `ы` and `э`, which
    /// Bulgarian does not use, stay as they are.
    static let lowercaseLatin: [[UInt8]] = (0x430...0x44F).map { value in
        let letter = Character(Unicode.Scalar(value)!)
        return Array((table[letter] ?? String(letter)).utf8)
    }

    /// `transliterate` of text that holds only ASCII and the lowercase letters `а`…`я`, `ѐ`, `ѝ`
    /// (a search term, a word of a slug), on its UTF-8 bytes; nil for any other text. Without
    /// capitals, stress marks or other letters the rules come down to the table, `ия` at the end
    /// of a word and `българия`.
    static func transliterateLowercase(_ text: String) -> String? {
        var text = text
        var output: [UInt8] = []
        guard text.withUTF8({ transliterateLowercase(utf8: $0, into: &output) }) else { return nil }
        return String(decoding: output, as: UTF8.self)
    }

    /// `transliterateLowercase` of UTF-8 bytes, added to `output`; false (with `output` holding
    /// part of it) for any other text.
    static func transliterateLowercase(utf8 bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) -> Bool {
        let count = bytes.count
        /// Whether a letter starts at `index` (text past the end is not one).
        func isLetter(_ index: Int) -> Bool {
            guard index < count else { return false }
            let byte = bytes[index]
            return byte == 0xD0 || byte == 0xD1 || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
        }
        /// Whether a letter ends just before `index` (the text read so far is ASCII and
        /// Cyrillic letters, so a byte above 0x7F ends a Cyrillic letter).
        func followsLetter(_ index: Int) -> Bool {
            guard index > 0 else { return false }
            let byte = bytes[index - 1]
            return byte >= 0x80 || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
        }
        output.reserveCapacity(output.count + count + 8)
        var index = 0
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                output.append(byte)
                index += 1
                continue
            }
            guard index + 1 < count else { return false }
            let value = UInt32(byte & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
            guard byte == 0xD0 || byte == 0xD1, bytes[index + 1] & 0xC0 == 0x80,
                  (0x430...0x450).contains(value) || value == 0x45D else { return false }
            if value == 0x431, !followsLetter(index), Self.startsWithBulgaria(bytes, index), !isLetter(index + 16) {
                output.append(contentsOf: "bulgaria".utf8)
                index += 16
            } else if value == 0x438, index + 3 < count, bytes[index + 2] == 0xD1, bytes[index + 3] == 0x8F, !isLetter(index + 4) {
                output.append(contentsOf: "ia".utf8)  // ия at the end of a word
                index += 4
            } else {
                switch value {
                case 0x450: output.append(UInt8(ascii: "e"))
                case 0x45D: output.append(UInt8(ascii: "i"))
                default: output.append(contentsOf: lowercaseLatin[Int(value - 0x430)])
                }
                index += 2
            }
        }
        return true
    }

    static let bulgaria = Array("българия".utf8)

    /// Whether `bytes` hold `българия` from `index` on.
    private static func startsWithBulgaria(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        guard index + bulgaria.count <= bytes.count else { return false }
        for offset in 0..<bulgaria.count where bytes[index + offset] != bulgaria[offset] { return false }
        return true
    }
}
