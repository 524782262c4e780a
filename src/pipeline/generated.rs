//! The pages a build makes besides the content's own — the published glossary (`publish: true` in
//! glossary.yaml) at `/glossary/` of every language: their addresses, for the sitemap and the
//! languages' links to each other, and their text for the search index.

use crate::glossary::Glossary;
use crate::render::{glossary_title, Theme, GLOSSARY_PATH};
use crate::search::ExtraPage;
use crate::site::Site;

/// The addresses of the generated pages in every language: `/glossary/` when it is published.
pub(super) fn generated_paths(glossary: Option<&Glossary>) -> Vec<&'static str> {
    glossary.filter(|g| g.publish).map(|_| GLOSSARY_PATH).into_iter().collect()
}

/// The generated pages of `site` as the search index takes them: the glossary as one page whose
/// terms weigh as headings and whose definitions, notes and avoided words are its text, so a
/// reader who types the word they would have written finds the term.
pub(super) fn generated_search_pages(site: &Site, theme: &Theme, glossary: Option<&Glossary>) -> Vec<ExtraPage> {
    let Some(glossary) = glossary.filter(|g| g.publish) else { return Vec::new() };
    let lang = &site.config.language;
    let mut terms: Vec<_> = glossary.terms_for(lang).collect();
    terms.sort_by_cached_key(|t| t.preferred.to_lowercase());
    let mut text = Vec::new();
    for term in &terms {
        let mut line = vec![term.preferred.clone()];
        line.extend(term.definition.iter().chain(&term.note).cloned());
        line.extend(term.avoid.iter().map(|phrase| phrase.text.clone()));
        text.push(line.join(" — "));
    }
    text.extend(glossary.products.iter().map(|p| p.name.clone()));
    vec![ExtraPage {
        url_path: GLOSSARY_PATH.to_string(),
        title: glossary_title(theme, lang),
        lang: lang.clone(),
        headings: terms.iter().map(|t| t.preferred.clone()).collect(),
        text: text.join("\n"),
    }]
}
