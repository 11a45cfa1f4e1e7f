/// Escaping for text placed in HTML and XML, outside templates (templates escape by themselves).
public enum HTML {
    public static func escape(_ text: String) -> String {
        var escaped: [UInt8] = []
        escaped.reserveCapacity(text.utf8.count)
        appendEscaped(text, to: &escaped, apostrophe: true)
        return String(decoding: escaped, as: UTF8.self)
    }

    /// Appends `text`'s UTF-8 bytes with `&`, `<`, `>`, `"` (and, with `apostrophe`, `'`) as
    /// entities; the runs between them are copied whole. (cmark-gfm leaves `'` as it is in text;
    /// templates and attributes escape it.)
    static func appendEscaped(_ text: String, to out: inout [UInt8], apostrophe: Bool) {
        var text = text
        text.withUTF8 { appendEscaped(bytes: $0, to: &out, apostrophe: apostrophe) }
    }

    /// `appendEscaped` of UTF-8 bytes.
    static func appendEscaped(bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], apostrophe: Bool) {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        var start = 0, index = 0
        func escape(_ index: Int) {
            let replacement: StaticString
            switch base[index] {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "'") where apostrophe: replacement = "&#39;"
            default: return
            }
            out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: index - start))
            out.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
            start = index + 1
        }
        // Eight bytes at a time: most runs of text have none of the five.
        while index + 8 <= count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            if Self.mayNeedEscaping(word, apostrophe: apostrophe) {
                for at in index..<(index + 8) { escape(at) }
            }
            index += 8
        }
        while index < count {
            escape(index)
            index += 1
        }
        out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: count - start))
    }

    /// Whether one of the eight bytes of `word` is `&`, `<`, `>`, `"` (or, with `apostrophe`, `'`).
    @inline(__always)
    static func mayNeedEscaping(_ word: UInt64, apostrophe: Bool) -> Bool {
        @inline(__always) func hasByte(_ byte: UInt8) -> Bool {
            // A zero byte in `word ^ pattern` is a byte equal to `byte` (the classic test is exact
            // about whether there is one).
            let value = word ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
            return (value &- 0x0101_0101_0101_0101) & ~value & 0x8080_8080_8080_8080 != 0
        }
        return hasByte(UInt8(ascii: "&")) || hasByte(UInt8(ascii: "<")) || hasByte(UInt8(ascii: ">"))
            || hasByte(UInt8(ascii: "\"")) || (apostrophe && hasByte(UInt8(ascii: "'")))
    }

    /// An address as link text, escaped, with `<wbr>` where it may break: after `/` and before
    /// `.` and `-`, never inside a word („lisboaparticipa.pt/“, not „lisboaparticipa / .pt/“).
    public static func breakableURL(_ url: String) -> String {
        var result = ""
        result.reserveCapacity(url.utf8.count * 2)
        var previous: Character?
        for character in url {
            if let previous, previous != "/", character == "." || character == "-" { result += "<wbr>" }
            result += escape(String(character))
            if character == "/" { result += "<wbr>" }
            previous = character
        }
        if result.hasSuffix("<wbr>") { result.removeLast(5) }
        return result.replacingOccurrences(of: "/<wbr>/<wbr>", with: "//")
    }
}
