//! Two parts of every single page written in Rust instead of through their partials: the list of
//! related pages and the table of contents. Each entry cost tera half a dozen variable lookups,
//! and with five related pages and a handful of headings on every page they were a good share of
//! rendering one. The HTML is the partials' to the byte (a test renders both and compares).
//!
//! Only while the theme's `partials/related.html` or `partials/toc.html` is the built-in one: the
//! partial prints `related_html` or `toc_html` when it is set, and a site's own partial renders
//! from `page.related` and `page.toc` as its author wrote it.

use super::context::{Context, Subject};
use super::theme::Theme;
use super::views::PageCard;
use crate::html::escape_html;
use crate::markdown::Heading;
use serde_json::Value;

const RELATED: &str = "partials/related.html";
const TOC: &str = "partials/toc.html";

/// Which of the two parts are written here: those whose partial is the built-in one.
#[derive(Debug, Clone, Copy)]
pub struct DocParts {
    related: bool,
    /// No template but the built-in related partial mentions `related`: once `related_html` is
    /// written, `page.related` is left empty, as nothing reads it (copying five cards, bylines and
    /// bios included, into every page's context was a good part of making it).
    empty_related: bool,
    toc: bool,
}

impl DocParts {
    pub fn new(theme: &Theme) -> DocParts {
        let built_in = |name: &str| theme.templates.get(name).is_some_and(|t| t.is_built_in());
        let related = built_in(RELATED);
        // The built-in templates name the partial and a CSS class `doc-related`; a site's own
        // template that mentions `related` at all may read it.
        let unread = |(name, t): (&String, &super::theme::TemplateSource)| {
            name == RELATED || !t.text.contains(if t.is_built_in() { ".related" } else { "related" })
        };
        let empty_related = related && theme.templates.iter().all(unread);
        DocParts { related, empty_related, toc: built_in(TOC) }
    }

    /// A single page's `related_html` for its related pages' cards `cards`, in `lang` with the UI
    /// strings `t`, and the cards its context must still hold as `page.related`: none when nothing
    /// but the written part reads them (so they are not copied at all). A string the theme lacks
    /// leaves the part to its partial, which reports it.
    pub fn related(self, cards: &[&PageCard], lang: &str, t: &Value) -> (Option<String>, Vec<PageCard>) {
        let html = if self.related { related_html(cards, lang, t) } else { None };
        let copies = match self.empty_related && html.is_some() {
            true => Vec::new(),
            false => cards.iter().map(|&card| card.clone()).collect(),
        };
        (html, copies)
    }

    /// Sets `toc_html` on a single page's context, with the UI strings `t` of its language
    /// (`related_html` is set with the page's view, by `related`).
    pub fn fill(self, context: &mut Context, t: &Value) {
        let Subject::Page(page) = &mut context.subject else { return };
        if self.toc {
            context.toc_html = toc_html(page.show_toc, &page.toc, t);
        }
    }
}

/// What `partials/related.html` writes for a page in `lang` whose related pages are `related`;
/// `None` when it writes nothing.
pub fn related_html<C: std::borrow::Borrow<PageCard>>(related: &[C], lang: &str, t: &Value) -> Option<String> {
    if related.is_empty() {
        return None;
    }
    let text = |key: &str| t.get(key).and_then(Value::as_str).map(escape_html);
    let kinds = [("guide", text("guide")?), ("article", text("article")?), ("post", text("post")?)];
    let (other, community) = (text("page")?, text("community_contribution")?);
    let mut out = String::with_capacity(256 + 160 * related.len());
    out.push_str("\n<section class=\"related\" aria-labelledby=\"related-heading\">\n<h2 id=\"related-heading\">");
    out.push_str(&text("related_pages")?);
    out.push_str("</h2>\n<ul class=\"related-list\" role=\"list\">");
    for r in related.iter().map(C::borrow) {
        out.push_str("\n<li>\n<a href=\"");
        out.push_str(&escape_html(&r.url));
        out.push('"');
        if r.lang != lang {
            out.push_str(" lang=\"");
            out.push_str(&escape_html(&r.lang));
            out.push_str("\" dir=\"");
            out.push_str(&escape_html(r.dir));
            out.push('"');
        }
        out.push('>');
        out.push_str(&escape_html(&r.title));
        out.push_str("</a>\n<span class=\"badge\">");
        let kind = kinds.iter().find(|(kind, _)| *kind == r.kind).map_or(&other, |(_, name)| name);
        out.push_str(kind);
        out.push_str("</span>");
        if r.community {
            out.push_str(" <span class=\"badge badge-community\">");
            out.push_str(&community);
            out.push_str("</span>");
        }
        out.push_str("\n</li>");
    }
    out.push_str("\n</ul>\n</section>");
    Some(out)
}

/// What `partials/toc.html` writes for a page with the headings `toc`, shown or not (`show`);
/// `None` when it writes nothing.
pub fn toc_html(show: bool, toc: &[Heading], t: &Value) -> Option<String> {
    if !show {
        return None;
    }
    let title = t.get("on_this_page").and_then(Value::as_str)?;
    let mut out = String::with_capacity(256 + 96 * toc.len());
    out.push_str("\n<aside class=\"toc\">\n<nav aria-labelledby=\"toc-heading\">\n");
    out.push_str("<h2 id=\"toc-heading\" class=\"toc-heading\">");
    out.push_str(&escape_html(title));
    out.push_str("</h2>\n<ol role=\"list\">");
    for h in toc {
        out.push_str("\n<li class=\"toc-l");
        out.push_str(&h.level.to_string());
        out.push_str("\"><a href=\"#");
        out.push_str(&escape_html(&h.id));
        out.push_str("\">");
        out.push_str(&escape_html(&h.title));
        out.push_str("</a></li>");
    }
    out.push_str("\n</ol>\n</nav>\n</aside>");
    Some(out)
}

#[cfg(test)]
#[path = "doc_parts_tests.rs"]
mod tests;
