#!/usr/bin/env python3
"""Compares the site's own search with Pagefind on the same built site.

1. Builds the site (or takes --site DIR), copies it and runs Pagefind (`pagefind-bin` from PyPI,
   installed with pip if missing) for the copy, on the same pages that the site's own index holds
   (guide, case studies, news and pages; not the print edition, the home, list or search pages):
   once indexing each page's <main> (what a site would mark with data-pagefind-body) and, with
   --pagefind-body, also whole <body>s (Pagefind's default on a site without annotations).
2. Bytes a visitor downloads for a first query, in headless Debian Chromium with an empty cache,
   counted at the HTTP server (Pagefind searches in a Web Worker, whose fetches the page's
   Resource Timing does not see; the page's performance entries are printed as a cross-check):
   - ours: open /search/ (or /en/search/), type the query, until the results and their excerpts
     are shown and the network is idle;
   - Pagefind: open a minimal page (html lang set, so Pagefind picks the language's index) that
     does what Pagefind's default UI does: import('/pagefind/pagefind.js'), pagefind.search(q),
     then data() of the top 5 results.
   Sizes are gzip sizes: each fetched file compressed with gzip level 6, except Pagefind's files
   that are already gzipped (.pf_meta, .pf_index, .pf_fragment, wasm.*.pagefind), counted as they
   are. "search" counts only search-specific files (ours: search.js, search-analysis.js,
   index.json, text/N.json chunks; Pagefind: everything under /pagefind/); "+ page" adds the HTML page.
   "to 1st result" counts what the first result needs (for ours the root, the term chunks and the
   first result's text chunk; for Pagefind everything but the other results' fragments).
   The query is typed at once; the rows "200 ms/key" type ours as a person does, so that every
   key runs a search (the page's debounce is 120 ms) and fetches the excerpts of what it shows.
   Pagefind's default UI waits 300 ms after the last key, so at that pace it searches once.
3. The relevance set Tests/search/relevance.json (rules as in Tests/js/search-relevance.test.js):
   recall@5 and MRR@10 per group, for ours (typed into the search page) and for Pagefind. Both
   list pages: ours with up to 3 best sections beneath, Pagefind with up to 3 sub-results (its
   headings with the most matches, as its default UI picks them); a result hits when its page or
   one of the sections shown under it is expected.

Usage:
  python3 scripts/compare-pagefind.py                  # builds the site with `swift build`'s vidin
  python3 scripts/compare-pagefind.py --site /tmp/site  # an already built site
  python3 scripts/compare-pagefind.py --corpus 2000  # the content plus 2 × 2,000 synthetic chapters; bytes only
  options: --vidin PATH, --json OUT, --pagefind-body, --bg-query Q, --en-query Q, --translit-query Q,
           --corpus PAGES, --corpus-script PATH
"""
import argparse
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from urllib.parse import quote, unquote, urlsplit

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(ROOT, "Tests", "search"))
from relevance import RELEVANCE, score  # noqa: E402
SEARCH_PATH = {"bg": "/search/", "en": "/en/search/"}
PRECOMPRESSED = re.compile(r"(\.pf_meta|\.pf_index|\.pf_fragment|/wasm\.[^/]*\.pagefind)$")
OURS_SEARCH = re.compile(r"^/assets/js/search(-analysis)?\.js$|^/(en/)?search/(index\.json|terms/\d+\.json|text/\d+\.json)$")

HARNESS = """<!doctype html>
<html lang="%(lang)s">
<head><meta charset="utf-8"><title>Pagefind</title></head>
<body>
<ol id="results"></ol>
<script>
// What Pagefind's default UI does for a query: load pagefind.js, search, load data() of the top
// results, show each page with up to 3 sub-results (those with the most matches).
let pagefind = null;
async function runQuery(q, n) {
  if (!pagefind) pagefind = await import('/pagefind/pagefind.js');
  const search = await pagefind.search(q);
  const top = search.results.slice(0, n);
  const list = document.getElementById('results');
  list.textContent = '';
  const out = [];
  for (const result of top) {
    const data = await result.data();
    let subs = (data.sub_results || []).slice();
    if (subs.length && subs[0].url === data.url) subs = subs.slice(1);
    const best = subs.slice().sort((a, b) => b.locations.length - a.locations.length).slice(0, 3);
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = data.url;
    link.textContent = data.meta.title;
    item.appendChild(link);
    list.appendChild(item);
    out.push({id: result.id, url: data.url, subs: best.map(s => s.url)});
  }
  return {count: search.results.length, results: out};
}
window.runQuery = runQuery;
</script>
</body>
</html>
"""


