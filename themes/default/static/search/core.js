// Folio search: the DOM-free core. Loads the prebuilt index (a manifest, then only the term shards a query needs
// and the records of the results it shows, each fetched once) and answers queries with ranked results and highlighted excerpts.
// Runs in the browser and in Node: pass any `fetch`. The file format is described in content/docs/search.md.

import { analyze } from "./analysis.js";
import { closestWord, editDistance, excerpt, highlight } from "./text.js";

export { editDistance, excerpt, highlight };

export const FORMAT_VERSION = 3;

/** How much a query word's form counts: the word as written over a guessed reduction or a completion. */
const SURFACE_WEIGHT = 1;
const REDUCED_WEIGHT = 0.5;
const PREFIX_WEIGHT = 0.6;
/** At most this many index terms complete the word being typed, and from at most this many shards. */
const MAX_COMPLETIONS = 40;
const MAX_PREFIX_SHARDS = 2;
/** Term-frequency saturation: a term's weighted count s counts as s / (s + K). */
const SATURATION = 12;
/** A mapped word the site never wrote is looked up by its longest prefix that is a stem, at most this much shorter
 * (Spanish -aciones, French -issements). */
const MAX_STRIPPED = 8;
/** Languages whose compounds are found by the stem of their first part (German `Rechnung` → `Rechnungsadresse`). */
const COMPOUNDING = new Set(["de"]);

export class SearchIndex {
  /**
   * Loads the manifest of `lang` from `base` (the URL of the /search/ folder, ending in "/").
   * `fetch` defaults to the global one; it only needs `(url) → Promise<{ok, status, json()}>`.
   */
  static async load(base, lang, { fetch: fetchFn = (url) => globalThis.fetch(url) } = {}) {
    const index = new SearchIndex(base, fetchFn);
    index.manifest = await index.fetchJson(`index-${lang}.json`);
    if (index.manifest.format !== FORMAT_VERSION) {
      throw new Error(`search index format ${index.manifest.format}, expected ${FORMAT_VERSION}: rebuild the site`);
    }
    return index;
  }

  constructor(base, fetchFn) {
    this.base = base;
    this.fetchFn = fetchFn;
    this.files = new Map();
    /** Shards decoded so far, by number: highlighting reads them without waiting. */
    this.decoded = new Map();
    /** Requests made, for tests and the benchmark. */
    this.requests = [];
  }

  /** Fetches `path` under the base once; later calls share the same promise. */
  fetchJson(path) {
    if (!this.files.has(path)) {
      const url = this.base + path;
      this.requests.push(url);
      const fetchFn = this.fetchFn;
      const loaded = Promise.resolve(fetchFn(url)).then((response) => {
        if (!response.ok) throw new Error(`cannot load ${url}: HTTP ${response.status}`);
        return response.json();
      });
      loaded.catch(() => this.files.delete(path));
      this.files.set(path, loaded);
    }
    return this.files.get(path);
  }

