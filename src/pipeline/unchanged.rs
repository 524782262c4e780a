//! A save that changed nothing: the dev server's watcher reports a page whose bytes are what the
//! previous build read (an editor saving an unmodified buffer, `touch`). Every stage would reuse every
//! result, but still walk the whole site to find that out; instead the previous build is handed back
//! as it was, at the cost of reading the saved files again.
//!
//! The shortcut is taken only when nothing else a build reads can have moved: the watcher named only
//! pages, each read back unchanged; no moment at which a page's publication changes has passed; the
//! day and year (review dates, the footer's year) are those of the previous build; no page takes its
//! date from git (a commit is not a file the watcher reports); and the theme is one the watcher sees.

use super::{BuildOptions, Built};
use crate::config::ThemeChoice;
use crate::content::Discovered;
use crate::site::Site;
use std::path::PathBuf;
use std::sync::Arc;
use time::{Date, OffsetDateTime};

/// The last successful build, and what it depended on besides the files.
#[derive(Debug)]
pub(crate) struct LastBuild {
    built: Built,
    /// The options it was built with (drafts, future, base URL, serve mode).
    options: (bool, bool, Option<String>, bool),
    /// The day it was built on (reviews fall due by the day, the footer shows the year).
    day: Date,
    /// The first moment after it at which a page's date or `expires:` passes.
    next_change: Option<OffsetDateTime>,
}

impl LastBuild {
    /// Remembers `built`, unless its output depends on something a later save cannot vouch for.
    /// `sites` are the sites it was made of (one per language).
    pub(crate) fn keep<'a>(
        built: &Built,
        options: &BuildOptions,
        sites: impl IntoIterator<Item = &'a Site>,
    ) -> Option<LastBuild> {
        let mut next_change: Option<OffsetDateTime> = None;
        for site in sites {
            if site.pages.iter().any(|p| p.front.updated_from_git) || !theme_is_watched(site) {
                return None;
            }
            if let Some(moment) = site.next_change {
                next_change = Some(next_change.map_or(moment, |n| n.min(moment)));
            }
        }
        Some(LastBuild { built: built.clone(), options: key(options), day: today(), next_change })
    }

    /// The previous build again, when the only files reported changed are pages read back with the
    /// same text (`before` and `found` share them) and nothing else it depended on has moved.
    pub(crate) fn reuse(
        &self,
        options: &BuildOptions,
        changed: Option<&[PathBuf]>,
        (before, found): (Option<&Discovered>, &Discovered),
    ) -> Option<Built> {
        let (Some(changed), Some(before)) = (changed, before) else { return None };
        let now = OffsetDateTime::now_utc();
        let same_moment = self.day == today() && self.next_change.is_none_or(|moment| now < moment);
        if changed.is_empty() || !same_moment || self.options != key(options) {
            return None;
        }
        if before.pages.len() != found.pages.len() {
            return None;
        }
        let saved_unchanged = |path: &PathBuf| {
            let at = found.pages.iter().position(|p| &p.path == path);
            at.is_some_and(|i| Arc::ptr_eq(&found.pages[i], &before.pages[i]))
        };
        changed.iter().all(saved_unchanged).then(|| self.built.clone())
    }
}

fn key(options: &BuildOptions) -> (bool, bool, Option<String>, bool) {
    (options.drafts, options.future, options.base_url.clone(), options.serve_mode)
}

fn today() -> Date {
    OffsetDateTime::now_utc().date()
}

/// The embedded theme, or a theme folder inside the site (whose files the watcher reports).
fn theme_is_watched(site: &Site) -> bool {
    match &site.config.theme {
        ThemeChoice::Default => true,
        ThemeChoice::Folder(dir) => {
            let root = site.config.root.canonicalize().unwrap_or_else(|_| site.config.root.clone());
            dir.canonicalize().unwrap_or_else(|_| dir.clone()).starts_with(root)
        }
    }
}
