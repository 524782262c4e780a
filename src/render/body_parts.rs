//! Parts of a page's body written in Rust instead of through their partials: the breadcrumbs
//! (`partials/breadcrumbs.html`, on every page but the home page), a post's share links
//! (`partials/share.html`) and the links to the previous and next article or guide
//! (`partials/page-nav.html`). A dozen tera expressions each for the first and last, some forty
//! for the second.
//!
//! Only while the partial is the built-in one: it prints `breadcrumbs_html`, `share_html` or
//! `page_nav_html` when set. Like `head_html`, the HTML is read from the values tera would read, printed as tera prints
//! them (`tera_values`), and left to the partial where tera would stop with an error; the test of
//! `theme_copies` compares whole sites rendered both ways.

use super::tera_values::{array, object, print, print_key, push_escaped, truthy};
use super::theme::Theme;
use serde_json::{Map, Value};

const BREADCRUMBS: &str = "partials/breadcrumbs.html";
const SHARE: &str = "partials/share.html";
const PAGE_NAV: &str = "partials/page-nav.html";

/// Which of the parts are written here.
pub struct BodyParts {
    breadcrumbs: bool,
    page_nav: bool,
    /// `url_for(path="share.js")`, when the share partial is the built-in one.
    share_script: Option<String>,
}

impl BodyParts {
    /// `asset_path` is what `url_for` puts before a path.
    pub fn new(theme: &Theme, asset_path: &str) -> BodyParts {
        let built_in = |name: &str| theme.templates.get(name).is_some_and(|t| t.is_built_in());
        BodyParts {
            breadcrumbs: built_in(BREADCRUMBS),
            page_nav: built_in(PAGE_NAV),
            share_script: built_in(SHARE).then(|| format!("{asset_path}/share.js")),
        }
    }

    /// Sets `breadcrumbs_html`, `share_html` and `page_nav_html` in a page's own context `own`, `t`
    /// being its UI strings.
    pub fn fill(&self, own: &mut Map<String, Value>, t: &Value) {
        let breadcrumbs = self.breadcrumbs.then(|| breadcrumbs_html(own, t)).flatten();
        let share = self.share_script.as_deref().and_then(|script| share_html(own, t, script));
        let page_nav = self.page_nav.then(|| page_nav_html(own, t)).flatten();
        for (key, html) in [("breadcrumbs_html", breadcrumbs), ("share_html", share), ("page_nav_html", page_nav)] {
            if let Some(html) = html {
                own.insert(key.into(), Value::String(html));
            }
        }
    }
}

/// What `partials/breadcrumbs.html` writes before its last line break; `None` when it writes
/// nothing else (a single crumb) or tera would stop.
fn breadcrumbs_html(own: &Map<String, Value>, t: &Value) -> Option<String> {
    let crumbs = array(own, "breadcrumbs")?;
    if crumbs.len() <= 1 {
        return None;
    }
    let mut out = String::with_capacity(128 + 96 * crumbs.len());
    out.push_str("\n<nav class=\"breadcrumbs wrap\" aria-label=\"");
    print(&mut out, t.get("breadcrumbs")?)?;
    out.push_str("\">\n<ol>");
    for (n, crumb) in crumbs.iter().enumerate() {
        let crumb = crumb.as_object()?;
        out.push_str("\n<li><a href=\"");
        print_key(&mut out, crumb, "url")?;
        out.push_str(if n + 1 == crumbs.len() { "\" aria-current=\"page\">" } else { "\">" });
        print_key(&mut out, crumb, "title")?;
        out.push_str("</a></li>");
    }
    out.push_str("\n</ol>\n</nav>");
    Some(out)
}

