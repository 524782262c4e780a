//! The staging folder of a build: `folio build` hands each file to it as soon as the file is made,
//! so the build's memory does not grow with the size of the site. A file whose bytes the output
//! folder already holds is only noted; the others are written into `<output>/.folio-staging/`:
//! under a number when the output folder has the file's folder, else under the file's own path in
//! the staging tree (`tree/`), so that the commit moves each new folder in whole (`folders`).
//!
//! Nothing in the output folder changes before `commit` (see `commit`), which moves the new files into place,
//! sets aside the files the previous build wrote and this one did not, and writes the manifest —
//! and puts everything back if one of those steps fails. A staging folder dropped without being
//! committed is removed, so a failed build leaves the previous site exactly as it was.
//!
//! `folio build` also keeps a record of the files it left (`stamps`): a file whose stamp and
//! checksum say it holds the bytes a build makes is found unchanged without being read.

use super::folders::{parent, Folders};
use super::links::{same_file, Ledger};
use super::safe_join;
use super::stamps::{file_clock, write_stamped, Known, Record, Stamp};
use crate::diagnostics::{Diagnostic, Location};
use crate::memo::{checksum, fingerprint};
use rustc_hash::FxHashMap;
use std::fs::Metadata;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::thread::JoinHandle;

/// The staging folder's name, inside the output folder (so that moving a file into place is a rename).
pub const STAGING: &str = ".folio-staging";

/// Files of a build in progress, and where each one's bytes are.
#[derive(Debug)]
pub struct Staging {
    pub(super) out: PathBuf,
    pub(super) dir: PathBuf,
    /// Whether opening made the output folder, which a failed build then removes again.
    made_out: bool,
    /// Looked up and added to once per output file: a fast hash of the path, not the DoS-resistant
    /// default (the paths are the site's own).
    pub(super) files: Mutex<FxHashMap<String, Staged>>,
    /// Files of folders the output folder has are named by number: that part stays flat.
    next: AtomicUsize,
    /// Which folders the output folder has, and the staging tree's folders made.
    pub(super) folders: Folders,
    pub(super) committed: bool,
    /// What the last build knew of the output folder's files, and where that is kept (`remembering`).
    pub(super) record: PendingRecord,
    pub(super) record_path: Option<PathBuf>,
    /// The file system's clock when this build began: stamps older than it can be trusted.
    started: Option<i128>,
    /// Folio's own cache folder, whose files are linked into the output rather than copied (see `links`).
    link_from: Option<PathBuf>,
}

/// Where a staged file's bytes are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Staged {
    /// The output folder already holds them (and what to record of the file, when it can be trusted).
    Unchanged(Option<Known>),
    /// In the staging folder.
    Changed(Change),
}

/// A file written to the staging folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Change {
    pub(super) path: PathBuf,
    /// The checksum of the bytes (when a record is kept) and, for a copy, its source's stamp.
    pub(super) sum: u64,
    pub(super) source: Option<(u64, Stamp)>,
    /// The file's stamp when written (when a record is kept). Moving its folder leaves it as it
    /// is; moving the file itself sets its change time.
    pub(super) stamp: Option<Stamp>,
    /// Whether it is in the staging tree, to be moved in with its new folder.
    pub(super) in_tree: bool,
    /// Whether it is a link to its source (whose stamp is then the file's own).
    pub(super) linked: bool,
}

/// The checksum recorded for a linked file, whose bytes were never read: never compared.
const UNSUMMED: u64 = 0;

