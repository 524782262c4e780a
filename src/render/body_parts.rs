//! Two parts of a page's body written in Rust instead of through their partials: the breadcrumbs
//! (`partials/breadcrumbs.html`, on every page but the home page) and a post's share links
//! (`partials/share.html`). A dozen tera expressions for the first, some forty for the second.
//!
//! Only while the partial is the built-in one: it prints `breadcrumbs_html` or `share_html` when
//! set. Like `head_html`, the HTML is read from the values tera would read, printed as tera prints
//! them (`tera_values`), and left to the partial where tera would stop with an error; the test of
//! `theme_copies` compares whole sites rendered both ways.

use super::tera_values::{array, object, print, print_key, push_escaped, truthy};
use super::theme::Theme;
use serde_json::{Map, Value};

const BREADCRUMBS: &str = "partials/breadcrumbs.html";
const SHARE: &str = "partials/share.html";

/// Which of the two parts are written here.
pub struct BodyParts {
    breadcrumbs: bool,
    /// `url_for(path="share.js")`, when the share partial is the built-in one.
    share_script: Option<String>,
}

impl BodyParts {
    /// `asset_path` is what `url_for` puts before a path.
    pub fn new(theme: &Theme, asset_path: &str) -> BodyParts {
        let built_in = |name: &str| theme.templates.get(name).is_some_and(|t| t.is_built_in());
        BodyParts {
            breadcrumbs: built_in(BREADCRUMBS),
            share_script: built_in(SHARE).then(|| format!("{asset_path}/share.js")),
        }
    }

    /// Sets `breadcrumbs_html` and `share_html` in a page's own context `own`, `t` being its UI strings.
    pub fn fill(&self, own: &mut Map<String, Value>, t: &Value) {
        let breadcrumbs = self.breadcrumbs.then(|| breadcrumbs_html(own, t)).flatten();
        let share = self.share_script.as_deref().and_then(|script| share_html(own, t, script));
        for (key, html) in [("breadcrumbs_html", breadcrumbs), ("share_html", share)] {
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
