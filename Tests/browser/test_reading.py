"""Reading on a phone and finding one's way on a desktop (issue 14), in a real Chromium on the real
content built with the real theme:

1. at 375 × 667 the header is at most 120 px tall and the first paragraph of the text of chapter 3
   and of the Lisbon case study starts within 600 px, in both languages; the header stays compact,
   its items side by side without overlapping, on chapters and case studies at 320 to 420 px;
2. the phone menu („Меню“/"Menu") is a disclosure that opens without JavaScript, and on a desktop
   the menu and the search show without a toggle, also without JavaScript;
3. a table wider than the screen shows that it scrolls: a shadow at the cut edge and a hint;
4. on a desktop the guide's parts are listed beside the text with the page being read marked, the
   section in view is marked while scrolling, and previous/next come before the notes;
5. links named in the issue are at least 24 px tall (WCAG 2.5.8), footnote markers keep the line
   height, the English pages use English quotes, the 404 page keeps its measure and the search
   page has one search box.

Fixtures come from conftest.py; the page lists from test_accessibility.py.
"""
import os
import re

import pytest
from selenium.webdriver.common.by import By

from conftest import make_driver
from test_accessibility import LANGS, emulate, load, pages_of_kind

HEADER_MAX = 120
FIRST_SCREEN = 600


def _html(built_site, url):
    with open(os.path.join(built_site, url, "index.html"), encoding="utf-8") as f:
        return f.read()


def chapter(built_site, lang, number):
    """URL of the guide's chapter `number` in `lang`, found by its label line."""
    label = {"bg": "Глава %d", "en": "Chapter %d"}[lang] % number
    for url in pages_of_kind(built_site, "chapters", lang):
        if '<p class="eyebrow">%s</p>' % label in _html(built_site, url):
            return url
    pytest.fail("no %s in %s" % (label, lang))


def case_study(built_site, lang, city):
    for url in _all_case_studies(built_site, lang):
        if re.search(r"<h1>[^<]*%s" % city, _html(built_site, url)):
            return url
    pytest.fail("no case study about %s in %s" % (city, lang))


def _all_case_studies(built_site, lang):
    base = os.path.join(built_site, LANGS[lang], "case-studies")
    return sorted(LANGS[lang] + "case-studies/" + name + "/" for name in os.listdir(base)
                  if os.path.isfile(os.path.join(base, name, "index.html")))


@pytest.fixture
def phone(browser):
    yield browser
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})


_LAYOUT = """
var header = document.querySelector('.site-header').getBoundingClientRect();
var first = document.querySelector('main .prose > p');
return {header: header.height, first: first ? first.getBoundingClientRect().top + window.scrollY : null,
        text: first ? first.textContent.slice(0, 40) : ''};
"""


# ---------------------------------------------------------------------------------------------
# 1. The text on the first screen

@pytest.mark.parametrize("lang", list(LANGS))
def test_text_starts_on_the_first_phone_screen(lang, built_site, site_url, phone):
    emulate(phone, 375, 667)
    pages = [chapter(built_site, lang, 3), case_study(built_site, lang, {"bg": "Лисабон", "en": "Lisbon"}[lang])]
    problems = []
    for url in pages:
        load(phone, site_url + "/" + url)
        layout = phone.execute_script(_LAYOUT)
        assert layout["first"] is not None, "/%s has no paragraph of text" % url
        if layout["header"] > HEADER_MAX:
            problems.append("/%s: the header is %d px tall (at most %d)" % (url, layout["header"], HEADER_MAX))
        if layout["first"] > FIRST_SCREEN:
            problems.append("/%s: the text (%r) starts at %d px (within %d)" % (url, layout["text"], layout["first"], FIRST_SCREEN))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", [320, 375, 420])
