"""The print pages (/print/, /en/print/) and the PDF files of `vidin build --pdf`.

The structure tests read the HTML of a build of the real content. The PDF tests build the real
content again with --pdf (they are skipped when no Chromium is installed; CI installs it) and
read the PDFs with poppler-utils (pdfinfo, pdftotext). The binary is the one `swift build` made
(`swift build --show-bin-path`); VIDIN_BINARY overrides it, e.g. for another scratch path."""
import base64
import hashlib
import html
import os
import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser

import pytest

from conftest import ROOT, vidin_binary

LANGUAGES = {
    # language → (print page, PDF, every page of the language starts with this prefix)
    "bg": ("print/index.html", "downloads/digital-vidin-guide-bg.pdf"),
    "en": ("en/print/index.html", "downloads/digital-vidin-guide-en.pdf"),
}
BASE_URL = "https://www.digital-vidin.eu"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def binary():
    return os.environ.get("VIDIN_BINARY") or vidin_binary()


def build(output, *extra, env=None):
    return subprocess.run([binary(), "build", "--content", "content", "--themes", "themes", "--output", output, *extra],
                          cwd=ROOT, capture_output=True, text=True, env=env)


def have_browser():
    return any(shutil.which(name) for name in BROWSERS)


# --- builds ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def plain_site():
    """The real content built without --pdf."""
    work = tempfile.mkdtemp(prefix="vidin-print-")
    out = os.path.join(work, "site")
    result = build(out)
    assert result.returncode == 0, result.stderr
    yield out
    shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="module")
def pdf_site():
    """The real content built with --pdf (needs Chromium and poppler-utils)."""
    if not have_browser():
        pytest.skip("no Chromium on PATH: the PDF tests need it (CI installs it)")
    if not shutil.which("pdftotext") or not shutil.which("pdfinfo"):
        pytest.skip("poppler-utils (pdftotext, pdfinfo) are not installed")
    work = tempfile.mkdtemp(prefix="vidin-print-pdf-")
    out = os.path.join(work, "site")
    result = build(out, "--pdf")
    assert result.returncode == 0, result.stderr
    yield out
    shutil.rmtree(work, ignore_errors=True)


# A machine with other fonts and other font settings: the system's fonts without DejaVu Sans
# (the only sans-serif family on a new Debian machine), full hinting and subpixel colour. The
# PDF must not notice.
OTHER_FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <cachedir>%s</cachedir>
  <selectfont><rejectfont><glob>*/DejaVuSans*</glob></rejectfont></selectfont>
  <match target="font">
    <edit name="hinting" mode="assign"><bool>true</bool></edit>
    <edit name="hintstyle" mode="assign"><const>hintfull</const></edit>
    <edit name="rgba" mode="assign"><const>rgb</const></edit>
  </match>
</fontconfig>
"""


@pytest.fixture(scope="module")
def pdf_site_other_fonts():
    """The real content built with --pdf again, under OTHER_FONTCONFIG."""
    if not have_browser() or not shutil.which("pdfinfo"):
        pytest.skip("the PDF tests need Chromium and poppler-utils (CI installs them)")
    work = tempfile.mkdtemp(prefix="vidin-print-fonts-")
    config = os.path.join(work, "fonts.conf")
    with open(config, "w") as handle:
        handle.write(OTHER_FONTCONFIG % os.path.join(work, "cache"))
    out = os.path.join(work, "site")
    result = build(out, "--pdf", env=dict(os.environ, FONTCONFIG_FILE=config))
    assert result.returncode == 0, result.stderr
    yield out
    shutil.rmtree(work, ignore_errors=True)


def read(folder, relative):
    with open(os.path.join(folder, relative), encoding="utf-8") as handle:
        return handle.read()


# --- a small HTML model ---------------------------------------------------------------------

class Element:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children = []  # Elements and strings

    def text(self):
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def classes(self):
        return (self.attrs.get("class") or "").split()


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", [], None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(text):
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def squash(text):
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


def fold(text):
    """Text with every space, line break and hyphen left out, case-blind: the same wherever a
    line happens to break („X-Road“ may come out of the PDF as „X- Road“)."""
    return re.sub(r"[\s\u00ad\u2010\u2011-]+", "", text).casefold()


class PrintPage:
    """One language's print page, parsed."""

    def __init__(self, text):
        self.html = text
        self.root = parse(text)
        self.elements = list(self.root.iter())
        self.book = next(e for e in self.elements if e.tag == "article" and "print-book" in e.classes())
        self.parts = [e for e in self.book.iter() if e.tag == "section" and "print-part" in e.classes()]

    def part_title(self, part):
        """The part's title: its first heading (inside the opening block of a chapter)."""
        return next(e for e in part.iter() if e.tag in ("h2", "h3") and "part-title" in e.classes())

    def title_text(self, part):
        """The part's title without its label („Глава 1“, „А.3“)."""
        heading = self.part_title(part)
        return squash("".join(c if isinstance(c, str) else ("" if "part-label" in c.classes() else c.text())
                              for c in heading.children))

    def headings(self):
        return [e for e in self.book.iter() if e.tag in ("h2", "h3", "h4", "h5", "h6")]


