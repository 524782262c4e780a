//! The WordPress export (WXR 1.0–1.2, as Tools → Export writes it) read into a `Source`: posts and
//! pages with their status, authors, terms, featured images and approved comments; everything
//! else (attachments, menus, revisions, other post types) is counted as skipped.

use super::dates::wordpress_date;
use super::html::plain_text;
use super::model::{Author, Comment, Item, ItemKind, Source};
use super::urls::percent_decode_lossy;
use super::xml::{parse_document, Element};
use crate::diagnostics::{Diagnostic, Location};
use std::path::Path;

/// Reads an export; `file` names it in errors.
pub fn read_export(text: &str, file: &Path) -> Result<Source, Diagnostic> {
    let root = parse_document(text, file)?;
    let channel = root.first("channel").filter(|_| root.name == "rss");
    let Some(channel) =
        channel.filter(|c| c.first("wp:wxr_version").is_some() || c.first("wp:base_site_url").is_some())
    else {
        return Err(Diagnostic::new(Location::new(file, root.line, 1), "this is not a WordPress export").with_help(
            "export it from WordPress (Tools → Export → All content); for an RSS or Atom feed use `folio import feed`",
        ));
    };
    let mut source = Source {
        title: channel.text_of("title").unwrap_or_default(),
        description: channel.text_of("description").unwrap_or_default(),
        link: channel.text_of("wp:base_blog_url").or_else(|| channel.text_of("link")),
        language: channel.text_of("language"),
        ..Source::default()
    };
    for author in channel.all("wp:author") {
        if let Some(author) = read_author(author) {
            source.authors.push(author);
        }
    }
    let mut featured = Vec::new();
    for item in channel.all("item") {
        let post_type = item.text_of("wp:post_type").unwrap_or_else(|| "post".into());
        match post_type.as_str() {
            "post" | "page" => {
                if let Some((post, thumbnail)) = read_item(item, &post_type, &mut source) {
                    featured.push(thumbnail);
                    source.items.push(post);
                }
            }
            "attachment" => {
                if let (Some(id), Some(url)) = (item.text_of("wp:post_id"), item.text_of("wp:attachment_url")) {
                    source.attachments.insert(id, url);
                }
            }
            "nav_menu_item" => source.skip("menu items (menus are set in site.yaml)"),
            "revision" => source.skip("revisions"),
            other
                if other.starts_with("wp_")
                    || matches!(other, "custom_css" | "customize_changeset" | "oembed_cache") =>
            {
                source.skip("theme and editor settings")
            }
            other => source.skip(format!("`{other}` entries (a post type Folio does not import)")),
        }
    }
    // Featured images name attachments, which may come after the post in the file.
    for (item, thumbnail) in source.items.iter_mut().zip(featured) {
        item.image = thumbnail.and_then(|id| source.attachments.get(&id).cloned());
    }
    Ok(source)
}

fn read_author(element: &Element) -> Option<Author> {
    let login = element.text_of("wp:author_login")?;
    let full = [element.text_of("wp:author_first_name"), element.text_of("wp:author_last_name")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let name = element.text_of("wp:author_display_name").or(Some(full).filter(|n| !n.is_empty()));
    Some(Author { name: name.unwrap_or_else(|| login.clone()), key: login })
}

/// A post or page, with the attachment id of its featured image; `None` when it is not published
/// and not a draft (private, trashed, password-protected, auto-saved).
fn read_item(element: &Element, post_type: &str, source: &mut Source) -> Option<(Item, Option<String>)> {
    let status = element.text_of("wp:status").unwrap_or_else(|| "publish".into());
    let draft = match status.as_str() {
        "publish" | "future" => false,
        "draft" | "pending" => true,
        "private" => return skip(source, "private"),
        "trash" => return skip(source, "in the trash"),
        "auto-draft" => return skip(source, "automatic drafts"),
        "inherit" => return skip(source, "revisions"),
        other => return skip(source, &format!("status `{other}`")),
    };
    if element.text_of("wp:post_password").is_some() {
        return skip(source, "password-protected");
    }
    let kind = if post_type == "page" { ItemKind::Page } else { ItemKind::Post };
    let mut item = Item::new(kind);
    item.id = element.text_of("wp:post_id");
    item.title = element.text_of("title").unwrap_or_default();
    item.slug = element.text_of("wp:post_name").map(|s| percent_decode_lossy(&s)).unwrap_or_default();
    item.date = element
        .text_of("wp:post_date")
        .and_then(|d| wordpress_date(&d, element.text_of("wp:post_date_gmt").as_deref()));
    item.updated = element
        .text_of("wp:post_modified")
        .and_then(|d| wordpress_date(&d, element.text_of("wp:post_modified_gmt").as_deref()));
    item.author = element.text_of("dc:creator");
    item.html = element.first("content:encoded").map(Element::text).unwrap_or_default();
    item.excerpt = element.text_of("excerpt:encoded").map(|e| plain_text(&e)).filter(|e| !e.is_empty());
    item.draft = draft;
    for term in element.all("category") {
        let name = term.text().trim().to_string();
        match term.attr("domain") {
            Some("category") if term.attr("nicename") != Some("uncategorized") && !name.is_empty() => {
                item.categories.push(name)
            }
            Some("post_tag") if !name.is_empty() => item.tags.push(name),
            _ => {}
        }
    }
    // Drafts have no address yet: their <link> is `?p=ID`, which the id table covers.
    if let Some(link) = element.text_of("link").filter(|l| !l.contains('?') && !draft) {
        item.old_urls.push(link);
    }
    let thumbnail = element
        .all("wp:postmeta")
        .find(|m| m.text_of("wp:meta_key").as_deref() == Some("_thumbnail_id"))
        .and_then(|m| m.text_of("wp:meta_value"));
    for comment in element.all("wp:comment") {
        match read_comment(comment) {
            Ok(comment) => item.comments.push(comment),
            Err(reason) => source.skip(reason),
        }
    }
    Some((item, thumbnail))
}

fn skip<T>(source: &mut Source, reason: &str) -> Option<T> {
    source.skip(reason);
    None
}

/// An approved reader comment, or why it is left out.
fn read_comment(element: &Element) -> Result<Comment, &'static str> {
    let kind = element.text_of("wp:comment_type").unwrap_or_default();
    if kind == "pingback" || kind == "trackback" {
        return Err("pingbacks and trackbacks");
    }
    if element.text_of("wp:comment_approved").as_deref() != Some("1") {
        return Err("comments not approved (pending or spam)");
    }
    Ok(Comment {
        id: element.text_of("wp:comment_id").unwrap_or_default(),
        parent: element.text_of("wp:comment_parent").filter(|p| p != "0"),
        author: element.text_of("wp:comment_author").unwrap_or_default(),
        url: element.text_of("wp:comment_author_url"),
        date: element
            .text_of("wp:comment_date")
            .and_then(|d| wordpress_date(&d, element.text_of("wp:comment_date_gmt").as_deref())),
        text: plain_text(&element.text_of("wp:comment_content").unwrap_or_default()),
    })
}
