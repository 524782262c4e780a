//! Translations: `name.<code>.md` beside `name.md` (`_index.<code>.md`, `index.<code>.md` in
//! bundles) for the codes listed under `languages:`. A multilingual site is built as one site per
//! language, each made of that language's files under their shared names, so every later stage
//! works on one language at a time and no list can mix them.

use super::{Discovered, SourcePage};
use crate::config::{Config, Fallback, LanguageView, SectionKind};
use crate::content::dates::PageDate;
use crate::content::front_matter::front_key_line;
use crate::diagnostics::{Diagnostic, Location};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// One language of the site: its configuration (prefix, title, menus…) and its pages.
#[derive(Debug, Clone)]
pub struct LanguagePart {
    pub code: String,
    pub config: Config,
    pub found: Discovered,
}

/// A multilingual site taken apart by language, default language first.
#[derive(Debug, Clone)]
pub struct SplitSite {
    pub parts: Vec<LanguagePart>,
    /// Translations older than their originals: (translation file, original file).
    pub outdated: Vec<(PathBuf, PathBuf)>,
}

/// Where a translation stands against its original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// It says which version it follows, and that is the current one.
    Current,
    /// The original changed after the version it follows.
    Outdated,
    /// It does not say which version it follows (no `translated_from:`).
    Unstamped,
    /// There is no original: the page exists only in this language.
    NoOriginal,
}

/// `refunds.he.md` → (`refunds.md`, `he`) when `he` is one of `codes`; `v1.2.md` stays a page of
/// its own, since `2` is no configured language.
pub fn split_translation_name<'a>(rel: &str, codes: impl IntoIterator<Item = &'a str>) -> Option<(String, String)> {
    let stem = rel.strip_suffix(".md")?;
    let (base, code) = stem.rsplit_once('.')?;
    let name_start = base.rfind('/').map_or(0, |i| i + 1);
    if base.len() == name_start {
        return None;
    }
    codes.into_iter().find(|c| *c == code).map(|c| (format!("{base}.md"), c.to_string()))
}

