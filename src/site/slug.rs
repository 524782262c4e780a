//! URL segments made from file names and `slug:` values.

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
    use super::slugify;

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
}
