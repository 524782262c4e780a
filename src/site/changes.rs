//! What changed in the site since the previous build, as `refresh_site` found it: the set every
//! later stage can read to work in proportion to an edit instead of the whole site.
//!
//! The set is only ever a promise about what stayed the same; a stage that relies on it keeps its
//! previous result, and the checked mode (see `memo`) computes that result again and compares.

use super::Site;
use crate::content::dates::PageDate;
use time::Date;

/// What the previous build's site and this one's differ in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum SiteChanges {
    /// The site was assembled afresh (the first build, a page added, moved or published, the
    /// configuration changed…): anything may have changed.
    #[default]
    Everything,
    /// The previous build's site, refreshed: the listed pages (indices into `Site::pages`) and
    /// section indexes changed only their text below the front matter. Every page's front matter,
    /// address, kind, date and publication are as they were, and so is every section.
    Bodies(Vec<usize>),
    /// The previous build's site, refreshed: the listed pages changed their front matter without
    /// moving or being published or withdrawn (see `site::replace`); others may show them.
    Fronts(Vec<usize>),
    /// Like `Fronts`, with a stronger promise: every page not listed is exactly as the previous
    /// build left it (bylines, taxonomies' lists aside, which belong to the site), and no listed
    /// page is an author or product page, whose name or title other pages' own values carry. A
    /// stage keeping a per-page result made from one page alone may keep it for the unlisted pages.
    Pages(Vec<usize>),
}

impl SiteChanges {
    /// The pages that differ from the last build's when every other page is as it was and made
    /// from its own values alone (`Bodies`, `Pages`); `None` when others may have changed too.
    pub fn only_pages(&self) -> Option<&[usize]> {
        match self {
            SiteChanges::Bodies(pages) | SiteChanges::Pages(pages) => Some(pages),
            SiteChanges::Everything | SiteChanges::Fronts(_) => None,
        }
    }

    /// Whether every page's front matter, place and publication are the previous build's, so what
    /// is made from those alone (cards, the feed plan) is made the same.
    pub fn fronts_unchanged(&self) -> bool {
        matches!(self, SiteChanges::Bodies(_))
    }
}

/// What a build works out for a page after assembling or refreshing the site, from more than its
/// file: its `updated: git` date (a commit changes no file) and its review (`today` moves on).
pub type Derived = (Option<PageDate>, Option<Date>, Option<Date>, bool);

/// Each page's `Derived` values, to compare before and after they are worked out again.
pub fn derived(site: &Site) -> Vec<Derived> {
    let of = |p: &super::Page| (p.front.updated, p.review.last_reviewed, p.review.due_on, p.review.due);
    site.pages.iter().map(of).collect()
}

impl SiteChanges {
    /// These changes, with the pages whose `Derived` values moved from `before` counted as changed
    /// in their front matter.
    pub fn and_derived(self, before: &[Derived], site: &Site) -> SiteChanges {
        let after = derived(site);
        let moved: Vec<usize> = (0..after.len()).filter(|&i| before.get(i) != after.get(i)).collect();
        match self {
            SiteChanges::Bodies(pages) if !moved.is_empty() => {
                SiteChanges::Fronts(pages.into_iter().chain(moved).collect())
            }
            SiteChanges::Fronts(pages) => SiteChanges::Fronts(pages.into_iter().chain(moved).collect()),
            SiteChanges::Pages(pages) => SiteChanges::Pages(pages.into_iter().chain(moved).collect()),
            unchanged => unchanged,
        }
    }
}
