'use strict';
// The search engine of themes/default/assets/js/search.js under node:
// 1. unit tests on tiny hand-made indexes in the built format (chunk loading, ranking, results by
//    page, all words first, questions, chat-Latin readings, typos, prefixes, excerpts);
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
// Tiny indexes built the way SearchIndexBuilder.swift builds one: a root, term chunks by sort key
// (closed after `chunkBytes` bytes of JSON; small here, so that even tiny indexes have several)
// and text chunks of whole pages; postings [doc gap, 4 × BM25 weight + flags].

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

/** pages: [{title, url, sections: [{heading, id, text}]}] → {root, files: {path: json}}. */
function makeIndex(language, pages, chunkBytes = 200) {
  const analyzer = Analysis.analyzer(language, stopWords);
  const docs = [];
  pages.forEach((page, p) => {
    const titleTerms = new Set(storedTerms(analyzer, page.title));
    for (const section of page.sections) {
      const entry = new Map();
      const get = (t) => entry.get(t) || entry.set(t, { tf: 0, flags: 0 }).get(t);
      for (const t of storedTerms(analyzer, section.text)) get(t).tf += 1;
      for (const t of titleTerms) get(t).flags |= 1;
      for (const t of storedTerms(analyzer, section.heading || '')) get(t).flags |= 2;
      docs.push({ entry, length: Analysis.words(section.text).length });
    }
  });
  const average = Math.max(1, docs.reduce((s, d) => s + d.length, 0) / (docs.length || 1));
  const postings = new Map();
  docs.forEach((d, doc) => {
    const norm = 1.2 * (1 - 0.75 + 0.75 * d.length / average);
    for (const [term, v] of d.entry) {
      const q = v.tf ? Math.max(1, Math.round(10 * v.tf * 2.2 / (v.tf + norm))) : 0;
      if (!postings.has(term)) postings.set(term, []);
      postings.get(term).push(doc, 4 * q + v.flags);
    }
  });
  const files = {};
  const termChunks = [];
  const sorted = [...postings.keys()].map((t) => [Search.sortKey(t), t]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : 1));
  let chunk = null, size = 0, previous = null;
  for (const [key, term] of sorted) {
    if (chunk && size >= chunkBytes && key !== previous) chunk = null;
    if (!chunk) { chunk = {}; size = 0; files['terms/' + termChunks.length + '.json'] = chunk; termChunks.push(termChunks.length ? key : ''); }
    const flat = postings.get(term), gaps = [];
    for (let i = 0, last = 0; i < flat.length; i += 2) { gaps.push(flat[i] - last, flat[i + 1]); last = flat[i]; }
    chunk[term] = gaps;
    size += JSON.stringify(term).length + JSON.stringify(gaps).length + 2;
    previous = key;
  }
  if (!termChunks.length) { files['terms/0.json'] = {}; termChunks.push(''); }
  files['text/0.json'] = pages.map((page) => [page.title, page.url, page.sections.map((s) => [s.heading || '', s.id || '', s.text])]);
  const root = { version: 2, language, stopWords: [...new Set(stopWords)].sort(), sections: pages.map((p) => p.sections.length), termChunks, textChunks: [0] };
  return { root, files };
}

/** Opens a made index; `loads` lists the files the engine asked for. */
function openIndex(made) {
  const loads = [];
  const load = (p) => { loads.push(p); return p in made.files ? Promise.resolve(made.files[p]) : Promise.reject(new Error('no ' + p)); };
  const index = Search.open(made.root, load);
  index.loads = loads;
  return index;
}

/** The entries a visitor sees: per page, its URL and its shown sections' URLs. */
async function entries(index, query, typing = false) {
  const found = await index.search(query, typing);
  const out = [];
  for (const p of found.pages) {
    const page = await index.describe(p.page, p.docs.slice(0, 3));
    out.push([page.url].concat(page.sections.map((s) => s.url)));
  }
  return out;
}

