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
        let latin = BulgarianTransliterator.transliterate(composed)
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
}
