#!/usr/bin/env python3
"""Generate Sources/SiteKit/Search/Analysis/StopWords.swift from stopwords.json.

The JSON file is the one place where the search stop words are kept; the Swift code must not
read it from a path at run time, so it is compiled in. SearchAnalysisTests checks that the
generated file agrees with the JSON.

Usage: scripts/generate-stopwords.py          rewrite StopWords.swift
       scripts/generate-stopwords.py --check  exit 1 if StopWords.swift is out of date
"""
import json
import pathlib
import sys
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parent.parent
ANALYSIS = ROOT / "Sources" / "SiteKit" / "Search" / "Analysis"
SOURCE = ANALYSIS / "stopwords.json"
TARGET = ANALYSIS / "StopWords.swift"

HEADER = "// generated from stopwords.json by scripts/generate-stopwords.py; do not edit\n"


def check_words(language, words):
    """Stop words are compared with normalised words, so they must be normalised words."""
    seen = set()
    for word in words:
        normalized = unicodedata.normalize("NFC", word).lower()
        normalized = normalized.replace("\u045d", "\u0438").replace("\u0450", "\u0435")
        normalized = normalized.replace("\u0300", "").replace("\u0301", "").replace("\u00ad", "")
        normalized = unicodedata.normalize("NFC", normalized)
        if word != normalized or not word or not all(c.isalnum() for c in word):
            sys.exit(f"stopwords.json: {language}: {word!r} is not a normalised single word")
        if word in seen:
            sys.exit(f"stopwords.json: {language}: {word!r} is listed twice")
        seen.add(word)


def swift_list(words):
    lines = []
    line = "       "
    for word in words:
        item = " " + json.dumps(word, ensure_ascii=False) + ","
        if len(line) + len(item) > 100:
            lines.append(line)
            line = "       "
        line += item
    lines.append(line)
    return "\n".join(lines)


def render(data):
    return (
        HEADER
        + "\n"
        + "/// The stop words of site search (see `SearchAnalyzer`), normalised, in the order of\n"
        + "/// `stopwords.json`. The browser gets them from the search index.\n"
        + "public enum StopWords {\n"
        + "    /// Bulgarian function words.\n"
        + "    public static let bulgarian: [String] = [\n"
        + swift_list(data["bg"])
        + "\n    ]\n\n"
        + "    /// English function words.\n"
        + "    public static let english: [String] = [\n"
        + swift_list(data["en"])
        + "\n    ]\n"
        + "}\n"
    )


def main():
    data = json.loads(SOURCE.read_text(encoding="utf-8"))
    if sorted(data) != ["bg", "en"]:
        sys.exit('stopwords.json must have exactly the keys "bg" and "en"')
    for language in ("bg", "en"):
        check_words(language, data[language])
    text = render(data)
    if "--check" in sys.argv[1:]:
        if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != text:
            sys.exit(f"{TARGET.relative_to(ROOT)} is out of date: run scripts/generate-stopwords.py")
        return
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}: {len(data['bg'])} bg, {len(data['en'])} en")


if __name__ == "__main__":
    main()
