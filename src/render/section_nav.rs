//! The navigation of a knowledge section shown beside its articles, guides and category pages: the
//! section's categories and their pages, in the order their list pages use (sub-categories by
//! weight then title, then the pages as the folder sorts them), the current page marked and the
//! categories on the way to it open.
//!
//! Each page carries its own copy (no script fetches a shared fragment, so it works without
//! JavaScript). To keep a page's size in check in a large section, a section with more than
//! [`FULL_LIMIT`] entries lists the pages only of the categories on the way to the current page,
//! at most [`WINDOW`] of each around the current page, with a link to the category for the rest;
//! the other categories are links to their category pages. A page's memory key includes its
//! navigation, so a retitled article re-renders only the pages whose navigation shows it.

use crate::site::{ListKind, PageKind, Site};
use serde::Serialize;

/// The most entries (categories and pages) a section may have for every page to list them all.
pub const FULL_LIMIT: usize = 200;

/// In a section over [`FULL_LIMIT`], the most pages of one category a page's navigation lists.
pub const WINDOW: usize = 30;

/// The navigation of one section, as templates see it (`section_nav`).
#[derive(Debug, Clone, Hash, Serialize)]
pub struct SectionNav {
    pub title: String,
    pub url: String,
    /// The section's own list page is the page being shown.
    pub current: bool,
    /// Every category lists its pages; false in a section over [`FULL_LIMIT`] entries.
    pub complete: bool,
    pub items: Vec<NavItem>,
    /// How many pages filed in the section itself are not listed (see [`WINDOW`]).
    pub more: usize,
}

/// A category (with its entries) or a page of the navigation.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct NavItem {
    pub title: String,
    pub url: String,
    /// The page being shown.
    pub current: bool,
    pub category: bool,
    /// A category holding the page being shown (or being it): shown open.
    pub open: bool,
    /// A category's sub-categories, then its pages; empty when not listed (see `complete`).
    pub items: Vec<NavItem>,
    /// How many of a category's pages are not listed (see [`WINDOW`]): its list page has them.
    pub more: usize,
}

/// Where the reader is: a page or a category's list page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Here {
    Page(usize),
    Section(usize),
}

/// Which sections have a navigation and whether it is listed whole, worked out once per build.
pub struct NavPlan {
    /// For each section: whether, as the root of a navigation, it is small enough to list whole.
    complete: Vec<bool>,
}

impl NavPlan {
    pub fn new(site: &Site) -> NavPlan {
        let complete =
            (0..site.sections.len()).map(|s| is_root(site, s) && count_entries(site, s) <= FULL_LIMIT).collect();
        NavPlan { complete }
    }

    /// The navigation beside page `i`: articles and guides have one.
    pub fn for_page(&self, site: &Site, i: usize) -> Option<SectionNav> {
        let page = &site.pages[i];
        if !shows_nav(page.kind) {
            return None;
        }
        self.build(site, page.section, Here::Page(i))
    }

    /// The navigation beside section `s`'s list page: KB categories have one.
    pub fn for_section(&self, site: &Site, s: usize) -> Option<SectionNav> {
        (site.sections[s].kind == ListKind::Category).then(|| self.build(site, s, Here::Section(s))).flatten()
    }

    fn build(&self, site: &Site, from: usize, here: Here) -> Option<SectionNav> {
        let path = root_path(site, from)?;
        let root = *path.last()?;
        let complete = self.complete[root];
        let section = &site.sections[root];
        Some(SectionNav {
            title: section.title.clone(),
            url: site.url(&section.url_path),
            current: here == Here::Section(root),
            complete,
            items: entries(site, root, here, &path, complete),
            more: if complete {
                0
            } else {
                section.pages.len() - shown(section.pages.len(), here, &section.pages).len()
            },
        })
    }
}

/// The folders from section `from` up to the root of its navigation (`from` first), when it has one.
pub fn root_path(site: &Site, from: usize) -> Option<Vec<usize>> {
    let mut path = vec![from];
    while let Some(parent) = site.sections[*path.last()?].parent.filter(|&p| p != 0) {
        path.push(parent);
    }
    is_root(site, *path.last()?).then_some(path)
}

/// Whether pages of `kind` have a navigation beside them (articles and guides do, inside a navigation's tree).
pub fn shows_nav(kind: PageKind) -> bool {
    matches!(kind, PageKind::Article | PageKind::Guide)
}

/// A top-level knowledge base or guides folder.
pub fn is_root(site: &Site, s: usize) -> bool {
    let section = &site.sections[s];
    section.parent == Some(0) && matches!(section.kind, ListKind::Kb | ListKind::Guides)
}

fn count_entries(site: &Site, s: usize) -> usize {
    let section = &site.sections[s];
    section.pages.len() + section.subsections.iter().map(|&sub| 1 + count_entries(site, sub)).sum::<usize>()
}

/// Section `s`'s entries: its sub-categories (with theirs, when listed), then its pages.
fn entries(site: &Site, s: usize, here: Here, path: &[usize], complete: bool) -> Vec<NavItem> {
    let section = &site.sections[s];
    let categories = section.subsections.iter().map(|&sub| {
        let open = path.contains(&sub);
        let category = &site.sections[sub];
        NavItem {
            title: category.title.clone(),
            url: site.url(&category.url_path),
            current: here == Here::Section(sub),
            category: true,
            open,
            items: if complete || open { entries(site, sub, here, path, complete) } else { Vec::new() },
            more: if open && !complete {
                category.pages.len() - shown(category.pages.len(), here, &category.pages).len()
            } else {
                0
            },
        }
    });
    let window = if complete { 0..section.pages.len() } else { shown(section.pages.len(), here, &section.pages) };
    let pages = section.pages[window].iter().map(|&p| NavItem {
        title: site.pages[p].title.clone(),
        url: site.url(&site.pages[p].url_path),
        current: here == Here::Page(p),
        category: false,
        open: false,
        items: Vec::new(),
        more: 0,
    });
    categories.chain(pages).collect()
}

/// The range of a folder's `count` pages a large section's navigation lists: [`WINDOW`] of them
/// around the current page, or the first ones.
fn shown(count: usize, here: Here, pages: &[usize]) -> std::ops::Range<usize> {
    if count <= WINDOW {
        return 0..count;
    }
    let at = pages.iter().position(|&p| here == Here::Page(p)).unwrap_or(0);
    let start = at.saturating_sub(WINDOW / 2).min(count - WINDOW);
    start..start + WINDOW
}
