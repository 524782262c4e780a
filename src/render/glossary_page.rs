//! The published glossary (`publish: true` in `glossary.yaml`): one page at `/glossary/` in each language,
//! listing the terms for that language (and those for every language), what each means and the words
//! written instead of it, then the product names as they are spelled. Each term has an anchor, so an
//! article can link to `/glossary/#sign-in`.

use super::context::Subject;
use super::{fingerprint, fingerprint_json, output_path, PageRenderer, RenderedFile};
use crate::diagnostics::Diagnostic;
use crate::glossary::{Glossary, GLOSSARY_FILE};
use serde_json::{json, Value};

/// The theme template of the glossary page.
const TEMPLATE: &str = "glossary.html";
/// Where the glossary is published, in every language's part of the site.
pub const GLOSSARY_PATH: &str = "/glossary/";

impl PageRenderer<'_> {
    /// The glossary page, when `glossary.yaml` asks for one.
    pub(super) fn render_glossary_page(&self) -> Option<Result<RenderedFile, Diagnostic>> {
        let glossary = self.input.glossary.filter(|g| g.publish)?;
        let site = self.input.site;
        let config = &site.config;
        let lang = config.language.as_str();
        let title = glossary_title(self.input.theme, lang);
        let mut crumbs = self.breadcrumbs(0, lang);
        crumbs.push(json!({ "title": title, "url": site.url(GLOSSARY_PATH) }));
        let mut context = self.list_context(
            lang,
            GLOSSARY_PATH,
            crumbs,
            Subject::Glossary(glossary_value(glossary, lang, config.slugs)),
            &Value::Null,
        );
        context.list_feedback = crate::feedback::lists::for_generated(site, "glossary", GLOSSARY_PATH, &title);
        let strings_key = self.strings.get(lang).map(|(_, key)| *key);
        let key = fingerprint_json(
            fingerprint((self.templates.get(TEMPLATE), self.list_structure(TEMPLATE), strings_key)),
            &context,
        );
        let output = output_path(GLOSSARY_PATH);
        if let Some(reused) = self.reuse(&output, key) {
            return Some(Ok(reused));
        }
        Some(self.render(TEMPLATE, context, (output, key), &config.root.join(GLOSSARY_FILE), ""))
    }
}

/// The glossary page's title in `lang`.
pub fn glossary_title(theme: &super::Theme, lang: &str) -> String {
    theme.strings(lang).get("glossary_title").and_then(Value::as_str).unwrap_or("Glossary").to_string()
}

/// The terms for `lang` in alphabetical order, each with an anchor, and the product names.
fn glossary_value(glossary: &Glossary, lang: &str, slugs: crate::config::SlugStyle) -> Value {
    let mut terms: Vec<&crate::glossary::Term> = glossary.terms_for(lang).collect();
    terms.sort_by_cached_key(|t| t.preferred.to_lowercase());
    let terms: Vec<Value> = terms
        .iter()
        .map(|t| {
            json!({
                "term": t.preferred,
                "id": crate::site::slug_as(&t.preferred, slugs),
                "definition": t.definition,
                "avoid": t.avoid.iter().map(|p| p.text.as_str()).collect::<Vec<_>>(),
                "note": t.note,
            })
        })
        .collect();
    let products: Vec<&str> = glossary.products.iter().map(|p| p.name.as_str()).collect();
    json!({ "terms": terms, "products": products })
}
