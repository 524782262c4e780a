//! `.folio-cache/` under the site root: resized images, social cards and `folio build`'s stage
//! results (`build/`, see `pipeline::persist`) kept between builds. Each
//! build records which entries it used (by renewing their modification time, at most once an hour
//! so a rebuild does not rewrite thousands of files), and a successful `folio build` then removes
//! the entries no build has used for `cache.max_age` — or, with `--gc`, every entry it did not use.
//!
//! Only regular files directly inside `.folio-cache/images/`, `cards/` and `build/` are ever
//! removed: symbolic links are neither followed nor removed, and the link results of `folio check`
//! (`links.json`, aged by `check.max_age`) are left to it. A running `folio serve` keeps a lease
//! file in `.folio-cache/serving/`, renewed every minute (its open pages may still ask for what it
//! built), and a build that finds a live lease removes nothing.

use crate::output::links::Ledger;
use crate::output::{FileSource, Output};
use rayon::prelude::*;
use std::collections::HashSet;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// The cache folder, under the site root.
pub const CACHE_ROOT: &str = ".folio-cache";

/// The folders whose entries builds make and can prune.
const PRUNED: [&str; 3] = ["images", "cards", "build"];

/// Where each running `folio serve` keeps its lease.
const LEASES: &str = "serving";

/// How often a running preview renews its lease, and how old a lease may be and still count: a
/// preview that crashed leaves a lease that stops counting after a few minutes.
const LEASE_RENEWAL: Duration = Duration::from_secs(60);
const LEASE_LIFE: Duration = Duration::from_secs(180);

/// How stale a used entry's time may get before it is renewed.
const RENEW_AFTER: Duration = Duration::from_secs(3600);

/// A file left by a write that was interrupted; younger ones may still be being written.
const TEMP_GRACE: Duration = Duration::from_secs(3600);

/// Which entries to remove after a successful build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sweep {
    /// Entries no build used for longer than this.
    OlderThan(Duration),
    /// Every entry this build did not use (`folio build --gc`).
    Unused,
}

/// What pruning did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Pruned {
    pub removed: usize,
    pub bytes: u64,
    /// Why nothing was removed, when something stopped it.
    pub skipped: Option<String>,
}

impl Pruned {
    /// `removed 12 unused cache entries (3.4 MB)`, or why nothing was; `None` if there is nothing to say.
    pub fn line(&self) -> Option<String> {
        if let Some(why) = &self.skipped {
            return Some(format!("cache not pruned: {why}"));
        }
        (self.removed > 0).then(|| {
            let s = if self.removed == 1 { "y" } else { "ies" };
            format!("removed {} unused cache entr{s} ({:.1} MB)", self.removed, self.bytes as f64 / 1e6)
        })
    }
}

/// Entries of the cache, by path. Ten thousand social cards are put in and looked up after every
/// `folio build`: a fast hash, not the DoS-resistant default (the paths are the build's own).
pub type Entries = HashSet<PathBuf, rustc_hash::FxBuildHasher>;

/// The cache entries a build's output is copied from.
pub fn used_entries(root: &Path, output: &Output) -> Entries {
    let cache = root.join(CACHE_ROOT);
    output
        .files
        .par_iter()
        .filter_map(|(_, source)| match source {
            FileSource::Copy(path) if path.starts_with(&cache) => Some(path.clone()),
            _ => None,
        })
        .collect()
}

/// Marks `used` as used now: renews the modification time of those not renewed within the hour.
/// A cache that cannot be written is no reason to fail a build, so failures are ignored. Returns
/// how many were renewed. An entry the links `ledger` vouches for is not looked up (its time is
/// in its stamp).
pub fn record_use<'a>(
    used: impl IntoParallelIterator<Item = &'a PathBuf>,
    now: SystemTime,
    ledger: Option<&Ledger>,
) -> usize {
    // One lookup per entry, ten thousand after a `folio build`: on every core.
    used.into_par_iter()
        .filter(|path| {
            let vouched = ledger.and_then(|ledger| ledger.vouched(path)).map(|stamp| stamp.modified());
            let Some(modified) = vouched.or_else(|| std::fs::metadata(path).and_then(|m| m.modified()).ok()) else {
                return false;
            };
            now.duration_since(modified).is_ok_and(|age| age > RENEW_AFTER)
                && File::options().write(true).open(path).and_then(|f| f.set_modified(now)).is_ok()
        })
        .count()
}

