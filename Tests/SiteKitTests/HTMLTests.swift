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
}
