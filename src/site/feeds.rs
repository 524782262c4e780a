//! Which feeds the site publishes and where: the blogs', each author's and each tag's, and the
//! links pages put in their heads. `publish::feeds` writes the files.

use crate::config::{FeedContent, FeedFormat};
use crate::site::{slug_as, ListKind, PageKind, Site};
use std::collections::{BTreeMap, HashMap};

/// One feed: the pages it lists (newest first, at most the configured limit) and where it lives.
#[derive(Debug, Clone, PartialEq)]
pub struct Feed {
    /// The folder the feed files are written to, which is also the HTML page it describes: `/blog/`.
    pub url_path: String,
    pub title: String,
    pub description: String,
    pub lang: String,
    pub pages: Vec<usize>,
    /// The whole text of each entry, or its summary: `feeds.content` for a blog's feed,
    /// `feeds.taxonomy_content` for an author's or tag's.
    pub content: FeedContent,
}

/// A link to one feed file, for `<link rel="alternate">` in a page's head.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FeedLink {
    pub url: String,
    #[serde(rename = "type")]
    pub media_type: &'static str,
    pub title: String,
}

/// Every feed the site's configuration asks for: blogs, then authors, then tags. The blogs' feeds
/// hold `feeds.limit` entries, the authors' and tags' `feeds.taxonomy_limit`.
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
        feeds.push(Feed {
            url_path: section.url_path.clone(),
            title,
            description,
            lang: section.lang.clone(),
            pages,
            content: config.content,
        });
    }
    if config.authors {
        let by_author = order.newest_by(config.taxonomy_limit, |i| {
            let page = &site.pages[i];
            let authors = page.authors.iter().filter(|_| page.kind == PageKind::Post);
            authors.map(String::as_str).collect()
        });
        for author in site.pages.iter().filter(|p| p.kind == PageKind::Author) {
            let pages = by_author.get(author.key.as_str()).cloned().unwrap_or_default();
            let title = format!("{} · {}", site.config.title, author.title);
            let description = author.front.role.clone().unwrap_or_else(|| author.title.clone());
            feeds.push(Feed {
                url_path: author.url_path.clone(),
                title,
                description,
                lang: author.lang.clone(),
                pages,
                content: config.taxonomy_content,
            });
        }
    }
    if config.tags {
        let mut by_tag =
            order.newest_by(config.taxonomy_limit, |i| order.tag_slugs[i].iter().map(String::as_str).collect());
        for (slug, name) in site_tags(site, &order) {
            let pages = by_tag.remove(slug.as_str()).unwrap_or_default();
            let title = format!("{} · {name}", site.config.title);
            let url_path = tag_url_path(&slug);
            feeds.push(Feed {
                url_path,
                title: title.clone(),
                description: title,
                lang: site.config.language.clone(),
                pages,
                content: config.taxonomy_content,
            });
        }
    }
    feeds
}

/// `/tags/<slug>/`, the folder of a tag's term page and its feeds.
pub fn tag_url_path(slug: &str) -> String {
    // Already a slug, in whichever style: cleaning it again keeps it as it is.
    crate::site::term_url("tags", slug, crate::config::SlugStyle::Unicode)
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
        let mut pages: Vec<usize> = (0..site.pages.len())
            .filter(|&i| site.pages[i].withheld.is_none() && site.pages[i].borrowed.is_none())
            .collect();
        pages.sort_by(|&a, &b| {
            let (a, b) = (&site.pages[a], &site.pages[b]);
            b.date.cmp(&a.date).then_with(|| a.title.cmp(&b.title)).then_with(|| a.id.cmp(&b.id))
        });
        // Sites use few distinct tags on many pages: slugify each spelling once.
        let mut slugs: std::collections::HashMap<&str, String> = std::collections::HashMap::new();
        let tag_slugs = site
            .pages
            .iter()
            .map(|p| {
                p.front
                    .tags
                    .iter()
                    .map(|t| slugs.entry(t).or_insert_with(|| slug_as(t, site.config.slugs)).clone())
                    .collect()
            })
            .collect();
        PublishedOrder { pages, tag_slugs }
    }

    /// The newest `limit` published pages that `keep` accepts.
    fn newest(&self, keep: &dyn Fn(usize) -> bool, limit: usize) -> Vec<usize> {
        self.pages.iter().copied().filter(|&i| keep(i)).take(limit).collect()
    }

    /// For each name `names_of` gives a published page (a tag's slug, an author's key), the newest
    /// `limit` pages it gives it to, newest first: `newest` for every name at once, in one walk
    /// over the pages instead of one per tag (a rare tag's walk went through the whole site).
    fn newest_by<'s>(&self, limit: usize, names_of: impl Fn(usize) -> Vec<&'s str>) -> HashMap<&'s str, Vec<usize>> {
        let mut lists: HashMap<&str, Vec<usize>> = HashMap::new();
        for &i in &self.pages {
            let mut names = names_of(i);
            // A page naming a tag twice is listed once, as `contains` would have it.
            names.sort_unstable();
            names.dedup();
            for name in names {
                let list = lists.entry(name).or_default();
                if list.len() < limit {
                    list.push(i);
                }
            }
        }
        lists
    }
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
                let slug = slug_as(tag, site.config.slugs);
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

