//! The `languages:` block of site.yaml: the languages a site publishes besides its default
//! `language:`, each with its own title, description, menus, direction and what readers see where
//! a page is not translated. Also the per-language view the pipeline gives each language's build.

use super::MenuItem;
use crate::diagnostics::{Diagnostic, Location};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// One entry of `languages:`, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLanguage {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    menus: Option<BTreeMap<String, Vec<MenuItem>>>,
    #[serde(default)]
    fallback: Option<String>,
    #[serde(default)]
    dir: Option<String>,
    #[serde(default)]
    dates: Option<super::dates::RawDates>,
}

/// What a language shows where a page has no translation in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fallback {
    /// The page does not exist in that language; links to it go to the language's section or home.
    Hide,
    /// The default-language page is shown at the translated address, in the language's frame,
    /// with a notice that it is not yet translated.
    Original,
}

/// The settings of one language besides the default.
#[derive(Debug, Clone, Hash)]
pub struct LanguageSettings {
    /// What the language switcher calls it, in the language itself: `עברית`.
    pub name: String,
    /// The site's title in this language; the default title when not given.
    pub title: Option<String>,
    pub description: Option<String>,
    /// Menus in this language; the default menus when not given.
    pub menus: Option<BTreeMap<String, Vec<MenuItem>>>,
    pub fallback: Fallback,
    /// `rtl` or `ltr` instead of the direction the language code implies.
    pub dir: Option<&'static str>,
    /// How dates are shown in this language; the site's `dates:` when not given.
    pub dates: Option<super::dates::DateStyle>,
}

/// Which of the site's languages a `Config` builds, and what differs in it. The pipeline makes
/// one per language of a multilingual site; a site without `languages:` keeps the default.
#[derive(Debug, Clone, Default, Hash)]
pub struct LanguageView {
    /// The address prefix of the language: `/he`, or empty where it is published at the root.
    pub prefix: String,
    /// Where the theme's files and `static/` are published: the site's own base path, once for
    /// all languages.
    pub asset_path: String,
    /// Pages shown from the default language because this one has no translation of them:
    /// page id → the language of the original.
    pub borrowed: BTreeMap<String, String>,
    /// Translations whose original changed after they were made: page id → the original's file.
    pub outdated: BTreeMap<String, String>,
}

/// `name` as the switcher shows it, for the languages Folio knows; others use their code.
pub fn native_name(code: &str) -> String {
    let primary = code.split('-').next().unwrap_or(code);
    let known = match primary {
        "he" => "עברית",
        "en" => "English",
        "ar" => "العربية",
        "ru" => "Русский",
        "fr" => "Français",
        "de" => "Deutsch",
        "es" => "Español",
        "fa" => "فارسی",
        "it" => "Italiano",
        "pt" => "Português",
        "yi" => "ייִדיש",
        "uk" => "Українська",
        _ => return code.to_string(),
    };
    known.to_string()
}

