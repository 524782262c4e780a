//! The assembled site's types: pages placed at their URLs, folders with their list pages, and the
//! site holding them, each with a digest that the build cache keys its memory by.

use super::{PageKind, Taxonomy, Withheld};
use crate::config::{Config, SortBy};
use crate::content::dates::PageDate;
use crate::content::front_matter::FrontMatter;
use crate::content::SourcePage;
use crate::memo::fingerprint;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

/// What a folder's list page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    Home,
    Blog,
    Kb,
    Category,
    Guides,
    Products,
    Authors,
    Section,
}

impl ListKind {
    pub fn name(self) -> &'static str {
        match self {
            ListKind::Home => "home",
            ListKind::Blog => "blog",
            ListKind::Kb => "kb",
            ListKind::Category => "category",
            ListKind::Guides => "guides",
            ListKind::Products => "products",
            ListKind::Authors => "authors",
            ListKind::Section => "section",
        }
    }
}

/// A page placed in the site.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path inside `content/`: `kb/billing/invoices.md`. Stable; used as the page id.
    pub id: String,
    pub path: PathBuf,
    pub kind: PageKind,
    /// The product or author id for those kinds; the slug otherwise.
    pub key: String,
    /// Index of the section (folder) that lists this page.
    pub section: usize,
    /// URL path without the site's base path: `/kb/billing/invoices/`.
    pub url_path: String,
    pub title: String,
    pub date: Option<PageDate>,
    pub lang: String,
    /// Who wrote the page, in the order its front matter names them.
    pub bylines: Vec<super::Byline>,
    /// The ids of the author pages among `bylines`: the authors whose page and feed list this one.
    pub authors: Vec<String>,
    /// Resolved URL of `photo:` (authors) or `image:` (products).
    pub image: Option<String>,
    pub front: FrontMatter,
    /// The file as read: its text, raw front matter and extra keys.
    pub source: Arc<SourcePage>,
    /// Fingerprint of the source file, for the build cache.
    pub source_fingerprint: u64,
    /// Why this page would not be published, when a preview build includes it anyway.
    pub withheld: Option<Withheld>,
    /// Who re-verifies it and when (see `schedule_reviews`).
    pub review: super::Review,
    /// In a language without a translation of this page (`fallback: original`): the language of
    /// the original text shown instead. Such a page is reachable but listed nowhere.
    pub borrowed: Option<String>,
    /// In a translation older than its original: the original's path inside `content/`.
    pub outdated: Option<String>,
}

impl Page {
    /// A digest of everything the page is: its file, and all the site stage decided about it
    /// (kind, address, title, authors, dates, including `updated: git`). Stages key their memory
    /// by it. The fields are listed without `..`, so a new field cannot be forgotten here.
    pub fn digest(&self) -> u64 {
        fingerprint((self.card_digest(), self.source.fingerprint))
    }

    /// What a link to the page shows (its title, address and language), for the pages that link to
    /// it by name alone, such as an article's neighbours.
    pub fn link_digest(&self) -> u64 {
        fingerprint((&self.title, &self.url_path, &self.lang))
    }

    /// Like `digest`, but blind to the text below the front matter: what a card of the page in a
    /// list shows, so a text edit does not re-render the lists that show the page.
    pub fn card_digest(&self) -> u64 {
        let Page {
            id,
            path,
            kind,
            key,
            section,
            url_path,
            title,
            date,
            lang,
            bylines,
            authors,
            image,
            front,
            source,
            source_fingerprint: _, // `source` is hashed instead.
            withheld,
            review,
            borrowed,
            outdated,
        } = self;
        let front_matter = (&source.rel, &source.parsed.front_text);
        let placed = (id, path, kind, key, section, url_path, title, date, lang, (bylines, authors), image);
        fingerprint((placed, front, front_matter, withheld, review, (borrowed, outdated)))
    }
}

/// A folder of content, with its list page.
#[derive(Debug, Clone)]
pub struct Section {
    /// Folder inside `content/`: `kb/billing`, or empty for the home page.
    pub dir: String,
    pub kind: ListKind,
    pub url_path: String,
    pub title: String,
    pub lang: String,
    pub sort_by: SortBy,
    /// The `_index.md` behind this section, if there is one.
    pub index: Option<Arc<SourcePage>>,
    pub description: Option<String>,
    pub weight: i64,
    pub pages: Vec<usize>,
    pub subsections: Vec<usize>,
    pub parent: Option<usize>,
}

