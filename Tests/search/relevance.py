"""The relevance set's scoring rule, shared by the browser test (Tests/browser/test_search.py)
and the Pagefind comparison (scripts/compare-pagefind.py); Tests/js/search-relevance.test.js
applies the same rule under node.

A ranked list holds *results*: a result is one page as shown, given as the list of its URLs (the
page's and those of the sections shown under it), or a single URL."""
import json
import os

RELEVANCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "relevance.json")


def load_relevance():
    with open(RELEVANCE, encoding="utf-8") as f:
        return json.load(f)["queries"]


def is_hit(url, expect):
    """A URL counts if it equals an expected one, or lies under an expected page URL."""
    return any(url == e or (e.endswith("/") and url.startswith(e)) for e in expect)


def result_hits(result, expect):
    """A result (a URL, or a page's URLs) counts if one of its URLs does."""
    urls = [result] if isinstance(result, str) else result
    return any(is_hit(u, expect) for u in urls)


def first_url(result):
    """The URL a report shows for a result: its best section, else its page."""
    if isinstance(result, str):
        return result
    return result[1] if len(result) > 1 else result[0]


def score(runs):
    """runs: [(entry, results)] → {group: {count, recall5, mrr, misses}, "all": {count, mrr}}
    (MRR over the first 10 results)."""
    groups = {}
    total = {"count": 0, "rr": 0.0}
    for entry, results in runs:
        g = groups.setdefault(entry["group"], {"count": 0, "hits5": 0, "rr": 0.0, "misses": []})
        rank = next((i + 1 for i, r in enumerate(results[:10]) if result_hits(r, entry["expect"])), 0)
        g["count"] += 1
        total["count"] += 1
        if 1 <= rank <= 5:
            g["hits5"] += 1
        else:
            g["misses"].append({"q": entry["q"], "rank": rank, "top": [first_url(r) for r in results[:5]]})
        if rank:
            g["rr"] += 1.0 / rank
            total["rr"] += 1.0 / rank
    for g in groups.values():
        g["recall5"] = g["hits5"] / g["count"]
        g["mrr"] = g["rr"] / g["count"]
    groups["all"] = {"count": total["count"], "mrr": total["rr"] / total["count"] if total["count"] else 0.0,
                     "recall5": sum(g["hits5"] for g in groups.values()) / total["count"] if total["count"] else 0.0,
                     "misses": []}
    return groups
