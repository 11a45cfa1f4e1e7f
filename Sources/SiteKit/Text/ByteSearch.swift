import Foundation

extension StringProtocol {
    /// The first place `needle` occurs, found by comparing UTF-8 bytes: what `range(of:)` finds
    /// for the markup the build itself writes, without Foundation's Unicode-aware search (which
    /// was a tenth of the theme stage). Not for text where canonically equivalent spellings
    /// should match.
    func utf8Range(of needle: String) -> Range<Index>? {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return nil }
        // On the text's own bytes where it has them (a page's HTML is long): offsets, then indices.
        if let found = utf8.withContiguousStorageIfAvailable({ bytes -> Int? in
            var start = 0
            let last = bytes.count - pattern.count
            while start <= last {
                guard bytes[start] == first else { start += 1; continue }
                var matched = 1
                while matched < pattern.count, bytes[start + matched] == pattern[matched] { matched += 1 }
                if matched == pattern.count { return start }
                start += 1
            }
            return nil
        }) {
            guard let offset = found else { return nil }
            let start = utf8.index(utf8.startIndex, offsetBy: offset)
            return start..<utf8.index(start, offsetBy: pattern.count)
        }
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

extension String {
    /// The string without white space (`CharacterSet.whitespaces`: spaces, tabs and the Unicode
    /// spaces) at either end. Spaces and tabs are trimmed on the bytes; only text that then starts
    /// or ends with a Unicode space is trimmed by Foundation.
    func trimmingWhitespace() -> String {
        let bytes = utf8
        var start = bytes.startIndex, end = bytes.endIndex
        func isSpaceOrTab(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        while start < end, isSpaceOrTab(bytes[start]) { start = bytes.index(after: start) }
        while start < end, isSpaceOrTab(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        guard start < end else { return "" }
        var last = bytes.index(before: end)
        while last > start, bytes[last] & 0xC0 == 0x80 { last = bytes.index(before: last) }
        if Self.isUnicodeSpace(bytes[start...]) || Self.isUnicodeSpace(bytes[last...]) { return trimmingCharacters(in: .whitespaces) }
        return start == bytes.startIndex && end == bytes.endIndex ? self : String(self[start..<end])
    }

    /// Whether the text may start with a space character other than U+0020: a character whose
    /// first UTF-8 byte is that of the Unicode spaces (U+00A0, U+1680, U+180E, U+2000–U+200B,
    /// U+202F, U+205F, U+3000, U+FEFF); Foundation decides for those.
    private static func isUnicodeSpace(_ bytes: Substring.UTF8View) -> Bool {
        guard let first = bytes.first else { return false }
        return first == 0xC2 || first == 0xE1 || first == 0xE2 || first == 0xE3 || first == 0xEF
    }
}

extension StringProtocol {
    /// Whether any UTF-8 byte of the text satisfies `test`, read from the text's own storage
    /// where it has one (a walk through `utf8` checks every index and costs several times more).
    func containsByte(where test: (UInt8) -> Bool) -> Bool {
        utf8.withContiguousStorageIfAvailable { $0.contains(where: test) } ?? utf8.contains(where: test)
    }

    /// Whether the text's UTF-8 holds `byte`, looked for with `memchr` (many bytes at a time, where
    /// a test of each byte was most of the render stage's own time) in the text's own storage
    /// where it has one.
    func containsByte(_ byte: UInt8) -> Bool {
        utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, Int32(byte), bytes.count) != nil
        } ?? utf8.contains(byte)
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Where each line starts: 0, and the byte after each line feed (found with `memchr`, which
    /// looks at many bytes at a time).
    var lineStarts: [Int] {
        var starts = [0]
        guard let base = baseAddress else { return starts }
        var offset = 0
        while offset < count, let found = memchr(base + offset, Int32(UInt8(ascii: "\n")), count - offset) {
            offset = UnsafeRawPointer(found) - UnsafeRawPointer(base) + 1
            starts.append(offset)
        }
        return starts
    }
}
