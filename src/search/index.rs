//! The search index: each page's weighted terms, merged per language into term shards, document chunks and
//! facets under `/search/`. The format is documented in `content/docs/search.md`; the browser side reads it in
//! `themes/default/static/search/core.js`.

use super::files::{language_files, Files, LanguageFiles};
use super::json;
use super::page_terms::PageTerms;
use super::patch;
use super::postings::LanguagePostings;
use super::text::{html_to_text, truncate_text};
use super::vocabulary::Names;
use super::words::weigh_page;
use crate::markdown::{Rendered, SiteMarkdown};
use crate::memo::fingerprint;
use crate::site::{Page, PageKind, Site};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Version of the file format; the client refuses other versions.
pub const FORMAT_VERSION: u32 = 3;

/// Field weights: a word in the title counts ten times a word in the body.
const TITLE_WEIGHT: u32 = 10;
const HEADING_WEIGHT: u32 = 5;
const SUMMARY_WEIGHT: u32 = 3;
const BODY_WEIGHT: u32 = 1;

/// One page's contribution to the index, cached between builds by a fingerprint of its inputs.
#[derive(Debug)]
pub struct PageEntry {
    pub(super) lang: String,
    pub(super) url: String,
    pub(super) section: &'static str,
    /// Product ids and titles the page applies to.
    pub(super) products: Vec<(String, String)>,
    /// The stored record as JSON (url, title, section, date, products, text): the bytes of the page's own
    /// file, which a result list fetches for this page alone.
    pub(super) doc: Arc<[u8]>,
    /// Term → weighted score, and the word written for it.
    pub(super) terms: PageTerms,
    /// Words whose stem the browser cannot compute (see `analysis::is_mapped`) → their stem.
    pub(super) aliases: Vec<(String, String)>,
}

/// A page the build makes besides the content's (the published glossary), as the index sees it.
#[derive(Debug, Clone, Hash)]
pub struct ExtraPage {
    /// The page's URL path inside its language's site: `/glossary/`.
    pub url_path: String,
    pub title: String,
    pub lang: String,
    /// Words weighted as headings (the glossary's terms).
    pub headings: Vec<String>,
    /// The rest, weighted as body text; the excerpt results show.
    pub text: String,
}

/// What the previous build indexed: page entries by fingerprint, and each language's merged postings
/// and files.
#[derive(Debug, Default)]
pub struct SearchCache {
    pub(super) entries: HashMap<u64, Arc<PageEntry>>,
    /// Each page's Markdown key and entry key in the last build, by its place in the site.
    pub(super) page_keys: Vec<(Option<u64>, u64)>,
    /// Where each page's entry (and past the pages, each extra page's) was in the last build: its
    /// language's number among the languages in order, and its place in that language's pages.
    pub(super) places: Vec<Option<(u32, u32)>>,
    /// The extra pages' entry keys in the last build.
    pub(super) extra_keys: Vec<u64>,
    /// Set for one build by `keep_keys_but`: no page's front matter, place or publication changed
    /// since the last build, and these pages' text did (see `site::SiteChanges`).
    bodies_only: Option<Vec<usize>>,
    pub(super) languages: BTreeMap<String, (LanguagePostings, LanguageFiles)>,
    /// How many files the last build serialised (the others kept their bytes).
    pub(crate) written: usize,
    /// How many pages' entry keys the last build kept without hashing the page (`keep_keys_but`).
    pub(crate) keys_kept: usize,
    /// Whether the last build patched the lists of pages (`patch`) rather than making them again.
    pub(crate) patched: bool,
}

impl SearchCache {
    /// Tells the next build that only the text of `changed` pages changed since the last one, so the
    /// other pages keep their entries' keys wherever their Markdown's key is the same: hashing every
    /// page's digest again was the index's per-page cost on a dev-server rebuild.
    pub fn keep_keys_but(&mut self, changed: &[usize]) {
        let mut changed = changed.to_vec();
        changed.sort_unstable();
        self.bodies_only = Some(changed);
    }
}

