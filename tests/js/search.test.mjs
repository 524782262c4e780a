// The search client under Node: the shared analysis vectors, and the core against a site built by tests/search.rs
// (its folder in FOLIO_SEARCH_SITE). Run by `cargo test --test search`, or `node --test tests/js/` after a build.

import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { analyze, indexTerms, stemEnglish } from "../../themes/default/static/search/analysis.js";
import { SearchIndex, editDistance } from "../../themes/default/static/search/core.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const vectors = JSON.parse(fs.readFileSync(path.join(here, "..", "search_vectors.json"), "utf8"));
const finds = (query, text, lang = "he") => {
  const doc = new Set(indexTerms(text, lang));
  return indexTerms(query, lang).some((t) => doc.has(t));
};

test("analysis gives the same terms as the Rust side", () => {
  for (const { text, terms, lang } of vectors.analysis) assert.deepEqual(indexTerms(text, lang || "he"), terms, text);
});

test("queries find the texts they must find, and not the others", () => {
  for (const { query, text, lang } of vectors.matches) assert.ok(finds(query, text, lang), `${query} → ${text}`);
  for (const { query, text, lang } of vectors.non_matches) assert.ok(!finds(query, text, lang), `${query} ↛ ${text}`);
});

test("the words the index maps to their stems are the ones the Rust side maps", () => {
  for (const { text, lang, words } of vectors.mapped) {
    const mapped = analyze(text, lang).filter((w) => w.forms[0]?.mapped).map((w) => w.normal);
    assert.deepEqual(mapped, words, text);
  }
});

test("the English stemmer agrees with rust-stemmers word for word", () => {
  for (const [word, stem] of Object.entries(vectors.stems)) assert.equal(stemEnglish(word), stem, word);
});

test("edit distance counts a swap of neighbours as one", () => {
  assert.equal(editDistance("לקחו", "לקוח"), 1);
  assert.equal(editDistance("invoice", "invocie"), 1);
  assert.equal(editDistance("abc", "xyz", 1), 2);
});