def named_pages(page):
    """The print page's running heads: @page name → the head's text."""
    style = "".join(e.text() for e in page.elements if e.tag == "style")
    return {name: head.replace('\\"', '"') for name, head in
            re.findall(r"@page (part-\d+) \{ @top-left \{ content: \"((?:[^\"\\\\]|\\\\.)*)\"", style)}


def part_head(page, part):
    """The running head printed on a part's pages."""
    match = re.search(r"page:\s*(part-\d+)", part.attrs.get("style", ""))
    return named_pages(page)[match.group(1)] if match else None


def running_heads(page):
    return list(named_pages(page).values())


@pytest.fixture(scope="module")
def print_pages(plain_site):
    return {language: PrintPage(read(plain_site, path)) for language, (path, _) in LANGUAGES.items()}


def guide_sources(language):
    """The guide's files of a language in reading order: (file name, front matter text)."""
    folder = os.path.join(ROOT, "content", "guide")
    files = sorted(name for name in os.listdir(folder) if name.endswith(".%s.md" % language))
    result = []
    for name in files:
        text = open(os.path.join(folder, name), encoding="utf-8").read()
        front = text.split("---", 2)[1] if text.startswith("---") else ""
        result.append((name, front))
    return result


def front_value(front, key):
    match = re.search(r"^%s:\s*(.+)$" % key, front, re.M)
    if not match:
        return None
    value = match.group(1).strip()
    if value[:1] in "\"'" and value[-1:] == value[:1]:
        value = value[1:-1]
    return value


def expected_guide(language):
    """(title, is annex) of the guide's parts in the order of their files."""
    return [(front_value(front, "title"), front_value(front, "part") == "annex") for _, front in guide_sources(language)]


def case_study_count(language):
    folder = os.path.join(ROOT, "content", "case-studies")
    return len([name for name in os.listdir(folder) if name.endswith(".%s.md" % language)])


def glossary_present(language):
    return os.path.exists(os.path.join(ROOT, "content", "guide", "05-glossary.%s.md" % language))


# --- the print page's structure ---------------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_ids_are_unique(print_pages, language):
    ids = [e.attrs["id"] for e in print_pages[language].elements if "id" in e.attrs]
    seen, duplicates = set(), set()
    for value in ids:
        (duplicates if value in seen else seen).add(value)
    assert len(ids) > 300
    assert not duplicates, sorted(duplicates)[:20]
    assert all(value.strip() and not re.search(r"\s", value) for value in ids)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_in_page_link_resolves(print_pages, language):
    page = print_pages[language]
    ids = {e.attrs["id"] for e in page.elements if "id" in e.attrs}
    links = [e.attrs["href"] for e in page.elements if e.tag == "a" and e.attrs.get("href", "").startswith("#")]
    assert len(links) > 300
    missing = sorted({href for href in links if href[1:] not in ids})
    assert not missing, missing[:20]
    # Every entry of the table of contents points into the book itself.
    toc = next(e for e in page.elements if e.tag == "nav" and "print-toc" in e.classes())
    book_ids = {e.attrs["id"] for e in page.book.iter() if "id" in e.attrs}
    for link in (e for e in toc.iter() if e.tag == "a"):
        assert link.attrs["href"][1:] in book_ids


