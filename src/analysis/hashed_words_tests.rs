//! The one-pass scan (`hashed_words.rs`) checked against the splitter that defines a word (`for_each_word`):
//! the same words in the same order, each with the hash of its own text, on hand-picked text in every script
//! the rules name and on many texts generated from words, marks and separators.

use super::*;
use crate::analysis::split_tests::xorshift;

/// The scan's words and hashes, checking on the way that each hash is the word's own.
fn scanned(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    for_each_hashed_word(text, |word, hash| {
        assert_eq!(hash, word_hash(word), "{word:?} in {text:?}");
        words.push(word.to_string());
    });
    words
}

fn defined(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    for_each_word(text, |word| words.push(word.to_string()));
    words
}

#[test]
fn scans_varied_text_as_the_splitter_does() {
    let texts = [
        "",
        " ",
        "   \n\t ",
        "The customers are running invoices",
        "UPPER lower MiXeD x9 9x 2024",
        "בְּרֵאשִׁ֖ית בָּרָא אֱלֹהִים, שָׁלוֹם",
        "ללקוחות וכשהלקוח שהלקוחות ךםןףץ של מה ה ו",
        "דוא\"ל דוא״ל דוא'ל דוא׳ל צה\"ל",
        "חיבור ה-CRM לחשבון, בCRM, ב־2024, ה‐API ה‑API ה'API ה\"API ה API של\nAPI",
        "מפתחות API keys וה-SDK שב-2FA ו-ה-API",
        "كِتَابٌ كتـــاب أحمد إحمد آحمد ٱحمد مستشفى مدرسة قرآن مسؤول",
        "بـAPI والكتاب سنة ٢٠٢٤ ۱۲ 3٫5 1٬000",
        "поиск поиска Поиску новый ёлка й ПОИСК",
        "información configuración paramètres créés Straße Häuser Ŀa ŉ ﬁle",
        "version 3.5 costs 1,000 units. 1,a a,1 1.a .5 5. 1..2 1,,2",
        "don't Don’t l'utilisateur d’un ‘quoted’ “quoted” it`s 'a' x'1 1'x",
        "https://example.com/docs/getting-started?q=invoice&lang=he#top",
        "mixedעבריתand English, עבריתEnglish, CRMב, ١٢abc, abcשלום123",
        "Ａｐｉ ｆｕｌｌ² ⅫⅫ İstanbul İ ẞ STRAẞE ΣΊΣΥΦΟΣ Σ 東京 😀emoji\u{200F}rtl\u{200B}zw soft\u{00AD}hyphen",
        "ה\u{05BC}-API \u{0301}a a\u{0301} ב\u{200F}CRM",
        "emoji 😀 👍🏽 between words, and a—dash and «quotes»",
    ];
    for text in texts {
        assert_eq!(scanned(text), defined(text), "{text:?}");
    }
}

/// Whole words and what may sit between or against them: the runs the scan takes itself (ASCII with and
/// without capitals, Hebrew with final letters, particle chains before a space) beside all it must leave to
/// the splitter (quotes, digits before `,`/`.`, marks, another script right after, a particle before `-`).
const PIECES: &[&str] = &[
    "Invoice",
    "crm",
    "API",
    "2024",
    "x9",
    "3",
    "don",
    "שלום",
    "לקוחות",
    "ךםןףץ",
    "ה",
    "ו",
    "וכש",
    "ב",
    "של",
    "שב",
    "מה",
    "ך",
    "בְּרֵאשִׁית",
    "צה״ל",
    "поиск",
    "Поиск",
    "كتاب",
    "الكتاب",
    "بـ",
    "información",
    "Straße",
    "İ",
    "ẞ",
    "Σ",
    "ΣΊΣΥΦΟΣ",
    "東京",
    "😀",
    "👍🏽",
    "ﬁ",
    "Ａ",
    "²",
    "٢٠٢٤",
    " ",
    " ",
    " ",
    "\n",
    "\t",
    "\r\n",
    ".",
    ",",
    "-",
    "'",
    "\"",
    "`",
    "/",
    "?",
    ":",
    "(",
    ")",
    "*",
    "#",
    "\u{05BE}",
    "\u{05BC}",
    "\u{05B0}",
    "\u{05F3}",
    "\u{05F4}",
    "\u{0301}",
    "é",
    "\u{2019}",
    "\u{2014}",
    "ـ",
    "\u{200F}",
    "\u{200B}",
    "\u{00AD}",
    "\u{2010}",
];

#[test]
fn scans_generated_text_as_the_splitter_does() {
    let mut next = xorshift(0x2545_F491_4F6C_DD1D);
    for round in 0..60_000 {
        // Short texts, where every piece meets every other, and some long ones, where stretches the
        // scan leaves to the splitter run on over several words.
        let len = if round % 10 == 0 { 40 + next() % 60 } else { next() % 14 } as usize;
        let text: String = (0..len).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect();
        assert_eq!(scanned(&text), defined(&text), "{text:?}");
    }
}

#[test]
fn scans_mostly_plain_text_as_the_splitter_does() {
    // As pages are: words of one script between spaces, now and then something the scan leaves to the
    // splitter, so that it goes back and forth between the two.
    const PLAIN: &[&str] = &["the", "Invoice", "API", "2024", "שלום", "לקוחות", "של", "ה", "ךם", "поиск"];
    const SEPARATORS: &[&str] = &[" ", " ", " ", "\n", ", ", ". ", " - ", "-", "'", "״", "\u{05BE}", "\u{05BC} "];
    let mut next = xorshift(0x9E37_79B9_7F4A_7C15);
    for _ in 0..20_000 {
        let len = (next() % 16) as usize;
        let mut text = String::new();
        for _ in 0..len {
            text.push_str(PLAIN[(next() % PLAIN.len() as u64) as usize]);
            text.push_str(SEPARATORS[(next() % SEPARATORS.len() as u64) as usize]);
        }
        assert_eq!(scanned(&text), defined(&text), "{text:?}");
    }
}

#[test]
fn a_word_hash_is_the_hash_of_its_text() {
    assert_eq!(word_hash("invoice"), word_hash(&String::from("invoice")));
    assert_ne!(word_hash("invoice"), word_hash("invoices"));
    let mut words = Vec::new();
    for_each_hashed_word("Invoice INVOICE invoice", |word, hash| words.push((word.to_string(), hash)));
    assert!(words.iter().all(|w| *w == ("invoice".to_string(), word_hash("invoice"))), "{words:?}");
}