# ---------------------------------------------------------------------------------------------
# Serving with a request log


class Log:
    def __init__(self):
        self.lock = threading.Lock()
        self.entries = []

    def add(self, path):
        with self.lock:
            self.entries.append((time.monotonic(), path))

    def mark(self):
        with self.lock:
            return len(self.entries)

    def since(self, mark):
        with self.lock:
            return list(self.entries[mark:])


def serve(folder, log):
    class Handler(http.server.SimpleHTTPRequestHandler):
        extensions_map = dict(http.server.SimpleHTTPRequestHandler.extensions_map,
                              **{".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json",
                                 ".wasm": "application/wasm", ".pagefind": "application/octet-stream"})

        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=folder, **kwargs)

        def do_GET(self):
            log.add(urlsplit(self.path).path)
            super().do_GET()

        def end_headers(self):
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, "http://127.0.0.1:%d" % server.server_address[1]


def gzip_size(folder, path):
    """(bytes on disk, bytes over the wire with gzip) of the file a URL path names."""
    local = os.path.join(folder, unquote(path).lstrip("/"))
    if local.endswith("/") or os.path.isdir(local):
        local = os.path.join(local, "index.html")
    if not os.path.isfile(local):
        return 0, 0
    with open(local, "rb") as f:
        data = f.read()
    if PRECOMPRESSED.search(path):
        return len(data), len(data)
    return len(data), len(gzip.compress(data, compresslevel=6, mtime=0))


# ---------------------------------------------------------------------------------------------
# Browser


def new_driver():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,900", "--disk-cache-size=1"):
        options.add_argument(argument)
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    return driver


def wait_idle(log, mark, quiet=1.0, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        entries = log.since(mark)
        last = entries[-1][0] if entries else 0
        if time.monotonic() - last >= quiet:
            return entries
        time.sleep(0.1)
    return log.since(mark)


def wait_for(driver, script, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.03)
    raise RuntimeError("timed out waiting for: " + script)


RESOURCE_ENTRIES = "return performance.getEntriesByType('resource').map(e => [new URL(e.name).pathname, e.transferSize, e.encodedBodySize])"


def measure_ours(base, folder, log, lang, query, key_delay=0.0):
    from selenium.webdriver.common.by import By

    driver = new_driver()
    try:
        mark = log.mark()
        started = time.monotonic()
        driver.get(base + SEARCH_PATH[lang])
        field = driver.find_element(By.ID, "search-input")
        field.click()
        if key_delay:
            for key in query:  # a person typing: each pause longer than the page's 120 ms debounce
                field.send_keys(key)
                time.sleep(key_delay)
        else:
            field.send_keys(query)
        first = wait_for(driver, "const a = document.querySelector('#search-results > li > a.result-title');"
                                 "const p = document.querySelector('#search-results > li p');"
                                 "return a && p && p.textContent ? a.pathname : null")
        shown = time.monotonic() - started
        entries = wait_idle(log, mark)
        resource = driver.execute_script(RESOURCE_ENTRIES)
    finally:
        driver.quit()
    first_text = text_chunk_of(folder, lang, first)
    paths = [p for _, p in entries]
    search = [p for p in paths if OURS_SEARCH.search(p)]
    to_first = [p for p in search if "/text/" not in p or p == first_text]
    return summary(folder, paths, search, to_first, SEARCH_PATH[lang], shown, resource)


def text_chunk_of(folder, lang, page_url):
    """The URL path of the text chunk that holds a page (the root's textChunks give each chunk's first page)."""
    base = os.path.join(folder, SEARCH_PATH[lang].lstrip("/"))
    with open(os.path.join(base, "index.json"), encoding="utf-8") as f:
        starts = json.load(f)["textChunks"]
    for number in range(len(starts)):
        with open(os.path.join(base, "text", "%d.json" % number), encoding="utf-8") as f:
            if any(entry[1] == page_url for entry in json.load(f)):
                return "%stext/%d.json" % (SEARCH_PATH[lang], number)
    return None


def measure_pagefind(base, folder, log, lang, query, harness):
    driver = new_driver()
    try:
        mark = log.mark()
        started = time.monotonic()
        driver.get(base + harness[lang])
        result = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "runQuery(arguments[0], 5).then(done, e => done({error: String(e)}));", query)
        shown = time.monotonic() - started
        if "error" in result:
            raise RuntimeError(result["error"])
        entries = wait_idle(log, mark)
        resource = driver.execute_script(RESOURCE_ENTRIES)
    finally:
        driver.quit()
    paths = [p for _, p in entries]
    search = [p for p in paths if p.startswith("/pagefind/")]
    first_fragment = "/pagefind/fragment/%s.pf_fragment" % result["results"][0]["id"] if result["results"] else None
    to_first = [p for p in search if "/fragment/" not in p or p == first_fragment]
    return summary(folder, paths, search, to_first, harness[lang], shown, resource)


