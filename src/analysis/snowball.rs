//! Words in other scripts: stop words dropped, then reduced to their Snowball stem — Cyrillic words with the
//! Russian stemmer, Latin words with the stemmer of the page's language (French, German, Spanish) or else the
//! English one. The stemmer reads the word with its accents (Spanish `información` and `informaciones` share a
//! stem only then), and the stem is folded afterwards.
//!
//! The browser runs the English stemmer itself (`analysis.js`); for the others the index maps every word the
//! site wrote to its stem, and [`is_mapped`] says which words those are.

use super::{normalize, Form, FormKind};
use rust_stemmers::{Algorithm, Stemmer};
use std::borrow::Cow;
use std::sync::OnceLock;

/// Which stemmer reduces a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Stemming {
    English,
    Russian,
    French,
    German,
    Spanish,
    /// Greek and other scripts without a stemmer here: the folded word.
    None,
}

/// The stemmer of a (non-Hebrew, non-Arabic) word on a page in `lang`.
pub(super) fn stemming(word: &str, lang: &str) -> Stemming {
    let first = word.chars().next().unwrap_or(' ');
    if ('\u{0400}'..='\u{04FF}').contains(&first) {
        return Stemming::Russian;
    }
    if !first.is_ascii_alphanumeric() && !('\u{00C0}'..='\u{024F}').contains(&first) {
        return Stemming::None;
    }
    match base_lang(lang) {
        "fr" => Stemming::French,
        "de" => Stemming::German,
        "es" => Stemming::Spanish,
        _ => Stemming::English,
    }
}

/// How many distinct Latin stemmers a page language can pick ([`lang_class`]).
pub(super) const LANG_CLASSES: usize = 4;

/// A number for the Latin stemmer of `lang`: the forms of a word depend on the language only through it.
pub(super) fn lang_class(lang: &str) -> usize {
    match base_lang(lang) {
        "fr" => 1,
        "de" => 2,
        "es" => 3,
        _ => 0,
    }
}

/// `pt-BR` → `pt`.
fn base_lang(lang: &str) -> &str {
    lang.split(['-', '_']).next().unwrap_or(lang)
}

/// True when the browser cannot stem `word` itself, so the index of `lang` maps the word to its stem.
pub fn is_mapped(word: &str, lang: &str) -> bool {
    matches!(stemming(word, lang), Stemming::Russian | Stemming::French | Stemming::German | Stemming::Spanish)
}

/// Stop words by stemmer, folded as the normalisation leaves them (a short list each: a knowledge site is
/// searched for rare words, and a query must match all its words).
#[rustfmt::skip]
const ENGLISH_STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "do", "does", "for", "from", "had", "has", "have", "he",
    "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "no", "not", "of", "on", "or",
    "our", "she", "so", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
    "those", "to", "too", "us", "was", "we", "were", "what", "when", "where", "which", "who", "why", "will", "with",
    "you", "your",
];
#[rustfmt::skip]
const RUSSIAN_STOP_WORDS: &[&str] = &[
    "и", "в", "во", "не", "что", "он", "на", "я", "с", "со", "как", "а", "то", "все", "она", "так", "его", "но",
    "да", "ты", "к", "у", "же", "вы", "за", "бы", "по", "ее", "мне", "было", "вот", "от", "меня", "о", "из", "ему",
    "ли", "если", "или", "ни", "быть", "был", "до", "вас", "нибудь", "уже", "для", "при", "без", "это", "этот",
    "эта", "эти", "мы", "они", "их", "чтобы", "где", "там", "тут", "кто", "чем", "вам",
];
#[rustfmt::skip]
const FRENCH_STOP_WORDS: &[&str] = &[
    "a", "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "elle", "en", "et", "eux", "il", "je", "la",
    "le", "les", "leur", "lui", "ma", "mais", "me", "meme", "mes", "moi", "mon", "ne", "nos", "notre", "nous", "on",
    "ou", "par", "pas", "pour", "qu", "que", "qui", "sa", "se", "ses", "son", "sur", "ta", "te", "tes", "toi",
    "ton", "tu", "un", "une", "vos", "votre", "vous", "c", "d", "j", "l", "m", "n", "s", "t", "y", "est",
];
#[rustfmt::skip]
const GERMAN_STOP_WORDS: &[&str] = &[
    "aber", "als", "am", "an", "auch", "auf", "aus", "bei", "bin", "bis", "da", "das", "dass", "dem", "den", "der",
    "des", "die", "du", "ein", "eine", "einem", "einen", "einer", "eines", "er", "es", "fur", "hat", "ich", "ihr",
    "im", "in", "ist", "mit", "nach", "nicht", "noch", "oder", "sich", "sie", "sind", "so", "um", "und", "uns",
    "von", "vor", "war", "was", "wie", "wir", "wird", "zu", "zum", "zur",
];
#[rustfmt::skip]
const SPANISH_STOP_WORDS: &[&str] = &[
    "a", "al", "como", "con", "de", "del", "el", "ella", "en", "es", "esta", "este", "la", "las", "le", "les",
    "lo", "los", "mas", "me", "mi", "no", "nos", "o", "para", "pero", "por", "que", "se", "si", "sin", "su", "sus",
    "te", "tu", "un", "una", "uno", "y", "ya", "yo", "muy", "hay", "son", "esto", "eso",
];