/// The section a page is filtered by on the results page.
fn section_name(kind: PageKind) -> &'static str {
    kind.rules().search_section
}

/// Builds the index files (output path without leading slash → bytes) of every language of the site,
/// with the `extra` pages the build makes itself. Pages with `search: false` are left out. `cache` is
/// left holding this build's entries.
pub fn build_search_index(site: &Site, markdown: &SiteMarkdown, extra: &[ExtraPage], cache: &mut SearchCache) -> Files {
    let bodies_only = cache.bodies_only.take().filter(|_| cache.page_keys.len() == site.pages.len());
    let previous_keys = std::mem::take(&mut cache.page_keys);
    let kept_key = |i: usize| {
        let changed = bodies_only.as_ref()?;
        let (markdown_key, key) = previous_keys[i];
        (markdown_key == markdown.keys.get(i).copied() && changed.binary_search(&i).is_err()).then_some(key)
    };
    // Only some pages' text changed: their entries are put in the places of their old ones.
    let patched = bodies_only
        .as_ref()
        .and_then(|_| patch::patched_entries(site, markdown, extra, cache, &previous_keys, &kept_key));
    cache.patched = patched.is_some();
    let by_lang = match patched {
        Some((by_lang, page_keys)) => {
            if crate::memo::checking() {
                let fresh_keys = self::page_keys(site, markdown, &|_| None);
                assert!(fresh_keys == page_keys, "cache check failed: a patched search key is stale");
                patch::check_same(&by_lang, &full_entries(site, markdown, extra, cache, &fresh_keys).0);
            }
            cache.page_keys = page_keys;
            by_lang
        }
        None => {
            let page_keys = page_keys(site, markdown, &kept_key);
            let (by_lang, entries, places) = full_entries(site, markdown, extra, cache, &page_keys);
            cache.page_keys = page_keys;
            cache.entries = entries;
            cache.places = places;
            cache.extra_keys = extra.iter().map(|page| extra_key(site, page)).collect();
            by_lang
        }
    };
    cache.keys_kept =
        if bodies_only.is_some() { (0..site.pages.len()).filter(|&i| kept_key(i).is_some()).count() } else { 0 };
    // Every page's terms are numbered by now.
    let names = Names::snapshot();
    let mut previous = std::mem::take(&mut cache.languages);
    let synonyms = &site.config.search.synonyms;
    let work: Vec<_> = by_lang
        .into_iter()
        .map(|(lang, docs)| {
            let kept = previous.remove(&lang);
            (lang, docs, kept)
        })
        .collect();
    // The languages are merged side by side: a merge is mostly one pass over its pages, which would
    // leave the other core idle for the second language.
    let made: Vec<_> = work
        .into_par_iter()
        .map(|(lang, docs, kept)| {
            let (postings, previous_files) = kept.unzip();
            let merged = LanguagePostings::merge(docs, postings, &names);
            let (lang_files, kept, written) =
                language_files(&lang, &merged, synonyms, previous_files.unwrap_or_default());
            (lang, merged, lang_files, kept, written)
        })
        .collect();
    let mut files = Vec::new();
    cache.written = 0;
    let mut languages = Vec::new();
    for (lang, merged, lang_files, kept, written) in made {
        files.extend(lang_files);
        cache.written += written;
        languages.push(json!({ "lang": lang, "dir": crate::lang::text_dir(&lang), "docs": merged.docs.len() }));
        cache.languages.insert(lang, (merged, kept));
    }
    // The list the "all languages" switch searches.
    files.push(("search/languages.json".to_string(), Arc::from(Value::Array(languages).to_string().into_bytes())));
    files
}

/// Each page's Markdown key and entry key: the last build's where `kept_key` has it, else hashed.
pub(super) fn page_keys(
    site: &Site,
    markdown: &SiteMarkdown,
    kept_key: &(impl Fn(usize) -> Option<u64> + Sync),
) -> Vec<(Option<u64>, u64)> {
    (0..site.pages.len())
        .into_par_iter()
        .map(|i| {
            let key = match kept_key(i) {
                Some(key) if !crate::memo::checking() => key,
                Some(key) => {
                    let fresh = entry_key(site, markdown, i);
                    assert!(key == fresh, "cache check failed: a kept search key of page {i} is stale");
                    key
                }
                None => entry_key(site, markdown, i),
            };
            (markdown.keys.get(i).copied(), key)
        })
        .collect()
}