def category(path):
    for pattern, name in ((r"\.js$", "JavaScript"), (r"/wasm\.", "WebAssembly"), (r"index\.json$", "index root"),
                          (r"/terms/", "term chunks"),
                          (r"/text/", "excerpt texts"), (r"(entry\.json|\.pf_meta)$", "entry + meta"),
                          (r"\.pf_index$", "index chunks"), (r"\.pf_fragment$", "fragments")):
        if re.search(pattern, path):
            return name
    return "other"


def summary(folder, paths, search, to_first, page, shown, resource):
    def total(items):
        return sum(gzip_size(folder, p)[1] for p in items)

    def raw(items):
        return sum(gzip_size(folder, p)[0] for p in items)

    breakdown = {}
    for p in search:
        kind = category(p)
        breakdown[kind] = breakdown.get(kind, 0) + gzip_size(folder, p)[1]
    return {
        "requests": paths,
        "breakdown_gzip": breakdown,
        "search_files": len(search),
        "search_gzip": total(search),
        "search_raw": raw(search),
        "first_gzip": total(to_first),
        "page_gzip": total([page]),
        "other_gzip": total([p for p in paths if p not in search and p != page]),
        "seconds_to_results": round(shown, 2),
        "resource_timing_main_thread": resource,
    }


# ---------------------------------------------------------------------------------------------
# Relevance


def relevance_ours(base, queries):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver = new_driver()
    runs = []
    try:
        current = None
        for entry in queries:
            if entry["lang"] != current:
                driver.get(base + SEARCH_PATH[entry["lang"]])
                current = entry["lang"]
            field = driver.find_element(By.ID, "search-input")
            driver.execute_script("arguments[0].value = ''", field)
            field.send_keys(entry["q"])
            field.send_keys(Keys.ENTER)
            urls = settle(driver, entry["q"])
            runs.append((entry, urls))
    finally:
        driver.quit()
    return runs


def settle(driver, query, quiet=0.35, timeout=15):
    """The results once the page is quiet: per page result, its URL and its shown sections' URLs."""
    script = ("const s = document.getElementById('search-status').textContent;"
              "return [s, Array.from(document.querySelectorAll('#search-results > li')).map(li =>"
              " Array.from(li.querySelectorAll('a')).map(a => a.pathname + a.hash))]")
    deadline = time.monotonic() + timeout
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        status, results = driver.execute_script(script)
        key = json.dumps([status, results])
        if key != last:
            last, since = key, time.monotonic()
        elif query.strip() in status and not status.startswith(("Зареждане", "Loading")) and time.monotonic() - since >= quiet:
            return results
        time.sleep(0.05)
    raise RuntimeError("search page did not settle for " + query)


