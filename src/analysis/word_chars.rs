//! Which characters make words and which join them, for the splitter (`split.rs`): byte tables and
//! tests for its fast paths over ASCII and Hebrew runs, and the character rules of the slow path.

use super::{is_hebrew_letter, is_ignored_mark};
use unicode_normalization::UnicodeNormalization;

/// `ASCII_CLASSES` of an ASCII letter or digit (other bytes are 0), and of a capital letter.
pub(super) const WORD: u8 = 1;
pub(super) const CAPITAL: u8 = 2;

/// Each byte's class for the scan of an ASCII run: a table is quicker than three range tests.
pub(super) static ASCII_CLASSES: [u8; 256] = {
    let mut classes = [0; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() {
            classes[b] = if byte.is_ascii_uppercase() { WORD | CAPITAL } else { WORD };
        }
        b += 1;
    }
    classes
};

/// Whether the byte at `at`, right after a run of letters or digits that ends in a letter or digit,
/// surely ends a word: the end of the text, or an ASCII character that is neither a letter or digit
/// nor a quote mark that may join the word, nor a `,` or `.` after a digit (`1,000`, `3.5`).
pub(super) fn ends_word(bytes: &[u8], at: usize) -> bool {
    match bytes.get(at) {
        None => true,
        Some(b'\'' | b'"' | b'`') => false,
        Some(b',' | b'.') => !bytes[at - 1].is_ascii_digit(),
        Some(&b) => b.is_ascii() && !b.is_ascii_alphanumeric(),
    }
}

/// Whether the second byte of a Hebrew letter's two (`D7 xx`) makes it a final letter: ך ם ן ף ץ.
pub(super) fn is_final_letter_byte(b: u8) -> bool {
    matches!(b, 0x9A | 0x9D | 0x9F | 0xA3 | 0xA5)
}

/// Whether a Hebrew letter (U+05D0–U+05EA: `D7 90`–`D7 AA` in UTF-8) starts at byte `at`.
pub(super) fn is_plain_hebrew_letter(bytes: &[u8], at: usize) -> bool {
    bytes.get(at) == Some(&0xD7) && bytes.get(at + 1).is_some_and(|b| (0x90..=0xAA).contains(b))
}

/// Latin letters with accents and Cyrillic letters (whose й and ё NFKD would take apart) are kept whole in a
/// word's written form, for the stemmers.
pub(super) fn keeps_accent(c: char) -> bool {
    matches!(c, '\u{00C0}'..='\u{024F}' | '\u{0400}'..='\u{04FF}')
}

/// Quote marks inside a word, and `,`/`.` between digits, keep the word whole. The caller drops the quotes and
/// commas and keeps a decimal point.
pub(super) fn joins_word(c: char, previous: Option<char>, next: Option<char>) -> bool {
    let Some(previous) = previous else { return false };
    if !matches!(
        c,
        '\'' | '"' | '\u{05F3}' | '\u{05F4}' | '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' | '`' | ',' | '.'
    ) {
        return false;
    }
    let next_folded = next.and_then(|n| std::iter::once(n).nfkd().find(|d| !is_ignored_mark(*d)));
    let Some(next) = next_folded else { return false };
    match c {
        ',' | '.' => previous.is_ascii_digit() && next.is_ascii_digit(),
        _ => is_word_char(previous) && is_word_char(next) && !next.is_numeric(),
    }
}

pub(super) fn is_word_char(c: char) -> bool {
    // Fast paths for the common scripts: the Unicode tables are slow to search.
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        is_hebrew_letter(c) || c.is_alphabetic() || c.is_numeric()
    }
}

pub(super) fn is_number_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        !is_hebrew_letter(c) && c.is_numeric()
    }
}