/** The first section URL of each page result. */
async function firsts(index, query, typing = false) {
  return (await entries(index, query, typing)).map((e) => e[1]);
}

const filler = 'Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor. ';

const tinyEnglish = () => makeIndex('en', [
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
  { title: 'Mentions', url: '/en/mentions/', sections: [
    { heading: 'Aside', id: 'aside', text: 'The budget once, in passing, among many other words about something else. ' + filler + filler },
  ] },
]);

const tinyBulgarian = () => makeIndex('bg', [
  { title: 'Наръчник', url: '/narachnik/', sections: [
    { heading: 'Бюджетът', id: 'byudzhetat', text: 'Общината приема бюджета всяка година след обществено обсъждане.' },
    { heading: 'Заседания', id: 'zasedania', text: 'Гражданите следят заседанията на съвета.' },
    { heading: 'Сигнали', id: 'signali', text: 'Жителите подават сигнали за <img src=x onerror=alert(1)> и други проблеми.' },
  ] },
  { title: 'Достъпност', url: '/dostapnost/', sections: [
    { heading: '', id: '', text: 'Достъпността на сайта и съвместимостта с четците на екран. Стратегията на общината.' },
    { heading: 'Цифрова стратегия', id: 'strategia', text: 'Стратегията описва целите.' },
  ] },
]);

test('a one-word query loads the root and one term chunk; texts only for the pages shown', async () => {
  const made = tinyBulgarian();
  assert.ok(made.root.termChunks.length >= 3, 'the tiny index should have several chunks: ' + made.root.termChunks);
  const index = openIndex(made);
  const found = await index.search('заседанията', false);
  assert.deepStrictEqual(index.loads, ['terms/' + index.loads[0].split('/')[1]]);
  assert.strictEqual(found.pages.length, 1);
  await index.describe(found.pages[0].page, found.pages[0].docs);
  assert.deepStrictEqual(index.loads.slice(1), ['text/0.json']);
});

test('ranking: heading match beats body match, more occurrences beat fewer', async () => {
  const index = openIndex(tinyEnglish());
  const list = await entries(index, 'budget');
  // Heading "Budget" (flag 2) on a section of a page whose body does not say it.
  assert.strictEqual(list[0][1], '/en/funding/#budget');
  // Within a page, sections best first: four occurrences before none in the body.
  assert.deepStrictEqual(list[0].slice(1), ['/en/funding/#budget', '/en/funding/#grants']);
  // Sections without the word are not shown.
  assert.ok(!list.flat().includes('/en/participation/#voting'));
  // One entry per page.
  assert.deepStrictEqual(list.map((e) => e[0]), ['/en/funding/', '/en/participation/', '/en/mentions/']);
});

test('ranking: pages with every word first; with none, some words under a note', async () => {
  const index = openIndex(tinyEnglish());
  const found = await index.search('participatory budget', false);
  assert.strictEqual(found.partial, false);
  assert.deepStrictEqual(found.missing, []);
  // Only the page with both words; pages with "budget" alone are not listed.
  const list = await entries(index, 'participatory budget');
  assert.deepStrictEqual(list.map((e) => e[0]), ['/en/participation/']);
  assert.strictEqual(list[0][1], '/en/participation/#participatory-budget');
  // No page has both: every page with either, and the result says so.
  const some = await index.search('council villages', false);
  assert.strictEqual(some.partial, true);
  assert.deepStrictEqual(some.missing, []);
  assert.strictEqual(some.pages.length, 2);
  // A word found nowhere (not even one edit away) is reported; the others still give results.
  const missing = await index.search('blockchain budget', false);
  assert.deepStrictEqual(missing.missing, ['blockchain']);
  assert.strictEqual(missing.partial, true);
  assert.strictEqual(missing.pages.length, 3);
});

