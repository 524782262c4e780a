//! RSS 2.0 and Atom feeds read into a `Source`, for blogs on Wix, Blogger, Medium, Ghost and
//! anything else that publishes one. Every entry is a post; its link becomes its old address.

use super::dates::feed_date;
use super::html::{first_image, plain_text};
use super::model::{Author, Item, ItemKind, Source};
use super::urls::{last_segment, split_url};
use super::xml::{parse_document, Element};
use crate::diagnostics::{Diagnostic, Location};
use std::path::Path;

/// A description longer than this is the post itself, not a summary of it.
const MAX_SUMMARY_CHARS: usize = 300;

/// Reads a feed; `file` names it (a path or a URL) in errors.
pub fn read_feed(text: &str, file: &Path) -> Result<Source, Diagnostic> {
    let root = parse_document(text, file)?;
    let mut source = match (root.local_name(), root.first("channel")) {
        ("rss", Some(channel)) if channel.first("wp:wxr_version").is_some() => {
            return Err(Diagnostic::new(Location::new(file, root.line, 1), "this is a WordPress export, not a feed")
                .with_help("import it with `folio import wordpress`, which also brings pages, drafts and comments"));
        }
        ("rss", Some(channel)) => read_rss(channel),
        ("feed", _) => read_atom(&root),
        _ => {
            return Err(Diagnostic::new(
                Location::new(file, root.line, 1),
                format!("this is not an RSS 2.0 or Atom feed (it starts with <{}>)", root.name),
            )
            .with_help("give the address of the blog's feed, often /feed, /rss.xml, /blog-feed.xml or /atom.xml"));
        }
    };
    // A feed's link is usually its blog's list page, not the root its entries' paths start from.
    source.link = source.link.as_deref().and_then(split_url).map(|(origin, _)| origin.to_string());
    let mut names: Vec<String> = source.items.iter().filter_map(|i| i.author.clone()).collect();
    names.sort();
    names.dedup();
    source.authors = names.into_iter().map(|name| Author { key: name.clone(), name }).collect();
    Ok(source)
}

fn read_rss(channel: &Element) -> Source {
    let mut source = Source {
        title: channel.text_of("title").unwrap_or_default(),
        description: channel.text_of("description").unwrap_or_default(),
        link: channel.text_of("link"),
        language: channel.text_of("language"),
        ..Source::default()
    };
    for element in channel.all("item") {
        let mut item = Item::new(ItemKind::Post);
        item.title = element.text_of("title").unwrap_or_default();
        let link = element.text_of("link").or_else(|| {
            let guid = element.first("guid")?;
            (guid.attr("isPermaLink") != Some("false")).then(|| guid.text().trim().to_string())
        });
        item.date = element.text_of("pubDate").or_else(|| element.text_of("dc:date")).and_then(|d| feed_date(&d));
        item.author = element.text_of("dc:creator").or_else(|| element.text_of("author").map(|a| rss_author_name(&a)));
        let description = element.text_of("description");
        match element.text_of("content:encoded") {
            Some(content) => {
                item.html = content;
                item.excerpt = description.map(|d| plain_text(&d)).filter(|d| is_summary(d));
            }
            None => item.html = description.unwrap_or_default(),
        }
        item.tags = element.all("category").map(|c| c.text().trim().to_string()).filter(|c| !c.is_empty()).collect();
        item.image = enclosure_image(element).or_else(|| first_image(&item.html));
        finish_item(&mut source, item, link);
    }
    source
}

fn read_atom(feed: &Element) -> Source {
    let mut source = Source {
        title: feed.text_of("title").unwrap_or_default(),
        description: feed.text_of("subtitle").unwrap_or_default(),
        link: atom_link(feed),
        language: feed.attr("xml:lang").map(str::to_string),
        ..Source::default()
    };
    for element in feed.all("entry") {
        let mut item = Item::new(ItemKind::Post);
        item.title = element.first("title").map(atom_text).map(|t| plain_text(&t)).unwrap_or_default();
        item.date = element.text_of("published").or_else(|| element.text_of("updated")).and_then(|d| feed_date(&d));
        item.updated = element.text_of("updated").and_then(|d| feed_date(&d)).filter(|u| Some(u) != item.date.as_ref());
        item.author =
            element.first("author").and_then(|a| a.text_of("name")).or_else(|| feed.first("author")?.text_of("name"));
        let summary = element.first("summary").map(atom_text);
        match element.first("content").map(atom_text) {
            Some(content) => {
                item.html = content;
                item.excerpt = summary.map(|s| plain_text(&s)).filter(|s| is_summary(s));
            }
            None => item.html = summary.unwrap_or_default(),
        }
        item.tags = element
            .all("category")
            .filter_map(|c| c.attr("label").or(c.attr("term")).map(str::trim).map(str::to_string))
            .filter(|c| !c.is_empty())
            .collect();
        item.image = enclosure_image(element).or_else(|| first_image(&item.html));
        finish_item(&mut source, item, atom_link(element));
    }
    source
}

