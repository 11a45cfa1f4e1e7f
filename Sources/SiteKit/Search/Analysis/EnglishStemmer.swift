/// Porter2, the Snowball English stemmer, complete and pinned to the current algorithm
/// (Snowball 3.1 `english.sbl`, as generated into PyPI's `snowballstemmer` 3.1.1):
///
/// - exception list 1 (`skis`, `skies`, `idly`, `gently`, `ugly`, `early`, `only`, `singly`,
///   and the invariant `sky`, `news`, `howe`, `atlas`, `cosmos`, `bias`, `andes`);
/// - words shorter than 3 letters are unchanged;
/// - prelude: a leading apostrophe is removed; an initial `y` and a `y` after a vowel become `Y`;
/// - R1/R2, with the special R1 prefixes `gener`, `commun`, `arsen`, `past`, `univers`,
///   `later`, `emerg`, `organ` and `inter`;
/// - steps 1a, 1b (with the former exception list 2 folded in: `inning`, `outing`, `canning`,
///   `herring`, `earring`, `evening`, `proceed`, `exceed`, `succeed` are left alone and a
///   consonant + `ying` becomes consonant + `ie`: dying → die, vying → vie), 1c, 2 (with
///   `ogist` → `og`), 3, 4, 5;
/// - postlude: `Y` → `y`.
///
/// Works on Unicode scalars (any letter outside `aeiouy` is a consonant) and expects lowercase
/// input. Mirrored by `englishStem` in `search-analysis.js`; both are checked against the same
/// vectors, which were produced with the reference implementation.
public enum EnglishStemmer {
    public static func stem(_ word: String) -> String {
        if let exception = exceptions[word] { return exception }
        var porter = Porter2(word)
        guard porter.w.count >= 3 else { return word }
        porter.run()
        return porter.result
    }

    static let exceptions: [String: String] = [
        "skis": "ski", "skies": "sky",
        "idly": "idl", "gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli", "singly": "singl",
        "sky": "sky", "news": "news", "howe": "howe",
        "atlas": "atlas", "cosmos": "cosmos", "bias": "bias", "andes": "andes",
    ]
}

private struct Porter2 {
    var w: [Unicode.Scalar]
    var p1 = 0
    var p2 = 0
    var yFound = false

    init(_ word: String) { w = Array(word.unicodeScalars) }

