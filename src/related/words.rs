//! A page's distinct words with their counts, and the table that finds a word by a hash computed once.
//!
//! Every word of every page passes through here, then is looked up once more in the site's vocabulary:
//! each distinct word is hashed once, kept in one string per page rather than one allocation per word,
//! and the same hash finds it again in the vocabulary (`terms`).

use super::takes_part;
use crate::analysis::for_each_word;
use crate::site::Page;
use rustc_hash::{FxHashMap, FxHasher};
use std::hash::Hasher;

/// Marks the end of a chain in `HashIndex`.
const NONE: u32 = u32::MAX;

/// The hash a word is filed under (its text is compared too, so a collision costs only a comparison).
pub(super) fn hash_word(word: &str) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(word.as_bytes());
    hasher.finish()
}

/// Finds entries (kept by the caller in a list, in the order they were added) by a hash computed
/// beforehand: each hash leads to the last entry added with it, and each entry to the one before
/// it with the same hash.
#[derive(Debug, Default)]
pub(super) struct HashIndex {
    heads: FxHashMap<u64, u32>,
    next: Vec<u32>,
}

impl HashIndex {
    /// The entry with this hash that `matches` accepts.
    pub fn find(&self, hash: u64, mut matches: impl FnMut(usize) -> bool) -> Option<usize> {
        let mut at = *self.heads.get(&hash)?;
        while at != NONE {
            if matches(at as usize) {
                return Some(at as usize);
            }
            at = self.next[at as usize];
        }
        None
    }

    /// Files the next entry (number `len()`) under `hash`; the caller checked it is not there yet.
    pub fn push(&mut self, hash: u64) -> usize {
        let at = self.next.len() as u32;
        self.next.push(self.heads.insert(hash, at).unwrap_or(NONE));
        at as usize
    }

    fn clear(&mut self) {
        self.heads.clear();
        self.next.clear();
    }
}

/// A page's distinct words: their text one after another, and for each its hash, where its text
/// ends and how often it occurs.
#[derive(Debug, Default)]
pub(super) struct PageWords {
    text: String,
    words: Vec<PageWord>,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct PageWord {
    pub hash: u64,
    start: u32,
    end: u32,
    pub count: u32,
}

impl PageWords {
    /// The distinct words of a page's text with their counts. The title counts three times: it says
    /// what the page is about better than any sentence. Pages that take no part have no words.
    /// `index` is scratch space, reused from page to page.
    pub fn count(page: &Page, index: &mut HashIndex) -> PageWords {
        let mut counted = PageWords::default();
        if !takes_part(page) {
            return counted;
        }
        index.clear();
        let body = page.source.parsed.body.as_str();
        let description = page.front.description.as_deref().unwrap_or("");
        // Each part on its own: no word runs across the line breaks that once joined them.
        for (text, n) in [(page.title.as_str(), 3), (description, 1), (body, 1)] {
            for_each_word(text, |word| {
                let hash = hash_word(word);
                match index.find(hash, |at| counted.text_of(&counted.words[at]) == word) {
                    Some(at) => counted.words[at].count += n,
                    None => {
                        index.push(hash);
                        let start = counted.text.len() as u32;
                        counted.text.push_str(word);
                        counted.words.push(PageWord { hash, start, end: counted.text.len() as u32, count: n });
                    }
                }
            });
        }
        counted
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, PageWord)> + '_ {
        self.words.iter().map(|word| (self.text_of(word), *word))
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    fn text_of(&self, word: &PageWord) -> &str {
        &self.text[word.start as usize..word.end as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colliding_hashes_keep_their_entries_apart() {
        let mut index = HashIndex::default();
        let names = ["a", "b", "c"];
        for _ in names {
            index.push(7);
        }
        for (i, name) in names.iter().enumerate() {
            assert_eq!(index.find(7, |at| names[at] == *name), Some(i));
        }
        assert_eq!(index.find(7, |_| false), None);
        assert_eq!(index.find(8, |_| true), None);
    }
}
