//! Page cards written once. A post's card is shown on its blog's list page, on the page of each
//! of its tags and on its authors' pages, and the default `partials/page-card.html` writes it the
//! same way each time for one language and heading level. Including the partial for every card of
//! every list was most of rendering a list page (an author's page lists all their posts), so each
//! card is rendered once per language and level, through the partial itself, and lists print it
//! (`card_html`) instead of including the partial again.
//!
//! Only while `partials/page-list.html` and everything it includes are the built-in ones: a site's
//! own card or list partial is included for every card as written, with the whole page context.

use super::shared_context::{shared, SharedContexts};
use super::theme::Theme;
use super::views::{CardHtml, PageCard};
use serde_json::{Map, Value};
use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

/// The partial that lists cards; it prints `card_html` when its level is the list's `card_h`.
const LIST: &str = "partials/page-list.html";
/// The partial that writes one card.
pub const CARD: &str = "partials/page-card.html";

/// A page's cards rendered so far: language, heading level, HTML.
type PageCards = Mutex<Vec<(String, u8, Arc<str>)>>;

/// The cards rendered so far, for each page by language and heading level.
pub struct CardHtmls<'a> {
    tera: &'a tera::Tera,
    contexts: SharedContexts,
    /// The site value as the card partial sees it.
    site: Value,
    serve_mode: bool,
    now_year: i32,
    /// The templates that include the list partial: only their pages' cards are worth writing.
    listing: BTreeSet<&'a str>,
    /// The card partials are the built-in ones: `page_card_html` writes the cards.
    written: bool,
    rendered: Vec<PageCards>,
}

impl<'a> CardHtmls<'a> {
    /// `None` when the theme's list partial or anything it includes is not the built-in one.
    /// `site` is the site value cut to the fields the card partial reads.
    pub fn new(
        tera: &'a tera::Tera,
        theme: &'a Theme,
        site: Option<&Value>,
        pages: usize,
        (serve_mode, now_year): (bool, i32),
    ) -> Option<CardHtmls<'a>> {
        let closure = super::template_uses::closure(&theme.templates, LIST);
        let built_in =
            closure.iter().any(|name| *name == CARD) && closure.iter().all(|name| theme.templates[*name].is_built_in());
        let site = site.filter(|_| built_in)?.clone();
        let listing = theme
            .templates
            .keys()
            .filter(|name| super::template_uses::closure(&theme.templates, name).iter().any(|n| *n == LIST))
            .map(String::as_str)
            .collect();
        let rendered = (0..pages).map(|_| Mutex::default()).collect();
        let contexts = SharedContexts::default();
        let written = super::page_card_html::can_write(theme);
        Some(CardHtmls { tera, contexts, site, serve_mode, now_year, listing, written, rendered })
    }

    /// `cards` (of the pages `pages`) with their HTML, for a page made with `template`: see `fill`.
    pub fn fill_all(
        &self,
        template: &str,
        (cards, pages): (&mut [PageCard], &[usize]),
        (lang, t): (&str, &Value),
        level: u8,
    ) -> Result<(), String> {
        if !self.listing.contains(template) {
            return Ok(());
        }
        cards.iter_mut().zip(pages).try_for_each(|(card, &i)| self.fill(i, card, (lang, t), level))
    }

    /// `card` (page `i`'s) with its HTML as a list of language `lang` with headings of level
    /// `level` shows it, the UI strings `t` being `lang`'s.
    fn fill(&self, i: usize, card: &mut PageCard, (lang, t): (&str, &Value), level: u8) -> Result<(), String> {
        let found = self.lock(i).iter().find(|(l, h, _)| l == lang && *h == level).map(|(_, _, html)| html.clone());
        let html = match found {
            Some(html) => html,
            None => {
                let html: Arc<str> = self.render(card, lang, t, level)?.into();
                self.lock(i).push((lang.to_string(), level, html.clone()));
                html
            }
        };
        card.card_html = Some(CardHtml { level, text: html });
        Ok(())
    }

    fn render(&self, card: &PageCard, lang: &str, t: &Value, level: u8) -> Result<String, String> {
        if let Some(html) = self.written.then(|| super::page_card_html::write(card, lang, t, level)).flatten() {
            return Ok(html);
        }
        let mut own = Map::new();
        own.insert("p".into(), serde_json::to_value(card).map_err(|e| e.to_string())?);
        own.insert("card_h".into(), level.into());
        own.insert("lang".into(), lang.into());
        let make = || shared(&self.site, t.clone(), self.serve_mode, self.now_year);
        let mut html = Vec::with_capacity(1024);
        self.contexts
            .render((CARD, lang), own, make, |context| self.tera.render_to(CARD, context, &mut html))?
            .map_err(|e| format!("cannot render `{CARD}`: {}", super::error_chain(&e)))?;
        String::from_utf8(html).map_err(|e| e.to_string())
    }

    fn lock(&self, i: usize) -> std::sync::MutexGuard<'_, Vec<(String, u8, Arc<str>)>> {
        // A panic while a page's list was held leaves nothing half-changed in it: keep using it.
        self.rendered[i].lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl super::PageRenderer<'_> {
    /// `cards` (of the pages `pages`) with their HTML as a list of language `lang` made with
    /// `template`, whose headings have level `level`, shows them; unchanged when the theme has its
    /// own list or card partials. `path` locates errors.
    pub(super) fn fill_cards(
        &self,
        (template, path): (&str, &std::path::Path),
        (cards, pages): (&mut [PageCard], &[usize]),
        lang: &str,
        level: u8,
    ) -> Result<(), crate::diagnostics::Diagnostic> {
        let Some(htmls) = &self.cards else { return Ok(()) };
        htmls
            .fill_all(template, (cards, pages), (lang, &self.ui_strings(lang)), level)
            .map_err(|e| crate::diagnostics::Diagnostic::new(crate::diagnostics::Location::file(path), e))
    }
}
