//! Which feeds a site has and what is in them: one for each blog, each author and each tag.
//!
//! A feed is a list of pages with a language, written at `<folder>/atom.xml`, `rss.xml` and
//! `feed.json`: `/blog/`, `/authors/<id>/`, `/tags/<slug>/`. Splitting a feed by language later
//! means grouping its pages by `lang`; nothing else here assumes one language per site.

use super::absolute_links::{absolute_url, absolutize_links, ascii_url};
use super::feed_formats::{write_atom, write_json_feed, write_rss};
use super::{PreviousPages, RenderedFile};
use crate::config::{FeedContent, FeedFormat};
use crate::content::dates::PageDate;
use crate::markdown::SiteMarkdown;
use crate::memo::fingerprint;
use crate::site::{slugify, ListKind, PageKind, Site};
use std::collections::BTreeMap;
use std::sync::Arc;

/// One feed: the pages it lists (newest first, at most the configured limit) and where it lives.
#[derive(Debug, Clone)]
pub struct Feed {
    /// The folder the feed files are written to, which is also the HTML page it describes: `/blog/`.
    pub url_path: String,
    pub title: String,
    pub description: String,
    pub lang: String,
    pub pages: Vec<usize>,
}

/// A link to one feed file, for `<link rel="alternate">` in a page's head.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FeedLink {
    pub url: String,
    #[serde(rename = "type")]
    pub media_type: &'static str,
    pub title: String,
}

/// One page as a feed entry, with every URL absolute.
#[derive(Debug, Clone)]
pub struct Entry {
    pub title: String,
    pub permalink: String,
    pub published: Option<PageDate>,
    pub updated: PageDate,
    pub authors: Vec<EntryAuthor>,
    pub tags: Vec<String>,
    pub summary_html: String,
    /// The whole text, when the site's feeds carry it.
    pub content_html: Option<String>,
    pub image: Option<String>,
}

#[derive(Debug, Clone)]
pub struct EntryAuthor {
    pub name: String,
    pub url: String,
    pub photo: Option<String>,
}

/// Every feed of the site. A feed whose pages and settings are unchanged since `previous` (the
/// last build's files by output path) is reused, so the dev server rewrites only the feeds an
/// edit touches.
pub fn render_feeds(site: &Site, markdown: &SiteMarkdown, previous: &PreviousPages) -> Vec<RenderedFile> {
    let config = &site.config.feeds;
    let feeds = site_feeds(site);
    let fallback = newest_date(site);
    // Each feed file with its path and fingerprint, and the previous bytes when they are still right.
    let planned: Vec<Vec<PlannedFile>> = feeds
        .iter()
        .map(|feed| {
            let key = feed_key(site, markdown, feed, fallback);
            let plan = |format: FeedFormat| {
                let path = format!("{}{}", &feed.url_path[1..], format.file_name());
                let key = fingerprint((key, format));
                let reusable = previous.get(&path).filter(|(old, _)| *old == key).map(|(_, bytes)| bytes);
                (format, path, key, reusable)
            };
            config.formats.iter().map(|&f| plan(f)).collect()
        })
        .collect();
    // Entries are made once, and only for feeds that must be written again.
    let mut entries: BTreeMap<usize, Entry> = BTreeMap::new();
    for (feed, plan) in feeds.iter().zip(&planned) {
        if plan.iter().any(|(_, _, _, reusable)| reusable.is_none()) {
            for &i in &feed.pages {
                entries.entry(i).or_insert_with(|| page_entry(site, markdown, i, fallback));
            }
        }
    }
    let mut files = Vec::new();
    for (feed, plan) in feeds.iter().zip(planned) {
        for (format, path, key, reusable) in plan {
            if let Some(bytes) = reusable {
                files.push(RenderedFile { path, bytes: bytes.clone(), fingerprint: key, reused: true });
                continue;
            }
            let listed: Vec<&Entry> = feed.pages.iter().map(|i| &entries[i]).collect();
            let urls = FeedUrls {
                page: ascii_url(&site.permalink(&feed.url_path)),
                feed: ascii_url(&site.permalink(&format!("{}{}", feed.url_path, format.file_name()))),
            };
            let text = match format {
                FeedFormat::Atom => write_atom(feed, &urls, &listed, site, fallback),
                FeedFormat::Rss => write_rss(feed, &urls, &listed, fallback),
                FeedFormat::Json => write_json_feed(feed, &urls, &listed),
            };
            files.push(RenderedFile { path, bytes: text.into_bytes().into(), fingerprint: key, reused: false });
        }
    }
    files
}

/// A feed file to write: its format, output path, fingerprint, and the previous build's bytes
/// when they were made from the same inputs.
type PlannedFile<'a> = (FeedFormat, String, u64, Option<&'a Arc<[u8]>>);

