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
        if s.count > 5 && s.hasSuffix("ища") {
            s.removeLast(3)
            return string(s)
        }
        removeArticle(&s)
        removePlural(&s)
        if s.count > 3 {
            if s.hasSuffix("я") { s.removeLast() }
            if s.hasSuffix("а") || s.hasSuffix("о") || s.hasSuffix("е") { s.removeLast() }
        }
        if s.count > 4 && s.hasSuffix("ен") {
            s.remove(at: s.count - 2)
        }
        if s.count > 5 && s[s.count - 2] == "ъ" {
            s.remove(at: s.count - 2)
        }
        return string(s)
    }

    private static func removeArticle(_ s: inout [Unicode.Scalar]) {
        if s.count > 6 && s.hasSuffix("ият") {
            s.removeLast(3)
        } else if s.count > 5 && (s.hasSuffix("ът") || s.hasSuffix("то") || s.hasSuffix("те")
                                  || s.hasSuffix("та") || s.hasSuffix("ия")) {
            s.removeLast(2)
        } else if s.count > 4 && s.hasSuffix("ят") {
            s.removeLast(2)
        }
    }

    private static func removePlural(_ s: inout [Unicode.Scalar]) {
        let n = s.count
        if n > 6 {
            if s.hasSuffix("овци") { s.removeLast(3); return }  // the „о“ stays
            if s.hasSuffix("ове") { s.removeLast(3); return }
            if s.hasSuffix("еве") { s[n - 3] = "й"; s.removeLast(2); return }
        }
        if n > 5 {
            if s.hasSuffix("ища") { s.removeLast(3); return }
            if s.hasSuffix("та") { s.removeLast(2); return }
            if s.hasSuffix("ци") { s[n - 2] = "к"; s.removeLast(); return }
            if s.hasSuffix("зи") { s[n - 2] = "г"; s.removeLast(); return }
            if s[n - 3] == "е" && s[n - 1] == "и" { s[n - 3] = "я"; s.removeLast(); return }
        }
        if n > 4 {
            if s.hasSuffix("си") { s[n - 2] = "х"; s.removeLast(); return }
            if s.hasSuffix("и") { s.removeLast(); return }
        }
    }

    private static func string(_ scalars: [Unicode.Scalar]) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}

extension Array where Element == Unicode.Scalar {
    /// Whether the scalars end with the scalars of `suffix`.
    fileprivate func hasSuffix(_ suffix: String) -> Bool {
        let tail = Array(suffix.unicodeScalars)
        guard tail.count <= count else { return false }
        return self[(count - tail.count)...].elementsEqual(tail)
    }
}
