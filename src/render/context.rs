//! The context every template gets, as one typed value built in one place: the page's own part
//! (`Context`: language, address, breadcrumbs, what the page is about, its head) and what all pages
//! share (`site`, the UI strings `t`, the mode and the year), joined only when a page is rendered
//! (`shared_context`).

use super::social::ShareLink;
use super::views::{PageView, SectionView};
use crate::site::feeds::FeedLink;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeSet;

/// A page's own context. Every key is always present (null or empty when it does not apply), so
/// `base.html` can test any of them.
#[derive(Debug, Serialize)]
pub struct Context {
    pub lang: String,
    pub dir: &'static str,
    pub current_url: String,
    pub breadcrumbs: Vec<Value>,
    /// What the page shows: `page`, `section`, `not_found`, `search_page` or `glossary`.
    #[serde(flatten)]
    pub subject: Subject,
    /// On taxonomy and term pages: the taxonomy's name, title and address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub taxonomy: Option<Value>,
    /// schema.org data for the page, as script-safe JSON text; empty when there is none.
    pub json_ld: String,
    pub json_ld_breadcrumbs: String,
    pub pagination: Value,
    /// `pagination` as HTML, when the theme's partial is the built-in one (see `pagination_html`).
    pub pagination_html: Option<String>,
    /// On list pages: "Didn't find what you need? Tell us", when the site has feedback and the list
    /// does not turn it off.
    pub list_feedback: Option<crate::feedback::lists::ListFeedback>,
    /// On a multilingual site: the language switcher, `hreflang` links and translation notices.
    pub languages: Option<LanguagesContext>,
    /// Beside articles, guides and KB categories: their section's categories and pages.
    pub section_nav: Option<super::section_nav::SectionNav>,
    /// `section_nav` as HTML, when Folio writes it instead of the default partials
    /// (`section_nav_html`); `section_nav` then keeps no entries.
    pub section_nav_html: Option<String>,
    /// The header's search box, rendered once per language (see `search_box`); unset when the
    /// theme has its own `partials/search-box.html`.
    pub search_box_html: Option<String>,
    /// The header's title and main menu, rendered once per language and menu state (see
    /// `site_menu`); unset when the theme has its own `base.html` or `partials/site-menu.html`.
    pub site_menu_html: Option<String>,
    /// On single pages, the related pages and the table of contents as the default partials write
    /// them (see `doc_parts`); unset when the theme has its own `related.html` or `toc.html`.
    pub related_html: Option<String>,
    pub toc_html: Option<String>,
    /// The head's tags after the title as `base.html` and its partials write them (see
    /// `head_html`); unset when the theme has its own `base.html`, `publish-head.html` or
    /// `language-alternates.html`.
    pub head_html: Option<String>,
    /// The breadcrumbs, a post's share links and the previous and next pages' links as the default
    /// partials write them (see `body_parts`); unset when the theme has its own partial.
    pub breadcrumbs_html: Option<String>,
    pub share_html: Option<String>,
    pub page_nav_html: Option<String>,
    /// The body's start down to the `<main>` tag, as `base.html` writes it (see `body_top`).
    pub body_top_html: Option<String>,
    #[serde(flatten)]
    pub head: Head,
}

/// What a page of a multilingual site shows about its languages.
#[derive(Debug, Serialize)]
pub struct LanguagesContext {
    pub switcher: Vec<crate::site::LanguageLink>,
    pub alternates: Vec<crate::site::Alternate>,
    /// "Not yet translated" or "the original was updated since", with a link to the original.
    pub notice: Option<TranslationNotice>,
    /// The language and direction of a borrowed page's text, when it is not the site's own.
    pub body_lang: Option<String>,
    pub body_dir: Option<&'static str>,
}

/// A notice about the translation of the page shown.
#[derive(Debug, Serialize)]
pub struct TranslationNotice {
    /// `untranslated` (the original is shown) or `outdated` (the original changed since).
    pub kind: &'static str,
    pub original_url: String,
    pub original_lang: String,
}

/// What a page is about, under the key its templates read.
#[derive(Debug, Serialize)]
pub enum Subject {
    #[serde(rename = "page")]
    Page(Box<PageView>),
    /// The feedback thank-you page: a title, an address and a kind.
    #[serde(rename = "page")]
    Thanks(Value),
    #[serde(rename = "section")]
    Section(Box<SectionView>),
    #[serde(rename = "not_found")]
    NotFound(bool),
    #[serde(rename = "search_page")]
    SearchPage(bool),
    /// The published glossary: its terms and product names in the page's language.
    #[serde(rename = "glossary")]
    Glossary(Value),
}

/// What a page puts in its head and share row: feed links, social card details, `noindex`, and
/// share links (posts only).
#[derive(Debug, Serialize)]
pub struct Head {
    pub feeds: Vec<FeedLink>,
    pub social: Value,
    pub noindex: bool,
    pub share: Vec<ShareLink>,
}

/// A page's own context as the JSON object tera gets, beside what every page of its template and
/// language shares (`site`, `t`, the mode and the year: see `shared_context`).
pub fn own_map(own: &Context) -> Result<serde_json::Map<String, Value>, String> {
    match serde_json::to_value(own).map_err(|e| e.to_string())? {
        Value::Object(map) => Ok(map),
        _ => Ok(serde_json::Map::new()),
    }
}

/// The site value as a template sees it: only the fields its closure reads (`template_uses`), or all
/// of them when it may read any. Copying the whole site value (authors, products, categories, the
/// latest posts) into every page's context was most of the cost of building it.
pub fn site_for_template(site: &Value, fields: Option<&BTreeSet<String>>) -> Value {
    match (fields, site) {
        (Some(fields), Value::Object(all)) => Value::Object(
            all.iter().filter(|(name, _)| fields.contains(*name)).map(|(n, v)| (n.clone(), v.clone())).collect(),
        ),
        _ => site.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_template_gets_only_the_site_fields_it_reads() {
        let site = json!({ "title": "Acme", "authors": { "noa": {} }, "menus": { "main": [] } });
        let fields: BTreeSet<String> = ["title".to_string(), "menus".to_string()].into();
        assert_eq!(site_for_template(&site, Some(&fields)), json!({ "title": "Acme", "menus": { "main": [] } }));
        // A template that may read any field (`site` passed whole) gets all of them.
        assert_eq!(site_for_template(&site, None), site);
    }
}
