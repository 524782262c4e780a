//! Latin spellings of text for `slugs: transliterate`.
//!
//! Hebrew and Arabic are written without vowels, so no table can restore how a word sounds; these
//! tables aim at addresses a reader can recognise and that never change for the same text. Both are
//! Folio's own and documented in `content/docs/right-to-left.md`. Every other script (Cyrillic,
//! Greek, accented Latin, CJK…) goes through the `deunicode` crate (Привет → Privet, café → cafe).

/// `text` with Hebrew, Arabic and every other non-ASCII letter written in ASCII. ASCII is kept as it is.
pub fn transliterate(text: &str) -> String {
    // Vowel points and tatweel go first, and a geresh after a Hebrew letter belongs to that letter
    // (ג׳ is "j"): so the letters around them still count as one word, and a word's last letter is last.
    let mut letters: Vec<(char, bool)> = Vec::with_capacity(text.len());
    for c in text.chars().filter(|&c| !is_hebrew_or_arabic_mark(c)) {
        match letters.last_mut() {
            Some((prev, geresh)) if is_geresh(c) && is_hebrew_letter(*prev) => *geresh = true,
            _ => letters.push((c, false)),
        }
    }
    let mut out = String::with_capacity(text.len());
    for (i, &(c, geresh)) in letters.iter().enumerate() {
        let at_start = i == 0 || !letters[i - 1].0.is_alphanumeric();
        let next = letters.get(i + 1).map(|&(n, _)| n);
        let at_end = next.is_none_or(|n| !n.is_alphanumeric());
        let between_hebrew = i > 0 && is_hebrew_letter(letters[i - 1].0) && next.is_some_and(is_hebrew_letter);
        if c == '"' && between_hebrew {
            // A straight quote typed as gershayim (דוא"ל) is a spelling mark too.
        } else if c.is_ascii() {
            out.push(c);
        } else if let Some(latin) = hebrew(c, Place { at_start, at_end, geresh, next }) {
            out.push_str(latin);
        } else if let Some(latin) = arabic(c, at_start) {
            out.push_str(latin);
        } else {
            out.push_str(&deunicode::deunicode_char(c).unwrap_or("-").to_ascii_lowercase());
        }
    }
    out
}

/// Where a Hebrew letter stands in its word: its sound depends on it.
struct Place {
    at_start: bool,
    at_end: bool,
    /// A geresh follows the letter.
    geresh: bool,
    next: Option<char>,
}

fn is_hebrew_letter(c: char) -> bool {
    matches!(c, '\u{05D0}'..='\u{05EA}')
}

/// Geresh (׳ or an apostrophe) after ג, ז, צ or ת marks a foreign sound: ג׳ is "j".
fn is_geresh(c: char) -> bool {
    matches!(c, '\u{05F3}' | '\'' | '\u{2019}')
}

