'use strict';
// The search engine of themes/default/assets/js/search.js under node:
// 1. unit tests of its pure parts (posting decoding, ranking on a tiny hand-made index, excerpts
//    and their marking, prefix matching of the last word typed);
// 2. the relevance set Tests/search/relevance.json run against the real site's index: prints
//    recall@5 and MRR per query group and requires recall@5 >= 0.9 in every group.
//
// Part 2 needs a built site: VIDIN_SITE=/path/to/site (scripts/test.sh builds one). Without it
// that part is skipped with a message. Run: VIDIN_SITE=/tmp/site node --test Tests/js/
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');
const js = path.join(root, 'themes', 'default', 'assets', 'js');
const Analysis = require(path.join(js, 'search-analysis.js'));
const Search = require(path.join(js, 'search.js'));

const stopWordsFile = JSON.parse(fs.readFileSync(path.join(root, 'Sources', 'SiteKit', 'Search', 'Analysis', 'stopwords.json'), 'utf8'));
const stopWords = stopWordsFile.bg.concat(stopWordsFile.en).map((w) => Analysis.normalize(w));

// ---------------------------------------------------------------------------------------------
// A tiny index built the way SearchIndexBuilder.swift builds one: one document per section, body
// terms with their counts, title (1) and heading (2) flags, gap-encoded postings, and without the
// Latin key of a Cyrillic stem (the engine derives it).

function storedTerms(analyzer, text) {
  const stored = [];
  for (const word of Analysis.words(text)) {
    const forms = analyzer.indexTerms(word);
    if (!forms.length) continue;
    if (Analysis.script(forms[0]) !== 'cyrillic') { stored.push(...forms); continue; }
    const derived = Analysis.transliterate(forms[0]);
    stored.push(...forms.filter((f) => f !== derived));
  }
  return stored;
}

function gaps(postings) {
  const flat = [];
  let previous = 0;
  for (const [doc, value] of [...postings].sort((a, b) => a[0] - b[0])) {
    flat.push(doc - previous, value);
    previous = doc;
  }
  return flat;
}

/** pages: [{title, url, sections: [{heading, id, text}]}] → the index JSON. */
function makeIndex(language, pages) {
  const analyzer = Analysis.analyzer(language, stopWords);
  const json = { version: 1, language, stopWords: [...new Set(stopWords)].sort(), pages: [], docs: [], terms: {}, fields: {} };
  const terms = new Map(), fields = new Map();
  const add = (store, term, doc, value) => {
    if (!store.has(term)) store.set(term, new Map());
    const m = store.get(term);
    m.set(doc, store === fields ? (m.get(doc) || 0) | value : (m.get(doc) || 0) + value);
  };
  pages.forEach((page, p) => {
    json.pages.push([page.title, page.url]);
    const titleTerms = new Set(storedTerms(analyzer, page.title));
    for (const section of page.sections) {
      const doc = json.docs.length;
      json.docs.push([p, section.heading || '', section.id || '', Analysis.words(section.text).length]);
      for (const t of storedTerms(analyzer, section.text)) add(terms, t, doc, 1);
      for (const t of titleTerms) add(fields, t, doc, 1);
      for (const t of storedTerms(analyzer, section.heading || '')) add(fields, t, doc, 2);
    }
  });
  for (const [t, m] of terms) json.terms[t] = gaps(m);
  for (const [t, m] of fields) json.fields[t] = gaps(m);
  return json;
}

const filler = 'Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor. ';

const tinyEnglish = makeIndex('en', [
  { title: 'Funding', url: '/en/funding/', sections: [
    { heading: '', id: '', text: 'How a municipality pays for its plans. ' + filler },
    { heading: 'Budget', id: 'budget', text: 'The council decides each year. ' + filler },
    { heading: 'Grants', id: 'grants', text: 'A budget line for grants and one budget for upkeep: budget, budget. ' + filler },
  ] },
  { title: 'Participation', url: '/en/participation/', sections: [
    { heading: 'Participatory budget', id: 'participatory-budget', text: 'Residents propose projects and vote. ' + filler },
    { heading: 'Meetings', id: 'meetings', text: 'A budget is mentioned once here. ' + filler },
    { heading: 'Voting', id: 'voting', text: 'Residents vote online and on paper in the villages. ' + filler },
  ] },
]);

