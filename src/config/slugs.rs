//! The `slugs:` setting of site.yaml: whether URLs and heading anchors keep the letters of every
//! script (`unicode`, the default: a Hebrew title makes a Hebrew address) or are spelled in Latin
//! letters (`transliterate`).

use crate::diagnostics::{closest, Diagnostic, Location};
use std::path::Path;

/// How page, section and term URL segments and heading anchors are made from text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SlugStyle {
    /// Letters of every script stay as they are (`/kb/מדריך-התחלה/`); links percent-encode them.
    #[default]
    Unicode,
    /// Hebrew, Arabic, Cyrillic and other letters are written in Latin ones (`/kb/mdrikh-htchla/`).
    Transliterate,
}

/// Every style by the name site.yaml uses for it.
const STYLES: &[(&str, SlugStyle)] = &[("unicode", SlugStyle::Unicode), ("transliterate", SlugStyle::Transliterate)];

/// Checks `slugs:`; `text` and `path` locate the error in site.yaml.
pub(super) fn check_slugs(raw: Option<String>, text: &str, path: &Path) -> Result<SlugStyle, Diagnostic> {
    let Some(raw) = raw else { return Ok(SlugStyle::default()) };
    let name = raw.trim().to_ascii_lowercase();
    if let Some((_, style)) = STYLES.iter().find(|(n, _)| *n == name) {
        return Ok(*style);
    }
    let line = crate::yaml::key_line(text, "slugs").unwrap_or(0);
    let diagnostic = Diagnostic::new(Location::new(path, line, 0), format!("unknown slug style `{}`", raw.trim()));
    Err(match closest(&name, STYLES.iter().map(|(n, _)| *n)) {
        Some(best) => diagnostic.with_help(format!("did you mean `{best}`?")),
        None => diagnostic.with_help(
            "write `slugs: unicode` (addresses keep Hebrew letters) or `slugs: transliterate` (Latin letters)",
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::SlugStyle;
    use crate::config::parse_config;
    use std::path::Path;

    fn parse(line: &str) -> Result<SlugStyle, String> {
        let text = format!("title: A\nbase_url: https://e.com\n{line}");
        parse_config(&text, Path::new("/site"), Path::new("site.yaml")).map(|c| c.slugs).map_err(|e| e.to_string())
    }

    #[test]
    fn slugs_default_to_unicode_and_are_read_by_name() {
        assert_eq!(parse(""), Ok(SlugStyle::Unicode));
        assert_eq!(parse("slugs: transliterate\n"), Ok(SlugStyle::Transliterate));
        assert_eq!(parse("slugs: Unicode\n"), Ok(SlugStyle::Unicode));
    }

    #[test]
    fn unknown_slug_style_names_the_line_and_the_choices() {
        assert_eq!(
            parse("slugs: transliterat\n").unwrap_err(),
            "error: site.yaml:3: unknown slug style `transliterat`\n  help: did you mean `transliterate`?"
        );
        let far = parse("slugs: ascii-only-please\n").unwrap_err();
        assert!(far.starts_with("error: site.yaml:3: unknown slug style `ascii-only-please`"), "{far}");
        assert!(far.contains("help: write `slugs: unicode`"), "{far}");
    }
}