def test_header_is_compact_on_every_chapter_and_case_study(width, built_site, site_url, phone):
    emulate(phone, width, 640)
    problems = []
    for lang in LANGS:
        for url in pages_of_kind(built_site, "chapters", lang) + _all_case_studies(built_site, lang)[:4]:
            load(phone, site_url + "/" + url)
            height = phone.execute_script(_LAYOUT)["header"]
            if height > HEADER_MAX:
                problems.append("/%s: header %d px" % (url, height))
            # Nothing in the header's first line overlaps: brand, language link and toggle side by side.
            boxes = phone.execute_script(
                "return ['.brand-text', '.language-switcher a', '.menu-toggle'].map(function (s) {"
                "  var r = document.querySelector(s).getBoundingClientRect(); return [r.left, r.right, r.top, r.bottom]; })")
            for (a, b) in ((0, 1), (1, 2)):
                if boxes[a][1] > boxes[b][0] + 0.5 and boxes[a][3] > boxes[b][2] and boxes[b][3] > boxes[a][2]:
                    problems.append("/%s at %d px: header items %d and %d overlap: %r" % (url, width, a, b, boxes))
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------------------------------------
# 2. The phone menu, without JavaScript

@pytest.fixture(scope="module")
def no_js():
    driver = make_driver(["--blink-settings=scriptEnabled=false"])
    yield driver
    driver.quit()


# Rendered and not inside a hidden or closed container (Selenium's own is_displayed counts
# everything in a closed <details> as hidden, even what the CSS shows).
_SHOWN = """
return Array.prototype.map.call(document.querySelectorAll(arguments[0]), function (e) {
  var r = e.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && e.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true, opacityProperty: true});
});
"""


def _ax_of(driver, selector):
    """Chromium's accessibility node of the first element matching `selector`: role, name, expanded."""
    driver.execute_cdp_cmd("Accessibility.enable", {})
    object_id = driver.execute_cdp_cmd("Runtime.evaluate", {"expression": "document.querySelector(%r)" % selector})["result"]["objectId"]
    node = driver.execute_cdp_cmd("DOM.describeNode", {"objectId": object_id})["node"]["backendNodeId"]
    ax = driver.execute_cdp_cmd("Accessibility.getPartialAXTree", {"backendNodeId": node, "fetchRelatives": False})["nodes"][0]
    properties = {p["name"]: p["value"].get("value") for p in ax.get("properties", [])}
    return ax["role"]["value"], ax.get("name", {}).get("value"), properties.get("expanded")


@pytest.mark.parametrize("lang", list(LANGS))
def test_phone_menu_opens_without_javascript(lang, built_site, site_url, no_js):
    driver = no_js
    emulate(driver, 375, 667)
    url = site_url + "/" + chapter(built_site, lang, 2)
    driver.get(url)
    toggle = driver.find_element(By.CSS_SELECTOR, ".site-menu > summary")
    assert toggle.text.strip() == {"bg": "Меню", "en": "Menu"}[lang]
    # Announced as a disclosure button with its state.
    role, name, expanded = _ax_of(driver, ".site-menu > summary")
    assert role in ("DisclosureTriangle", "button") and name == toggle.text.strip() and expanded is False, (role, name, expanded)
    assert not any(driver.execute_script(_SHOWN, ".site-header .menu a")), "the menu shows before the toggle is used"
    assert not any(driver.execute_script(_SHOWN, "#site-search-q"))
    toggle.click()
    assert all(driver.execute_script(_SHOWN, ".site-header .menu a")), "the menu did not open"
    assert all(driver.execute_script(_SHOWN, "#site-search-q"))
    assert _ax_of(driver, ".site-menu > summary")[2] is True
    # On a desktop there is no toggle: the menu and the search show as they are.
    emulate(driver, 1280, 900)
    driver.get(url)
    assert not any(driver.execute_script(_SHOWN, ".site-menu > summary"))
    assert all(driver.execute_script(_SHOWN, ".site-header .menu a, #site-search-q"))
    assert driver.execute_script("return document.querySelector('.site-header').getBoundingClientRect().height") < 200
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.mark.parametrize("kind", ["home", "guide-index", "chapters", "case-studies", "news-items", "pages", "404"])
def test_every_page_kind_reads_on_a_phone_without_javascript(kind, built_site, site_url, no_js):
    emulate(no_js, 375, 667)
    for lang in LANGS:
        if kind == "404" and lang == "en":
            continue
        url = pages_of_kind(built_site, kind, lang)[0]
        no_js.get(site_url + "/" + url)
        text = no_js.execute_script("return document.querySelector('main').innerText")
        assert all(no_js.execute_script(_SHOWN, "main h1")), "/%s: no heading" % url
        assert len(text) > 150, "/%s shows only %r" % (url, text[:200])
        assert no_js.execute_script("return document.documentElement.scrollWidth") <= 375
    no_js.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


