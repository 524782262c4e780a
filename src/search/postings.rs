//! One language's merged postings (term → pages and scores), kept between dev-server builds so that editing a
//! page patches the terms it touches instead of merging 10,000 pages again. A patched merge equals a fresh one.

use super::files::cut_point;
use super::index::PageEntry;
use super::page_terms::Written;
use rustc_hash::FxHashMap as HashMap;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// A term, ordered as the browser compares strings (UTF-16 code units), so that its binary search over shard
/// boundaries agrees with the order of the shards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermKey(pub String);

impl Ord for TermKey {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.encode_utf16().cmp(other.0.encode_utf16())
    }
}

impl PartialOrd for TermKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A term's pages (id, score) in id order, how often each spelling led to it, and its shard entry.
#[derive(Debug, Default)]
pub struct Postings {
    pub docs: Vec<(u32, u32)>,
    spellings: BTreeMap<String, u32>,
    /// The serialised shard entry, rebuilt when the postings change.
    pub json: String,
    /// Where a shard may end after this term (decided by the term alone; see `files`).
    pub cut: u32,
}

impl Postings {
    fn serialise(&mut self, term: &str) {
        self.json = term_entry(term, self);
        self.cut = cut_point(term);
    }
}

/// The pages of one language (in id order) and every term's postings.
#[derive(Debug, Default)]
pub struct LanguagePostings {
    pub docs: Vec<Arc<PageEntry>>,
    pub terms: BTreeMap<TermKey, Postings>,
    /// What changed since the previous build's files were written; `None` when everything may have.
    pub changes: Option<Changes>,
}

/// What a patch changed, so that only the files holding it are written again.
#[derive(Debug, Default)]
pub struct Changes {
    /// Terms whose shard entry changed, appeared or disappeared.
    pub terms: BTreeSet<TermKey>,
    /// Positions in `docs` of the pages whose entry changed.
    pub docs: Vec<usize>,
    /// Whether a page's section or products changed (the facets file).
    pub facets: bool,
}

impl LanguagePostings {
    /// Merges `docs` (already in id order), reusing `previous` when it holds the same pages in the same order
    /// and only some of them changed.
    pub fn merge(docs: Vec<Arc<PageEntry>>, previous: Option<LanguagePostings>) -> LanguagePostings {
        match previous {
            Some(previous) if same_pages(&previous.docs, &docs) => previous.patch(docs),
            _ => LanguagePostings::fresh(docs),
        }
    }

    fn fresh(docs: Vec<Arc<PageEntry>>) -> LanguagePostings {
        let mut merged: HashMap<&str, Postings> = HashMap::default();
        for (id, doc) in docs.iter().enumerate() {
            for (term, score, spelling) in doc.terms.iter() {
                let postings = merged.entry(term).or_default();
                postings.docs.push((id as u32, score));
                if let Some(written) = written(term, spelling) {
                    *postings.spellings.entry(written.to_string()).or_default() += 1;
                }
            }
        }
        let terms = merged
            .into_iter()
            .map(|(term, mut postings)| {
                postings.serialise(term);
                (TermKey(term.to_string()), postings)
            })
            .collect();
        LanguagePostings { docs, terms, changes: None }
    }

    fn patch(mut self, docs: Vec<Arc<PageEntry>>) -> LanguagePostings {
        let mut touched: Vec<TermKey> = Vec::new();
        let mut changes = Changes::default();
        for (id, (old, new)) in self.docs.iter().zip(&docs).enumerate() {
            if Arc::ptr_eq(old, new) {
                continue;
            }
            changes.docs.push(id);
            changes.facets |= old.section != new.section || old.products != new.products;
            let id = id as u32;
            // A term the page weighs and spells as before keeps its postings: only the others are
            // taken out and put back (a common term's entry lists thousands of pages).
            let kept = |term: &str, value: (u32, Written), other: &PageEntry| other.terms.get(term) == Some(value);
            for (term, score, spelling) in old.terms.iter() {
                if kept(term, (score, spelling), new) {
                    continue;
                }
                let key = TermKey(term.to_string());
                let Some(postings) = self.terms.get_mut(&key) else { continue };
                if let Ok(at) = postings.docs.binary_search_by_key(&id, |d| d.0) {
                    postings.docs.remove(at);
                }
                if let Some(written) = written(term, spelling) {
                    if let Some(count) = postings.spellings.get_mut(written) {
                        *count -= 1;
                        if *count == 0 {
                            postings.spellings.remove(written);
                        }
                    }
                }
                touched.push(key);
            }
            for (term, score, spelling) in new.terms.iter() {
                if kept(term, (score, spelling), old) {
                    continue;
                }
                let key = TermKey(term.to_string());
                let postings = self.terms.entry(key.clone()).or_default();
                match postings.docs.binary_search_by_key(&id, |d| d.0) {
                    Ok(at) => postings.docs[at] = (id, score),
                    Err(at) => postings.docs.insert(at, (id, score)),
                }
                if let Some(written) = written(term, spelling) {
                    *postings.spellings.entry(written.to_string()).or_default() += 1;
                }
                touched.push(key);
            }
        }
        touched.sort();
        touched.dedup();
        for key in touched {
            match self.terms.get_mut(&key) {
                Some(postings) if postings.docs.is_empty() => {
                    self.terms.remove(&key);
                    changes.terms.insert(key);
                }
                Some(postings) => {
                    let before = std::mem::take(&mut postings.json);
                    postings.serialise(&key.0);
                    if postings.json != before {
                        changes.terms.insert(key);
                    }
                }
                None => {}
            }
        }
        self.docs = docs;
        self.changes = Some(changes);
        self
    }
}

fn same_pages(old: &[Arc<PageEntry>], new: &[Arc<PageEntry>]) -> bool {
    old.len() == new.len() && old.iter().zip(new).all(|(a, b)| a.url == b.url)
}

/// The word a page wrote for `term`, if any.
fn written<'a>(term: &'a str, spelling: Written<'a>) -> Option<&'a str> {
    match spelling {
        Written::None => None,
        Written::Same => Some(term),
        Written::Other(word) => Some(word),
    }
}

/// `[term, spelling, [gap, score, gap, score…]]`: page ids as gaps from the previous one. `spelling` is the word
/// most often written for the term ("" when it is the term itself, null when only reduced forms lead to it).
fn term_entry(term: &str, postings: &Postings) -> String {
    use std::fmt::Write;
    let spelling = postings.spellings.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(w, _)| w);
    let mut out = String::with_capacity(term.len() + 8 + postings.docs.len() * 6);
    out.push('[');
    push_json_string(&mut out, term);
    match spelling {
        Some(word) if word == term => out.push_str(",\"\","),
        Some(word) => {
            out.push(',');
            push_json_string(&mut out, word);
            out.push(',');
        }
        None => out.push_str(",null,"),
    }
    out.push('[');
    let mut previous = 0;
    for (i, &(doc, score)) in postings.docs.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        // Writing into a String cannot fail.
        let _ = write!(out, "{},{}", doc - previous, score);
        previous = doc;
    }
    out.push_str("]]");
    out
}

fn push_json_string(out: &mut String, text: &str) {
    // serde_json escapes exactly as JSON requires; a &str always serialises.
    out.push_str(&serde_json::to_string(text).unwrap_or_default());
}
