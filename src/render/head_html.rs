//! The tags of every page's `<head>` after its title, written in Rust: what `base.html` writes
//! there (description, canonical link, OpenGraph basics, stylesheets, schema.org data) with
//! `partials/publish-head.html` (feeds, noindex, social tags) and
//! `partials/language-alternates.html`. Some sixty tera expressions on a post with its feeds and
//! tags, for text that depends on a handful of values.
//!
//! Only while those three templates are the built-in ones: `base.html` prints `head_html` when it
//! is set. The HTML is read from the very values tera would read (the page's own context map, the
//! site value, the UI strings), printed and escaped as tera does (`tera_values`); where tera would
//! stop with an error, `head_html` is left unset and the templates report it. A test builds a site
//! with copies of the three templates (which tera then renders) and compares every page.

use super::tera_values::{array, object, print, print_key, push_escaped, truthy, truthy_key};
use super::theme::Theme;
use serde_json::{Map, Value};

const TEMPLATES: [&str; 3] = ["base.html", "partials/publish-head.html", "partials/language-alternates.html"];

/// What every page's head shares: the site's title, description and generator, where the theme's
/// files are, and whether search is on.
pub struct HeadParts {
    site_title: Value,
    site_description: Value,
    generator: Value,
    /// `url_for`'s prefix: the theme's files live under it.
    asset_path: String,
    search: bool,
}

impl HeadParts {
    /// `None` when the theme has its own version of any of the three templates. `site` is the whole
    /// site value; `asset_path` is what `url_for` puts before a path.
    pub fn new(theme: &Theme, site: &Value, asset_path: &str) -> Option<HeadParts> {
        let built_in = TEMPLATES.iter().all(|name| theme.templates.get(*name).is_some_and(|t| t.is_built_in()));
        let site = site.as_object().filter(|_| built_in)?;
        let search = site.get("search").and_then(Value::as_object).is_some_and(|s| truthy_key(s, "enabled"));
        Some(HeadParts {
            site_title: site.get("title")?.clone(),
            site_description: site.get("description")?.clone(),
            generator: site.get("generator")?.clone(),
            asset_path: asset_path.to_string(),
            search,
        })
    }

    /// The head's tags for a page whose own context is `own`, `t` being its UI strings; `None`
    /// where tera would stop with an error.
    pub fn html(&self, own: &Map<String, Value>, t: &Value) -> Option<String> {
        let mut out = String::with_capacity(4096);
        self.base_tags(&mut out, own, t)?;
        publish_head(&mut out, own)?;
        if truthy_key(own, "languages") {
            out.push('\n');
            for alternate in array(object(own, "languages")?, "alternates")? {
                let alternate = alternate.as_object()?;
                out.push_str("\n<link rel=\"alternate\" hreflang=\"");
                print_key(&mut out, alternate, "hreflang")?;
                out.push_str("\" href=\"");
                print_key(&mut out, alternate, "href")?;
                out.push_str("\">");
            }
            out.push('\n');
        }
        if self.search {
            out.push_str("\n<script type=\"module\" src=\"");
            self.url_for(&mut out, "search/ui.js");
            out.push_str("\"></script>");
        }
        Some(out)
    }

    /// `base.html`'s tags from the description to the schema.org data.
    fn base_tags(&self, out: &mut String, own: &Map<String, Value>, t: &Value) -> Option<()> {
        let page = match own.get("page") {
            Some(page) if truthy(page) => Some(page.as_object()?),
            _ => None,
        };
        let (title, description, permalink) = self.document(own, page, t)?;
        if truthy(description) {
            out.push_str("\n<meta name=\"description\" content=\"");
            print(out, description)?;
            out.push_str("\">");
        }
        if truthy(permalink) {
            out.push_str("\n<link rel=\"canonical\" href=\"");
            print(out, permalink)?;
            out.push_str("\">\n<meta property=\"og:url\" content=\"");
            print(out, permalink)?;
            out.push_str("\">");
        }
        out.push_str("\n<meta property=\"og:site_name\" content=\"");
        print(out, &self.site_title)?;
        out.push_str("\">\n<meta property=\"og:title\" content=\"");
        print(out, title)?;
        out.push_str("\">");
        if truthy(description) {
            out.push_str("\n<meta property=\"og:description\" content=\"");
            print(out, description)?;
            out.push_str("\">");
        }
        let article = match page {
            Some(page) => matches!(page.get("kind")?.as_str(), Some("post" | "article" | "guide")),
            None => false,
        };
        out.push_str("\n<meta property=\"og:type\" content=\"");
        out.push_str(if article { "article" } else { "website" });
        out.push_str(concat!(
            "\">\n<meta name=\"color-scheme\" content=\"light dark\">",
            "\n<meta name=\"theme-color\" content=\"#ffffff\" media=\"(prefers-color-scheme: light)\">",
            "\n<meta name=\"theme-color\" content=\"#0f1419\" media=\"(prefers-color-scheme: dark)\">",
            "\n<meta name=\"generator\" content=\""
        ));
        print(out, &self.generator)?;
        out.push_str("\">\n<link rel=\"stylesheet\" href=\"");
        self.url_for(out, "folio.css");
        out.push_str("\">");
        if page.is_none_or(|page| truthy_key(page, "has_code")) {
            out.push_str("\n<link rel=\"stylesheet\" href=\"");
            self.url_for(out, "syntax-light.css");
            out.push_str("\" media=\"not all and (prefers-color-scheme: dark)\">\n<link rel=\"stylesheet\" href=\"");
            self.url_for(out, "syntax-dark.css");
            out.push_str("\" media=\"(prefers-color-scheme: dark)\">");
        }
        if truthy_key(own, "json_ld") {
            out.push_str("\n<script type=\"application/ld+json\">");
            raw(out, own.get("json_ld")?)?;
            out.push_str("</script>");
        }
        Some(())
    }

