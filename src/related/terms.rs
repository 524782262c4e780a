//! Each page's terms as ids with their counts: the page's words analysed as search analyses them,
//! each distinct word expanded into its terms once per build session rather than once per page.
//!
//! The work is parallel wherever it is heavy: splitting pages into words, finding the words not
//! met before, expanding those into their forms, and turning each page's words into term ids.
//! Only giving new terms their ids is sequential, and it sees each new term once.

use super::hash_sort::{sort_by_hash, Buckets, Entry};
use super::vocabulary::{Place, Vocabulary};
use super::words::{same_word, HashIndex, PageWords};
use super::TermCounts;
use crate::analysis::memo_word_forms;
use crate::site::Site;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// Words remembered per language before the memo starts afresh, bounding memory in a long
/// `folio serve` session (a site's whole vocabulary is usually far smaller).
const MEMO_WORDS: usize = 1_000_000;

/// Pages whose words are split and held at once: enough to keep every core busy.
const BATCH_PAGES: usize = 4096;

/// The first batch of a build is smaller, and each next one four times larger up to `BATCH_PAGES`:
/// a fresh build's first batch meets every word as new (each is collected as new on every page,
/// then looked up once more after `learn`), while once a few hundred pages are learnt most words
/// of the next pages are known and are looked up only once. Which pages a batch holds changes
/// only which ids terms get, and no list depends on ids (see `order_key`).
const FIRST_BATCH_PAGES: usize = 256;

/// Term ids and the words they come from, kept between builds.
#[derive(Debug, Default)]
pub(super) struct Terms {
    ids: FxHashMap<Arc<str>, u32>,
    /// Term id → a hash of its text, and its text: the order a page's terms are listed in.
    names: Vec<(u64, Arc<str>)>,
    /// Page language → the words (as `for_each_word` gives them) met so far.
    words: FxHashMap<String, Vocabulary>,
}

/// A page's term entries and the buffers that sort them, reused from page to page.
type PageScratch = (Vec<Entry>, Buckets);

/// Marks a word not in the vocabulary in `Terms::places`.
const UNKNOWN: Place = Place::MAX;

/// A word not in the vocabulary yet, with the hash computed once (see `words`).
/// Sorted by the hash first: two words seldom share one, so the sort seldom compares text.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct NewWord<'a> {
    hash: u64,
    lang: &'a str,
    word: &'a str,
}

/// New words, each once, found by their hash (see `words::HashIndex`).
#[derive(Default)]
struct NewWords<'a> {
    index: HashIndex,
    words: Vec<NewWord<'a>>,
}

impl<'a> NewWords<'a> {
    fn insert(&mut self, new: NewWord<'a>) {
        let words = &self.words;
        // Languages are mostly the same string (see `learn`): the pointers tell them apart quickest.
        let same = |at: usize| {
            let old = &words[at];
            (std::ptr::eq(old.lang, new.lang) || old.lang == new.lang)
                && same_word(old.word.as_bytes(), new.word.as_bytes())
        };
        if self.index.find(new.hash, same).is_none() {
            self.index.push(new.hash);
            self.words.push(new);
        }
    }
}

impl Terms {
    /// How many terms have an id (ids are `0..len`).
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// The term counts of `pages` (indices into `site.pages`), each in the order of `order_key`.
    pub fn count(&mut self, site: &Site, pages: &[usize]) -> Vec<TermCounts> {
        // A page's words take about as much memory as its text; only a batch of pages keeps theirs at
        // once, so the stage's memory does not grow with the site (100,000 pages: over 1 GB of words).
        let mut counts = Vec::with_capacity(pages.len());
        let (mut rest, mut size) = (pages, FIRST_BATCH_PAGES);
        while !rest.is_empty() {
            let (batch, next) = rest.split_at(size.min(rest.len()));
            counts.extend(self.count_batch(site, batch));
            (rest, size) = (next, (size * 4).min(BATCH_PAGES));
        }
        counts
    }