fn stop_words(stemming: Stemming) -> &'static [&'static str] {
    match stemming {
        Stemming::English | Stemming::None => ENGLISH_STOP_WORDS,
        Stemming::Russian => RUSSIAN_STOP_WORDS,
        Stemming::French => FRENCH_STOP_WORDS,
        Stemming::German => GERMAN_STOP_WORDS,
        Stemming::Spanish => SPANISH_STOP_WORDS,
    }
}

/// The forms of `word` (as written, accents kept; see `normal_words`) on a page in `lang`: its folded stem, or
/// nothing for a stop word.
pub(super) fn forms(word: &str, lang: &str) -> Vec<Form> {
    if is_folded_ascii(word) {
        // Folding would change nothing: it was most of the cost of a short word's forms (an
        // allocation and a Unicode decomposition per character), for every word a site writes.
        return stemmed_forms(word, Cow::Borrowed(word), stemming(word, lang));
    }
    written_forms(word, lang)
}

/// Whether `word` is lower-case ASCII letters and digits alone, as nearly every word of an English site is:
/// such a word is its own folded form (no apostrophe, accent or elision; NFKD and case folding leave it).
fn is_folded_ascii(word: &str) -> bool {
    !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// The forms of any word: without elision and apostrophes, folded for the stop words and the stem.
fn written_forms(word: &str, lang: &str) -> Vec<Form> {
    let how = stemming(&super::fold_written(word), lang);
    let word = match how {
        Stemming::French => without_elision(word),
        _ => word,
    };
    let plain = word.replace('\'', "");
    stemmed_forms(&plain, Cow::Owned(normalize(&plain)), how)
}

/// The forms of `word` (without apostrophes; `folded` is its folded form) stemmed `how`: nothing for a
/// stop word.
fn stemmed_forms(word: &str, folded: Cow<str>, how: Stemming) -> Vec<Form> {
    if stop_words(how).contains(&folded.as_ref()) {
        return Vec::new();
    }
    let term = match how {
        Stemming::English if folded.chars().all(|c| c.is_ascii_lowercase()) => {
            stemmer(Algorithm::English).stem(&folded).into_owned()
        }
        Stemming::English | Stemming::None => folded.into_owned(),
        // ё is е in everyday writing; й stays a letter of its own.
        Stemming::Russian => normalize(&stemmer(Algorithm::Russian).stem(&word.replace('ё', "е"))),
        Stemming::French => normalize(&stemmer(Algorithm::French).stem(word)),
        Stemming::German => normalize(&stemmer(Algorithm::German).stem(word)),
        Stemming::Spanish => normalize(&stemmer(Algorithm::Spanish).stem(word)),
    };
    vec![Form { term, kind: FormKind::Surface }]
}

/// A French word without its elided article or pronoun (`l'`, `d'`, `qu'`…): `l'utilisateur` → `utilisateur`.
fn without_elision(word: &str) -> &str {
    match word.split_once('\'') {
        Some((head, rest))
            if !rest.is_empty()
                && matches!(
                    head,
                    "l" | "d" | "j" | "m" | "n" | "s" | "t" | "c" | "qu" | "jusqu" | "lorsqu" | "puisqu"
                ) =>
        {
            rest
        }
        _ => word,
    }
}

fn stemmer(algorithm: Algorithm) -> &'static Stemmer {
    static STEMMERS: OnceLock<[Stemmer; 5]> = OnceLock::new();
    let all = STEMMERS.get_or_init(|| {
        [Algorithm::English, Algorithm::Russian, Algorithm::French, Algorithm::German, Algorithm::Spanish]
            .map(Stemmer::create)
    });
    let at = match algorithm {
        Algorithm::Russian => 1,
        Algorithm::French => 2,
        Algorithm::German => 3,
        Algorithm::Spanish => 4,
        _ => 0,
    };
    &all[at]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_ascii_words_get_the_forms_written_words_get() {
        // Stop words of every list, digits, words every stemmer changes, and generated words.
        let mut words: Vec<String> = ["the", "a", "running", "2024", "v2", "x86", "informaciones", "dass", "vous"]
            .iter()
            .chain(ENGLISH_STOP_WORDS)
            .chain(FRENCH_STOP_WORDS)
            .chain(GERMAN_STOP_WORDS)
            .chain(SPANISH_STOP_WORDS)
            .map(|w| w.to_string())
            .collect();
        let mut seed = 5u64;
        for _ in 0..3_000 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let len = 1 + (seed >> 60) as usize;
            let letters = b"abcdefghijklmnopqrstuvwxyz0123456789eeaaiioouuyyssnn";
            words
                .push((0..len).map(|n| char::from(letters[(seed >> (n * 5 % 59)) as usize % letters.len()])).collect());
        }
        for word in &words {
            assert!(is_folded_ascii(word), "{word}");
            for lang in ["en", "fr", "de-AT", "es", "he", "ru"] {
                assert_eq!(forms(word, lang), written_forms(word, lang), "{word} on a {lang} page");
            }
        }
        for word in ["Running", "don't", "información", "", "l'accès", "поиск", "a-b"] {
            assert!(!is_folded_ascii(word), "{word}");
        }
    }
}