  /** The number of the shard that would hold `term`. */
  shardOf(term) {
    const shards = this.manifest.shards;
    let low = 0;
    let high = shards.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (shards[mid][0] <= term) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  async shard(n) {
    const file = this.manifest.shards[n][1];
    const cacheKey = `shard:${file}`;
    if (!this.files.has(cacheKey)) {
      this.files.set(cacheKey, this.fetchJson(file).then(decodeShard).then((shard) => {
        this.decoded.set(n, shard);
        return shard;
      }));
    }
    return this.files.get(cacheKey);
  }

  /** The shard entry of `term` (postings, an alias to a stem, or both), or null. */
  async term(term) {
    const shard = await this.shard(this.shardOf(term));
    return shard.map.get(term) || null;
  }

  /** The index language without its region (`pt-BR` → `pt`). */
  get lang() {
    return String(this.manifest.lang || "").split(/[-_]/)[0];
  }

  /** Index terms starting with `prefix` (words the site wrote counting as their stems), most frequent first. */
  async completions(prefix) {
    const first = this.shardOf(prefix);
    const last = Math.min(this.shardOf(prefix + "\uffff"), first + MAX_PREFIX_SHARDS - 1);
    const found = new Map();
    for (let n = first; n <= last; n++) {
      const shard = await this.shard(n);
      let i = lowerBound(shard.terms, prefix);
      for (; i < shard.terms.length && shard.terms[i].startsWith(prefix); i++) {
        const entry = shard.map.get(shard.terms[i]);
        if (entry.postings) found.set(entry.term, entry);
        if (entry.alias && found.size < MAX_COMPLETIONS * 2) {
          const stem = await this.term(entry.alias);
          if (stem?.postings) found.set(stem.term, stem);
        }
      }
    }
    const sorted = [...found.values()].sort((a, b) => b.df - a.df || (a.term < b.term ? -1 : 1));
    return sorted.slice(0, MAX_COMPLETIONS);
  }

  /**
   * The stem entries of a word the index maps (see analysis.js): its alias, the word itself when it is a stem,
   * or else — a form the site never wrote — its longest prefix that is a stem, at reduced weight. `rest` is the
   * word without a French elision, tried the same way.
   */
  async mappedEntries(word, rest = word) {
    const found = [];
    for (const key of new Set([word, rest])) {
      const entry = await this.term(key);
      if (entry?.postings) found.push([entry, SURFACE_WEIGHT]);
      if (entry?.alias) found.push([await this.term(entry.alias), SURFACE_WEIGHT]);
      if (found.length > 0) return found;
    }
    const chars = [...rest];
    for (let n = chars.length - 1; n >= Math.max(3, chars.length - MAX_STRIPPED); n--) {
      const prefix = await this.term(chars.slice(0, n).join(""));
      if (prefix?.postings) return [[prefix, REDUCED_WEIGHT]];
    }
    return [];
  }

  /** The record of page `id`: each page has its own small file, so a result list fetches its results only. */
  async doc(id) {
    return this.fetchJson(this.manifest.docFiles.replace("{n}", String(id)));
  }

  /** The sections the index has pages in (the results page's filter), from the manifest. */
  get sections() {
    return this.manifest.sections;
  }

  /** Every page's section and products: fetched only when a query is filtered. */
  async facets() {
    return this.fetchJson(this.manifest.facets);
  }

  /**
   * Answers `query`. Options: `limit` (results with documents loaded, default 10), `offset`, `prefix` (the
   * last word may be unfinished, default true unless the query ends in a space), `section` and `product`
   * (filters; product is a product id), `suggest` (false: no did-you-mean when nothing is found). Returns `{ query, total, results, suggestions, partial }`; each
   * result has url, title, section, date (ISO) and dateText (as the site writes dates), products, summary,
   * `titleParts` and `excerpt` (arrays of `{ text, hit }`), and score.
   */
  async search(query, options = {}) {
    const limit = options.limit ?? 10;
    const offset = options.offset ?? 0;
    const words = analyze(query, this.manifest.lang).filter((w) => w.forms.length > 0);
    const empty = { query, total: 0, results: [], suggestions: [], partial: false };
    if (words.length === 0) return empty;
    const typing = options.prefix ?? !/\s$/.test(query);
    const matched = await Promise.all(words.map((word, i) => this.matchWord(word, typing && i === words.length - 1)));
    let { scores, partial } = combine(matched);
    if (options.section || options.product) scores = await this.filter(scores, options);
    const ranked = best(scores, offset + limit);
    const hitTerms = new Set(matched.flatMap((m) => [...m.terms]));
    const hits = { terms: hitTerms, sorted: [...hitTerms].sort() };
    const results = await Promise.all(
      ranked.slice(offset, offset + limit).map(([id, score]) => this.result(id, score, hits)),
    );
    const suggestions = scores.size === 0 && options.suggest !== false ? await this.suggest(words) : [];
    return { query, total: scores.size, results, suggestions, partial };
  }

  /**
   * The other words of the site's synonym groups (`search: synonyms:` in site.yaml) that hold `word`: a group
   * holds it when one of its words, analysed, has a form of the query word as its own.
   */
  synonymsOf(word) {
    if (!this.synonyms) {
      this.synonyms = (this.manifest.synonyms || []).map((group) =>
        group.map((w) => analyze(w, this.manifest.lang)[0]).filter((w) => w && w.forms.length > 0));
    }
    const terms = new Set(word.forms.map((f) => f.term));
    const found = [];
    for (const group of this.synonyms) {
      if (!group.some((w) => terms.has(w.forms[0].term))) continue;
      for (const w of group) if (!terms.has(w.forms[0].term)) found.push(w);
    }
    return found;
  }

  /** The entries one query word looks up, with the weight of each: its forms, or for a mapped word its stem. */
  async candidates(word) {
    if (word.forms[0].mapped) {
      const candidates = await this.mappedEntries(word.normal, word.forms[0].rest);
      if (COMPOUNDING.has(this.lang)) {
        for (const [stem] of [...candidates]) {
          if (!stem) continue;
          for (const entry of await this.completions(stem.term)) candidates.push([entry, PREFIX_WEIGHT]);
        }
      }
      return candidates;
    }
    const lookups = word.forms.map((f) => [f.term, f.kind === "surface" ? SURFACE_WEIGHT : REDUCED_WEIGHT]);
    const entries = await Promise.all(lookups.map(([term]) => this.term(term)));
    return entries.map((entry, i) => [entry, lookups[i][1]]);
  }

  /** Scores of the documents one query word finds, and the index terms that found them. */
  async matchWord(word, isPrefix) {
    const candidates = await this.candidates(word);
    for (const other of this.synonymsOf(word)) candidates.push(...(await this.candidates(other)));
    if (isPrefix && [...word.normal].length >= 2) {
      const starts = new Set([word.normal, word.forms[0].term]);
      for (const start of starts) {
        for (const entry of await this.completions(start)) candidates.push([entry, PREFIX_WEIGHT]);
      }
    }
    const scores = new Map();
    const terms = new Set();
    const n = this.manifest.docs;
    for (const [entry, weight] of candidates) {
      if (!entry?.postings) continue;
      terms.add(entry.term);
      const idf = Math.log(1 + (n - entry.df + 0.5) / (entry.df + 0.5));
      const postings = entry.postings();
      for (let k = 0; k < postings.length; k += 2) {
        const s = postings[k + 1];
        const value = weight * idf * (s / (s + SATURATION));
        const previous = scores.get(postings[k]);
        if (previous === undefined || value > previous) scores.set(postings[k], value);
      }
    }
    return { word, scores, terms };
  }

  async filter(scores, { section, product }) {
    const facets = await this.facets();
    const sectionIndex = section ? facets.sections.indexOf(section) : -1;
    const productIndex = product ? facets.products.findIndex((p) => p[0] === product) : -1;
    const kept = new Map();
    for (const [id, score] of scores) {
      const [docSection, docProducts] = facets.docs[id];
      if (section && docSection !== sectionIndex) continue;
      if (product && !docProducts.includes(productIndex)) continue;
      kept.set(id, score);
    }
    return kept;
  }

  async result(id, score, { terms: hitTerms, sorted }) {
    const doc = await this.doc(id);
    // A result's text repeats its words; equal words share their forms array (analysis.js keeps them).
    const known = new WeakMap();
    const isHit = (word) => {
      let hit = known.get(word.forms);
      if (hit === undefined) {
        hit = word.forms.some((f) => hitTerms.has(f.term)) || completes(word, sorted)
          || Boolean(word.forms[0]?.mapped && this.stemHit(word, hitTerms));
        known.set(word.forms, hit);
      }
      return hit;
    };
    const lang = this.manifest.lang;
    return {
      id,
      score,
      url: doc.u,
      title: doc.t,
      section: doc.s,
      date: doc.d,
      dateText: doc.dd,
      products: doc.p,
      summary: doc.m,
      lang,
      titleParts: highlight(doc.t, isHit, lang),
      excerpt: excerpt(doc.x || doc.m || "", isHit, lang),
    };
  }

  /**
   * Whether a mapped word of a result's text has a stem among `hitTerms`: exactly when its shard is loaded
   * (an alias sits next to its stem, so usually it is), else guessed from the word's beginning.
   */
  stemHit(word, hitTerms) {
    const shard = this.decoded.get(this.shardOf(word.normal));
    if (!shard) return stemOf(word, hitTerms);
    const entry = shard.map.get(word.normal);
    return Boolean(entry && ((entry.postings && hitTerms.has(entry.term)) || hitTerms.has(entry.alias)));
  }

  /** Did-you-mean: for each query word the index lacks, the closest word of its shard. */
  async suggest(words) {
    const fixed = [];
    let changed = false;
    for (const word of words) {
      const known = await Promise.all(word.forms.map((f) => this.term(f.term)));
      if (known.some(Boolean)) {
        fixed.push(word.normal);
        continue;
      }
      const shard = await this.shard(this.shardOf(word.forms[0].term));
      const best = closestWord(word.normal, shard);
      if (best) changed = true;
      fixed.push(best || word.normal);
    }
    return changed ? [fixed.join(" ")] : [];
  }
}

/**
 * Answers `query` over several indexes, the first being the page's language: its results come first, then the
 * others' merged by score (scores of different indexes are comparable only roughly). Options as for `search`;
 * `total` adds up, `partial` and `suggestions` are the first index's.
 */
export async function searchMany(indexes, query, options = {}) {
  const limit = options.limit ?? 10;
  const offset = options.offset ?? 0;
  // Only the first index's suggestions are shown: the others would search their shards for nothing.
  const answers = await Promise.all(indexes.map((index, i) =>
    index.search(query, { ...options, limit: offset + limit, offset: 0, ...(i > 0 ? { suggest: false } : {}) })));
  const [own, ...others] = answers;
  const rest = others.flatMap((answer) => answer.results).sort((a, b) => b.score - a.score);
  const results = [...own.results, ...rest].slice(offset, offset + limit);
  const total = answers.reduce((sum, answer) => sum + answer.total, 0);
  return { query, total, results, suggestions: total === 0 ? own.suggestions : [], partial: own.partial };
}

/**
 * Shard entries → a sorted term list and a map of lazily decoded entries. An entry is `[term, spelling,
 * [gap, score, …]]`, optionally followed by the stem the word `term` maps to, or `[word, stem]` alone for a word
 * whose postings are its stem's. An entry's `postings` is null for the latter and `alias` the stem.
 */
function decodeShard(entries) {
  const terms = [];
  const map = new Map();
  for (const raw of entries) {
    const term = raw[0];
    terms.push(term);
    if (raw.length === 2) {
      map.set(term, { term, spelling: term, df: 0, alias: raw[1], postings: null });
      continue;
    }
    const [, spelling, flat, alias] = raw;
    let decoded = null;
    map.set(term, {
      term,
      spelling: spelling === "" ? term : spelling,
      df: flat.length / 2,
      alias: alias || null,
      postings() {
        if (!decoded) {
          decoded = new Array(flat.length);
          let doc = 0;
          for (let k = 0; k < flat.length; k += 2) {
            doc += flat[k];
            decoded[k] = doc;
            decoded[k + 1] = flat[k + 1];
          }
        }
        return decoded;
      },
    });
  }
  return { terms, map };
}

/** Ranking order: higher score first, then lower page number. */
const byRank = (a, b) => b[1] - a[1] || a[0] - b[0];

/**
 * The first `count` entries of `scores` (page → score) in ranking order. A common word scores thousands of pages
 * on every keystroke, and only the first few are shown: they are kept in a short sorted list instead of sorting
 * them all (the order is total, so the result is the same).
 */
function best(scores, count) {
  if (count <= 0) return [];
  if (scores.size <= count * 8) return [...scores.entries()].sort(byRank).slice(0, count);
  const kept = [];
  for (const entry of scores) {
    if (kept.length === count && byRank(entry, kept[count - 1]) >= 0) continue;
    let at = kept.length;
    while (at > 0 && byRank(entry, kept[at - 1]) < 0) at--;
    kept.splice(at, 0, entry);
    if (kept.length > count) kept.pop();
  }
  return kept;
}

function lowerBound(sorted, value) {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Documents every word found, scored by the sum; when no document has them all, any word, marked partial. */
function combine(matched) {
  const all = new Map();
  const [first, ...rest] = matched;
  for (const [id, score] of first.scores) {
    let total = score;
    let everywhere = true;
    for (const other of rest) {
      const s = other.scores.get(id);
      if (s === undefined) { everywhere = false; break; }
      total += s;
    }
    if (everywhere) all.set(id, total);
  }
  if (all.size > 0 || matched.length === 1) return { scores: all, partial: false };
  const any = new Map();
  for (const m of matched) for (const [id, s] of m.scores) any.set(id, (any.get(id) || 0) + s);
  return { scores: any, partial: true };
}

/** True when the word was found as the beginning of a hit term (the word being typed); `sorted` holds the hit
 * terms in order, so the first one not before the word is the one that could begin with it. */
function completes(word, sorted) {
  // A stop word (no forms) is never a hit, though it may begin one (по, поиск).
  if (word.forms.length === 0 || word.normal.length < 2) return false;
  const at = lowerBound(sorted, word.normal);
  return at < sorted.length && sorted[at].startsWith(word.normal);
}

/** True when a hit stem begins the mapped word and leaves a short ending (a guess for words of unloaded shards). */
function stemOf(word, hitTerms) {
  for (const term of hitTerms) {
    const rest = word.normal.length - term.length;
    if (term.length >= 3 && word.normal.startsWith(term) && rest <= Math.min(MAX_STRIPPED, term.length)) return true;
  }
  return false;
}
