//! The header's search box, rendered once per language instead of on every page: it shows the
//! site's address, the language and some thirty UI strings, the same on every page of a language,
//! and those lookups were a good part of rendering a page. Only the default theme's
//! `partials/search-box.html` is rendered ahead; a site's own is included on each page as written.

use super::templates::error_chain;
use super::theme::Theme;
use crate::diagnostics::{Diagnostic, Location};
use crate::site::Site;
use serde_json::{json, Value};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use tera::Tera;

const PARTIAL: &str = "partials/search-box.html";

/// For each language of `strings` (UI strings by language), the search box its pages show in the
/// header; empty when the site has no search or its theme overrides the partial. `site_values`
/// holds, for each template, the site value cut to the fields it reads.
pub fn render_search_boxes(
    tera: &Tera,
    (theme, enabled): (&Theme, bool),
    site_values: &HashMap<String, Value>,
    strings: &HashMap<String, (Value, u64)>,
    site_yaml: &Path,
) -> Result<HashMap<String, String>, Diagnostic> {
    let Some(site_value) = site_values.get(PARTIAL) else { return Ok(HashMap::new()) };
    if !enabled || !theme.templates.get(PARTIAL).is_some_and(|t| t.is_built_in()) {
        return Ok(HashMap::new());
    }
    strings
        .iter()
        .map(|(lang, (t, _))| {
            // What the partial reads in a page's header: `search_id` and `search_class` are unset there.
            let context = json!({ "site": site_value, "lang": lang, "t": t });
            let context = tera::Context::from_value(context)
                .map_err(|e| Diagnostic::new(Location::file(site_yaml), e.to_string()))?;
            let html = tera.render(PARTIAL, &context).map_err(|e| {
                Diagnostic::new(Location::file(site_yaml), format!("cannot render `{PARTIAL}`: {}", error_chain(&e)))
            })?;
            Ok((lang.clone(), html))
        })
        .collect()
}

/// Where the search script finds a language's strings, under the search base (`/search/`).
pub fn search_strings_path(lang: &str) -> String {
    format!("search/strings-{lang}.json")
}

/// The strings the search script shows once it has something to show — counts, "did you mean",
/// section names — by the name the script reads them under, and the theme key each comes from.
/// They used to travel as `data-t-*` attributes on every page's search form (about a kilobyte a
/// page in Hebrew); now each language's are one file, fetched with the index. The two strings
/// needed before or without that fetch, "searching…" and "not available", stay on the form.
const SCRIPT_STRINGS: &[(&str, &str)] = &[
    ("count", "search_count"),
    ("countZero", "search_count_zero"),
    ("countOne", "search_count_one"),
    ("countTwo", "search_count_two"),
    ("countFew", "search_count_few"),
    ("countMany", "search_count_many"),
    ("noResults", "search_no_results"),
    ("didYouMean", "search_did_you_mean"),
    ("partial", "search_partial"),
    ("seeAll", "search_see_all"),
    ("otherLanguages", "search_other_languages"),
    ("sectionBlog", "blog"),
    ("sectionKb", "knowledge_base"),
    ("sectionGuide", "guides"),
    ("sectionProduct", "products"),
    ("sectionPage", "pages"),
    ("sectionAuthor", "authors"),
];

/// `search/strings-<lang>.json` for `lang`: a JSON object of the script's strings. A plural form
/// the language does not have (an empty or absent `search_count_few`…) is left out, so the script
/// falls back to the plain form as the Rust side does.
pub fn search_strings_file(theme: &Theme, lang: &str) -> (String, Vec<u8>) {
    let strings = theme.strings(lang);
    let object: serde_json::Map<String, Value> = SCRIPT_STRINGS
        .iter()
        .filter_map(|(name, key)| {
            let text = strings.get(*key).and_then(Value::as_str).filter(|text| !text.is_empty())?;
            Some((name.to_string(), Value::String(text.to_string())))
        })
        .collect();
    (search_strings_path(lang), Value::Object(object).to_string().into_bytes())
}

/// The languages a site's pages and sections are shown in, its own language included: the
/// languages whose UI strings pages need.
pub fn shown_languages(site: &Site) -> BTreeSet<&str> {
    let pages = site.pages.iter().map(|p| p.lang.as_str());
    let sections = site.sections.iter().map(|s| s.lang.as_str());
    pages.chain(sections).chain(std::iter::once(site.config.language.as_str())).collect()
}
