import Foundation

/// Readable ASCII identifiers for URLs and heading ids: Bulgarian is transliterated by the
/// official system, Latin letters lose their accents, everything else becomes a hyphen.
public enum Slug {
    public static func make(_ text: String) -> String {
        let latin = BulgarianTransliterator.transliterate(text.precomposedStringWithCanonicalMapping)
        let folded = latin.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        var slug = ""
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            let isAlnum = (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9")
            if isAlnum {
                if pendingHyphen && !slug.isEmpty { slug.append("-") }
                pendingHyphen = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        return slug
    }
}
