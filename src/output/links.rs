//! Files of Folio's own cache (social cards, image copies) go into the output folder as hard links
//! when both are on one file system, as Cargo links its build results: 10,000 cards are 217 MB
//! that a full build would otherwise read, checksum and write again.
//!
//! A link is one file under two names: a program that rewrites an output file in place (an image
//! optimizer, say) rewrites the cached file with it. So a cache file that was linked is trusted
//! only while its stamp (see `stamps`) is the one this **ledger** recorded after the build that
//! last linked or touched it, or else while its bytes still have the checksum recorded: removing
//! an output folder (its links go, which moves the stamps of the files they named) or restoring
//! the cache in CI (new files) moves every stamp without changing a byte. `check` removes every
//! linked cache file changed so before the caches are looked at, and the cache makes that file
//! again. A file the ledger does not name was never linked, and only the cache writes it.
//!
//! The ledger lives in the site's build cache (one per site, whatever the output folder): a file
//! linked into two output folders is guarded against edits in either.

use super::sealed::{read_sealed, write_sealed, Presized};
use super::stamps::{file_clock, Stamp};
use crate::memo::checksum;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// The first bytes of a ledger; a new layout gets a new number.
const MAGIC: &[u8; 16] = b"folio-links v2\n\n";

/// The ledger's file name, in the site's build cache folder.
pub const LEDGER: &str = "links.bin";

/// The linked cache files, by path.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Ledger {
    pub linked: FxHashMap<PathBuf, Linked>,
    /// How many files `check` found with their bytes but another stamp, which the ledger on
    /// disk should then be brought up to date with.
    restamped: usize,
    /// Whether it was read whole from its file and named only this site's files: a ledger
    /// missing, damaged, of an older layout or of the site it was copied from guards nothing
    /// until it is written again.
    found: bool,
}

/// What the ledger knows of one linked cache file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Linked {
    /// The file's stamp when the last build left it; `None` when that stamp could not be trusted
    /// (taken in the clock tick of a write), so that the bytes are checked.
    pub stamp: Option<Stamp>,
    /// The checksum of its bytes (`memo::checksum`).
    pub sum: u64,
}

impl Ledger {
    /// The ledger at `path`, or an empty one when it is missing or damaged; only its files inside
    /// `cache`, this site's cache folder. A site folder copied whole (`cp -a`) brings the ledger of
    /// the original, naming the original's cache files: they are another site's to check and remove.
    pub fn load(path: &Path, cache: &Path) -> Ledger {
        let read = read_sealed::<Presized<FxHashMap<PathBuf, Linked>>>(path, MAGIC);
        let whole = read.is_some();
        let mut linked = read.map(|linked| linked.0).unwrap_or_default();
        let named = linked.len();
        linked.retain(|file, _| file.starts_with(cache));
        Ledger { found: whole && linked.len() == named, linked, restamped: 0 }
    }

    /// Writes the ledger to `path` (see `sealed`).
    pub fn store(&self, path: &Path) -> std::io::Result<()> {
        write_sealed(path, MAGIC, &self.linked)
    }

    /// Removes every linked cache file whose stamp is not the one recorded and whose bytes are not
    /// either: it was changed through a link (or by hand) since, and its cache makes it again.
    /// After it, the ledger names only the files found with their bytes, each with its stamp now
    /// (see `vouched`).
    pub fn check(&mut self) {
        let restamped = AtomicUsize::new(0);
        self.linked = std::mem::take(&mut self.linked)
            .into_par_iter()
            .filter_map(|(path, linked)| {
                let now = Stamp::of(&path)?;
                if linked.stamp != Some(now) {
                    if !std::fs::read(&path).is_ok_and(|bytes| checksum(&bytes) == linked.sum) {
                        let _ = std::fs::remove_file(&path);
                        return None;
                    }
                    restamped.fetch_add(1, Ordering::Relaxed);
                }
                Some((path, Linked { stamp: Some(now), ..linked }))
            })
            .collect();
        self.restamped = restamped.into_inner();
    }

    /// The stamp of the cache file at `path` when `check` found it with the bytes the last build
    /// left: the file is there, and this build need not look it up again (10,000 social cards were each
    /// looked up four times by a build that changed nothing). Only the build itself changes a
    /// cache file meanwhile, and it makes only files that are missing.
    pub fn vouched(&self, path: &Path) -> Option<Stamp> {
        self.linked.get(path)?.stamp
    }

    /// Stamps again every file the ledger names and `linked` (the cache files this build's output
    /// folder holds links to), once the build has made its last change to them: links made or
    /// removed and renewed modification times move their stamps. Files gone are forgotten. The
    /// bytes of a file new to the ledger are read once for their checksum; the others' are those
    /// `check` found.
    pub fn update(&mut self, linked: impl IntoParallelIterator<Item = PathBuf>, cache: &Path) {
        let mut paths: Vec<PathBuf> = linked.into_par_iter().collect();
        paths.extend(self.linked.keys().cloned());
        paths.par_sort_unstable();
        paths.dedup();
        let known = std::mem::take(&mut self.linked);
        self.linked = stamp_settled(paths, cache)
            .into_par_iter()
            .filter_map(|(path, stamp)| {
                let sum = match known.get(&path) {
                    Some(linked) => linked.sum,
                    None => checksum(&std::fs::read(&path).ok()?),
                };
                Some((path, Linked { stamp, sum }))
            })
            .collect();
    }
}