impl Staging {
    /// Opens a staging folder in `out` (making `out` if needed). A staging folder left by a build
    /// that was killed is removed first.
    pub fn open(out: &Path) -> Result<Staging, Diagnostic> {
        let made_out = !out.is_dir();
        std::fs::create_dir_all(out).map_err(|e| fail(out, "create the output folder", e))?;
        let dir = out.join(STAGING);
        if dir.is_dir() {
            std::fs::remove_dir_all(&dir)
                .map_err(|e| fail(&dir, "remove the staging folder of an earlier build", e))?;
        }
        let tree = dir.join("tree");
        let staging = Staging {
            out: out.to_path_buf(),
            dir: dir.clone(),
            made_out,
            files: Mutex::default(),
            next: AtomicUsize::new(0),
            folders: Folders::new(out, &tree),
            committed: false,
            record: PendingRecord::default(),
            record_path: None,
            started: None,
            link_from: None,
        };
        // Made after `staging`, so that its drop cleans up if this fails.
        std::fs::create_dir(&dir).map_err(|e| fail(&dir, "create the staging folder", e))?;
        std::fs::create_dir(&tree).map_err(|e| fail(&tree, "create the staging folder", e))?;
        Ok(staging)
    }

    /// Keeps a record of the output folder's files at `record` (in the site's build cache), and
    /// trusts the one the last build left there: see `stamps`.
    pub fn remembering(mut self, record: PathBuf) -> Staging {
        self.record = PendingRecord::load(record.clone());
        self.record_path = Some(record);
        self.started = file_clock(&self.dir);
        self
    }

    /// Links copies of the files of `cache` (Folio's own cache folder) into the output folder
    /// rather than copying them, where the file system allows; see `links` for what guards them.
    /// Only with a record (`remembering`), which says next time that a link is unchanged.
    pub fn linking(mut self, cache: PathBuf) -> Staging {
        self.link_from = (cfg!(unix) && self.record_path.is_some()).then_some(cache);
        self
    }

    /// Takes the file at `rel` (output path, `/` separated): its bytes are written to the staging
    /// folder unless the output folder already holds them. A later `put` of the same path wins.
    /// Returns where the bytes are until the commit.
    pub fn put(&self, rel: &str, bytes: &[u8]) -> Result<PathBuf, Diagnostic> {
        let target = target(&self.out, rel)?;
        let found = self.found(rel, &target);
        self.put_found(rel, target, found.as_ref(), bytes, None)
    }

    /// `put`, once the output folder's file at `target` was looked at (`found`); for a copy,
    /// `source` is its source's path digest and stamp.
    fn put_found(
        &self,
        rel: &str,
        target: PathBuf,
        found: Option<&Metadata>,
        bytes: &[u8],
        source: Option<(u64, Stamp)>,
    ) -> Result<PathBuf, Diagnostic> {
        let sum = self.record_path.as_ref().map_or(0, |_| checksum(bytes));
        let (staged, location) = match self.holds(rel, &target, found, bytes, sum, source) {
            Some(known) => (Staged::Unchanged(known), target),
            None => {
                let (path, in_tree) = self.staged_path(rel)?;
                let stamp =
                    write_stamped(&path, bytes, self.record_path.is_some()).map_err(|e| fail(&path, "write", e))?;
                (Staged::Changed(Change { path: path.clone(), sum, source, stamp, in_tree, linked: false }), path)
            }
        };
        self.note(rel, staged);
        Ok(location)
    }

    /// Where a changed file at `rel` goes in the staging folder, and whether that is in the tree.
    fn staged_path(&self, rel: &str) -> Result<(PathBuf, bool), Diagnostic> {
        let folder = parent(rel);
        let in_tree = !self.folders.present(folder);
        let path = if in_tree {
            let tree = self.folders.tree();
            self.folders.make_in_tree(folder).map_err(|e| fail(&tree.join(folder), "create folder", e))?;
            tree.join(rel)
        } else {
            self.dir.join(self.next.fetch_add(1, Ordering::Relaxed).to_string())
        };
        Ok((path, in_tree))
    }

    /// What the output folder has at `target` (the output path `rel`); not looked up when its
    /// folder is known to be missing (its folder is looked at only when a file is staged there).
    fn found(&self, rel: &str, target: &Path) -> Option<Metadata> {
        (!self.folders.known_missing(parent(rel))).then(|| std::fs::metadata(target).ok()).flatten()
    }

