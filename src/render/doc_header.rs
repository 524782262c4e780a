//! The header of a single page below its title, written in Rust instead of through its partials:
//! the date line (`partials/meta.html` with `meta_full`), the products (`partials/product-links.html`)
//! and, on posts, the byline (`partials/byline.html`) and the tags (`partials/tags.html`). Some
//! fifty tera expressions a post, each a lookup that copies its path's segments.
//!
//! Only while a partial is the built-in one: it then prints `p.meta_html`, `p.products_html`,
//! `p.byline_html` or `p.tags_html` when the page view carries it (a list's card never does). The
//! HTML is the partial's to the byte, before its last line break, printed as tera prints it
//! (`tera_values`); where tera would stop with an error (a missing UI string), or for what this
//! module does not write (an author's photo, a name whose first letter it cannot tell), the field
//! stays unset and the partial renders as written.

use super::context::{Context, Subject};
use super::page_card_html::{push_meta, push_products};
use super::tera_values::{print, push_escaped};
use super::theme::Theme;
use super::views::{AuthorCard, PageCard};
use serde_json::Value;

const META: &str = "partials/meta.html";
const PRODUCTS: &str = "partials/product-links.html";
const BYLINE: &str = "partials/byline.html";
const TAGS: &str = "partials/tags.html";

/// Which of the parts are written here: those whose partial is the built-in one.
#[derive(Debug, Clone, Copy)]
pub struct DocHeader {
    meta: bool,
    products: bool,
    byline: bool,
    tags: bool,
}

impl DocHeader {
    pub fn new(theme: &Theme) -> DocHeader {
        let built_in = |name: &str| theme.templates.get(name).is_some_and(|t| t.is_built_in());
        DocHeader { meta: built_in(META), products: built_in(PRODUCTS), byline: built_in(BYLINE), tags: built_in(TAGS) }
    }

    /// Sets the parts on a single page's view, with the UI strings `t` of its language. The byline
    /// and the tags only on posts: the built-in templates show them on nothing else.
    pub fn fill(self, context: &mut Context, t: &Value) {
        let Subject::Page(page) = &mut context.subject else { return };
        let (card, lang) = (&page.card, context.lang.as_str());
        let written = |write: &dyn Fn(&mut String) -> Option<()>| {
            let mut out = String::with_capacity(512);
            write(&mut out).map(|()| out)
        };
        let post = card.kind == "post";
        let meta = self.meta.then(|| written(&|out| push_meta(out, card, lang, t, true)));
        let products = self.products.then(|| written(&|out| push_products(out, card, t)));
        let byline = (post && self.byline).then(|| written(&|out| push_byline(out, card)));
        let tags = (post && self.tags).then(|| written(&|out| push_tags(out, card, t)));
        page.meta_html = meta.flatten();
        page.products_html = products.flatten();
        page.byline_html = byline.flatten();
        page.tags_html = tags.flatten();
    }
}

/// What `partials/byline.html` writes before its last line break; `None` when an author has a
/// photo (`partials/picture.html` shows it) or a name whose first letter `initial` cannot tell.
pub(super) fn push_byline(out: &mut String, card: &PageCard) -> Option<()> {
    if card.authors.is_empty() {
        return Some(());
    }
    out.push_str("\n<div class=\"byline\">");
    for a in &card.authors {
        push_author(out, a)?;
    }
    out.push_str("\n</div>");
    Some(())
}

fn push_author(out: &mut String, a: &AuthorCard) -> Option<()> {
    let set = |value: &Option<String>| value.as_deref().is_some_and(|v| !v.is_empty());
    if set(&a.photo) {
        return None;
    }
    out.push_str("\n<div class=\"byline-author\">\n<span class=\"avatar avatar-initial\" aria-hidden=\"true\">");
    push_escaped(out, initial(&a.name)?);
    out.push_str("</span>\n<div class=\"byline-text\">");
    if a.url.is_empty() {
        out.push_str("\n<span class=\"byline-name\" dir=\"auto\">");
        push_escaped(out, &a.name);
        out.push_str("</span>");
    } else {
        out.push_str("\n<a class=\"byline-name\" href=\"");
        push_escaped(out, &a.url);
        out.push_str("\" dir=\"auto\">");
        push_escaped(out, &a.name);
        out.push_str("</a>");
    }
    if let Some(role) = a.role.as_deref().filter(|r| !r.is_empty()) {
        out.push_str("\n<span class=\"byline-role\">");
        push_escaped(out, role);
        out.push_str("</span>");
    }
    out.push_str("\n</div>\n</div>");
    Some(())
}

/// `name | truncate(length=1, end="")`: the first grapheme cluster. Told here only where it is
/// plainly the first character (an ASCII one, other than a carriage return, before another ASCII
/// one) or the whole name (one character or none); `None` otherwise, for tera to work out.
fn initial(name: &str) -> Option<&str> {
    let mut chars = name.char_indices();
    let Some((_, first)) = chars.next() else { return Some(name) };
    match chars.next() {
        None => Some(name),
        Some((at, second)) if first.is_ascii() && first != '\r' && second.is_ascii() => Some(&name[..at]),
        Some(_) => None,
    }
}

/// What `partials/tags.html` writes before its last line break: the page's `terms.tags`.
pub(super) fn push_tags(out: &mut String, card: &PageCard, t: &Value) -> Option<()> {
    let Some(tags) = card.terms.get("tags").filter(|tags| !tags.is_empty()) else { return Some(()) };
    out.push_str("\n<div class=\"tags\">\n<span class=\"visually-hidden\">");
    print(out, t.get("tags")?)?;
    out.push_str(":</span>\n<ul role=\"list\">");
    for tag in tags {
        out.push_str("\n<li><a class=\"tag\" href=\"");
        push_escaped(out, &tag.url);
        out.push_str("\" rel=\"tag\" dir=\"auto\">");
        push_escaped(out, &tag.name);
        out.push_str("</a></li>");
    }
    out.push_str("\n</ul>\n</div>");
    Some(())
}

#[cfg(test)]
#[path = "doc_header_tests.rs"]
mod tests;