/// What `partials/share.html` writes for a post (`share` set) before its last line break; `None`
/// for other pages or where tera would stop. `script` is the address of `share.js`.
fn share_html(own: &Map<String, Value>, t: &Value, script: &str) -> Option<String> {
    if !own.get("share").is_some_and(truthy) {
        return None;
    }
    let text = |key: &str| t.get(key);
    let mut out = String::with_capacity(2048);
    out.push_str(
        "\n<section class=\"share\" aria-labelledby=\"share-title\">\n<h2 id=\"share-title\" class=\"share-title\">",
    );
    print(&mut out, text("share_title")?)?;
    out.push_str("</h2>\n<ul class=\"share-links\" role=\"list\">");
    for link in array(own, "share")? {
        let link = link.as_object()?;
        // `"share_" ~ link.id` takes a string or a number; `t[key]` must exist.
        let id = match link.get("id")? {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            _ => return None,
        };
        let name = text(&format!("share_{id}"))?;
        let mut id_printed = String::new();
        push_escaped(&mut id_printed, &id);
        out.push_str("\n<li><a class=\"share-link share-");
        out.push_str(&id_printed);
        out.push_str("\" href=\"");
        print_key(&mut out, link, "url")?;
        out.push('"');
        // tera compares the escaped id.
        if id_printed != "email" {
            out.push_str(" target=\"_blank\" rel=\"noopener noreferrer\"");
        }
        out.push_str(" aria-label=\"");
        share_on(&mut out, text("share_on")?, name)?;
        out.push_str("\">");
        print(&mut out, name)?;
        out.push_str("</a></li>");
    }
    out.push_str("\n<li><button type=\"button\" class=\"share-link share-copy\" data-url=\"");
    print_key(&mut out, object(own, "page")?, "permalink")?;
    out.push_str("\" data-copied=\"");
    print(&mut out, text("share_copied")?)?;
    out.push_str("\" data-failed=\"");
    print(&mut out, text("share_copy_failed")?)?;
    out.push_str("\" hidden>");
    print(&mut out, text("share_copy")?)?;
    out.push_str(
        "</button></li>\n</ul>\n<p class=\"share-status\" role=\"status\" aria-live=\"polite\"></p>\n</section>",
    );
    out.push_str("\n<script src=\"");
    push_escaped(&mut out, script);
    out.push_str("\" defer></script>");
    Some(out)
}

/// What `partials/page-nav.html` writes before its last line break for a single page with a
/// previous or next page; `None` otherwise or where tera would stop.
fn page_nav_html(own: &Map<String, Value>, t: &Value) -> Option<String> {
    let page = own.get("page")?.as_object()?;
    let (previous, next) = (page.get("previous")?, page.get("next")?);
    if !truthy(previous) && !truthy(next) {
        return None;
    }
    let mut out = String::with_capacity(1024);
    out.push_str("\n<nav class=\"page-nav\" aria-label=\"");
    print(&mut out, t.get("page_navigation")?)?;
    out.push_str("\">");
    for (link, which, rel, label) in
        [(previous, "previous", "prev", "previous_page"), (next, "next", "next", "next_page")]
    {
        if !truthy(link) {
            continue;
        }
        let link = link.as_object()?;
        out.push_str("\n<a class=\"page-nav-link page-nav-");
        out.push_str(which);
        out.push_str("\" href=\"");
        print_key(&mut out, link, "url")?;
        out.push_str("\" rel=\"");
        out.push_str(rel);
        out.push_str("\"><span class=\"page-nav-label\">");
        print(&mut out, t.get(label)?)?;
        out.push_str("</span> <span class=\"page-nav-title\"");
        // tera compares the two languages as printed (escaped).
        let (mut theirs, mut ours) = (String::new(), String::new());
        print_key(&mut theirs, link, "lang")?;
        print_key(&mut ours, own, "lang")?;
        if theirs != ours {
            out.push_str(" lang=\"");
            out.push_str(&theirs);
            out.push_str("\" dir=\"");
            print_key(&mut out, link, "dir")?;
            out.push('"');
        }
        out.push('>');
        print_key(&mut out, link, "title")?;
        out.push_str("</span></a>");
    }
    out.push_str("\n</nav>");
    Some(out)
}