/// Gives the item its old address and slug, and counts an item with neither text nor title as skipped.
fn finish_item(source: &mut Source, mut item: Item, link: Option<String>) {
    if item.title.is_empty() && item.html.trim().is_empty() {
        source.skip("entries with neither title nor text");
        return;
    }
    if let Some(link) = link {
        item.slug = last_segment(&link);
        item.old_urls.push(link);
    }
    source.items.push(item);
}

/// Atom text constructs: `html` holds escaped HTML, `xhtml` holds markup, `text` is plain.
fn atom_text(element: &Element) -> String {
    match element.attr("type") {
        Some("xhtml") => element.inner_markup(),
        Some("html") | Some("text/html") => element.text(),
        _ => {
            let text = element.text();
            if text.trim().is_empty() {
                text
            } else {
                format!("<p>{}</p>", quick_xml::escape::escape(text.trim()))
            }
        }
    }
}

/// The `alternate` link: the page a feed or entry describes.
fn atom_link(element: &Element) -> Option<String> {
    element
        .all("link")
        .find(|l| matches!(l.attr("rel"), None | Some("alternate")))
        .and_then(|l| l.attr("href"))
        .map(str::to_string)
}

/// An enclosure, `media:content` or `media:thumbnail` that is an image.
fn enclosure_image(element: &Element) -> Option<String> {
    element.elements().find_map(|e| {
        let url = e
            .attr("url")
            .or_else(|| (e.name == "link" && e.attr("rel") == Some("enclosure")).then(|| e.attr("href"))?)?;
        let kind = e.attr("type").or(e.attr("medium")).unwrap_or("");
        let is_media = matches!(e.name.as_str(), "enclosure" | "media:content" | "media:thumbnail" | "link");
        let looks_like_image = kind.starts_with("image") || e.name == "media:thumbnail" || has_image_extension(url);
        (is_media && looks_like_image).then(|| url.to_string())
    })
}

fn has_image_extension(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or(url).to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg"].iter().any(|e| path.ends_with(e))
}

/// RSS `<author>` is an e-mail address, often with the name in parentheses: `a@b.com (Dana Levi)`.
fn rss_author_name(author: &str) -> String {
    match (author.find('('), author.rfind(')')) {
        (Some(open), Some(close)) if open < close => author[open + 1..close].trim().to_string(),
        _ => author.split('@').next().unwrap_or(author).trim().to_string(),
    }
}

fn is_summary(text: &str) -> bool {
    !text.is_empty() && text.chars().count() <= MAX_SUMMARY_CHARS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_author_names_come_from_parentheses() {
        assert_eq!(rss_author_name("dana@example.com (Dana Levi)"), "Dana Levi");
        assert_eq!(rss_author_name("dana@example.com"), "dana");
    }

    #[test]
    fn reads_an_atom_entry() {
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>Blog</title>
<link href="https://ex.com/"/><entry><title type="html">A &amp;lt;b&amp;gt; title</title>
<link rel="alternate" href="https://ex.com/posts/first-post/"/><published>2021-02-03T04:05:06Z</published>
<author><name>Dana</name></author><category term="news"/><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hi <b>there</b></p></div></content></entry></feed>"#;
        let source = read_feed(atom, Path::new("feed.xml")).unwrap();
        let item = &source.items[0];
        assert_eq!(item.title, "A <b> title");
        assert_eq!(item.slug, "first-post");
        assert_eq!(item.html, "<div><p>Hi <b>there</b></p></div>");
        assert_eq!(item.tags, ["news"]);
        assert_eq!(source.authors[0].name, "Dana");
        assert_eq!(source.language.as_deref(), Some("en"));
    }
}
