//! Language analysis shared by the search index, the query side and related articles: mixed Hebrew and
//! English text → normalised words → the index terms each word can be found by.
//!
//! The browser runs the same rules (`themes/default/static/search/analysis.js`); `tests/search_vectors.json`
//! holds the cases both sides must agree on, so change them together.
//!
//! # API
//! - [`index_terms`]`(text)`: every index term of every word, in text order (a word's forms are adjacent, its
//!   surface form first). Stop words are left out. This is what related articles compare.
//! - [`analyze`]`(text)`: the same, per word: byte range in `text`, position, and its [`Form`]s with their
//!   kind, for the index (which weighs reduced forms lower) and for highlighting.
//! - [`word_forms`]`(word)`: the forms of one already-normalised word (what a query word looks up).
//! - [`normal_words`]`(text)`: the normalised words alone, for counting before expanding each distinct word.
//! - [`normalize`]`(text)`: the character-level normalisation alone.
//!
//! # Rules
//! 1. Unicode NFKD; niqqud, cantillation marks, Latin accents and bidi/format controls are removed; case folded.
//! 2. Words are runs of letters and digits. Quote marks inside a word are dropped (`דוא"ל`, `דוא״ל` → `דואל`;
//!    `don't` → `dont`); `,` and `.` between digits stay in a number (`1,000` → `1000`, `3.5`). A word changes
//!    script between Hebrew and other letters (`בCRM` → `ב` + `crm`), and a Hebrew prefix particle written
//!    against a non-Hebrew word (`ה-API`, `ב־2024`) is dropped.
//! 3. Hebrew final letters become their ordinary forms (ך→כ, ם→מ, ן→נ, ף→פ, ץ→צ).
//! 4. A Hebrew word is indexed as written and, at half weight, with each valid prefix particle chain removed
//!    (ו ה ב כ ל מ ש and combinations such as וה, שב, וכש, ומה) and then with one plural/feminine/construct
//!    ending removed (ים, ות, ה, ת) — leaving at least three letters. Because a leading ה/ו/ב… may belong to the
//!    word ("הדרכה", "ביטול"), the surface form always stays; a query word expands the same way, so
//!    "לקוח" meets "ללקוחות" through the shared form "לקוח".
//! 5. Other words: stop words are dropped, then the Snowball English stemmer reduces them; words with digits
//!    are kept as they are.

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// Words longer than this (hashes, base64, run-on URLs) are not indexed.
pub const MAX_WORD_CHARS: usize = 40;

/// Reduced Hebrew forms keep at least this many letters, so that short words do not collide.
const MIN_REDUCED_CHARS: usize = 3;

/// How a form relates to the word it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FormKind {
    /// The word as written (normalised), or its English stem.
    Surface,
    /// A Hebrew form with a prefix particle or an inflection removed: may be a wrong guess, so it weighs less.
    Reduced,
}

/// One index term of a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub term: String,
    pub kind: FormKind,
}

/// A word of the text and the terms it is indexed under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Byte range of the word in the analysed text.
    pub start: usize,
    pub end: usize,
    /// 0-based position among the text's words (stop words included, so gaps stay visible).
    pub position: usize,
    /// The normalised word.
    pub normal: String,
    /// Surface form first; empty for stop words.
    pub forms: Vec<Form>,
}

/// All index terms of `text`, in order; see the module documentation.
pub fn index_terms(text: &str) -> Vec<String> {
    analyze(text).into_iter().flat_map(|w| w.forms.into_iter().map(|f| f.term)).collect()
}

/// The words of `text` with their positions and forms.
pub fn analyze(text: &str) -> Vec<Word> {
    let raw = split_words(text);
    let mut words = Vec::with_capacity(raw.len());
    for (i, token) in raw.iter().enumerate() {
        if is_attached_prefix(token, raw.get(i + 1), text) {
            continue;
        }
        let forms = word_forms(&token.normal);
        words.push(Word {
            start: token.start,
            end: token.end,
            position: words.len(),
            normal: token.normal.clone(),
            forms,
        });
    }
    words
}