/// Every indexed page's entry (the cached one where its key is the same), grouped by language and in URL
/// order; the entries by key, for the next build; and each slot's place (see `SearchCache::places`).
fn full_entries(
    site: &Site,
    markdown: &SiteMarkdown,
    extra: &[ExtraPage],
    cache: &SearchCache,
    page_keys: &[(Option<u64>, u64)],
) -> (ByLang, HashMap<u64, Arc<PageEntry>>, Places) {
    let text_chars = site.config.search.text_chars;
    let mut entries: Vec<(usize, u64, Arc<PageEntry>)> = (0..site.pages.len())
        .into_par_iter()
        .filter(|&i| indexed(&site.pages[i]))
        .map(|i| {
            let page = &site.pages[i];
            let key = page_keys[i].1;
            let entry = match cache.entries.get(&key) {
                Some(entry) => entry.clone(),
                None => Arc::new(page_entry(site, page, &markdown.pages[i], product_titles(site, page), text_chars)),
            };
            (i, key, entry)
        })
        .collect();
    for (n, page) in extra.iter().enumerate() {
        let key = extra_key(site, page);
        let entry = cache.entries.get(&key).cloned();
        let entry = entry.unwrap_or_else(|| Arc::new(extra_entry(site, page, text_chars)));
        entries.push((site.pages.len() + n, key, entry));
    }
    let mut slots: BTreeMap<&str, Vec<(usize, &Arc<PageEntry>)>> = BTreeMap::new();
    for (slot, _, entry) in &entries {
        slots.entry(&entry.lang).or_default().push((*slot, entry));
    }
    let mut places = vec![None; site.pages.len() + extra.len()];
    let mut by_lang = ByLang::new();
    for (number, (lang, mut docs)) in slots.into_iter().enumerate() {
        docs.sort_by(|a, b| a.1.url.cmp(&b.1.url));
        for (at, (slot, _)) in docs.iter().enumerate() {
            places[*slot] = Some((number as u32, at as u32));
        }
        by_lang.insert(lang.to_string(), docs.into_iter().map(|(_, entry)| entry.clone()).collect());
    }
    (by_lang, entries.into_iter().map(|(_, key, entry)| (key, entry)).collect(), places)
}

/// Each language's entries in URL order.
pub(super) type ByLang = BTreeMap<String, Vec<Arc<PageEntry>>>;

/// Each page's Markdown key and entry key, by its place in the site.
pub(super) type PageKeys = Vec<(Option<u64>, u64)>;

/// Each page's (then each extra page's) language number and place in that language's entries.
type Places = Vec<Option<(u32, u32)>>;

/// Whether page goes into the index: not left out by `search: false`, and not another language's page
/// shown in this one.
pub(super) fn indexed(page: &Page) -> bool {
    page.front.search != Some(false) && page.borrowed.is_none()
}

/// The key an extra page's entry is kept by.
pub(super) fn extra_key(site: &Site, page: &ExtraPage) -> u64 {
    fingerprint((page, site.config.search.text_chars, &site.config.base_path))
}

/// The key page `i`'s entry is kept by: everything `page_entry` reads.
pub(super) fn entry_key(site: &Site, markdown: &SiteMarkdown, i: usize) -> u64 {
    let page = &site.pages[i];
    let products = product_titles(site, page);
    let text_chars = site.config.search.text_chars;
    // The page's digest covers its kind (the result filter) and dates, not only its file.
    fingerprint((
        page.digest(),
        markdown.keys.get(i),
        &page.url_path,
        &page.title,
        &page.lang,
        &products,
        page.date.as_ref().map(|d| d.iso_date()),
        text_chars,
        &site.config.base_path,
        // Results show the date as pages do.
        site.config.date_style(&page.lang),
    ))
}