test('ranking: equal scores keep page order; stop words are ignored', async () => {
  const twins = openIndex(makeIndex('en', [
    { title: 'Second', url: '/b/', sections: [{ heading: '', id: '', text: 'Open data for everyone. ' + filler }] },
    { title: 'First', url: '/a/', sections: [{ heading: '', id: '', text: 'Open data for everyone. ' + filler }] },
  ]));
  const tied = await twins.search('open data', false);
  assert.strictEqual(tied.pages.length, 2);
  assert.strictEqual(tied.pages[0].score, tied.pages[1].score);
  assert.deepStrictEqual(await firsts(twins, 'open data'), ['/b/', '/a/']);
  const index = openIndex(tinyEnglish());
  assert.deepStrictEqual(await firsts(index, 'the budget'), await firsts(index, 'budget'));
  assert.strictEqual((await index.search('the of', false)).pages.length, 0);
});

test('questions: question words and the verb after „да“ weigh little and are not required', async () => {
  const index = openIndex(tinyBulgarian());
  // „направим“ is in no page: it is neither required nor reported missing.
  const found = await index.search('как да направим стратегия', false);
  assert.deepStrictEqual(found.missing, []);
  assert.strictEqual(found.partial, false);
  assert.strictEqual((await firsts(index, 'как да направим стратегия'))[0], '/dostapnost/#strategia');
  const where = await index.search('къде е стратегията', false);
  assert.strictEqual(where.pages.length, 1);
});

test('Bulgarian: inflected forms and Latin typing find the same sections, across chunks', async () => {
  const index = openIndex(tinyBulgarian());
  for (const q of ['общините', 'общината', 'община', 'obshtinite', 'obshtina', 'бюджет', 'byudzhet', 'бюджетът']) {
    assert.strictEqual((await firsts(index, q))[0], '/narachnik/#byudzhetat', q);
  }
  for (const q of ['гражданите', 'граждани', 'grazhdanite', 'grazhdani', 'заседанията', 'zasedaniya']) {
    assert.strictEqual((await firsts(index, q))[0], '/narachnik/#zasedania', q);
  }
  // Stress marks are normalised away at query time.
  assert.strictEqual((await firsts(index, 'общи\u0301ните'))[0], '/narachnik/#byudzhetat');
  // The Latin key of a Cyrillic stem is not stored; the engine derives it from the chunk the
  // sort key leads to.
  const all = Object.assign({}, ...Object.entries(tinyBulgarian().files).filter(([p]) => p.startsWith('terms/')).map(([, j]) => j));
  assert.ok(!('obshtin' in all) && ('общин' in all));
});

test('chat-Latin spellings are tried in order, only when the usual reading finds nothing', async () => {
  const index = openIndex(tinyBulgarian());
  for (const [q, url] of [['dostupnost', '/dostapnost/'], ['syvmestimost', '/dostapnost/'], ['budjet', '/narachnik/#byudzhetat'],
    ['ob6tinata', '/narachnik/#byudzhetat'], ['obchtinata', '/narachnik/#byudzhetat'], ['obstinata', '/narachnik/#byudzhetat'],
    ['grajdanite', '/narachnik/#zasedania'], ['4etcite', '/dostapnost/']]) {
    assert.strictEqual((await firsts(index, q))[0], url, q);
  }
  const found = await index.search('dostupnost', false);
  assert.strictEqual(found.words[0].status, 'alternative');
  assert.strictEqual((await index.search('strategia', false)).words[0].status, 'found');
});

