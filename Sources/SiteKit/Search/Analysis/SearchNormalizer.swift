import Foundation

/// Normalisation and tokenisation of text for site search. The same rules are implemented in
/// `themes/default/assets/js/search-analysis.js` (query time, in the browser); the shared test
/// vectors in `Tests/SiteKitTests/Fixtures/analysis-vectors.json` keep the two identical.
///
/// Normalisation (index time and query time alike), in this order:
/// 1. NFC;
/// 2. lowercase, scalar by scalar (Unicode's default full lowercase mapping, no context, so
///    JavaScript's per-code-point `toLowerCase()` gives the same result);
/// 3. `ѝ` → `и` (Bulgarian "her" must match `и`) and `ѐ` → `е` (a stressed `е`; like `ѝ` it is
///    the only other Cyrillic letter whose NFC form hides a stress mark);
/// 4. remove the stress marks U+0300 (grave) and U+0301 (acute) and the soft hyphen U+00AD.
///    U+0306 (breve) is never removed: `й` ≠ `и` (`мой` ≠ `мои`);
/// 5. NFC again, so that what steps 2–4 decomposed or uncovered is composed (`ѝ` + U+0306 → `й`).
///    Normalised text is NFC, so Swift's canonical-equivalence string comparison and JavaScript's
///    code-unit comparison agree on it.
///
/// Tokenisation: a word is a Unicode letter or digit (`\p{L}`, `\p{N}`) followed by any run of
/// letters, digits and combining marks (`\p{M}`); everything else separates words (so
/// `София-юг` is two words). Marks left inside a word after normalisation (e.g. U+0306 with no
/// precomposed form) stay in it instead of splitting it.
public enum SearchNormalizer {
    /// Normalises `text` as described above.
    public static func normalize(_ text: String) -> String {
        // Fast path for the common case (Latin, Cyrillic, punctuation, no combining marks): the
        // text is already NFC and lowercasing it cannot decompose anything, so both NFC passes
        // would change nothing. The result is the same as the general path; only the work differs.
        let plain = text.unicodeScalars.allSatisfy(isNFCStableWithoutMarks)
        let composed = plain ? text : text.precomposedStringWithCanonicalMapping
        var output = String.UnicodeScalarView()
        var needsFinalNFC = !plain
        for scalar in composed.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x41...0x5A: output.append(Unicode.Scalar(value + 0x20)!)  // A–Z
            case 0x00...0x7F, 0x430...0x44F: output.append(scalar)           // ASCII, а–я
            case 0x410...0x42F: output.append(Unicode.Scalar(value + 0x20)!) // А–Я
            case 0x045D, 0x040D: output.append("и")                          // ѝ, Ѝ
            case 0x0450, 0x0400: output.append("е")                          // ѐ, Ѐ
            default:
                for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                    switch lower.value {
                    case 0x045D: output.append("и")  // ѝ
                    case 0x0450: output.append("е")  // ѐ
                    case 0x0300, 0x0301, 0x00AD: needsFinalNFC = true
                    default:
                        if lower.value >= 0x300 && lower.value < 0x370 { needsFinalNFC = true }
                        output.append(lower)
                    }
                }
            }
        }
        let result = String(output)
        return needsFinalNFC ? result.precomposedStringWithCanonicalMapping : result
    }

    /// Characters that NFC leaves alone and that no following character composes with, in the
    /// ranges Bulgarian and English text use: no combining marks, no Hangul, no NFC singletons.
    static func isNFCStableWithoutMarks(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0000...0x02FF, 0x0400...0x0482, 0x048A...0x04FF, 0x2002...0x2027, 0x2030...0x205E, 0x20A0...0x20BF:
            return scalar.value != 0x00AD
        default:
            return false
        }
    }

    /// Splits already normalised text into words (see the type's documentation).
    public static func tokenize(_ normalized: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in normalized.unicodeScalars {
            if isWordStart(scalar) || (!current.isEmpty && isMark(scalar)) {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    /// `tokenize(normalize(text))`, each word with `foldingLookalikes` applied.
    public static func words(_ text: String) -> [String] {
        tokenize(normalize(text)).map(foldingLookalikes)
    }

    /// Latin letters that look like Cyrillic ones, in a word that also has Cyrillic letters
    /// (`общинитe` typed with a Latin `e`, `Cтратегия` with a Latin `C`), become those Cyrillic
    /// letters: `a b c e h k m o p t x y` → `а в с е н к м о р т х у` (lowercase; `b`, `h`, `m`, `t`
    /// are the capitals `B H M T` lowercased). A word without Cyrillic letters is unchanged.
    public static func foldingLookalikes(_ word: String) -> String {
        guard script(of: word) == .cyrillic, word.unicodeScalars.contains(where: isLatin) else { return word }
        var folded = String.UnicodeScalarView()
        for scalar in word.unicodeScalars {
            if let cyrillic = lookalikes[scalar] { folded.append(cyrillic) } else { folded.append(scalar) }
        }
        return String(folded)
    }

    static let lookalikes: [Unicode.Scalar: Unicode.Scalar] = [
        "a": "а", "b": "в", "c": "с", "e": "е", "h": "н", "k": "к", "m": "м", "o": "о", "p": "р",
        "t": "т", "x": "х", "y": "у",
    ]

    static func isWordStart(_ scalar: Unicode.Scalar) -> Bool {
        // Fast answers for the scripts this site is written in; the general rule otherwise.
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x400...0x481, 0x48A...0x4FF: return true
        case 0x00...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7F, 0x2000...0x206F: return false
        default: break
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x300 { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// The script a word is analysed as. A word with any Cyrillic letter is Cyrillic; otherwise
    /// a word with any Latin letter is Latin; anything else (numbers, Greek, …) is `other`.
    enum Script: Equatable { case cyrillic, latin, other }

    static func script(of word: String) -> Script {
        var sawLatin = false
        for scalar in word.unicodeScalars {
            if isCyrillic(scalar) { return .cyrillic }
            if isLatin(scalar) { sawLatin = true }
        }
        return sawLatin ? .latin : .other
    }

    /// Cyrillic, Cyrillic Supplement, Extended-A/B/C.
    static func isCyrillic(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0400...0x052F, 0x1C80...0x1C8F, 0x2DE0...0x2DFF, 0xA640...0xA69F: return true
        default: return false
        }
    }

    /// Basic Latin letters, Latin-1 letters, Latin Extended-A/B, IPA, Latin Extended Additional,
    /// Extended-C/D/E, the Latin ligatures and full-width Latin letters.
    static func isLatin(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A, 0xAA, 0xBA, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2AF,
             0x1E00...0x1EFF, 0x2C60...0x2C7F, 0xA720...0xA7FF, 0xAB30...0xAB6F,
             0xFB00...0xFB06, 0xFF21...0xFF3A, 0xFF41...0xFF5A:
            return true
        default:
            return false
        }
    }
}
