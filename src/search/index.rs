//! The search index: each page's weighted terms, merged per language into term shards, document chunks and
//! facets under `/search/`. The format is documented in `content/docs/search.md`; the browser side reads it in
//! `themes/default/static/search/core.js`.

use super::analysis::{analyze, FormKind};
use super::text::{html_to_text, truncate_text};
use crate::cache::fingerprint;
use crate::markdown::{Rendered, SiteMarkdown};
use crate::site::{Page, PageKind, Site};
use rayon::prelude::*;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// Version of the file format; the client refuses other versions.
pub const FORMAT_VERSION: u32 = 1;

/// A term shard is closed once its JSON passes this size: small enough that a first query stays far under
/// 100 KB compressed on a 10,000-page site, big enough that small sites have one shard.
const SHARD_BYTES: usize = 40_000;

/// Documents per chunk file: a result list fetches the chunks of its top results only.
const DOCS_PER_CHUNK: usize = 10;

/// Field weights: a word in the title counts ten times a word in the body.
const TITLE_WEIGHT: u32 = 10;
const HEADING_WEIGHT: u32 = 5;
const SUMMARY_WEIGHT: u32 = 3;
const BODY_WEIGHT: u32 = 1;

/// One page's contribution to the index, cached between builds by a fingerprint of its inputs.
#[derive(Debug)]
pub struct PageEntry {
    lang: String,
    url: String,
    section: &'static str,
    /// Product ids and titles the page applies to.
    products: Vec<(String, String)>,
    /// The stored record: url, title, section, date, products, text.
    doc: Value,
    /// Term → weighted score, and the most common word written for it (None when only reduced forms led here).
    terms: BTreeMap<String, (u32, Option<String>)>,
}

/// Previous builds' page entries by fingerprint.
pub type SearchCache = HashMap<u64, Arc<PageEntry>>;

/// The section a page is filtered by on the results page.
fn section_name(kind: PageKind) -> &'static str {
    match kind {
        PageKind::Post => "blog",
        PageKind::Article => "kb",
        PageKind::Guide => "guide",
        PageKind::Product => "product",
        PageKind::Author => "author",
        PageKind::Page => "page",
    }
}

/// Builds the index files (output path without leading slash → bytes) of every language of the site.
/// Pages with `search: false` are left out. `cache` is left holding this build's entries.
pub fn build_search_index(site: &Site, markdown: &SiteMarkdown, cache: &mut SearchCache) -> Vec<(String, Vec<u8>)> {
    let text_chars = site.config.search.text_chars;
    let entries: Vec<(u64, Arc<PageEntry>)> = (0..site.pages.len())
        .into_par_iter()
        .filter(|&i| site.pages[i].front.search != Some(false))
        .map(|i| {
            let page = &site.pages[i];
            let products = product_titles(site, page);
            let key = fingerprint((
                page.source_fingerprint,
                markdown.keys.get(i),
                &page.url_path,
                &page.title,
                &page.lang,
                &products,
                page.date.as_ref().map(|d| d.iso_date()),
                text_chars,
                &site.config.base_path,
            ));
            let entry = match cache.get(&key) {
                Some(entry) => entry.clone(),
                None => Arc::new(page_entry(site, page, &markdown.pages[i], products, text_chars)),
            };
            (key, entry)
        })
        .collect();
    *cache = entries.iter().cloned().collect();
    let mut by_lang: BTreeMap<&str, Vec<&PageEntry>> = BTreeMap::new();
    for (_, entry) in &entries {
        by_lang.entry(entry.lang.as_str()).or_default().push(entry);
    }
    let mut files = Vec::new();
    for (lang, mut docs) in by_lang {
        docs.sort_by(|a, b| a.url.cmp(&b.url));
        files.extend(language_files(lang, &docs));
    }
    files
}

fn product_titles(site: &Site, page: &Page) -> Vec<(String, String)> {
    page.front
        .products
        .iter()
        .map(|id| {
            let title = site.find_page(PageKind::Product, id).map(|p| site.pages[p].title.clone());
            (id.clone(), title.unwrap_or_else(|| id.clone()))
        })
        .collect()
}

/// Analyses one page: its fields, weighted, and the record stored for results and excerpts.
fn page_entry(
    site: &Site,
    page: &Page,
    rendered: &Rendered,
    products: Vec<(String, String)>,
    text_chars: usize,
) -> PageEntry {
    let body = html_to_text(&rendered.html);
    let mut terms: BTreeMap<String, (u32, Option<String>)> = BTreeMap::new();
    let mut spellings: HashMap<String, BTreeMap<String, u32>> = HashMap::new();
    let mut add = |text: &str, weight: u32| {
        for word in analyze(text) {
            for form in word.forms {
                let kind_weight = if form.kind == FormKind::Surface { 2 } else { 1 };
                if form.kind == FormKind::Surface {
                    *spellings.entry(form.term.clone()).or_default().entry(word.normal.clone()).or_default() += 1;
                }
                terms.entry(form.term).or_default().0 += weight * kind_weight;
            }
        }
    };
    add(&page.title, TITLE_WEIGHT);
    for heading in &rendered.headings {
        add(&heading.title, HEADING_WEIGHT);
    }
    let front = &page.front;
    for extra in front.summary.iter().chain(&front.description).chain(&front.tags).chain(products.iter().map(|p| &p.1))
    {
        add(extra, SUMMARY_WEIGHT);
    }
    add(&body, BODY_WEIGHT);
    for (term, (_, display)) in terms.iter_mut() {
        *display = spellings.get(term).and_then(|counts| {
            counts.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(word, _)| word.clone())
        });
    }
    let section = section_name(page.kind);
    let summary = front.summary.clone().or_else(|| front.description.clone()).unwrap_or_default();
    let doc = json!({
        "u": site.url(&page.url_path),
        "t": page.title,
        "s": section,
        "d": page.date.as_ref().map(|d| d.iso_date()).unwrap_or_default(),
        "p": products.iter().map(|p| &p.1).collect::<Vec<_>>(),
        "m": summary,
        "x": truncate_text(&body, text_chars),
    });
    PageEntry { lang: page.lang.clone(), url: page.url_path.clone(), section, products, doc, terms }
}

