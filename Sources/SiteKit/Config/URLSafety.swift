/// Which addresses written in the settings may become links on every page: web addresses and
/// `mailto:`; never `javascript:`, `data:` and the like, which run or embed content when clicked.
public enum URLSafety {
    static let allowedSchemes: Set<String> = ["http", "https", "mailto"]

    /// The scheme of `url` as a browser reads it: browsers drop tabs, line ends and leading
    /// control characters and spaces before they look for the colon, so `java\tscript:` counts.
    public static func scheme(of url: String) -> String? {
        let cleaned = String(String.UnicodeScalarView(url.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }))
        guard let colon = cleaned.firstIndex(of: ":") else { return nil }
        let candidate = cleaned[..<colon]
        guard let first = candidate.first, first.isASCII, first.isLetter,
              candidate.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) }) else { return nil }
        return candidate.lowercased()
    }

    /// Nil when `url` is safe as a link; otherwise what is wrong with it.
    public static func problem(with url: String) -> String? {
        if url.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "it contains a control character (a tab or line break inside the address)"
        }
        guard let scheme = scheme(of: url) else { return nil }
        if allowedSchemes.contains(scheme) { return nil }
        return "'\(scheme):' addresses can run a script or open something other than a web page"
    }

    /// Nil when `url` is an absolute http(s) address that can be the site's or a publisher's
    /// address; otherwise what is wrong with it.
    public static func problem(withWebAddress url: String) -> String? {
        if let problem = problem(with: url) { return problem }
        let lowered = url.lowercased()
        guard lowered.hasPrefix("https://") || lowered.hasPrefix("http://"), url.split(separator: "/").count >= 2 else {
            return "it is not an absolute http(s) address"
        }
        return nil
    }
}