test('typos: one edit away (two for long words), below exact matches, with the spelling used', async () => {
  const index = openIndex(tinyBulgarian());
  for (const [q, url] of [['стратения', '/dostapnost/#strategia'], ['заседнията', '/narachnik/#zasedania'], ['бюджт', '/narachnik/#byudzhetat']]) {
    const found = await index.search(q, false);
    assert.strictEqual(found.words[0].status, 'typo', q);
    assert.strictEqual(found.corrected, true, q);
    assert.ok(found.words[0].spelling && found.words[0].spelling !== q, q);
    assert.strictEqual((await firsts(index, q))[0], url, q);
  }
  assert.strictEqual((await index.search('стратения', false)).words[0].spelling, 'стратегия');
  // A Latin e in a Cyrillic word is folded by the analysis: no typo at all.
  assert.strictEqual((await index.search('общинитe', false)).words[0].status, 'found');
  // Two edits for a word of eight letters or more; one for shorter words; none under four.
  assert.ok((await index.search('засдеанията', false)).pages.length > 0);
  assert.strictEqual((await index.search('бжта', false)).pages.length, 0);
  assert.strictEqual((await index.search('сът', false)).pages.length, 0);
  // A typo weighs less than the exact word in the same query.
  const en = openIndex(tinyEnglish());
  const mixed = await en.search('budgett villages', false);
  assert.strictEqual(mixed.words[0].status, 'typo');
  const exact = await en.search('budget villages', false);
  assert.ok(mixed.pages[0].score < exact.pages[0].score);
  // English: a missing letter.
  assert.strictEqual((await firsts(en, 'partcipatory'))[0], '/en/participation/#participatory-budget');
});

test('no result: the nearest spelling (three edits at most), as written in the text', async () => {
  const index = openIndex(tinyBulgarian());
  const found = await index.search('засдиянии', false);
  assert.strictEqual(found.pages.length, 0);
  assert.deepStrictEqual(found.missing, ['засдиянии']);
  assert.strictEqual(await index.suggest('засдиянии'), 'заседанията');
  assert.strictEqual(await index.suggest('ззззззз'), null);
});

test('a word\'s family (the same first 7 letters) counts as the word, weighing less', async () => {
  const index = openIndex(makeIndex('bg', [
    { title: 'Стратегия за дигитален преход', url: '/strategia/', sections: [{ heading: '', id: '', text: 'Как общината пише стратегията си.' }] },
    { title: 'Дигитализация', url: '/digitalizatsia/', sections: [{ heading: '', id: '', text: 'Дигитализация на процесите и стратегия.' }] },
    { title: 'Друго', url: '/drugo/', sections: [{ heading: '', id: '', text: 'Стратегия без думата.' }] },
  ]));
  const found = await index.search('стратегия за дигитализация', false);
  // „дигитален“ (stem дигиталн) is of the family of „дигитализация“ (дигитализац): the strategy
  // page holds every word; the page with neither form of the second word is left out.
  const urls = (await entries(index, 'стратегия за дигитализация')).map((e) => e[0]);
  assert.deepStrictEqual(urls, ['/digitalizatsia/', '/strategia/']);
  assert.strictEqual(found.partial, false);
});

test('prefix matching: only the last word, only while typing', async () => {
  const index = openIndex(tinyBulgarian());
  assert.deepStrictEqual(await firsts(index, 'засе', false), []);
  assert.strictEqual((await firsts(index, 'засе', true))[0], '/narachnik/#zasedania');
  assert.strictEqual((await firsts(index, 'zased', true))[0], '/narachnik/#zasedania');
  assert.strictEqual((await firsts(index, 'grazhd', true))[0], '/narachnik/#zasedania');
  assert.strictEqual((await firsts(index, 'obsht', true))[0], '/narachnik/#byudzhetat');
  // A stop word as the last word still prefix-matches while typing ("за" → "заседания").
  assert.strictEqual((await firsts(index, 'за', true))[0], '/narachnik/#zasedania');
  // Prefixes shorter than two letters match nothing.
  assert.deepStrictEqual(await firsts(index, 'з', true), []);
  // An earlier incomplete word does not prefix-match.
  assert.ok(!(await firsts(index, 'засе общината', true)).includes('/narachnik/#zasedania'));
  // English prefix.
  const en = openIndex(tinyEnglish());
  assert.ok((await firsts(en, 'partic', true)).includes('/en/participation/#participatory-budget'));
  assert.strictEqual((await en.search('partic', false)).pages.length, 0);
});