/** A fetch over the built site's folder that records what it served. */
function folderFetch(root) {
  const served = [];
  const fetch = async (url) => {
    const file = path.join(root, decodeURIComponent(url).replace(/^\/help\//, ""));
    if (!fs.existsSync(file)) return { ok: false, status: 404, json: async () => null };
    const text = fs.readFileSync(file, "utf8");
    served.push([url, Buffer.byteLength(text)]);
    return { ok: true, status: 200, json: async () => JSON.parse(text) };
  };
  return { fetch, served };
}

const site = process.env.FOLIO_SEARCH_SITE;
const skip = site ? false : "FOLIO_SEARCH_SITE is not set (run through cargo test --test search)";

async function open(lang = "he") {
  const transport = folderFetch(site);
  const index = await SearchIndex.load("/help/search/", lang, { fetch: transport.fetch });
  return { index, served: transport.served };
}

const titles = (answer) => answer.results.map((r) => r.title);
const hits = (parts) => parts.filter((p) => p.hit).map((p) => p.text);

test("prefixed and plural Hebrew forms find the plain word, best match first", { skip }, async () => {
  const { index } = await open();
  for (const query of ["לקוח", "ללקוחות", "הלקוח", "ולקוח"]) {
    const answer = await index.search(query, { prefix: false });
    assert.ok(answer.total >= 3, `${query}: ${titles(answer)}`);
    assert.ok(!titles(answer).includes("דף פנימי"), "search: false pages stay out");
  }
  const answer = await index.search("חשבונית", { prefix: false });
  assert.equal(answer.results[0].title, "הפקת חשבונית");
  assert.deepEqual(hits(answer.results[0].titleParts), ["חשבונית"]);
  assert.equal(answer.results[0].url, "/help/kb/billing/invoices/");
  assert.equal(answer.results[0].section, "kb");
});

test("excerpts highlight every written form of the query word", { skip }, async () => {
  const { index } = await open();
  const answer = await index.search("לקוח ", {});
  const invoice = answer.results.find((r) => r.title === "הפקת חשבונית");
  assert.deepEqual(hits(invoice.excerpt), ["ללקוחות", "לקוח"]);
});

test("the word being typed completes to index terms", { skip }, async () => {
  const { index } = await open();
  const answer = await index.search("חשבונ");
  assert.equal(answer.results[0].title, "הפקת חשבונית");
  const none = await index.search("חשבונ", { prefix: false });
  assert.equal(none.total, 0);
});

test("quote variants of an abbreviation find each other", { skip }, async () => {
  const { index } = await open();
  for (const query of ["דוא\"ל", "דוא״ל", "דואל"]) {
    const answer = await index.search(query, { prefix: false });
    assert.deepEqual(titles(answer), ["הפקת חשבונית"], query);
  }
});

test("a misspelt word gets a did-you-mean from the index vocabulary", { skip }, async () => {
  const { index } = await open();
  const answer = await index.search("זיכיי", { prefix: false });
  assert.equal(answer.total, 0);
  assert.deepEqual(answer.suggestions, ["זיכוי"]);
});

test("all words must match; otherwise any word, marked partial", { skip }, async () => {
  const { index } = await open();
  const both = await index.search("חשבונית לקוח", { prefix: false });
  assert.deepEqual(titles(both), ["הפקת חשבונית"]);
  assert.equal(both.partial, false);
  const either = await index.search("חשבונית מסע", { prefix: false });
  assert.equal(either.partial, true);
  assert.ok(either.total >= 2);
});

test("section and product filters narrow the results", { skip }, async () => {
  const { index } = await open();
  const blog = await index.search("לקוח", { prefix: false, section: "blog" });
  assert.deepEqual(titles(blog), ["המסע של הלקוח"]);
  const crm = await index.search("לקוח", { prefix: false, product: "crm" });
  assert.deepEqual(titles(crm), ["הפקת חשבונית"]);
});

test("each file is fetched once, and a second query reuses them", { skip }, async () => {
  const { index, served } = await open();
  await index.search("לקוח", { prefix: false });
  const after = served.length;
  assert.ok(served.every(([url]) => url.startsWith("/help/search/")));
  await index.search("הלקוחות", { prefix: false });
  assert.equal(served.length, after, JSON.stringify(served));
  assert.equal(new Set(served.map(([u]) => u)).size, served.length);
});

test("each language has its own index", { skip }, async () => {
  const { index } = await open("en");
  const answer = await index.search("exported customers", { prefix: false });
  assert.deepEqual(titles(answer), ["Exporting customers"]);
  assert.deepEqual(hits(answer.results[0].titleParts), ["Exporting", "customers"]);
});

test("the first results of a word on many pages come in ranking order: score, then page number", async () => {
  // 100 pages with one word, three pages in a row scoring 1, 2 and 3: many ties, broken by the page number.
  const flat = [];
  for (let id = 0; id < 100; id++) flat.push(id === 0 ? 0 : 1, (id % 3) + 1);
  const files = {
    "/s/index-en.json": { format: 3, lang: "en", docs: 100, terms: 1, docFiles: "en/docs/{n}.json", shards: [["", "en/terms-0.json"]] },
    "/s/en/terms-0.json": [["invoic", "invoice", flat]],
  };
  const fetch = async (url) => {
    const doc = url.match(/docs\/(\d+)\.json$/);
    const body = doc ? { u: `/p/${doc[1]}/`, t: `Invoice ${doc[1]}`, s: "kb", p: [], m: "", x: "invoice" } : files[url];
    return body ? { ok: true, status: 200, json: async () => body } : { ok: false, status: 404 };
  };
  const index = await SearchIndex.load("/s/", "en", { fetch });
  const ids = (answer) => answer.results.map((r) => r.id);
  const first = await index.search("invoice", { limit: 5, prefix: false });
  assert.equal(first.total, 100);
  assert.deepEqual(ids(first), [2, 5, 8, 11, 14]);
  assert.deepEqual(ids(await index.search("invoice", { limit: 5, offset: 30, prefix: false })), [92, 95, 98, 1, 4]);
  assert.deepEqual((await index.search("invoice", { limit: 0, prefix: false })).results, []);
});
