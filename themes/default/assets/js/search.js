/*
 * vidin site search: the search page's behaviour. Plain JavaScript, no library.
 *
 * Loads the language's index root (built by Sources/SiteKit/Search/SearchIndexBuilder.swift), then
 * only the term chunks a query needs and the text chunks of the pages it shows. Analyses the query
 * with VidinSearchAnalysis (the same analysis as at build time), ranks sections with BM25 plus
 * boosts for the page title and the section heading, groups them by page, and shows the pages with
 * their best sections. Forgiving: chat-Latin readings, then one- or two-letter typos. Indexed text
 * reaches the page only through textContent, never as HTML.
 *
 * The pure parts (loading, ranking, excerpts) are in VidinSearch.open, which also runs under node
 * for the tests. Format and ranking: docs/SEARCH.md.
 */
(function (root, factory) {
  var api = factory(root.VidinSearchAnalysis || (typeof require === "function" ? require("./search-analysis.js") : null));
  if (typeof module === "object" && module.exports) module.exports = api;
  root.VidinSearch = api;
  if (typeof document !== "undefined") api.attach(document);
})(typeof self !== "undefined" ? self : this, function (Analysis) {
  "use strict";

  var TITLE_BOOST = 3, HEADING_BOOST = 6, PREFIX_WEIGHT = 0.6, TYPO_WEIGHT = 0.5, LIGHT_WEIGHT = 0.2, FAMILY_WEIGHT = 0.6;
  /**
   * A Cyrillic word's family: index terms that share its stem's first FAMILY_MIN letters (`дигитализац`
   * and `дигиталн`, `администрац` and `административн`). They match with FAMILY_WEIGHT and count
   * as the word.
   */
  var FAMILY_MIN = 7;
  /** Pages shown at first and added by each "Show more"; sections shown under a page. */
  var PAGE_SIZE = 10, SECTIONS_SHOWN = 3;
  /** A page's score: its best three sections' scores weighted so. */
  var PAGE_DECAY = [1, 0.5, 0.25];
  /**
   * Letters a word needs before typos are tried; from TYPO_LONG two typos are allowed; longer
   * than TYPO_MAX, none (the spellings to try grow with the word). Words of a query after the
   * first MAX_WORDS are ignored, so a pasted paragraph cannot stall the page.
   */
  var TYPO_MIN = 4, TYPO_LONG = 8, TYPO_MAX = 30, MAX_WORDS = 12;
  /**
   * Question words that are not stop words ("как", "кой", "how", "where"… are stop words
   * already) and modal verbs: they weigh LIGHT_WEIGHT and are never required. So is the verb
   * after „да“ („как да направим…“, „откъде да намерим…“), the Bulgarian infinitive of questions.
   */
  var LIGHT_WORDS = ["какъв", "каква", "какви", "къде", "откъде", "накъде", "кога", "защо", "колко", "чий", "чия",
                     "чие", "чии", "можем", "може", "трябва", "whose", "can", "should", "must"];
  var LIGHT_AFTER = ["да", "da"];
  var ALPHABETS = { cyrillic: Array.from("абвгдежзийклмнопрстуфхцчшщъьюя"), latin: Array.from("abcdefghijklmnopqrstuvwxyz") };

  /** The key that orders terms into chunks (SearchIndexBuilder.sortKey). */
  function sortKey(term) {
    return Analysis.script(term) === "cyrillic" ? Analysis.transliterate(term) : term;
  }

  /** Optimal string alignment distance of a and b (arrays of characters), or max + 1 when larger. */
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var rows = [], i, j;
    for (i = 0; i <= a.length; i++) { rows.push([i]); }
    for (j = 1; j <= b.length; j++) rows[0][j] = j;
    for (i = 1; i <= a.length; i++) {
      var best = max + 1;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
        rows[i][j] = d;
        if (d < best) best = d;
      }
      if (best > max) return max + 1;
    }
    return rows[a.length][b.length];
  }

  /** Spellings one edit away from `word` (deleted, swapped, replaced or inserted letter), first letter kept. */
  function edits(word) {
    var s = Array.from(word), out = new Set(), alphabet = ALPHABETS[Analysis.script(word)] || ALPHABETS.latin;
    for (var i = 1; i <= s.length; i++) {
      if (i < s.length) {
        out.add(s.slice(0, i).concat(s.slice(i + 1)).join(""));
        if (i + 1 < s.length) out.add(s.slice(0, i).concat([s[i + 1], s[i]], s.slice(i + 2)).join(""));
      }
      for (var a = 0; a < alphabet.length; a++) {
        if (i < s.length && alphabet[a] !== s[i]) out.add(s.slice(0, i).concat([alphabet[a]], s.slice(i + 1)).join(""));
        out.add(s.slice(0, i).concat([alphabet[a]], s.slice(i)).join(""));
      }
    }
    out.delete(word);
    return Array.from(out);
  }

  /**
   * Opens an index: `rootJSON` is the language's index.json, `load(path)` a function that returns
   * a promise of the JSON of a file of the index folder ("terms/3.json", "text/0.json").
   */
  function open(rootJSON, load) {
    var analyzer = Analysis.analyzer(rootJSON.language, rootJSON.stopWords);
    var light = new Set(LIGHT_WORDS.map(Analysis.normalize));
    var termChunks = rootJSON.termChunks, textChunks = rootJSON.textChunks;
    // Section → page, from the number of sections of each page.
    var pageOfDoc = [], firstDoc = [];
    rootJSON.sections.forEach(function (n, page) {
      firstDoc.push(pageOfDoc.length);
      for (var i = 0; i < n; i++) pageOfDoc.push(page);
    });
    var count = pageOfDoc.length;
    var chunks = new Map();        // chunk number → promise of its terms
    var stored = new Map();        // term → gap-encoded postings
    var derived = new Map();       // Latin key → Cyrillic terms
    var vocabulary = [];           // per loaded chunk: [[term, sort key], …]
    var decoded = new Map(), texts = new Map();

    /** The last chunk whose first key is <= key. */
    function chunkOf(key) {
      var lo = 0, hi = termChunks.length - 1;
      while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (termChunks[mid] <= key) lo = mid; else hi = mid - 1; }
      return lo;
    }

    /**
     * Chunks that may hold terms starting with `prefix` (Latin, or Cyrillic: then by its sort
     * key, which for an incomplete word may end in "ia" where the whole word has "iya").
     */
    function chunksOfPrefix(prefix) {
      var key = sortKey(prefix);
      if (key !== prefix && /ia$/.test(key)) key = key.slice(0, -1);
      var list = [];
      for (var c = chunkOf(key), last = chunkOf(key + "\uffff"); c <= last; c++) list.push(c);
      return list;
    }

    function loadChunks(numbers) {
      return Promise.all(Array.from(new Set(numbers)).map(function (c) {
        if (!chunks.has(c)) {
          chunks.set(c, load("terms/" + c + ".json").catch(function (error) {
            chunks.delete(c);  // tried again by the next query
            throw error;
          }).then(function (json) {
            var list = [];
            Object.keys(json).forEach(function (term) {
              stored.set(term, json[term]);
              var key = sortKey(term);
              list.push([term, key]);
              if (key !== term) {
                if (!derived.has(key)) derived.set(key, []);
                derived.get(key).push(term);
              }
            });
            vocabulary[c] = list;
          }));
        }
        return chunks.get(c);
      }));
    }

    /** Stored terms that `term` stands for: itself and, for a Latin key, its Cyrillic terms. */
    function expand(term) {
      var list = stored.has(term) ? [term] : [];
      return list.concat(derived.get(term) || []);
    }

    function postings(term) {
      if (!decoded.has(term)) {
        var flat = stored.get(term) || [], map = new Map(), doc = 0;
        for (var i = 0; i < flat.length; i += 2) { doc += flat[i]; map.set(doc, flat[i + 1]); }
        decoded.set(term, map);
      }
      return decoded.get(term);
    }

    /** Per document: best BM25 weight, field flags and match weight over the stored terms. */
    function collect(storedTerms, weight, into) {
      storedTerms.forEach(function (term) {
        postings(term).forEach(function (value, doc) {
          var entry = into.get(doc) || { bm: 0, flags: 0, weight: 0 };
          entry.bm = Math.max(entry.bm, (value >> 2) / 10);
          entry.flags |= value & 3;
          entry.weight = Math.max(entry.weight, weight);
          into.set(doc, entry);
        });
      });
      return into;
    }

    function storedOf(terms) {
      var out = [];
      terms.forEach(function (t) { expand(t).forEach(function (s) { if (out.indexOf(s) < 0) out.push(s); }); });
      return out;
    }

    function df(storedTerms) {
      var docs = new Set();
      storedTerms.forEach(function (t) { postings(t).forEach(function (v, d) { docs.add(d); }); });
      return docs.size;
    }

    /** Stored terms in the loaded chunks whose term or sort key starts with one of `prefixes`. */
    function prefixTerms(prefixes) {
      var found = [];
      prefixes.forEach(function (prefix) {
        if (Array.from(prefix).length < 2) return;
        chunksOfPrefix(prefix).forEach(function (c) {
          (vocabulary[c] || []).forEach(function (pair) {
            if (found.length < 200 && found.indexOf(pair[0]) < 0 &&
                (pair[0].lastIndexOf(prefix, 0) === 0 || pair[1].lastIndexOf(prefix, 0) === 0)) found.push(pair[0]);
          });
        });
      });
      return found;
    }

    /** Only Cyrillic stems have a family: Porter2 already joins English forms. */
    function hasFamily(term) {
      return Analysis.script(term) === "cyrillic" && Array.from(term).length >= FAMILY_MIN;
    }

    /** The first FAMILY_MIN letters of a term: its family's range. */
    function familyPrefix(term) {
      return Array.from(term).slice(0, FAMILY_MIN).join("");
    }

    /** Loaded terms of the family of `terms` (see FAMILY_MIN), leaving out `exact`. */
    function familyTerms(terms, exact) {
      var found = [];
      terms.forEach(function (term) {
        if (!hasFamily(term)) return;
        chunksOfPrefix(familyPrefix(term)).forEach(function (c) {
          (vocabulary[c] || []).forEach(function (pair) {
            var other = pair[0];
            if (exact.indexOf(other) >= 0 || found.indexOf(other) >= 0 || Analysis.script(other) !== Analysis.script(term)) return;
            if (Array.from(other).slice(0, FAMILY_MIN).join("") === familyPrefix(term)) found.push(other);
          });
        });
      });
      return found;
    }

    /** The terms of one spelling of a word (its query terms, for a Latin word also its readings). */
    function spellingTerms(spelling) {
      var w = analyzer.queryWords(spelling)[0];
      return w ? w.terms.concat(w.alternatives) : [];
    }

    /**
     * A misspelt word: the most frequent index term one edit away (a spelling one edit away whose
     * terms are indexed), else, for a long word, two edits away (stems compared), in the chunks
     * of the word's first letter. → {terms, spelling} or null.
     */
    function typo(word) {
      var letters = Array.from(word.word);
      if (word.isStopWord || letters.length < TYPO_MIN || letters.length > TYPO_MAX || Analysis.script(word.word) === "other") {
        return Promise.resolve(null);
      }
      var own = word.terms.concat(word.alternatives);
      var firsts = new Set(own.map(function (t) { return Array.from(sortKey(t))[0]; }));
      var numbers = [];
      firsts.forEach(function (f) { numbers = numbers.concat(chunksOfPrefix(f)); });
      return loadChunks(numbers).then(function () {
        var best = null;
        edits(word.word).forEach(function (spelling) {
          spellingTerms(spelling).forEach(function (term) {
            var list = expand(term);
            if (!list.length) return;
            var n = df(list);
            if (!best || n > best.df) best = { terms: [term], spelling: spelling, df: n };
          });
        });
        if (best || letters.length < TYPO_LONG) return best;
        own.forEach(function (term) {
          var a = Array.from(term);
          numbers.forEach(function (c) {
            (vocabulary[c] || []).forEach(function (pair) {
              if (distance(a, Array.from(pair[0]), 2) <= 2 || distance(a, Array.from(pair[1]), 2) <= 2) {
                var n = df([pair[0]]);
                if (!best || n > best.df) best = { terms: [pair[0]], spelling: pair[0], df: n };
              }
            });
          });
        });
        return best;
      });
    }

    /**
     * The nearest spelling of a word that found nothing, for the no-result page: the index term
     * within three edits of the word's terms (most frequent first) in the chunks of its first
     * letter, spelt as it is in the text of a page that has it. → promise of a word or null.
     */
    function suggest(text) {
      var word = analyzer.queryWords(text)[0];
      var length = word ? Array.from(word.word).length : 0;
      if (!word || word.isStopWord || length < 3 || length > TYPO_MAX || Analysis.script(word.word) === "other") return Promise.resolve(null);
      var own = word.terms.concat(word.alternatives);
      var numbers = [];
      new Set(own.map(function (t) { return Array.from(sortKey(t))[0]; })).forEach(function (f) { numbers = numbers.concat(chunksOfPrefix(f)); });
      return loadChunks(numbers).then(function () {
        var best = null;
        own.forEach(function (term) {
          var a = Array.from(term);
          numbers.forEach(function (c) {
            (vocabulary[c] || []).forEach(function (pair) {
              var d = Math.min(distance(a, Array.from(pair[0]), 3), distance(a, Array.from(pair[1]), 3));
              if (d > 3) return;
              var n = df([pair[0]]);
              if (!best || d < best.d || (d === best.d && n > best.df)) best = { term: pair[0], d: d, df: n };
            });
          });
        });
        if (!best) return null;
        var doc = postings(best.term).keys().next().value;
        return describe(pageOfDoc[doc], [doc]).then(function (page) {
          var texts = [page.title, page.sections[0].heading, page.sections[0].text].join(" ");
          var words = Analysis.words(texts);
          for (var i = 0; i < words.length; i++) {
            if (analyzer.indexTerms(words[i]).indexOf(best.term) >= 0) return words[i];
          }
          return null;
        });
      });
    }

    /**
     * Ranked pages for `query`. `typing`: the last word may be incomplete and matches as a prefix.
     * → {pages: [{page, score, docs: [section numbers, best first]}], words: [{word, status, spelling}],
     *    missing: [words found nowhere], partial, corrected, highlight: Set of terms}
     */
    function search(query, typing) {
      var words = analyzer.queryWords(query).slice(0, MAX_WORDS);
      var lastIndex = words.length - 1;
      var needed = [];
      words.forEach(function (word, index) {
        var isLast = typing && index === lastIndex;
        word.terms.forEach(function (t) {
          needed.push(chunkOf(sortKey(t)));
          if (!word.isStopWord && hasFamily(t)) needed = needed.concat(chunksOfPrefix(familyPrefix(t)));
        });
        if (isLast) word.prefixes.forEach(function (p) { if (Array.from(p).length >= 2) needed = needed.concat(chunksOfPrefix(p)); });
      });
      return loadChunks(needed).then(function () {
        // The chunks of the chat-Latin readings, only for the words the usual reading did not find.
        var more = [];
        words.forEach(function (word) {
          if (!storedOf(word.terms).length) word.alternatives.forEach(function (t) { more.push(chunkOf(sortKey(t))); });
        });
        return loadChunks(more);
      }).then(function () {
        var matched = words.map(function (word, index) {
          var isLast = typing && index === lastIndex;
          if (word.isStopWord && !isLast) return null;
          var afterDa = index > 0 && LIGHT_AFTER.indexOf(words[index - 1].word) >= 0;
          var info = { word: word.word, light: word.isStopWord || afterDa || light.has(word.word), status: "found", matches: new Map(), terms: [] };
          var terms = storedOf(word.terms);
          if (!terms.length) {
            for (var a = 0; a < word.alternatives.length && !terms.length; a++) terms = storedOf([word.alternatives[a]]);
            if (terms.length) info.status = "alternative";
          }
          collect(terms, 1, info.matches);
          info.terms = terms;
          if (!word.isStopWord) {
            var family = familyTerms(word.terms, terms);
            collect(family, FAMILY_WEIGHT, info.matches);
            info.terms = info.terms.concat(family);
            if (!terms.length && family.length) info.status = "found";
          }
          if (isLast) {
            var extra = prefixTerms(word.prefixes);
            collect(extra, PREFIX_WEIGHT, info.matches);
            info.terms = info.terms.concat(extra);
          }
          // A light word found nowhere is left out: not corrected, not reported as missing.
          if (!info.matches.size) info.status = word.isStopWord || info.light ? "stop" : "missing";
          info.query = word;
          info.isLast = isLast;
          return info;
        }).filter(Boolean);
        // Typos: only for words found nowhere, not for the word still being typed.
        return Promise.all(matched.map(function (info) {
          if (info.status !== "missing" || info.isLast) return null;
          return typo(info.query).then(function (found) {
            if (!found) return;
            var terms = storedOf(found.terms);
            collect(terms, TYPO_WEIGHT, info.matches);
            info.terms = terms;
            info.status = "typo";
            info.spelling = found.spelling;
          });
        })).then(function () { return rank(matched); });
      });
    }

    function rank(matched) {
      var active = matched.filter(function (m) { return m.status !== "stop"; });
      var highlight = new Set();
      active.forEach(function (m) { m.terms.forEach(function (t) { highlight.add(t); highlight.add(sortKey(t)); }); });
      var missing = active.filter(function (m) { return m.status === "missing"; }).map(function (m) { return m.word; });
      // Required: the words found as typed (not question words); failing those, every word found.
      var required = active.filter(function (m) { return !m.light && (m.status === "found" || m.status === "alternative"); });
      if (!required.length) required = active.filter(function (m) { return m.status !== "missing"; });
      var sectionScores = new Map(), sectionWords = new Map();
      active.forEach(function (m, w) {
        var n = m.matches.size || 1;
        var idf = Math.log(1 + (count - n + 0.5) / (n + 0.5)) * (m.light ? LIGHT_WEIGHT : 1);
        m.matches.forEach(function (entry, doc) {
          var boost = ((entry.flags & 1) ? TITLE_BOOST : 0) + ((entry.flags & 2) ? HEADING_BOOST : 0);
          sectionScores.set(doc, (sectionScores.get(doc) || 0) + idf * (entry.bm + boost) * entry.weight);
          if (!sectionWords.has(doc)) sectionWords.set(doc, new Set());
          sectionWords.get(doc).add(w);
        });
      });
      var pages = new Map();
      var total = active.length || 1;
      sectionScores.forEach(function (score, doc) {
        var found = sectionWords.get(doc);
        score = score * found.size / total;
        var p = pageOfDoc[doc];
        var page = pages.get(p) || { page: p, score: 0, docs: [], words: new Set() };
        page.docs.push({ doc: doc, score: score });
        found.forEach(function (w) { page.words.add(w); });
        pages.set(p, page);
      });
      var list = Array.from(pages.values());
      list.forEach(function (page) {
        page.docs.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
        // The best section, and a little for the next two: a page that answers in several
        // sections comes before one that mentions the words once.
        page.score = page.docs.slice(0, 3).reduce(function (sum, d, i) { return sum + d.score * PAGE_DECAY[i]; }, 0);
        page.docs = page.docs.map(function (d) { return d.doc; });
      });
      var complete = list.filter(function (page) {
        return required.every(function (m) { return page.words.has(active.indexOf(m)); });
      });
      var partial = missing.length > 0 || (complete.length === 0 && list.length > 0);
      var shown = missing.length || !complete.length ? list : complete;
      shown.sort(function (a, b) { return b.score - a.score || a.page - b.page; });
      return {
        pages: shown.map(function (p) { return { page: p.page, score: p.score, docs: p.docs }; }),
        words: active.map(function (m) { return { word: m.word, status: m.status, spelling: m.spelling || null }; }),
        missing: missing,
        partial: partial,
        corrected: active.some(function (m) { return m.status === "typo"; }),
        highlight: highlight
      };
    }

    /** A page's text chunk entry: [title, url, [[heading, anchor, text], …]]. */
    function page(number) {
      var lo = 0, hi = textChunks.length - 1;
      while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (textChunks[mid] <= number) lo = mid; else hi = mid - 1; }
      if (!texts.has(lo)) texts.set(lo, load("text/" + lo + ".json").catch(function (error) { texts.delete(lo); throw error; }));
      return texts.get(lo).then(function (list) { return list[number - textChunks[lo]]; });
    }

    /** {title, url, sections: [{url, heading, text}]} of the given sections (numbers) of a page. */
    function describe(pageNumber, docs) {
      return page(pageNumber).then(function (entry) {
        return {
          title: entry[0], url: entry[1],
          sections: docs.map(function (doc) {
            var s = entry[2][doc - firstDoc[pageNumber]];
            return { url: entry[1] + (s[1] ? "#" + s[1] : ""), heading: s[0], text: s[2] };
          })
        };
      });
    }

    /**
     * An excerpt of `text` around the first matched word: [{text, mark}] pieces, at most `size`
     * words, with the words whose terms are in `termSet` marked.
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
      if (!tokens.length) return [{ text: text.slice(0, 200), mark: false }];
      var first = 0;
      for (var i = 0; i < tokens.length; i++) { if (matches(tokens[i])) { first = i; break; } }
      var from = Math.max(0, first - Math.floor(size / 3)), to = Math.min(tokens.length, from + size);
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

    return { search: search, describe: describe, excerpt: excerpt, suggest: suggest, language: rootJSON.language, sections: count };
  }

  /** Fetches JSON relative to `base` (a URL ending in "/"); rejects on an HTTP error. */
  function fetcher(base) {
    return function (path) {
      return fetch(base + path).then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + path);
        return r.json();
      });
    };
  }

  /** Opens the index whose root is at `indexURL` (…/index.json) in the browser. */
  function openURL(indexURL) {
    var load = fetcher(indexURL.replace(/index\.json$/, ""));
    return load("index.json").then(function (json) { return open(json, load); });
  }

  /** Wires the search page: the form, the live status, the results and "Show more". */
  function attach(doc) {
    var form = doc.getElementById("search");
    if (!form || !form.getAttribute("data-index")) return;
    var input = doc.getElementById("search-input");
    var status = doc.getElementById("search-status");
    var list = doc.getElementById("search-results");
    var more = doc.getElementById("search-more");
    var none = doc.getElementById("search-none");
    var other = doc.getElementById("search-other");
    function message(name) { return form.getAttribute("data-" + name) || ""; }
    var loaded = null, otherLoaded = null, timer = null, generation = 0, current = null;

    function load() {
      if (!loaded) loaded = openURL(form.getAttribute("data-index"));
      return loaded;
    }

    function fill(template, values) {
      return template.replace(/\{(\w+)\}/g, function (all, key) { return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : all; });
    }

    function quoteList(words) {
      return words.map(function (w) { return fill(message("quote"), { w: w }); }).join(", ");
    }

    /** Renders pages [from, from + PAGE_SIZE) of the current result; resolves when they are shown. */
    function showPages(index, found, from, mine) {
      var slice = found.pages.slice(from, from + PAGE_SIZE);
      return Promise.all(slice.map(function (p) {
        return index.describe(p.page, p.docs.slice(0, SECTIONS_SHOWN));
      })).then(function (described) {
        if (mine !== generation) return null;
        var firstLink = null;
        described.forEach(function (page) {
          var item = doc.createElement("li");
          var title = doc.createElement("a");
          title.href = page.url;
          title.className = "result-title";
          title.textContent = page.title;
          item.appendChild(title);
          if (!firstLink) firstLink = title;
          var sections = doc.createElement("ul");
          sections.className = "result-sections";
          page.sections.forEach(function (section) {
            var entry = doc.createElement("li");
            if (section.heading) {
              var link = doc.createElement("a");
              link.href = section.url;
              link.textContent = section.heading;
              entry.appendChild(link);
            }
            if (section.text.trim()) {
              var paragraph = doc.createElement("p");
              index.excerpt(section.text, found.highlight).forEach(function (piece) {
                if (piece.mark) {
                  var mark = doc.createElement("mark");
                  mark.textContent = piece.text;
                  paragraph.appendChild(mark);
                } else {
                  paragraph.appendChild(doc.createTextNode(piece.text));
                }
              });
              entry.appendChild(paragraph);
            }
            sections.appendChild(entry);
          });
          item.appendChild(sections);
          list.appendChild(item);
        });
        more.hidden = from + PAGE_SIZE >= found.pages.length;
        return firstLink;
      });
    }

    /** The corrected query: each misspelt word replaced by the spelling it was read as. */
    function correctedQuery(found) {
      var text = input.value.trim();
      found.words.forEach(function (w) {
        if (w.status === "typo" && w.spelling) {
          text = text.replace(new RegExp("(^|[^\\p{L}\\p{N}])" + w.word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "(?=$|[^\\p{L}\\p{N}])", "giu"),
                              function (all, before) { return before + w.spelling; });
        }
      });
      return text;
    }

    function statusText(found, query) {
      var n = found.pages.length;
      var parts = [fill(n === 0 ? message("none") : n === 1 ? message("one") : message("many"), { q: query, n: String(n) })];
      if (n && found.corrected) parts.push(fill(message("corrected"), { q: correctedQuery(found) }));
      if (n && found.missing.length) parts.push(fill(message("missing"), { w: quoteList(found.missing) }));
      else if (n && found.partial) parts.push(message("partial"));
      return parts.join(" ");
    }

    /** No result: the other language's count, if it has results, as a link to its search page. */
    function offerOther(query, mine) {
      var url = other && other.getAttribute("data-index");
      if (!url) return;
      if (!otherLoaded) otherLoaded = openURL(url);
      otherLoaded.then(function (index) { return index.search(query, false); }).then(function (found) {
        if (mine !== generation || !found.pages.length || found.missing.length) return;
        var link = other.querySelector("a");
        link.href = other.getAttribute("data-search") + "?q=" + encodeURIComponent(query);
        var n = found.pages.length;
        link.textContent = fill(n === 1 ? message("other-one") : message("other-many"), { n: String(n) });
        other.hidden = false;
      }, function () {});
    }

    /** No result: the nearest spelling of each word found nowhere, as a link to its search. */
    function offerSpelling(index, found, query, mine) {
      var box = doc.getElementById("search-suggest");
      if (!box || !found.missing.length) return;
      Promise.all(found.missing.map(function (w) { return index.suggest(w); })).then(function (spellings) {
        if (mine !== generation) return;
        // The query's words (normalised, as the search read them), each missing one respelt.
        var changed = false;
        var text = Analysis.words(query).map(function (w) {
          var i = found.missing.indexOf(w);
          if (i < 0 || !spellings[i] || spellings[i] === w) return w;
          changed = true;
          return spellings[i];
        }).join(" ");
        if (!changed) return;
        var link = box.querySelector("a");
        link.href = "?q=" + encodeURIComponent(text);
        link.textContent = text;
        box.hidden = false;
      }, function () {});
    }

    function run(query, typing) {
      var mine = ++generation;
      query = query.trim();
      list.textContent = "";
      more.hidden = true;
      none.hidden = true;
      if (other) other.hidden = true;
      var suggestion = doc.getElementById("search-suggest");
      if (suggestion) suggestion.hidden = true;
      current = null;
      if (!query) { status.textContent = ""; return; }
      if (!loaded) status.textContent = fill(message("loading"), { q: query });
      load().then(function (index) {
        return index.search(query, typing).then(function (found) {
          if (mine !== generation) return;
          current = { index: index, found: found, shown: 0, mine: mine };
          return showPages(index, found, 0, mine).then(function () {
            if (mine !== generation) return;
            current.shown = PAGE_SIZE;
            status.textContent = statusText(found, query);
            if (!found.pages.length) {
              none.hidden = false;
              if (!typing) {
                offerOther(query, mine);
                offerSpelling(index, found, query, mine);
              }
            }
          });
        });
      }).catch(function () {
        if (mine === generation) status.textContent = fill(message("error"), { q: query });
      });
    }

    more.addEventListener("click", function () {
      if (!current) return;
      var state = current;
      showPages(state.index, state.found, state.shown, state.mine).then(function (firstLink) {
        state.shown += PAGE_SIZE;
        // Keyboard and screen reader users continue at the first page added.
        if (firstLink) firstLink.focus();
        if (more.hidden) status.textContent = statusText(state.found, input.value.trim());
      });
    });

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
      run(initial, false);
    }
  }

  return { open: open, openURL: openURL, attach: attach, edits: edits, distance: distance, sortKey: sortKey };
});
