//! The words of a text with a hash of each, in one pass: what related pages count every page's words with.
//!
//! Nearly every word is a run of ASCII letters and digits, or of plain Hebrew letters, between spaces and
//! punctuation. Such a run is found, folded (lower case, final letters made ordinary) and hashed here as it is
//! scanned, with no word built up character by character. Anything else — marks, quotes inside a word,
//! numbers with `,` or `.`, other scripts, a Hebrew particle written against the next word — is handed to the
//! splitter itself ([`for_each_word`]), which defines what a word is, for the stretch of text up to a space.
//!
//! Why a stretch may be split on its own: at an ASCII space or line break the splitter ends the open word,
//! and a particle it holds back (`ה` in `ה-API`) is dropped only when the next word follows it closely
//! (`held_is_attached`), never across a space; it looks back no further than the byte before a run. So the
//! words of `text` are the words of the parts it is cut into at such bytes, one after another. The tests
//! compare this scan with `for_each_word` on many generated texts.

use super::for_each_word;
use super::hebrew;
use super::word_chars::{ends_word, is_final_letter_byte, is_plain_hebrew_letter, ASCII_CLASSES, CAPITAL};
use rustc_hash::FxHasher;
use std::hash::Hasher;

/// The hash a word is filed under in related pages' tables (`FxHasher` over its bytes).
pub fn word_hash(word: &str) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(word.as_bytes());
    hasher.finish()
}

/// Calls `visit` with each word of `text` and its [`word_hash`], exactly as [`for_each_word`] gives them,
/// allocating nothing per word.
pub fn for_each_hashed_word(text: &str, mut visit: impl FnMut(&str, u64)) {
    let bytes = text.as_bytes();
    // A word with capitals or final letters, folded; reused from word to word.
    let mut folded = String::new();
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        if b.is_ascii_alphanumeric() {
            let (end, capitals) = ascii_run(bytes, at);
            if !ends_word(bytes, end) {
                at = slow_stretch(text, at, &mut visit);
                continue;
            }
            let word = match capitals {
                false => &text[at..end],
                true => fold_ascii(&text[at..end], &mut folded),
            };
            visit(word, word_hash(word));
            at = end;
        } else if is_plain_hebrew_letter(bytes, at) {
            let (end, finals) = hebrew_run(bytes, at);
            let word = match finals {
                false => &text[at..end],
                true => fold_hebrew(&text[at..end], &mut folded),
            };
            // A particle chain (`ה`, `של`, `וכש`) may belong to the next word, unless a space follows.
            let spaced = bytes.get(end).is_none_or(u8::is_ascii_whitespace);
            if !ends_word(bytes, end) || (!spaced && hebrew::is_prefix_chain(word)) {
                at = slow_stretch(text, at, &mut visit);
                continue;
            }
            visit(word, word_hash(word));
            at = end;
        } else if b.is_ascii() {
            // Between words, no ASCII character starts or joins one (quotes join only inside a word).
            at += 1;
        } else {
            at = slow_stretch(text, at, &mut visit);
        }
    }
}

/// The end of the run of ASCII letters and digits at `at`, and whether it has capitals.
fn ascii_run(bytes: &[u8], at: usize) -> (usize, bool) {
    let (mut end, mut classes) = (at, 0);
    while let Some(&class) = bytes.get(end).map(|&b| &ASCII_CLASSES[usize::from(b)]).filter(|&&c| c != 0) {
        classes |= class;
        end += 1;
    }
    (end, classes & CAPITAL != 0)
}

/// The end of the run of plain Hebrew letters at `at`, and whether it has final letters.
fn hebrew_run(bytes: &[u8], at: usize) -> (usize, bool) {
    let (mut end, mut finals) = (at, false);
    while is_plain_hebrew_letter(bytes, end) {
        finals |= is_final_letter_byte(bytes[end + 1]);
        end += 2;
    }
    (end, finals)
}

fn fold_ascii<'a>(run: &str, folded: &'a mut String) -> &'a str {
    folded.clear();
    folded.push_str(run);
    folded.make_ascii_lowercase();
    folded
}

/// Final letters (ך ם ן ף ץ) as ordinary ones.
fn fold_hebrew<'a>(run: &str, folded: &'a mut String) -> &'a str {
    folded.clear();
    folded.extend(run.chars().map(hebrew::ordinary_letter));
    folded
}

/// The text from `at`, where no word is open, up to an ASCII space or line break, given to the splitter;
/// returns where the scan goes on. The stretch runs on over further words that the scan could not take
/// either (Russian, Arabic, pointed Hebrew), so that such a text is split in a few calls, not one per word.
fn slow_stretch(text: &str, at: usize, visit: &mut impl FnMut(&str, u64)) -> usize {
    let bytes = text.as_bytes();
    let mut end = next_space(bytes, at);
    while end < bytes.len() {
        let next = next_space(bytes, end + 1);
        if is_plain(&bytes[end + 1..next]) {
            break;
        }
        end = next;
    }
    for_each_word(&text[at..end], |word| visit(word, word_hash(word)));
    end
}

/// The first ASCII space, tab or line break at or after `at`, or the end.
fn next_space(bytes: &[u8], at: usize) -> usize {
    bytes[at..].iter().position(u8::is_ascii_whitespace).map_or(bytes.len(), |n| at + n)
}

/// Whether the scan likely takes these bytes itself: ASCII but quote marks, and plain Hebrew letters.
fn is_plain(bytes: &[u8]) -> bool {
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'\'' | b'"' | b'`' => return false,
            b if b.is_ascii() => at += 1,
            _ if is_plain_hebrew_letter(bytes, at) => at += 2,
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
#[path = "hashed_words_tests.rs"]
mod tests;
