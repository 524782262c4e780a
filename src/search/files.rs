//! One language's index files — term shards, one small file per page, facets and the manifest — written
//! so that after an edit only the files holding what changed are serialised again; the others keep
//! the previous build's bytes. A page's file is its record's bytes, shared with the page's cached entry.
//!
//! For that, where a shard ends must not depend on everything before it: cutting every 40 KB would
//! move every later cut when one entry grows by a byte. A shard therefore ends after a term that
//! the term's own hash picks, once the shard holds `MIN_SHARD_BYTES` (or at `MAX_SHARD_BYTES`
//! whatever the term). A term is picked with a chance in proportion to its entry's size, one cut
//! per `SHARD_GAP_BYTES` on average, so shards stay near 40 KB whether entries are small or large.
//! An edit moves the cuts of the shards it touches, and they fall back into step at the next
//! picked term.

use super::index::{PageEntry, FORMAT_VERSION};
use super::postings::{LanguagePostings, Postings, TermKey};
use crate::memo::fingerprint;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use serde_json::{json, Value};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Shards hold 32–64 KB of JSON, about 40 KB on average: a first query stays far under 100 KB
/// compressed on a 10,000-page site, and a small site has one shard.
const MIN_SHARD_BYTES: usize = 32_000;
const MAX_SHARD_BYTES: usize = 64_000;
/// Past the minimum, a shard ends on average after this many more bytes.
const SHARD_GAP_BYTES: u32 = 8_000;

/// Where in a gap a shard may end after `term`: a property of the term alone, the same in every
/// build. A shard past its minimum ends after the term when this is below the entry's size.
pub fn cut_point(term: &str) -> u32 {
    // The high bits of the hash are its best mixed.
    ((fingerprint(term) >> 32) % u64::from(SHARD_GAP_BYTES)) as u32
}

/// The previous build's files of one language, for their bytes.
#[derive(Debug, Default)]
pub struct LanguageFiles {
    /// Each shard by its first term.
    shards: HashMap<String, KeptShard>,
    facets: Option<Arc<[u8]>>,
}

/// A shard of the previous build: its last term, number of entries, digest of its aliases and bytes.
type KeptShard = (String, usize, u64, Arc<[u8]>);

/// Index files as (output path without leading slash, bytes).
pub type Files = Vec<(String, Arc<[u8]>)>;

/// The manifest, term shards, page records and facets of one language, and how many of them were
/// serialised rather than taken from `previous` (a page's record counts when the page changed).
pub fn language_files(
    lang: &str,
    merged: &LanguagePostings,
    synonyms: &[Vec<String>],
    previous: LanguageFiles,
) -> (Files, LanguageFiles, usize) {
    // Without a record of what changed, nothing of the previous build is reused.
    let previous = if merged.changes.is_some() { previous } else { LanguageFiles::default() };
    let mut files = Files::new();
    let mut kept = LanguageFiles::default();
    let mut written = 0;
    let shards = write_shards(lang, merged, &previous, &mut files, &mut kept, &mut written);
    let docs = &merged.docs;
    // Result lists fetch the records of the results they show, one small file each (a chunk of
    // neighbours would bring nine records nobody asked for: a query's results are spread over the site).
    written += merged.changes.as_ref().map_or(docs.len(), |c| c.docs.len());
    for (n, doc) in docs.iter().enumerate() {
        files.push((format!("search/{lang}/docs/{n}.json"), doc.doc.clone()));
    }
    let facets = match previous.facets {
        Some(bytes) if merged.changes.as_ref().is_some_and(|c| !c.facets) => bytes,
        _ => {
            written += 1;
            json_bytes(&facets(docs))
        }
    };
    kept.facets = Some(facets.clone());
    files.push((format!("search/{lang}/facets.json"), facets));
    let mut manifest = json!({
        "format": FORMAT_VERSION,
        "lang": lang,
        "docs": docs.len(),
        "terms": merged.terms.len(),
        "docFiles": format!("{lang}/docs/{{n}}.json"),
        "facets": format!("{lang}/facets.json"),
        // What the results page's section filter offers, without fetching every page's facets.
        "sections": sections(docs),
        "shards": shards.iter().map(|(first, file)| json!([first, file])).collect::<Vec<_>>(),
    });
    // The site's synonym groups, expanded by the browser at query time: no page's terms depend on them.
    if !synonyms.is_empty() {
        manifest["synonyms"] = json!(synonyms);
    }
    files.push((format!("search/index-{lang}.json"), json_bytes(&manifest)));
    (files, kept, written + 1)
}