/// Niqqud and cantillation (U+0591–U+05C7 except maqaf), Arabic harakat and tatweel.
fn is_hebrew_or_arabic_mark(c: char) -> bool {
    matches!(c, '\u{0591}'..='\u{05BD}' | '\u{05BF}'..='\u{05C7}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

/// One Hebrew letter; א and ע are silent before a vowel letter.
fn hebrew(c: char, place: Place) -> Option<&'static str> {
    let Place { at_start, at_end, geresh, next } = place;
    let vowel_follows = matches!(next, Some('ו' | 'י'));
    Some(match c {
        'א' | 'ע' if vowel_follows => "",
        'א' | 'ע' => "a",
        'ב' => "b",
        'ג' if geresh => "j",
        'ג' => "g",
        'ד' => "d",
        'ה' if at_end && !at_start => "a",
        'ה' => "h",
        'ו' if at_start || next == Some('ו') => "v",
        'ו' => "o",
        'ז' if geresh => "zh",
        'ז' => "z",
        'ח' => "ch",
        'ט' => "t",
        'י' if at_start || next == Some('י') => "y",
        'י' => "i",
        'כ' => "k",
        'ך' => "kh",
        'ל' => "l",
        'מ' | 'ם' => "m",
        'נ' | 'ן' => "n",
        'ס' => "s",
        'פ' if at_start => "p",
        'פ' | 'ף' => "f",
        'צ' | 'ץ' if geresh => "ch",
        'צ' | 'ץ' => "ts",
        'ק' => "k",
        'ר' => "r",
        'ש' => "sh",
        'ת' if geresh => "th",
        'ת' => "t",
        // Maqaf joins words like a hyphen; geresh and gershayim are spelling marks, not sounds.
        '\u{05BE}' => "-",
        '\u{05F3}' | '\u{05F4}' => "",
        _ => return None,
    })
}

/// One Arabic (or Persian) letter or digit.
fn arabic(c: char, at_start: bool) -> Option<&'static str> {
    Some(match c {
        'ا' | 'أ' | 'ى' | 'ة' => "a",
        'إ' => "i",
        'آ' => "aa",
        'ء' => "",
        'ؤ' => "u",
        'ئ' => "i",
        'ب' => "b",
        'پ' => "p",
        'ت' => "t",
        'ث' => "th",
        'ج' => "j",
        'چ' => "ch",
        'ح' | 'ه' => "h",
        'خ' => "kh",
        'د' => "d",
        'ذ' => "dh",
        'ر' => "r",
        'ز' => "z",
        'ژ' => "zh",
        'س' | 'ص' => "s",
        'ش' => "sh",
        'ض' => "d",
        'ط' => "t",
        'ظ' => "z",
        'ع' => "a",
        'غ' => "gh",
        'ف' => "f",
        'ق' => "q",
        'ك' | 'ک' => "k",
        'گ' => "g",
        'ل' => "l",
        'م' => "m",
        'ن' => "n",
        'و' if at_start => "w",
        'و' => "u",
        'ي' | 'ی' if at_start => "y",
        'ي' | 'ی' => "i",
        '٠' | '۰' => "0",
        '١' | '۱' => "1",
        '٢' | '۲' => "2",
        '٣' | '۳' => "3",
        '٤' | '۴' => "4",
        '٥' | '۵' => "5",
        '٦' | '۶' => "6",
        '٧' | '۷' => "7",
        '٨' | '۸' => "8",
        '٩' | '۹' => "9",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::transliterate;

    #[test]
    fn hebrew_follows_the_documented_table() {
        assert_eq!(transliterate("שלום עולם"), "shlom olm");
        assert_eq!(transliterate("מדריך התחלה מהירה"), "mdrikh htchla mhira");
        assert_eq!(transliterate("חשבונית מס"), "chshbonit ms");
        assert_eq!(transliterate("ג׳ירפה וזברה"), "jirfa vzbra");
        assert_eq!(transliterate("ז'קט"), "zhkt");
        assert_eq!(transliterate("דוא״ל"), "doal");
        assert_eq!(transliterate("ישראל"), "yshral");
        assert_eq!(transliterate("שָׁלוֹם"), "shlom");
        // Points do not split a word: the final ה still reads "a", the inner פ "f".
        assert_eq!(transliterate("פָּרָשָׁה"), "prsha");
        assert_eq!(transliterate("סֵפֶר"), "sfr");
        assert_eq!(transliterate("דוא\"ל"), "doal");
    }

    #[test]
    fn arabic_and_russian_become_latin() {
        assert_eq!(transliterate("مرحبا بالعالم"), "mrhba balaalm");
        assert_eq!(transliterate("الدليل"), "aldlil");
        assert_eq!(transliterate("Привет, мир"), "privet, mir");
        assert_eq!(transliterate("Щука"), "shchuka");
    }

    #[test]
    fn ascii_is_kept_and_the_same_text_always_gives_the_same_spelling() {
        assert_eq!(transliterate("Folio 2.0 notes!"), "Folio 2.0 notes!");
        assert_eq!(transliterate("Café déjà"), "Cafe deja");
        assert_eq!(transliterate("מדריך ל-Folio"), transliterate("מדריך ל-Folio"));
    }
}
