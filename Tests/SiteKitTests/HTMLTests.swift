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
}