/// The normalised words of `text`, without their forms: for callers that count words before expanding each
/// distinct one with [`word_forms`] (the index does, since words repeat).
pub fn normal_words(text: &str) -> Vec<String> {
    let raw = split_words(text);
    let keep: Vec<bool> = (0..raw.len()).map(|i| !is_attached_prefix(&raw[i], raw.get(i + 1), text)).collect();
    raw.into_iter().zip(keep).filter(|(_, keep)| *keep).map(|(token, _)| token.normal).collect()
}

/// The character-level rules alone (1 and 3 above): NFKD, marks and controls removed, lower case, Hebrew final
/// letters made ordinary. Punctuation is kept.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfkd() {
        if is_ignored_mark(c) {
            continue;
        }
        push_folded(&mut out, c);
    }
    out
}

/// The forms of one normalised word (as `normalize` and the word splitting leave it); empty for a stop word.
pub fn word_forms(word: &str) -> Vec<Form> {
    if word.is_empty() || word.chars().count() > MAX_WORD_CHARS {
        return Vec::new();
    }
    if word.chars().next().is_some_and(is_hebrew_letter) {
        hebrew_forms(word)
    } else {
        other_forms(word)
    }
}

/// A word before its forms are known: byte range in the original text and the normalised text.
#[derive(Debug, Clone)]
struct Token {
    start: usize,
    end: usize,
    normal: String,
    hebrew: bool,
    /// Whether the last letter (not digit) so far is Hebrew.
    last_letter_hebrew: Option<bool>,
}

/// Splits `text` into normalised words (rule 2), keeping byte ranges into the original.
fn split_words(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut current: Option<Token> = None;
    let mut chars = text.char_indices().peekable();
    let mut previous_word_char: Option<char> = None;
    // One buffer for every character's pieces: this loop runs for every character of a 10,000-page site.
    let mut pieces = String::new();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let end = at + c.len_utf8();
        // Decompose first: one source character may be a letter followed by marks, or a ligature of letters.
        // ASCII and plain Hebrew letters decompose to themselves.
        pieces.clear();
        if c.is_ascii() || is_hebrew_letter(c) {
            push_folded(&mut pieces, c);
        } else {
            for d in std::iter::once(c).nfkd().filter(|d| !is_ignored_mark(*d)) {
                push_folded(&mut pieces, d);
            }
        }
        if pieces.is_empty() {
            // A mark or control alone: part of the word it sits in.
            if let Some(token) = current.as_mut() {
                token.end = end;
            }
            continue;
        }
        for p in pieces.chars() {
            if is_word_char(p) {
                let hebrew = is_hebrew_letter(p);
                let script_change = current.as_ref().is_some_and(|t| is_letter_of_other_script(t, p, hebrew));
                if script_change {
                    tokens.extend(current.take());
                }
                let token = current.get_or_insert_with(|| Token {
                    start: at,
                    end,
                    normal: String::new(),
                    hebrew,
                    last_letter_hebrew: None,
                });
                token.normal.push(p);
                token.end = end;
                if !is_number_char(p) {
                    token.last_letter_hebrew = Some(hebrew);
                }
                previous_word_char = Some(p);
            } else if current.is_some() && joins_word(p, previous_word_char, next) {
                if let (Some(token), '.') = (current.as_mut(), p) {
                    token.normal.push('.');
                }
            } else {
                tokens.extend(current.take());
                previous_word_char = None;
            }
        }
    }
    tokens.extend(current);
    tokens
}

/// A Hebrew letter after non-Hebrew letters (or the reverse) starts a new word; digits go with either.
fn is_letter_of_other_script(token: &Token, c: char, hebrew: bool) -> bool {
    !is_number_char(c) && token.last_letter_hebrew.is_some_and(|last| last != hebrew)
}

