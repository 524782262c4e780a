//! A page's words weighed into its terms. Every word of every page passes through here, so each thread
//! remembers, per page language, each word it has met with its forms (from the process's memo, which
//! related pages filled) already numbered (`vocabulary`):
//! a word repeated on a page costs one lookup by its text, and everything after it is integers.
//! A word of up to 15 bytes (nearly every one) is looked up as one 128-bit number made of its
//! bytes, so that the lookup hashes two integers and compares one instead of hashing and comparing
//! bytes; a page's terms are weighed in a table indexed by their numbers rather than in a map.

use super::page_terms::{PageTerms, Slot, NONE, SAME};
use super::vocabulary::{intern, TermId};
use crate::analysis::{distinct_words, fold_written, for_each_word, is_mapped, memo_word_forms, FormKind};
use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;

/// Distinct words a thread remembers per language before it starts afresh (bounds memory in a long
/// `folio serve` session; a site's whole vocabulary is usually far smaller).
const MEMO_WORDS: usize = 200_000;

/// What a word written on a page in one language is indexed as.
struct WordTerms {
    /// The word folded as terms are (`fold_written`), and its number.
    folded: Box<str>,
    folded_id: TermId,
    /// Its forms' numbers, and whether each is a surface form.
    forms: Box<[(TermId, bool)]>,
    /// The stem, when the browser cannot compute it (`is_mapped`).
    alias: Option<Box<str>>,
}

/// One thread's words of one page language: each word's place in `words` by its text.
#[derive(Default)]
struct LanguageWords {
    /// Words of up to 15 bytes by `short_key`, the longer ones by their text.
    short_places: HashMap<u128, u32>,
    places: HashMap<Box<str>, u32>,
    words: Vec<WordTerms>,
    /// The weight of each word (by place) on the page being weighed, 0 for the words it does not
    /// have: an index instead of a map per page, since every word of the page adds to it.
    weights: Vec<u32>,
}

impl LanguageWords {
    /// The place of `written` (as `for_each_word` gives it), analysed the first time it is met.
    fn place(&mut self, written: &str, lang: &str) -> u32 {
        let key = short_key(written);
        let found = match key {
            Some(key) => self.short_places.get(&key),
            None => self.places.get(written),
        };
        if let Some(&place) = found {
            return place;
        }
        // Related pages have usually worked out the forms of the site's words already.
        let forms = memo_word_forms(written, lang);
        let folded = fold_written(written);
        let alias =
            forms.first().filter(|f| f.term != *folded && is_mapped(&folded, lang)).map(|f| f.term.as_str().into());
        let ids = intern(std::iter::once(&*folded).chain(forms.iter().map(|f| f.term.as_str())));
        let place = self.words.len() as u32;
        self.words.push(WordTerms {
            folded: (*folded).into(),
            folded_id: ids[0],
            forms: forms.iter().zip(&ids[1..]).map(|(f, &id)| (id, f.kind == FormKind::Surface)).collect(),
            alias,
        });
        match key {
            Some(key) => self.short_places.insert(key, place),
            None => self.places.insert(written.into(), place),
        };
        self.weights.push(0);
        place
    }
}

/// A word of up to 15 bytes as one number: its bytes, zero-padded, and its length in the last byte,
/// so that two words never share a key.
///
/// Read with overlapping loads of 8, 4 or 1 bytes rather than copied into a buffer: that copy (a call to
/// `memcpy` for every word of every page) cost as much as the lookup.
fn short_key(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    let len = bytes.len();
    if len > 15 {
        return None;
    }
    let (low, high) = if len >= 8 {
        // Bytes 8.. are the top `len - 8` bytes of the last eight.
        let high = if len == 8 { 0 } else { load8(&bytes[len - 8..]) >> ((16 - len) * 8) };
        (load8(bytes), high)
    } else {
        (load_short(bytes), 0)
    };
    Some(u128::from(low) | u128::from(high | (len as u64) << 56) << 64)
}

/// Eight bytes, little-endian.
fn load8(bytes: &[u8]) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(&bytes[..8]);
    u64::from_le_bytes(word)
}

/// Up to seven bytes, little-endian and zero-padded: two overlapping loads of four, or each byte.
fn load_short(bytes: &[u8]) -> u64 {
    let len = bytes.len();
    let four = |at: usize| {
        let mut word = [0u8; 4];
        word.copy_from_slice(&bytes[at..at + 4]);
        u64::from(u32::from_le_bytes(word))
    };
    if len >= 4 {
        // The bytes both loads cover are the same: or-ing them keeps them.
        four(0) | four(len - 4) << ((len - 4) * 8)
    } else {
        bytes.iter().rev().fold(0, |key, &b| key << 8 | u64::from(b))
    }
}

/// One thread's words of every page language, and the table a page's terms are weighed in.
#[derive(Default)]
struct ThreadWords {
    languages: HashMap<String, LanguageWords>,
    /// Each term's weighing on the page being weighed, by the term's number; all empty between pages.
    terms: Vec<Weighing>,
}

thread_local! {
    static WORDS: RefCell<ThreadWords> = RefCell::new(ThreadWords::default());
}

/// Texts of a page with the weight of a word in each, counted then expanded into terms.
pub struct Weigher<'a> {
    lang: &'a str,
    words: &'a mut LanguageWords,
    /// The places of the page's words, each once, their weights in `words.weights`.
    places: Vec<u32>,
}

