//! The section navigation's share of a page's memory key, without building every page's
//! navigation on every build. A page's navigation is made from its navigation's tree alone (the
//! folders from the root down with their kinds, titles and addresses, the pages each lists with
//! their titles and addresses, the base path) and from which page is shown. Each tree is hashed
//! once per build; `NavKeys` keeps each page's navigation digest by (tree digest, page, its place)
//! between builds, so only the pages of a tree that changed build their navigation to find their
//! key. The checked mode builds the navigation again on every reuse and compares.

use super::section_nav::{is_root, root_path, shows_nav, NavPlan, SectionNav};
use crate::memo::{fingerprint, Memo};
use crate::site::Site;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

/// The navigation digests of the previous build's pages, and this build's as they are made.
#[derive(Debug)]
pub struct NavKeys {
    memo: Memo<u64>,
    next: Mutex<Vec<(u64, u64)>>,
    /// Navigations built since the last `finish` because no digest was kept for them.
    built: AtomicUsize,
    /// How many the build before `finish` built.
    pub last_built: usize,
    /// Set when the build kept pages' keys without asking for their navigation (see `KeptKeys`):
    /// their digests must outlive it.
    keep: AtomicBool,
}

impl Default for NavKeys {
    fn default() -> Self {
        NavKeys {
            memo: Memo::new("section navigation"),
            next: Mutex::default(),
            built: AtomicUsize::new(0),
            last_built: 0,
            keep: AtomicBool::new(false),
        }
    }
}

impl NavKeys {
    /// Keeps this build's digests for the next build (and forgets the others).
    pub fn finish(&mut self) {
        let next = std::mem::take(self.next.get_mut().unwrap_or_else(|e| e.into_inner()));
        if std::mem::take(self.keep.get_mut()) {
            // Digests are keyed by what they are made of: the ones kept stay right.
            self.memo.extend(next);
        } else {
            self.memo.replace(next);
        }
        self.last_built = std::mem::take(self.built.get_mut());
    }
}

impl NavKeys {
    /// The digests `digests` gave, kept elsewhere between builds (`folio build` keeps them on
    /// disk, a new process each time): they are keyed by all a navigation is made from, so they
    /// are right for any build, and the checked mode builds each navigation again on reuse.
    pub fn from_digests(digests: Vec<(u64, u64)>) -> NavKeys {
        let mut keys = NavKeys::default();
        keys.memo.replace(digests);
        keys
    }

    /// The digests kept for the next build (after `finish`), by key, as `from_digests` takes them.
    pub fn digests(&self) -> Vec<(u64, u64)> {
        let mut digests: Vec<(u64, u64)> = self.memo.entries().map(|(key, digest)| (*key, *digest)).collect();
        digests.sort_unstable();
        digests
    }
}

impl NavKeys {
    /// Keeps the previous build's digests beside this build's (`finish`), for the pages whose
    /// navigation this build does not ask for.
    pub(super) fn keep_previous(&self) {
        self.keep.store(true, Ordering::Relaxed);
    }
}

/// For one build: the digest of each navigation tree, by its root section.
pub(super) struct NavDigests<'a> {
    keys: &'a NavKeys,
    trees: Vec<Option<u64>>,
}

impl<'a> NavDigests<'a> {
    pub fn new(site: &Site, keys: &'a NavKeys) -> NavDigests<'a> {
        let trees = (0..site.sections.len())
            .map(|s| is_root(site, s).then(|| fingerprint((&site.config.base_path, tree(site, s)))))
            .collect();
        NavDigests { keys, trees }
    }

    /// The digest of page `i`'s navigation (`fingerprint(plan.for_page(site, i))`), built only when
    /// its tree or its place in it is new since the previous build.
    pub fn page(&self, site: &Site, plan: &NavPlan, i: usize) -> u64 {
        let page = &site.pages[i];
        let place = shows_nav(page.kind).then(|| root_path(site, page.section)).flatten();
        let Some(path) = place else { return fingerprint(None::<&SectionNav>) };
        let Some(tree) = path.last().and_then(|&root| self.trees[root]) else {
            return fingerprint(plan.for_page(site, i));
        };
        let key = fingerprint((tree, &path, i));
        let what = || format!("the navigation beside {}", page.path.display());
        let build = || Ok::<_, std::convert::Infallible>(fingerprint(plan.for_page(site, i)));
        let Ok((digest, reused)) = self.keys.memo.get_or_try(key, what, build);
        if !reused {
            self.keys.built.fetch_add(1, Ordering::Relaxed);
        }
        self.keys.next.lock().unwrap_or_else(|e| e.into_inner()).push((key, digest));
        digest
    }
}

impl NavDigests<'_> {
    /// The digest of the navigation beside section `s`'s list page
    /// (`fingerprint(plan.for_section(site, s))`), built only when its tree is new since the
    /// previous build: every category's list pages built theirs to find their key on every build.
    pub fn section(&self, site: &Site, plan: &NavPlan, s: usize) -> u64 {
        let fresh = || fingerprint(plan.for_section(site, s));
        if site.sections[s].kind != crate::site::ListKind::Category {
            return fresh();
        }
        let Some(path) = root_path(site, s) else { return fresh() };
        let Some(tree) = path.last().and_then(|&root| self.trees[root]) else { return fresh() };
        // Kept beside the pages' digests, apart from them by the word.
        let key = fingerprint((tree, &path, ("section", s)));
        let what = || format!("the navigation beside the list of {}", site.sections[s].url_path);
        let build = || Ok::<_, std::convert::Infallible>(fresh());
        let Ok((digest, reused)) = self.keys.memo.get_or_try(key, what, build);
        if !reused {
            self.keys.built.fetch_add(1, Ordering::Relaxed);
        }
        self.keys.next.lock().unwrap_or_else(|e| e.into_inner()).push((key, digest));
        digest
    }
}

/// What a navigation shows of section `s` and everything below it: kind, title and address, its
/// sub-folders, and its pages by index with their titles and addresses.
fn tree(site: &Site, s: usize) -> u64 {
    let section = &site.sections[s];
    let pages: Vec<_> = section.pages.iter().map(|&p| (p, &site.pages[p].title, &site.pages[p].url_path)).collect();
    let below: Vec<u64> = section.subsections.iter().map(|&sub| tree(site, sub)).collect();
    fingerprint((section.kind.name(), &section.title, &section.url_path, section.parent, pages, below))
}