/// A content hash of what a translation translates: the original's title and text. Stable across
/// builds and machines (FNV-1a), since it is written into files.
pub fn original_hash(original: &SourcePage) -> String {
    let title = original.parsed.front.title.as_deref().unwrap_or("");
    let body = original.parsed.body.replace("\r\n", "\n");
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in title.trim().bytes().chain([0]).chain(body.trim().bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// Compares `translation`'s `translated_from:` with `original` as it is now.
pub fn translation_status(translation: &SourcePage, original: Option<&SourcePage>) -> Result<Status, Diagnostic> {
    let Some(original) = original else { return Ok(Status::NoOriginal) };
    let Some(stamp) = translation.parsed.front.translated_from.as_deref().map(str::trim) else {
        return Ok(Status::Unstamped);
    };
    if stamp.len() == 16 && stamp.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(if stamp.eq_ignore_ascii_case(&original_hash(original)) {
            Status::Current
        } else {
            Status::Outdated
        });
    }
    let Some(day) = PageDate::parse(stamp) else {
        let line = front_key_line(&translation.parsed.front_text, "translated_from");
        return Err(Diagnostic::new(
            Location::new(&translation.path, line, 0),
            format!("`translated_from` must be a date or a content hash, found `{stamp}`"),
        )
        .with_help("write the day the original was translated (translated_from: 2026-03-01), or run `folio translations --stamp FILE`"));
    };
    let changed = original.parsed.front.updated.or(original.parsed.front.date);
    Ok(if changed.is_some_and(|c| c > day) { Status::Outdated } else { Status::Current })
}

/// Takes a multilingual site apart by language. Each part's pages carry their shared name
/// (`kb/refunds.md` in every language), so addresses and links line up across languages.
pub fn split_languages(config: &Config, found: &Discovered) -> Result<SplitSite, Vec<Diagnostic>> {
    let default = config.language.as_str();
    let codes: Vec<&str> = config.languages.keys().map(String::as_str).chain([default]).collect();
    let mut originals: BTreeMap<String, Arc<SourcePage>> = BTreeMap::new();
    let mut translations: BTreeMap<&str, BTreeMap<String, Arc<SourcePage>>> = BTreeMap::new();
    let mut errors = Vec::new();
    for page in &found.pages {
        let (shared, code, page) = match split_translation_name(&page.rel, codes.iter().copied()) {
            Some((shared, code)) => (shared.clone(), code, renamed(page, shared)),
            None => (page.rel.clone(), default.to_string(), page.clone()),
        };
        let list = if code == default {
            &mut originals
        } else {
            translations.entry(codes.iter().copied().find(|c| *c == code).unwrap_or(default)).or_default()
        };
        if let Some(first) = list.insert(shared.clone(), page.clone()) {
            let first = first.path.strip_prefix(&config.root).unwrap_or(&first.path);
            errors.push(
                Diagnostic::new(
                    Location::file(&page.path),
                    format!("this page is also written in `{code}` as {}", first.display()),
                )
                .with_help("keep one file per page and language: name.md for the default language, name.CODE.md for the others"),
            );
        }
    }

    let mut outdated = Vec::new();
    let mut parts = Vec::new();
    let default_prefix = if config.default_language_in_path { format!("/{default}") } else { String::new() };
    parts.push(part(config, default, default_prefix, originals.values().cloned().collect(), Default::default(), found));
    for (code, settings) in &config.languages {
        let own = translations.remove(code.as_str()).unwrap_or_default();
        let mut view_outdated = BTreeMap::new();
        for (shared, page) in &own {
            match translation_status(page, originals.get(shared).map(|p| &**p)) {
                Ok(Status::Outdated) => {
                    let original = &originals[shared];
                    view_outdated.insert(shared.clone(), original.rel.clone());
                    outdated.push((page.path.clone(), original.path.clone()));
                }
                Ok(_) => {}
                Err(e) => errors.push(e),
            }
        }
        let mut pages: Vec<Arc<SourcePage>> = own.values().cloned().collect();
        let mut borrowed = BTreeMap::new();
        for (shared, original) in &originals {
            let is_index = shared == "_index.md" || shared.ends_with("/_index.md");
            // Products and authors are named by other pages, so they exist in every language.
            let top = shared.split('/').next().unwrap_or("");
            let named = matches!(config.section(top).kind, SectionKind::Products | SectionKind::Authors)
                && shared.contains('/');
            if own.contains_key(shared) || is_index || !(settings.fallback == Fallback::Original || named) {
                continue;
            }
            let lang = original.parsed.front.lang.clone().unwrap_or_else(|| default.to_string());
            borrowed.insert(shared.clone(), lang);
            pages.push(original.clone());
        }
        pages.sort_by(|a, b| a.rel.cmp(&b.rel));
        let view = (borrowed, view_outdated);
        parts.push(part(config, code, format!("/{code}"), pages, view, found));
    }
    if errors.is_empty() {
        Ok(SplitSite { parts, outdated })
    } else {
        Err(errors)
    }
}

/// The page under its shared name: `kb/refunds.he.md` read as `kb/refunds.md` of its language.
fn renamed(page: &Arc<SourcePage>, shared: String) -> Arc<SourcePage> {
    let mut copy = SourcePage::clone(page);
    copy.fingerprint = crate::memo::fingerprint((page.fingerprint, &shared));
    copy.rel = shared;
    Arc::new(copy)
}

/// The configuration and files of one language. `static/` is published once, at the root, so
/// only the part published there carries it.
fn part(
    config: &Config,
    code: &str,
    prefix: String,
    pages: Vec<Arc<SourcePage>>,
    (borrowed, outdated): (BTreeMap<String, String>, BTreeMap<String, String>),
    found: &Discovered,
) -> LanguagePart {
    let mut own = config.clone();
    if let Some(settings) = config.languages.get(code) {
        own.language = code.to_string();
        own.title = settings.title.clone().unwrap_or_else(|| config.title.clone());
        own.description = settings.description.clone().unwrap_or_else(|| config.description.clone());
        if let Some(menus) = &settings.menus {
            own.menus = menus.clone();
        }
    }
    own.base_path = format!("{}{prefix}", config.base_path);
    own.base_url = format!("{}{prefix}", config.base_url);
    // A host reads its redirect and header files only at the root of the whole site: they are
    // written there once, for every language, by the pipeline (`publish::render_language_host_files`).
    own.host = None;
    own.view = LanguageView { prefix, asset_path: config.base_path.clone(), borrowed, outdated };
    own.fingerprint = crate::memo::fingerprint((config.fingerprint, code, &own.view));
    let found = Discovered {
        pages,
        content_assets: found.content_assets.clone(),
        static_files: if own.view.prefix.is_empty() { found.static_files.clone() } else { Vec::new() },
        authors_file: found.authors_file.clone(),
    };
    LanguagePart { code: code.to_string(), config: own, found }
}

/// One translation of the site and where it stands, for `folio translations`.
#[derive(Debug, Clone)]
pub struct TranslationEntry {
    pub file: PathBuf,
    pub lang: String,
    /// The original's file and its current content hash; `None` for a page only in this language.
    pub original: Option<(PathBuf, String)>,
    pub status: Status,
}

/// Every translation among `found`'s pages, in file order, with its status.
pub fn list_translations(config: &Config, found: &Discovered) -> Result<Vec<TranslationEntry>, Vec<Diagnostic>> {
    let codes: Vec<&str> = config.languages.keys().map(String::as_str).collect();
    let by_rel: BTreeMap<&str, &SourcePage> = found.pages.iter().map(|p| (p.rel.as_str(), &**p)).collect();
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for page in &found.pages {
        let Some((shared, lang)) = split_translation_name(&page.rel, codes.iter().copied()) else { continue };
        let original = by_rel.get(shared.as_str()).copied();
        match translation_status(page, original) {
            Ok(status) => entries.push(TranslationEntry {
                file: page.path.clone(),
                lang,
                original: original.map(|o| (o.path.clone(), original_hash(o))),
                status,
            }),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(entries)
    } else {
        Err(errors)
    }
}

/// Writes `translated_from: "<hash>"` into the YAML front matter of `text`, replacing an earlier
/// stamp. `Err` says why the file cannot be stamped.
pub fn stamp_front_matter(text: &str, hash: &str) -> Result<String, String> {
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    if lines.first().map(|l| l.trim_end()) != Some("---") {
        return Err("it has no YAML front matter (a block between `---` lines) to write the stamp into".into());
    }
    let Some(end) = lines.iter().skip(1).position(|l| l.trim_end() == "---").map(|i| i + 1) else {
        return Err("its front matter is not closed by a `---` line".into());
    };
    let stamp = format!("translated_from: \"{hash}\"{newline}");
    match (1..end).find(|&i| lines[i].starts_with("translated_from:")) {
        Some(i) => lines[i] = &stamp,
        None => lines.insert(end, &stamp),
    }
    Ok(lines.concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_configured_codes_make_translations() {
        let codes = ["he", "ar"];
        assert_eq!(split_translation_name("kb/refunds.he.md", codes), Some(("kb/refunds.md".into(), "he".into())));
        assert_eq!(split_translation_name("kb/_index.ar.md", codes), Some(("kb/_index.md".into(), "ar".into())));
        assert_eq!(split_translation_name("docs/v1.2.md", codes), None);
        assert_eq!(split_translation_name("kb/notes.fr.md", codes), None);
        assert_eq!(split_translation_name("kb/.he.md", codes), None);
    }

    #[test]
    fn stamp_is_written_once_and_replaced() {
        let text = "---\ntitle: שלום\n---\nגוף\n";
        let once = stamp_front_matter(text, "0123456789abcdef").unwrap();
        assert_eq!(once, "---\ntitle: שלום\ntranslated_from: \"0123456789abcdef\"\n---\nגוף\n");
        let twice = stamp_front_matter(&once, "fedcba9876543210").unwrap();
        assert_eq!(twice, "---\ntitle: שלום\ntranslated_from: \"fedcba9876543210\"\n---\nגוף\n");
        assert!(stamp_front_matter("no front matter", "0").is_err());
    }
}
