//! The links between a long list's numbered pages, written in Rust instead of through
//! `partials/pagination.html`. Every page of a list links every other one, so a list of n pages
//! cost tera n² link entries, each built as a JSON object and read back with three lookups: at 10k
//! pages (the blog's 150 list pages, 1,200 tags) some 100,000 of them, a good share of rendering
//! all lists.
//!
//! Only while the partial is the built-in one: it prints `pagination_html` when set. The HTML is the
//! partial's to the byte (a unit test renders both and compares, and `theme_copies` compares whole
//! sites). Where tera would stop (a UI string missing) it is left to the partial, which reports it.

use super::tera_values::{print, push_escaped};
use super::theme::Theme;
use serde_json::Value;

const PAGINATION: &str = "partials/pagination.html";

/// Whether the pagination is written here, and whether any template still reads `pagination`.
#[derive(Debug, Clone, Copy)]
pub struct PaginationHtml {
    written: bool,
    /// No template but the built-in partial reads `pagination` (the built-in list template only
    /// names the partial): once the HTML is written, the value with its n links is not built.
    value_unread: bool,
}

/// One page of a list split into `total` pages: its number (1-based) and every page's address.
pub struct Place<'a> {
    pub number: usize,
    pub total: usize,
    pub url: &'a dyn Fn(usize) -> String,
}

impl PaginationHtml {
    pub fn new(theme: &Theme) -> PaginationHtml {
        let written = theme.templates.get(PAGINATION).is_some_and(|t| t.is_built_in());
        let unread = |(name, t): (&String, &super::theme::TemplateSource)| {
            name == PAGINATION || !t.text.replace(PAGINATION, "").contains("pagination")
        };
        PaginationHtml { written, value_unread: written && theme.templates.iter().all(unread) }
    }

    /// The partial's HTML for `place` with the UI strings `t`, when it is written here; and whether
    /// the `pagination` value must still be built for the templates (it is whenever the HTML is not
    /// written, or a template reads it).
    pub fn html(self, place: &Place, t: &Value) -> (Option<String>, bool) {
        if place.total <= 1 {
            return (None, false);
        }
        let html = if self.written { pagination_html(place, t) } else { None };
        let needs_value = html.is_none() || !self.value_unread;
        (html, needs_value)
    }
}

/// What the built-in `partials/pagination.html` writes for `place` (a list of two pages or more);
/// `None` where tera would stop.
pub fn pagination_html(place: &Place, t: &Value) -> Option<String> {
    let (number, total) = (place.number, place.total);
    let mut out = String::with_capacity(256 + 48 * total);
    out.push_str("\n<nav class=\"pagination\" aria-label=\"");
    print(&mut out, t.get("pagination")?)?;
    out.push_str("\">");
    if number > 1 {
        out.push_str("\n<a class=\"pagination-step\" href=\"");
        push_escaped(&mut out, &(place.url)(number - 1));
        out.push_str("\" rel=\"prev\">");
        print(&mut out, t.get("previous_page")?)?;
        out.push_str("</a>");
    }
    out.push_str("\n<ol role=\"list\">");
    for n in 1..=total {
        out.push_str("\n<li><a href=\"");
        push_escaped(&mut out, &(place.url)(n));
        out.push_str(if n == number { "\" aria-current=\"page\">" } else { "\">" });
        out.push_str(&n.to_string());
        out.push_str("</a></li>");
    }
    out.push_str("\n</ol>");
    if number < total {
        out.push_str("\n<a class=\"pagination-step\" href=\"");
        push_escaped(&mut out, &(place.url)(number + 1));
        out.push_str("\" rel=\"next\">");
        print(&mut out, t.get("next_page")?)?;
        out.push_str("</a>");
    }
    out.push_str("\n<p class=\"visually-hidden\">");
    let page_of = t.get("page_of")?.as_str()?;
    let page_of = page_of.replace("{n}", &number.to_string()).replace("{total}", &total.to_string());
    push_escaped(&mut out, &page_of);
    out.push_str("</p>\n</nav>");
    Some(out)
}

#[cfg(test)]
#[path = "pagination_html_tests.rs"]
mod tests;
