//! The top of a page's body written in Rust instead of by `base.html`: the `<body>` tag, the skip
//! link, the header (the site menu and search box, already written once per language) and the
//! breadcrumbs, down to the `<main>` tag. A dozen lookups and three includes on every page, each
//! lookup a good thousand instructions in tera.
//!
//! Only while `base.html` and `partials/breadcrumbs.html` are the built-in ones, the menu and the
//! search box are written (`site_menu_html`, `search_box_html`) and the site has one language (the
//! language switcher and translation notices stay with their partials): `base.html` prints
//! `body_top_html` when set. Values are read from the page's context as tera reads them
//! (`tera_values`); where tera would stop with an error the part is left to the template, which
//! reports it. A unit test renders `base.html` both ways, and `theme_copies` compares whole sites.

use super::tera_values::{print, push_escaped, truthy, truthy_key};
use super::theme::Theme;
use serde_json::{Map, Value};

const BASE: &str = "base.html";
const BREADCRUMBS: &str = "partials/breadcrumbs.html";

/// Whether the top of the body is written here.
#[derive(Debug, Clone, Copy)]
pub struct BodyTop {
    written: bool,
}

impl BodyTop {
    pub fn new(theme: &Theme) -> BodyTop {
        let built_in = |name: &str| theme.templates.get(name).is_some_and(|t| t.is_built_in());
        BodyTop { written: built_in(BASE) && built_in(BREADCRUMBS) }
    }

    /// Sets `body_top_html` in a page's own context `own` (with `breadcrumbs_html` and the header's
    /// parts already set), `site` being the site value its template sees and `t` its UI strings.
    pub fn fill(self, own: &mut Map<String, Value>, site: &Value, t: &Value) {
        if let Some(html) = self.written.then(|| body_top_html(own, site, t)).flatten() {
            own.insert("body_top_html".into(), Value::String(html));
        }
    }
}

/// What `base.html` writes from `<body` to the end of the `<main>` tag; `None` where a part is
/// left to a partial or tera would stop.
pub fn body_top_html(own: &Map<String, Value>, site: &Value, t: &Value) -> Option<String> {
    if truthy_key(own, "languages") {
        return None;
    }
    let menu = own.get("site_menu_html")?.as_str().filter(|s| !s.is_empty())?;
    let search = site.get("search").and_then(|s| s.get("enabled")).is_some_and(truthy);
    let search_box = match search {
        true => Some(own.get("search_box_html")?.as_str().filter(|s| !s.is_empty())?),
        false => None,
    };
    let breadcrumbs = match own.get("breadcrumbs_html").and_then(Value::as_str).filter(|s| !s.is_empty()) {
        Some(html) => html,
        // The partial writes nothing for a single crumb; anything else is its own to write.
        None if own.get("breadcrumbs")?.as_array()?.len() <= 1 => "",
        None => return None,
    };
    let mut out = String::with_capacity(256 + menu.len() + search_box.map_or(0, str::len) + breadcrumbs.len());
    out.push_str("<body class=\"kind-");
    push_kind(&mut out, own)?;
    out.push_str("\">\n<a class=\"skip-link\" href=\"#main\">");
    print(&mut out, t.get("skip_to_content")?)?;
    out.push_str("</a>\n\n<header class=\"site-header\">\n<div class=\"wrap site-header-inner\">\n");
    out.push_str(menu);
    if let Some(search_box) = search_box {
        out.push('\n');
        out.push_str(search_box);
    }
    out.push_str("\n</div>\n</header>\n\n");
    out.push_str(breadcrumbs);
    out.push_str("\n\n\n<main id=\"main\" tabindex=\"-1\">");
    Some(out)
}

/// `{% if page %}{{ page.kind }}{% elif section %}{{ section.kind }}{% else %}404{% endif %}`.
fn push_kind(out: &mut String, own: &Map<String, Value>) -> Option<()> {
    for subject in ["page", "section"] {
        if let Some(value) = own.get(subject).filter(|v| truthy(v)) {
            let kind = value.as_object()?.get("kind")?;
            return print(out, kind);
        }
    }
    push_escaped(out, "404");
    Some(())
}

#[cfg(test)]
#[path = "body_top_tests.rs"]
mod tests;
