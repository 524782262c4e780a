//! A page card as the built-in `partials/page-card.html` writes it, with its `meta.html` date line
//! and `product-links.html`, written in Rust. `card_html` renders each card once per language and
//! heading level; through tera that still cost some 150,000 instructions a card (serializing the
//! card, then about forty expressions), a seventh of the render stage.
//!
//! Only while all three partials are the built-in ones (`card_html` asks): a theme's own card,
//! date line or product links are rendered by tera as written. Values are printed as tera prints
//! them (`tera_values`), and where tera would stop with an error (a missing UI string) the card is
//! left to the partial, which reports it as before.

use super::plural::counted_string;
use super::tera_values::{print, push_escaped};
use super::theme::Theme;
use super::views::PageCard;
use serde_json::Value;

/// The partials this module writes; each must be the built-in one.
const PARTIALS: [&str; 3] = ["partials/page-card.html", "partials/meta.html", "partials/product-links.html"];

/// Whether the theme's card partials are the built-in ones, which `write` stands in for.
pub fn can_write(theme: &Theme) -> bool {
    PARTIALS.iter().all(|name| theme.templates.get(*name).is_some_and(|t| t.is_built_in()))
}

/// What `partials/page-card.html` writes for `card` in a list of language `lang` whose headings
/// have level `level`, `t` being `lang`'s UI strings; `None` where tera would stop.
pub fn write(card: &PageCard, lang: &str, t: &Value, level: u8) -> Option<String> {
    let other_lang = card.lang != lang;
    let mut out = String::with_capacity(512);
    out.push_str("\n<article class=\"card page-card kind-");
    push_escaped(&mut out, card.kind);
    out.push_str("\">\n<h");
    out.push_str(&level.to_string());
    out.push_str(" class=\"card-title\"><a href=\"");
    push_escaped(&mut out, &card.url);
    out.push('"');
    if other_lang {
        push_lang(&mut out, card);
    }
    out.push('>');
    push_escaped(&mut out, &card.title);
    out.push_str("</a></h");
    out.push_str(&level.to_string());
    out.push('>');
    if let Some(description) = card.description.as_deref().filter(|d| !d.is_empty()) {
        out.push_str("\n<p class=\"card-text\">");
        if other_lang {
            out.push_str("<span");
            push_lang(&mut out, card);
            out.push('>');
            push_escaped(&mut out, description);
            out.push_str("</span>");
        } else {
            push_escaped(&mut out, description);
        }
        out.push_str("</p>");
    }
    if card.community {
        out.push_str("\n<p class=\"card-badges\"><span class=\"badge badge-community\">");
        print(&mut out, t.get("community_contribution")?)?;
        out.push_str("</span></p>");
    }
    if card.kind == "post" && !card.authors.is_empty() {
        out.push_str("\n<p class=\"card-authors\">");
        print(&mut out, t.get("by")?)?;
        out.push(' ');
        for (n, author) in card.authors.iter().enumerate() {
            out.push_str("<bdi>");
            push_escaped(&mut out, &author.name);
            out.push_str("</bdi>");
            if n + 1 < card.authors.len() {
                out.push_str(", ");
            }
        }
        out.push_str("</p>");
    }
    push_list_meta(&mut out, card, lang, t)?;
    if card.kind != "post" {
        push_product_links(&mut out, card, t)?;
    }
    out.push_str("\n</article>\n");
    Some(out)
}

/// ` lang="…" dir="…"` for a card in another language than its list.
fn push_lang(out: &mut String, card: &PageCard) {
    out.push_str(" lang=\"");
    push_escaped(out, &card.lang);
    out.push_str("\" dir=\"");
    push_escaped(out, card.dir);
    out.push('"');
}

/// `partials/meta.html` with `meta_full` false, as a card includes it, and its last line break.
fn push_list_meta(out: &mut String, card: &PageCard, lang: &str, t: &Value) -> Option<()> {
    push_meta(out, card, lang, t, false)?;
    out.push('\n');
    Some(())
}

/// What `partials/meta.html` writes for `card` before its last line break: the date line of a
/// list's card, or with `full` (`meta_full`) of the page itself, in a page of language `lang`.
pub(super) fn push_meta(out: &mut String, card: &PageCard, lang: &str, t: &Value, full: bool) -> Option<()> {
    let shown = |value: &Option<String>| value.as_deref().is_some_and(|v| !v.is_empty());
    let show_reading = card.kind == "post" || (full && card.reading_time > 1);
    if shown(&card.date_display) || shown(&card.updated_display) || show_reading {
        out.push_str("\n<p class=\"meta\">");
        if let (true, Some(date), Some(display)) = (shown(&card.date), &card.date, &card.date_display) {
            if !display.is_empty() {
                out.push_str("\n<span class=\"meta-item\"><time datetime=\"");
                push_escaped(out, date);
                out.push_str("\">");
                if full {
                    push_escaped(out, &t.get("published_on")?.as_str()?.replace("{date}", display));
                } else {
                    push_escaped(out, display);
                }
                out.push_str("</time></span>");
            }
        }
        if let (true, Some(updated), Some(display)) = (shown(&card.updated), &card.updated, &card.updated_display) {
            if !display.is_empty() {
                out.push_str("\n<span class=\"meta-item meta-updated\"><time datetime=\"");
                push_escaped(out, updated);
                out.push_str("\">");
                push_escaped(out, &t.get("updated_on")?.as_str()?.replace("{date}", display));
                out.push_str("</time></span>");
            }
        }
        if show_reading {
            let reading = counted_string(t.as_object()?, "min_read", card.reading_time as u64, lang)?;
            out.push_str("\n<span class=\"meta-item\">");
            push_escaped(out, &reading);
            out.push_str("</span>");
        }
        out.push_str("\n</p>");
    }
    Some(())
}

/// `partials/product-links.html`: the "Applies to" line, and its last line break.
fn push_product_links(out: &mut String, card: &PageCard, t: &Value) -> Option<()> {
    push_products(out, card, t)?;
    out.push('\n');
    Some(())
}

/// What `partials/product-links.html` writes before its last line break.
pub(super) fn push_products(out: &mut String, card: &PageCard, t: &Value) -> Option<()> {
    if !card.products.is_empty() {
        out.push_str("\n<div class=\"product-links\">\n<span class=\"product-links-label\">");
        print(out, t.get("belongs_to_products")?)?;
        out.push_str(":</span>\n<ul role=\"list\">");
        for product in &card.products {
            out.push_str("\n<li><a class=\"chip\" href=\"");
            push_escaped(out, &product.url);
            out.push_str("\" dir=\"auto\">");
            push_escaped(out, &product.title);
            out.push_str("</a></li>");
        }
        out.push_str("\n</ul>\n</div>");
    }
    Some(())
}

#[cfg(test)]
#[path = "page_card_html_tests.rs"]
pub(crate) mod tests;
