//! Each page's terms as ids with their counts: the page's words analysed as search analyses them,
//! each distinct word expanded into its terms once per build session rather than once per page.
//!
//! The work is parallel wherever it is heavy: splitting pages into words, finding the words not
//! met before, expanding those into their forms, and turning each page's words into term ids.
//! Only giving new terms their ids is sequential, and it sees each new term once.

use super::{takes_part, TermCounts};
use crate::analysis::{for_each_word, memo_word_forms};
use crate::site::{Page, Site};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::Arc;

/// Words remembered per language before the memo starts afresh, bounding memory in a long
/// `folio serve` session (a site's whole vocabulary is usually far smaller).
const MEMO_WORDS: usize = 1_000_000;

/// Term ids and the words they come from, kept between builds.
#[derive(Debug, Default)]
pub(super) struct Terms {
    ids: FxHashMap<Arc<str>, u32>,
    /// Term id → its text, and a hash of its text: the order a page's terms are listed in.
    names: Vec<(u64, Arc<str>)>,
    /// Page language → word (as `for_each_word` gives it) → its term ids.
    words: FxHashMap<String, FxHashMap<Box<str>, Arc<[u32]>>>,
}

impl Terms {
    /// How many terms have an id (ids are `0..len`).
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// The term counts of `pages` (indices into `site.pages`), each in the order of `order_key`.
    pub fn count(&mut self, site: &Site, pages: &[usize]) -> Vec<TermCounts> {
        if self.words.values().any(|memo| memo.len() >= MEMO_WORDS) {
            self.words.clear();
        }
        let words: Vec<Vec<(String, u32)>> = pages.par_iter().map(|&i| count_words(&site.pages[i])).collect();
        self.learn(site, pages, &words);
        let (memo, names) = (&self.words, &self.names);
        pages
            .par_iter()
            .zip(words)
            .map(|(&i, words)| {
                let Some(memo) = memo.get(&site.pages[i].lang) else { return TermCounts::default() };
                let mut counts: Vec<(u32, u32)> = Vec::with_capacity(words.len() * 2);
                for (word, n) in &words {
                    counts.extend(memo[word.as_str()].iter().map(|&id| (id, *n)));
                }
                counts.sort_unstable_by_key(|&(id, _)| id);
                counts.dedup_by(|later, kept| {
                    let same = later.0 == kept.0;
                    if same {
                        kept.1 += later.1;
                    }
                    same
                });
                counts.sort_unstable_by(|a, b| order_key(names, a.0).cmp(&order_key(names, b.0)));
                Arc::new(counts)
            })
            .collect()
    }

    /// Expands the words not met before into their terms, and gives new terms their ids. New words
    /// are taken in their text's order, so a fresh build gives the same ids every time.
    fn learn(&mut self, site: &Site, pages: &[usize], words: &[Vec<(String, u32)>]) {
        let memo = &self.words;
        let unknown: FxHashSet<(&str, &str)> = pages
            .par_iter()
            .zip(words)
            .fold(FxHashSet::default, |mut set, (&i, words)| {
                let lang = site.pages[i].lang.as_str();
                let known = memo.get(lang);
                let new = words.iter().filter(|(w, _)| known.is_none_or(|m| !m.contains_key(w.as_str())));
                set.extend(new.map(|(w, _)| (lang, w.as_str())));
                set
            })
            .reduce(FxHashSet::default, |mut a, b| {
                if a.len() < b.len() {
                    return b.into_iter().chain(a).collect();
                }
                a.extend(b);
                a
            });
        let mut unknown: Vec<(&str, &str)> = unknown.into_iter().collect();
        unknown.par_sort_unstable();
        // Through the analysis' own memo, which the search index reads next for the same words.
        let forms: Vec<Vec<String>> = unknown
            .par_iter()
            .map(|(lang, word)| memo_word_forms(word, lang).iter().map(|f| f.term.clone()).collect())
            .collect();
        for ((lang, word), forms) in unknown.into_iter().zip(forms) {
            let ids: Arc<[u32]> = forms.into_iter().map(|term| self.id(term)).collect();
            self.words.entry(lang.to_string()).or_default().insert(word.into(), ids);
        }
    }

    fn id(&mut self, term: String) -> u32 {
        if let Some(&id) = self.ids.get(term.as_str()) {
            return id;
        }
        let id = self.names.len() as u32;
        let term: Arc<str> = term.into();
        self.names.push((crate::memo::fingerprint(&*term), term.clone()));
        self.ids.insert(term, id);
        id
    }
}

/// Where a term goes in a page's list: by a hash of its text, then its text. Ids are given out in
/// the order terms are first met, which differs between a fresh build and a long dev session, so
/// an id must not decide an order; a hash of the text is as good as the text and quicker to compare.
fn order_key(names: &[(u64, Arc<str>)], id: u32) -> (u64, &str) {
    let (hash, name) = &names[id as usize];
    (*hash, name)
}

/// The distinct words of a page's text with their counts. The title counts three times: it says
/// what the page is about better than any sentence. Pages that take no part have no words.
fn count_words(page: &Page) -> Vec<(String, u32)> {
    if !takes_part(page) {
        return Vec::new();
    }
    let body = page.source.parsed.body.as_str();
    let capacity = crate::analysis::distinct_words(body);
    let mut words: FxHashMap<String, u32> = FxHashMap::with_capacity_and_hasher(capacity, Default::default());
    // Each part on its own: no word runs across the line breaks that once joined them.
    let description = page.front.description.as_deref().unwrap_or("");
    for (text, n) in [(page.title.as_str(), 3), (description, 1), (body, 1)] {
        for_each_word(text, |word| match words.get_mut(word) {
            Some(count) => *count += n,
            None => {
                words.insert(word.to_string(), n);
            }
        });
    }
    words.into_iter().collect()
}