const tinyBulgarian = makeIndex('bg', [
  { title: 'Наръчник', url: '/narachnik/', sections: [
    { heading: 'Бюджетът', id: 'byudzhetat', text: 'Общината приема бюджета всяка година след обществено обсъждане.' },
    { heading: 'Заседания', id: 'zasedania', text: 'Гражданите следят заседанията на съвета.' },
    { heading: 'Сигнали', id: 'signali', text: 'Жителите подават сигнали за <img src=x onerror=alert(1)> и други проблеми.' },
  ] },
]);

test('decode: gap-encoded postings become {doc: value}', () => {
  assert.deepStrictEqual([...Search.decode([3, 1, 4, 2])], [[3, 1], [7, 2]]);
  assert.deepStrictEqual([...Search.decode([0, 5])], [[0, 5]]);
  assert.deepStrictEqual([...Search.decode([])], []);
});

test('ranking: heading match beats body match, more occurrences beat fewer', () => {
  const engine = Search.engine(tinyEnglish);
  const urls = engine.search('budget', false).results.map((r) => r.url);
  // Heading "Budget" (flag 2) on a section of a page whose body does not say it.
  assert.strictEqual(urls[0], '/en/funding/#budget');
  // Body-only matches: four occurrences rank above one.
  assert.ok(urls.indexOf('/en/funding/#grants') < urls.indexOf('/en/participation/#meetings'), urls.join(' '));
  // Sections without the word are not results at all.
  assert.ok(!urls.includes('/en/participation/#voting'));
  assert.ok(!urls.includes('/en/funding/'));
});

test('ranking: a section with every query word comes before sections with some', () => {
  const engine = Search.engine(tinyEnglish);
  const results = engine.search('participatory budget', false).results;
  assert.strictEqual(results[0].url, '/en/participation/#participatory-budget');
  // Sections with only some of the words (if listed at all) come after it.
  assert.ok(results.slice(1).every((r) => r.score < results[0].score), results.map((r) => r.url).join(' '));
  // A result carries what the page shows.
  assert.strictEqual(results[0].title, 'Participation');
  assert.strictEqual(results[0].heading, 'Participatory budget');
  // With no section holding every word, any word is enough.
  const any = engine.search('council villages', false).results.map((r) => r.url);
  assert.deepStrictEqual(any.slice().sort(), ['/en/funding/#budget', '/en/participation/#voting']);
});

test('ranking: equal scores keep document order; stop words are ignored', () => {
  const twins = Search.engine(makeIndex('en', [
    { title: 'Second', url: '/b/', sections: [{ heading: '', id: '', text: 'Open data for everyone. ' + filler }] },
    { title: 'First', url: '/a/', sections: [{ heading: '', id: '', text: 'Open data for everyone. ' + filler }] },
  ]));
  const tied = twins.search('open data', false).results;
  assert.strictEqual(tied.length, 2);
  assert.strictEqual(tied[0].score, tied[1].score);
  assert.deepStrictEqual(tied.map((r) => r.url), ['/b/', '/a/']);
  const engine = Search.engine(tinyEnglish);
  assert.deepStrictEqual(engine.search('the budget', false).results.map((r) => r.url),
    engine.search('budget', false).results.map((r) => r.url));
  assert.strictEqual(engine.search('the of', false).results.length, 0);
});

test('Bulgarian: inflected forms and Latin typing find the same sections', () => {
  const engine = Search.engine(tinyBulgarian);
  const urls = (q) => engine.search(q, false).results.map((r) => r.url);
  for (const q of ['общините', 'общината', 'община', 'obshtinite', 'obshtina', 'бюджет', 'byudzhet', 'бюджетът']) {
    assert.strictEqual(urls(q)[0], '/narachnik/#byudzhetat', q);
  }
  for (const q of ['гражданите', 'граждани', 'grazhdanite', 'grazhdani', 'заседанията', 'zasedaniya']) {
    assert.strictEqual(urls(q)[0], '/narachnik/#zasedania', q);
  }
  // Stress marks are normalised away at query time.
  assert.strictEqual(urls('общи\u0301ните')[0], '/narachnik/#byudzhetat');
  // The Latin key of a Cyrillic stem is not stored; the engine derives it.
  assert.ok(!('obshtin' in tinyBulgarian.terms) && ('общин' in tinyBulgarian.terms));
});