/// Quote marks inside a word, and `,`/`.` between digits, keep the word whole. The caller drops the quotes and
/// commas and keeps a decimal point.
fn joins_word(c: char, previous: Option<char>, next: Option<char>) -> bool {
    let Some(previous) = previous else { return false };
    let next_folded = next.and_then(|n| std::iter::once(n).nfkd().find(|d| !is_ignored_mark(*d)));
    let Some(next) = next_folded else { return false };
    match c {
        '\'' | '"' | '\u{05F3}' | '\u{05F4}' | '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' | '`' => {
            is_word_char(previous) && is_word_char(next) && !next.is_numeric()
        }
        ',' | '.' => previous.is_ascii_digit() && next.is_ascii_digit(),
        _ => false,
    }
}

/// A short Hebrew particle chain written against a following non-Hebrew word (`ה-API`, `בCRM`) is not a word.
fn is_attached_prefix(token: &Token, next: Option<&Token>, text: &str) -> bool {
    let Some(next) = next else { return false };
    if !token.hebrew || next.hebrew || !is_prefix_chain(&token.normal) {
        return false;
    }
    let gap = &text[token.end..next.start];
    gap.is_empty() || matches!(gap, "-" | "\u{05BE}" | "\u{2010}" | "\u{2011}" | "'" | "\"")
}

fn is_word_char(c: char) -> bool {
    // Fast paths for the common scripts: the Unicode tables are slow to search.
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        is_hebrew_letter(c) || c.is_alphabetic() || c.is_numeric()
    }
}

fn is_number_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        !is_hebrew_letter(c) && c.is_numeric()
    }
}

fn is_hebrew_letter(c: char) -> bool {
    ('\u{05D0}'..='\u{05EA}').contains(&c) || ('\u{05F0}'..='\u{05F2}').contains(&c)
}