# ---------------------------------------------------------------------------------------------
# 3. Tables that scroll show it

_TABLES = """
return Array.prototype.map.call(document.querySelectorAll('main .table-scroll'), function (r) {
  var hint = r.previousElementSibling, style = getComputedStyle(r);
  return {overflows: r.scrollWidth > r.clientWidth + 1,
          hint: !!hint && hint.classList.contains('table-hint') && !hint.hidden && hint.getBoundingClientRect().height > 0 ? hint.textContent : '',
          describedBy: r.getAttribute('aria-describedby') || '', hintId: hint ? hint.id : '',
          background: style.backgroundImage, attachment: style.backgroundAttachment};
});
"""


@pytest.mark.parametrize("width", [320, 375])
@pytest.mark.parametrize("lang", list(LANGS))
def test_wide_tables_show_that_they_scroll(lang, width, built_site, site_url, phone):
    emulate(phone, width, 667)
    url = chapter(built_site, lang, 4)
    load(phone, site_url + "/" + url)
    tables = phone.execute_script(_TABLES)
    wide = [t for t in tables if t["overflows"]]
    assert wide, "no table on /%s is wider than %d px: pick another page" % (url, width)
    for table in wide:
        assert table["hint"].strip(), "/%s: a wide table has no hint that it scrolls" % url
        assert table["describedBy"] == table["hintId"]
        # Covers that scroll with the table over shadows that stay at the edges.
        assert table["background"].count("radial-gradient") == 2 and "local" in table["attachment"], table
    # On a desktop the same tables fit and say nothing.
    emulate(phone, 1280, 900)
    load(phone, site_url + "/" + url)
    assert not [t for t in phone.execute_script(_TABLES) if t["hint"] and not t["overflows"]]


# ---------------------------------------------------------------------------------------------
# 4. Finding one's way on a desktop

_NAV = """
var nav = document.querySelector('.reading-nav'), article = document.querySelector('main article');
var r = nav.getBoundingClientRect(), a = article.getBoundingClientRect();
return {shown: r.width > 0 && r.height > 0, beside: r.left >= a.right, top: r.top - a.top,
        links: Array.prototype.map.call(nav.querySelectorAll('a'), function (l) { return l.getAttribute('href'); }),
        current: Array.prototype.map.call(nav.querySelectorAll('a[aria-current="page"]'), function (l) { return l.getAttribute('href'); })};
"""


@pytest.mark.parametrize("lang", list(LANGS))
def test_guide_parts_are_beside_the_text_with_the_current_one_marked(lang, built_site, site_url, phone):
    emulate(phone, 1280, 900)
    chapters = ["/" + u for u in pages_of_kind(built_site, "chapters", lang)]
    for url in [chapter(built_site, lang, 3), _all_case_studies(built_site, lang)[0]]:
        load(phone, site_url + "/" + url)
        nav = phone.execute_script(_NAV)
        assert nav["shown"] and nav["beside"], "/%s: no list of the guide's parts beside the text: %r" % (url, nav)
        assert set(chapters) <= set(nav["links"]), "/%s: the side list lacks chapters" % url
        assert nav["current"] == ["/" + url], "/%s: the marked entry is %r" % (url, nav["current"])
    # At 375 px the list is not in the way: it is not shown at all.
    emulate(phone, 375, 667)
    load(phone, site_url + "/" + chapter(built_site, lang, 3))
    assert not phone.execute_script(_NAV)["shown"]