/// `{{ t.share_on | replace(from="{network}", to=name) }}`: tera's `replace` wants strings.
fn share_on(out: &mut String, share_on: &Value, name: &Value) -> Option<()> {
    let replaced = share_on.as_str()?.replace("{network}", name.as_str()?);
    push_escaped(out, &replaced);
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn own(value: Value) -> Map<String, Value> {
        value.as_object().unwrap().clone()
    }

    #[test]
    fn breadcrumbs_mark_the_last_crumb_and_skip_a_lone_one() {
        let t = json!({ "breadcrumbs": "Crumbs" });
        let crumbs =
            own(json!({ "breadcrumbs": [{ "title": "Home", "url": "/" }, { "title": "A & B", "url": "/a/" }] }));
        assert_eq!(
            breadcrumbs_html(&crumbs, &t).unwrap(),
            "\n<nav class=\"breadcrumbs wrap\" aria-label=\"Crumbs\">\n<ol>\n<li><a href=\"/\">Home</a></li>\
             \n<li><a href=\"/a/\" aria-current=\"page\">A &amp; B</a></li>\n</ol>\n</nav>"
        );
        assert_eq!(breadcrumbs_html(&own(json!({ "breadcrumbs": [{ "title": "Home", "url": "/" }] })), &t), None);
        // A string the theme lacks is left to the partial, which reports it.
        assert_eq!(breadcrumbs_html(&crumbs, &json!({})), None);
    }

    #[test]
    fn page_links_name_a_page_in_another_language() {
        let t = json!({ "page_navigation": "Pages", "previous_page": "Previous", "next_page": "Next" });
        let page = own(json!({
            "lang": "en",
            "page": { "previous": { "url": "/a/", "title": "A & B", "lang": "he", "dir": "rtl" }, "next": null },
        }));
        assert_eq!(
            page_nav_html(&page, &t).unwrap(),
            "\n<nav class=\"page-nav\" aria-label=\"Pages\">\n<a class=\"page-nav-link page-nav-previous\" href=\"/a/\" \
             rel=\"prev\"><span class=\"page-nav-label\">Previous</span> <span class=\"page-nav-title\" lang=\"he\" \
             dir=\"rtl\">A &amp; B</span></a>\n</nav>"
        );
        let alone = own(json!({ "lang": "en", "page": { "previous": null, "next": null } }));
        assert_eq!(page_nav_html(&alone, &t), None);
    }

    #[test]
    fn share_links_name_each_network_and_only_posts_have_them() {
        let t = json!({ "share_title": "Share", "share_on": "Share on {network}", "share_x": "X <", "share_email": "E-mail",
                        "share_copied": "Copied", "share_copy_failed": "Failed", "share_copy": "Copy" });
        let post = own(json!({
            "share": [{ "id": "x", "url": "https://x.com/?a=1&b=2" }, { "id": "email", "url": "mailto:?s=1" }],
            "page": { "permalink": "https://e.com/p/" },
        }));
        let html = share_html(&post, &t, "/share.js").unwrap();
        for needle in [
            "<a class=\"share-link share-x\" href=\"https://x.com/?a=1&amp;b=2\" target=\"_blank\" rel=\"noopener noreferrer\" \
             aria-label=\"Share on X &lt;\">X &lt;</a>",
            "<a class=\"share-link share-email\" href=\"mailto:?s=1\" aria-label=\"Share on E-mail\">E-mail</a>",
            "data-url=\"https://e.com/p/\"",
            "</section>\n<script src=\"/share.js\" defer></script>",
        ] {
            assert!(html.contains(needle), "{needle:?} not in {html}");
        }
        assert_eq!(share_html(&own(json!({ "share": [] })), &t, "/share.js"), None);
        let mut unknown = post.clone();
        unknown["share"][0]["id"] = json!("mastodon");
        assert_eq!(share_html(&unknown, &t, "/share.js"), None);
    }
}
