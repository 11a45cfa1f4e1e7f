"""A site built from content and settings full of script payloads (<script>, onerror=, javascript:
links in every form cmark-gfm and browsers accept) runs no script in Chromium: loading every page
calls no alert and sets no marker, and no element carries an event handler, a script of its own
or a link that runs script when clicked. (javascript: addresses in site.yml stop the build with
an error: see HostileSettingsTests in the Swift tests.)"""
import os
import shutil
import subprocess
import tempfile

import pytest

from conftest import ROOT, make_driver, vidin_binary

PAYLOAD_PAGE = """---
title: "Полезен товар <img src=x onerror=window.__pwned='title'>"
summary: "<svg onload=window.__pwned='summary'></svg>"
---

## Връзки <script>window.__pwned='heading'</script>

[обикновена](javascript:window.__pwned='link') и [главни](JaVaScRiPt:window.__pwned='case')
и [с интервал]( javascript:window.__pwned='space') и [кодирана](&#106;avascript:window.__pwned='entity')
и [с табулация](java&#9;script:window.__pwned='tab') и [данни](data:text/html,<script>window.__pwned='data'</script>)
и [vb](vbscript:msgbox) и <javascript:window.__pwned='autolink'> и ![картина](javascript:window.__pwned='image').

<img src=x onerror="window.__pwned='raw-img'"> <svg onload="window.__pwned='svg'"></svg>

<iframe src="javascript:window.__pwned='iframe'"></iframe>

<a href="javascript:window.__pwned='raw-a'">сурова връзка</a>

[препратка][зло]

[зло]: javascript:window.__pwned='reference'

- [ ] <b onmouseover="window.__pwned='task'">задача</b>

| <img src=x onerror=window.__pwned='table'> | б |
|---|---|
| в | г |

Бележка.[^1]

[^1]: <script>window.__pwned='note'</script> https://example.test/?q=<script>
"""

UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:text/html")


@pytest.fixture(scope="module")
def payload_site(serve):
    work = tempfile.mkdtemp(prefix="vidin-hostile-")
    content = os.path.join(work, "content")
    shutil.copytree(os.path.join(ROOT, "Tests", "SiteKitTests", "Fixtures", "sites", "escaping"), content)
    with open(os.path.join(content, "guide", "02-payloads.bg.md"), "w", encoding="utf-8") as f:
        f.write(PAYLOAD_PAGE)
    out = os.path.join(work, "site")
    result = subprocess.run([vidin_binary(), "build", "--content", content, "--themes", "themes", "--output", out],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    pages = sorted(os.path.relpath(os.path.join(folder, name), out)
                   for folder, _, names in os.walk(out) for name in names if name.endswith(".html"))
    yield serve(out), pages
    shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="module")
def watched_browser():
    driver = make_driver()
    # Before any page script: alert and friends record that they were called.
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": """
        for (const name of ['alert', 'confirm', 'prompt']) {
            window[name] = (...args) => { window.__pwned = name + ':' + args.join(' '); };
        }"""})
    yield driver
    driver.quit()


DOM_PROBLEMS = """
const problems = [];
const unsafe = %r;
for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
        if (attribute.name.startsWith('on')) problems.push(element.tagName + ' ' + attribute.name);
        if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href'].includes(attribute.name)) {
            const value = attribute.value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
            if (unsafe.some(scheme => value.startsWith(scheme))) problems.push(element.tagName + ' ' + attribute.name + '=' + attribute.value);
        }
    }
}
for (const script of document.querySelectorAll('script')) {
    // The theme's own scripts only: files under /assets/js/ of this site.
    const src = script.src ? new URL(script.src) : null;
    if (!src || src.origin !== location.origin || !src.pathname.startsWith('/assets/js/')) {
        problems.push('script ' + (script.getAttribute('src') || script.textContent.slice(0, 60)));
    }
}
for (const frame of document.querySelectorAll('iframe, object, embed')) problems.push(frame.tagName);
return problems;
""" % (list(UNSAFE_SCHEMES),)


def test_no_page_runs_script(payload_site, watched_browser):
    base, pages = payload_site
    checked = 0
    for page in pages:
        watched_browser.get(base + "/" + page)
        pwned = watched_browser.execute_script("return window.__pwned || null")
        assert pwned is None, "%s ran script: %s" % (page, pwned)
        problems = watched_browser.execute_script(DOM_PROBLEMS)
        assert problems == [], "%s: %s" % (page, problems)
        checked += 1
    assert checked >= 15


def test_payload_page_keeps_its_text(payload_site, watched_browser):
    """The links' texts are still there (only the unsafe addresses went), so the check above
    looked at a page that holds the payloads."""
    base, pages = payload_site
    page = next(page for page in pages if page.startswith("guide/") and "polezen" in page)
    watched_browser.get(base + "/" + page)
    text = watched_browser.execute_script("return document.querySelector('main').textContent")
    for words in ("обикновена", "главни", "кодирана", "с табулация", "препратка", "задача"):
        assert words in text, words


def test_the_check_finds_what_it_looks_for(payload_site, watched_browser):
    """The DOM check is not vacuous: an injected handler, link and script are found."""
    base, pages = payload_site
    watched_browser.get(base + "/" + pages[0])
    watched_browser.execute_script("""document.body.insertAdjacentHTML('beforeend',
        '<a href=" JavaScript:void(0)" onclick="void(0)">x</a><img src="data:text/html,x">');
        const s = document.createElement('script'); s.textContent = 'void(0)'; document.body.append(s);""")
    problems = watched_browser.execute_script(DOM_PROBLEMS)
    assert len(problems) == 4, problems
