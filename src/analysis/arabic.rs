//! Arabic words: the article ال and the one-letter prefixes (و ف ب ك ل, chained as in وال، بال، فلل), and one
//! plural, dual, feminine or pronoun ending, each removed into a reduced form — as Hebrew prefixes are. The
//! letters were already unified by the normalisation (alef forms → ا, ى → ي, ة → ه, hamza seats ؤ → و, ئ → ي).

use super::{reduced_forms, Form};

pub(super) fn is_arabic_letter(c: char) -> bool {
    // The letters of the Arabic block, without its digits, punctuation and marks.
    matches!(c, '\u{0620}'..='\u{063F}' | '\u{0641}'..='\u{064A}' | '\u{066E}'..='\u{066F}' | '\u{0671}'..='\u{06D3}'
        | '\u{06D5}' | '\u{06EE}'..='\u{06EF}' | '\u{06FA}'..='\u{06FF}')
}

/// Prefix chains: optional و or ف, then optional ب, ك or ل, then optional ال; or ل followed by the article
/// written لل (للكتاب = ل + الكتاب).
pub(super) fn is_prefix_chain(s: &str) -> bool {
    let s = s.strip_prefix(['و', 'ف']).unwrap_or(s);
    if s == "لل" {
        return true;
    }
    let s = s.strip_prefix(['ب', 'ك', 'ل']).unwrap_or(s);
    matches!(s, "" | "ال")
}

/// Arabic stop words as the normalisation leaves them (إلى → الي, على → علي).
#[rustfmt::skip]
const STOP_WORDS: &[&str] = &[
    "في", "من", "علي", "الي", "عن", "مع", "هذا", "هذه", "ذلك", "تلك", "التي", "الذي", "الذين", "ان", "او", "لا",
    "ما", "هو", "هي", "هم", "كان", "كانت", "قد", "ثم", "كل", "بين", "عند", "لم", "لن", "تم", "هل", "كما", "حتي",
    "اذا", "لكن", "وهو", "وهي", "وفي", "ومن", "او", "انه", "انها", "به", "بها", "له", "لها", "فيه", "فيها", "منه",
];

/// The forms of a normalised Arabic word; empty for a stop word or a single letter.
pub(super) fn forms(word: &str) -> Vec<Form> {
    if word.chars().count() < 2 || STOP_WORDS.contains(&word) {
        return Vec::new();
    }
    // The longest chain is four letters (وبال، فكال).
    reduced_forms(word, 4, is_prefix_chain, strip_ending)
}

/// One ending removed: ية (يه after normalisation), the plurals ات ون ين, the dual ان, the pronouns ها هم, and
/// the feminine ة (ه after normalisation).
fn strip_ending(word: &str) -> Option<&str> {
    ["يه", "ات", "ون", "ين", "ان", "ها", "هم", "ه"].iter().find_map(|e| word.strip_suffix(e))
}
