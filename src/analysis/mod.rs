//! Language analysis shared by the search index, the query side and related articles: text in Hebrew, Arabic,
//! English, Russian, French, German or Spanish → normalised words → the index terms each word can be found by.
//!
//! The browser runs the same rules (`themes/default/static/search/analysis.js`); `tests/search_vectors.json`
//! holds the cases both sides must agree on, so change them together. The browser has no Snowball stemmer
//! except the English one: for the others the index maps each word to its stem ([`is_mapped`]).
//!
//! # API
//! - [`index_terms`]`(text, lang)`: every index term of every word, in text order (a word's forms are adjacent,
//!   its surface form first). Stop words are left out. This is what related articles compare.
//! - [`analyze`]`(text, lang)`: the same, per word: byte range in `text`, position, and its [`Form`]s with their
//!   kind, for the index (which weighs reduced forms lower) and for highlighting.
//! - [`word_forms`]`(word, lang)`: the forms of one word as [`normal_words`] gives it.
//! - [`for_each_word`]`(text, visit)` and [`normal_words`]`(text)`: the words alone, for counting before
//!   expanding each distinct word; the visitor allocates nothing per word. They are normalised, except that
//!   Latin and Cyrillic letters keep their accents for the stemmer. [`split_words`] adds each word's byte range.
//! - [`normalize`]`(text)`: the character-level normalisation alone.
//!
//! `lang` is the page's language: it picks the stemmer of Latin words (French, German, Spanish, else English).
//! Hebrew, Arabic and Cyrillic words are recognised by their letters on a page in any language.
//!
//! # Rules
//! 1. Unicode NFKD; niqqud, cantillation marks, Arabic harakat (fatha… sukun, shadda, tanween, superscript
//!    alef), the tatweel, Latin accents and bidi/format controls are removed; case folded. Arabic letters are
//!    unified: alef forms (أ إ آ ٱ) → ا, ى → ي, ة → ه, and the hamza seats ؤ → و, ئ → ي; Arabic-Indic and
//!    Persian digits become ASCII digits (٢٠٢٤ → 2024).
//! 2. Words are runs of letters and digits. Quote marks inside a word are dropped (`דוא"ל`, `דוא״ל` → `דואל`;
//!    `don't` → `dont`); `,` and `.` between digits stay in a number (`1,000` → `1000`, `3.5`). A word changes
//!    script between Hebrew, Arabic and other letters (`בCRM` → `ב` + `crm`), and a Hebrew or Arabic prefix
//!    particle written against a word in another script (`ה-API`, `ב־2024`, `بـAPI`) is dropped.
//! 3. Hebrew final letters become their ordinary forms (ך→כ, ם→מ, ן→נ, ף→פ, ץ→צ).
//! 4. A Hebrew word is indexed as written and, at half weight, with each valid prefix particle chain removed
//!    (ו ה ב כ ל מ ש and combinations such as וה, שב, וכש, ומה) and then with one plural/feminine/construct
//!    ending removed (ים, ות, ה, ת) — leaving at least three letters. Because a leading ה/ו/ב… may belong to the
//!    word ("הדרכה", "ביטול"), the surface form always stays; a query word expands the same way, so
//!    "לקוח" meets "ללקוחות" through the shared form "לקוח".
//! 5. An Arabic word likewise: prefix chains of و ف, ب ك ل and the article ال (وال، بال، فلل…) removed, then
//!    one ending (ات ون ين ان يه ها هم ه), leaving at least three letters; "الكتاب", "بالكتاب" and "وللكتاب"
//!    meet "كتاب".
//! 6. Other words: stop words are dropped, then a Snowball stemmer reduces them (see `snowball.rs`); words with
//!    digits are kept as they are. On French pages an elision goes first (`l'utilisateur` → `utilisateur`).

mod arabic;
pub mod hashed_words;
mod hebrew;
mod memo;
mod snowball;
mod split;
mod word_chars;

pub use memo::memo_word_forms;
pub use snowball::is_mapped;
pub use split::{for_each_word, split_words, SplitWord};
use unicode_normalization::UnicodeNormalization;
use word_chars::keeps_accent;

/// Words longer than this (hashes, base64, run-on URLs) are not indexed.
pub const MAX_WORD_CHARS: usize = 40;

/// Reduced Hebrew and Arabic forms keep at least this many letters, so that short words do not collide.
const MIN_REDUCED_CHARS: usize = 3;

/// How a form relates to the word it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FormKind {
    /// The word as written (normalised), or its English stem.
    Surface,
    /// A Hebrew or Arabic form with a prefix particle or an inflection removed: may be a wrong guess, so it
    /// weighs less.
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
pub fn index_terms(text: &str, lang: &str) -> Vec<String> {
    let mut terms = Vec::new();
    for_each_word(text, |word| terms.extend(word_forms(word, lang).into_iter().map(|f| f.term)));
    terms
}

/// The words of `text` with their positions and forms.
pub fn analyze(text: &str, lang: &str) -> Vec<Word> {
    let mut words = Vec::new();
    split_words(text, |word| {
        words.push(Word {
            start: word.start,
            end: word.end,
            position: words.len(),
            normal: word.normal.to_string(),
            forms: word_forms(word.written, lang),
        });
    });
    words
}