/// Niqqud, cantillation, Latin combining accents and invisible controls. Maqaf (U+05BE), paseq and sof pasuq
/// are punctuation, not marks: they separate words.
fn is_ignored_mark(c: char) -> bool {
    matches!(c,
        '\u{0591}'..='\u{05BD}' | '\u{05BF}' | '\u{05C1}' | '\u{05C2}' | '\u{05C4}' | '\u{05C5}' | '\u{05C7}'
        | '\u{0300}'..='\u{036F}' | '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Lower case, and Hebrew final letters as ordinary ones.
fn push_folded(out: &mut String, c: char) {
    match c {
        'ך' => out.push('כ'),
        'ם' => out.push('מ'),
        'ן' => out.push('נ'),
        'ף' => out.push('פ'),
        'ץ' => out.push('צ'),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c if is_hebrew_letter(c) => out.push(c),
        c => out.extend(c.to_lowercase()),
    }
}

// ---- Hebrew ----

/// Particle chains that can precede a Hebrew word: optional ו, optional ש/כש/לכש, optional ב/כ/ל/מ/ה/מה
/// (the article ה is swallowed after ב/כ/ל, so those never chain with it).
fn is_prefix_chain(s: &str) -> bool {
    let s = s.strip_prefix('ו').unwrap_or(s);
    let s = ["לכש", "כש", "ש"].iter().find_map(|p| s.strip_prefix(p)).unwrap_or(s);
    s.is_empty() || matches!(s, "ב" | "כ" | "ל" | "מ" | "ה" | "מה")
}

/// Hebrew stop words, final letters already ordinary.
#[rustfmt::skip]
const HEBREW_STOP_WORDS: &[&str] = &[
    "של", "את", "על", "עמ", "זה", "זו", "זאת", "אלה", "הוא", "היא", "המ", "הנ", "אני", "אנחנו", "אתה", "אתמ", "גמ",
    "כי", "אמ", "או", "לא", "יש", "אינ", "כל", "מה", "מי", "אשר", "עד", "אל", "כמו", "רק", "כבר", "אבל", "אז",
    "שלנו", "שלכ", "שלכנ", "שלהנ", "שלכמ", "שלו", "שלה", "שלהמ", "שלי", "לכ", "לו", "לה", "להמ", "לנו", "בו", "בה",
    "בהמ", "בנו", "אותו", "אותה", "אותמ", "אותנו", "ואת", "ועל", "ושל", "וגמ", "וכל", "לכל", "בכל", "מכל", "שכל",
    "היה", "היו", "יהיה", "תהיה", "אפשר", "ניתנ", "כדי", "אלא", "ללא", "בלי", "כאשר", "כש", "עוד", "יותר", "פי",
    "לפי", "בינ", "תוכ", "בתוכ", "אחרי", "לפני", "מאוד", "כנ", "לכנ", "אולי", "הזה", "הזו", "האלה", "שהוא", "שהיא",
    "שזה", "ומה", "למה", "איכ", "איפה", "מתי", "כמה",
];

fn hebrew_forms(word: &str) -> Vec<Form> {
    let letters = word.chars().count();
    if letters < 2 || is_hebrew_stop_word(word) {
        return Vec::new();
    }
    let mut forms = vec![Form { term: word.to_string(), kind: FormKind::Surface }];
    let mut add = |term: &str| {
        if term.chars().count() >= MIN_REDUCED_CHARS && !forms.iter().any(|f| f.term == term) {
            forms.push(Form { term: term.to_string(), kind: FormKind::Reduced });
        }
    };
    let mut stems = vec![word];
    // Prefix chains are at most four letters (וכשה).
    for (split, _) in word.char_indices().skip(1).take(4) {
        if is_prefix_chain(&word[..split]) {
            stems.push(&word[split..]);
        }
    }
    for stem in stems {
        add(stem);
        if let Some(base) = strip_ending(stem) {
            add(base);
        }
    }
    forms
}

fn is_hebrew_stop_word(word: &str) -> bool {
    HEBREW_STOP_WORDS.contains(&word)
}

/// One plural, feminine or construct ending removed: ים (ימ once final letters are ordinary), ות, ה, ת.
fn strip_ending(word: &str) -> Option<&str> {
    ["ימ", "ות", "ה", "ת"].iter().find_map(|e| word.strip_suffix(e)).filter(|b| b.chars().count() >= MIN_REDUCED_CHARS)
}

// ---- English and other scripts ----

/// English stop words (a short list: a knowledge site is searched for rare words, and phrases like "how to"
/// carry little).
#[rustfmt::skip]
const ENGLISH_STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "do", "does", "for", "from", "had", "has", "have", "he",
    "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "no", "not", "of", "on", "or",
    "our", "she", "so", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
    "those", "to", "too", "us", "was", "we", "were", "what", "when", "where", "which", "who", "why", "will", "with",
    "you", "your",
];

fn other_forms(word: &str) -> Vec<Form> {
    if ENGLISH_STOP_WORDS.contains(&word) {
        return Vec::new();
    }
    let term = if word.chars().all(|c| c.is_ascii_lowercase()) {
        english_stemmer().stem(word).into_owned()
    } else {
        word.to_string()
    };
    vec![Form { term, kind: FormKind::Surface }]
}

fn english_stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// Distinct words a build thread remembers the forms of before it starts afresh (bounds memory in a long
/// `folio serve` session; a site's whole vocabulary is usually far smaller).
const MEMO_WORDS: usize = 200_000;

thread_local! {
    static FORMS: std::cell::RefCell<std::collections::HashMap<String, std::sync::Arc<[Form]>>> = std::cell::RefCell::new(std::collections::HashMap::default());
}

/// `word_forms`, remembered per thread: the same words recur on thousands of pages, and stemming and
/// prefix expansion cost more than a lookup.
pub fn memo_word_forms(word: &str) -> std::sync::Arc<[Form]> {
    FORMS.with(|memo| {
        let mut memo = memo.borrow_mut();
        if let Some(forms) = memo.get(word) {
            return forms.clone();
        }
        if memo.len() >= MEMO_WORDS {
            memo.clear();
        }
        let forms: std::sync::Arc<[Form]> = word_forms(word).into();
        memo.insert(word.to_string(), forms.clone());
        forms
    })
}

#[cfg(test)]
mod tests;
