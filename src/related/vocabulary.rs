//! The words of one language met so far, each with its terms, laid out so that finding a known
//! word touches two cache lines: its slot, which holds the word's hash and (for most words) its
//! whole text, and its run in one arena of terms.
//!
//! Every distinct word of every page is looked up here. In the table this replaced (slot → entry →
//! the word's own allocation → its terms' own allocation) each step was a cache miss at 10,000
//! pages, about 5 % of a whole build.

use super::words::same_word;

/// A word's terms as (hash of the term's text, term id): the hash orders a page's terms.
pub(super) type WordTerms = [(u64, u32)];

/// Words up to this many bytes are kept whole in their slot (most words are shorter).
const INLINE: usize = 16;

/// Marks a free slot (`Slot::run`): no run starts there, the arena is far shorter.
const FREE: u32 = u32::MAX;

/// A word in the table: 32 bytes, two to a cache line.
#[derive(Debug, Clone, Copy)]
struct Slot {
    hash: u64,
    /// The word's first bytes (all of them when it has at most `INLINE`), zeros after.
    head: [u8; INLINE],
    len: u32,
    /// Where the word's run starts in `Vocabulary::runs`, or `FREE`.
    run: u32,
}

const EMPTY_SLOT: Slot = Slot { hash: 0, head: [0; INLINE], len: 0, run: FREE };

/// Where a known word's terms are: the start of its run (see `Vocabulary::terms`).
pub(super) type Place = u32;

#[derive(Debug, Default)]
pub(super) struct Vocabulary {
    /// Open addressing, a power of two long (or empty), at most half full.
    slots: Vec<Slot>,
    /// 64 less the bits of a slot number (see `slot_of`).
    shift: u32,
    /// One run per word: a header (the number of terms, and where the word's text starts in
    /// `long_text` if it is longer than `INLINE`), then its terms.
    runs: Vec<(u64, u32)>,
    /// The text of words longer than `INLINE`, one after another.
    long_text: String,
    words: usize,
}

impl Vocabulary {
    /// How many words it holds.
    pub fn len(&self) -> usize {
        self.words
    }

    /// Where `word` (with this `word_hash`) is, if it is known.
    pub fn place(&self, hash: u64, word: &str) -> Option<Place> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut at = self.slot_of(hash);
        loop {
            let slot = &self.slots[at];
            if slot.run == FREE {
                return None;
            }
            if slot.hash == hash && self.holds(slot, word.as_bytes()) {
                return Some(slot.run);
            }
            at = (at + 1) & mask;
        }
    }

    /// The terms of the word at `place`.
    pub fn terms(&self, place: Place) -> &WordTerms {
        let start = place as usize + 1;
        let count = self.runs[place as usize].0 as usize;
        &self.runs[start..start + count]
    }

    /// The terms of `word`, if it is known.
    pub fn find(&self, hash: u64, word: &str) -> Option<&WordTerms> {
        Some(self.terms(self.place(hash, word)?))
    }

    /// Adds `word`, which is not known yet, with its terms.
    pub fn push(&mut self, hash: u64, word: &str, terms: &WordTerms) {
        if (self.words + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let bytes = word.as_bytes();
        let mut head = [0; INLINE];
        let inline = bytes.len().min(INLINE);
        head[..inline].copy_from_slice(&bytes[..inline]);
        let text_start = if bytes.len() > INLINE { self.long_text.len() as u32 } else { 0 };
        if bytes.len() > INLINE {
            self.long_text.push_str(word);
        }
        let run = self.runs.len() as u32;
        self.runs.push((terms.len() as u64, text_start));
        self.runs.extend_from_slice(terms);
        self.place_slot(Slot { hash, head, len: bytes.len() as u32, run });
        self.words += 1;
    }

    /// Whether `slot` holds `word`: by its inline bytes alone when it is short.
    fn holds(&self, slot: &Slot, word: &[u8]) -> bool {
        if slot.len as usize != word.len() {
            return false;
        }
        if word.len() <= INLINE {
            return same_word(&slot.head[..word.len()], word);
        }
        let start = self.runs[slot.run as usize].1 as usize;
        same_word(&self.long_text.as_bytes()[start..start + word.len()], word)
    }

    fn place_slot(&mut self, slot: Slot) {
        let mask = self.slots.len() - 1;
        let mut at = self.slot_of(slot.hash);
        while self.slots[at].run != FREE {
            at = (at + 1) & mask;
        }
        self.slots[at] = slot;
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(64);
        let old = std::mem::replace(&mut self.slots, vec![EMPTY_SLOT; size]);
        self.shift = 64 - size.trailing_zeros();
        for slot in old.into_iter().filter(|slot| slot.run != FREE) {
            self.place_slot(slot);
        }
    }

    /// The first slot to try for `hash`: its bits mixed once more (Fibonacci hashing) and the top
    /// ones taken, so that hashes alike in their low bits spread.
    fn slot_of(&self, hash: u64) -> usize {
        (hash.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms_of(n: u64) -> Vec<(u64, u32)> {
        (0..n % 4).map(|k| (n * 31 + k, (n + k) as u32)).collect()
    }

    #[test]
    fn finds_every_word_short_and_long_as_it_grows() {
        let mut vocabulary = Vocabulary::default();
        assert_eq!(vocabulary.find(1, "a"), None);
        // Words of every length about `INLINE`, some with hashes alike or colliding.
        let words: Vec<String> = (0..3_000u64).map(|n| "x".repeat(1 + (n % 40) as usize) + &n.to_string()).collect();
        let hash = |n: u64| (n / 3) << 40 | (n % 7);
        for (n, word) in words.iter().enumerate() {
            vocabulary.push(hash(n as u64), word, &terms_of(n as u64));
        }
        assert_eq!(vocabulary.len(), words.len());
        for (n, word) in words.iter().enumerate() {
            assert_eq!(vocabulary.find(hash(n as u64), word), Some(&terms_of(n as u64)[..]), "{word}");
            // The same hash with another text, or the same text under another hash, is not found.
            assert_eq!(vocabulary.find(hash(n as u64), &format!("{word}y")), None);
            assert_eq!(vocabulary.find(hash(n as u64) ^ 1 << 63, word), None);
        }
    }

    #[test]
    fn words_alike_in_their_first_bytes_stay_apart() {
        let mut vocabulary = Vocabulary::default();
        let words = ["internationalisation", "internationalisations", "internationalisatioN", "שלום", "שלומ"];
        for (n, word) in words.iter().enumerate() {
            vocabulary.push(7, word, &[(n as u64, n as u32)]);
        }
        for (n, word) in words.iter().enumerate() {
            assert_eq!(vocabulary.find(7, word), Some(&[(n as u64, n as u32)][..]), "{word}");
        }
        assert_eq!(vocabulary.find(7, "internationalisatio"), None);
        assert_eq!(vocabulary.find(7, ""), None);
    }
}
