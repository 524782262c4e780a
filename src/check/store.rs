//! Results of earlier runs, kept in `<site root>/.folio-cache/links.json` so a second run does not
//! ask every host again. Only links that worked are kept, each for `check.max_age`; every failure
//! is asked again next time, since it may have been passing trouble or may since have been fixed.
//! A missing or unreadable file is an empty cache: it only saves time.

use super::probe::Verdict;
use crate::diagnostics::{Diagnostic, Location};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

/// The cache's folder, inside the site root.
pub const CACHE_DIR: &str = ".folio-cache";
/// The link results, inside `CACHE_DIR`.
pub const LINKS_FILE: &str = "links.json";
/// Written into a new cache folder, so the folder stays out of git.
const GITIGNORE: &str = "# Folio's caches; safe to delete.\n*\n";
/// A file with another version is ignored and rewritten.
const VERSION: u32 = 1;

#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct LinkCache {
    version: u32,
    /// Address (with `#fragment` when anchors were checked) → when it last worked and how.
    links: BTreeMap<String, Entry>,
}

#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Entry {
    /// Seconds since 1970 (UTC).
    checked_at: u64,
    verdict: Verdict,
}

impl LinkCache {
    /// The cache of the site at `root`, or an empty one.
    pub fn load(root: &Path) -> LinkCache {
        let path = root.join(CACHE_DIR).join(LINKS_FILE);
        let read = std::fs::read(&path).ok().and_then(|bytes| serde_json::from_slice::<LinkCache>(&bytes).ok());
        read.filter(|cache| cache.version == VERSION).unwrap_or_default()
    }

    /// The remembered verdict on `url`, if it worked less than `max_age` before `now`.
    pub fn fresh(&self, url: &str, max_age: Duration, now: u64) -> Option<&Verdict> {
        let entry = self.links.get(url)?;
        let age = now.saturating_sub(entry.checked_at);
        (entry.verdict.problem.is_none() && age < max_age.as_secs()).then_some(&entry.verdict)
    }

    /// Remembers a verdict made `now`; a failure removes what was remembered instead.
    pub fn record(&mut self, url: &str, verdict: &Verdict, now: u64) {
        if verdict.problem.is_none() {
            self.links.insert(url.to_string(), Entry { checked_at: now, verdict: verdict.clone() });
        } else {
            self.links.remove(url);
        }
    }

    /// Writes the cache, leaving out what is older than `max_age`.
    pub fn save(mut self, root: &Path, max_age: Duration, now: u64) -> Result<(), Diagnostic> {
        self.version = VERSION;
        self.links.retain(|_, e| now.saturating_sub(e.checked_at) < max_age.as_secs());
        let dir = root.join(CACHE_DIR);
        let path = dir.join(LINKS_FILE);
        let fail = |e: std::io::Error| {
            Diagnostic::new(Location::file(&path), format!("cannot save the link cache: {e}"))
                .with_help("check that the site folder is writable, or run with --no-cache")
        };
        if !dir.is_dir() {
            std::fs::create_dir_all(&dir).map_err(fail)?;
            std::fs::write(dir.join(".gitignore"), GITIGNORE).map_err(fail)?;
        }
        let text = serde_json::to_string_pretty(&self).unwrap_or_default();
        // Written beside and renamed over, so a run stopped halfway never leaves half a file.
        let partial = dir.join(format!("{LINKS_FILE}.partial"));
        std::fs::write(&partial, text).map_err(fail)?;
        std::fs::rename(&partial, &path).map_err(fail)
    }
}

/// Seconds since 1970, the cache's clock.
pub fn now_seconds() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::LinkProblem;

    fn verdict(problem: Option<LinkProblem>) -> Verdict {
        Verdict { problem, status: Some(200), detail: "200 OK".into(), moved_to: None }
    }

    #[test]
    fn keeps_good_results_until_they_age_and_forgets_failures() {
        let dir = tempfile::tempdir().unwrap();
        let week = Duration::from_secs(7 * 86400);
        let mut cache = LinkCache::load(dir.path());
        cache.record("https://a.com/", &verdict(None), 1000);
        cache.record("https://b.com/", &verdict(Some(LinkProblem::Broken)), 1000);
        cache.save(dir.path(), week, 1000).unwrap();
        let cache = LinkCache::load(dir.path());
        assert!(cache.fresh("https://a.com/", week, 2000).is_some());
        assert!(cache.fresh("https://a.com/", week, 1000 + week.as_secs()).is_none());
        assert!(cache.fresh("https://b.com/", week, 2000).is_none());
        assert!(dir.path().join(".folio-cache/.gitignore").is_file());
    }
}
