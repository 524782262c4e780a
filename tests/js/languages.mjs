// The search client under Node against a site with pages in seven languages, built by tests/suite/search_languages.rs
// (its folder in FOLIO_LANG_SITE): inflected queries find their pages through each language's index, and
// searchMany puts the page language first. Not named *.test.mjs: it runs only with the site built.

import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { SearchIndex, searchMany } from "../../themes/default/static/search/core.js";

const site = process.env.FOLIO_LANG_SITE;
assert.ok(site, "FOLIO_LANG_SITE is not set (run through cargo test --test suite search_languages)");

const fetch = async (url) => {
  const file = path.join(site, decodeURIComponent(url));
  if (!fs.existsSync(file)) return { ok: false, status: 404, json: async () => null };
  return { ok: true, status: 200, json: async () => JSON.parse(fs.readFileSync(file, "utf8")) };
};
const open = (lang) => SearchIndex.load("/search/", lang, { fetch });
const titles = (answer) => answer.results.map((r) => r.title);
const hits = (parts) => parts.filter((p) => p.hit).map((p) => p.text);

async function expectFirst(lang, query, title) {
  const index = await open(lang);
  const answer = await index.search(query, { prefix: false });
  assert.equal(titles(answer)[0], title, `${lang}: ${query} → ${JSON.stringify(titles(answer))}`);
  return answer;
}

test("Russian case endings find the page, whether or not the site wrote that form", async () => {
  for (const query of ["поиск", "поиска", "поиском", "ПОИСКУ", "настройками", "настроек поиска"]) {
    await expectFirst("ru", query, "Настройка поиска");
  }
  const answer = await expectFirst("ru", "поиском", "Настройка поиска");
  assert.deepEqual(hits(answer.results[0].titleParts), ["поиска"]);
  // Поисковик (a search engine) has a stem of its own: it is not highlighted.
  assert.deepEqual(hits(answer.results[0].excerpt), ["поиск"]);
  const none = await (await open("ru")).search("погода", { prefix: false });
  assert.equal(none.total, 0);
});

test("German inflections and compounds by their first part", async () => {
  await expectFirst("de", "Rechnungen", "Rechnung herunterladen");
  const answer = await (await open("de")).search("Rechnung", { prefix: false });
  assert.deepEqual(titles(answer).sort(), ["Rechnung herunterladen", "Rechnungsadresse ändern"]);
  await expectFirst("de", "rechnungsadressen", "Rechnungsadresse ändern");
  await expectFirst("de", "andern", "Rechnungsadresse ändern");
});

test("Spanish and French accents are folded and plurals stemmed", async () => {
  for (const query of ["información", "informacion", "informaciones", "INFORMACIÓN"]) {
    await expectFirst("es", query, "Información de la cuenta");
  }
  for (const query of ["paramètre", "parametres", "Paramètres", "utilisateurs", "l'utilisateur"]) {
    await expectFirst("fr", query, "Paramètres du compte");
  }
  // An elided stop word (d'un) is a stop word: the query is not partial.
  const elided = await expectFirst("fr", "d'un utilisateur", "Paramètres du compte");
  assert.equal(elided.partial, false);
});

test("Arabic finds words with the article, prefixes, harakat and other letter forms", async () => {
  for (const query of ["الحساب", "حساب", "بالحساب", "الحسابات", "حِسَاب"]) {
    await expectFirst("ar", query, "إعدادات الحساب");
  }
  await expectFirst("ar", "اعدادات", "إعدادات الحساب");
  const exact = await (await open("ar")).search("كتاب", { prefix: false });
  assert.deepEqual(titles(exact), ["الكتاب الأول"]);
});

test("Hebrew multi-word queries meet construct and plural forms", async () => {
  await expectFirst("he", "הגדרות חשבון", "הגדרת החשבון");
  await expectFirst("he", "הגדרת חשבונות", "הגדרת החשבון");
});

test("site synonyms join a loanword written in Hebrew and in Latin letters", async () => {
  const index = await open("he");
  for (const query of ["וורדפרס", "WordPress", "לוורדפרס", "wp"]) {
    const answer = await index.search(query, { prefix: false });
    assert.deepEqual(titles(answer).sort(), ["התקנת WordPress", "תוסף לוורדפרס"], query);
  }
  const answer = await index.search("וורדפרס", { prefix: false });
  const wp = answer.results.find((r) => r.title === "התקנת WordPress");
  assert.deepEqual(hits(wp.titleParts), ["WordPress"]);
});

test("English is stemmed by the browser itself, without aliases", async () => {
  await expectFirst("en", "exported invoices", "Exporting invoices");
});

test("searchMany puts the page language first and marks each result's language", async () => {
  const indexes = await Promise.all(["he", "en", "ru"].map(open));
  const answer = await searchMany(indexes, "crm", { prefix: false });
  const langs = answer.results.map((r) => r.lang);
  assert.equal(langs[0], "he");
  assert.deepEqual(langs.slice(1).sort(), ["en", "ru"]);
  assert.equal(answer.total, 3);
  const own = await indexes[0].search("crm", { prefix: false });
  assert.equal(own.total, 1);
});