impl Weigher<'_> {
    /// Adds `weight` to each word of `text`.
    pub fn add(&mut self, text: &str, weight: u32) {
        let (words, places, lang) = (&mut *self.words, &mut self.places, self.lang);
        for_each_word(text, |word| {
            let place = words.place(word, lang);
            let counted = &mut words.weights[place as usize];
            if *counted == 0 {
                places.push(place);
            }
            *counted += weight;
        });
    }
}

/// Calls `fill` to add a page's texts (`body` sizes the tables), then weighs them: each distinct word's
/// forms get the word's weight (doubled for the word as written), and each term the spelling the page
/// writes: the word itself, or for a stem the most weighted word that led to it (the first in reverse
/// byte order of equal ones). Also the words the browser cannot stem, with their stems.
pub fn weigh_page(lang: &str, body: &str, fill: impl FnOnce(&mut Weigher)) -> (PageTerms, Vec<(String, String)>) {
    WORDS.with(|memo| {
        let mut memo = memo.borrow_mut();
        let ThreadWords { languages, terms } = &mut *memo;
        if !languages.contains_key(lang) {
            languages.insert(lang.to_string(), LanguageWords::default());
        }
        let words = languages.get_mut(lang).expect("inserted above");
        // Cleared only between pages: a page's places stay valid while it is weighed.
        if words.words.len() >= MEMO_WORDS {
            *words = LanguageWords::default();
        }
        let mut weigher = Weigher { lang, words, places: Vec::with_capacity(distinct_words(body)) };
        fill(&mut weigher);
        let Weigher { words, places, .. } = weigher;
        let weights: Vec<(u32, u32)> = places.iter().map(|&place| (place, words.weights[place as usize])).collect();
        for &place in &places {
            words.weights[place as usize] = 0;
        }
        weigh(words, &weights, terms)
    })
}

/// Per term: its weight, whether a word is written as the term, and the place of the most weighted word
/// that reaches it through its stem, with that word's weight.
type Weighing = (u32, bool, Option<(u32, u32)>);

/// `weights`: each of the page's words (by place) once, with its weight; their order does not
/// matter (scores add up, and the spelling chosen is the same in any order). `table` is empty and
/// left empty: a term's entry is filled while it is weighed, then taken out into its slot.
fn weigh(
    words: &LanguageWords,
    weights: &[(u32, u32)],
    table: &mut Vec<Weighing>,
) -> (PageTerms, Vec<(String, String)>) {
    let forms = weights.iter().map(|&(place, _)| words.words[place as usize].forms.len()).sum();
    // The page's terms, each once: a term is new on the page while its score is 0 (every weight is positive).
    let mut terms: Vec<TermId> = Vec::with_capacity(forms);
    let mut aliases = Vec::new();
    for &(place, weight) in weights {
        let word = &words.words[place as usize];
        if let Some(stem) = &word.alias {
            aliases.push((word.folded.to_string(), stem.to_string()));
        }
        for &(term, surface) in word.forms.iter() {
            if table.len() <= term as usize {
                table.resize(term as usize + 1, Weighing::default());
            }
            let entry = &mut table[term as usize];
            if entry.0 == 0 {
                terms.push(term);
            }
            entry.0 += weight * if surface { 2 } else { 1 };
            if surface && term == word.folded_id {
                entry.1 = true;
            } else if surface {
                let better = |(w, best): (u32, u32)| {
                    let best = &*words.words[best as usize].folded;
                    (weight, std::cmp::Reverse(&*word.folded)) > (w, std::cmp::Reverse(best))
                };
                if entry.2.is_none_or(better) {
                    entry.2 = Some((weight, place));
                }
            }
        }
    }
    let slots: Vec<Slot> = terms
        .into_iter()
        .map(|term| {
            let (score, same, stem) = std::mem::take(&mut table[term as usize]);
            let spelling = match stem {
                _ if same => SAME,
                Some((_, place)) => words.words[place as usize].folded_id,
                None => NONE,
            };
            Slot { term, score, spelling }
        })
        .collect();
    aliases.sort_unstable();
    aliases.dedup();
    (PageTerms::new(slots), aliases)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_keys_tell_every_word_apart() {
        let words = ["a", "a\0", "ab", "abc", "abcdefghijklmno", "abcdefghijklmnop", "שלום", "שלו", "\0"];
        let keys: Vec<Option<u128>> = words.iter().map(|w| short_key(w)).collect();
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                assert!(a.is_none() || a != b, "{keys:?}");
            }
        }
        // The key is the bytes, zero-padded, with the length in the last byte.
        for len in 0..=15 {
            let word: String = "abcdefghijklmnop".chars().take(len).collect();
            let mut key = [0u8; 16];
            key[..len].copy_from_slice(word.as_bytes());
            key[15] = len as u8;
            assert_eq!(short_key(&word), Some(u128::from_le_bytes(key)), "{word}");
        }
        assert!(short_key("abcdefghijklmno").is_some());
        assert!(short_key("abcdefghijklmnop").is_none());
    }

    #[test]
    fn a_page_weighs_the_same_on_a_thread_that_weighed_others() {
        let weigh_text = |text: &str| weigh_page("en", text, |words| words.add(text, 1));
        let first = weigh_text("running runs runner the indexes indexing of searches");
        weigh_text("other words entirely, weighed between: searching indexed ran");
        let again = weigh_text("running runs runner the indexes indexing of searches");
        assert_eq!(first, again);
        assert!(!first.0.iter().collect::<Vec<_>>().is_empty());
    }
}