    /// `doc_title`, `doc_description` and `doc_permalink` as `base.html` sets them.
    fn document<'a>(
        &'a self,
        own: &'a Map<String, Value>,
        page: Option<&'a Map<String, Value>>,
        t: &'a Value,
    ) -> Option<(&'a Value, &'a Value, &'a Value)> {
        const NONE: &Value = &Value::String(String::new());
        let section = own.get("section").filter(|s| truthy(s));
        let (title, description, permalink) = match (page, section) {
            (Some(doc), _) => (doc.get("title")?, doc.get("description")?, doc.get("permalink")?),
            (None, Some(section)) => {
                let doc = section.as_object()?;
                (doc.get("title")?, doc.get("description")?, doc.get("permalink")?)
            }
            (None, None) => (t.get("not_found_title")?, &self.site_description, NONE),
        };
        let description = if truthy(description) { description } else { &self.site_description };
        Some((title, description, permalink))
    }

    fn url_for(&self, out: &mut String, path: &str) {
        // `url_for` returns text that tera then escapes like any other.
        push_escaped(out, &format!("{}/{path}", self.asset_path));
    }
}

/// What `partials/publish-head.html` writes, with the line break `base.html` puts before it.
fn publish_head(out: &mut String, own: &Map<String, Value>) -> Option<()> {
    out.push('\n');
    if truthy_key(own, "json_ld_breadcrumbs") {
        out.push_str("\n<script type=\"application/ld+json\">");
        raw(out, own.get("json_ld_breadcrumbs")?)?;
        out.push_str("</script>");
    }
    if truthy_key(own, "noindex") {
        out.push_str("\n<meta name=\"robots\" content=\"noindex\">");
    }
    for feed in array(own, "feeds")? {
        let feed = feed.as_object()?;
        out.push_str("\n<link rel=\"alternate\" type=\"");
        print_key(out, feed, "type")?;
        out.push_str("\" href=\"");
        print_key(out, feed, "url")?;
        out.push_str("\" title=\"");
        print_key(out, feed, "title")?;
        out.push_str("\">");
    }
    if truthy_key(own, "social") {
        social_tags(out, object(own, "social")?)?;
    }
    out.push('\n');
    Some(())
}

/// The OpenGraph and X tags of `publish-head.html`.
fn social_tags(out: &mut String, social: &Map<String, Value>) -> Option<()> {
    let tag = |out: &mut String, property: &str, key: &str| -> Option<()> {
        out.push_str("\n<meta property=\"");
        out.push_str(property);
        out.push_str("\" content=\"");
        print_key(out, social, key)?;
        out.push_str("\">");
        Some(())
    };
    tag(out, "og:locale", "locale")?;
    if truthy_key(social, "image") {
        tag(out, "og:image", "image")?;
    }
    if truthy_key(social, "width") {
        tag(out, "og:image:width", "width")?;
        tag(out, "og:image:height", "height")?;
        tag(out, "og:image:alt", "alt")?;
    }
    if truthy_key(social, "published") {
        tag(out, "article:published_time", "published")?;
    }
    if truthy_key(social, "modified") {
        tag(out, "article:modified_time", "modified")?;
    }
    for (property, key) in [("article:author", "authors"), ("article:tag", "tags")] {
        for value in array(social, key)? {
            out.push_str("\n<meta property=\"");
            out.push_str(property);
            out.push_str("\" content=\"");
            print(out, value)?;
            out.push_str("\">");
        }
    }
    out.push_str("\n<meta name=\"twitter:card\" content=\"");
    print_key(out, social, "card")?;
    out.push_str("\">");
    Some(())
}

/// `{{ value | safe }}`: printed, not escaped.
fn raw(out: &mut String, value: &Value) -> Option<()> {
    match value {
        Value::String(s) => out.push_str(s),
        other => print(out, other)?,
    }
    Some(())
}

#[cfg(test)]
#[path = "head_html_tests.rs"]
mod tests;
