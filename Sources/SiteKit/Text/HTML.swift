/// Escaping for text placed in HTML and XML, outside templates (templates escape by themselves).
public enum HTML {
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
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