test('prefix matching: only the last word, only while typing', () => {
  const engine = Search.engine(tinyBulgarian);
  const urls = (q, typing) => engine.search(q, typing).results.map((r) => r.url);
  assert.deepStrictEqual(urls('засе', false), []);
  assert.strictEqual(urls('засе', true)[0], '/narachnik/#zasedania');
  assert.strictEqual(urls('zased', true)[0], '/narachnik/#zasedania');
  assert.strictEqual(urls('grazhd', true)[0], '/narachnik/#zasedania');
  assert.strictEqual(urls('obsht', true)[0], '/narachnik/#byudzhetat');
  // A stop word as the last word still prefix-matches while typing ("за" → "заседания").
  assert.strictEqual(urls('за', true)[0], '/narachnik/#zasedania');
  // Prefixes shorter than two letters match nothing.
  assert.deepStrictEqual(urls('з', true), []);
  // An earlier incomplete word does not prefix-match.
  assert.ok(!urls('засе общината', true).includes('/narachnik/#zasedania'));
  // English prefix.
  const en = Search.engine(tinyEnglish);
  assert.ok(en.search('partic', true).results.some((r) => r.url === '/en/participation/#participatory-budget'));
  assert.strictEqual(en.search('partic', false).results.length, 0);
});

test('excerpt: matched words are marked, markup stays text', () => {
  const engine = Search.engine(tinyBulgarian);
  const body = 'Общината приема бюджета всяка година след обществено обсъждане.';
  const found = engine.search('общините', false);
  const pieces = engine.excerpt(body, found.terms);
  assert.strictEqual(pieces.map((p) => p.text).join(''), body);
  assert.deepStrictEqual(pieces.filter((p) => p.mark).map((p) => p.text), ['Общината']);
  // Latin typing marks the Cyrillic word.
  const latin = engine.search('obshtinata', false);
  assert.deepStrictEqual(engine.excerpt(body, latin.terms).filter((p) => p.mark).map((p) => p.text), ['Общината']);
  // A prefix match while typing marks the word too.
  const typed = engine.search('обсъжд', true);
  assert.deepStrictEqual(engine.excerpt(body, typed.terms).filter((p) => p.mark).map((p) => p.text), ['обсъждане']);
  // Markup in indexed text comes back as plain text pieces (the page inserts them with textContent).
  const text = 'Жителите подават сигнали за <img src=x onerror=alert(1)> и други проблеми.';
  const signal = engine.search('сигнали', false);
  assert.strictEqual(signal.results[0].url, '/narachnik/#signali');
  const marked = engine.excerpt(text, signal.terms);
  assert.strictEqual(marked.map((p) => p.text).join(''), text);
  assert.deepStrictEqual(marked.filter((p) => p.mark).map((p) => p.text), ['сигнали']);
});

test('excerpt: a window around the first match in a long text', () => {
  const engine = Search.engine(tinyEnglish);
  const words = [];
  for (let i = 0; i < 100; i++) words.push('word' + i);
  words[60] = 'budget';
  const pieces = engine.excerpt(words.join(' ') + '.', engine.search('budget', false).terms, 12);
  assert.strictEqual(pieces[0].text, '… ');
  const text = pieces.map((p) => p.text).join('');
  assert.ok(text.includes('budget'));
  assert.ok(text.endsWith(' …'), JSON.stringify(text));
  assert.ok(!text.includes('word10 '), text);
  assert.strictEqual(pieces.filter((p) => p.mark).length, 1);
  // Text with no match starts at the beginning.
  assert.ok(engine.excerpt('nothing here at all', new Set(['budget'])).map((p) => p.text).join('').startsWith('nothing'));
});

// ---------------------------------------------------------------------------------------------
// The relevance set against the real index.