def relevance_pagefind(base, queries, harness):
    """Pagefind's results as its default UI shows them: per page, the page and up to 3 sub-results."""
    driver = new_driver()
    runs = []
    try:
        current = None
        for entry in queries:
            if entry["lang"] != current:
                driver.get(base + harness[entry["lang"]])
                current = entry["lang"]
            result = driver.execute_async_script(
                "const done = arguments[arguments.length - 1];"
                "runQuery(arguments[0], 10).then(done, e => done({error: String(e)}));", entry["q"])
            if "error" in result:
                raise RuntimeError(result["error"])
            runs.append((entry, [[r["url"]] + r["subs"] for r in result["results"]]))
    finally:
        driver.quit()
    return runs


# ---------------------------------------------------------------------------------------------


def indexed_pages(site):
    """The page URLs that the site's own search indexes, in both languages (from its text chunks)."""
    urls = []
    for lang in ("bg", "en"):
        folder = os.path.join(site, SEARCH_PATH[lang].lstrip("/"), "text")
        for name in sorted(os.listdir(folder), key=lambda n: int(n.split(".")[0])):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                urls += [page[1] for page in json.load(f)]
    return urls


def vidin_binary(explicit):
    if explicit:
        return explicit
    path = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    return os.path.join(path, "vidin")


def ensure_pagefind():
    try:
        import pagefind_bin  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "pagefind-bin"], check=True)
    return subprocess.run([sys.executable, "-m", "pagefind_bin", "--version"], capture_output=True, text=True, check=True).stdout.strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", help="an already built site (default: build content/ into a temporary folder)")
    parser.add_argument("--vidin", help="the vidin binary (default: `swift build --show-bin-path`/vidin)")
    parser.add_argument("--json", help="write all figures to this file")
    parser.add_argument("--pagefind-body", action="store_true", help="also index whole <body>s (Pagefind's default)")
    parser.add_argument("--bg-query", default="участие на гражданите")
    parser.add_argument("--en-query", default="citizen participation")
    parser.add_argument("--translit-query", default="uchastie na grazhdanite")
    parser.add_argument("--corpus", type=int, metavar="PAGES",
                        help="add PAGES synthetic chapters per language (../shared/bench/make-corpus.py, or --corpus-script) "
                             "to the content, build that, and measure bytes only (the relevance set is for the real content)")
    parser.add_argument("--corpus-script", help="the corpus generator (default: shared/bench/make-corpus.py beside the "
                                                "project's folder or its worktrees' folder)")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="vidin-pagefind-")
    try:
        site = args.site
        content = os.path.join(ROOT, "content")
        if args.corpus:
            if not args.corpus_script:
                candidates = [os.path.join(ROOT, *[".."] * up, "shared", "bench", "make-corpus.py") for up in (1, 2)]
                args.corpus_script = next((c for c in candidates if os.path.isfile(c)), None)
                if not args.corpus_script:
                    parser.error("make-corpus.py not found in %s; give --corpus-script" % " or ".join(candidates))
            content = os.path.join(work, "content")
            shutil.copytree(os.path.join(ROOT, "content"), content)
            subprocess.run([sys.executable, args.corpus_script, content, str(args.corpus)], check=True, stdout=subprocess.DEVNULL)
        if not site:
            site = os.path.join(work, "site")
            subprocess.run([vidin_binary(args.vidin), "build", "--content", content, "--themes", "themes", "--output", site],
                           cwd=ROOT, check=True)
        version = ensure_pagefind()
        with open(RELEVANCE, encoding="utf-8") as f:
            queries = [] if args.corpus else json.load(f)["queries"]

        configs = [("main", ["--root-selector", "main"])]
        if args.pagefind_body:
            configs.append(("body", []))
        harness = {"bg": "/pagefind-harness/bg/", "en": "/pagefind-harness/en/"}
        first_queries = [("bg", args.bg_query), ("en", args.en_query), ("bg", args.translit_query)]
        report = {"pagefind": version, "queries": dict(bg=args.bg_query, en=args.en_query, translit=args.translit_query),
                  "bytes": {}, "relevance": {}}

        # Ours, on an untouched copy.
        ours_dir = os.path.join(work, "ours")
        shutil.copytree(site, ours_dir)
        log = Log()
        server, base = serve(ours_dir, log)
        for lang, q in first_queries:
            report["bytes"]["vidin %s %r" % (lang, q)] = measure_ours(base, ours_dir, log, lang, q)
        for lang, q in first_queries[:2]:
            report["bytes"]["vidin %s %r, 200 ms/key" % (lang, q)] = measure_ours(base, ours_dir, log, lang, q, key_delay=0.2)
        if queries:
            report["relevance"]["vidin"] = score(relevance_ours(base, queries))
        server.shutdown()

        for name, extra in configs:
            copy = os.path.join(work, "pagefind-" + name)
            shutil.copytree(site, copy)
            # Pagefind indexes the same pages as ours (not the print edition, the home and list
            # pages or the search pages), and writes its bundle into the served copy.
            source = os.path.join(work, "pagefind-source-" + name)
            for url in indexed_pages(site):
                target = os.path.join(source, url.strip("/"), "index.html")
                os.makedirs(os.path.dirname(target), exist_ok=True)
                shutil.copy(os.path.join(site, url.strip("/"), "index.html"), target)
            subprocess.run([sys.executable, "-m", "pagefind_bin", "--site", source, "--output-path", os.path.join(copy, "pagefind"),
                            "--quiet"] + extra, check=True)
            for lang in ("bg", "en"):
                os.makedirs(os.path.join(copy, harness[lang].strip("/")), exist_ok=True)
                with open(os.path.join(copy, harness[lang].strip("/"), "index.html"), "w", encoding="utf-8") as f:
                    f.write(HARNESS % {"lang": lang})
            log = Log()
            server, base = serve(copy, log)
            for lang, q in first_queries:
                report["bytes"]["pagefind-%s %s %r" % (name, lang, q)] = measure_pagefind(base, copy, log, lang, q, harness)
            if queries:
                report["relevance"]["pagefind-" + name] = score(relevance_pagefind(base, queries, harness))
            server.shutdown()

        print_report(report)
        if args.json:
            with open(args.json, "w", encoding="utf-8") as f:
                json.dump(report, f, ensure_ascii=False, indent=1)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def kb(n):
    return "%.1f" % (n / 1000.0)