/// A term's documents with their scores, and how often each spelling led to it.
#[derive(Default)]
struct Postings<'a> {
    docs: Vec<(u32, u32)>,
    spellings: BTreeMap<&'a str, u32>,
}

/// Every term of the language's documents with its postings, in the order the browser compares strings
/// (UTF-16 code units), so that its binary search over shard boundaries agrees.
fn collect_postings<'a>(docs: &[&'a PageEntry]) -> Vec<(&'a str, Postings<'a>)> {
    let mut postings: BTreeMap<&str, Postings> = BTreeMap::new();
    for (id, doc) in docs.iter().enumerate() {
        for (term, (score, spelling)) in &doc.terms {
            let entry = postings.entry(term).or_default();
            entry.docs.push((id as u32, *score));
            if let Some(spelling) = spelling {
                *entry.spellings.entry(spelling).or_default() += 1;
            }
        }
    }
    let mut terms: Vec<_> = postings.into_iter().collect();
    terms.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
    terms
}

/// Cuts the sorted terms into shards of about `SHARD_BYTES`; returns each shard's first term and file name.
fn write_shards(lang: &str, terms: &[(&str, Postings)], files: &mut Vec<(String, Vec<u8>)>) -> Vec<(String, String)> {
    let mut shards = Vec::new();
    let mut shard = String::from("[");
    let mut first: Option<&str> = None;
    let mut flush = |shard: &mut String, first: &str, shards: &mut Vec<(String, String)>| {
        shard.push(']');
        let name = format!("{lang}/terms-{}.json", shards.len());
        shards.push((first.to_string(), name.clone()));
        files.push((format!("search/{name}"), std::mem::replace(shard, String::from("[")).into_bytes()));
    };
    for (term, postings) in terms {
        if shard.len() > 1 {
            shard.push(',');
        }
        first.get_or_insert(term);
        shard.push_str(&term_entry(term, postings).to_string());
        if shard.len() >= SHARD_BYTES {
            flush(&mut shard, first.take().unwrap_or_default(), &mut shards);
        }
    }
    if shard.len() > 1 || shards.is_empty() {
        flush(&mut shard, first.unwrap_or_default(), &mut shards);
    }
    shards
}

/// The manifest, term shards, document chunks and facets of one language.
fn language_files(lang: &str, docs: &[&PageEntry]) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let terms = collect_postings(docs);
    let shards = write_shards(lang, &terms, &mut files);
    for (n, chunk) in docs.chunks(DOCS_PER_CHUNK).enumerate() {
        let records: Vec<&Value> = chunk.iter().map(|d| &d.doc).collect();
        files.push((format!("search/{lang}/docs-{n}.json"), json_bytes(&json!(records))));
    }
    files.push((format!("search/{lang}/facets.json"), json_bytes(&facets(docs))));
    let manifest = json!({
        "format": FORMAT_VERSION,
        "lang": lang,
        "docs": docs.len(),
        "terms": terms.len(),
        "chunk": DOCS_PER_CHUNK,
        "docFiles": format!("{lang}/docs-{{n}}.json"),
        "facets": format!("{lang}/facets.json"),
        "shards": shards.iter().map(|(first, file)| json!([first, file])).collect::<Vec<_>>(),
    });
    files.push((format!("search/index-{lang}.json"), json_bytes(&manifest)));
    files
}

/// `[term, spelling, [doc, score, doc, score…]]`: doc ids as gaps from the previous one. `spelling` is the
/// word most often written for the term ("" when it is the term itself, null when none: a reduced form only).
fn term_entry(term: &str, postings: &Postings) -> Value {
    let spelling = postings.spellings.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(w, _)| *w);
    let spelling = match spelling {
        Some(word) if word == term => json!(""),
        Some(word) => json!(word),
        None => Value::Null,
    };
    let mut flat = Vec::with_capacity(postings.docs.len() * 2);
    let mut previous = 0;
    for &(doc, score) in &postings.docs {
        flat.push(doc - previous);
        flat.push(score);
        previous = doc;
    }
    json!([term, spelling, flat])
}

/// Section and products of every document, for the filters of the results page.
fn facets(docs: &[&PageEntry]) -> Value {
    let mut sections: Vec<&str> = docs.iter().map(|d| d.section).collect();
    sections.sort_unstable();
    sections.dedup();
    let mut products: BTreeMap<&str, &str> = BTreeMap::new();
    for doc in docs {
        for (id, title) in &doc.products {
            products.insert(id, title);
        }
    }
    let product_ids: Vec<&str> = products.keys().copied().collect();
    let per_doc: Vec<Value> = docs
        .iter()
        .map(|d| {
            let section = sections.iter().position(|s| *s == d.section).unwrap_or(0);
            let ids: Vec<usize> =
                d.products.iter().filter_map(|(id, _)| product_ids.iter().position(|p| p == id)).collect();
            json!([section, ids])
        })
        .collect();
    json!({
        "sections": sections,
        "products": products.iter().map(|(id, title)| json!([id, title])).collect::<Vec<_>>(),
        "docs": per_doc,
    })
}

fn json_bytes(value: &Value) -> Vec<u8> {
    value.to_string().into_bytes()
}
