//! Hebrew words: the prefix particles (ו ה ב כ ל מ ש and their chains) and one plural, feminine or construct
//! ending, each removed into a reduced form (rule 4 of the module documentation).

use super::{reduced_forms, Form};

/// Particle chains that can precede a Hebrew word: optional ו, optional ש/כש/לכש, optional ב/כ/ל/מ/ה/מה
/// (the article ה is swallowed after ב/כ/ל, so those never chain with it).
pub(super) fn is_prefix_chain(s: &str) -> bool {
    let s = s.strip_prefix('ו').unwrap_or(s);
    let s = ["לכש", "כש", "ש"].iter().find_map(|p| s.strip_prefix(p)).unwrap_or(s);
    s.is_empty() || matches!(s, "ב" | "כ" | "ל" | "מ" | "ה" | "מה")
}

/// A final letter (ך ם ן ף ץ) as its ordinary form (rule 3); any other character as it is.
pub(super) fn ordinary_letter(c: char) -> char {
    match c {
        'ך' => 'כ',
        'ם' => 'מ',
        'ן' => 'נ',
        'ף' => 'פ',
        'ץ' => 'צ',
        c => c,
    }
}

/// Hebrew stop words, final letters already ordinary.
#[rustfmt::skip]
const STOP_WORDS: &[&str] = &[
    "של", "את", "על", "עמ", "זה", "זו", "זאת", "אלה", "הוא", "היא", "המ", "הנ", "אני", "אנחנו", "אתה", "אתמ", "גמ",
    "כי", "אמ", "או", "לא", "יש", "אינ", "כל", "מה", "מי", "אשר", "עד", "אל", "כמו", "רק", "כבר", "אבל", "אז",
    "שלנו", "שלכ", "שלכנ", "שלהנ", "שלכמ", "שלו", "שלה", "שלהמ", "שלי", "לכ", "לו", "לה", "להמ", "לנו", "בו", "בה",
    "בהמ", "בנו", "אותו", "אותה", "אותמ", "אותנו", "ואת", "ועל", "ושל", "וגמ", "וכל", "לכל", "בכל", "מכל", "שכל",
    "היה", "היו", "יהיה", "תהיה", "אפשר", "ניתנ", "כדי", "אלא", "ללא", "בלי", "כאשר", "כש", "עוד", "יותר", "פי",
    "לפי", "בינ", "תוכ", "בתוכ", "אחרי", "לפני", "מאוד", "כנ", "לכנ", "אולי", "הזה", "הזו", "האלה", "שהוא", "שהיא",
    "שזה", "ומה", "למה", "איכ", "איפה", "מתי", "כמה",
];

/// The forms of a normalised Hebrew word; empty for a stop word or a single letter.
pub(super) fn forms(word: &str) -> Vec<Form> {
    if word.chars().count() < 2 || STOP_WORDS.contains(&word) {
        return Vec::new();
    }
    // Prefix chains are at most four letters (וכשה).
    reduced_forms(word, 4, is_prefix_chain, strip_ending)
}

/// One plural, feminine or construct ending removed: ים (ימ once final letters are ordinary), ות, ה, ת, and
/// the construct plural's י (`החזרי מס`, "refunds of tax", is read as `החזר` too).
/// A base left by י must keep four letters: `מנוי` is a word of its own, not a construct of `מנו`.
fn strip_ending(word: &str) -> Option<&str> {
    ["ימ", "ות", "ה", "ת"]
        .iter()
        .find_map(|e| word.strip_suffix(e))
        .or_else(|| word.strip_suffix('י').filter(|base| base.chars().count() >= 4))
}