/// The words of `text`, without their forms: for callers that count words before expanding each distinct one
/// with [`word_forms`] (the index does, since words repeat). Latin and Cyrillic letters keep their accents here
/// (`información`, `новый`), and Latin words their apostrophes (`l'utilisateur`), which the stemmers read;
/// [`fold_written`] folds such a word. Hot loops visit the words with [`for_each_word`] instead, which
/// allocates nothing per word.
pub fn normal_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    for_each_word(text, |word| words.push(word.to_string()));
    words
}

/// About how many distinct words a text of this length has, for sizing a map of its words once instead of
/// growing it a dozen times: a word is some 6 bytes of English or 10 of Hebrew, and about half of a page's
/// words repeat.
pub fn distinct_words(text: &str) -> usize {
    text.len() / 16 + 32
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

/// The normalised form of a word as [`normal_words`] gives it: the word itself unless it kept accents or an
/// apostrophe.
pub fn fold_written(word: &str) -> std::borrow::Cow<'_, str> {
    if word.contains('\'') {
        std::borrow::Cow::Owned(normalize(&word.replace('\'', "")))
    } else if word.chars().any(keeps_accent) {
        std::borrow::Cow::Owned(normalize(word))
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

/// The forms of one word (as [`normal_words`] or [`normalize`] leave it) on a page in `lang`; empty for a stop
/// word.
pub fn word_forms(word: &str, lang: &str) -> Vec<Form> {
    // A word has no more characters than bytes: most are counted by their length alone.
    if word.is_empty() || (word.len() > MAX_WORD_CHARS && word.chars().count() > MAX_WORD_CHARS) {
        return Vec::new();
    }
    match word.chars().next().map(script_of) {
        Some(Script::Hebrew) => hebrew::forms(word),
        Some(Script::Arabic) => arabic::forms(word),
        _ => snowball::forms(word, lang),
    }
}

/// The word as written and, at lower weight, each reduction: a prefix chain (of at most `max_chain` letters,
/// accepted by `is_chain`) removed, then an ending (`strip_ending`) removed from each — keeping forms of at
/// least `MIN_REDUCED_CHARS` letters. Hebrew and Arabic words are reduced this way.
fn reduced_forms(
    word: &str,
    max_chain: usize,
    is_chain: fn(&str) -> bool,
    strip_ending: fn(&str) -> Option<&str>,
) -> Vec<Form> {
    let mut forms = vec![Form { term: word.to_string(), kind: FormKind::Surface }];
    let mut add = |term: &str| {
        if term.chars().count() >= MIN_REDUCED_CHARS && !forms.iter().any(|f| f.term == term) {
            forms.push(Form { term: term.to_string(), kind: FormKind::Reduced });
        }
    };
    let mut stems = vec![word];
    for (split, _) in word.char_indices().skip(1).take(max_chain) {
        if is_chain(&word[..split]) {
            stems.push(&word[split..]);
        }
    }
    for stem in stems {
        add(stem);
        if let Some(base) = strip_ending(stem).filter(|b| b.chars().count() >= MIN_REDUCED_CHARS) {
            add(base);
        }
    }
    forms
}

/// The scripts a word cannot run across.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Hebrew,
    Arabic,
    Other,
}

fn script_of(c: char) -> Script {
    if is_hebrew_letter(c) {
        Script::Hebrew
    } else if arabic::is_arabic_letter(c) {
        Script::Arabic
    } else {
        Script::Other
    }
}

fn is_hebrew_letter(c: char) -> bool {
    ('\u{05D0}'..='\u{05EA}').contains(&c) || ('\u{05F0}'..='\u{05F2}').contains(&c)
}

/// Niqqud, cantillation, Latin combining accents, Arabic harakat, Quranic marks and the tatweel, and invisible
/// controls. Maqaf (U+05BE), paseq and sof pasuq are punctuation, not marks: they separate words. The hamza and
/// madda marks (U+0653–U+0655) are among the harakat removed, which is what unifies أ إ آ ؤ ئ after NFKD.
fn is_ignored_mark(c: char) -> bool {
    matches!(c,
        '\u{0591}'..='\u{05BD}' | '\u{05BF}' | '\u{05C1}' | '\u{05C2}' | '\u{05C4}' | '\u{05C5}' | '\u{05C7}'
        | '\u{0300}'..='\u{036F}' | '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
        | '\u{0610}'..='\u{061A}' | '\u{0640}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E8}' | '\u{06EA}'..='\u{06ED}')
}

/// Lower case, Hebrew final letters as ordinary ones, the Arabic letter forms unified (rule 1) and
/// Arabic-Indic digits as ASCII.
fn push_folded(out: &mut String, c: char) {
    match c {
        'ٱ' => out.push('ا'),
        'ى' => out.push('ي'),
        'ة' => out.push('ه'),
        '\u{0660}'..='\u{0669}' => out.push(char::from(b'0' + (c as u32 - 0x0660) as u8)),
        '\u{06F0}'..='\u{06F9}' => out.push(char::from(b'0' + (c as u32 - 0x06F0) as u8)),
        '\u{066B}' => out.push('.'),
        '\u{066C}' => out.push(','),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c if is_hebrew_letter(c) => out.push(hebrew::ordinary_letter(c)),
        c => out.extend(c.to_lowercase()),
    }
}

#[cfg(test)]
mod split_tests;
#[cfg(test)]
mod tests;
