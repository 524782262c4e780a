// The answers of the search client to a fixed set of queries over a built site (its folder in FOLIO_SEARCH_SITE),
// as one JSON document on stdout: tests/suite/search_fetch compares them with the answers recorded from the
// client before the index changed shape, so results, their order, excerpts and highlights stay the same.

import fs from "node:fs";
import path from "node:path";
import { SearchIndex, searchMany } from "../../themes/default/static/search/core.js";

const root = process.env.FOLIO_SEARCH_SITE;
const fetch = async (url) => {
  const file = path.join(root, decodeURIComponent(url));
  if (!fs.existsSync(file)) return { ok: false, status: 404 };
  const text = fs.readFileSync(file, "utf8");
  return { ok: true, status: 200, json: async () => JSON.parse(text) };
};

/** [query, options, languages] — the first language is the page's. */
const QUERIES = [
  ["לקוח", { prefix: false }],
  ["ללקוחות", { prefix: false }],
  ["חשבונית הגדרות", { prefix: false }],
  ["חשבונ", {}],
  ["mikalox", { prefix: false }],
  ["kalox tamix", { prefix: false }],
  ["תשלום", { prefix: false, section: "blog" }],
  ["הזמנה", { prefix: false, product: "crm" }],
  ["לקוח", { prefix: false, offset: 20, limit: 10 }],
  ["customer", { prefix: false }, ["en"]],
  ["invoice payment", { prefix: false }, ["en"]],
  ["cust", {}, ["en"]],
  ["customer", { prefix: false }, ["he", "en"]],
  ["חשבנית", { prefix: false }],
];

const marked = (parts) => parts.map((p) => (p.hit ? `[${p.text}]` : p.text)).join("");
const indexes = new Map();
const load = async (lang) => {
  if (!indexes.has(lang)) indexes.set(lang, await SearchIndex.load("/search/", lang, { fetch }));
  return indexes.get(lang);
};

const answers = [];
for (const [query, options, langs = ["he"]] of QUERIES) {
  const opened = await Promise.all(langs.map(load));
  const all = { limit: 20, ...options };
  const answer = opened.length > 1 ? await searchMany(opened, query, all) : await opened[0].search(query, all);
  answers.push({
    query,
    options,
    langs,
    total: answer.total,
    partial: answer.partial,
    suggestions: answer.suggestions,
    results: answer.results.map((r) => ({
      url: r.url,
      lang: r.lang,
      section: r.section,
      date: r.dateText,
      products: r.products,
      title: marked(r.titleParts),
      excerpt: marked(r.excerpt),
    })),
  });
}
console.log(JSON.stringify(answers, null, 1));