@pytest.mark.parametrize("lang", list(LANGS))
def test_section_in_view_is_marked_in_the_side_list(lang, built_site, site_url, phone):
    emulate(phone, 1280, 900)
    load(phone, site_url + "/" + chapter(built_site, lang, 3))
    sections = phone.execute_script(
        "return Array.prototype.map.call(document.querySelectorAll('.reading-nav .is-current ol a'), function (a) { return a.hash.slice(1); })")
    assert len(sections) >= 5
    assert phone.execute_script("return document.querySelectorAll('.reading-nav [aria-current=\"true\"]').length") == 0
    for target in (sections[2], sections[-1]):
        phone.execute_script("document.getElementById(arguments[0]).scrollIntoView(); window.scrollBy(0, 1);", target)
        marked = None
        for _ in range(20):
            marked = phone.execute_script(
                "var m = document.querySelectorAll('.reading-nav [aria-current=\"true\"]');"
                "return m.length === 1 ? m[0].hash.slice(1) : m.length;")
            if marked == target:
                break
            phone.execute_script("return new Promise(function (r) { requestAnimationFrame(function () { r(); }); })")
        assert marked == target, "scrolled to #%s, the side list marks %r" % (target, marked)
        # The marked entry is within the visible part of the side list.
        inside = phone.execute_script(
            "var nav = document.querySelector('.reading-nav').getBoundingClientRect(),"
            " l = document.querySelector('.reading-nav [aria-current=\"true\"]').getBoundingClientRect();"
            "return l.top >= nav.top - 1 && l.bottom <= nav.bottom + 1;")
        assert inside, "the marked entry is scrolled out of the side list"


@pytest.mark.parametrize("lang", list(LANGS))
def test_previous_and_next_come_right_after_the_text(lang, built_site, site_url, phone):
    emulate(phone, 1280, 900)
    load(phone, site_url + "/" + chapter(built_site, lang, 3))
    order = phone.execute_script(
        "var pager = document.querySelector('.pager'), notes = document.querySelector('.footnotes'),"
        " text = document.querySelectorAll('main .prose:not(.notes)');"
        "var last = text[text.length - 1];"
        "return {beforeNotes: !!(pager.compareDocumentPosition(notes) & Node.DOCUMENT_POSITION_FOLLOWING),"
        "        afterText: !!(last.compareDocumentPosition(pager) & Node.DOCUMENT_POSITION_FOLLOWING),"
        "        gap: pager.getBoundingClientRect().top - last.getBoundingClientRect().bottom,"
        "        links: pager.querySelectorAll('a[rel]').length};")
    assert order["beforeNotes"] and order["afterText"] and order["links"] == 2, order
    assert order["gap"] < 120, "previous/next are %d px below the text" % order["gap"]


# ---------------------------------------------------------------------------------------------
# 5. Tap targets, footnote markers, quotes, the 404 and search pages

_TARGETS = """
return Array.prototype.map.call(document.querySelectorAll(arguments[0]), function (e) {
  var r = e.getBoundingClientRect();
  return {w: r.width, h: r.height, text: e.textContent.trim().slice(0, 30)};
}).filter(function (t) { return t.w > 0; });
"""

TARGETS = {
    "chapters": [".breadcrumbs a", ".language-switcher a", ".site-footer a", ".footnote-backref", ".toc-narrow a",
                 ".reading-nav a", ".menu-toggle", ".pager a"],
    "home": [".language-switcher a", ".site-footer a", ".card h3 a", ".hero-actions a"],
}


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("kind", list(TARGETS))
def test_named_tap_targets_are_at_least_24px(kind, width, built_site, site_url, phone):
    emulate(phone, width, 900)
    problems, seen = [], 0
    for lang in LANGS:
        url = pages_of_kind(built_site, kind, lang)[1 if kind == "chapters" else 0]
        load(phone, site_url + "/" + url)
        phone.execute_script("document.querySelectorAll('details.toc-narrow').forEach(function (d) { d.open = true; })")
        for selector in TARGETS[kind]:
            for target in phone.execute_script(_TARGETS, selector):
                seen += 1
                if target["h"] < 24 - 0.01 or target["w"] < 24 - 0.01:
                    problems.append("/%s %s %r: %.1f × %.1f px" % (url, selector, target["text"], target["w"], target["h"]))
    assert seen > 20
    assert not problems, "tap targets under 24 × 24 px:\n" + "\n".join(problems[:20])


