//! The three feed formats, written by hand: Atom 1.0 (RFC 4287), RSS 2.0 and JSON Feed 1.1, each
//! with what the W3C feed validator requires (ids, self links, dates in the format's own syntax).
//! An entry is written on its own (`atom_entry`, `rss_item`, `json_item`) so a page listed by many
//! feeds is written once per format and its text copied into each.

use super::feeds::{Entry, FeedUrls};
use super::xml::{escape_xml, push_element, rfc822};
use crate::content::dates::PageDate;
use crate::site::feeds::Feed;
use crate::site::Site;
use serde_json::{json, Value};

const GENERATOR: &str = concat!("Folio ", env!("CARGO_PKG_VERSION"));

/// An Atom feed of `entries`, each already written by [`atom_entry`]. The feed-level author (the
/// site) covers entries without a byline, which Atom requires of every entry.
pub fn write_atom(feed: &Feed, urls: &FeedUrls, updated: PageDate, entries: &[&str], site: &Site) -> String {
    let mut out = String::with_capacity(1024 + entries.iter().map(|e| e.len()).sum::<usize>());
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n", escape_xml(&feed.lang)));
    push_element(&mut out, "  ", "title", &feed.title);
    if !feed.description.is_empty() {
        push_element(&mut out, "  ", "subtitle", &feed.description);
    }
    push_element(&mut out, "  ", "id", &urls.page);
    out.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape_xml(&urls.feed)
    ));
    out.push_str(&format!("  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", escape_xml(&urls.page)));
    push_element(&mut out, "  ", "updated", &updated.rfc3339());
    out.push_str("  <author>\n");
    push_element(&mut out, "    ", "name", &site.config.title);
    push_element(&mut out, "    ", "uri", &site.permalink("/"));
    out.push_str("  </author>\n");
    push_element(&mut out, "  ", "generator", GENERATOR);
    entries.iter().for_each(|entry| out.push_str(entry));
    out.push_str("</feed>\n");
    out
}

/// One Atom `<entry>`, with the whole text when `full`.
pub fn atom_entry(entry: &Entry, full: bool) -> String {
    let mut out = String::from("  <entry>\n");
    push_element(&mut out, "    ", "title", &entry.title);
    push_element(&mut out, "    ", "id", &entry.permalink);
    out.push_str(&format!(
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape_xml(&entry.permalink)
    ));
    if let Some(published) = entry.published {
        push_element(&mut out, "    ", "published", &published.rfc3339());
    }
    push_element(&mut out, "    ", "updated", &entry.updated.rfc3339());
    for author in &entry.authors {
        out.push_str("    <author>\n");
        push_element(&mut out, "      ", "name", &author.name);
        if let Some(url) = &author.url {
            push_element(&mut out, "      ", "uri", url);
        }
        out.push_str("    </author>\n");
    }
    for tag in &entry.tags {
        out.push_str(&format!("    <category term=\"{}\"/>\n", escape_xml(tag)));
    }
    if !entry.summary_html.is_empty() {
        out.push_str(&format!("    <summary type=\"html\">{}</summary>\n", escape_xml(&entry.summary_html)));
    }
    if let Some(content) = entry.content(full) {
        out.push_str(&format!("    <content type=\"html\">{}</content>\n", escape_xml(content)));
    }
    out.push_str("  </entry>\n");
    out
}

/// An RSS 2.0 feed of `items` written by [`rss_item`], with an `atom:link rel="self"`.
pub fn write_rss(feed: &Feed, urls: &FeedUrls, updated: PageDate, items: &[&str]) -> String {
    let mut out = String::with_capacity(1024 + items.iter().map(|i| i.len()).sum::<usize>());
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n");
    out.push_str("  <channel>\n");
    push_element(&mut out, "    ", "title", &feed.title);
    push_element(&mut out, "    ", "link", &urls.page);
    // RSS requires a description; the title stands in when the site has none.
    let description = if feed.description.is_empty() { &feed.title } else { &feed.description };
    push_element(&mut out, "    ", "description", description);
    push_element(&mut out, "    ", "language", &feed.lang);
    out.push_str(&format!(
        "    <atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        escape_xml(&urls.feed)
    ));
    push_element(&mut out, "    ", "lastBuildDate", &rfc822(updated));
    push_element(&mut out, "    ", "generator", GENERATOR);
    items.iter().for_each(|item| out.push_str(item));
    out.push_str("  </channel>\n</rss>\n");
    out
}

