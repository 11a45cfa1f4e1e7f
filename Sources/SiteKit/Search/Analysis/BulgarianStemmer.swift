/// The Bulgarian light stemmer of Apache Lucene's `BulgarianStemmer` (after J. Savoy,
/// "Searching strategies for the Bulgarian language"), rule for rule as in
/// `shared/brief/BULGARIAN-TEXT.md` §2. It works on Unicode scalars, expects normalised
/// (lowercase) input and is mirrored by `bulgarianStem` in `search-analysis.js`.
///
/// `n` is the current length in scalars and every condition is strict:
/// 0. n < 4: unchanged.
/// 1. n > 5 and ends in `ища`: drop 3 and stop.
/// 2. Article: n > 6 `ият` drop 3; else n > 5 `ът`/`то`/`те`/`та`/`ия` drop 2; else n > 4 `ят` drop 2.
/// 3. Plural: n > 6 `овци` drop 3, `ове` drop 3, `еве` → `й`; else n > 5 `ища` drop 3, `та` drop 2,
///    `ци` → `к`, `зи` → `г`, `е?и` → `я?`; else n > 4 `си` → `х`, `и` drop 1.
/// 4. If n > 3 (checked once): drop a final `я`, then drop a final `а`, `о` or `е`.
/// 5. n > 4 and ends in `ен`: `ен` → `н`.
/// 6. n > 5 and the second-to-last letter is `ъ`: delete it.
public enum BulgarianStemmer {
    public static func stem(_ word: String) -> String {
        var s = Array(word.unicodeScalars)
        if s.count < 4 { return word }
        if s.count > 5 && s.ends("и", "щ", "а") {
            s.removeLast(3)
            return string(s)
        }
        removeArticle(&s)
        removePlural(&s)
        if s.count > 3 {
            if s.ends("я") { s.removeLast() }
            if s.ends("а") || s.ends("о") || s.ends("е") { s.removeLast() }
        }
        if s.count > 4 && s.ends("е", "н") {
            s.remove(at: s.count - 2)
        }
        if s.count > 5 && s[s.count - 2] == "ъ" {
            s.remove(at: s.count - 2)
        }
        return string(s)
    }

    private static func removeArticle(_ s: inout [Unicode.Scalar]) {
        if s.count > 6 && s.ends("и", "я", "т") {
            s.removeLast(3)
        } else if s.count > 5 && (s.ends("ъ", "т") || s.ends("т", "о") || s.ends("т", "е")
                                  || s.ends("т", "а") || s.ends("и", "я")) {
            s.removeLast(2)
        } else if s.count > 4 && s.ends("я", "т") {
            s.removeLast(2)
        }
    }

    private static func removePlural(_ s: inout [Unicode.Scalar]) {
        let n = s.count
        if n > 6 {
            if s.ends("о", "в", "ц", "и") { s.removeLast(3); return }  // the „о“ stays
            if s.ends("о", "в", "е") { s.removeLast(3); return }
            if s.ends("е", "в", "е") { s[n - 3] = "й"; s.removeLast(2); return }
        }
        if n > 5 {
            if s.ends("и", "щ", "а") { s.removeLast(3); return }
            if s.ends("т", "а") { s.removeLast(2); return }
            if s.ends("ц", "и") { s[n - 2] = "к"; s.removeLast(); return }
            if s.ends("з", "и") { s[n - 2] = "г"; s.removeLast(); return }
            if s[n - 3] == "е" && s[n - 1] == "и" { s[n - 3] = "я"; s.removeLast(); return }
        }
        if n > 4 {
            if s.ends("с", "и") { s[n - 2] = "х"; s.removeLast(); return }
            if s.ends("и") { s.removeLast(); return }
        }
    }

    private static func string(_ scalars: [Unicode.Scalar]) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}

extension Array where Element == Unicode.Scalar {
    // Whether the scalars end with the given ones (one overload per length, so that a rule
    // checks its suffix without building a string or an array).
    fileprivate func ends(_ a: Unicode.Scalar) -> Bool { last == a }
    fileprivate func ends(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool {
        count >= 2 && self[count - 2] == a && self[count - 1] == b
    }
    fileprivate func ends(_ a: Unicode.Scalar, _ b: Unicode.Scalar, _ c: Unicode.Scalar) -> Bool {
        count >= 3 && self[count - 3] == a && self[count - 2] == b && self[count - 1] == c
    }
    fileprivate func ends(_ a: Unicode.Scalar, _ b: Unicode.Scalar, _ c: Unicode.Scalar, _ d: Unicode.Scalar) -> Bool {
        count >= 4 && self[count - 4] == a && self[count - 3] == b && self[count - 2] == c && self[count - 1] == d
    }
}