/// The whole site, ready to render.
#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub pages: Vec<Page>,
    /// `sections[0]` is the home page.
    pub sections: Vec<Section>,
    /// Files published as they are: output path (no leading slash) → source.
    pub files: BTreeMap<String, PathBuf>,
    /// Source path inside `content/` (pages and the files beside them) → URL path, for internal links.
    pub link_targets: HashMap<String, String>,
    /// Tags, categories and the other configured taxonomies, with their terms.
    pub taxonomies: Vec<Taxonomy>,
    /// How many pages this build left out, by reason (`draft`, `future`…), for the summary.
    pub withheld: BTreeMap<&'static str, usize>,
    /// (kind, id) → index in `pages`, for authors and products named by other pages.
    pub(super) by_key: HashMap<(PageKind, String), usize>,
    /// Where each page and list lives in the site's other languages; empty for one language.
    pub languages: Arc<super::SiteLanguages>,
    /// The first moment after this assembly at which a page's date or `expires:` passes, so that what is
    /// published changes: a dev server's cached site is assembled again from then on.
    pub next_change: Option<time::OffsetDateTime>,
}

impl Site {
    /// The public URL of a URL path: `/kb/` → `/help/kb/` when the site lives under `/help`.
    pub fn url(&self, url_path: &str) -> String {
        format!("{}{}", self.config.base_path, url_path)
    }

    pub fn permalink(&self, url_path: &str) -> String {
        let origin = self.config.base_url.strip_suffix(&self.config.base_path).unwrap_or(&self.config.base_url);
        format!("{origin}{}", self.url(url_path))
    }

    /// A digest of the whole assembled site, to check that a refreshed site equals a freshly
    /// assembled one. Fields are listed without `..`, so a new one cannot be forgotten.
    pub fn digest(&self) -> u64 {
        let Site { config, pages, sections, files, link_targets, taxonomies, withheld, by_key, languages, next_change } =
            self;
        let pages: Vec<u64> = pages.iter().map(Page::digest).collect();
        let link_targets: BTreeMap<_, _> = link_targets.iter().collect();
        let by_key: BTreeMap<_, _> = by_key.iter().collect();
        let structure = format!("{sections:?}{taxonomies:?}");
        let languages = languages.fingerprint;
        fingerprint((
            config.fingerprint,
            pages,
            structure,
            files,
            link_targets,
            withheld,
            by_key,
            languages,
            next_change,
        ))
    }

    /// The index of the product or author page with this id.
    pub fn find_page(&self, kind: PageKind, key: &str) -> Option<usize> {
        self.by_key.get(&(kind, key.to_string())).copied()
    }
}

/// One value for each page of a site, in the order of `site.pages`: what a stage works out per page
/// (its HTML, its related pages, its keys). It is made only from a site's pages, and the count is
/// checked, so it cannot fall out of step with them the way a hand-built vector could. Index it
/// with the page's index.
#[derive(Debug, Clone, PartialEq)]
pub struct PerPage<T>(Vec<T>);

impl<T> PerPage<T> {
    /// `value(i, page)` for every page of `site`.
    pub fn for_pages(site: &Site, value: impl FnMut((usize, &Page)) -> T) -> PerPage<T> {
        PerPage(site.pages.iter().enumerate().map(value).collect())
    }

    /// Values made by going over `site.pages` in order (in parallel, say); panics if their count
    /// is not the number of pages, which would be a bug in the stage.
    pub fn collect(site: &Site, values: impl IntoIterator<Item = T>) -> PerPage<T> {
        let values: Vec<T> = values.into_iter().collect();
        assert_eq!(values.len(), site.pages.len(), "a stage made a value for each page, but not one for every page");
        PerPage(values)
    }

    pub fn get(&self, i: usize) -> Option<&T> {
        self.0.get(i)
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<T> std::ops::Index<usize> for PerPage<T> {
    type Output = T;

    fn index(&self, i: usize) -> &T {
        &self.0[i]
    }
}

impl<'a, T> IntoIterator for &'a PerPage<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}