@pytest.mark.parametrize("language", LANGUAGES)
def test_chapters_in_order(print_pages, language):
    page = print_pages[language]
    top = [part for part in page.parts if page.part_title(part).tag == "h2"]
    titles = [page.title_text(part) for part in top]
    labels = [squash(next((c.text() for c in page.part_title(part).iter() if "part-label" in c.classes()), ""))
              for part in top]
    guide = expected_guide(language)
    chapters = [title for title, annex in guide if not annex]
    annexes = [title for title, annex in guide if annex]
    case_studies = "Европейски примери" if language == "bg" else "European case studies"
    assert titles == chapters + [case_studies] + annexes
    chapter_word, annex_word, letters = (("Глава", "Приложение", "АБВГДЕЖЗИК") if language == "bg"
                                         else ("Chapter", "Annex", "ABCDEFGHIJ"))
    # The foreword without a number, then „Глава 1“ … „Глава 4“, then „Приложение А“, „Приложение Б“…
    assert labels[0] == ""
    assert labels[1:len(chapters)] == ["%s %d" % (chapter_word, n) for n in range(1, len(chapters))]
    assert labels[len(chapters):] == ["%s %s" % (annex_word, letters[n]) for n in range(1 + len(annexes))]
    if glossary_present(language):
        # The glossary is the first annex after the case studies; the document templates follow it.
        glossary = len(chapters) + 1
        assert titles[glossary] == ("Речник на понятията" if language == "bg" else "Glossary")
        assert labels[glossary] == "%s %s" % (annex_word, letters[1])
    # The case studies are inside annex A, numbered А.1, А.2, …
    cases = [part for part in page.parts if page.part_title(part).tag == "h3"]
    assert len(cases) == case_study_count(language) > 0
    first_case = page.parts.index(cases[0])
    assert page.parts[first_case - 1] is top[len(chapters)]
    for index, part in enumerate(cases, 1):
        label = next(c.text() for c in page.part_title(part).iter() if "part-label" in c.classes())
        assert label == "%s.%d" % (letters[0], index)


