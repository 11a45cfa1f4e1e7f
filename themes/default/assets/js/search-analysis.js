/*
 * vidin site search: text analysis at query time.
 *
 * The same normaliser, tokenizer, stemmers, transliteration and analyzer as the Swift code that
 * builds the index (Sources/SiteKit/Search/Analysis/). Both are checked against the same vectors
 * (Tests/SiteKitTests/Fixtures/analysis-vectors.json), so index and query cannot drift apart.
 * See SearchAnalyzer.swift for the design; the comments here only say what differs in form.
 *
 * A classic script: in the browser it defines the global `VidinSearchAnalysis`; under node it
 * is also `module.exports`. Usage:
 *
 *   var analyzer = VidinSearchAnalysis.analyzer('bg', index.stopWords);
 *   analyzer.queryTerms('общините в Барселона');  // [['общин'], ['барселон']]
 *   analyzer.queryWords('obshtinite');  // [{word, terms, prefixes, isStopWord}]
 *
 * Everything works on code points (never UTF-16 units), like the Swift side works on scalars.
 */
(function (root, factory) {
  'use strict';
  var api = factory();
  if (typeof module === 'object' && module && module.exports) {
    module.exports = api;
  }
  if (root) {
    root.VidinSearchAnalysis = api;
  }
})(typeof globalThis !== 'undefined' ? globalThis : (typeof self !== 'undefined' ? self : this), function () {
  'use strict';

  // ---------------------------------------------------------------------------------------------
  // Normalisation and tokenisation (SearchNormalizer.swift)

  /**
   * NFC, lowercase code point by code point (Swift lowercases scalar by scalar, without the
   * final-sigma context of String.prototype.toLowerCase), ѝ→и and ѐ→е, remove U+0300,
   * U+0301 and the soft hyphen U+00AD, then NFC again. U+0306 is kept: й ≠ и.
   */
  function normalize(text) {
    var composed = String(text).normalize('NFC');
    var out = '';
    for (var ch of composed) {
      for (var c of ch.toLowerCase()) {
        if (c === '\u045D') out += '\u0438';
        else if (c === '\u0450') out += '\u0435';
        else if (c !== '\u0300' && c !== '\u0301' && c !== '\u00AD') out += c;
      }
    }
    return out.normalize('NFC');
  }

  var WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

  /** Words of already normalised text: a letter or digit, then letters, digits and marks. */
  function tokenize(normalized) {
    return String(normalized).match(WORD) || [];
  }

  /** tokenize(normalize(text)), each word with foldLookalikes applied. */
  function words(text) {
    return tokenize(normalize(text)).map(foldLookalikes);
  }

  var LOOKALIKES = { a: 'а', b: 'в', c: 'с', e: 'е', h: 'н', k: 'к', m: 'м', o: 'о', p: 'р', t: 'т', x: 'х', y: 'у' };

  /** In a word with Cyrillic letters, Latin letters that look like Cyrillic ones become them. */
  function foldLookalikes(word) {
    if (script(word) !== 'cyrillic') return word;
    var out = '', changed = false;
    for (var ch of word) {
      if (isLatin(ch.codePointAt(0)) && Object.prototype.hasOwnProperty.call(LOOKALIKES, ch)) { out += LOOKALIKES[ch]; changed = true; }
      else out += ch;
    }
    return changed ? out : word;
  }

  function isCyrillic(cp) {
    return (cp >= 0x0400 && cp <= 0x052F) || (cp >= 0x1C80 && cp <= 0x1C8F) ||
      (cp >= 0x2DE0 && cp <= 0x2DFF) || (cp >= 0xA640 && cp <= 0xA69F);
  }

  function isLatin(cp) {
    return (cp >= 0x41 && cp <= 0x5A) || (cp >= 0x61 && cp <= 0x7A) || cp === 0xAA || cp === 0xBA ||
      (cp >= 0xC0 && cp <= 0xD6) || (cp >= 0xD8 && cp <= 0xF6) || (cp >= 0xF8 && cp <= 0x2AF) ||
      (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2C60 && cp <= 0x2C7F) ||
      (cp >= 0xA720 && cp <= 0xA7FF) || (cp >= 0xAB30 && cp <= 0xAB6F) ||
      (cp >= 0xFB00 && cp <= 0xFB06) || (cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A);
  }

  /** 'cyrillic' if the word has a Cyrillic letter, else 'latin' if it has a Latin one, else 'other'. */
  function script(word) {
    var sawLatin = false;
    for (var ch of word) {
      var cp = ch.codePointAt(0);
      if (isCyrillic(cp)) return 'cyrillic';
      if (isLatin(cp)) sawLatin = true;
    }
    return sawLatin ? 'latin' : 'other';
  }

  // ---------------------------------------------------------------------------------------------
  // Bulgarian light stemmer (BulgarianStemmer.swift; Lucene's BulgarianStemmer)

  function endsWith(s, suffix) {
    var t = Array.from(suffix);
    if (t.length > s.length) return false;
    for (var i = 0; i < t.length; i++) {
      if (s[s.length - t.length + i] !== t[i]) return false;
    }
    return true;
  }

  function bgRemoveArticle(s) {
    var n = s.length;
    if (n > 6 && endsWith(s, 'ият')) s.length = n - 3;
    else if (n > 5 && (endsWith(s, 'ът') || endsWith(s, 'то') || endsWith(s, 'те') ||
                       endsWith(s, 'та') || endsWith(s, 'ия'))) s.length = n - 2;
    else if (n > 4 && endsWith(s, 'ят')) s.length = n - 2;
  }

  function bgRemovePlural(s) {
    var n = s.length;
    if (n > 6) {
      if (endsWith(s, 'овци')) { s.length = n - 3; return; }
      if (endsWith(s, 'ове')) { s.length = n - 3; return; }
      if (endsWith(s, 'еве')) { s[n - 3] = 'й'; s.length = n - 2; return; }
    }
    if (n > 5) {
      if (endsWith(s, 'ища')) { s.length = n - 3; return; }
      if (endsWith(s, 'та')) { s.length = n - 2; return; }
      if (endsWith(s, 'ци')) { s[n - 2] = 'к'; s.length = n - 1; return; }
      if (endsWith(s, 'зи')) { s[n - 2] = 'г'; s.length = n - 1; return; }
      if (s[n - 3] === 'е' && s[n - 1] === 'и') { s[n - 3] = 'я'; s.length = n - 1; return; }
    }
    if (n > 4) {
      if (endsWith(s, 'си')) { s[n - 2] = 'х'; s.length = n - 1; return; }
      if (endsWith(s, 'и')) { s.length = n - 1; return; }
    }
  }

  function bulgarianStem(word) {
    var s = Array.from(word);
    if (s.length < 4) return word;
    if (s.length > 5 && endsWith(s, 'ища')) return s.slice(0, s.length - 3).join('');
    bgRemoveArticle(s);
    bgRemovePlural(s);
    if (s.length > 3) {
      if (endsWith(s, 'я')) s.length -= 1;
      if (endsWith(s, 'а') || endsWith(s, 'о') || endsWith(s, 'е')) s.length -= 1;
    }
    if (s.length > 4 && endsWith(s, 'ен')) s.splice(s.length - 2, 1);
    if (s.length > 5 && s[s.length - 2] === 'ъ') s.splice(s.length - 2, 1);
    return s.join('');
  }

  // ---------------------------------------------------------------------------------------------
  // Porter2, Snowball English as of Snowball 3.1 (EnglishStemmer.swift)

  var EN_EXCEPTIONS = {
    skis: 'ski', skies: 'sky',
    idly: 'idl', gently: 'gentl', ugly: 'ugli', early: 'earli', only: 'onli', singly: 'singl',
    sky: 'sky', news: 'news', howe: 'howe',
    atlas: 'atlas', cosmos: 'cosmos', bias: 'bias', andes: 'andes'
  };
  var R1_PREFIXES = ['gener', 'commun', 'arsen', 'past', 'univers', 'later', 'emerg', 'organ', 'inter'];
  var STEP2 = [
    ['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'], ['abli', 'able'], ['entli', 'ent'],
    ['izer', 'ize'], ['ization', 'ize'],
    ['ational', 'ate'], ['ation', 'ate'], ['ator', 'ate'],
    ['alism', 'al'], ['aliti', 'al'], ['alli', 'al'],
    ['fulness', 'ful'], ['ousli', 'ous'], ['ousness', 'ous'],
    ['iveness', 'ive'], ['iviti', 'ive'], ['biliti', 'ble'], ['bli', 'ble'],
    ['ogist', 'og'], ['ogi', 'og'], ['fulli', 'ful'], ['lessli', 'less'], ['li', '']
  ];
  var STEP3 = [
    ['tional', 'tion'], ['ational', 'ate'], ['alize', 'al'],
    ['icate', 'ic'], ['iciti', 'ic'], ['ical', 'ic'],
    ['ful', ''], ['ness', ''], ['ative', '']
  ];
  var STEP4 = ['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent',
    'ism', 'ate', 'iti', 'ous', 'ive', 'ize', 'ion'];
  var DOUBLES = ['bb', 'dd', 'ff', 'gg', 'mm', 'nn', 'pp', 'rr', 'tt'];

  function isVowel(c) {
    return c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u' || c === 'y';
  }

  function isVowelWXY(c) {
    return isVowel(c) || c === 'w' || c === 'x' || c === 'Y';
  }

  function hasVowel(w, start, end) {
    for (var i = start; i < end; i++) if (isVowel(w[i])) return true;
    return false;
  }

  function sliceEquals(w, start, end, text) {
    return w.slice(start, end).join('') === text;
  }

  /** The longest of `suffixes` (strings, or [suffix, replacement] pairs) that w ends with. */
  function longest(w, suffixes) {
    var best = null;
    for (var i = 0; i < suffixes.length; i++) {
      var suffix = Array.isArray(suffixes[i]) ? suffixes[i][0] : suffixes[i];
      if (endsWith(w, suffix) && (best === null || Array.from(suffix).length > Array.from(best).length)) {
        best = suffix;
      }
    }
    return best;
  }

  function replaceEnd(w, length, replacement) {
    w.length -= length;
    for (var c of replacement) w.push(c);
  }

  /** `gopast v gopast non-v` from start: the position after it, or -1. */
  function goPastVowelThenConsonant(w, start) {
    var i = start;
    while (i < w.length && !isVowel(w[i])) i++;
    if (i >= w.length) return -1;
    i++;
    while (i < w.length && isVowel(w[i])) i++;
    if (i >= w.length) return -1;
    return i + 1;
  }

  function isShortV(w, end) {
    if (end >= 3 && !isVowelWXY(w[end - 1]) && isVowel(w[end - 2]) && !isVowel(w[end - 3])) return true;
    if (end === 2 && !isVowel(w[1]) && isVowel(w[0])) return true;
    if (end >= 4 && sliceEquals(w, end - 4, end, 'past')) return true;
    return false;
  }

  function englishStem(word) {
    if (Object.prototype.hasOwnProperty.call(EN_EXCEPTIONS, word)) return EN_EXCEPTIONS[word];
    var w = Array.from(word);
    if (w.length < 3) return word;

    // Prelude.
    var yFound = false;
    if (w[0] === "'") w.shift();
    if (w[0] === 'y') { w[0] = 'Y'; yFound = true; }
    for (var i = 1; i < w.length; i++) {
      if (w[i] === 'y' && isVowel(w[i - 1])) { w[i] = 'Y'; yFound = true; }
    }

    // Regions.
    var p1 = w.length;
    var p2 = w.length;
    var cursor = -1;
    for (var k = 0; k < R1_PREFIXES.length; k++) {
      if (sliceEquals(w, 0, Array.from(R1_PREFIXES[k]).length, R1_PREFIXES[k])) {
        cursor = R1_PREFIXES[k].length;
        break;
      }
    }
    if (cursor < 0) cursor = goPastVowelThenConsonant(w, 0);
    if (cursor >= 0) {
      p1 = cursor;
      var after = goPastVowelThenConsonant(w, cursor);
      if (after >= 0) p2 = after;
    }

    // Step 1a.
    if (endsWith(w, "'s'")) w.length -= 3;
    else if (endsWith(w, "'s")) w.length -= 2;
    else if (endsWith(w, "'")) w.length -= 1;
    if (endsWith(w, 'sses')) {
      replaceEnd(w, 4, 'ss');
    } else if (endsWith(w, 'ied') || endsWith(w, 'ies')) {
      replaceEnd(w, 3, w.length - 3 >= 2 ? 'i' : 'ie');
    } else if (endsWith(w, 'us') || endsWith(w, 'ss')) {
      // unchanged
    } else if (endsWith(w, 's')) {
      var sStart = w.length - 1;
      if (sStart >= 1 && hasVowel(w, 0, sStart - 1)) w.length -= 1;
    }

    // Step 1b.
    step1b(w, p1);

    // Step 1c.
    var n = w.length;
    if (n >= 3 && (w[n - 1] === 'y' || w[n - 1] === 'Y') && !isVowel(w[n - 2])) w[n - 1] = 'i';

    // Step 2.
    var s2 = longest(w, STEP2);
    if (s2 !== null) {
      var start2 = w.length - s2.length;
      if (start2 >= p1) {
        if (s2 === 'ogi') {
          if (start2 >= 1 && w[start2 - 1] === 'l') replaceEnd(w, 3, 'og');
        } else if (s2 === 'li') {
          if (start2 >= 1 && 'cdeghkmnrt'.indexOf(w[start2 - 1]) >= 0) w.length -= 2;
        } else {
          replaceEnd(w, s2.length, lookup(STEP2, s2));
        }
      }
    }

    // Step 3.
    var s3 = longest(w, STEP3);
    if (s3 !== null) {
      var start3 = w.length - s3.length;
      if (start3 >= p1) {
        if (s3 === 'ative') {
          if (start3 >= p2) w.length -= 5;
        } else {
          replaceEnd(w, s3.length, lookup(STEP3, s3));
        }
      }
    }

    // Step 4.
    var s4 = longest(w, STEP4);
    if (s4 !== null) {
      var start4 = w.length - s4.length;
      if (start4 >= p2) {
        if (s4 === 'ion') {
          if (start4 >= 1 && (w[start4 - 1] === 's' || w[start4 - 1] === 't')) w.length -= 3;
        } else {
          w.length -= s4.length;
        }
      }
    }

    // Step 5.
    var last = w.length - 1;
    if (last >= 0) {
      if (w[last] === 'e') {
        if (last >= p2 || (last >= p1 && !isShortV(w, last))) w.length -= 1;
      } else if (w[last] === 'l') {
        if (last >= p2 && last >= 1 && w[last - 1] === 'l') w.length -= 1;
      }
    }

    // Postlude.
    if (yFound) {
      for (var j = 0; j < w.length; j++) if (w[j] === 'Y') w[j] = 'y';
    }
    return w.join('');
  }

  function lookup(rules, suffix) {
    for (var i = 0; i < rules.length; i++) if (rules[i][0] === suffix) return rules[i][1];
    return '';
  }

  function step1b(w, p1) {
    var suffix = longest(w, ['eed', 'eedly', 'ed', 'edly', 'ing', 'ingly']);
    if (suffix === null) return;
    var length = suffix.length;
    var start = w.length - length;
    var before = w.slice(0, start).join('');
    if (suffix === 'eed' || suffix === 'eedly') {
      if (before === 'proc' || before === 'exc' || before === 'succ') return;
      if (start >= p1) replaceEnd(w, length, 'ee');
      return;
    }
    if (suffix === 'ing') {
      // Consonant + ying → consonant + ie (dying, lying, tying, vying).
      if (start === 2 && w[1] === 'y' && !isVowel(w[0])) { replaceEnd(w, 4, 'ie'); return; }
      if (['inn', 'out', 'cann', 'herr', 'earr', 'even'].indexOf(before) >= 0) return;
    }
    if (!hasVowel(w, 0, start)) return;
    w.length -= length;
    if (endsWith(w, 'at') || endsWith(w, 'bl') || endsWith(w, 'iz')) {
      w.push('e');
    } else if (DOUBLES.some(function (d) { return endsWith(w, d); })) {
      if (!(w.length === 3 && (w[0] === 'a' || w[0] === 'e' || w[0] === 'o'))) w.length -= 1;
    } else if (p1 === w.length && isShortV(w, w.length)) {
      w.push('e');
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Official transliteration (Sources/SiteKit/Text/BulgarianTransliterator.swift), lowercase input

  var TRANSLIT = {
    'а': 'a', 'б': 'b', 'в': 'v', 'г': 'g', 'д': 'd', 'е': 'e', 'ж': 'zh', 'з': 'z',
    'и': 'i', 'й': 'y', 'к': 'k', 'л': 'l', 'м': 'm', 'н': 'n', 'о': 'o', 'п': 'p',
    'р': 'r', 'с': 's', 'т': 't', 'у': 'u', 'ф': 'f', 'х': 'h', 'ц': 'ts', 'ч': 'ch',
    'ш': 'sh', 'щ': 'sht', 'ъ': 'a', 'ь': 'y', 'ю': 'yu', 'я': 'ya', 'ѝ': 'i'
  };
  // Swift's Character.isLetter is the Alphabetic property of a character's first scalar.
  var ALPHABETIC = /^\p{Alphabetic}/u;
  // Swift's transliterator walks Characters (grapheme clusters): a letter with a combining mark
  // (и + U+0307) is not in its table and passes through whole. Within words a cluster is a code
  // point and the marks (and ZWJ/ZWNJ) that follow it.
  var CLUSTER = /[^\p{M}\u200C\u200D][\p{M}\u200C\u200D]*|[\p{M}\u200C\u200D]+/gu;

  function isLetter(c) {
    return c !== undefined && ALPHABETIC.test(c);
  }

  /**
   * Official Bulgarian transliteration of lowercase text: word-final `ия` → `ia`, the word
   * `българия` → `bulgaria`, other characters unchanged. (Capitals are the Swift side's job.)
   */
  function transliterate(text) {
    var original = String(text).match(CLUSTER) || [];
    // Characters compare by canonical equivalence in Swift: и + U+0306 is й.
    var cs = original.map(function (c) { return c.normalize('NFC'); });
    var out = '';
    for (var i = 0; i < cs.length; i++) {
      var c = cs[i];
      var latin = Object.prototype.hasOwnProperty.call(TRANSLIT, c) ? TRANSLIT[c] : undefined;
      if (latin === undefined) { out += original[i]; continue; }
      if (c === 'б' && !(i > 0 && isLetter(cs[i - 1]))) {
        var end = i;
        while (end < cs.length && isLetter(cs[end])) end++;
        if (cs.slice(i, end).join('').normalize('NFC') === 'българия') {
          out += 'bulgaria';
          i = end - 1;
          continue;
        }
      }
      if (c === 'и' && cs[i + 1] === 'я' && (i + 2 === cs.length || !isLetter(cs[i + 2]))) {
        out += 'ia';
        i += 1;
        continue;
      }
      out += latin;
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Latin keys (SearchAnalyzer.swift)

  var LATIN_DIGRAPHS = [['sht', 'щ'], ['sh', 'ш'], ['ch', 'ч'], ['zh', 'ж'], ['ts', 'ц'], ['yu', 'ю'], ['ya', 'я']];
  var LATIN_LETTERS = {
    a: 'а', b: 'б', c: 'ц', d: 'д', e: 'е', f: 'ф', g: 'г', h: 'х', i: 'и',
    j: 'ж', k: 'к', l: 'л', m: 'м', n: 'н', o: 'о', p: 'п', q: 'я', r: 'р',
    s: 'с', t: 'т', u: 'у', v: 'в', w: 'в', x: 'кс', y: 'й', z: 'з', 6: 'ш', 4: 'ч'
  };

  /** Bulgarian typed in Latin letters → Cyrillic, greedily. Other characters are kept. */
  function latinToCyrillic(latin) {
    var s = Array.from(String(latin));
    var out = '';
    var i = 0;
    scan: while (i < s.length) {
      for (var d = 0; d < LATIN_DIGRAPHS.length; d++) {
        var digraph = LATIN_DIGRAPHS[d][0];
        if (sliceEquals(s, i, i + digraph.length, digraph)) {
          out += LATIN_DIGRAPHS[d][1];
          i += digraph.length;
          continue scan;
        }
      }
      if (i + 2 === s.length && s[i] === 'i' && s[i + 1] === 'a') {
        out += 'ия';
        i += 2;
        continue;
      }
      var c = s[i];
      out += Object.prototype.hasOwnProperty.call(LATIN_LETTERS, c) ? LATIN_LETTERS[c] : c;
      i += 1;
    }
    return out;
  }

  /** iu and ia (not word-final) read as yu and ya. */
  function informalVowels(latin) {
    return String(latin).replace(/iu/g, 'yu').replace(/ia(?=.)/g, 'ya');
  }

  /**
   * The Cyrillic readings of a Latin word typed as Bulgarian, in the order the search tries them
   * (SearchAnalyzer.latinReadings): official and informal letters; iu/ia as ю/я; y as ъ (not in
   * ya, yu); u as ъ; u as ю (not after y or i); cht as щ; st as щ. Duplicates left out.
   */
  function latinReadings(latin) {
    var s = Array.from(String(latin));
    function replacing(pattern, cyrillic, skip) {
      var p = Array.from(pattern), out = '', i = 0;
      while (i < s.length) {
        if (sliceEquals(s, i, i + p.length, pattern) && !skip(i)) { out += cyrillic; i += p.length; }
        else { out += s[i]; i += 1; }
      }
      return latinToCyrillic(out);
    }
    function afterYOrI(i) { return i > 0 && (s[i - 1] === 'y' || s[i - 1] === 'i'); }
    function never() { return false; }
    return unique([
      latinToCyrillic(latin),
      latinToCyrillic(informalVowels(latin)),
      replacing('y', 'ъ', function (i) { return i + 1 < s.length && (s[i + 1] === 'a' || s[i + 1] === 'u'); }),
      replacing('u', 'ъ', afterYOrI),
      replacing('u', 'ю', afterYOrI),
      replacing('cht', 'щ', never),
      replacing('st', 'щ', never)
    ]);
  }

  /** transliterate(bulgarianStem(latinToCyrillic(latin))). */
  function latinKey(latin) {
    return transliterate(bulgarianStem(latinToCyrillic(latin)));
  }

  function unique(forms) {
    var seen = Object.create(null);
    var out = [];
    for (var i = 0; i < forms.length; i++) {
      if (!seen[forms[i]]) { seen[forms[i]] = true; out.push(forms[i]); }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Analyzer (SearchAnalyzer.swift)

  /**
   * An analyzer for a page or search box in `language` ('bg' or 'en') with the normalised stop
   * words `stopWords` (an array; the index carries the list the index was built with).
   * Returns {language, indexTerms(text), queryWords(text), queryTerms(text)}:
   * - indexTerms: terms in text order; a Cyrillic word gives its stem and its Latin keys;
   * - queryWords: every word as {word, terms, prefixes, isStopWord};
   * - queryTerms: per word that is not a stop word, its alternative terms (any may match).
   */
  function analyzer(language, stopWords) {
    var lang = String(language || '');
    var isBulgarian = lang.toLowerCase().indexOf('bg') === 0;
    var stops = new Set(stopWords || []);
    var latinStops = new Set();
    stops.forEach(function (w) {
      if (script(w) === 'cyrillic') latinStops.add(transliterate(w));
    });

    function indexTerms(text) {
      var terms = [];
      var ws = words(text);
      for (var i = 0; i < ws.length; i++) {
        var word = ws[i];
        if (stops.has(word)) continue;
        var kind = script(word);
        if (kind === 'cyrillic') {
          var stem = bulgarianStem(word);
          var forms = unique([stem, transliterate(stem), latinKey(transliterate(word))]);
          for (var f = 0; f < forms.length; f++) terms.push(forms[f]);
        } else if (kind === 'latin') {
          terms.push(englishStem(word));
        } else {
          terms.push(word);
        }
      }
      return terms;
    }

    function queryWords(text) {
      return words(text).map(function (word) {
        var kind = script(word);
        var bulgarianLatin = isBulgarian && kind === 'latin';
        var prefixes = bulgarianLatin ? unique([word, transliterate(latinToCyrillic(word))]) : [word];
        if (stops.has(word) || (bulgarianLatin && latinStops.has(word))) {
          return { word: word, terms: [], prefixes: prefixes, isStopWord: true, alternatives: [] };
        }
        var terms, alternatives = [];
        if (kind === 'cyrillic') terms = [bulgarianStem(word)];
        else if (bulgarianLatin) {
          terms = unique([englishStem(word), latinKey(word), latinKey(informalVowels(word))]);
          alternatives = unique(latinReadings(word).map(function (r) { return transliterate(bulgarianStem(r)); }))
            .filter(function (k) { return terms.indexOf(k) < 0; });
        } else if (kind === 'latin') terms = [englishStem(word)];
        else terms = [word];
        return { word: word, terms: terms, prefixes: prefixes, isStopWord: false, alternatives: alternatives };
      });
    }

    function queryTerms(text) {
      return queryWords(text)
        .filter(function (w) { return !w.isStopWord; })
        .map(function (w) { return w.terms; });
    }

    return { language: lang, indexTerms: indexTerms, queryWords: queryWords, queryTerms: queryTerms };
  }

  return {
    normalize: normalize,
    tokenize: tokenize,
    words: words,
    script: script,
    bulgarianStem: bulgarianStem,
    englishStem: englishStem,
    transliterate: transliterate,
    latinToCyrillic: latinToCyrillic,
    latinReadings: latinReadings,
    latinKey: latinKey,
    foldLookalikes: foldLookalikes,
    analyzer: analyzer
  };
});
