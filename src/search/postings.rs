//! One language's merged postings (term → pages and scores), kept between dev-server builds so that editing a
//! page patches the terms it touches instead of merging 10,000 pages again. A patched merge equals a fresh one.

use super::files::cut_point;
use super::index::PageEntry;
use super::json;
use super::page_terms::{SortedTerms, Written};
use super::vocabulary::{Names, TermId};
use rayon::prelude::*;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// A term, ordered as the browser compares strings (UTF-16 code units), so that its binary search over shard
/// boundaries agrees with the order of the shards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermKey(pub String);

impl Ord for TermKey {
    fn cmp(&self, other: &Self) -> Ordering {
        utf16_order(&self.0, &other.0)
    }
}

/// `a` and `b` compared as their UTF-16 code units, without encoding them: UTF-8's byte order is the
/// code points' order, and UTF-16's agrees with it except where, at the first character that differs,
/// one is past the Basic Multilingual Plane (a surrogate pair, 0xD800–0xDBFF first; its UTF-8 lead byte
/// is F0–F4) and the other in U+E000–U+FFFF (lead byte EE or EF): the pair sorts below. Where the first
/// differing byte is not a lead byte, both characters have the same lead and the orders agree.
pub fn utf16_order(a: &str, b: &str) -> Ordering {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let Some(at) = first_difference(x, y) else { return x.len().cmp(&y.len()) };
    match (x[at], y[at]) {
        (0xF0.., 0xEE..=0xEF) => Ordering::Less,
        (0xEE..=0xEF, 0xF0..) => Ordering::Greater,
        (p, q) => p.cmp(&q),
    }
}

