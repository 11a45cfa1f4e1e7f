import Foundation

/// Readable ASCII identifiers for URLs and heading ids: Bulgarian is transliterated by the
/// official system, Latin letters lose their accents, everything else becomes a hyphen.
public enum Slug {
    public static func make(_ text: String) -> String {
        // ASCII and the letters А…Я, а…я (nearly every heading) are lowercased, transliterated and
        // hyphenated on their bytes, without a text made in between.
        var utf8 = text
        if let slug = utf8.withUTF8({ asciiAndCyrillicSlug($0) }) { return slug }
        // Text without combining marks (Latin-1, Cyrillic, ASCII) is in NFC already, and when its
        // transliteration is ASCII, folding is lowercasing: both are skipped, as Foundation's
        // versions were a tenth of rendering a page.
        var composed = text.unicodeScalars.allSatisfy { $0.value < 0x300 || (0x400..<0x530).contains($0.value) }
            ? text : text.precomposedStringWithCanonicalMapping
        // (Compared byte for byte: `!=` compares texts as canonically equivalent.)
        if !composed.utf8.elementsEqual(text.utf8), let slug = composed.withUTF8({ asciiAndCyrillicSlug($0) }) { return slug }
        let latin = BulgarianTransliterator.transliterate(composed)
        let folded = latin.utf8.allSatisfy { $0 < 0x80 } ? latin.lowercased()
            : latin.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        return hyphenated(folded.utf8)
    }

    /// The slug of text that holds only ASCII and the letters `А`…`Я`, `а`…`я`, from its UTF-8
    /// bytes; nil for other text. Lowercased first (the transliteration's rules give the same
    /// letters either way), the text takes the transliterator's byte path.
    static func asciiAndCyrillicSlug(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let lowercased = lowercasedCyrillicAndASCII(bytes) else { return nil }
        var latin: [UInt8] = []
        guard lowercased.withUnsafeBufferPointer({ BulgarianTransliterator.transliterateLowercase(utf8: $0, into: &latin) })
        else { return nil }
        // `ы` and `э`, which Bulgarian does not use, stay Cyrillic: not letters of a slug.
        return hyphenated(latin)
    }

    /// The runs of `a`…`z` and `0`…`9` of lowercase text, joined by hyphens: every other character
    /// (a byte of it) separates them.
    static func hyphenated<Bytes: Sequence<UInt8>>(_ text: Bytes) -> String {
        var slug: [UInt8] = []
        var pendingHyphen = false
        for byte in text {
            if (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) {
                if pendingHyphen && !slug.isEmpty { slug.append(UInt8(ascii: "-")) }
                pendingHyphen = false
                slug.append(byte)
            } else {
                pendingHyphen = true
            }
        }
        return String(decoding: slug, as: UTF8.self)
    }

    /// `bytes` with the capitals `A`…`Z` and `А`…`Я` made lowercase; nil when they hold any other
    /// capital or letter outside ASCII and `а`…`я`.
    static func lowercasedCyrillicAndASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
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
        return output
    }
}