test('excerpt: matched words are marked, markup stays text', async () => {
  const index = openIndex(tinyBulgarian());
  const body = 'Общината приема бюджета всяка година след обществено обсъждане.';
  const found = await index.search('общините', false);
  const pieces = index.excerpt(body, found.highlight);
  assert.strictEqual(pieces.map((p) => p.text).join(''), body);
  assert.deepStrictEqual(pieces.filter((p) => p.mark).map((p) => p.text), ['Общината']);
  // Latin typing marks the Cyrillic word.
  const latin = await index.search('obshtinata', false);
  assert.deepStrictEqual(index.excerpt(body, latin.highlight).filter((p) => p.mark).map((p) => p.text), ['Общината']);
  // A prefix match while typing marks the word too.
  const typed = await index.search('обсъжд', true);
  assert.deepStrictEqual(index.excerpt(body, typed.highlight).filter((p) => p.mark).map((p) => p.text), ['обсъждане']);
  // Markup in indexed text comes back as plain text pieces (the page inserts them with textContent).
  const text = 'Жителите подават сигнали за <img src=x onerror=alert(1)> и други проблеми.';
  const signal = await index.search('сигнали', false);
  assert.strictEqual((await firsts(index, 'сигнали'))[0], '/narachnik/#signali');
  const marked = index.excerpt(text, signal.highlight);
  assert.strictEqual(marked.map((p) => p.text).join(''), text);
  assert.deepStrictEqual(marked.filter((p) => p.mark).map((p) => p.text), ['сигнали']);
});

test('excerpt: a window around the first match in a long text', async () => {
  const index = openIndex(tinyEnglish());
  const words = [];
  for (let i = 0; i < 100; i++) words.push('word' + i);
  words[60] = 'budget';
  const pieces = index.excerpt(words.join(' ') + '.', (await index.search('budget', false)).highlight, 12);
  assert.strictEqual(pieces[0].text, '… ');
  const text = pieces.map((p) => p.text).join('');
  assert.ok(text.includes('budget'));
  assert.ok(text.endsWith(' …'), JSON.stringify(text));
  assert.ok(!text.includes('word10 '), text);
  assert.strictEqual(pieces.filter((p) => p.mark).length, 1);
  // Text with no match starts at the beginning.
  assert.ok(index.excerpt('nothing here at all', new Set(['budget'])).map((p) => p.text).join('').startsWith('nothing'));
});

test('hostile queries: a pasted paragraph counts its first 12 words; a huge word is not corrected; a failed chunk is fetched again', async () => {
  const index = openIndex(tinyBulgarian());
  const many = Array.from({ length: 500 }, (_, i) => 'несъществуващадума' + i).join(' ') + ' бюджет';
  const found = await index.search(many, false);
  assert.strictEqual(found.words.length, 12, 'only the first words count');
  const huge = await index.search('щ'.repeat(5000), false);
  assert.deepStrictEqual(huge.words.map((w) => w.status), ['missing']);
  // A chunk that fails to load is not cached as failed.
  const made = tinyBulgarian();
  let fail = true;
  const flaky = Search.open(made.root, (p) => (fail && p.startsWith('terms/')) ? Promise.reject(new Error('offline')) : Promise.resolve(made.files[p]));
  await assert.rejects(flaky.search('бюджет', false));
  fail = false;
  assert.ok((await flaky.search('бюджет', false)).pages.length > 0);
});