/// The fingerprint of everything a feed is made from: the configuration, the feed's own fields,
/// and for each entry its source, rendered Markdown, place and authors.
fn feed_key(site: &Site, markdown: &SiteMarkdown, feed: &Feed, fallback: PageDate) -> u64 {
    let entries: Vec<_> = feed
        .pages
        .iter()
        .map(|&i| {
            let page = &site.pages[i];
            let authors: Vec<_> = page
                .authors
                .iter()
                .filter_map(|id| site.find_page(PageKind::Author, id))
                .map(|a| (site.pages[a].source_fingerprint, &site.pages[a].url_path, &site.pages[a].image))
                .collect();
            let place = (&page.url_path, page.date, page.front.updated, &page.image, &page.title);
            (page.source_fingerprint, markdown.keys[i], place, authors)
        })
        .collect();
    let own = (&feed.url_path, &feed.title, &feed.description, &feed.lang);
    fingerprint((site.config.fingerprint, own, fallback, entries))
}

/// The absolute addresses of a feed and of the HTML page it describes.
pub struct FeedUrls {
    pub page: String,
    pub feed: String,
}

/// Every feed the site's configuration asks for: blogs, then authors, then tags.
pub fn site_feeds(site: &Site) -> Vec<Feed> {
    let config = &site.config.feeds;
    if config.formats.is_empty() {
        return Vec::new();
    }
    let order = PublishedOrder::new(site);
    let newest = |keep: &dyn Fn(usize) -> bool| order.newest(keep, config.limit);
    let is_post = |i: usize| site.pages[i].kind == PageKind::Post;
    let mut feeds = Vec::new();
    for section in site.sections.iter().filter(|s| s.kind == ListKind::Blog) {
        let pages = newest(&|i| is_post(i) && site.pages[i].url_path.starts_with(&section.url_path));
        let description = section.description.clone().unwrap_or_else(|| site.config.description.clone());
        let title = format!("{} · {}", site.config.title, section.title);
        feeds.push(Feed { url_path: section.url_path.clone(), title, description, lang: section.lang.clone(), pages });
    }
    if config.authors {
        for author in site.pages.iter().filter(|p| p.kind == PageKind::Author) {
            let pages = newest(&|i| is_post(i) && site.pages[i].authors.contains(&author.key));
            let title = format!("{} · {}", site.config.title, author.title);
            let description = author.front.role.clone().unwrap_or_else(|| author.title.clone());
            feeds.push(Feed {
                url_path: author.url_path.clone(),
                title,
                description,
                lang: author.lang.clone(),
                pages,
            });
        }
    }
    if config.tags {
        for (slug, name) in site_tags(site, &order) {
            let pages = newest(&|i| order.tag_slugs[i].contains(&slug));
            let title = format!("{} · {name}", site.config.title);
            let url_path = tag_url_path(&slug);
            feeds.push(Feed {
                url_path,
                title: title.clone(),
                description: title,
                lang: site.config.language.clone(),
                pages,
            });
        }
    }
    feeds
}

/// `/tags/<slug>/`, the folder of a tag's term page and its feeds.
pub fn tag_url_path(slug: &str) -> String {
    crate::site::term_url("tags", slug)
}

/// Every tag slug of the published pages with the first spelling met, so `Rust` and `rust` share
/// one feed.
fn site_tags(site: &Site, order: &PublishedOrder) -> BTreeMap<String, String> {
    let mut tags = BTreeMap::new();
    for i in (0..site.pages.len()).filter(|&i| site.pages[i].withheld.is_none()) {
        for (tag, slug) in site.pages[i].front.tags.iter().zip(&order.tag_slugs[i]) {
            if !slug.is_empty() && !tags.contains_key(slug) {
                tags.insert(slug.clone(), tag.clone());
            }
        }
    }
    tags
}

/// The published pages newest first (undated last, then by title), and each page's tag slugs:
/// worked out once, so each feed only walks the list until it is full.
struct PublishedOrder {
    pages: Vec<usize>,
    tag_slugs: Vec<Vec<String>>,
}

impl PublishedOrder {
    fn new(site: &Site) -> PublishedOrder {
        let mut pages: Vec<usize> = (0..site.pages.len()).filter(|&i| site.pages[i].withheld.is_none()).collect();
        pages.sort_by(|&a, &b| {
            let (a, b) = (&site.pages[a], &site.pages[b]);
            b.date.cmp(&a.date).then_with(|| a.title.cmp(&b.title)).then_with(|| a.id.cmp(&b.id))
        });
        // Sites use few distinct tags on many pages: slugify each spelling once.
        let mut slugs: std::collections::HashMap<&str, String> = std::collections::HashMap::new();
        let tag_slugs = site
            .pages
            .iter()
            .map(|p| p.front.tags.iter().map(|t| slugs.entry(t).or_insert_with(|| slugify(t)).clone()).collect())
            .collect();
        PublishedOrder { pages, tag_slugs }
    }

