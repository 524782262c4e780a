//! Review cadence: who re-verifies each page and when it is next due. `owner:` and `review_every:`
//! come from the page, else its nearest section `_index.md`, else `trust:` in site.yaml; an
//! explicit `review_by:` is a due date too, and the earlier of the two counts.

use super::{Page, Site};
use crate::config::Cadence;
use crate::content::front_matter::{ContentSource, FrontMatter};
use crate::diagnostics::{Diagnostic, Location};
use std::collections::BTreeMap;
use std::path::Path;
use time::Date;

/// When a page must be verified again, and by whom.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Review {
    /// The person or team that re-verifies the page.
    pub owner: Option<String>,
    pub every: Option<Cadence>,
    /// `verified_on`, else `updated` (which may come from git), else `date`.
    pub last_reviewed: Option<Date>,
    /// The earlier of `review_by` and the last review plus `every`.
    pub due_on: Option<Date>,
    /// `due_on` has come, or the page has a cadence but no date it was ever reviewed on.
    pub due: bool,
}

/// Works out every page's `review` as of `today`. Runs after `updated: git` dates are filled in,
/// since the last review may be the last commit.
pub fn schedule_reviews(site: &mut Site, today: Date) {
    let reviews: Vec<Review> = site.pages.iter().map(|page| review_of(site, page, today)).collect();
    for (page, review) in site.pages.iter_mut().zip(reviews) {
        page.review = review;
    }
}

fn review_of(site: &Site, page: &Page, today: Date) -> Review {
    let front = &page.front;
    // Only the company's knowledge pages take a cadence from their section or the site: blog
    // posts and customer contributions are not re-verified unless they ask for it themselves.
    let inherits = front.source == ContentSource::Company && page.kind.rules().knowledge;
    let owner =
        front.owner.clone().or_else(|| inherited(site, page, |f| f.owner.clone(), site.config.trust.owner.clone()));
    let every = front.review_every.or_else(|| {
        inherits.then(|| inherited(site, page, |f| f.review_every, site.config.trust.review_every)).flatten()
    });
    let last_reviewed = front.verified_on.or(front.updated).or(page.date).map(|d| d.0.date());
    let by_cadence = every.zip(last_reviewed).map(|(every, last)| every.after(last));
    let explicit = front.review_by.map(|d| d.0.date());
    let due_on = match (by_cadence, explicit) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let never_reviewed = every.is_some() && last_reviewed.is_none();
    let due = never_reviewed || due_on.is_some_and(|day| day <= today);
    Review { owner, every, last_reviewed, due_on, due }
}

/// The value the nearest section `_index.md` gives, walking up to the home page, else `site_wide`.
fn inherited<T>(site: &Site, page: &Page, key: impl Fn(&FrontMatter) -> Option<T>, site_wide: Option<T>) -> Option<T> {
    let mut at = Some(page.section);
    while let Some(i) = at {
        let section = &site.sections[i];
        if let Some(value) = section.index.as_ref().and_then(|index| key(&index.parsed.front)) {
            return Some(value);
        }
        at = section.parent;
    }
    site_wide
}

/// One warning listing the published pages due for review, grouped by owner (owners in
/// alphabetical order, pages without one last), the longest overdue first within each.
pub fn review_warning(pages: &[Page], content_dir: &Path) -> Option<Diagnostic> {
    let mut by_owner: BTreeMap<(bool, &str), Vec<&Page>> = BTreeMap::new();
    for page in pages.iter().filter(|p| p.review.due && p.withheld.is_none()) {
        let owner = page.review.owner.as_deref();
        by_owner.entry((owner.is_none(), owner.unwrap_or(""))).or_default().push(page);
    }
    if by_owner.is_empty() {
        return None;
    }
    let mut list = Vec::new();
    let mut count = 0;
    for ((_, owner), mut due) in by_owner {
        due.sort_by_key(|p| (p.review.due_on, p.id.as_str()));
        count += due.len();
        list.push(if owner.is_empty() { "no owner:".to_string() } else { format!("{owner}:") });
        list.extend(due.iter().map(|p| format!("  content/{} ({})", p.id, due_phrase(&p.review))));
    }
    let noun = if count == 1 { "page is" } else { "pages are" };
    Some(Diagnostic::new(Location::file(content_dir), format!("{count} {noun} due for review")).with_help(format!(
        "verify each one, then set `verified_on:` to that day (or move `review_by:` forward); \
         `folio review` lists them with due dates:\n    {}",
        list.join("\n    ")
    )))
}

/// "due 2026-03-01", or "never reviewed" for a page with a cadence and no date at all.
pub fn due_phrase(review: &Review) -> String {
    match review.due_on {
        Some(day) => format!("due {day}"),
        None => "never reviewed".to_string(),
    }
}