/// One RSS `<item>`: Dublin Core creators (RSS's own `<author>` must be an e-mail address, which
/// Folio does not publish), and the whole text as its description when `full`, else the summary.
pub fn rss_item(entry: &Entry, full: bool) -> String {
    let mut out = String::from("    <item>\n");
    push_element(&mut out, "      ", "title", &entry.title);
    push_element(&mut out, "      ", "link", &entry.permalink);
    out.push_str(&format!("      <guid isPermaLink=\"true\">{}</guid>\n", escape_xml(&entry.permalink)));
    push_element(&mut out, "      ", "pubDate", &rfc822(entry.published.unwrap_or(entry.updated)));
    for author in &entry.authors {
        push_element(&mut out, "      ", "dc:creator", &author.name);
    }
    for tag in &entry.tags {
        push_element(&mut out, "      ", "category", tag);
    }
    push_element(&mut out, "      ", "description", entry.content(full).unwrap_or(&entry.summary_html));
    out.push_str("    </item>\n");
    out
}

/// A JSON Feed 1.1 of `items` written by [`json_item`], one item a line.
pub fn write_json_feed(feed: &Feed, urls: &FeedUrls, items: &[&str]) -> String {
    let field = |name: &str, value: &str| format!("  \"{name}\": {},\n", Value::from(value));
    let mut out = String::with_capacity(1024 + items.iter().map(|i| i.len() + 6).sum::<usize>());
    out.push_str("{\n");
    out.push_str(&field("version", "https://jsonfeed.org/version/1.1"));
    out.push_str(&field("title", &feed.title));
    out.push_str(&field("home_page_url", &urls.page));
    out.push_str(&field("feed_url", &urls.feed));
    out.push_str(&field("description", &feed.description));
    out.push_str(&field("language", &feed.lang));
    out.push_str("  \"items\": [");
    for (n, item) in items.iter().enumerate() {
        out.push_str(if n == 0 { "\n    " } else { ",\n    " });
        out.push_str(item);
    }
    out.push_str(if items.is_empty() { "]\n}\n" } else { "\n  ]\n}\n" });
    out
}

/// One JSON Feed item, on one line.
pub fn json_item(entry: &Entry, full: bool) -> String {
    let mut item = serde_json::Map::new();
    item.insert("id".into(), json!(entry.permalink));
    item.insert("url".into(), json!(entry.permalink));
    item.insert("title".into(), json!(entry.title));
    // JSON Feed needs content_html or content_text; a summary-only feed carries the summary there.
    let content = entry.content(full);
    item.insert("content_html".into(), json!(content.unwrap_or(&entry.summary_html)));
    if !entry.summary_html.is_empty() && content.is_some() {
        item.insert("summary".into(), json!(html_to_text(&entry.summary_html)));
    }
    if let Some(published) = entry.published {
        item.insert("date_published".into(), json!(published.rfc3339()));
    }
    item.insert("date_modified".into(), json!(entry.updated.rfc3339()));
    if !entry.authors.is_empty() {
        let authors: Vec<Value> = entry
            .authors
            .iter()
            .map(|a| {
                let mut author = json!({ "name": a.name });
                if let Some(url) = &a.url {
                    author["url"] = json!(url);
                }
                if let Some(photo) = &a.photo {
                    author["avatar"] = json!(photo);
                }
                author
            })
            .collect();
        item.insert("authors".into(), Value::Array(authors));
    }
    if !entry.tags.is_empty() {
        item.insert("tags".into(), json!(entry.tags));
    }
    if let Some(image) = &entry.image {
        item.insert("image".into(), json!(image));
    }
    Value::Object(item).to_string()
}

/// Plain text of a short HTML fragment: tags dropped, the common entities decoded.
fn html_to_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}
