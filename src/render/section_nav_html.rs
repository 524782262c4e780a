//! The section navigation written in Rust instead of through its two partials. A knowledge
//! section's navigation lists up to hundreds of entries on every one of its pages, and tera's
//! variable lookups for each entry (and copying the entries into every page's context) were a large
//! share of rendering. The HTML is the partials' to the byte (a test renders both and compares).
//!
//! Used only while the site keeps the default theme's `section-nav.html` and
//! `section-nav-items.html` and none of its own templates reads `section_nav`: an override then
//! renders exactly as its author wrote it, from the whole `section_nav` value.

use super::section_nav::{NavItem, SectionNav};
use super::theme::Theme;
use crate::html::escape_html;
use serde_json::Value;

/// The partials this module stands in for.
const PARTIALS: [&str; 2] = ["partials/section-nav.html", "partials/section-nav-items.html"];

/// Whether the navigation may be written here: the theme's navigation partials are the built-in
/// ones and no template of the site or a theme folder mentions `section_nav`.
pub fn can_prerender(theme: &Theme) -> bool {
    PARTIALS.iter().all(|name| theme.templates.get(*name).is_some_and(|t| t.is_built_in()))
        && theme.templates.values().all(|t| t.is_built_in() || !t.text.contains("section_nav"))
}

/// `nav` as `partials/section-nav.html` writes it, with the UI strings `t` of the page's language.
pub fn render_section_nav(nav: &SectionNav, t: &Value) -> String {
    let strings = NavStrings::new(t);
    let mut out = String::with_capacity(256 + 96 * count(&nav.items));
    out.push_str("\n<details class=\"section-nav\">\n<summary class=\"section-nav-toggle\">");
    out.push_str(&strings.menu);
    out.push_str("</summary>\n<nav class=\"section-nav-body\" aria-label=\"");
    out.push_str(&strings.label);
    out.push_str("\">\n<a class=\"section-nav-root\" href=\"");
    let url = escape_html(&nav.url);
    out.push_str(&url);
    out.push('"');
    push_current(&mut out, nav.current);
    out.push('>');
    out.push_str(&escape_html(&nav.title));
    out.push_str("</a>");
    push_items(&mut out, &nav.items, &strings);
    push_more(&mut out, &url, nav.more, &strings);
    out.push_str("\n</nav>\n</details>");
    out
}

/// The "N more" link to a section's page, after the entries shown, when some are left out.
fn push_more(out: &mut String, url: &str, more: usize, strings: &NavStrings) {
    if more > 0 {
        out.push_str("\n<a class=\"section-nav-more\" href=\"");
        out.push_str(url);
        out.push_str("\">");
        out.push_str(&strings.more(more));
        out.push_str("</a>");
    }
}

/// The navigation's UI strings, escaped as templates escape them.
struct NavStrings {
    menu: String,
    label: String,
    overview: String,
    more: String,
}

impl NavStrings {
    fn new(t: &Value) -> NavStrings {
        let get = |key: &str| escape_html(t.get(key).and_then(Value::as_str).unwrap_or_default());
        NavStrings {
            menu: get("section_nav_menu"),
            label: get("section_nav_label"),
            overview: get("section_nav_overview"),
            more: get("section_nav_more"),
        }
    }

    /// "{n} more": the number has nothing to escape, so replacing after escaping is the same.
    fn more(&self, n: usize) -> String {
        self.more.replace("{n}", &n.to_string())
    }
}

/// The `items` macro of `partials/section-nav-items.html`: a category with listed entries is an
/// open-able `<details>`, anything else a link.
fn push_items(out: &mut String, items: &[NavItem], strings: &NavStrings) {
    out.push_str("\n<ul role=\"list\">");
    for item in items {
        let url = escape_html(&item.url);
        if item.category && !item.items.is_empty() {
            out.push_str("\n<li><details");
            if item.open {
                out.push_str(" open");
            }
            out.push_str("><summary>");
            out.push_str(&escape_html(&item.title));
            out.push_str("</summary>\n<a class=\"section-nav-overview\" href=\"");
            out.push_str(&url);
            out.push('"');
            push_current(out, item.current);
            out.push('>');
            out.push_str(&strings.overview);
            out.push_str("</a>");
            push_items(out, &item.items, strings);
            push_more(out, &url, item.more, strings);
            out.push_str("\n</details></li>");
        } else {
            out.push_str("\n<li><a href=\"");
            out.push_str(&url);
            out.push('"');
            push_current(out, item.current);
            out.push('>');
            out.push_str(&escape_html(&item.title));
            out.push_str("</a></li>");
        }
    }
    out.push_str("\n</ul>");
}

fn push_current(out: &mut String, current: bool) {
    if current {
        out.push_str(" aria-current=\"page\"");
    }
}

fn count(items: &[NavItem]) -> usize {
    items.iter().map(|item| 1 + count(&item.items)).sum()
}

#[cfg(test)]
#[path = "section_nav_html_tests.rs"]
mod tests;
