//! UI strings: the `i18n/<lang>.yaml` files of every theme layer completed into one full set per
//! language, and the build warnings for the strings a language lacks.
//!
//! A language's missing (or empty) string is taken from its primary language (`he` for `he-IL`),
//! then from English, so no label is ever empty; each one taken from English is remembered and
//! reported once per language, naming the keys and the file to add them to. Plural variants
//! (`article_count_few`, see `plural`) are not copied from another language on their own: a
//! language without a variant uses its own plain key, which is the right fallback.

use super::plural::VARIANT_SUFFIXES;
use crate::diagnostics::{Diagnostic, Location};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The strings every language falls back to.
pub const FALLBACK_LANGUAGE: &str = "en";

/// Strings as the theme layers wrote them: language → key → text, later layers already merged in,
/// and the last file each language was read from.
#[derive(Debug, Default, Clone)]
pub struct WrittenStrings {
    pub by_lang: BTreeMap<String, BTreeMap<String, String>>,
    pub files: BTreeMap<String, PathBuf>,
}

/// The completed strings of every language, and what each had to borrow from English.
#[derive(Debug, Default)]
pub struct UiStrings {
    complete: BTreeMap<String, Map<String, Value>>,
    /// Language → keys shown in English because the language has no text for them.
    borrowed: BTreeMap<String, Vec<String>>,
    files: BTreeMap<String, PathBuf>,
}

impl UiStrings {
    /// Completes each written language with its primary language's and then English strings.
    pub fn complete(written: WrittenStrings) -> UiStrings {
        let english = own_strings(written.by_lang.get(FALLBACK_LANGUAGE));
        let mut strings = UiStrings { files: written.files, ..UiStrings::default() };
        for (lang, map) in &written.by_lang {
            let mut full = own_strings(Some(map));
            let primary = lang.split('-').next().unwrap_or(lang);
            if primary != lang {
                fill_from(&mut full, &own_strings(written.by_lang.get(primary)));
            }
            if lang != FALLBACK_LANGUAGE {
                let borrowed = fill_from(&mut full, &english);
                if !borrowed.is_empty() {
                    strings.borrowed.insert(lang.clone(), borrowed);
                }
            }
            strings.complete.insert(lang.clone(), full);
        }
        strings
    }

    /// The strings for `lang`: its own, its primary language's (`he` for `he-IL`), or English.
    pub fn for_lang(&self, lang: &str) -> Option<&Map<String, Value>> {
        let primary = lang.split('-').next().unwrap_or(lang);
        self.complete.get(lang).or_else(|| self.complete.get(primary)).or_else(|| self.complete.get(FALLBACK_LANGUAGE))
    }

    /// One warning for each of `languages` whose pages show some labels in English, naming the keys
    /// and the file to add them to. `root` is the site folder.
    pub fn missing_warnings<'a>(&self, languages: impl IntoIterator<Item = &'a str>, root: &Path) -> Vec<Diagnostic> {
        let languages: BTreeSet<&str> = languages.into_iter().collect();
        let english_keys: Vec<String> = self
            .complete
            .get(FALLBACK_LANGUAGE)
            .map_or_else(Vec::new, |m| m.keys().filter(|k| !is_variant(k, m)).cloned().collect());
        let mut warnings = Vec::new();
        let mut reported = BTreeSet::new();
        for lang in languages {
            let primary = lang.split('-').next().unwrap_or(lang);
            let (shown, keys) = if self.complete.contains_key(lang) {
                (lang, self.borrowed.get(lang).cloned().unwrap_or_default())
            } else if self.complete.contains_key(primary) {
                (primary, self.borrowed.get(primary).cloned().unwrap_or_default())
            } else {
                (primary, english_keys.clone())
            };
            if shown == FALLBACK_LANGUAGE || keys.is_empty() || !reported.insert(shown) {
                continue;
            }
            let file =
                self.files.get(shown).cloned().unwrap_or_else(|| root.join("i18n").join(format!("{shown}.yaml")));
            warnings.push(missing_warning(shown, &keys, &file));
        }
        warnings
    }
}

/// The warnings for the UI strings missing in the languages `site`'s pages and lists are shown in.
pub fn missing_string_warnings(theme: &super::Theme, site: &crate::site::Site) -> Vec<Diagnostic> {
    let pages = site.pages.iter().map(|p| p.lang.as_str());
    let lists = site.sections.iter().map(|s| s.lang.as_str());
    let languages = pages.chain(lists).chain(std::iter::once(site.config.language.as_str()));
    theme.ui_strings.missing_warnings(languages, &site.config.root)
}

fn missing_warning(lang: &str, keys: &[String], file: &Path) -> Diagnostic {
    const NAMED: usize = 8;
    let mut named: Vec<String> = keys.iter().take(NAMED).map(|k| format!("`{k}`")).collect();
    if keys.len() > NAMED {
        named.push(format!("and {} more", keys.len() - NAMED));
    }
    let message = match keys {
        [key] => format!("UI string `{key}` is missing for language `{lang}`; pages in `{lang}` show it in English"),
        _ => format!(
            "{} UI strings are missing for language `{lang}`: {}; pages in `{lang}` show them in English",
            keys.len(),
            named.join(", ")
        ),
    };
    Diagnostic::new(Location::file(file), message).with_help(
        "add a `key: text` line for each to this file, in the site's i18n/ folder (Folio's English strings \
         are in themes/default/i18n/en.yaml)",
    )
}

/// The non-empty strings of one file set, as JSON strings.
fn own_strings(map: Option<&BTreeMap<String, String>>) -> Map<String, Value> {
    map.into_iter()
        .flatten()
        .filter(|(_, text)| !text.trim().is_empty())
        .map(|(key, text)| (key.clone(), Value::String(text.clone())))
        .collect()
}

/// Adds to `strings` what `from` has and it lacks; returns the plain keys added. A plural variant
/// comes along only with its plain key: on its own it would put another language's grammar into
/// this one's sentence.
fn fill_from(strings: &mut Map<String, Value>, from: &Map<String, Value>) -> Vec<String> {
    let lacking: Vec<(&String, &Value)> = from.iter().filter(|(key, _)| !strings.contains_key(*key)).collect();
    let mut added = Vec::new();
    let mut taken = Vec::new();
    for (key, value) in lacking {
        match variant_base(key, from) {
            Some(base) if strings.contains_key(base) => {}
            Some(_) => taken.push((key.clone(), value.clone())),
            None => {
                added.push(key.clone());
                taken.push((key.clone(), value.clone()));
            }
        }
    }
    strings.extend(taken);
    added
}

/// `article_count` for `article_count_few` when `article_count` is a key of `strings`.
pub fn variant_base<'a>(key: &'a str, strings: &Map<String, Value>) -> Option<&'a str> {
    let (base, suffix) = key.rsplit_once('_')?;
    (VARIANT_SUFFIXES.contains(&suffix) && strings.contains_key(base)).then_some(base)
}

fn is_variant(key: &str, strings: &Map<String, Value>) -> bool {
    variant_base(key, strings).is_some()
}

#[cfg(test)]
#[path = "strings_tests.rs"]
mod tests;
