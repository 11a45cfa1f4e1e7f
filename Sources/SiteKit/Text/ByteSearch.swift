extension StringProtocol {
    /// The first place `needle` occurs, found by comparing UTF-8 bytes: what `range(of:)` finds
    /// for the markup the build itself writes, without Foundation's Unicode-aware search (which
    /// was a tenth of the theme stage). Not for text where canonically equivalent spellings
    /// should match.
    func utf8Range(of needle: String) -> Range<Index>? {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return nil }
        let haystack = utf8
        var index = haystack.startIndex
        while let start = haystack[index...].firstIndex(of: first) {
            var end = start, matched = 0
            while matched < pattern.count, end < haystack.endIndex, haystack[end] == pattern[matched] {
                haystack.formIndex(after: &end)
                matched += 1
            }
            if matched == pattern.count { return start..<end }
            index = haystack.index(after: start)
        }
        return nil
    }
}

extension String {
    /// The string with every `placeholder` (a UI string's `{n}`) replaced by `value`, found by
    /// comparing bytes: labels are filled in for every chapter, table and figure of a large guide.
    func filling(_ placeholder: String = "{n}", with value: String) -> String {
        guard var found = utf8Range(of: placeholder) else { return self }
        var result = ""
        var rest = self[...]
        while true {
            result += rest[..<found.lowerBound]
            result += value
            rest = rest[found.upperBound...]
            guard let next = rest.utf8Range(of: placeholder) else { break }
            found = next
        }
        return result + rest
    }
}