pub(super) fn product_titles(site: &Site, page: &Page) -> Vec<(String, String)> {
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
pub(super) fn page_entry(
    site: &Site,
    page: &Page,
    rendered: &Rendered,
    products: Vec<(String, String)>,
    text_chars: usize,
) -> PageEntry {
    let body = html_to_text(&rendered.html);
    let front = &page.front;
    // Words repeat: each one's weight is counted first, then every distinct word expanded into its forms once.
    let (terms, aliases) = weigh_page(&page.lang, &body, |words| {
        words.add(&page.title, TITLE_WEIGHT);
        for heading in &rendered.headings {
            words.add(&heading.title, HEADING_WEIGHT);
        }
        let extras = front.summary.iter().chain(&front.description).chain(&front.tags);
        for extra in extras.chain(products.iter().map(|p| &p.1)) {
            words.add(extra, SUMMARY_WEIGHT);
        }
        words.add(&body, BODY_WEIGHT);
    });
    let section = section_name(page.kind);
    let summary = front.summary.as_ref().or(front.description.as_ref()).map_or("", |s| s.as_str());
    let date = page.date.as_ref();
    let record = Record {
        date: &date.map(|d| d.iso_date()).unwrap_or_default(),
        shown_date: &date.map(|d| d.display(&page.lang, site.config.date_style(&page.lang))).unwrap_or_default(),
        summary,
        products: &products,
        section,
        title: &page.title,
        url: &site.url(&page.url_path),
        text: truncate_text(&body, text_chars),
    };
    let doc = record.to_json(256 + text_chars.min(body.len()));
    PageEntry { lang: page.lang.clone(), url: page.url_path.clone(), section, products, doc, terms, aliases }
}

/// Analyses a page the build made: its title, headings and text, filed with the plain pages.
pub(super) fn extra_entry(site: &Site, page: &ExtraPage, text_chars: usize) -> PageEntry {
    let (terms, aliases) = weigh_page(&page.lang, &page.text, |words| {
        words.add(&page.title, TITLE_WEIGHT);
        for heading in &page.headings {
            words.add(heading, HEADING_WEIGHT);
        }
        words.add(&page.text, BODY_WEIGHT);
    });
    let section = section_name(PageKind::Page);
    let record = Record {
        date: "",
        shown_date: "",
        summary: "",
        products: &[],
        section,
        title: &page.title,
        url: &site.url(&page.url_path),
        text: truncate_text(&page.text, text_chars),
    };
    let doc = record.to_json(256 + text_chars);
    PageEntry {
        lang: page.lang.clone(),
        url: page.url_path.clone(),
        section,
        products: Vec::new(),
        doc,
        terms,
        aliases,
    }
}

/// A page's record: what a result shows and its excerpts are cut from.
struct Record<'a> {
    date: &'a str,
    shown_date: &'a str,
    summary: &'a str,
    products: &'a [(String, String)],
    section: &'a str,
    title: &'a str,
    url: &'a str,
    text: &'a str,
}

impl Record<'_> {
    /// The record's fields in key order, as `serde_json` writes an object.
    fn to_json(&self, capacity: usize) -> Arc<[u8]> {
        let mut doc = String::with_capacity(capacity);
        doc.push_str("{\"d\":");
        json::push_string(&mut doc, self.date);
        doc.push_str(",\"dd\":");
        json::push_string(&mut doc, self.shown_date);
        doc.push_str(",\"m\":");
        json::push_string(&mut doc, self.summary);
        doc.push_str(",\"p\":[");
        for (n, (_, title)) in self.products.iter().enumerate() {
            if n > 0 {
                doc.push(',');
            }
            json::push_string(&mut doc, title);
        }
        doc.push_str("],\"s\":");
        json::push_string(&mut doc, self.section);
        doc.push_str(",\"t\":");
        json::push_string(&mut doc, self.title);
        doc.push_str(",\"u\":");
        json::push_string(&mut doc, self.url);
        doc.push_str(",\"x\":");
        json::push_string(&mut doc, self.text);
        doc.push('}');
        Arc::from(doc.into_bytes())
    }
}