    fn count_batch(&mut self, site: &Site, pages: &[usize]) -> Vec<TermCounts> {
        if self.words.values().any(|memo| memo.len() >= MEMO_WORDS) {
            self.words.clear();
        }
        let words: Vec<PageWords> = pages
            .par_iter()
            .map_init(HashIndex::default, |index, &i| PageWords::count(&site.pages[i], index))
            .collect();
        let places = self.places(site, pages, &words);
        self.learn(site, pages, &words, &places);
        let (memo, names) = (&self.words, &self.names);
        pages
            .par_iter()
            .zip(words)
            .zip(places)
            .map_init(PageScratch::default, |(counts, buckets), ((&i, words), places)| {
                let Some(memo) = memo.get(&site.pages[i].lang) else { return TermCounts::default() };
                // (hash of the term's text, term id, count): sorted by the first two, a term's
                // entries from different words are side by side, in the order of `order_key`
                // unless two terms' hashes collide.
                counts.clear();
                for ((word, counted), place) in words.iter().zip(places) {
                    let terms = match place {
                        UNKNOWN => memo.find(counted.hash, word).unwrap_or_default(),
                        known => memo.terms(known),
                    };
                    counts.extend(terms.iter().map(|&(hash, id)| (hash, id, counted.count)));
                }
                sort_by_hash(counts, buckets);
                counts.dedup_by(|later, kept| {
                    let same = later.1 == kept.1;
                    if same {
                        kept.2 += later.2;
                    }
                    same
                });
                if counts.windows(2).any(|w| w[0].0 == w[1].0) {
                    counts.sort_unstable_by(|a, b| order_key(names, a.1).cmp(&order_key(names, b.1)));
                }
                Arc::new(counts.iter().map(|&(_, id, count)| (id, count)).collect())
            })
            .collect()
    }

    /// For each page, where each of its words is in the vocabulary of its language (`UNKNOWN` for
    /// words not met before), so that a word known already is looked up once, not once more after
    /// `learn`.
    fn places(&self, site: &Site, pages: &[usize], words: &[PageWords]) -> Vec<Vec<Place>> {
        pages
            .par_iter()
            .zip(words)
            .map(|(&i, words)| {
                let Some(known) = self.words.get(&site.pages[i].lang) else { return vec![UNKNOWN; words.len()] };
                words.iter().map(|(w, c)| known.place(c.hash, w).unwrap_or(UNKNOWN)).collect()
            })
            .collect()
    }

    /// Expands the words not met before (`places`) into their terms, and gives new terms their ids.
    /// New words are taken in an order that depends only on them, so a fresh build gives the same
    /// ids every time.
    fn learn(&mut self, site: &Site, pages: &[usize], words: &[PageWords], places: &[Vec<Place>]) {
        // One string per language, so that telling two words' languages apart seldom reads them.
        let mut languages: Vec<&str> = Vec::new();
        let langs: Vec<&str> = pages
            .iter()
            .map(|&i| {
                let lang = site.pages[i].lang.as_str();
                match languages.iter().find(|&&known| known == lang) {
                    Some(&known) => known,
                    None => {
                        languages.push(lang);
                        lang
                    }
                }
            })
            .collect();
        let unknown = langs
            .par_iter()
            .zip(words)
            .zip(places)
            .fold(NewWords::default, |mut set, ((&lang, words), places)| {
                let new = words.iter().zip(places).filter(|(_, &place)| place == UNKNOWN);
                for ((word, counted), _) in new {
                    set.insert(NewWord { lang, hash: counted.hash, word });
                }
                set
            })
            .reduce(NewWords::default, |a, b| {
                let (mut into, from) = if a.words.len() < b.words.len() { (b, a) } else { (a, b) };
                for new in from.words {
                    into.insert(new);
                }
                into
            });
        let mut unknown = unknown.words;
        unknown.par_sort_unstable();
        // Through the analysis' own memo, which the search index reads next for the same words.
        let forms: Vec<_> = unknown.par_iter().map(|new| memo_word_forms(new.word, new.lang)).collect();
        let Terms { ids, names, words: vocabularies } = self;
        let mut terms = Vec::new();
        for (new, forms) in unknown.into_iter().zip(forms) {
            terms.clear();
            terms.extend(forms.iter().map(|form| {
                let id = term_id(ids, names, &form.term);
                (names[id as usize].0, id)
            }));
            if !vocabularies.contains_key(new.lang) {
                vocabularies.insert(new.lang.to_string(), Vocabulary::default());
            }
            if let Some(vocabulary) = vocabularies.get_mut(new.lang) {
                vocabulary.push(new.hash, new.word, &terms);
            }
        }
    }
}

/// A term's id, given it now if it has none.
fn term_id(ids: &mut FxHashMap<Arc<str>, u32>, names: &mut Vec<(u64, Arc<str>)>, term: &str) -> u32 {
    if let Some(&id) = ids.get(term) {
        return id;
    }
    let id = names.len() as u32;
    let term: Arc<str> = term.into();
    names.push((crate::memo::fingerprint(&*term), term.clone()));
    ids.insert(term, id);
    id
}

/// Where a term goes in a page's list: by a hash of its text, then its text. Ids are given out in
/// the order terms are first met, which differs between a fresh build and a long dev session, so
/// an id must not decide an order; a hash of the text is as good as the text and quicker to compare.
fn order_key(names: &[(u64, Arc<str>)], id: u32) -> (u64, &str) {
    let (hash, name) = &names[id as usize];
    (*hash, name)
}