    /// The newest `limit` published pages that `keep` accepts.
    fn newest(&self, keep: &dyn Fn(usize) -> bool, limit: usize) -> Vec<usize> {
        self.pages.iter().copied().filter(|&i| keep(i)).take(limit).collect()
    }
}

/// The date of the newest dated page, which stands in where a feed needs a date and has none,
/// so builds of the same content always write the same bytes.
fn newest_date(site: &Site) -> PageDate {
    site.pages
        .iter()
        .flat_map(|p| [p.date, p.front.updated])
        .flatten()
        .max()
        .unwrap_or(PageDate(time::OffsetDateTime::UNIX_EPOCH))
}

fn page_entry(site: &Site, markdown: &SiteMarkdown, i: usize, fallback: PageDate) -> Entry {
    let page = &site.pages[i];
    let rendered = &markdown.pages[i];
    let permalink = ascii_url(&site.permalink(&page.url_path));
    let origin = super::json_ld::origin(&site.config.base_url);
    let summary_html = match page.front.summary.as_ref().or(page.front.description.as_ref()) {
        Some(text) => crate::html::escape_html(text),
        None => absolutize_links(&rendered.first_paragraph, origin, &permalink),
    };
    let content_html =
        (site.config.feeds.content == FeedContent::Full).then(|| absolutize_links(&rendered.html, origin, &permalink));
    let authors = page
        .authors
        .iter()
        .filter_map(|id| site.find_page(PageKind::Author, id))
        .map(|a| {
            let author = &site.pages[a];
            EntryAuthor {
                name: author.title.clone(),
                url: ascii_url(&site.permalink(&author.url_path)),
                photo: author.image.as_ref().map(|img| absolute_image(site, img)),
            }
        })
        .collect();
    Entry {
        title: page.title.clone(),
        published: page.date,
        updated: page.front.updated.or(page.date).unwrap_or(fallback),
        authors,
        tags: page.front.tags.clone(),
        summary_html,
        content_html,
        image: page.image.as_ref().map(|img| absolute_image(site, img)),
        permalink,
    }
}

/// A page image or author photo (a URL path with the base path, or an external URL) made absolute.
pub fn absolute_image(site: &Site, image: &str) -> String {
    ascii_url(&absolute_url(image, super::json_ld::origin(&site.config.base_url), &site.permalink("/")))
}

/// The feeds a page links to in its head: the site's blog feeds everywhere, plus the feeds of a
/// post's authors and tags, or of the author an author page is about.
pub fn page_feed_links(site: &Site, page: Option<usize>) -> Vec<FeedLink> {
    let config = &site.config.feeds;
    let mut folders: Vec<(String, String)> = site
        .sections
        .iter()
        .filter(|s| s.kind == ListKind::Blog)
        .map(|s| (s.url_path.clone(), format!("{} · {}", site.config.title, s.title)))
        .collect();
    if let Some(page) = page.map(|i| &site.pages[i]) {
        let author_pages: Vec<usize> = match page.kind {
            PageKind::Author => site.find_page(PageKind::Author, &page.key).into_iter().collect(),
            _ => page.authors.iter().filter_map(|id| site.find_page(PageKind::Author, id)).collect(),
        };
        if config.authors {
            for a in author_pages {
                let author = &site.pages[a];
                folders.push((author.url_path.clone(), format!("{} · {}", site.config.title, author.title)));
            }
        }
        if config.tags && page.withheld.is_none() {
            for tag in &page.front.tags {
                let slug = slugify(tag);
                if !slug.is_empty() {
                    folders.push((tag_url_path(&slug), format!("{} · {tag}", site.config.title)));
                }
            }
        }
    }
    let blogs = site.sections.iter().filter(|s| s.kind == ListKind::Blog).count();
    // Every format of the blog feeds; a post's many author and tag feeds in the first format only,
    // so a reader's "subscribe" menu stays short.
    let first = config.formats.len().min(1);
    folders
        .into_iter()
        .enumerate()
        .flat_map(|(n, (folder, title))| {
            let formats = &config.formats[..if n < blogs { config.formats.len() } else { first }];
            folder_feed_links(site, &folder, &title, formats)
        })
        .collect()
}

/// The links to a tag's feeds, for its term page at `tag_url_path(slug)`.
pub fn tag_feed_links(site: &Site, tag: &str) -> Vec<FeedLink> {
    if !site.config.feeds.tags {
        return Vec::new();
    }
    let title = format!("{} · {tag}", site.config.title);
    folder_feed_links(site, &tag_url_path(&slugify(tag)), &title, &site.config.feeds.formats)
}

/// Links to the feeds in `folder` (a URL path such as `/blog/`) in each of `formats`.
fn folder_feed_links(site: &Site, folder: &str, title: &str, formats: &[FeedFormat]) -> Vec<FeedLink> {
    formats
        .iter()
        .map(|format| FeedLink {
            url: site.url(&format!("{folder}{}", format.file_name())),
            media_type: format.media_type(),
            title: format!("{title} ({})", format.label()),
        })
        .collect()
}
