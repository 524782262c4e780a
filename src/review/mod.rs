//! `folio review`: what each owner must re-verify — pages overdue first, then those due within
//! 30 days — as text for people, JSON for other tools or an iCalendar file for a calendar.
//!
//! The schedule itself is worked out while the site is assembled (`site::schedule_reviews`); this
//! module picks the pages to list and writes them out. "Today" is a parameter, so tests fix it.

mod ics;

use crate::config::load_config;
use crate::content::discover_content;
use crate::diagnostics::BuildError;
use crate::site::git_dates::apply_git_dates;
use crate::site::{assemble_site, schedule_reviews, PublishOptions, Site};
use serde::Serialize;
use std::fmt::Write;
use std::path::Path;
use time::{Date, Duration};

/// How far ahead the list looks for pages coming due.
pub const LOOK_AHEAD_DAYS: i64 = 30;

/// One page to re-verify.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewItem {
    /// The file, as `content/kb/billing/refunds.md`.
    pub page: String,
    pub title: String,
    /// The page's public address.
    pub url: String,
    pub owner: Option<String>,
    /// `YYYY-MM-DD`, or `None` for a page never reviewed.
    pub last_reviewed: Option<String>,
    /// `YYYY-MM-DD`; `None` for a page never reviewed (it is due now).
    pub due: Option<String>,
    /// `overdue` (the due day has come) or `upcoming` (due within 30 days).
    pub status: &'static str,
}

/// The pages to re-verify as of `today`, overdue first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewList {
    pub today: String,
    /// The last day the list looks at: today plus 30 days.
    #[serde(skip)]
    pub horizon: String,
    pub pages: Vec<ReviewItem>,
}

/// Reads the site at `root` as a build would (git dates included) and lists its reviews as of
/// `today`, only `owner`'s when given (compared without regard to case). Also returns the site's
/// host name, for the UIDs of calendar events.
pub fn load_reviews(root: &Path, today: Date, owner: Option<&str>) -> Result<(ReviewList, String), BuildError> {
    let fail = |errors: Vec<crate::diagnostics::Diagnostic>| {
        BuildError::from_many(errors.into_iter().map(|d| d.relative_to(root)).collect())
    };
    let config = load_config(root).map_err(|e| fail(e.errors))?;
    let found = discover_content(root).map_err(fail)?;
    let now = today.midnight().assume_utc();
    let mut site = assemble_site(config, found, &PublishOptions { now, ..PublishOptions::default() }).map_err(fail)?;
    // A page that cannot be dated from git keeps no updated date, as in a build.
    let _ = apply_git_dates(&mut site);
    schedule_reviews(&mut site, today);
    let host = site.config.base_url.split("://").nth(1).unwrap_or("").split('/').next().unwrap_or("").to_string();
    Ok((list_reviews(&site, today, owner), host))
}

/// The published pages of `site` that are due by `today` plus 30 days, overdue first, then by due
/// day, owner and file. `site` must have been scheduled with the same `today`.
pub fn list_reviews(site: &Site, today: Date, owner: Option<&str>) -> ReviewList {
    let horizon = today.saturating_add(Duration::days(LOOK_AHEAD_DAYS));
    let wanted = |page_owner: Option<&str>| match owner {
        Some(owner) => page_owner.is_some_and(|o| o.trim().eq_ignore_ascii_case(owner.trim())),
        None => true,
    };
    let mut pages: Vec<(bool, Option<Date>, ReviewItem)> = site
        .pages
        .iter()
        .filter(|p| p.withheld.is_none() && wanted(p.review.owner.as_deref()))
        .filter(|p| p.review.due || p.review.due_on.is_some_and(|day| day <= horizon))
        .map(|p| {
            let item = ReviewItem {
                page: format!("content/{}", p.id),
                title: p.title.clone(),
                url: site.permalink(&p.url_path),
                owner: p.review.owner.clone(),
                last_reviewed: p.review.last_reviewed.map(|d| d.to_string()),
                due: p.review.due_on.map(|d| d.to_string()),
                status: if p.review.due { "overdue" } else { "upcoming" },
            };
            (!p.review.due, p.review.due_on, item)
        })
        .collect();
    pages.sort_by(|a, b| (a.0, a.1, &a.2.owner, &a.2.page).cmp(&(b.0, b.1, &b.2.owner, &b.2.page)));
    ReviewList {
        today: today.to_string(),
        horizon: horizon.to_string(),
        pages: pages.into_iter().map(|(_, _, item)| item).collect(),
    }
}

impl ReviewList {
    /// For people: one block per owner (owners A–Z, pages without one last), overdue pages first.
    pub fn to_text(&self) -> String {
        if self.pages.is_empty() {
            return format!("Nothing is due for review by {} ({LOOK_AHEAD_DAYS} days from today).\n", self.horizon);
        }
        let mut owners: Vec<Option<&str>> = self.pages.iter().map(|p| p.owner.as_deref()).collect();
        owners.sort_by_key(|o| (o.is_none(), *o));
        owners.dedup();
        let mut out = String::new();
        for owner in owners {
            let mine: Vec<&ReviewItem> = self.pages.iter().filter(|p| p.owner.as_deref() == owner).collect();
            let overdue = mine.iter().filter(|p| p.status == "overdue").count();
            let _ = writeln!(
                out,
                "{} — {overdue} overdue, {} due within {LOOK_AHEAD_DAYS} days",
                owner.unwrap_or("No owner"),
                mine.len() - overdue
            );
            for p in mine {
                let due = p.due.as_deref().map_or("due now".to_string(), |d| format!("due {d}"));
                let last =
                    p.last_reviewed.as_deref().map_or("never reviewed".to_string(), |d| format!("last reviewed {d}"));
                let _ = writeln!(out, "  {:<8} {due}  {}  \"{}\" ({last})", p.status, p.page, p.title);
            }
            out.push('\n');
        }
        out
    }

    /// For other tools: `{"today": …, "pages": [{page, title, url, owner, last_reviewed, due, status}]}`.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}

pub use ics::to_ics;
