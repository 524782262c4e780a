//! A page's distinct words with their counts, and the table that finds a word by a hash computed once.
//!
//! Every word of every page passes through here, then is looked up once more in the site's vocabulary:
//! each distinct word is hashed once, kept in one string per page rather than one allocation per word,
//! and the same hash finds it again in the vocabulary (`terms`).

use super::takes_part;
use crate::analysis::distinct_words;
use crate::analysis::hashed_words::for_each_hashed_word;
use crate::site::Page;

/// Whether two words are the same text: what a `HashIndex` entry found by its hash is checked with.
/// Most words are short; those are compared in two overlapping loads each, as `FxHasher` reads
/// them, rather than through a call to `memcmp`. Every word of every page is checked so, twice.
pub(super) fn same_word(a: &[u8], b: &[u8]) -> bool {
    let len = a.len();
    if len != b.len() {
        return false;
    }
    let u64_at = |s: &[u8], at: usize| s[at..at + 8].try_into().map_or(0, u64::from_le_bytes);
    let u32_at = |s: &[u8], at: usize| s[at..at + 4].try_into().map_or(0, u32::from_le_bytes);
    match len {
        0 => true,
        1..=3 => a[0] == b[0] && a[len / 2] == b[len / 2] && a[len - 1] == b[len - 1],
        4..=7 => u32_at(a, 0) == u32_at(b, 0) && u32_at(a, len - 4) == u32_at(b, len - 4),
        8..=16 => u64_at(a, 0) == u64_at(b, 0) && u64_at(a, len - 8) == u64_at(b, len - 8),
        _ => a == b,
    }
}

/// Marks an empty slot in `HashIndex`.
const EMPTY: u32 = u32::MAX;

/// Finds entries (kept by the caller in a list, in the order they were added) by a hash computed
/// beforehand. An open-addressing table of (hash, entry): the hash is not hashed again, and a slot
/// whose hash differs is passed over without looking at the caller's entry. Every word of every
/// page goes through one of these twice (the page's own words, then the vocabulary).
#[derive(Debug, Default)]
pub(super) struct HashIndex {
    /// A power of two long (or empty), at most half full; `EMPTY` marks a free slot.
    slots: Vec<(u64, u32)>,
    len: usize,
    /// 64 less the bits of a slot number (see `slot_of`).
    shift: u32,
}

impl HashIndex {
    /// The entry with this hash that `matches` accepts.
    pub fn find(&self, hash: u64, mut matches: impl FnMut(usize) -> bool) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut at = self.slot_of(hash);
        loop {
            let (filed, entry) = self.slots[at];
            if entry == EMPTY {
                return None;
            }
            if filed == hash && matches(entry as usize) {
                return Some(entry as usize);
            }
            at = (at + 1) & mask;
        }
    }

    /// Files the next entry (number `len()`) under `hash`; the caller checked it is not there yet.
    pub fn push(&mut self, hash: u64) -> usize {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let entry = self.len as u32;
        self.place(hash, entry);
        self.len += 1;
        entry as usize
    }

    fn place(&mut self, hash: u64, entry: u32) {
        let mask = self.slots.len() - 1;
        let mut at = self.slot_of(hash);
        while self.slots[at].1 != EMPTY {
            at = (at + 1) & mask;
        }
        self.slots[at] = (hash, entry);
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(64);
        let old = std::mem::replace(&mut self.slots, vec![(0, EMPTY); size]);
        self.shift = 64 - size.trailing_zeros();
        for (hash, entry) in old.into_iter().filter(|&(_, entry)| entry != EMPTY) {
            self.place(hash, entry);
        }
    }

    /// Empties the table, keeping its size for the next page.
    fn clear(&mut self) {
        self.slots.fill((0, EMPTY));
        self.len = 0;
    }

    /// The first slot to try for `hash` in a table that is not empty: its bits mixed once more
    /// (Fibonacci hashing) and the top ones taken, so that hashes alike in their low bits spread.
    fn slot_of(&self, hash: u64) -> usize {
        (hash.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
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
        if !takes_part(page) {
            return PageWords::default();
        }
        index.clear();
        let body = page.source.parsed.body.as_str();
        let description = page.front.description.as_deref().unwrap_or("");
        // Sized once for the page (see `distinct_words`): growing both a dozen times cost more.
        let distinct = distinct_words(body) + distinct_words(description);
        let mut counted = PageWords { text: String::with_capacity(distinct * 8), words: Vec::with_capacity(distinct) };
        // Each part on its own: no word runs across the line breaks that once joined them.
        for (text, n) in [(page.title.as_str(), 3), (description, 1), (body, 1)] {
            // Words and their hashes in one pass (the hash's text is compared too, so a collision costs
            // only a comparison).
            for_each_hashed_word(text, |word, hash| {
                match index.find(hash, |at| same_word(counted.bytes_of(&counted.words[at]), word.as_bytes())) {
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

    /// A word's bytes, without `text_of`'s check that it starts and ends on a character.
    fn bytes_of(&self, word: &PageWord) -> &[u8] {
        &self.text.as_bytes()[word.start as usize..word.end as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_word_compares_every_byte_of_words_of_any_length() {
        let word: Vec<u8> = (0..40u8).map(|n| b'a' + n % 26).collect();
        for len in 0..word.len() {
            let a = &word[..len];
            assert!(same_word(a, a));
            assert!(!same_word(a, &word[..len + 1]));
            for at in 0..len {
                let mut b = a.to_vec();
                b[at] = b'#';
                assert!(!same_word(a, &b), "{len} bytes, byte {at} differs");
            }
        }
        assert!(same_word("שלום".as_bytes(), "שלום".as_bytes()));
        assert!(!same_word("שלום".as_bytes(), "שלומ".as_bytes()));
    }

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

    #[test]
    fn finds_every_entry_as_the_table_grows_and_after_clearing() {
        let mut index = HashIndex::default();
        assert_eq!(index.find(1, |_| true), None);
        // Hashes alike in their low bits, and some repeated (colliding words).
        let hashes: Vec<u64> = (0..5_000u64).map(|n| (n / 3) << 40 | (n % 7)).collect();
        for (n, &hash) in hashes.iter().enumerate() {
            assert_eq!(index.push(hash), n);
        }
        for (n, &hash) in hashes.iter().enumerate() {
            assert_eq!(index.find(hash, |at| at == n), Some(n));
        }
        assert_eq!(index.find(u64::MAX, |_| true), None);
        index.clear();
        assert_eq!(index.find(hashes[10], |_| true), None);
        assert_eq!(index.push(hashes[10]), 0);
        assert_eq!(index.find(hashes[10], |at| at == 0), Some(0));
    }
}
