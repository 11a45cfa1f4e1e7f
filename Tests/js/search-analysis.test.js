'use strict';
// The browser side of the search analysis against the vectors that SearchAnalysisTests.swift
// checks the Swift side with. Run: node --test Tests/js/
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');
const A = require(path.join(root, 'themes', 'default', 'assets', 'js', 'search-analysis.js'));
const vectors = JSON.parse(fs.readFileSync(path.join(root, 'Tests', 'SiteKitTests', 'Fixtures', 'analysis-vectors.json'), 'utf8'));
const stopWordsFile = JSON.parse(fs.readFileSync(path.join(root, 'Sources', 'SiteKit', 'Search', 'Analysis', 'stopwords.json'), 'utf8'));
// The Swift side's StopWords.forLanguage: both lists, whatever the language.
const stopWords = stopWordsFile.bg.concat(stopWordsFile.en);

function visible(text) {
  return Array.from(text).map((c) => {
    const cp = c.codePointAt(0);
    return cp >= 0x20 && cp < 0x7f ? c : '\\u{' + cp.toString(16) + '}';
  }).join('');
}

function each(name, list, check) {
  test(name + ' (' + list.length + ' vectors)', () => {
    for (const vector of list) check(vector);
  });
}

test('vectors are complete', () => {
  const total = Object.keys(vectors).filter((k) => Array.isArray(vectors[k]))
    .reduce((sum, k) => sum + vectors[k].length, 0);
  assert.ok(total >= 150, 'total ' + total);
  assert.ok(vectors.enStem.length >= 60);
});

each('normalize', vectors.normalize, (v) => {
  assert.strictEqual(A.normalize(v.in), v.out, 'normalize(' + visible(v.in) + ')');
});

each('words', vectors.words, (v) => {
  assert.deepStrictEqual(A.words(v.in), v.out, 'words(' + visible(v.in) + ')');
});

each('bgStem', vectors.bgStem, (v) => {
  assert.strictEqual(A.bulgarianStem(v.in), v.out, 'bgStem(' + v.in + ')');
});

each('enStem', vectors.enStem, (v) => {
  assert.strictEqual(A.englishStem(v.in), v.out, 'enStem(' + v.in + ')');
});

each('translit', vectors.translit, (v) => {
  assert.strictEqual(A.transliterate(v.in), v.out, 'translit(' + v.in + ')');
});

each('latinToCyrillic', vectors.latinToCyrillic, (v) => {
  assert.strictEqual(A.latinToCyrillic(v.in), v.out, 'latinToCyrillic(' + v.in + ')');
});

each('latinReadings', vectors.latinReadings, (v) => {
  assert.deepStrictEqual(A.latinReadings(v.in), v.out, 'latinReadings(' + v.in + ')');
});

each('latinKey', vectors.latinKey, (v) => {
  assert.strictEqual(A.latinKey(v.in), v.out, 'latinKey(' + v.in + ')');
});

each('indexTerms', vectors.indexTerms, (v) => {
  assert.deepStrictEqual(A.analyzer(v.lang, stopWords).indexTerms(v.text), v.terms,
    'indexTerms(' + v.lang + ', ' + visible(v.text) + ')');
});

each('queryTerms', vectors.queryTerms, (v) => {
  assert.deepStrictEqual(A.analyzer(v.lang, stopWords).queryTerms(v.text), v.terms,
    'queryTerms(' + v.lang + ', ' + visible(v.text) + ')');
});

each('queryWords', vectors.queryWords, (v) => {
  assert.deepStrictEqual(A.analyzer(v.lang, stopWords).queryWords(v.text), v.words,
    'queryWords(' + v.lang + ', ' + visible(v.text) + ')');
});

// A query matches a document when every query word that is not a stop word has one of its
// alternative terms among the document's index terms.
each('searches', vectors.searches, (v) => {
  const analyzer = A.analyzer(v.lang, stopWords);
  const terms = new Set(analyzer.indexTerms(v.document));
  const query = analyzer.queryTerms(v.query);
  const matches = query.length > 0 && query.every((alternatives) => alternatives.some((t) => terms.has(t)));
  assert.strictEqual(matches, v.matches, v.lang + ': ' + v.query + ' in ' + v.document);
});

test('a classic script that defines the browser global', () => {
  const vm = require('node:vm');
  const source = fs.readFileSync(path.join(root, 'themes', 'default', 'assets', 'js', 'search-analysis.js'), 'utf8');
  const context = { window: {} };
  context.globalThis = context;
  vm.createContext(context);
  vm.runInContext(source, context);
  assert.strictEqual(typeof context.VidinSearchAnalysis.analyzer, 'function');
  assert.deepStrictEqual(Array.from(context.VidinSearchAnalysis.words('София-юг'), String), ['софия', 'юг']);
});