test('edits and distance', () => {
  const e = Search.edits('дани');
  assert.ok(e.includes('данни') && e.includes('дан') && e.includes('дни') && e.includes('дина') === false);
  assert.ok(e.every((w) => w.startsWith('д')), 'the first letter is kept');
  assert.strictEqual(Search.distance(Array.from('стратн'), Array.from('стратег'), 2), 2);
  assert.strictEqual(Search.distance(Array.from('abcd'), Array.from('abdc'), 2), 1);
  assert.strictEqual(Search.distance(Array.from('kitten'), Array.from('sitting'), 2), 3);
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
  /** A result (a page: its URL and its shown sections' URLs) hits when one of its URLs does. */
  resultHits(result, expect) {
    return [].concat(result).some((u) => relevance.isHit(u, expect));
  },
  /** runs: [{entry, urls: [result…]}] → {groups: {name: {count, recall5, mrr, misses}}, mrr}. */
  score(runs) {
    const groups = {};
    let rr = 0;
    for (const { entry, urls } of runs) {
      const g = groups[entry.group] || (groups[entry.group] = { count: 0, hits5: 0, rr: 0, misses: [] });
      const rank = urls.slice(0, 10).findIndex((u) => relevance.resultHits(u, entry.expect)) + 1;
      g.count += 1;
      if (rank >= 1 && rank <= 5) g.hits5 += 1;
      else g.misses.push({ q: entry.q, rank, top: urls.slice(0, 5).map((u) => [].concat(u)[1] || [].concat(u)[0]) });
      if (rank >= 1) { g.rr += 1 / rank; rr += 1 / rank; }
    }
    for (const g of Object.values(groups)) { g.recall5 = g.hits5 / g.count; g.mrr = g.rr / g.count; }
    return { groups, mrr: runs.length ? rr / runs.length : 0 };
  },
  format(report, title) {
    const lines = [title, 'group      queries  recall@5  MRR@10'];
    for (const [name, g] of Object.entries(report.groups)) {
      lines.push(name.padEnd(10) + String(g.count).padStart(8) + g.recall5.toFixed(3).padStart(10) + g.mrr.toFixed(3).padStart(8));
      for (const m of g.misses) lines.push('  miss: "' + m.q + '" first hit at ' + (m.rank || '>10') + '; top 5: ' + m.top.join(' '));
    }
    lines.push('all'.padEnd(10) + String(Object.values(report.groups).reduce((n, g) => n + g.count, 0)).padStart(8) + ''.padStart(10) + report.mrr.toFixed(3).padStart(8));
    return lines.join('\n');
  },
};

const site = process.env.VIDIN_SITE;
const skip = site ? false : 'VIDIN_SITE is not set: build the site (vidin build --output DIR) and run with VIDIN_SITE=DIR; scripts/test.sh does this';

test('relevance set: recall@5 >= 0.9 per group and MRR@10 >= 0.85 overall on the built site', { skip }, async () => {
  const indexes = {};
  const sectionURLs = new Set();
  for (const lang of ['bg', 'en']) {
    const dir = path.dirname(relevance.indexPath(site, lang));
    const load = (p) => Promise.resolve(JSON.parse(fs.readFileSync(path.join(dir, p), 'utf8')));
    indexes[lang] = Search.open(await load('index.json'), load);
    for (const file of fs.readdirSync(path.join(dir, 'text'))) {
      for (const [, url, sections] of await load('text/' + file)) sections.forEach((s) => sectionURLs.add(url + (s[1] ? '#' + s[1] : '')));
    }
  }
  const set = relevance.load();
  // Every expected target exists on the site (a stale anchor would make a query unanswerable).
  for (const entry of set.queries) {
    for (const url of entry.expect) {
      const exists = url.endsWith('/') ? [...sectionURLs].some((u) => u.startsWith(url)) : sectionURLs.has(url);
      assert.ok(exists, 'expected target not on the site: ' + url + ' (query "' + entry.q + '")');
    }
  }
  const runs = [];
  for (const entry of set.queries) {
    const list = await entries(indexes[entry.lang], entry.q);
    runs.push({ entry, urls: list.slice(0, 10) });
  }
  const report = relevance.score(runs);
  console.log(relevance.format(report, 'vidin search (node, search.js engine)'));
  for (const group of Object.keys(report.groups)) {
    const g = report.groups[group];
    assert.ok(g.count >= 12, group + ' has only ' + g.count + ' queries');
    assert.ok(g.recall5 >= 0.9, group + ': recall@5 ' + g.recall5.toFixed(3) + ' < 0.9; misses:\n' +
      g.misses.map((m) => '  ' + m.q + ' → ' + m.top.join(' ')).join('\n'));
  }
  assert.ok(report.mrr >= 0.85, 'MRR@10 ' + report.mrr.toFixed(3) + ' < 0.85');
});