/// Every page's feed links, worked out once per build: the blogs' links (on every page) and each
/// author's and tag's link, which `for_page` picks from. `page_feed_links` scanned the folders
/// twice and formatted every address and title again on every page, a few percent of rendering it.
pub struct FeedLinks {
    /// The blogs' feeds in every format.
    blogs: Vec<FeedLink>,
    /// Each author page's feed in the first format (none without formats), by page index.
    authors: HashMap<usize, Option<FeedLink>>,
    /// Each tag's feed in the first format, by the tag as a page writes it (none for a tag whose
    /// slug is empty).
    tags: HashMap<String, Option<FeedLink>>,
}

impl FeedLinks {
    pub fn new(site: &Site) -> FeedLinks {
        let blogs = page_feed_links(site, None);
        let authors = (0..site.pages.len())
            .filter(|&i| site.pages[i].kind == PageKind::Author)
            .map(|i| (i, author_link(site, i)))
            .collect();
        let mut tags = HashMap::new();
        for page in &site.pages {
            for tag in &page.front.tags {
                if !tags.contains_key(tag) {
                    tags.insert(tag.clone(), tag_link(site, tag));
                }
            }
        }
        FeedLinks { blogs, authors, tags }
    }

    /// What `page_feed_links(site, page)` gives (the checked mode compares the two).
    pub fn for_page(&self, site: &Site, page: Option<usize>) -> Vec<FeedLink> {
        let mut links = self.blogs.clone();
        if let Some(i) = page {
            self.add_page_links(site, i, &mut links);
        }
        if crate::memo::checking() {
            assert!(
                links == page_feed_links(site, page),
                "cache check failed: the feed links worked out once differ from a page's own"
            );
        }
        links
    }

    /// Page `i`'s authors' and tags' links after the blogs'.
    fn add_page_links(&self, site: &Site, i: usize, links: &mut Vec<FeedLink>) {
        let (page, config) = (&site.pages[i], &site.config.feeds);
        if config.authors {
            let authors: Vec<usize> = match page.kind {
                PageKind::Author => site.find_page(PageKind::Author, &page.key).into_iter().collect(),
                _ => page.authors.iter().filter_map(|id| site.find_page(PageKind::Author, id)).collect(),
            };
            for a in authors {
                links.extend(self.authors.get(&a).cloned().unwrap_or_else(|| author_link(site, a)));
            }
        }
        if config.tags && page.withheld.is_none() {
            for tag in &page.front.tags {
                links.extend(self.tags.get(tag).cloned().unwrap_or_else(|| tag_link(site, tag)));
            }
        }
    }
}

/// Author page `a`'s feed link in the first format, as `page_feed_links` lists it.
fn author_link(site: &Site, a: usize) -> Option<FeedLink> {
    let author = &site.pages[a];
    let title = format!("{} · {}", site.config.title, author.title);
    folder_feed_links(site, &author.url_path, &title, first_format(site)).pop()
}

/// A tag's feed link in the first format, as `page_feed_links` lists it; none when its slug is empty.
fn tag_link(site: &Site, tag: &str) -> Option<FeedLink> {
    let slug = slug_as(tag, site.config.slugs);
    if slug.is_empty() {
        return None;
    }
    let title = format!("{} · {tag}", site.config.title);
    folder_feed_links(site, &tag_url_path(&slug), &title, first_format(site)).pop()
}

/// The formats of a post's author and tag feeds: the first one only.
fn first_format(site: &Site) -> &[FeedFormat] {
    let formats = &site.config.feeds.formats;
    &formats[..formats.len().min(1)]
}

/// The links to a tag's feeds, for its term page at `tag_url_path(slug)`.
pub fn tag_feed_links(site: &Site, tag: &str) -> Vec<FeedLink> {
    if !site.config.feeds.tags {
        return Vec::new();
    }
    let title = format!("{} · {tag}", site.config.title);
    folder_feed_links(site, &tag_url_path(&slug_as(tag, site.config.slugs)), &title, &site.config.feeds.formats)
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

#[cfg(test)]
mod tests {
    use super::PublishedOrder;

    #[test]
    fn one_walk_lists_each_tag_as_a_walk_per_tag_does() {
        // Pages 0..40, newest first in a shuffled order; tags repeat, one page names a tag twice,
        // one tag is rare (its walk went through every page).
        let pages: Vec<usize> = (0..40).map(|n| (n * 7) % 40).collect();
        let tag_slugs: Vec<Vec<String>> = (0..40)
            .map(|i| {
                let mut tags = vec![format!("t{}", i % 3), format!("t{}", i % 5)];
                if i == 11 {
                    tags.push("rare".into());
                    tags.push("t1".into());
                }
                tags
            })
            .collect();
        let order = PublishedOrder { pages, tag_slugs };
        for limit in [1, 4, 100] {
            let lists = order.newest_by(limit, |i| order.tag_slugs[i].iter().map(String::as_str).collect());
            let names = ["t0", "t1", "t2", "t3", "t4", "rare"];
            for name in names {
                let walked = order.newest(&|i| order.tag_slugs[i].iter().any(|t| t == name), limit);
                assert_eq!(lists[name], walked, "tag {name}, limit {limit}");
            }
            assert_eq!(lists.len(), names.len());
        }
    }
}
