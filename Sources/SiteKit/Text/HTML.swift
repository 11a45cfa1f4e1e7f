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
        var start = 0
        for index in 0..<bytes.count {
            let byte = base[index]
            // The five are below `?`; letters (Cyrillic bytes among them) are above it.
            if byte >= UInt8(ascii: "?") { continue }
            let replacement: StaticString
            switch byte {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "'") where apostrophe: replacement = "&#39;"
            default: continue
            }
            out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: index - start))
            out.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
            start = index + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: bytes.count - start))
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
