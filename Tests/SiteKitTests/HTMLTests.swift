import Testing
@testable import SiteKit

@Suite("HTML")
struct HTMLTests {
    @Test("an address as link text may break after / and before . and -, never inside a word, and is escaped")
    func breakableURL() {
        #expect(HTML.breakableURL("https://lisboaparticipa.pt/") == "https://lisboaparticipa<wbr>.pt/")
        #expect(HTML.breakableURL("https://www.e-estonia.com/solutions/x-road") ==
                "https://www<wbr>.e<wbr>-estonia<wbr>.com/<wbr>solutions/<wbr>x<wbr>-road")
        #expect(HTML.breakableURL("https://a.eu/?q=<b>&x") == "https://a<wbr>.eu/<wbr>?q=&lt;b&gt;&amp;x")
    }

    @Test("the byte search finds markup after Cyrillic text and at the ends, and nothing where only a prefix matches")
    func byteSearch() {
        let html = "<p>Текст „с кавички“</p>\n<section class=\"footnotes\">"
        let range = html.utf8Range(of: "</p>")
        #expect(range.map { String(html[..<$0.upperBound]) } == "<p>Текст „с кавички“</p>")
        #expect(html.utf8Range(of: "<section class=\"footnotes\"").map { String(html[$0.lowerBound...]) } == "<section class=\"footnotes\">")
        #expect(html.utf8Range(of: "<p>")?.lowerBound == html.startIndex)
        #expect(html.utf8Range(of: "</pre>") == nil)
        #expect(html.utf8Range(of: "\">x") == nil)
        #expect(html.utf8Range(of: "") == nil)
        #expect("кавички".utf8Range(of: "ички").map { String("кавички"[$0]) } == "ички")
    }

    @Test("escaping eight bytes at a time gives what escaping each character gives, wherever the five fall")
    func escapingMatchesCharacterByCharacter() {
        func reference(_ text: String, apostrophe: Bool) -> String {
            var result = ""
            for character in text {
                switch character {
                case "&": result += "&amp;"
                case "<": result += "&lt;"
                case ">": result += "&gt;"
                case "\"": result += "&quot;"
                case "'" where apostrophe: result += "&#39;"
                default: result.append(character)
                }
            }
            return result
        }
        let pieces = ["&", "<", ">", "\"", "'", "a", " ", "Ж", "„", "€", "?", "=", "\u{7F}"]
        var generator = SystemRandomNumberGenerator()
        for length in 0..<40 {
            for _ in 0..<20 {
                let text = (0..<length).map { _ in pieces.randomElement(using: &generator)! }.joined()
                for apostrophe in [true, false] {
                    var bytes: [UInt8] = []
                    HTML.appendEscaped(text, to: &bytes, apostrophe: apostrophe)
                    #expect(String(decoding: bytes, as: UTF8.self) == reference(text, apostrophe: apostrophe), "\(text.debugDescription)")
                }
            }
        }
        // Long runs without any of them, and one at every place of an eight-byte word.
        let plain = String(repeating: "Текст text ", count: 30)
        for offset in 0..<16 {
            let text = String(plain.prefix(offset)) + "<" + plain
            #expect(HTML.escape(text) == reference(text, apostrophe: true))
        }
    }
}
