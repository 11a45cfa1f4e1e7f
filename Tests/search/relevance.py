"""The relevance set's scoring rule, shared by the browser test (Tests/browser/test_search.py)
and the Pagefind comparison (scripts/compare-pagefind.py); Tests/js/search-relevance.test.js
applies the same rule under node."""
import json
import os

RELEVANCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "relevance.json")


def load_relevance():
    with open(RELEVANCE, encoding="utf-8") as f:
        return json.load(f)["queries"]


def is_hit(url, expect):
    """A result URL counts if it equals an expected one, or lies under an expected page URL."""
    return any(url == e or (e.endswith("/") and url.startswith(e)) for e in expect)


def score(runs):
    """runs: [(entry, urls)] → {group: {count, recall5, mrr, misses}} (MRR over the first 10)."""
    groups = {}
    for entry, urls in runs:
        g = groups.setdefault(entry["group"], {"count": 0, "hits5": 0, "rr": 0.0, "misses": []})
        rank = next((i + 1 for i, u in enumerate(urls[:10]) if is_hit(u, entry["expect"])), 0)
        g["count"] += 1
        if 1 <= rank <= 5:
            g["hits5"] += 1
        else:
            g["misses"].append({"q": entry["q"], "rank": rank, "top": urls[:5]})
        if rank:
            g["rr"] += 1.0 / rank
    for g in groups.values():
        g["recall5"] = g["hits5"] / g["count"]
        g["mrr"] = g["rr"] / g["count"]
    return groups
