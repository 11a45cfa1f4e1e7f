import Foundation

/// Readable ASCII identifiers for URLs and heading ids: Bulgarian is transliterated by the
/// official system, Latin letters lose their accents, everything else becomes a hyphen.
public enum Slug {
    public static func make(_ text: String) -> String {
        // Text without combining marks (Latin-1, Cyrillic, ASCII: nearly every heading) is in NFC
        // already, and when its transliteration is ASCII, folding is lowercasing: both are skipped,
        // as Foundation's versions were a tenth of rendering a page.
        let composed = text.unicodeScalars.allSatisfy { $0.value < 0x300 || (0x400..<0x530).contains($0.value) }
            ? text : text.precomposedStringWithCanonicalMapping
        // A slug is lowercase, so the text is lowercased before it is transliterated (the rules
        // give the same letters either way): lowercase Cyrillic takes the transliterator's byte path.
        let latin = BulgarianTransliterator.transliterate(lowercasedCyrillicAndASCII(composed) ?? composed)
        let folded = latin.utf8.allSatisfy { $0 < 0x80 } ? latin.lowercased()
            : latin.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        var slug: [UInt8] = []
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            let isAlnum = (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9")
            if isAlnum {
                if pendingHyphen && !slug.isEmpty { slug.append(UInt8(ascii: "-")) }
                pendingHyphen = false
                slug.append(UInt8(scalar.value))
            } else {
                pendingHyphen = true
            }
        }
        return String(decoding: slug, as: UTF8.self)
    }

    /// `text` with the capitals `A`…`Z` and `А`…`Я` made lowercase, on its UTF-8 bytes; nil when it
    /// has any other capital or letter outside ASCII and `а`…`я` (the caller then keeps the text).
    static func lowercasedCyrillicAndASCII(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            var output = [UInt8](bytes)
            var index = 0
            while index < output.count {
                let byte = output[index]
                if byte < 0x80 {
                    if byte >= 0x41 && byte <= 0x5A { output[index] = byte | 0x20 }
                    index += 1
                    continue
                }
                guard index + 1 < output.count else { return nil }
                let next = output[index + 1]
                switch (byte, next) {
                case (0xD0, 0x90...0x9F): output[index + 1] = next + 0x20          // А…П → а…п
                case (0xD0, 0xA0...0xAF): output[index] = 0xD1; output[index + 1] = next - 0x20  // Р…Я → р…я
                case (0xD0, 0xB0...0xBF), (0xD1, 0x80...0x8F): break               // а…я
                default: return nil
                }
                index += 2
            }
            return String(decoding: output, as: UTF8.self)
        }
    }
}
