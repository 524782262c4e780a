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
#[cfg(test)]
use super::views::SectionView;
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
    /// Of those, the templates that read nothing of a folder's cards but their HTML: every template
    /// they pull in is built-in, and only `list.html` names `section.pages` (to hand it to the list).
    alone: BTreeSet<&'a str>,
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
        // What each template pulls in, worked out once per theme: following every template's
        // includes on every build was a tenth of a dev-server rebuild's page rendering at 10,000 pages.
        let uses = super::template_uses::template_uses_cached(&theme.templates);
        let closure = uses.get(LIST).map(|u| &u.pulls_in)?;
        let built_in =
            closure.iter().any(|name| name == CARD) && closure.iter().all(|name| theme.templates[name].is_built_in());
        let site = site.filter(|_| built_in)?.clone();
        let listing = theme
            .templates
            .keys()
            .filter(|name| uses.get(*name).is_some_and(|u| u.pulls_in.contains(LIST)))
            .map(String::as_str)
            .collect::<BTreeSet<_>>();
        let only_html = |name: &&str| {
            super::template_uses::closure(&theme.templates, name).iter().all(|n| {
                let t = &theme.templates[*n];
                t.is_built_in() && (*n == "list.html" || !t.text.contains("section.pages"))
            })
        };
        let alone = listing.iter().copied().filter(only_html).collect();
        let rendered = (0..pages).map(|_| Mutex::default()).collect();
        let contexts = SharedContexts::default();
        let written = super::page_card_html::can_write(theme);
        Some(CardHtmls { tera, contexts, site, serve_mode, now_year, listing, alone, written, rendered })
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
        let alone = self.alone.contains(template);
        cards.iter_mut().zip(pages).try_for_each(|(card, &i)| self.fill(i, card, (lang, t), (level, alone)))
    }

    /// `card` (page `i`'s) with its HTML as a list of language `lang` with headings of level
    /// `level` shows it, the UI strings `t` being `lang`'s; `alone` when the list reads nothing else of it.
    fn fill(
        &self,
        i: usize,
        card: &mut PageCard,
        (lang, t): (&str, &Value),
        (level, alone): (u8, bool),
    ) -> Result<(), String> {
        let found = self.lock(i).iter().find(|(l, h, _)| l == lang && *h == level).map(|(_, _, html)| html.clone());
        let html = match found {
            Some(html) => html,
            None => {
                let html: Arc<str> = self.render(card, lang, t, level)?.into();
                self.lock(i).push((lang.to_string(), level, html.clone()));
                html
            }
        };
        card.card_html = Some(CardHtml { level, text: html, alone });
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

/// What the default `partials/page-list.html` writes for `cards` in a list whose headings have
/// level `level`, when every card was written for that level (`fill_all`); `None` otherwise. A folder's
/// list then prints it instead of walking its cards in tera (four lookups and a copy of each card).
pub fn list_html(cards: &[PageCard], level: u8) -> Option<String> {
    let texts: Option<Vec<&str>> =
        cards.iter().map(|c| c.card_html.as_ref().filter(|h| h.level == level).map(|h| &*h.text)).collect();
    let texts = texts.filter(|t| !t.is_empty())?;
    let mut out = String::with_capacity(48 + texts.iter().map(|t| t.len() + 10).sum::<usize>());
    out.push_str("\n<ul class=\"card-list\" role=\"list\">");
    for text in texts {
        out.push_str("\n<li>");
        out.push_str(text);
        out.push_str("</li>");
    }
    out.push_str("\n</ul>\n");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::theme::TemplateSource;

    fn theme(own: &[(&str, &str)]) -> Theme {
        let mut theme = Theme::default();
        let built_in = [
            ("list.html", "{% if section.pages %}{% set pages = section.pages %}{% include \"partials/page-list.html\" %}{% endif %}"),
            ("blog.html", "{% extends \"list.html\" %}"),
            ("authors.html", "{% for p in section.pages %}{{ p.key }}{% endfor %}{% include \"partials/page-list.html\" %}"),
            (LIST, "{% include \"partials/page-card.html\" %}"),
            (CARD, "{{ p.title }}"),
        ];
        for (name, text) in built_in {
            let origin = format!("(built-in theme)/templates/{name}");
            theme.templates.insert(name.into(), TemplateSource { text: text.into(), origin });
        }
        for (name, text) in own {
            let origin = format!("templates/{name}");
            theme.templates.insert(name.to_string(), TemplateSource { text: text.to_string(), origin });
        }
        theme
    }

    fn alone(theme: &Theme) -> Vec<String> {
        let tera = tera::Tera::default();
        let cards = CardHtmls::new(&tera, theme, Some(&Value::Null), 0, (false, 2026)).unwrap();
        cards.alone.iter().map(|name| name.to_string()).collect()
    }

    #[test]
    fn only_built_in_lists_that_read_nothing_else_of_their_cards_get_their_html_alone() {
        assert_eq!(alone(&theme(&[])), ["blog.html", "list.html", LIST]);
        // A site's own blog template may read any field of the cards.
        assert_eq!(alone(&theme(&[("blog.html", "{% extends \"list.html\" %}")])), ["list.html", LIST]);
        // Nor does any list extending a site's own list.html get them alone.
        let own_list = theme(&[("list.html", "{% include \"partials/page-list.html\" %}")]);
        assert_eq!(alone(&own_list), [LIST]);
    }

    #[test]
    fn a_list_of_cards_written_alone_holds_only_their_html() {
        let html = |alone| Some(CardHtml { level: 2, text: "<article>".into(), alone });
        let mut card = crate::render::page_card_html::tests::card("post");
        card.card_html = html(true);
        let view = |pages| SectionView {
            kind: "blog",
            title: "Blog".into(),
            url: "/blog/".into(),
            permalink: String::new(),
            description: None,
            content: String::new(),
            pages,
            subsections: Vec::new(),
            pages_html: None,
        };
        let value = serde_json::to_value(view(vec![card.clone(), card.clone()])).unwrap();
        assert_eq!(
            value["pages"],
            serde_json::json!([{ "card_html": { "level": 2, "text": "<article>" } }, { "card_html": { "level": 2, "text": "<article>" } }])
        );
        // One card the list reads whole: every card is given whole.
        let mut whole = card.clone();
        whole.card_html = html(false);
        let value = serde_json::to_value(view(vec![card, whole])).unwrap();
        assert_eq!(value["pages"][0]["title"], "Cats & <dogs>");
        assert_eq!(value["pages"][1]["kind"], "post");
    }

    #[test]
    fn a_list_of_written_cards_is_what_the_default_list_partial_writes() {
        let text = include_str!("../../themes/default/templates/partials/page-list.html");
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.add_raw_templates([(LIST, crate::render::theme::without_indentation(text).as_str())]).unwrap();
        let card = |text: &str, level| {
            let mut card = crate::render::page_card_html::tests::card("post");
            card.card_html = Some(CardHtml { level, text: text.into(), alone: true });
            card
        };
        let cards = vec![card("<article>A & b</article>", 3), card("<article>\nB\n</article>", 3)];
        let context = serde_json::json!({ "pages": cards, "card_h": 3 });
        let by_partial = tera.render(LIST, &tera::Context::from_value(context).unwrap()).unwrap();
        assert!(by_partial.contains("<li><article>A & b</article></li>"), "{by_partial}");
        assert_eq!(list_html(&cards, 3), Some(by_partial));
        // Cards written for another level, or not written: left to the partial.
        assert_eq!(list_html(&cards, 2), None);
        let mut unwritten = cards.clone();
        unwritten[1].card_html = None;
        assert_eq!(list_html(&unwritten, 3), None);
        assert_eq!(list_html(&[], 3), None);
    }
}
