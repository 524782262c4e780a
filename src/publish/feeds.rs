//! The feed files: every feed `site::feeds` plans, written at `<folder>/atom.xml`, `rss.xml` and
//! `feed.json` (`/blog/`, `/authors/<id>/`, `/tags/<slug>/`), each entry with absolute URLs.
//! Splitting a feed by language later means grouping its pages by `lang`.

use super::feed_formats::{atom_entry, json_item, rss_item, write_atom, write_json_feed, write_rss};
use crate::config::{FeedContent, FeedFormat};
use crate::content::dates::PageDate;
use crate::markdown::SiteMarkdown;
use crate::memo::fingerprint;
use crate::render::absolute_links::{absolutize_links, ascii_url};
use crate::render::{absolute_image, origin, PreviousPages, RenderedFile};
use crate::site::feeds::Feed;
use crate::site::{Byline, PageKind, Site};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
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
    /// The whole text, when a feed listing the entry carries it.
    pub content_html: Option<String>,
    pub image: Option<String>,
}

impl Entry {
    /// The whole text for a feed that carries it (`full`), if made.
    pub fn content(&self, full: bool) -> Option<&str> {
        self.content_html.as_deref().filter(|_| full)
    }
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
/// edit touches. A page listed by many feeds (the blog's, its authors', each of its tags') is
/// made into an entry once and written once per format and content; each feed copies those texts.
/// `feeds` is the site's feed plan (`site::feeds::site_feeds`).
pub fn render_feeds(
    site: &Site,
    markdown: &SiteMarkdown,
    feeds: &[Feed],
    previous: &PreviousPages,
) -> Vec<RenderedFile> {
    let config = &site.config.feeds;
    let fallback = newest_date(site);
    // Each feed file with its path and fingerprint, and the previous bytes when they are still right.
    let planned: Vec<Vec<PlannedFile>> = feeds
        .par_iter()
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
    // The entries the feeds to write again need, each page once, in the contents they ask for.
    let mut wanted: BTreeMap<usize, Contents> = BTreeMap::new();
    for (feed, plan) in feeds.iter().zip(&planned) {
        if plan.iter().any(|(_, _, _, reusable)| reusable.is_none()) {
            for &i in &feed.pages {
                let contents = wanted.entry(i).or_default();
                match feed.content {
                    FeedContent::Full => contents.full = true,
                    FeedContent::Summary => contents.summary = true,
                }
            }
        }
    }
    let written: HashMap<(usize, FeedContent), WrittenEntry> = wanted
        .into_par_iter()
        .flat_map_iter(|(i, contents)| {
            let entry = page_entry(site, markdown, i, fallback, contents.full);
            let write = |content: FeedContent| ((i, content), write_entry(&entry, content, &config.formats));
            let full = contents.full.then(|| write(FeedContent::Full));
            let summary = contents.summary.then(|| write(FeedContent::Summary));
            full.into_iter().chain(summary)
        })
        .collect();
    let jobs: Vec<(&Feed, PlannedFile)> =
        feeds.iter().zip(planned).flat_map(|(feed, plan)| plan.into_iter().map(move |file| (feed, file))).collect();
    jobs.into_par_iter()
        .map(|(feed, (format, path, key, reusable))| {
            if let Some(bytes) = reusable {
                return RenderedFile { path, bytes: bytes.clone(), fingerprint: key, reused: true };
            }
            let listed: Vec<&WrittenEntry> = feed.pages.iter().map(|&i| &written[&(i, feed.content)]).collect();
            let texts: Vec<&str> = listed.iter().map(|w| w.text(format)).collect();
            let updated = listed.iter().map(|w| w.updated).max().unwrap_or(fallback);
            let urls = FeedUrls {
                page: ascii_url(&site.permalink(&feed.url_path)),
                feed: ascii_url(&site.permalink(&format!("{}{}", feed.url_path, format.file_name()))),
            };
            let text = match format {
                FeedFormat::Atom => write_atom(feed, &urls, updated, &texts, site),
                FeedFormat::Rss => write_rss(feed, &urls, updated, &texts),
                FeedFormat::Json => write_json_feed(feed, &urls, &texts),
            };
            RenderedFile { path, bytes: text.into_bytes().into(), fingerprint: key, reused: false }
        })
        .collect()
}

/// Which texts of a page the feeds to write need: whole, summarized, or both.
#[derive(Debug, Default, Clone, Copy)]
struct Contents {
    full: bool,
    summary: bool,
}

/// One entry written in each of the site's formats (empty for a format not written), with the
/// date its feeds' `updated` is the newest of.
struct WrittenEntry {
    updated: PageDate,
    atom: String,
    rss: String,
    json: String,
}

impl WrittenEntry {
    fn text(&self, format: FeedFormat) -> &str {
        match format {
            FeedFormat::Atom => &self.atom,
            FeedFormat::Rss => &self.rss,
            FeedFormat::Json => &self.json,
        }
    }
}

fn write_entry(entry: &Entry, content: FeedContent, formats: &[FeedFormat]) -> WrittenEntry {
    let full = content == FeedContent::Full;
    let write = |format: FeedFormat, f: fn(&Entry, bool) -> String| {
        if formats.contains(&format) {
            f(entry, full)
        } else {
            String::new()
        }
    };
    WrittenEntry {
        updated: entry.updated,
        atom: write(FeedFormat::Atom, atom_entry),
        rss: write(FeedFormat::Rss, rss_item),
        json: write(FeedFormat::Json, json_item),
    }
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
    let own = (&feed.url_path, &feed.title, &feed.description, &feed.lang, feed.content);
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

/// Page `i` as an entry, with its whole text when `full` (absolutizing a long page's links is the
/// costly part, so only entries some feed shows whole get it).
fn page_entry(site: &Site, markdown: &SiteMarkdown, i: usize, fallback: PageDate, full: bool) -> Entry {
    let page = &site.pages[i];
    let rendered = &markdown.pages[i];
    let permalink = ascii_url(&site.permalink(&page.url_path));
    let origin = origin(&site.config.base_url);
    let summary_html = match page.front.summary.as_ref().or(page.front.description.as_ref()) {
        Some(text) => crate::html::escape_html(text),
        None => absolutize_links(&rendered.first_paragraph, origin, &permalink),
    };
    let content_html = full.then(|| absolutize_links(&rendered.html, origin, &permalink));
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