@pytest.mark.parametrize("language", LANGUAGES)
def test_contents_lists_numbered_chapters_and_sections(print_pages, language):
    page = print_pages[language]
    toc = next(e for e in page.elements if e.tag == "nav" and "print-toc" in e.classes())
    entries = [squash(a.text()) for a in toc.iter() if a.tag == "a"]
    assert entries[0] == expected_guide(language)[0][0]
    for number in range(1, 5):
        assert any(entry.startswith("%d " % number) for entry in entries), number
        assert any(entry.startswith("%d.1 " % number) for entry in entries), number
    # The sections of chapter 1 in the contents are the chapter's h2 headings, with the same numbers.
    body_sections = [squash(h.text()) for h in page.headings() if h.tag == "h3" and "section-number" in
                     [c for e in h.iter() for c in e.classes()]]
    toc_sections = [entry for entry in entries if re.match(r"^\d+\.\d+ ", entry)]
    assert toc_sections == [s for s in body_sections if re.match(r"^\d+\.\d+ ", s)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_links_outside_the_book_are_absolute(print_pages, plain_site, language):
    page = print_pages[language]
    hrefs = [e.attrs.get("href", "") for e in page.book.iter() if e.tag == "a"]
    relative = [href for href in hrefs if not href.startswith(("#", "http://", "https://", "mailto:"))]
    assert not relative, relative[:10]
    # No link into the book goes out to the site: chapters and case studies are anchors here.
    to_book = [href for href in hrefs if re.match(re.escape(BASE_URL) + r"/(en/)?(guide|case-studies)/[^#]", href)]
    assert not to_book, to_book[:10]
    # The links that leave the book go to pages that exist on the site.
    own = sorted({href for href in hrefs if href.startswith(BASE_URL)})
    assert own, "expected links to pages of the site outside the book (e.g. the accessibility statement)"
    for href in own:
        path = href[len(BASE_URL):].split("#")[0]
        target = os.path.join(plain_site, path.lstrip("/"), "index.html" if path.endswith("/") else "")
        assert os.path.exists(target.rstrip("/")), href


@pytest.mark.parametrize("language", LANGUAGES)
def test_noindex_and_title(print_pages, language):
    page = print_pages[language]
    robots = [e.attrs.get("content") for e in page.elements if e.tag == "meta" and e.attrs.get("name") == "robots"]
    assert robots == ["noindex"]
    html_element = next(e for e in page.elements if e.tag == "html")
    assert html_element.attrs["lang"] == language
    title = squash(next(e for e in page.elements if e.tag == "title").text())
    assert title.startswith("Дигитален Видин" if language == "bg" else "Digital Vidin")


@pytest.mark.parametrize("language", LANGUAGES)
def test_print_button_and_no_print_on_load(print_pages, plain_site, language):
    page = print_pages[language]
    buttons = [e for e in page.elements if e.tag == "button" and "print-button" in e.classes()]
    assert len(buttons) == 1
    assert squash(buttons[0].text()) == ("Печат / Запазване като PDF" if language == "bg" else "Print / Save as PDF")
    assert buttons[0].attrs.get("type") == "button"
    # No inline script, no onload handler; the only script calls print() from a click handler.
    scripts = [e for e in page.elements if e.tag == "script"]
    assert all("src" in e.attrs and not e.text().strip() for e in scripts)
    assert not any(name.startswith("on") for e in page.elements for name in e.attrs)
    printing = 0
    for script in scripts:
        source = read(plain_site, script.attrs["src"].split("?")[0].replace("../", "").lstrip("/"))
        calls = [m.start() for m in re.finditer(r"\bprint\s*\(", source)]
        printing += len(calls)
        for call in calls:
            assert "addEventListener(\"click\"" in source[:call] or "addEventListener('click'" in source[:call]
    assert printing, "expected window.print() behind the button"


@pytest.mark.parametrize("language", LANGUAGES)
def test_cover(print_pages, language):
    page = print_pages[language]
    cover = next(e for e in page.book.iter() if e.tag == "section" and "cover" in e.classes())
    text = squash(cover.text())
    assert "BG05SFOP001-2.025-0208-C02" in text
    if language == "bg":
        for expected in ("Дигитален Видин", "Ръководство за стратегия за цифрова трансформация на местно равнище",
                         "Фондация за регионално развитие", "Сдружение „Феникс-21“", "Оперативна програма „Добро управление“",
                         "59 964,19 лв.", "16.08.2022 г. – 31.12.2023 г.", "2023", "Европейския социален фонд",
                         "не може да се приема, че този документ отразява официалното становище на Европейския съюз"):
            assert expected in text, expected
    else:
        for expected in ("Digital Vidin", "A guide to local digital transformation strategy", "Foundation for Regional Development",
                         "Phoenix-21 Association", "Operational Programme “Good Governance”", "BGN 59,964.19",
                         "16 August 2022 – 31 December 2023", "2023", "European Social Fund",
                         "under no circumstances can be regarded as reflecting the official position of the European Union"):
            assert expected in text, expected
    # The edition that site.yml names.
    assert site_edition(language) in text
    # The cover comes first in the book, the contents right after it.
    children = [c for c in page.book.children if isinstance(c, Element)]
    assert children[0] is cover and "print-toc" in children[1].classes()


@pytest.mark.parametrize("language", LANGUAGES)
def test_print_css_is_a4_with_page_numbers_and_running_heads(print_pages, plain_site, language):
    page = print_pages[language]
    css_links = [e.attrs["href"] for e in page.elements if e.tag == "link" and e.attrs.get("rel") == "stylesheet"]
    css = "".join(read(plain_site, href.split("?")[0].replace("../", "")) for href in css_links)
    assert re.search(r"@page\s*\{[^}]*size:\s*A4", css)
    assert "counter(page)" in css
    assert "hyphens: auto" in css
    # Every part is on a named page with a running head; a new head for each chapter and annex,
    # the same one for all the case studies of annex A.
    heads = [part_head(page, part) for part in page.parts]
    assert all(head and head.strip() for head in heads)
    top = [head for part, head in zip(page.parts, heads) if page.part_title(part).tag == "h2"]
    assert len(set(top)) == len(top)
    cases = {head for part, head in zip(page.parts, heads) if "print-case" in part.classes()}
    assert len(cases) == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_pdf_pages_link_the_print_page(plain_site, language):
    folder = plain_site if language == "bg" else os.path.join(plain_site, "en")
    print_url = "/print/" if language == "bg" else "/en/print/"
    assert not os.path.exists(os.path.join(plain_site, "downloads"))
    for page in html_pages(folder, language):
        text = read(folder, page)
        assert 'href="%s"' % print_url in text or page.endswith("print/index.html"), page
        assert ".pdf" not in text, page


def html_pages(folder, language):
    pages = []
    for directory, subfolders, files in os.walk(folder):
        relative = os.path.relpath(directory, folder)
        if language == "bg" and relative.split(os.sep)[0] == "en":
            continue
        for name in files:
            if name == "index.html":
                pages.append(os.path.normpath(os.path.join(relative, name)))
    assert len(pages) > 20
    return pages


# --- without Chromium -----------------------------------------------------------------------

def tree_digest(folder):
    digest = {}
    for directory, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(directory, name)
            with open(path, "rb") as handle:
                digest[os.path.relpath(path, folder)] = hashlib.sha256(handle.read()).hexdigest()
    return digest


def test_pdf_without_chromium_fails_clearly_and_writes_nothing(plain_site):
    work = tempfile.mkdtemp(prefix="vidin-print-nochromium-")
    try:
        out = os.path.join(work, "site")
        shutil.copytree(plain_site, out)
        before = tree_digest(out)
        empty = os.path.join(work, "bin")
        os.mkdir(empty)
        env = dict(os.environ, PATH=empty)
        result = build(out, "--pdf", env=env)
        assert result.returncode != 0
        message = result.stderr
        assert "Chromium" in message and "PATH" in message, message
        assert "apt-get install chromium" in message, message
        assert "error" in message
        assert tree_digest(out) == before
    finally:
        shutil.rmtree(work, ignore_errors=True)


# --- the PDF files --------------------------------------------------------------------------

def pdfinfo(path):
    out = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    return dict((key.strip(), value.strip()) for key, _, value in (line.partition(":") for line in out.splitlines()))


def pdf_pages(path, layout=True):
    """Text of each page (pdftotext separates pages with form feeds)."""
    arguments = ["pdftotext"] + (["-layout"] if layout else []) + [path, "-"]
    text = subprocess.run(arguments, capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def pdf_fonts(path):
    """(name, embedded) of each font in the PDF, as pdffonts lists them."""
    out = subprocess.run(["pdffonts", path], capture_output=True, text=True, check=True).stdout
    return [(line.split()[0], line.split()[-5]) for line in out.splitlines()[2:] if line.strip()]


def lines(page):
    return [line.strip() for line in page.splitlines() if line.strip()]


def site_edition(language):
    """The edition that content/site.yml names for the language („Второ, … издание, 2026 г.“)."""
    text = open(os.path.join(ROOT, "content", "site.yml"), encoding="utf-8").read()
    block = re.search(r"^edition:\n((?:  .*\n)+)", text, re.M)
    return re.search(r"^  %s: (.+)$" % language, block.group(1), re.M).group(1).strip() if block else None


@pytest.fixture(scope="module")
def pdfs(pdf_site):
    return {language: os.path.join(pdf_site, pdf) for language, (_, pdf) in LANGUAGES.items()}


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_metadata(pdfs, language):
    info = pdfinfo(pdfs[language])
    title = "Дигитален Видин" if language == "bg" else "Digital Vidin"
    assert info["Title"].startswith(title)
    assert "A4" in info["Page size"]
    assert int(info["Pages"]) > 40
    # The publishers as Author, the subtitle and the edition as Subject, vidin as Creator.
    publishers = ("Фондация за регионално развитие", "Сдружение „Феникс-21“") if language == "bg" else \
        ("Foundation for Regional Development", "Phoenix-21 Association")
    assert all(name in info["Author"] for name in publishers), info["Author"]
    assert site_edition(language) and site_edition(language) in info["Subject"], info["Subject"]
    assert ("Видин" if language == "bg" else "Vidin") in info["Keywords"]
    assert re.match(r"^vidin \d+\.\d+", info["Creator"]), info["Creator"]
    assert "Mozilla" not in info["Creator"] + info["Producer"]
    with open(pdfs[language], "rb") as handle:
        assert ("/Lang (%s)" % language).encode() in handle.read()


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_is_set_only_in_the_bundled_fonts(pdfs, language):
    fonts = pdf_fonts(pdfs[language])
    bundled = {name.rsplit(".", 1)[0] for name in os.listdir(os.path.join(ROOT, "themes", "default", "assets", "fonts"))
               if name.endswith(".ttf")}
    assert fonts
    for name, embedded in fonts:
        # Subset fonts are named ABCDEF+PostScriptName.
        assert name.split("+")[-1] in bundled, (name, sorted(bundled))
        assert embedded == "yes", name
    assert {"NotoSans-Regular", "NotoSans-Bold", "NotoSans-Italic"} <= {name.split("+")[-1] for name, _ in fonts}


def test_two_pdfs_and_nothing_else(pdf_site):
    assert sorted(os.listdir(os.path.join(pdf_site, "downloads"))) == ["digital-vidin-guide-bg.pdf", "digital-vidin-guide-en.pdf"]


def first_book_page(pages, page):
    """The number of the page the book starts on (the first part's opening page)."""
    start = fold(page.part_title(page.parts[0]).text())
    return next(number for number, text in enumerate(pages, 1) if number > 2 and fold(text).startswith(start))


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_text_in_order(pdfs, pdf_site, language):
    pages = pdf_pages(pdfs[language], layout=False)
    cover = squash(pages[0])
    assert cover.startswith(("Фондация за регионално развитие" if language == "bg" else "Foundation for Regional Development"))
    assert ("Дигитален Видин" if language == "bg" else "Digital Vidin") in cover
    assert "BG05SFOP001-2.025-0208-C02" in cover
    assert fold(site_edition(language)) in fold(cover)
    assert len(lines(pages[0])) > 10
    # The cover is one page; the contents start on page 2.
    assert lines(pages[1])[0] == ("Съдържание" if language == "bg" else "Contents")
    page = PrintPage(read(pdf_site, LANGUAGES[language][0]))
    text = fold(" ".join(pages[1:]))
    position = text.index(fold("Съдържание" if language == "bg" else "Contents"))
    # Once through the table of contents (the titles without their „Глава 1“ labels) …
    for part in page.parts:
        title = fold(page.title_text(part))
        found = text.find(title, position)
        assert found >= 0, "contents: %s" % title
        position = found + len(title)
    # … and once through the book.
    for part in page.parts:
        title = fold(page.part_title(part).text())
        found = text.find(title, position)
        assert found >= 0, "body: %s" % title
        position = found + len(title)


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_page_numbers(pdfs, language):
    pages = pdf_pages(pdfs[language])
    assert lines(pages[2])[-1] == "3"
    numbered = [index + 1 for index, page in enumerate(pages) if lines(page) and lines(page)[-1] == str(index + 1)]
    # Every page but the cover ends with its number.
    assert numbered == list(range(2, len(pages) + 1))
    assert lines(pages[0])[-1] != "1"


def book_pages(pages, page):
    """(page number, lines) of the pages that have a running head: the book after its contents,
    but for the chapters' opening pages."""
    heads = {squash(head) for head in running_heads(page)}
    return [(number, lines(text)) for number, text in enumerate(pages, 1)
            if lines(text) and squash(lines(text)[0]) in heads]


def contents_entries(pages, page):
    """The contents as printed: (text, page number) of each entry, wrapped lines joined."""
    entries = []
    for text in pages[1:first_book_page(pages, page) - 1]:
        body = lines(text)
        if body and body[-1].isdigit():
            body = body[:-1]  # the page's own number
        for line in body:
            match = re.match(r"^(.*?)\s{2,}(\d+)$", line)
            if match:
                entries.append([squash(match.group(1)), int(match.group(2))])
            elif entries and not line.startswith(("Съдържание", "Contents")):
                entries[-1][0] = squash(entries[-1][0] + " " + line)
    return entries


def contents_links(page):
    toc = next(e for e in page.elements if e.tag == "nav" and "print-toc" in e.classes())
    return [a for a in toc.iter() if a.tag == "a"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_chapters_open_on_a_page_without_running_head(pdfs, pdf_site, language):
    pages = pdf_pages(pdfs[language])
    page = PrintPage(read(pdf_site, LANGUAGES[language][0]))
    book = book_pages(pages, page)
    assert book[0][0] <= 7 and len(book) > len(pages) // 2
    number_of = {a.attrs["href"][1:]: number for a, (_, number) in zip(contents_links(page), contents_entries(pages, page))}
    opened = 0
    for part in page.parts:
        opening = next((c for c in part.children if isinstance(c, Element) and "part-opening" in c.classes()), None)
        if opening is None:
            continue
        opened += 1
        number = number_of[page.part_title(part).attrs["id"]]
        text = lines(pages[number - 1])
        # The opening page: the label and title at its top, no running head above them (the
        # foreword's head is its title: then the title would come twice) …
        title, head = fold(page.part_title(part).text()), fold(part_head(page, part))
        top = fold(" ".join(text[:6]))
        assert top.startswith(title[:30]), (number, text[:4])
        assert not top.startswith(head + title[:20]), (number, text[:4])
        # … the page before belongs to another part (or the contents), and the text goes on
        # under the part's own running head on the next page.
        assert fold(page.part_title(part).text())[:30] not in fold(pages[number - 2])
        assert squash(lines(pages[number])[0]) == squash(part_head(page, part)), (number + 1, lines(pages[number])[:2])
    assert opened >= 5  # the foreword, chapters 1–4 (and annexes with text of their own)


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_contents_have_the_right_page_numbers(pdfs, pdf_site, language):
    pages = pdf_pages(pdfs[language])
    page = PrintPage(read(pdf_site, LANGUAGES[language][0]))
    entries = contents_entries(pages, page)
    links = contents_links(page)
    assert [fold(text) for text, _ in entries] == [fold(a.text()) for a in links]
    numbers = [number for _, number in entries]
    assert numbers == sorted(numbers) and numbers[0] >= 3
    by_id = {e.attrs["id"]: e for e in page.book.iter() if "id" in e.attrs}
    for (text, number), link in zip(entries, links):
        target = by_id[link.attrs["href"][1:]]
        heading = target if target.tag.startswith("h") else page.part_title(target)
        title = squash("".join(c if isinstance(c, str) else ("" if {"part-label", "section-number"} & set(c.classes()) else c.text())
                               for c in heading.children))
        assert fold(title)[:40] in fold(pages[number - 1]), (text, number)


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_same_on_a_machine_with_other_fonts(pdfs, pdf_site, pdf_site_other_fonts, language):
    other = os.path.join(pdf_site_other_fonts, LANGUAGES[language][1])
    assert pdfinfo(other)["Pages"] == pdfinfo(pdfs[language])["Pages"]
    page = PrintPage(read(pdf_site, LANGUAGES[language][0]))
    assert contents_entries(pdf_pages(other), page) == contents_entries(pdf_pages(pdfs[language]), page)
    # Every line of every page breaks at the same place.
    assert pdf_pages(other, layout=False) == pdf_pages(pdfs[language], layout=False)
    assert pdf_fonts(other) == pdf_fonts(pdfs[language])
    # And so the two builds are the same file: the build is reproducible.
    with open(other, "rb") as a, open(pdfs[language], "rb") as b:
        assert a.read() == b.read()


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_notes_have_no_stray_commas(pdfs, pdf_site, language):
    """Two note markers side by side are separated by a comma („¹,²“), and only those: no comma
    appears after punctuation before a note number unless the text has it („г.,¹¹“)."""
    text = fold(" ".join(pdf_pages(pdfs[language], layout=False)))
    html_text = fold(PrintPage(read(pdf_site, LANGUAGES[language][0])).book.text())
    stray = [m.group(0) for m in re.finditer(r".{0,12}[.,;:],\d+", text) if m.group(0) not in html_text]
    assert not stray, stray[:5]
    assert ",,," not in text


def bottom_headings(pdf, page):
    """Pages of the book (those with a running head: not the cover or the contents) whose last
    line of text above the page number is a heading of the book, or its last two or three lines."""
    headings = {squash(h.text()) for h in page.headings()}
    # Paragraphs that are only bold text work as headings too („Контролен списък“).
    for p in (e for e in page.book.iter() if e.tag == "p"):
        elements = [c for c in p.children if isinstance(c, Element)]
        if elements and all(c.tag == "strong" for c in elements) and not "".join(c for c in p.children if isinstance(c, str)).strip():
            headings.add(squash(p.text()))
    headings.discard("")
    heads = {squash(head) for head in running_heads(page)}
    found = []
    for number, text in enumerate(pdf_pages(pdf), 1):
        body = lines(text)
        if not body or squash(body[0]) not in heads:
            continue
        if body[-1] == str(number):
            body = body[:-1]
        for count in (1, 2, 3):
            tail = squash(" ".join(body[-count:]))
            if tail in headings:
                found.append((number, tail))
                break
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_no_heading_left_at_page_bottom(pdfs, pdf_site, language):
    page = PrintPage(read(pdf_site, LANGUAGES[language][0]))
    found = bottom_headings(pdfs[language], page)
    assert not found, found


# --- nothing from the build machine gets into a PDF ------------------------------------------

SECRET = "VIDIN-SECRET-7f3a9c"
FIXTURE = os.path.join(ROOT, "Tests", "SiteKitTests", "Fixtures", "sites", "basic")


def test_pdf_loads_nothing_from_outside_the_site():
    """Raw HTML that points at the build machine's files (allowed by allowRawHTML) renders to a
    PDF without a byte of them: Chromium gets the print page from a loopback server that serves
    the built site only. A work folder that a killed build left is cleared by the next one."""
    if not have_browser() or not shutil.which("pdfinfo"):
        pytest.skip("the PDF tests need Chromium and poppler-utils (CI installs them)")
    work = tempfile.mkdtemp(prefix="vidin-print-secret-")
    # A work folder as a killed --pdf build leaves it: named after a process that has ended.
    ended = subprocess.Popen(["true"])
    ended.wait()
    abandoned = os.path.join(tempfile.gettempdir(), "vidin-pdf-%d-abandoned" % ended.pid)
    os.makedirs(os.path.join(abandoned, "profile"), exist_ok=True)
    try:
        secrets = os.path.join(work, "secrets")
        os.mkdir(secrets)
        with open(os.path.join(secrets, "secret.txt"), "w") as handle:
            handle.write(SECRET + "\n")
        with open(os.path.join(secrets, "secret.png"), "wb") as handle:  # a 1×1 PNG
            handle.write(base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="))
        content = os.path.join(work, "content")
        shutil.copytree(FIXTURE, content)
        with open(os.path.join(content, "site.yml"), "a", encoding="utf-8") as handle:
            handle.write("\nallowRawHTML: true\n")
        with open(os.path.join(content, "guide", "01-first-steps.bg.md"), "a", encoding="utf-8") as handle:
            handle.write("\n\n<p><img src=\"file://%(d)s/secret.png\" alt=\"a\"> <img src=\"%(d)s/secret.png\" alt=\"b\"></p>\n\n"
                         "<object data=\"file://%(d)s/secret.txt\" type=\"text/plain\"></object>\n\n"
                         "<iframe src=\"file://%(d)s/secret.txt\" title=\"c\"></iframe>\n\n"
                         "<object data=\"%(d)s/secret.txt\" type=\"text/plain\"></object>\n" % {"d": secrets})
        out = os.path.join(work, "site")
        result = subprocess.run([binary(), "build", "--content", content, "--themes", os.path.join(ROOT, "themes"), "--output", out, "--pdf"],
                                cwd=work, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        pdf = os.path.join(out, "downloads", next(name for name in os.listdir(os.path.join(out, "downloads")) if name.endswith("-bg.pdf")))
        text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout
        assert "Първи стъпки" in text
        assert SECRET not in text
        with open(pdf, "rb") as handle:
            data = handle.read()
        assert SECRET.encode() not in data
        # No 1×1 picture (the secret PNG); Chromium's 14×16 broken-image sign is all there is.
        images = subprocess.run(["pdfimages", "-list", pdf], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
        assert not [row for row in images if row.split()[3:5] == ["1", "1"]], images
        assert not os.path.exists(abandoned)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(abandoned, ignore_errors=True)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_links_its_pdf_with_size(pdf_site, language):
    folder = pdf_site if language == "bg" else os.path.join(pdf_site, "en")
    pdf = "/" + LANGUAGES[language][1]
    size = os.path.getsize(os.path.join(pdf_site, LANGUAGES[language][1]))
    shown = ("%.1f MB" % (size / 1e6)).replace(".", "," if language == "bg" else ".")
    other = LANGUAGES["en" if language == "bg" else "bg"][1]
    for relative in html_pages(folder, language):
        text = read(folder, relative)
        links = re.findall(r'<a [^>]*href="%s"[^>]*>(.*?)</a>' % re.escape(pdf), text, re.S)
        assert links, relative
        assert any(shown in html.unescape(re.sub(r"<[^>]+>", "", link)) for link in links), (relative, links)
        assert other not in text, relative
