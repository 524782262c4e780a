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
use rustc_hash::FxHashMap;
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
    (previous, memo): (&PreviousPages, &mut FeedEntries),
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
    let written = written_entries(site, markdown, wanted, fallback, memo);
    let jobs: Vec<(&Feed, PlannedFile)> =
        feeds.iter().zip(planned).flat_map(|(feed, plan)| plan.into_iter().map(move |file| (feed, file))).collect();
    jobs.into_par_iter()
        .map(|(feed, (format, path, key, reusable))| {
            if let Some(bytes) = reusable {
                return RenderedFile { path, bytes: bytes.clone(), fingerprint: key, reused: true };
            }
            let listed: Vec<&WrittenEntry> = feed.pages.iter().map(|&i| &*written[&(i, feed.content)]).collect();
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

/// The entries written for the feeds of the last build, by `entry_key`: a post's edit rewrites
/// the feeds that list it, and each of those needs every entry it lists written again (its whole
/// text escaped for each format), though only the edited one changed.
#[derive(Default)]
pub struct FeedEntries(FxHashMap<u64, Arc<WrittenEntry>>);

impl std::fmt::Debug for FeedEntries {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} feed entries", self.0.len())
    }
}

/// A page's entry for one content, its key, and the entry written.
type Made = ((usize, FeedContent), u64, Arc<WrittenEntry>);

/// The `wanted` entries written, each taken from `memo` when made from the same inputs; `memo` is
/// left holding this build's.
fn written_entries(
    site: &Site,
    markdown: &SiteMarkdown,
    wanted: BTreeMap<usize, Contents>,
    fallback: PageDate,
    memo: &mut FeedEntries,
) -> HashMap<(usize, FeedContent), Arc<WrittenEntry>> {
    let formats = &site.config.feeds.formats;
    let made: Vec<Vec<Made>> = wanted
        .into_par_iter()
        .map(|(i, contents)| {
            let mut entry = None;
            let mut write = |content: FeedContent| {
                let key = entry_key(site, markdown, i, (fallback, content));
                let kept = memo.0.get(&key).cloned();
                let written = kept.unwrap_or_else(|| {
                    let entry = entry.get_or_insert_with(|| page_entry(site, markdown, i, fallback, contents.full));
                    Arc::new(write_entry(entry, content, formats))
                });
                ((i, content), key, written)
            };
            let full = contents.full.then(|| write(FeedContent::Full));
            let summary = contents.summary.then(|| write(FeedContent::Summary));
            full.into_iter().chain(summary).collect()
        })
        .collect();
    let mut written = HashMap::new();
    let mut used = Vec::new();
    for (at, key, entry) in made.into_iter().flatten() {
        memo.0.insert(key, entry.clone());
        written.insert(at, entry);
        used.push(key);
    }
    // Entries outlive the build that made them (the next edit may rewrite other feeds), until
    // edits have left more of them than the site has pages twice over.
    if memo.0.len() > 2 * site.pages.len() + 64 {
        used.sort_unstable();
        memo.0.retain(|key, _| used.binary_search(key).is_ok());
    }
    written
}

/// The key of page `i`'s entry written with `content`: everything `page_entry` and `write_entry`
/// read — the configuration (addresses, formats), the page's file, Markdown, place and dates, its
/// byline with its authors' pages, and the date that stands in for a missing one.
fn entry_key(site: &Site, markdown: &SiteMarkdown, i: usize, (fallback, content): (PageDate, FeedContent)) -> u64 {
    let page = &site.pages[i];
    let authors: Vec<_> = page
        .bylines
        .iter()
        .map(|byline| match byline {
            Byline::Page(id) => site.find_page(PageKind::Author, id).map(|a| {
                let author = &site.pages[a];
                (author.source_fingerprint, &author.title, &author.url_path, &author.image)
            }),
            Byline::Person(_) => None,
        })
        .collect();
    let config = (site.config.fingerprint, &site.config.base_url, &site.config.base_path, &site.config.feeds.formats);
    let place = (&page.url_path, &page.title, page.date, page.front.updated, &page.image, &page.front.tags);
    let text = (page.source_fingerprint, markdown.keys[i], &page.front.summary, &page.front.description);
    fingerprint((config, place, text, (&page.bylines, authors), fallback, content))
}

/// Which texts of a page the feeds to write need: whole, summarized, or both.
#[derive(Debug, Default, Clone, Copy)]
struct Contents {
    full: bool,
    summary: bool,
}

/// One entry written in each of the site's formats (empty for a format not written), with the
/// date its feeds' `updated` is the newest of.
pub(crate) struct WrittenEntry {
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