/// After a successful build that used `used`, removes the entries `sweep` names. Does nothing while
/// a `folio serve` of the same site runs.
pub fn prune_cache(root: &Path, used: &Entries, sweep: Sweep, now: SystemTime) -> Pruned {
    let cache = root.join(CACHE_ROOT);
    if !is_real_dir(&cache) {
        return Pruned::default();
    }
    if serve_is_running(&cache.join(LEASES), now) {
        let why = "a `folio serve` of this site is running and may still need its entries".to_string();
        return Pruned { skipped: Some(why), ..Pruned::default() };
    }
    let mut pruned = Pruned::default();
    for dir in PRUNED.map(|name| cache.join(name)).iter().filter(|dir| is_real_dir(dir)) {
        let Ok(entries) = std::fs::read_dir(dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            // A used entry stays whatever it is, without looking at it.
            if used.contains(&path) {
                continue;
            }
            // `DirEntry::metadata` does not follow symbolic links: a link is not a regular file.
            let Ok(meta) = entry.metadata() else { continue };
            if !meta.is_file() {
                continue;
            }
            let age = meta.modified().ok().and_then(|m| now.duration_since(m).ok()).unwrap_or_default();
            let temporary = path.extension().is_some_and(|e| e == "tmp");
            let stale = match sweep {
                _ if temporary => age > TEMP_GRACE,
                Sweep::Unused => true,
                Sweep::OlderThan(max_age) => age > max_age,
            };
            if stale && std::fs::remove_file(&path).is_ok() {
                pruned.removed += 1;
                pruned.bytes += meta.len();
            }
        }
    }
    pruned
}

/// Whether a live lease is in `leases`; stale ones (a preview that crashed) are cleared away.
fn serve_is_running(leases: &Path, now: SystemTime) -> bool {
    let Ok(entries) = std::fs::read_dir(leases) else { return false };
    let mut running = false;
    for entry in entries.flatten() {
        let Ok(meta) = entry.metadata() else { continue };
        let age = meta.modified().ok().and_then(|m| now.duration_since(m).ok()).unwrap_or_default();
        if age <= LEASE_LIFE {
            running = true;
        } else if meta.is_file() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    running
}

/// A folder that is not a symbolic link.
fn is_real_dir(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
}

/// The lease a running `folio serve` keeps on the cache, so that a `folio build` meanwhile does not
/// remove what the preview's open pages may still ask for. A thread renews it every minute; it is
/// given up by `release` (or when the process ends, by going stale).
pub struct ServeLease {
    file: Option<PathBuf>,
    alive: Arc<AtomicBool>,
    /// Entries already recorded as used, so a rebuild renews only what is new to it. Kept by their
    /// bytes: hashing 10,000 card paths component by component after every rebuild cost more than
    /// the rest of publishing it.
    recorded: rustc_hash::FxHashSet<std::ffi::OsString>,
}

impl ServeLease {
    /// Takes a lease (creating `.folio-cache/serving/`); a cache that cannot be written is no reason
    /// not to preview, so then the lease holds nothing.
    pub fn take(root: &Path) -> ServeLease {
        static TAKEN: AtomicUsize = AtomicUsize::new(0);
        let alive = Arc::new(AtomicBool::new(true));
        let dir = root.join(CACHE_ROOT).join(LEASES);
        let name = format!("{}-{}", std::process::id(), TAKEN.fetch_add(1, Ordering::Relaxed));
        let file = dir.join(name);
        let taken = std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&file, b"folio serve\n")).is_ok();
        if !taken {
            return ServeLease { file: None, alive, recorded: Default::default() };
        }
        let (renewed, still) = (file.clone(), alive.clone());
        std::thread::spawn(move || {
            while still.load(Ordering::Relaxed) {
                std::thread::park_timeout(LEASE_RENEWAL);
                if still.load(Ordering::Relaxed) {
                    let _ = File::options().write(true).open(&renewed).and_then(|f| f.set_modified(SystemTime::now()));
                }
            }
        });
        ServeLease { file: Some(file), alive, recorded: Default::default() }
    }

    /// Gives the lease up: the preview has stopped serving.
    pub fn release(&mut self) {
        self.alive.store(false, Ordering::Relaxed);
        if let Some(file) = self.file.take() {
            let _ = std::fs::remove_file(file);
        }
    }

    /// Records the entries a preview build used that earlier ones had not.
    pub fn record(&mut self, root: &Path, output: &Output) {
        // Called after every rebuild: the entries already recorded (nearly all) are only looked up.
        let cache = root.join(CACHE_ROOT);
        let mut new: Vec<PathBuf> = Vec::new();
        for source in output.files.values() {
            if let FileSource::Copy(path) = source {
                if !self.recorded.contains(path.as_os_str()) && path.starts_with(&cache) {
                    new.push(path.clone());
                }
            }
        }
        // A file linked into an output folder is renewed by `folio build` itself, which then stamps
        // it again (see `output::links`): renewed here, it would look changed through its link.
        let unlinked: Vec<&PathBuf> = new.iter().filter(|path| !crate::output::links::is_linked(path)).collect();
        record_use(unlinked, SystemTime::now(), None);
        self.recorded.extend(new.into_iter().map(PathBuf::into_os_string));
    }
}

impl Drop for ServeLease {
    fn drop(&mut self) {
        self.release();
    }
}
