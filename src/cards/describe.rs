//! What each card shows: a page's title, the site's name and its byline (the authors and, for a
//! post, the date), in the page's language and direction; the site's own card shows its name and
//! description.

use super::{cache_name, Card, Colours, Look};
use crate::memo::{checking, fingerprint};
use crate::render::card_path;
use crate::site::{Byline, PageKind, Site};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::path::Path;
use std::sync::Arc;

/// One page's card, described.
pub(super) struct DescribedPage<'s> {
    /// The card's output path.
    pub(super) path: String,
    /// The digest of what the card shows (see `card_inputs`).
    pub(super) key: u64,
    pub(super) card: Arc<Card>,
    /// The card's cache name.
    pub(super) name: Arc<str>,
    /// The page's file.
    pub(super) source: &'s Path,
}

/// Each page's card; the card of the last build (`before`, by digest) when the digest is the
/// same. On every core: 10,000 cards are described and named on each build. A page at the home
/// page's address (`site_path`) is shown with the site's card.
pub(super) fn describe_pages<'s>(
    site: &'s Site,
    look: &Look,
    site_path: &str,
    before: &FxHashMap<u64, (Arc<Card>, Arc<str>)>,
) -> Vec<DescribedPage<'s>> {
    let (colours, font_digest) = (look.colours, look.font_digest);
    let describe_page = |i: usize| {
        let path = card_path(site, i).filter(|path| path != site_path)?;
        let key = fingerprint((look.shared, card_inputs(site, i)));
        let (card, name) = match before.get(&key) {
            Some((card, name)) => {
                if checking() {
                    assert!(
                        **card == describe(site, i, colours),
                        "cache check failed: a kept social card of {path} is stale"
                    );
                }
                (card.clone(), name.clone())
            }
            None => {
                let card = Arc::new(describe(site, i, colours));
                let name: Arc<str> = cache_name(&card, font_digest).into();
                (card, name)
            }
        };
        Some(DescribedPage { path, key, card, name, source: site.pages[i].path.as_path() })
    };
    (0..site.pages.len()).into_par_iter().filter_map(describe_page).collect()
}

/// Everything `describe` reads of the site for page `i` besides the configuration: its title, kind,
/// date and language, its bylines and the titles of the author pages they name.
fn card_inputs(site: &Site, i: usize) -> impl std::hash::Hash + '_ {
    let page = &site.pages[i];
    let author_titles: Vec<Option<&String>> = page
        .bylines
        .iter()
        .map(|byline| match byline {
            Byline::Page(id) => site.find_page(PageKind::Author, id).map(|a| &site.pages[a].title),
            Byline::Person(_) => None,
        })
        .collect();
    (&page.title, page.kind, page.date, &page.lang, &page.bylines, author_titles)
}

/// What page `i`'s card shows.
fn describe(site: &Site, i: usize, colours: Colours) -> Card {
    let page = &site.pages[i];
    let name = |byline: &Byline| match byline {
        Byline::Page(id) => site.find_page(PageKind::Author, id).map(|a| site.pages[a].title.clone()),
        Byline::Person(person) => Some(person.name.clone()),
    };
    let mut byline: Vec<String> = vec![page.bylines.iter().filter_map(name).collect::<Vec<_>>().join(", ")];
    if page.kind == PageKind::Post {
        byline.extend(page.date.map(|d| d.display(&page.lang, site.config.date_style(&page.lang))));
    }
    byline.retain(|part| !part.is_empty());
    Card {
        title: page.title.clone(),
        site: site.config.title.clone(),
        byline: byline.join(" · "),
        lang: page.lang.clone(),
        rtl: site.config.dir_of(&page.lang) == "rtl",
        colours,
    }
}

/// What the site's own card shows, for the home page and the lists: its name and description.
/// Not its address, which `folio serve` replaces: the card must be the one `folio build` writes.
pub(super) fn describe_site(site: &Site, colours: Colours) -> Card {
    let config = &site.config;
    Card {
        title: config.title.clone(),
        site: String::new(),
        byline: config.description.clone(),
        lang: config.language.clone(),
        rtl: config.dir_of(&config.language) == "rtl",
        colours,
    }
}