    /// Takes the file at `rel` as the output folder holds it if its bytes have the checksum `sum`
    /// (a page `folio build` kept from its previous run); whether they have.
    pub fn keep_if_holds(&self, rel: &str, sum: u64) -> bool {
        let Some(target) = safe_join(&self.out, rel) else { return false };
        let Some(found) = self.found(rel, &target) else { return false };
        let stamp = Stamp::from_metadata(&found);
        let known = match self.record.get().unchanged(rel, stamp).filter(|known| known.sum != UNSUMMED) {
            Some(known) => (known.sum == sum).then(|| Some(known.clone())),
            None => {
                let bytes = std::fs::read(&target).ok();
                let trusted = stamp.filter(|stamp| stamp.older_than(self.started));
                bytes
                    .is_some_and(|bytes| checksum(&bytes) == sum)
                    .then(|| trusted.map(|stamp| Known { stamp, sum, source: None }))
            }
        };
        let kept = known.is_some();
        if let Some(known) = known {
            self.note(rel, Staged::Unchanged(known));
        }
        kept
    }

    /// Takes the file at `rel` copied from `from`: unchanged without reading either when both
    /// stamps are those recorded when the last build copied or compared it; a link to `from` when
    /// it is in Folio's own cache (see `linking`). The stamp of a cache file the links `ledger`
    /// vouches for is not looked up again.
    pub(super) fn put_copy(&self, rel: &str, from: &Path, ledger: Option<&Ledger>) -> Result<(), Diagnostic> {
        let target = target(&self.out, rel)?;
        let found = self.found(rel, &target);
        let look_up = || self.record_path.as_ref().and_then(|_| std::fs::metadata(from).ok());
        let vouched = self.record_path.as_ref().and(ledger).and_then(|ledger| ledger.vouched(from));
        // `from` is looked up at most once: when the ledger does not vouch for it, or to link it.
        let mut from_meta = None;
        let from_stamp = vouched.or_else(|| from_meta.insert(look_up()).as_ref().and_then(Stamp::from_metadata));
        let source = from_stamp.map(|stamp| (fingerprint(from), stamp));
        if let Some(source) = source {
            let stamp = found.as_ref().and_then(Stamp::from_metadata);
            if let Some(known) = self.record.get().unchanged(rel, stamp).filter(|k| k.source == Some(source)) {
                self.note(rel, Staged::Unchanged(Some(known.clone())));
                return Ok(());
            }
        }
        if self.link_from.as_ref().is_some_and(|cache| from.starts_with(cache)) {
            let from_meta = from_meta.unwrap_or_else(look_up);
            if let Some((meta, (digest, _))) = from_meta.as_ref().zip(source) {
                if let Some(staged) = self.link(rel, found.as_ref(), from, meta, digest)? {
                    self.note(rel, staged);
                    return Ok(());
                }
            }
        }
        let bytes = std::fs::read(from).map_err(|e| fail(Path::new(rel), "read the source of this file", e))?;
        // A source changed in the tick its stamp was taken in is not vouched for next time.
        let source = source.filter(|(_, stamp)| stamp.older_than(self.started));
        self.put_found(rel, target, found.as_ref(), &bytes, source).map(drop)
    }

    /// The file at `rel` as a link to the cache file `from` (`meta`, path digest `digest`): unchanged
    /// when the output folder's file (`found`) already is one, else a new link in the staging
    /// folder. `None` when it must be copied: the output folder holds a file of the same size (read
    /// and compared, so that a file whose bytes did not change is not written), or the file system
    /// cannot link.
    fn link(
        &self,
        rel: &str,
        found: Option<&Metadata>,
        from: &Path,
        meta: &Metadata,
        digest: u64,
    ) -> Result<Option<Staged>, Diagnostic> {
        if let Some(found) = found {
            if same_file(found, meta) {
                let stamp = Stamp::from_metadata(found).filter(|stamp| stamp.older_than(self.started));
                let known = stamp.map(|stamp| Known { stamp, sum: UNSUMMED, source: Some((digest, stamp)) });
                return Ok(Some(Staged::Unchanged(known)));
            }
            if found.is_file() && found.len() == meta.len() {
                return Ok(None);
            }
        }
        let (path, in_tree) = self.staged_path(rel)?;
        if std::fs::hard_link(from, &path).is_err() {
            return Ok(None);
        }
        let stamp = Stamp::of(&path);
        let source = stamp.map(|stamp| (digest, stamp));
        Ok(Some(Staged::Changed(Change { path, sum: UNSUMMED, source, stamp, in_tree, linked: true })))
    }

