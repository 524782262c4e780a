//! The allocation-free splitter (`split.rs`) checked against the splitter it replaced, kept here as the
//! reference: the same words, byte ranges and written forms on hand-picked text in every script the rules
//! name, and on many generated strings mixing those scripts with marks, quotes, digits and separators.

use super::*;

/// Every word `split_words` gives: byte range, normalised form, written form.
fn split(text: &str) -> Vec<(usize, usize, String, String)> {
    let mut words = Vec::new();
    split_words(text, |w| words.push((w.start, w.end, w.normal.to_string(), w.written.to_string())));
    words
}

#[test]
fn splits_varied_text_as_the_reference_does() {
    let texts = [
        "",
        "   ",
        "The customers are running invoices",
        "בְּרֵאשִׁ֖ית בָּרָא אֱלֹהִים, שָׁלוֹם",
        "ללקוחות וכשהלקוח שהלקוחות ךםןףץ",
        "דוא\"ל דוא״ל דוא'ל דוא׳ל",
        "חיבור ה-CRM לחשבון, בCRM, ב־2024, ה‐API ה‑API ה'API ה\"API ה API",
        "מפתחות API keys וה-SDK שב-2FA",
        "كِتَابٌ كتـــاب أحمد إحمد آحمد ٱحمد مستشفى مدرسة قرآن مسؤول",
        "بـAPI والكتاب سنة ٢٠٢٤ ۱۲ 3٫5 1٬000",
        "поиск поиска Поиску новый ёлка й",
        "información configuración paramètres créés Straße Häuser Ŀa ŉ ﬁle",
        "version 3.5 costs 1,000 units. 1,a a,1 1.a .5 5. 1..2 1,,2",
        "don't Don’t l'utilisateur d’un ‘quoted’ “quoted” it`s 'a' x'1 1'x",
        "https://example.com/docs/getting-started?q=invoice&lang=he#top",
        "mixedעבריתand English, עבריתEnglish, CRMב, ١٢abc, abcשלום123",
        "Ａｐｉ ｆｕｌｌ² ⅫⅫ İstanbul ΣΊΣΥΦΟΣ 東京 😀emoji\u{200F}rtl\u{200B}zw soft\u{00AD}hyphen",
        "ה\u{05BC}-API \u{0301}a a\u{0301} ב\u{200F}CRM ו-ה-API",
    ];
    for text in texts {
        assert_eq!(split(text), reference::split(text), "{text:?}");
        assert_eq!(normal_words(text), reference::split(text).into_iter().map(|w| w.3).collect::<Vec<_>>());
    }
}

/// Characters the generated strings are made of: each script's letters, its marks and quote forms, digits,
/// the joining and separating punctuation, ligatures, case pairs that fold to two letters, and controls.
const ALPHABET: &[char] = &[
    'a', 'B', 'z', '0', '1', '9', ' ', '\n', '-', '\'', '"', '`', ',', '.', '/', ':', '?', '#', '_', 'א', 'ב', 'ה',
    'ו', 'ל', 'מ', 'ש', 'כ', 'ך', 'ם', 'ן', 'ף', 'ץ', '\u{05B0}', '\u{05BC}', '\u{05C1}', '\u{0591}', '\u{05BE}',
    '\u{05F3}', '\u{05F4}', 'ا', 'ل', 'ب', 'و', 'ف', 'ك', 'ة', 'ى', 'أ', 'ؤ', 'ئ', '\u{064E}', '\u{0651}', 'ـ', '٢',
    '۱', '٫', '٬', 'п', 'Ё', 'й', 'é', 'Ñ', 'ß', 'Ŀ', 'ŉ', 'ﬁ', 'İ', 'Σ', 'Ａ', '²', 'Ⅻ', '東', '😀', '\u{0301}',
    '\u{200F}', '\u{200B}', '\u{00AD}', '\u{2010}', '\u{2011}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}',
];

/// A fixed xorshift sequence from `seed`: the same generated strings on every run (also used by
/// `hashed_words`' tests).
pub(super) fn xorshift(seed: u64) -> impl FnMut() -> u64 {
    let mut state = seed;
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}

#[test]
fn splits_generated_text_as_the_reference_does() {
    let mut next = xorshift(0x9E37_79B9_7F4A_7C15);
    for _ in 0..20_000 {
        let len = (next() % 24) as usize;
        let text: String = (0..len).map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize]).collect();
        assert_eq!(split(&text), reference::split(&text), "{text:?}");
    }
}

