//! Facts about languages that every stage may need: which are written right to left.

/// Languages written right to left; their pages get `dir="rtl"`.
pub fn is_rtl(language: &str) -> bool {
    let primary = language.split('-').next().unwrap_or(language);
    matches!(primary, "he" | "ar" | "fa" | "ur" | "yi" | "ps" | "sd" | "ug" | "dv" | "ckb")
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
}
