//! The feed files: every feed `site::feeds` plans, written at `<folder>/atom.xml`, `rss.xml` and
//! `feed.json` (`/blog/`, `/authors/<id>/`, `/tags/<slug>/`), each entry with absolute URLs.
//! Splitting a feed by language later means grouping its pages by `lang`.

use super::feed_formats::{write_atom, write_json_feed, write_rss};
use crate::config::{FeedContent, FeedFormat};
use crate::content::dates::PageDate;
use crate::markdown::SiteMarkdown;
use crate::memo::fingerprint;
use crate::render::absolute_links::{absolutize_links, ascii_url};
use crate::render::{absolute_image, origin, PreviousPages, RenderedFile};
use crate::site::feeds::{site_feeds, Feed};
use crate::site::{Byline, PageKind, Site};
use std::collections::BTreeMap;
use std::sync::Arc;

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

/// An entry's author: their page, or for an author without one the link given for them, if any.
#[derive(Debug, Clone)]
pub struct EntryAuthor {
    pub name: String,
    pub url: Option<String>,
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
            // Bylines hold what an authors data file says, which the page's source does not.
            (page.source_fingerprint, markdown.keys[i], place, (authors, &page.bylines))
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
    let origin = origin(&site.config.base_url);
    let summary_html = match page.front.summary.as_ref().or(page.front.description.as_ref()) {
        Some(text) => crate::html::escape_html(text),
        None => absolutize_links(&rendered.first_paragraph, origin, &permalink),
    };
    let content_html =
        (site.config.feeds.content == FeedContent::Full).then(|| absolutize_links(&rendered.html, origin, &permalink));
    let authors = page
        .bylines
        .iter()
        .filter_map(|byline| match byline {
            Byline::Page(id) => site.find_page(PageKind::Author, id).map(|a| {
                let author = &site.pages[a];
                EntryAuthor {
                    name: author.title.clone(),
                    url: Some(ascii_url(&site.permalink(&author.url_path))),
                    photo: author.image.as_ref().map(|img| absolute_image(site, img)),
                }
            }),
            Byline::Person(person) => Some(EntryAuthor {
                name: person.name.clone(),
                url: person.url.as_ref().map(|url| absolute_image(site, url)),
                photo: person.photo.as_ref().map(|img| absolute_image(site, img)),
            }),
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
