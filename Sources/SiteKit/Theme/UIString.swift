/// The UI strings the build itself writes into pages (the templates use others through `t.…`).
/// A theme must give every one of them in every language of the site: `Theme.compile` reports a
/// missing one as an error naming the i18n file, so no page ever shows a key instead of a text.
public enum UIString: String, CaseIterable, Sendable {
    case home, guide, guideContents, caseStudies, caseStudiesIntro, news, newsIntro, search, searchIntro
    case printTitle, pageLabel, chapter, annex, forewordLabel, annexLabel
    case city, country, population, since, topics, website
    case thousandsSeparator, decimalSeparator
    case footnotes, backToContent, table
    case figure, chartData, barChart, timelineChart, groupingMinimumDigits
    case notFoundTitle, notFoundText, backHome
    case readInLanguage, untranslatedNote
}