def print_report(report):
    print("Pagefind %s. Bytes for a first query (kB = 1000 bytes, gzip; cold cache):" % report["pagefind"])
    print("%-58s %6s %9s %9s %9s %8s" % ("engine, language, query", "files", "search", "+ page", "to 1st", "seconds"))
    for name, b in report["bytes"].items():
        print("%-58s %6d %9s %9s %9s %8.2f" % (name, b["search_files"], kb(b["search_gzip"]),
                                               kb(b["search_gzip"] + b["page_gzip"]), kb(b["first_gzip"]), b["seconds_to_results"]))
    print()
    print("Where the search bytes go (kB gzip):")
    for name, b in report["bytes"].items():
        print("  %-56s %s" % (name, ", ".join("%s %s" % (k, kb(v)) for k, v in b["breakdown_gzip"].items())))
    print()
    if not report["relevance"]:
        return
    print("Relevance set (%s): recall@5 / MRR@10 per group (a result is a page with its shown sections)" % os.path.relpath(RELEVANCE, ROOT))
    groups = []
    for result in report["relevance"].values():
        groups += [g for g in result if g not in groups]
    if not groups:
        return
    print("%-26s " % "engine" + " ".join("%-15s" % g for g in groups))
    for name, result in report["relevance"].items():
        print("%-26s " % name + " ".join("%-15s" % ("%.3f / %.3f" % (result[g]["recall5"], result[g]["mrr"]) if g in result else "-")
                                         for g in groups))
    for name, result in report["relevance"].items():
        for g in groups:
            for miss in result.get(g, {}).get("misses", []):
                print("  %s %s miss: %r (first hit %s) top: %s" % (name, g, miss["q"], miss["rank"] or ">10", " ".join(miss["top"][:3])))


if __name__ == "__main__":
    main()
