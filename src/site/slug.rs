//! URL segments made from file names, folder names, taxonomy terms and `slug:` values, and the text
//! heading anchors are made from. `slugs:` in site.yaml (a [`SlugStyle`]) decides for all of them
//! at once: letters of every script stay (the default), or they are transliterated first.

use super::transliterate::transliterate;
use crate::config::SlugStyle;
use std::borrow::Cow;

/// The URL segment for `text` in `style`: [`slugify`], after transliterating when asked to.
/// Pages, sections and taxonomy terms all get theirs here.
pub fn slug_as(text: &str, style: SlugStyle) -> String {
    slugify(&anchor_text(text, style))
}

/// The text a heading's anchor is made from in `style`: the heading itself, or its Latin spelling.
/// (Anchors then follow GitHub's rules, which differ from [`slugify`] in keeping `_` and dropping
/// dots: links people already wrote to `#anchors` keep working.)
pub fn anchor_text(text: &str, style: SlugStyle) -> Cow<'_, str> {
    match style {
        SlugStyle::Transliterate if !text.is_ascii() => Cow::Owned(transliterate(text)),
        _ => Cow::Borrowed(text),
    }
}

/// Lowercases ASCII, keeps letters of every script (Hebrew slugs stay Hebrew), digits, `-`, `_` and
/// inner dots; everything else becomes `-`. The result can never be `.`, `..` or contain a slash,
/// so no slug can lead outside the output folder.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        let keep = c.is_alphanumeric() || c == '_' || c == '.' || is_hebrew_mark(c);
        let c = if keep { c.to_ascii_lowercase() } else { '-' };
        if c == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(c);
    }
    let trimmed = out.trim_matches(|c| c == '-' || c == '.');
    trimmed.to_string()
}

/// Geresh and gershayim are part of Hebrew words (דוא״ל), not punctuation.
fn is_hebrew_mark(c: char) -> bool {
    matches!(c, '\u{05F3}' | '\u{05F4}')
}

#[cfg(test)]
mod tests {
    use super::{anchor_text, slug_as, slugify};
    use crate::config::SlugStyle;

    #[test]
    fn slugs_are_safe_url_segments() {
        assert_eq!(slugify("Hello World!"), "hello-world");
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify(".."), "");
        assert_eq!(slugify("a/b\\c"), "a-b-c");
        assert_eq!(slugify("v1.2 notes"), "v1.2-notes");
    }

    #[test]
    fn hebrew_slugs_keep_hebrew_letters() {
        assert_eq!(slugify("מדריך התחלה"), "מדריך-התחלה");
        assert_eq!(slugify("דוא״ל"), "דוא״ל");
    }

    #[test]
    fn slug_styles_keep_or_transliterate_every_script() {
        assert_eq!(slug_as("מדריך התחלה", SlugStyle::Unicode), "מדריך-התחלה");
        assert_eq!(slug_as("מדריך התחלה", SlugStyle::Transliterate), "mdrikh-htchla");
        assert_eq!(slug_as("Привет, мир!", SlugStyle::Transliterate), "privet-mir");
        assert_eq!(slug_as("دليل", SlugStyle::Transliterate), "dlil");
        assert_eq!(slug_as("Hello World!", SlugStyle::Transliterate), slugify("Hello World!"));
        assert_eq!(anchor_text("ביטול חשבונית", SlugStyle::Unicode), "ביטול חשבונית");
        assert_eq!(anchor_text("ביטול חשבונית", SlugStyle::Transliterate), "bitol chshbonit");
    }
}