#[test]
fn whole_words_between_separators_split_as_the_reference_does() {
    // Whole words and separators rather than characters: the runs `whole_word` hands out at once (ASCII
    // with and without capitals, Hebrew with final letters, particle chains) beside the cases it must
    // leave to the token path (quotes, digits before `,`/`.`, another script or a mark right after).
    const PIECES: &[&str] = &[
        "Invoice",
        "crm",
        "API",
        "2024",
        "x9",
        "שלום",
        "לקוחות",
        "ךםןףץ",
        "ה",
        "ו",
        "וכש",
        "ב",
        "שב",
        "מה",
        "ך",
        " ",
        " ",
        "\n",
        ".",
        ",",
        "-",
        "'",
        "\"",
        "`",
        "/",
        "?",
        ":",
        "\u{05BE}",
        "\u{05BC}",
        "é",
        "\u{2019}",
        "ـ",
        "\u{200F}",
        "٢",
    ];
    let mut next = xorshift(0x2545_F491_4F6C_DD1D);
    for _ in 0..20_000 {
        let len = (next() % 12) as usize;
        let text: String = (0..len).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect();
        assert_eq!(split(&text), reference::split(&text), "{text:?}");
    }
}

/// The splitter as it was before it stopped allocating per word (one `Vec` of tokens, two `String`s each, and
/// the attached prefixes dropped afterwards).
mod reference {
    use crate::analysis::{arabic, hebrew, is_hebrew_letter, is_ignored_mark, push_folded, script_of, Script};
    use unicode_normalization::UnicodeNormalization;

    pub fn split(text: &str) -> Vec<(usize, usize, String, String)> {
        let raw = split_words(text);
        let keep: Vec<bool> = (0..raw.len()).map(|i| !is_attached_prefix(&raw[i], raw.get(i + 1), text)).collect();
        raw.into_iter()
            .zip(keep)
            .filter(|(_, keep)| *keep)
            .map(|(t, _)| (t.start, t.end, t.normal, t.written))
            .collect()
    }

    /// A word before its forms are known: byte range in the original text and the normalised text.
    #[derive(Debug, Clone)]
    struct Token {
        start: usize,
        end: usize,
        normal: String,
        /// `normal` with the accents of Latin and Cyrillic letters kept, for the stemmers.
        written: String,
        script: Script,
        /// The script of the last letter (not digit) so far.
        last_letter_script: Option<Script>,
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
            let accented = keeps_accent(c);
            for (n, p) in pieces.chars().enumerate() {
                if is_word_char(p) {
                    let script = script_of(p);
                    let script_change = current.as_ref().is_some_and(|t| is_letter_of_other_script(t, p, script));
                    if script_change {
                        tokens.extend(current.take());
                    }
                    let token = current.get_or_insert_with(|| Token {
                        start: at,
                        end,
                        normal: String::new(),
                        written: String::new(),
                        script,
                        last_letter_script: None,
                    });
                    token.normal.push(p);
                    match (accented, n) {
                        (false, _) => token.written.push(p),
                        (true, 0) => token.written.extend(c.to_lowercase()),
                        (true, _) => {}
                    }
                    token.end = end;
                    if !is_number_char(p) {
                        token.last_letter_script = Some(script);
                    }
                    previous_word_char = Some(p);
                } else if current.is_some() && joins_word(p, previous_word_char, next) {
                    match (current.as_mut(), p) {
                        (Some(token), '.') => {
                            token.normal.push('.');
                            token.written.push('.');
                        }
                        // The stemmer of a Latin word sees its apostrophe: French `l'utilisateur` is `utilisateur`.
                        (Some(token), '\'' | '\u{2019}') if token.script == Script::Other => token.written.push('\''),
                        _ => {}
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

    /// Latin letters with accents and Cyrillic letters (whose й and ё NFKD would take apart) are kept whole in a
    /// token's `written` text, for the stemmers.
    fn keeps_accent(c: char) -> bool {
        matches!(c, '\u{00C0}'..='\u{024F}' | '\u{0400}'..='\u{04FF}')
    }

    /// A letter of another script than the word's last letter starts a new word; digits go with any.
    fn is_letter_of_other_script(token: &Token, c: char, script: Script) -> bool {
        !is_number_char(c) && token.last_letter_script.is_some_and(|last| last != script)
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

    /// A short Hebrew or Arabic particle chain written against a following word in another script (`ה-API`,
    /// `בCRM`, `بـAPI`) is not a word.
    fn is_attached_prefix(token: &Token, next: Option<&Token>, text: &str) -> bool {
        let Some(next) = next else { return false };
        let is_chain = match token.script {
            Script::Hebrew => hebrew::is_prefix_chain(&token.normal),
            Script::Arabic => arabic::is_prefix_chain(&token.normal),
            Script::Other => false,
        };
        if !is_chain || next.script == token.script {
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
}
