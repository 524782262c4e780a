// Recall@5 and MRR of the search client over a query set (tests/search_queries.json), against example sites
// built by tests/search.rs (folders in FOLIO_HEBREW_SITE and FOLIO_HELP_SITE). Prints one line per query, then a
// JSON summary as the last line.

import fs from "node:fs";
import path from "node:path";
import { SearchIndex } from "../../themes/default/static/search/core.js";

const sites = { "hebrew-company": process.env.FOLIO_HEBREW_SITE, "help-center": process.env.FOLIO_HELP_SITE };
const queries = JSON.parse(fs.readFileSync(process.argv[2], "utf8")).queries;

function folderFetch(root) {
  return async (url) => {
    const file = path.join(root, decodeURIComponent(url));
    if (!fs.existsSync(file)) return { ok: false, status: 404 };
    const text = fs.readFileSync(file, "utf8");
    return { ok: true, status: 200, json: async () => JSON.parse(text) };
  };
}

const indexes = new Map();
async function indexFor(site, lang) {
  const key = `${site}/${lang}`;
  if (!indexes.has(key)) {
    if (!sites[site]) throw new Error(`no built folder for ${site}`);
    indexes.set(key, await SearchIndex.load("/search/", lang, { fetch: folderFetch(sites[site]) }));
  }
  return indexes.get(key);
}

let found = 0;
let reciprocal = 0;
const misses = [];
const ranks = {};
for (const { site, lang, query, expect } of queries) {
  const index = await indexFor(site, lang);
  const answer = await index.search(query, { limit: 10, prefix: false });
  const urls = answer.results.map((r) => r.url);
  const rank = urls.findIndex((u) => expect.includes(u)) + 1;
  if (rank >= 1 && rank <= 5) found++;
  else misses.push({ query, expect, got: urls.slice(0, 5) });
  if (rank >= 1) reciprocal += 1 / rank;
  ranks[query] = rank;
  console.log(`${rank >= 1 && rank <= 5 ? "ok  " : "MISS"} ${rank}\t${query}\t${urls.slice(0, 3).join(" ")}`);
}
console.log(JSON.stringify({
  queries: queries.length,
  recall_at_5: found / queries.length,
  mrr: reciprocal / queries.length,
  misses,
  ranks,
}));