def test_footnote_markers_and_back_links_keep_the_line_height(built_site, site_url, phone):
    emulate(phone, 375, 667)
    load(phone, site_url + "/" + chapter(built_site, "bg", 3))
    result = phone.execute_script(
        "var out = [];"
        "document.querySelectorAll('main .prose p').forEach(function (p) {"
        "  if (!p.querySelector('sup.footnote-ref, .footnote-backref')) return;"
        "  var lh = parseFloat(getComputedStyle(p).lineHeight), h = p.getBoundingClientRect().height, lines = Math.round(h / lh);"
        "  out.push({h: h, lh: lh, lines: lines, text: p.textContent.slice(0, 30)});"
        "}); return out;")
    assert len(result) >= 3
    uneven = [p for p in result if abs(p["h"] - p["lines"] * p["lh"]) > 1]
    assert not uneven, "paragraphs whose footnote markers add height: %r" % uneven[:5]


def test_english_pages_use_english_quotes(built_site):
    footers = []
    for url in pages_of_kind(built_site, "chapters", "en") + ["en/"]:
        html = _html(built_site, url)
        footer = html[html.index("<footer"):]
        footers.append(footer)
        assert "„" not in footer, "/%s: Bulgarian quotes in the English footer" % url
    assert all("“" in f and "”" in f for f in footers)
    bg = _html(built_site, "")
    assert "„" in bg[bg.index("<footer"):]


def test_not_found_page_keeps_its_distance_and_measure(built_site, site_url, phone):
    emulate(phone, 1280, 900)
    load(phone, site_url + "/404.html")
    layout = phone.execute_script(
        "var h = document.querySelector('.site-header').getBoundingClientRect(), h1 = document.querySelector('main h1').getBoundingClientRect();"
        "var widest = 0; document.querySelectorAll('main p').forEach(function (p) { widest = Math.max(widest, p.getBoundingClientRect().width); });"
        "return {gap: h1.top - h.bottom, widest: widest, em: parseFloat(getComputedStyle(document.body).fontSize)};")
    assert layout["gap"] >= 16, layout
    assert layout["widest"] <= 45 * layout["em"], "the 404 text runs %d px wide" % layout["widest"]


@pytest.mark.parametrize("lang", list(LANGS))
def test_search_page_has_one_search_box(lang, built_site, site_url, phone):
    for width in (375, 1280):
        emulate(phone, width, 900)
        load(phone, site_url + "/" + pages_of_kind(built_site, "search", lang)[0])
        boxes = sum(phone.execute_script(_SHOWN, "input[type=search]"))
        assert boxes == 1, "%d search boxes on the search page at %d px" % (boxes, width)


def test_home_cards_all_have_a_label_line(built_site):
    for lang in LANGS:
        html = _html(built_site, LANGS[lang])
        chapters = html[html.index('class="card-list chapters"'):]
        chapters = chapters[:chapters.index("</ol>")]
        cards = chapters.split('<li class="card">')[1:]
        assert len(cards) >= 5
        assert all('<p class="eyebrow">' in card for card in cards), "a guide card on /%s has no label line" % LANGS[lang]
        hero = html[html.index('class="hero"'):]
        h1 = re.search(r"<h1>(.*?)</h1>", hero).group(1)
        brand = re.search(r'<span class="brand-title">(.*?)</span>', html).group(1)
        assert h1 != brand, "the home page's heading repeats the header"
