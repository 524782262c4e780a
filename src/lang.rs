//! Facts about languages that every stage may need: which are written right to left.

/// Languages written right to left; their pages get `dir="rtl"`.
///
/// A script subtag overrides the language's usual script, as BCP 47 means it to: `az-Arab`
/// (Azerbaijani in Arabic letters) is right to left, `he-Latn` (Hebrew in Latin letters) is not.
pub fn is_rtl(language: &str) -> bool {
    let mut parts = language.split('-');
    let primary = parts.next().unwrap_or(language);
    if let Some(script) = parts.find(|p| p.len() == 4 && p.chars().all(|c| c.is_ascii_alphabetic())) {
        let script = script.to_ascii_lowercase();
        return matches!(
            script.as_str(),
            "arab" | "hebr" | "syrc" | "thaa" | "nkoo" | "adlm" | "rohg" | "samr" | "mand" | "yezi"
        );
    }
    matches!(
        primary,
        "he" | "iw"
            | "ar"
            | "fa"
            | "prs"
            | "ur"
            | "yi"
            | "ji"
            | "ps"
            | "sd"
            | "ug"
            | "dv"
            | "ckb"
            | "syr"
            | "pnb"
            | "azb"
            | "mzn"
            | "nqo"
    )
}

/// The `dir` attribute for text in `lang`.
pub fn text_dir(lang: &str) -> &'static str {
    if is_rtl(lang) {
        "rtl"
    } else {
        "ltr"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hebrew_and_arabic_are_rtl_english_is_not() {
        assert!(is_rtl("he"));
        assert!(is_rtl("ar-EG"));
        assert!(!is_rtl("en"));
        assert_eq!(text_dir("yi"), "rtl");
        assert_eq!(text_dir("en-GB"), "ltr");
    }

    #[test]
    fn a_script_subtag_overrides_the_languages_usual_direction() {
        assert_eq!(text_dir("az-Arab"), "rtl");
        assert_eq!(text_dir("ku-Arab-IQ"), "rtl");
        assert_eq!(text_dir("he-Latn"), "ltr");
        assert_eq!(text_dir("ar-Latn"), "ltr");
        assert_eq!(text_dir("yi-Hebr"), "rtl");
        // A region is not a script: he-IL stays right to left.
        assert_eq!(text_dir("he-IL"), "rtl");
    }
}
