/*
 * vidin site search: the search page's behaviour. Plain JavaScript, no library.
 *
 * Loads the language's index (built by Sources/SiteKit/Search/SearchIndexBuilder.swift) on first
 * use, analyses the query with VidinSearchAnalysis (the same analysis as at build time), ranks
 * sections with BM25 plus boosts for matches in the page title and the section heading, and
 * shows the results as links. The last word typed matches as a prefix. Indexed text reaches the
 * page only through textContent, never as HTML.
 *
 * The pure parts (index decoding, ranking, excerpts) are in VidinSearch.engine, which also runs
 * under node for the tests.
 */
(function (root, factory) {
  var api = factory(root.VidinSearchAnalysis || (typeof require === "function" ? require("./search-analysis.js") : null));
  if (typeof module === "object" && module.exports) module.exports = api;
  root.VidinSearch = api;
  if (typeof document !== "undefined") api.attach(document);
})(typeof self !== "undefined" ? self : this, function (Analysis) {
  "use strict";

  var K1 = 1.2, B = 0.75, TITLE_BOOST = 1.5, HEADING_BOOST = 2.5, PREFIX_WEIGHT = 0.6;

  /** Decodes gap-encoded postings [gap, value, gap, value…] into {doc: value}. */
  function decode(flat) {
    var map = new Map(), doc = 0;
    for (var i = 0; i < flat.length; i += 2) { doc += flat[i]; map.set(doc, flat[i + 1]); }
    return map;
  }

  /** A ready-to-query index built from the JSON. */
  function engine(json) {
    var analyzer = Analysis.analyzer(json.language, json.stopWords);
    var terms = new Map(), fields = new Map(), derived = new Map();
    Object.keys(json.terms).forEach(function (t) { terms.set(t, json.terms[t]); });
    Object.keys(json.fields).forEach(function (t) { fields.set(t, json.fields[t]); });
    // The Latin key of each Cyrillic term is not stored; derive it (see SearchIndexBuilder).
    var allTerms = new Set(Array.from(terms.keys()).concat(Array.from(fields.keys())));
    allTerms.forEach(function (t) {
      if (Analysis.script(t) !== "cyrillic") return;
      var key = Analysis.transliterate(t);
      if (!derived.has(key)) derived.set(key, []);
      derived.get(key).push(t);
    });
    var vocabulary = Array.from(new Set(Array.from(allTerms).concat(Array.from(derived.keys())))).sort();
    var docs = json.docs, count = docs.length, total = 0;
    docs.forEach(function (d) { total += d[3]; });
    var averageLength = count ? total / count : 1;
    var decoded = new Map();

    function postings(store, term) {
      var cacheKey = (store === terms ? "t:" : "f:") + term;
      if (!decoded.has(cacheKey)) decoded.set(cacheKey, store.has(term) ? decode(store.get(term)) : new Map());
      return decoded.get(cacheKey);
    }

    /** Every stored term that `term` stands for: itself and, for a Latin key, its Cyrillic terms. */
    function expand(term) {
      return [term].concat(derived.get(term) || []);
    }

    /** Body tf (max over alternatives) and field flags per document for a set of terms. */
    function collect(termList, weight, into) {
      termList.forEach(function (term) {
        expand(term).forEach(function (stored) {
          postings(terms, stored).forEach(function (tf, doc) {
            var entry = into.get(doc) || { tf: 0, flags: 0, weight: 0 };
            entry.tf = Math.max(entry.tf, tf);
            entry.weight = Math.max(entry.weight, weight);
            into.set(doc, entry);
          });
          postings(fields, stored).forEach(function (flags, doc) {
            var entry = into.get(doc) || { tf: 0, flags: 0, weight: 0 };
            entry.flags |= flags;
            entry.weight = Math.max(entry.weight, weight);
            into.set(doc, entry);
          });
        });
      });
      return into;
    }

    function prefixTerms(prefixes) {
      var found = [];
      prefixes.forEach(function (prefix) {
        if (prefix.length < 2) return;
        // Binary search for the first term >= prefix in the sorted vocabulary.
        var lo = 0, hi = vocabulary.length;
        while (lo < hi) { var mid = (lo + hi) >> 1; if (vocabulary[mid] < prefix) lo = mid + 1; else hi = mid; }
        for (var i = lo; i < vocabulary.length && vocabulary[i].lastIndexOf(prefix, 0) === 0 && found.length < 200; i++) found.push(vocabulary[i]);
      });
      return found;
    }

    /**
     * Ranked results for `query`: [{doc, score, page, title, heading, url}], best first.
     * `typing` means the last word may be incomplete and matches as a prefix.
     */
    function search(query, typing) {
      var words = analyzer.queryWords(query);
      var lastIndex = words.length - 1;
      var perWord = [], highlight = new Set();
      words.forEach(function (word, index) {
        var isLast = typing && index === lastIndex;
        if (word.isStopWord && !isLast) return;
        var matches = collect(word.terms, 1, new Map());
        word.terms.forEach(function (t) { expand(t).forEach(function (e) { highlight.add(e); }); highlight.add(t); });
        if (isLast) {
          var extra = prefixTerms(word.prefixes);
          collect(extra, PREFIX_WEIGHT, matches);
          extra.forEach(function (t) { expand(t).forEach(function (e) { highlight.add(e); }); });
        }
        if (matches.size || !word.isStopWord) perWord.push(matches);
      });
      if (!perWord.length) return { results: [], terms: highlight };
      var scores = rank(perWord);
      return { results: scores, terms: highlight };
    }

    /** BM25 with field boosts; a section that matches only some of the words keeps that share of its score. */
    function rank(perWord) {
      var scores = new Map(), hits = new Map();
      perWord.forEach(function (matches) {
        var df = matches.size || 1;
        var idf = Math.log(1 + (count - df + 0.5) / (df + 0.5));
        matches.forEach(function (entry, doc) {
          var length = docs[doc][3] || 1;
          var body = entry.tf ? (entry.tf * (K1 + 1)) / (entry.tf + K1 * (1 - B + B * length / averageLength)) : 0;
          var boost = ((entry.flags & 1) ? TITLE_BOOST : 0) + ((entry.flags & 2) ? HEADING_BOOST : 0);
          scores.set(doc, (scores.get(doc) || 0) + idf * (body + boost) * entry.weight);
          hits.set(doc, (hits.get(doc) || 0) + 1);
        });
      });
      var list = [];
      scores.forEach(function (score, doc) {
        var d = docs[doc], page = json.pages[d[0]];
        list.push({ doc: doc, score: score * hits.get(doc) / perWord.length, page: d[0], title: page[0], heading: d[1],
                    url: page[1] + (d[2] ? "#" + d[2] : "") });
      });
      list.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
      return list;
    }

    /**
     * An excerpt of `text` around the first matched word: [{text, mark}] pieces, at most
     * `size` words, with the words whose terms are in `termSet` marked.
     */
    function excerpt(text, termSet, size) {
      size = size || 32;
      var tokens = [], re = /[\p{L}\p{N}\u0300-\u036f]+/gu, m;
      while ((m = re.exec(text))) tokens.push({ start: m.index, end: m.index + m[0].length, word: m[0] });
      function matches(token) {
        var forms = analyzer.indexTerms(token.word);
        for (var i = 0; i < forms.length; i++) {
          if (termSet.has(forms[i])) return true;
          if (Analysis.script(forms[i]) === "cyrillic" && termSet.has(Analysis.transliterate(forms[i]))) return true;
        }
        return false;
      }
      var first = 0;
      for (var i = 0; i < tokens.length; i++) { if (matches(tokens[i])) { first = i; break; } }
      var from = Math.max(0, first - Math.floor(size / 3)), to = Math.min(tokens.length, from + size);
      if (!tokens.length) return [{ text: text.slice(0, 200), mark: false }];
      var pieces = [], position = tokens[from].start;
      if (from > 0) pieces.push({ text: "… ", mark: false });
      for (var j = from; j < to; j++) {
        var token = tokens[j];
        if (token.start > position) pieces.push({ text: text.slice(position, token.start), mark: false });
        pieces.push({ text: token.word, mark: matches(token) });
        position = token.end;
      }
      var tail = to < tokens.length ? text.slice(position, tokens[to].start).replace(/\s+$/, "") + " …" : text.slice(position);
      if (tail) pieces.push({ text: tail, mark: false });
      return pieces;
    }

    return { search: search, excerpt: excerpt, language: json.language, docs: docs, pages: json.pages,
             chunkSize: json.chunkSize || 1 };
  }

  /** Wires the search page: the form, the live status and the results list. */
  function attach(doc) {
    var form = doc.getElementById("search");
    if (!form || !form.getAttribute("data-index")) return;
    var input = doc.getElementById("search-input");
    var status = doc.getElementById("search-status");
    var list = doc.getElementById("search-results");
    var indexURL = form.getAttribute("data-index");
    var textBase = indexURL.replace(/index\.json$/, "text/");
    var messages = {
      none: form.getAttribute("data-none"), one: form.getAttribute("data-one"),
      many: form.getAttribute("data-many"), loading: form.getAttribute("data-loading"),
      error: form.getAttribute("data-error")
    };
    var loaded = null, timer = null, generation = 0, texts = new Map();

    function load() {
      if (!loaded) {
        loaded = fetch(indexURL).then(function (r) {
          if (!r.ok) throw new Error(r.status);
          return r.json();
        }).then(engine);
      }
      return loaded;
    }

    /** The text of a section: its chunk (chunkSize sections in a JSON array) is fetched once. */
    function text(index, docNumber) {
      var chunk = Math.floor(docNumber / index.chunkSize);
      if (!texts.has(chunk)) {
        texts.set(chunk, fetch(textBase + chunk + ".json").then(function (r) { return r.ok ? r.json() : []; }));
      }
      return texts.get(chunk).then(function (list) { return list[docNumber % index.chunkSize] || ""; });
    }

    function say(template, query, n) {
      status.textContent = (template || "").replace("{q}", query).replace("{n}", String(n));
    }

    function run(query, typing) {
      var mine = ++generation;
      query = query.trim();
      if (!query) { list.textContent = ""; status.textContent = ""; return; }
      if (!loaded) say(messages.loading, query, 0);
      load().then(function (index) {
        if (mine !== generation) return;
        var found = index.search(query, typing);
        var shown = found.results.slice(0, 20);
        list.textContent = "";
        shown.forEach(function (result) {
          var item = doc.createElement("li");
          var link = doc.createElement("a");
          link.href = result.url;
          link.textContent = result.title;
          item.appendChild(link);
          if (result.heading) {
            var section = doc.createElement("span");
            section.className = "result-section";
            section.textContent = result.heading;
            item.appendChild(section);
          }
          var paragraph = doc.createElement("p");
          item.appendChild(paragraph);
          list.appendChild(item);
          text(index, result.doc).then(function (body) {
            if (mine !== generation) return;
            index.excerpt(body, found.terms).forEach(function (piece) {
              if (piece.mark) {
                var mark = doc.createElement("mark");
                mark.textContent = piece.text;
                paragraph.appendChild(mark);
              } else {
                paragraph.appendChild(doc.createTextNode(piece.text));
              }
            });
          });
        });
        var n = found.results.length;
        say(n === 0 ? messages.none : n === 1 ? messages.one : messages.many, query, n);
      }, function () {
        say(messages.error, query, 0);
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      run(input.value, false);
      updateURL(input.value);
    });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(input.value, true); updateURL(input.value); }, 120);
    });
    input.addEventListener("focus", function () { load().catch(function () {}); }, { once: true });

    function updateURL(query) {
      if (!window.history || !window.history.replaceState) return;
      var url = new URL(window.location.href);
      if (query.trim()) url.searchParams.set("q", query.trim()); else url.searchParams.delete("q");
      window.history.replaceState(null, "", url.pathname + url.search);
    }

    var initial = new URLSearchParams(window.location.search).get("q");
    if (initial) {
      input.value = initial;
      var header = doc.getElementById("site-search-q");
      if (header) header.value = initial;
      run(initial, false);
    }
  }

  return { engine: engine, attach: attach, decode: decode };
});