/// One entry of a shard: a term's postings, a word the site wrote whose postings are its stem's (`[word,
/// stem]`, for stems the browser cannot compute), or a term that is both (its postings with the stem
/// appended).
enum Entry<'a> {
    Term(&'a Postings),
    Alias(&'a str),
    Both(&'a Postings, &'a str),
}

impl Entry<'_> {
    fn json(&self, key: &TermKey) -> Cow<'_, str> {
        match self {
            Entry::Term(postings) => Cow::Borrowed(postings.json.as_str()),
            Entry::Alias(stem) => format!("[{},{}]", json_str(&key.0), json_str(stem)).into(),
            Entry::Both(postings, stem) => {
                let json = postings.json.strip_suffix(']').unwrap_or(&postings.json);
                format!("{json},{}]", json_str(stem)).into()
            }
        }
    }

    /// The length of `json`, without making it for a term.
    fn len(&self, key: &TermKey) -> usize {
        match self {
            Entry::Term(postings) => postings.json.len(),
            _ => self.json(key).len(),
        }
    }

    /// Where a shard may end after this entry, decided by its key alone.
    fn cut(&self, key: &TermKey) -> u32 {
        match self {
            Entry::Term(postings) | Entry::Both(postings, _) => postings.cut,
            Entry::Alias(_) => cut_point(&key.0),
        }
    }
}

fn json_str(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    super::json::push_string(&mut out, text);
    out
}

/// Every page's aliases by word. Merged afresh in every build; only sites in languages whose stems
/// the browser cannot compute have any.
fn aliases(merged: &LanguagePostings) -> BTreeMap<TermKey, &str> {
    let mut aliases: BTreeMap<TermKey, &str> = BTreeMap::new();
    for doc in &merged.docs {
        for (word, stem) in &doc.aliases {
            aliases.entry(TermKey(word.clone())).or_insert(stem.as_str());
        }
    }
    aliases
}

/// The terms and the aliases, merged in key order. An iterator, not a list: at 10,000 pages a list
/// of every entry is megabytes of fresh memory on every rebuild, and the kernel's zeroing of it
/// cost more than the walk.
fn entries<'a>(
    terms: impl Iterator<Item = (&'a TermKey, &'a Postings)>,
    aliases: impl Iterator<Item = (&'a TermKey, &'a &'a str)>,
) -> impl Iterator<Item = (&'a TermKey, Entry<'a>)> {
    let mut terms = terms.peekable();
    let mut aliases = aliases.peekable();
    std::iter::from_fn(move || match (terms.peek(), aliases.peek()) {
        (Some(&(key, postings)), Some(&(word, stem))) => match word.cmp(key) {
            std::cmp::Ordering::Less => {
                aliases.next();
                Some((word, Entry::Alias(stem)))
            }
            std::cmp::Ordering::Equal => {
                terms.next();
                aliases.next();
                Some((key, Entry::Both(postings, stem)))
            }
            std::cmp::Ordering::Greater => {
                terms.next();
                Some((key, Entry::Term(postings)))
            }
        },
        (Some(&(key, postings)), None) => {
            terms.next();
            Some((key, Entry::Term(postings)))
        }
        (None, Some(&(word, stem))) => {
            aliases.next();
            Some((word, Entry::Alias(stem)))
        }
        (None, None) => None,
    })
}