    fn note(&self, rel: &str, staged: Staged) {
        let expected = self.record.get().known.len();
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        // Sized once for as many files as the last build left, not doubled (and every path
        // rehashed) again and again while 43,000 are noted.
        if files.capacity() == 0 {
            files.reserve(expected);
        }
        files.insert(rel.to_string(), staged);
    }

    /// Whether the file `found` at `target` holds `bytes` (whose checksum is `sum` when a record
    /// is kept): by its stamp when the record vouches for it, else by reading it. When it does,
    /// what to record of it, if it can be trusted next time.
    fn holds(
        &self,
        rel: &str,
        target: &Path,
        found: Option<&Metadata>,
        bytes: &[u8],
        sum: u64,
        source: Option<(u64, Stamp)>,
    ) -> Option<Option<Known>> {
        let found = found?;
        let stamp = Stamp::from_metadata(found);
        if let Some(known) = self.record.get().unchanged(rel, stamp).filter(|known| known.sum != UNSUMMED) {
            let same = known.sum == sum && known.stamp.len() == bytes.len() as u64;
            return same.then(|| Some(Known { source, ..known.clone() }));
        }
        if !(found.is_file()
            && found.len() == bytes.len() as u64
            && std::fs::read(target).is_ok_and(|old| old == bytes))
        {
            return None;
        }
        let trusted = stamp.filter(|stamp| self.record_path.is_some() && stamp.older_than(self.started));
        Some(trusted.map(|stamp| Known { stamp, sum, source }))
    }

    /// Where the bytes of the file `put` at `rel` are until the commit, if it was.
    pub fn location(&self, rel: &str) -> Option<PathBuf> {
        match self.files.lock().unwrap_or_else(|e| e.into_inner()).get(rel)? {
            Staged::Unchanged(_) => safe_join(&self.out, rel),
            Staged::Changed(change) => Some(change.path.clone()),
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        let _ = std::fs::remove_dir_all(&self.dir);
        if self.made_out {
            // Only if empty: `remove_dir` never removes anything else.
            let _ = std::fs::remove_dir(&self.out);
        }
    }
}

/// The record of the output folder's files (see `stamps`), decoded on a thread of its own while
/// the build starts: at 10,000 pages it holds 43,000 paths, and nothing asks for it before the
/// pages are rendered.
#[derive(Debug, Default)]
pub(super) struct PendingRecord {
    loaded: OnceLock<Record>,
    loading: Mutex<Option<JoinHandle<Record>>>,
}

impl PendingRecord {
    fn load(path: PathBuf) -> PendingRecord {
        let loading = std::thread::Builder::new().spawn(move || Record::load(&path));
        // A thread that cannot be started leaves the record empty: every file is read instead.
        PendingRecord { loaded: OnceLock::new(), loading: Mutex::new(loading.ok()) }
    }

    /// The record, once loaded (empty if it could not be).
    pub(super) fn get(&self) -> &Record {
        self.loaded.get_or_init(|| {
            let loading = self.loading.lock().unwrap_or_else(|e| e.into_inner()).take();
            loading.and_then(|thread| thread.join().ok()).unwrap_or_default()
        })
    }
}

/// `out/rel`, or an error if `rel` could climb out of the output folder.
fn target(out: &Path, rel: &str) -> Result<PathBuf, Diagnostic> {
    safe_join(out, rel)
        .ok_or_else(|| Diagnostic::new(Location::file(rel), "refusing to write outside the output folder"))
}

pub(super) fn fail(path: &Path, what: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::new(Location::file(path), format!("cannot {what}: {e}"))
}

#[cfg(test)]
#[path = "staging_tests.rs"]
mod tests;
