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
}

impl SiteChanges {
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
            unchanged => unchanged,
        }
    }
}
