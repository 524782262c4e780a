//! Plural forms of UI strings: which form of a counted string (`article_count`) a number takes in
//! a language, by the CLDR plural categories written out by hand for the languages Folio ships.
//!
//! A counted string has a plain key, which is the `other` form and the fallback for every category,
//! and optional variants named `<key>_<category>`: `article_count_one`, `article_count_few`… A
//! language writes only the variants its grammar needs (Russian `_one`/`_few`/`_many`, Arabic
//! `_zero`/`_one`/`_two`/`_few`/`_many`, Hebrew `_one`/`_two`); a missing variant falls back to
//! the plain key. The browser picks the same category with `Intl.PluralRules` (search/ui.js).

use serde_json::{Map, Value};
use std::collections::HashMap;

/// A CLDR plural category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PluralCategory {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

/// The variant suffixes a counted string may have, in CLDR order (`other` is the plain key).
pub const VARIANT_SUFFIXES: [&str; 5] = ["zero", "one", "two", "few", "many"];

impl PluralCategory {
    /// The suffix of the string variant for this category; `None` for `other` (the plain key).
    pub fn suffix(self) -> Option<&'static str> {
        match self {
            PluralCategory::Zero => Some("zero"),
            PluralCategory::One => Some("one"),
            PluralCategory::Two => Some("two"),
            PluralCategory::Few => Some("few"),
            PluralCategory::Many => Some("many"),
            PluralCategory::Other => None,
        }
    }
}

/// The category of the whole number `n` in `lang` (`ru-RU` reads as `ru`). Languages without
/// rules of their own here count like English: one for 1, other for the rest.
pub fn plural_category(lang: &str, n: u64) -> PluralCategory {
    use PluralCategory::*;
    let (mod10, mod100) = (n % 10, n % 100);
    match lang.split('-').next().unwrap_or("") {
        // zero 0; one 1; two 2; few 3–10, 103–110…; many 11–99, 111–199…; other 100–102, 200…
        "ar" => match n {
            0 => Zero,
            1 => One,
            2 => Two,
            _ if (3..=10).contains(&mod100) => Few,
            _ if (11..=99).contains(&mod100) => Many,
            _ => Other,
        },
        // one 1, 21, 31… (not 11); few 2–4, 22–24… (not 12–14); many 0, 5–20, 25–30…
        "ru" | "uk" | "be" => {
            if mod10 == 1 && mod100 != 11 {
                One
            } else if (2..=4).contains(&mod10) && !(12..=14).contains(&mod100) {
                Few
            } else {
                Many
            }
        }
        // Hebrew keeps a dual: שתי דקות, שני מאמרים.
        "he" | "iw" => match n {
            1 => One,
            2 => Two,
            _ => Other,
        },
        // French counts 0 and 1 as singular ("0 article"); round millions take `de`, as in Spanish.
        "fr" => match n {
            0 | 1 => One,
            _ if n % 1_000_000 == 0 => Many,
            _ => Other,
        },
        "es" | "it" => match n {
            1 => One,
            _ if n != 0 && n % 1_000_000 == 0 => Many,
            _ => Other,
        },
        _ => match n {
            1 => One,
            _ => Other,
        },
    }
}

/// The form of counted string `key` that `n` takes in `lang`, with `{n}` filled in. `None` when the
/// strings have no such key at all.
pub fn counted_string(strings: &Map<String, Value>, key: &str, n: u64, lang: &str) -> Option<String> {
    let variant = plural_category(lang, n).suffix().map(|suffix| format!("{key}_{suffix}"));
    let text = variant.and_then(|v| strings.get(&v)).or_else(|| strings.get(key))?.as_str()?;
    Some(text.replace("{n}", &n.to_string()))
}

/// The tera filter `plural`: `{{ t | plural(key="article_count", n=count, lang=lang) }}` gives the
/// right form of `t.article_count` for the number, with `{n}` filled in.
pub fn plural_filter(value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    let strings = value.as_object().ok_or("`plural` filters the UI strings: write `t | plural(…)`")?;
    let key = args.get("key").and_then(Value::as_str).ok_or("`plural` needs key=\"…\", the counted string")?;
    let n = args.get("n").and_then(Value::as_u64).ok_or("`plural` needs n=…, a whole number")?;
    let lang = args.get("lang").and_then(Value::as_str).ok_or("`plural` needs lang=…, the page's language")?;
    let text = counted_string(strings, key, n, lang).ok_or_else(|| format!("`plural`: no UI string `{key}`"))?;
    Ok(Value::String(text))
}

#[cfg(test)]
mod tests {
    use super::PluralCategory::*;
    use super::*;

    fn categories(lang: &str, numbers: &[u64]) -> Vec<PluralCategory> {
        numbers.iter().map(|&n| plural_category(lang, n)).collect()
    }

    #[test]
    fn russian_has_one_few_and_many() {
        let numbers = [0, 1, 2, 4, 5, 11, 12, 14, 20, 21, 22, 25, 101, 111, 112, 1000];
        let expected = [Many, One, Few, Few, Many, Many, Many, Many, Many, One, Few, Many, One, Many, Many, Many];
        assert_eq!(categories("ru", &numbers), expected);
        assert_eq!(plural_category("ru-RU", 3), Few);
    }

    #[test]
    fn arabic_has_all_six() {
        let numbers = [0, 1, 2, 3, 10, 11, 99, 100, 101, 102, 103, 111, 1000];
        let expected = [Zero, One, Two, Few, Few, Many, Many, Other, Other, Other, Few, Many, Other];
        assert_eq!(categories("ar", &numbers), expected);
    }

    #[test]
    fn hebrew_has_a_dual_and_english_german_only_one() {
        assert_eq!(categories("he", &[0, 1, 2, 3, 10, 20]), [Other, One, Two, Other, Other, Other]);
        assert_eq!(categories("en", &[0, 1, 2, 21]), [Other, One, Other, Other]);
        assert_eq!(categories("de", &[0, 1, 2]), [Other, One, Other]);
    }

    #[test]
    fn french_counts_zero_as_singular_and_millions_as_many() {
        assert_eq!(categories("fr", &[0, 1, 2, 1_000_000]), [One, One, Other, Many]);
        assert_eq!(categories("es", &[0, 1, 2, 1_000_000]), [Other, One, Other, Many]);
    }

    #[test]
    fn a_missing_variant_falls_back_to_the_plain_key() {
        let strings: Map<String, Value> = serde_json::from_str(
            r#"{"article_count": "{n} статьи?", "article_count_one": "{n} статья", "article_count_few": "{n} статьи"}"#,
        )
        .unwrap();
        assert_eq!(counted_string(&strings, "article_count", 21, "ru").unwrap(), "21 статья");
        assert_eq!(counted_string(&strings, "article_count", 3, "ru").unwrap(), "3 статьи");
        // No `_many` here: the plain key is used.
        assert_eq!(counted_string(&strings, "article_count", 5, "ru").unwrap(), "5 статьи?");
        assert!(counted_string(&strings, "missing", 5, "ru").is_none());
    }
}