    var result: String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: w)
        return String(view)
    }

    static func isVowel(_ c: Unicode.Scalar) -> Bool {
        switch c { case "a", "e", "i", "o", "u", "y": return true; default: return false }
    }

    /// `v + 'wxY'` of the Snowball source.
    static func isVowelWXY(_ c: Unicode.Scalar) -> Bool {
        isVowel(c) || c == "w" || c == "x" || c == "Y"
    }

    /// Whether the word ends with `suffix` (ASCII, as every suffix of the algorithm is).
    func ends(_ suffix: String) -> Bool {
        var index = w.count
        for byte in suffix.utf8.reversed() {
            index -= 1
            if index < 0 || w[index].value != UInt32(byte) { return false }
        }
        return true
    }

    /// The longest of `suffixes` that the word ends with.
    func longest(_ suffixes: [String]) -> String? {
        var best: String?
        for suffix in suffixes where ends(suffix) {
            if best == nil || suffix.unicodeScalars.count > best!.unicodeScalars.count { best = suffix }
        }
        return best
    }

    mutating func replaceEnd(_ length: Int, with replacement: String) {
        w.removeLast(length)
        w.append(contentsOf: replacement.unicodeScalars)
    }

    mutating func run() {
        prelude()
        markRegions()
        step1a()
        step1b()
        step1c()
        step2()
        step3()
        step4()
        step5()
        if yFound {
            for index in w.indices where w[index] == "Y" { w[index] = "y" }
        }
    }

    mutating func prelude() {
        if w.first == "'" { w.removeFirst() }
        if w.first == "y" { w[0] = "Y"; yFound = true }
        var index = 1
        while index < w.count {
            if w[index] == "y" && Self.isVowel(w[index - 1]) { w[index] = "Y"; yFound = true }
            index += 1
        }
    }

    mutating func markRegions() {
        p1 = w.count
        p2 = w.count
        var cursor: Int
        let prefixes = ["gener", "commun", "arsen", "past", "univers", "later", "emerg", "organ", "inter"]
        if let prefix = prefixes.first(where: { w.starts(with: $0.unicodeScalars) }) {
            cursor = prefix.unicodeScalars.count
        } else {
            guard let after = goPastVowelThenConsonant(from: 0) else { return }
            cursor = after
        }
        p1 = cursor
        guard let after = goPastVowelThenConsonant(from: cursor) else { return }
        p2 = after
    }

    /// `gopast v gopast non-v` from `start`: the position after the first non-vowel that
    /// follows a vowel, or nil.
    func goPastVowelThenConsonant(from start: Int) -> Int? {
        var index = start
        while index < w.count && !Self.isVowel(w[index]) { index += 1 }
        guard index < w.count else { return nil }
        index += 1
        while index < w.count && Self.isVowel(w[index]) { index += 1 }
        guard index < w.count else { return nil }
        return index + 1
    }

    /// Whether the word part before `end` ends in a short syllable (Snowball `shortv`).
    func isShortV(_ end: Int) -> Bool {
        if end >= 3 && !Self.isVowelWXY(w[end - 1]) && Self.isVowel(w[end - 2]) && !Self.isVowel(w[end - 3]) {
            return true
        }
        if end == 2 && !Self.isVowel(w[1]) && Self.isVowel(w[0]) { return true }
        if end >= 4 && w[(end - 4)..<end].elementsEqual("past".unicodeScalars) { return true }
        return false
    }

    mutating func step1a() {
        if ends("'s'") { w.removeLast(3) } else if ends("'s") { w.removeLast(2) } else if ends("'") { w.removeLast() }
        if ends("sses") {
            replaceEnd(4, with: "ss")
        } else if ends("ied") || ends("ies") {
            replaceEnd(3, with: w.count - 3 >= 2 ? "i" : "ie")
        } else if ends("us") || ends("ss") {
            return
        } else if ends("s") {
            // `next gopast v`: a vowel before the letter that precedes the s.
            let start = w.count - 1
            if start >= 1 && w[0..<(start - 1)].contains(where: Self.isVowel) { w.removeLast() }
        }
    }

    mutating func step1b() {
        let n = w.count
        guard let suffix = longest(["eed", "eedly", "ed", "edly", "ing", "ingly"]) else { return }
        let length = suffix.unicodeScalars.count
        let start = n - length
        switch suffix {
        case "eed", "eedly":
            let before = w[0..<start]
            for exception in ["proc", "exc", "succ"] where before.elementsEqual(exception.unicodeScalars) { return }
            if start >= p1 { replaceEnd(length, with: "ee") }
            return
        case "ing":
            // C + ying → C + ie (dying, lying, tying, vying).
            if start == 2 && w[1] == "y" && !Self.isVowel(w[0]) {
                replaceEnd(4, with: "ie")
                return
            }
            let before = w[0..<start]
            for exception in ["inn", "out", "cann", "herr", "earr", "even"] where before.elementsEqual(exception.unicodeScalars) {
                return
            }
        default:
            break
        }
        // ed, edly, ing, ingly: delete if the part before contains a vowel, then tidy up.
        guard w[0..<start].contains(where: Self.isVowel) else { return }
        w.removeLast(length)
        if ends("at") || ends("bl") || ends("iz") {
            w.append("e")
        } else if ["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"].contains(where: ends) {
            // A double consonant loses its last letter, except in add, err, odd (aeo + double).
            if !(w.count == 3 && (w[0] == "a" || w[0] == "e" || w[0] == "o")) { w.removeLast() }
        } else if p1 == w.count && isShortV(w.count) {
            w.append("e")
        }
    }

    mutating func step1c() {
        let n = w.count
        guard n >= 3, w[n - 1] == "y" || w[n - 1] == "Y", !Self.isVowel(w[n - 2]) else { return }
        w[n - 1] = "i"
    }

    static let step2Suffixes = step2Rules.map(\.0)
    static let step2Rules: [(String, String)] = [
        ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("abli", "able"), ("entli", "ent"),
        ("izer", "ize"), ("ization", "ize"),
        ("ational", "ate"), ("ation", "ate"), ("ator", "ate"),
        ("alism", "al"), ("aliti", "al"), ("alli", "al"),
        ("fulness", "ful"), ("ousli", "ous"), ("ousness", "ous"),
        ("iveness", "ive"), ("iviti", "ive"), ("biliti", "ble"), ("bli", "ble"),
        ("ogist", "og"), ("ogi", "og"), ("fulli", "ful"), ("lessli", "less"), ("li", ""),
    ]

    mutating func step2() {
        guard let suffix = longest(Self.step2Suffixes) else { return }
        let length = suffix.unicodeScalars.count
        let start = w.count - length
        guard start >= p1 else { return }
        switch suffix {
        case "ogi":
            if start >= 1 && w[start - 1] == "l" { replaceEnd(length, with: "og") }
        case "li":
            if start >= 1 && "cdeghkmnrt".unicodeScalars.contains(w[start - 1]) { w.removeLast(length) }
        default:
            replaceEnd(length, with: Self.step2Rules.first { $0.0 == suffix }!.1)
        }
    }

    static let step3Suffixes = step3Rules.map(\.0)
    static let step3Rules: [(String, String)] = [
        ("tional", "tion"), ("ational", "ate"), ("alize", "al"),
        ("icate", "ic"), ("iciti", "ic"), ("ical", "ic"),
        ("ful", ""), ("ness", ""), ("ative", ""),
    ]

    mutating func step3() {
        guard let suffix = longest(Self.step3Suffixes) else { return }
        let length = suffix.unicodeScalars.count
        let start = w.count - length
        guard start >= p1 else { return }
        if suffix == "ative" {
            if start >= p2 { w.removeLast(length) }
        } else {
            replaceEnd(length, with: Self.step3Rules.first { $0.0 == suffix }!.1)
        }
    }

    static let step4Suffixes = [
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
        "ism", "ate", "iti", "ous", "ive", "ize", "ion",
    ]

    mutating func step4() {
        guard let suffix = longest(Self.step4Suffixes) else { return }
        let length = suffix.unicodeScalars.count
        let start = w.count - length
        guard start >= p2 else { return }
        if suffix == "ion" {
            if start >= 1 && (w[start - 1] == "s" || w[start - 1] == "t") { w.removeLast(length) }
        } else {
            w.removeLast(length)
        }
    }

    mutating func step5() {
        let start = w.count - 1
        guard start >= 0 else { return }
        if w[start] == "e" {
            if start >= p2 || (start >= p1 && !isShortV(start)) { w.removeLast() }
        } else if w[start] == "l" {
            if start >= p2 && start >= 1 && w[start - 1] == "l" { w.removeLast() }
        }
    }
}