/// The first place where `x` and `y` differ, within the shorter: compared eight bytes at a time, since
/// sorting a site's 100,000 terms compares them millions of times.
fn first_difference(x: &[u8], y: &[u8]) -> Option<usize> {
    let shared = x.len().min(y.len());
    let eight = |bytes: &[u8]| {
        let mut word = [0u8; 8];
        word.copy_from_slice(bytes);
        u64::from_le_bytes(word)
    };
    let mut at = 0;
    while at + 8 <= shared {
        let differ = eight(&x[at..at + 8]) ^ eight(&y[at..at + 8]);
        if differ != 0 {
            return Some(at + (differ.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    (at..shared).find(|&i| x[i] != y[i])
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
    spellings: Spellings,
    /// The serialised shard entry, rebuilt when the postings change.
    pub json: String,
    /// Where a shard may end after this term (decided by the term alone; see `files`).
    pub cut: u32,
}

impl Postings {
    fn serialise(&mut self, term: &str, names: &Names) {
        self.json = term_entry(term, self, names);
        self.cut = cut_point(term);
    }
}

/// How many pages wrote each word for a term: the term itself, and other words (an English stem's
/// inflections, a handful), by their numbers. Most pages write the term as it is.
#[derive(Debug, Default)]
struct Spellings {
    same: u32,
    other: Vec<(TermId, u32)>,
}

impl Spellings {
    fn add(&mut self, spelling: Written) {
        match spelling {
            Written::None => {}
            Written::Same => self.same += 1,
            Written::Other(word) => match self.other.iter_mut().find(|(other, _)| *other == word) {
                Some((_, count)) => *count += 1,
                None => self.other.push((word, 1)),
            },
        }
    }

    fn remove(&mut self, spelling: Written) {
        match spelling {
            Written::None => {}
            Written::Same => self.same = self.same.saturating_sub(1),
            Written::Other(word) => {
                if let Some(at) = self.other.iter().position(|(other, _)| *other == word) {
                    self.other[at].1 -= 1;
                    if self.other[at].1 == 0 {
                        self.other.swap_remove(at);
                    }
                }
            }
        }
    }

    /// The word written most often for `term`, the first in byte order of equally common ones.
    fn best<'a>(&self, term: &'a str, names: &'a Names) -> Option<&'a str> {
        let same = (self.same > 0).then_some((term, self.same));
        let other = self.other.iter().map(|&(word, count)| (names.get(word), count));
        same.into_iter().chain(other).max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0))).map(|(word, _)| word)
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
    /// and only some of them changed. `names` holds every term of `docs`.
    pub fn merge(docs: Vec<Arc<PageEntry>>, previous: Option<LanguagePostings>, names: &Names) -> LanguagePostings {
        match previous {
            Some(previous) if same_pages(&previous.docs, &docs) => previous.patch(docs, names),
            _ => LanguagePostings::fresh(docs, names),
        }
    }

    fn fresh(docs: Vec<Arc<PageEntry>>, names: &Names) -> LanguagePostings {
        // Each term's place in `terms` by its number, in the order first met: pages are visited in id
        // order, so each term's pages come in id order. Counted first, so that each list is made once.
        let mut places = vec![u32::MAX; names.len()];
        let mut counts: Vec<(TermId, u32)> = Vec::new();
        for doc in &docs {
            for (term, _, _) in doc.terms.iter() {
                let place = &mut places[term as usize];
                if *place == u32::MAX {
                    *place = counts.len() as u32;
                    counts.push((term, 0));
                }
                counts[*place as usize].1 += 1;
            }
        }
        let mut terms: Vec<(TermId, Postings)> = counts
            .into_iter()
            .map(|(term, count)| (term, Postings { docs: Vec::with_capacity(count as usize), ..Postings::default() }))
            .collect();
        for (id, doc) in docs.iter().enumerate() {
            for (term, score, spelling) in doc.terms.iter() {
                let postings = &mut terms[places[term as usize] as usize].1;
                postings.docs.push((id as u32, score));
                postings.spellings.add(spelling);
            }
        }
        drop(places);
        let mut terms: Vec<Option<(TermKey, Postings)>> = terms
            .into_par_iter()
            .map(|(term, mut postings)| {
                let key = TermKey(names.get(term).to_string());
                postings.serialise(&key.0, names);
                Some((key, postings))
            })
            .collect();
        let order = browser_order(&terms);
        // Already in order: the map is built from the sorted run without comparing again.
        let sorted = order.into_iter().filter_map(|at| terms[at as usize].take());
        LanguagePostings { docs, terms: sorted.collect(), changes: None }
    }

    fn patch(mut self, docs: Vec<Arc<PageEntry>>, names: &Names) -> LanguagePostings {
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
            let (old, new) = (old.terms.sorted(), new.terms.sorted());
            let kept = |term: TermId, value: (u32, Written), other: &SortedTerms| other.get(term) == Some(value);
            for (term, score, spelling) in old.iter() {
                if kept(term, (score, spelling), &new) {
                    continue;
                }
                let key = TermKey(names.get(term).to_string());
                let Some(postings) = self.terms.get_mut(&key) else { continue };
                if let Ok(at) = postings.docs.binary_search_by_key(&id, |d| d.0) {
                    postings.docs.remove(at);
                }
                postings.spellings.remove(spelling);
                touched.push(key);
            }
            for (term, score, spelling) in new.iter() {
                if kept(term, (score, spelling), &old) {
                    continue;
                }
                let key = TermKey(names.get(term).to_string());
                let postings = self.terms.entry(key.clone()).or_default();
                match postings.docs.binary_search_by_key(&id, |d| d.0) {
                    Ok(at) => postings.docs[at] = (id, score),
                    Err(at) => postings.docs.insert(at, (id, score)),
                }
                postings.spellings.add(spelling);
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
                    postings.serialise(&key.0, names);
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

/// The places of `terms` in the browser's order: sorted by their first eight bytes as one number
/// (`utf16_prefix`), their text compared only where those are equal, and the places moved rather
/// than the postings. Sorting the terms themselves by their text was 5 % of the index's work.
fn browser_order(terms: &[Option<(TermKey, Postings)>]) -> Vec<u32> {
    let key = |at: u32| terms[at as usize].as_ref().map_or("", |(key, _)| key.0.as_str());
    let mut order: Vec<(u64, u32)> = (0..terms.len() as u32).map(|at| (utf16_prefix(key(at)), at)).collect();
    order.par_sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| utf16_order(key(a.1), key(b.1))));
    order.into_iter().map(|(_, at)| at).collect()
}

/// The first eight bytes of `text`, zero-padded, as a number that orders as `utf16_order` does
/// wherever two numbers differ: the lead bytes of characters past the Basic Multilingual Plane
/// (F0–F4) are moved below those of U+E000–U+FFFF (EE, EF). No other byte of UTF-8 is either, so
/// every byte can be mapped alike. Equal numbers say nothing: the texts must then be compared.
pub fn utf16_prefix(text: &str) -> u64 {
    let mut prefix = 0u64;
    for n in 0..8 {
        let byte = text.as_bytes().get(n).map_or(0, |&b| match b {
            0xEE..=0xEF => b + 7,
            0xF0..=0xF4 => b - 2,
            _ => b,
        });
        prefix = prefix << 8 | u64::from(byte);
    }
    prefix
}

fn same_pages(old: &[Arc<PageEntry>], new: &[Arc<PageEntry>]) -> bool {
    old.len() == new.len() && old.iter().zip(new).all(|(a, b)| a.url == b.url)
}

/// `[term, spelling, [gap, score, gap, score…]]`: page ids as gaps from the previous one. `spelling` is the word
/// most often written for the term ("" when it is the term itself, null when only reduced forms lead to it).
fn term_entry(term: &str, postings: &Postings, names: &Names) -> String {
    let spelling = postings.spellings.best(term, names);
    let mut out = String::with_capacity(term.len() + 8 + postings.docs.len() * 6);
    out.push('[');
    json::push_string(&mut out, term);
    match spelling {
        Some(word) if word == term => out.push_str(",\"\","),
        Some(word) => {
            out.push(',');
            json::push_string(&mut out, word);
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
        json::push_number(&mut out, doc - previous);
        out.push(',');
        json::push_number(&mut out, score);
        previous = doc;
    }
    out.push_str("]]");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_sort_as_utf16_code_units() {
        let words = [
            "",
            "a",
            "ab",
            "b",
            "é",
            "z",
            "\u{ffff}",
            "\u{e000}",
            "\u{d7ff}",
            "🎉",
            "🎉a",
            "😀",
            "\u{10000}",
            "\u{10400}",
            "א",
            "אב",
            "ב",
            "a🎉",
            "a\u{ff5e}",
            "aé",
            "abcdefgh",
            "abcdefgh🎉",
            "abcdefgh\u{ff5e}",
            "abcdefghijklmnopq",
            "abcdefghijklmnopr",
            "שלום עולם ארוך מאוד",
            "שלום עולם ארוך מאוב",
            "\u{10ffff}",
            "\u{f0000}",
            "a\0",
            "a\0b",
            "abcdefg\u{e000}",
            "abcdefg\u{10000}",
            "abcdef\u{ff5e}",
            "abcdef\u{10400}",
        ];
        for a in words {
            for b in words {
                let order = a.encode_utf16().cmp(b.encode_utf16());
                assert_eq!(utf16_order(a, b), order, "{a:?} against {b:?}");
                let (x, y) = (utf16_prefix(a), utf16_prefix(b));
                assert!(x == y || x.cmp(&y) == order, "prefixes of {a:?} against {b:?}");
            }
        }
    }
}
