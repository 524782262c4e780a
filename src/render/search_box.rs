//! The header's search box, rendered once per language instead of on every page: it shows the
//! site's address, the language and some thirty UI strings, the same on every page of a language,
//! and those lookups were a good part of rendering a page. Only the default theme's
//! `partials/search-box.html` is rendered ahead; a site's own is included on each page as written.

use super::templates::error_chain;
use super::theme::Theme;
use crate::diagnostics::{Diagnostic, Location};
use serde_json::{json, Value};
use std::collections::HashMap;
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