/// The stamps of the files at `paths` (those that are files), each taken once the file system's
/// clock has moved past its change time: a stamp taken in the tick of a write could stay the same
/// through another write in that tick. The build itself moved many of them a moment ago (links
/// placed, times renewed), so the clock is waited for, a few milliseconds, rather than the files
/// being made again next time; a stamp still not settled then is `None`.
fn stamp_settled(paths: Vec<PathBuf>, cache: &Path) -> FxHashMap<PathBuf, Option<Stamp>> {
    // Taken before the stamps: a file changed in the tick it names is not vouched for.
    let clock = file_clock(cache);
    let mut stamped: FxHashMap<PathBuf, Option<Stamp>> = paths
        .into_par_iter()
        .filter_map(|path| {
            let stamp = Stamp::of(&path)?;
            Some((path, Some(stamp).filter(|stamp| stamp.older_than(clock))))
        })
        .collect();
    let racy: Vec<&PathBuf> = stamped.iter().filter(|(_, stamp)| stamp.is_none()).map(|(path, _)| path).collect();
    if racy.is_empty() {
        return stamped;
    }
    let Some(later) = clock_after(cache, clock) else { return stamped };
    let again: Vec<(PathBuf, Option<Stamp>)> = racy
        .into_par_iter()
        .map(|path| (path.clone(), Stamp::of(path).filter(|stamp| stamp.older_than(Some(later)))))
        .collect();
    stamped.extend(again);
    stamped
}

/// The file system's clock once it has moved past `clock`, waiting at most about 100 ms.
fn clock_after(dir: &Path, clock: Option<i128>) -> Option<i128> {
    let clock = clock?;
    for _ in 0..50 {
        std::thread::sleep(std::time::Duration::from_millis(2));
        if let Some(now) = file_clock(dir).filter(|now| *now > clock) {
            return Some(now);
        }
    }
    None
}

/// Whether the cache file at `path` is there: vouched for by the ledger's check (see
/// `Ledger::vouched`), else looked up.
pub fn is_present(ledger: Option<&Ledger>, path: &Path) -> bool {
    if ledger.is_some_and(|ledger| ledger.vouched(path).is_some()) {
        if crate::memo::checking() {
            assert!(path.is_file(), "cache check failed: {} was vouched for but is gone", path.display());
        }
        return true;
    }
    path.is_file()
}

/// Whether the file at `path` has more than one name (a link into an output folder).
#[cfg(unix)]
pub fn is_linked(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).is_ok_and(|meta| meta.nlink() > 1)
}

#[cfg(not(unix))]
pub fn is_linked(_: &Path) -> bool {
    false
}

/// Whether two files' metadata are of one file (two links to it).
#[cfg(unix)]
pub(super) fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
pub(super) fn same_file(_: &std::fs::Metadata, _: &std::fs::Metadata) -> bool {
    false
}

/// The check of the ledger a `folio build` started (see `start_check`), running or done.
static CHECK: Mutex<Option<Result<Arc<Ledger>, JoinHandle<Ledger>>>> = Mutex::new(None);

/// Loads the ledger of the build cache folder `dir` and removes every file of the cache folder
/// `cache` changed through a link since the last build (see `Ledger::check`), on a thread of its
/// own while the build starts: the caches wait for it (`settled`) before they look at their files.
/// `checked_ledger` gives it.
pub fn start_check(dir: &Path, cache: &Path) {
    let (path, cache) = (dir.join(LEDGER), cache.to_path_buf());
    let check = move || {
        let mut ledger = Ledger::load(&path, &cache);
        ledger.check();
        ledger
    };
    // Without a thread, the check is made now.
    let state = match std::thread::Builder::new().spawn(check.clone()) {
        Ok(handle) => Err(handle),
        Err(_) => Ok(Arc::new(check())),
    };
    *CHECK.lock().unwrap_or_else(|e| e.into_inner()) = Some(state);
}

/// Waits for the check `start_check` started, if one is running; the checked ledger, for its
/// `vouched` stamps (`None` when no check was started: `folio serve` looks files up itself).
pub fn settled() -> Option<Arc<Ledger>> {
    let mut state = CHECK.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(Err(_)) = &*state {
        let Some(Err(handle)) = state.take() else { return None };
        *state = Some(Ok(Arc::new(handle.join().unwrap_or_default())));
    }
    match &*state {
        Some(Ok(ledger)) => Some(ledger.clone()),
        _ => None,
    }
}

/// The ledger `start_check` checked, once the check is done (empty if none was started); no
/// build looks at its `vouched` stamps after this.
pub fn checked_ledger() -> Ledger {
    settled();
    match CHECK.lock().unwrap_or_else(|e| e.into_inner()).take() {
        Some(Ok(ledger)) => Arc::unwrap_or_clone(ledger),
        _ => Ledger::default(),
    }
}

/// After a build was written: stamps again the cache files the output folder links to, unless
/// nothing moved them (`moved` is false: no file written, removed or renewed, no stamp moved
/// under bytes that did not, and the ledger was found whole). A ledger that cannot be written
/// leaves the files it would name unguarded, so the links to them are removed from the cache's
/// side: the cache files themselves, made again next time.
pub fn record_links(mut ledger: Ledger, dir: &Path, cache: &Path, output: &super::Output, moved: bool) {
    let path = dir.join(LEDGER);
    if !moved && ledger.restamped == 0 && ledger.found {
        return;
    }
    let sources: Vec<PathBuf> = output
        .files
        .par_iter()
        .filter_map(|(_, source)| match source {
            super::FileSource::Copy(from) if from.starts_with(cache) && is_linked(from) => Some(from.clone()),
            _ => None,
        })
        .collect();
    ledger.update(sources, dir);
    if ledger.store(&path).is_err() {
        ledger.linked.par_iter().for_each(|(file, _)| drop(std::fs::remove_file(file)));
    }
}