/**
 * The relevance set and its scoring (the same rules as Tests/browser/test_search.py and
 * scripts/compare-pagefind.py): a result is a hit when its URL equals an expected URL, or starts
 * with an expected URL that ends in "/" (a whole page). recall@5: share of queries with a hit in
 * the first 5 results. MRR: mean of 1/rank of the first hit in the first 10 (0 when none).
 */
const relevance = {
  load() {
    return JSON.parse(fs.readFileSync(path.join(root, 'Tests', 'search', 'relevance.json'), 'utf8'));
  },
  /** The index the search page of `lang` loads: its form's data-index, relative to the site. */
  indexPath(siteDir, lang) {
    const page = path.join(siteDir, lang === 'bg' ? '' : lang, 'search', 'index.html');
    const match = /data-index="([^"]+)"/.exec(fs.readFileSync(page, 'utf8'));
    assert.ok(match, 'no data-index on ' + page);
    return path.join(siteDir, match[1].replace(/^\//, ''));
  },
  isHit(url, expect) {
    return expect.some((e) => url === e || (e.endsWith('/') && url.startsWith(e)));
  },
  /** runs: [{entry, urls}] → {groups: {name: {count, recall5, mrr, misses}}}. */
  score(runs) {
    const groups = {};
    for (const { entry, urls } of runs) {
      const g = groups[entry.group] || (groups[entry.group] = { count: 0, hits5: 0, rr: 0, misses: [] });
      const rank = urls.slice(0, 10).findIndex((u) => relevance.isHit(u, entry.expect)) + 1;
      g.count += 1;
      if (rank >= 1 && rank <= 5) g.hits5 += 1;
      else g.misses.push({ q: entry.q, rank, top: urls.slice(0, 5) });
      if (rank >= 1) g.rr += 1 / rank;
    }
    for (const g of Object.values(groups)) { g.recall5 = g.hits5 / g.count; g.mrr = g.rr / g.count; }
    return { groups };
  },
  format(report, title) {
    const lines = [title, 'group      queries  recall@5  MRR@10'];
    for (const [name, g] of Object.entries(report.groups)) {
      lines.push(name.padEnd(10) + String(g.count).padStart(8) + g.recall5.toFixed(3).padStart(10) + g.mrr.toFixed(3).padStart(8));
      for (const m of g.misses) lines.push('  miss: "' + m.q + '" first hit at ' + (m.rank || '>10') + '; top 5: ' + m.top.join(' '));
    }
    return lines.join('\n');
  },
};

const site = process.env.VIDIN_SITE;
const skip = site ? false : 'VIDIN_SITE is not set: build the site (vidin build --output DIR) and run with VIDIN_SITE=DIR; scripts/test.sh does this';

test('relevance set: recall@5 >= 0.9 per group on the built site', { skip }, () => {
  const engines = {};
  const docURLs = new Set();
  for (const lang of ['bg', 'en']) {
    const json = JSON.parse(fs.readFileSync(relevance.indexPath(site, lang), 'utf8'));
    engines[lang] = Search.engine(json);
    json.docs.forEach((d) => docURLs.add(json.pages[d[0]][1] + (d[2] ? '#' + d[2] : '')));
  }
  const set = relevance.load();
  // Every expected target exists on the site (a stale anchor would make a query unanswerable).
  for (const entry of set.queries) {
    for (const url of entry.expect) {
      const exists = url.endsWith('/') ? [...docURLs].some((u) => u.startsWith(url)) : docURLs.has(url);
      assert.ok(exists, 'expected target not on the site: ' + url + ' (query "' + entry.q + '")');
    }
  }
  const runs = set.queries.map((entry) => ({
    entry,
    urls: engines[entry.lang].search(entry.q, false).results.slice(0, 10).map((r) => r.url),
  }));
  const report = relevance.score(runs);
  console.log(relevance.format(report, 'vidin search (node, search.js engine)'));
  for (const group of Object.keys(report.groups)) {
    const g = report.groups[group];
    assert.ok(g.count >= 12, group + ' has only ' + g.count + ' queries');
    assert.ok(g.recall5 >= 0.9, group + ': recall@5 ' + g.recall5.toFixed(3) + ' < 0.9; misses:\n' +
      g.misses.map((m) => '  ' + m.q + ' → ' + m.top.join(' ')).join('\n'));
  }
});
