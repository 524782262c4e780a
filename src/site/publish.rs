//! Which pages a build publishes: drafts, pages dated in the future, expired pages and community
//! articles still waiting for review are withheld, unless the build asks to preview them.

use crate::config::Config;
use crate::content::dates::PageDate;
use crate::content::front_matter::{ContentSource, FrontMatter};
use time::OffsetDateTime;

/// Options that change which pages are published.
#[derive(Debug, Clone, Copy)]
pub struct PublishOptions {
    /// Include drafts and community articles not yet approved.
    pub drafts: bool,
    /// Include pages dated after `now`.
    pub future: bool,
    /// The moment the build treats as now (fixed by tests).
    pub now: OffsetDateTime,
}

impl Default for PublishOptions {
    fn default() -> Self {
        PublishOptions { drafts: false, future: false, now: OffsetDateTime::now_utc() }
    }
}

/// Why a page would not be published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Withheld {
    Draft,
    Unapproved,
    Future,
    Expired,
}

impl Withheld {
    pub fn name(self) -> &'static str {
        match self {
            Withheld::Draft => "draft",
            Withheld::Unapproved => "unapproved",
            Withheld::Future => "future",
            Withheld::Expired => "expired",
        }
    }
}

/// Why the page with this front matter and date is not published now, if it is not.
pub fn withheld(front: &FrontMatter, date: Option<PageDate>, config: &Config, now: OffsetDateTime) -> Option<Withheld> {
    if front.expires.is_some_and(|e| e.0 <= now) {
        Some(Withheld::Expired)
    } else if front.draft {
        Some(Withheld::Draft)
    } else if is_unapproved(front, config) {
        Some(Withheld::Unapproved)
    } else if date.is_some_and(|d| d.0 > now) {
        Some(Withheld::Future)
    } else {
        None
    }
}

/// Whether a page withheld for `reason` is still built with `options` (and marked as unpublished).
pub fn is_previewed(reason: Withheld, options: &PublishOptions) -> bool {
    match reason {
        Withheld::Draft | Withheld::Unapproved => options.drafts,
        Withheld::Future => options.future,
        Withheld::Expired => false,
    }
}

fn is_unapproved(front: &FrontMatter, config: &Config) -> bool {
    front.source == ContentSource::Community
        && config.trust.require_approval
        && front.status.as_deref().map(str::trim) != Some("approved")
}