/// Checks every entry of `languages:`. `default` is the site's `language:`.
pub(super) fn check_languages(
    raw: BTreeMap<String, RawLanguage>,
    default: &str,
    (text, path): (&str, &Path),
    errors: &mut Vec<Diagnostic>,
) -> BTreeMap<String, LanguageSettings> {
    let line_of = |code: &str| {
        let nested = text.lines().position(|l| {
            let trimmed = l.trim_start();
            l.len() > trimmed.len() && trimmed.strip_prefix(code).is_some_and(|r| r.trim_start().starts_with(':'))
        });
        nested.map(|i| i + 1).or_else(|| crate::yaml::key_line(text, "languages")).unwrap_or(0)
    };
    let mut languages = BTreeMap::new();
    for (code, raw) in raw {
        let at = Location::new(path, line_of(&code), 0);
        if !super::is_language_tag(&code) {
            errors.push(
                Diagnostic::new(at, format!("`languages`: `{code}` is not a language code"))
                    .with_help("name each language by its code, such as `he`, `en` or `pt-BR`"),
            );
            continue;
        }
        if code == default {
            errors.push(
                Diagnostic::new(at, format!("`languages.{code}`: `{code}` is the default language (`language: {default}`)"))
                    .with_help("list only the other languages here; the default language uses the top-level title, description and menus"),
            );
            continue;
        }
        let fallback = match raw.fallback.as_deref().map(str::trim) {
            None | Some("hide") => Fallback::Hide,
            Some("original") => Fallback::Original,
            Some(other) => {
                errors.push(
                    Diagnostic::new(at.clone(), format!("`languages.{code}.fallback`: unknown value `{other}`"))
                        .with_help("write `hide` (untranslated pages do not exist in this language) or `original` (they show the default-language page with a notice)"),
                );
                Fallback::Hide
            }
        };
        let dir = match raw.dir.as_deref().map(str::trim) {
            None => None,
            Some("rtl") => Some("rtl"),
            Some("ltr") => Some("ltr"),
            Some(other) => {
                errors.push(
                    Diagnostic::new(at, format!("`languages.{code}.dir`: unknown direction `{other}`"))
                        .with_help("write `rtl` or `ltr`, or leave `dir:` out to follow the language"),
                );
                None
            }
        };
        let dates = raw.dates.and_then(|d| {
            // The `dates:` line inside this language's block, so errors point at its values.
            let start = line_of(&code);
            let block = text.lines().enumerate().skip(start).find(|(_, l)| l.trim_start().starts_with("dates:"));
            let block_line = block.map_or(start, |(i, _)| i + 1);
            super::dates::check_date_style(d, text, path, block_line).map_err(|e| errors.push(e)).ok()
        });
        let name = raw.name.unwrap_or_else(|| native_name(&code));
        let (title, description, menus) = (raw.title, raw.description, raw.menus);
        let settings = LanguageSettings { name, title, description, menus, fallback, dir, dates };
        languages.insert(code, settings);
    }
    languages
}

#[cfg(test)]
mod tests {
    use crate::config::{parse_config, Fallback};
    use std::path::Path;

    fn parse(text: &str) -> Result<crate::config::Config, crate::diagnostics::BuildError> {
        parse_config(text, Path::new("/site"), Path::new("site.yaml"))
    }

    #[test]
    fn reads_languages_with_their_settings() {
        let c = parse(
            "title: Acme\nbase_url: https://e.com\nlanguage: en\nlanguages:\n  he:\n    title: אקמה\n    fallback: original\n  ar:\n    dir: rtl\n",
        )
        .unwrap();
        assert_eq!(c.languages.len(), 2);
        assert_eq!(c.languages["he"].title.as_deref(), Some("אקמה"));
        assert_eq!(c.languages["he"].fallback, Fallback::Original);
        assert_eq!(c.languages["he"].name, "עברית");
        assert_eq!(c.languages["ar"].fallback, Fallback::Hide);
        assert!(!c.default_language_in_path);
    }

    #[test]
    fn a_language_may_write_dates_its_own_way() {
        let c = parse(
            "title: A\nbase_url: https://e.com\nlanguage: he\ndates:\n  calendar: hebrew\nlanguages:\n  en:\n    dates:\n      format: short\n",
        )
        .unwrap();
        assert_eq!(c.date_style("he").calendar, crate::config::dates::Calendar::Hebrew);
        assert_eq!(c.date_style("en").calendar, crate::config::dates::Calendar::Gregorian);
        assert_eq!(c.date_style("en-GB").format, crate::config::dates::DateFormat::Short);
        let err = parse("title: A\nbase_url: https://e.com\nlanguages:\n  he:\n    dates:\n      calendar: lunar\n")
            .unwrap_err();
        assert!(
            err.to_string().starts_with("error: site.yaml:6:17: `dates.calendar`: unknown calendar `lunar`"),
            "{err}"
        );
    }

    #[test]
    fn rejects_unknown_key_in_a_language() {
        let err = parse("title: A\nbase_url: https://e.com\nlanguages:\n  he:\n    titel: x\n").unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("error: site.yaml:5:5: unknown key `titel`"), "{text}");
        assert!(text.contains("did you mean `title`?"), "{text}");
    }

    #[test]
    fn rejects_bad_fallback_on_its_line() {
        let err = parse("title: A\nbase_url: https://e.com\nlanguages:\n  he:\n    fallback: english\n").unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("error: site.yaml:4: `languages.he.fallback`: unknown value `english`"), "{text}");
    }

    #[test]
    fn rejects_the_default_language_among_the_others() {
        let err = parse("title: A\nbase_url: https://e.com\nlanguage: he\nlanguages:\n  he: {}\n").unwrap_err();
        assert!(err.to_string().contains("`he` is the default language"), "{err}");
    }
}
