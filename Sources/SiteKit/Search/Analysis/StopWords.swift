// generated from stopwords.json by scripts/generate-stopwords.py; do not edit

/// The stop words of site search (see `SearchAnalyzer`), normalised, in the order of
/// `stopwords.json`. The browser gets them from the search index.
public enum StopWords {
    /// Bulgarian function words.
    public static let bulgarian: [String] = [
        "и", "в", "на", "за", "от", "с", "да", "се", "е", "са", "по", "че", "не", "към", "при",
        "както", "като", "това", "тази", "тези", "който", "която", "които", "или", "но", "а", "до",
        "след", "през", "между", "ще", "може", "им", "ги", "му", "я", "ни", "ви", "бъде", "съм",
        "сме", "тя", "той", "те", "то", "ние", "вие", "аз", "ли", "бе", "бил", "била", "били",
        "било", "всички", "още", "така", "този", "тоя", "тук", "там", "също", "има", "няма", "нито",
        "ако", "защото", "когато", "където", "тъй", "във", "със", "го", "ме", "си", "би", "беше",
        "бяха", "сте", "чрез", "без", "пред", "под", "над", "кой", "коя", "кое", "кои", "какво",
        "как", "нас", "вас", "тях", "него", "нея", "обаче", "дали", "пък", "вече", "само",
    ]

    /// English function words.
    public static let english: [String] = [
        "a", "about", "after", "all", "am", "an", "and", "any", "are", "as", "at", "be", "because",
        "been", "before", "being", "between", "both", "but", "by", "can", "could", "did", "do",
        "does", "doing", "during", "each", "for", "from", "had", "has", "have", "having", "he",
        "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into",
        "is", "it", "its", "itself", "just", "me", "my", "myself", "no", "nor", "not", "of", "on",
        "only", "or", "other", "our", "ours", "ourselves", "out", "own", "same", "she", "should",
        "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves",
        "then", "there", "these", "they", "this", "those", "through", "to", "too", "until", "very",
        "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why",
        "will", "with", "would", "you", "your", "yours", "yourself", "yourselves", "s", "t",
    ]
}