/// Cuts the sorted entries into shards (see the module comment); returns each shard's first term
/// and file name. A shard with the same entries as one of the previous build, none of them changed,
/// keeps its bytes.
fn write_shards(
    lang: &str,
    merged: &LanguagePostings,
    previous: &LanguageFiles,
    files: &mut Files,
    kept: &mut LanguageFiles,
    written: &mut usize,
) -> Vec<(String, String)> {
    let changed = merged.changes.as_ref().map(|c| &c.terms);
    let aliases = aliases(merged);
    // Where the shards end is one pass over the entries' sizes; the shards are then made on every core.
    let mut ranges: Vec<(&TermKey, &TermKey, usize, usize)> = Vec::new();
    let (mut first, mut n, mut size) = (None, 0, 1);
    let mut last = None;
    for (key, entry) in entries(merged.terms.iter(), aliases.iter()) {
        let len = entry.len(key);
        size += len + 1;
        n += 1;
        last = Some(key);
        let start = *first.get_or_insert(key);
        let picked = (entry.cut(key) as usize) < len;
        if size >= MAX_SHARD_BYTES || (size >= MIN_SHARD_BYTES && picked) {
            ranges.push((start, key, n, size));
            (first, n, size) = (None, 0, 1);
        }
    }
    if let (Some(start), Some(last)) = (first, last) {
        ranges.push((start, last, n, size));
    }
    let made: Vec<_> = ranges
        .into_par_iter()
        .map(|(first, last, n, size)| {
            let range = || entries(merged.terms.range(first..=last), aliases.range(first..=last));
            // Hashed by what they are rather than by their JSON, which is made of them.
            let aliases = fingerprint(
                range()
                    .filter_map(|(k, e)| match e {
                        Entry::Term(_) => None,
                        Entry::Alias(stem) | Entry::Both(_, stem) => Some((&k.0, stem)),
                    })
                    .collect::<Vec<_>>(),
            );
            let unchanged = changed.is_some_and(|c| c.range(first..=last).next().is_none());
            let bytes = match previous.shards.get(&first.0) {
                Some((end, count, digest, bytes))
                    if unchanged && *end == last.0 && *count == n && *digest == aliases =>
                {
                    (bytes.clone(), false)
                }
                _ => {
                    let mut shard = String::with_capacity(size + 1);
                    shard.push('[');
                    for (i, (key, entry)) in range().enumerate() {
                        if i > 0 {
                            shard.push(',');
                        }
                        shard.push_str(&entry.json(key));
                    }
                    shard.push(']');
                    (Arc::from(shard.into_bytes()), true)
                }
            };
            (first, last, n, aliases, bytes)
        })
        .collect();
    let mut shards = Vec::new();
    for (first, last, n, aliases, (bytes, fresh)) in made {
        *written += usize::from(fresh);
        let name = format!("{lang}/terms-{}.json", shards.len());
        shards.push((first.0.clone(), name.clone()));
        kept.shards.insert(first.0.clone(), (last.0.clone(), n, aliases, bytes.clone()));
        files.push((format!("search/{name}"), bytes));
    }
    if shards.is_empty() {
        *written += 1;
        shards.push((String::new(), format!("{lang}/terms-0.json")));
        files.push((format!("search/{lang}/terms-0.json"), Arc::from(&b"[]"[..])));
    }
    shards
}

/// The sections the language's pages are in, sorted.
fn sections(docs: &[Arc<PageEntry>]) -> Vec<&'static str> {
    let mut sections: Vec<&str> = docs.iter().map(|d| d.section).collect();
    sections.sort_unstable();
    sections.dedup();
    sections
}

/// Section and products of every document, for the filters of the results page.
fn facets(docs: &[Arc<PageEntry>]) -> Value {
    let sections = sections(docs);
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

fn json_bytes(value: &Value) -> Arc<[u8]> {
    Arc::from(value.to_string().into_bytes())
}
