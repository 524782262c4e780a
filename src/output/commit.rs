//! The commit of a build's staging folder (see `staging`): the files not staged yet are staged,
//! the changed ones moved into place, the files the previous build wrote and this one did not set
//! aside, the manifest written — each step undone if a later one fails — and the record of the
//! output folder's files (`stamps`) brought up to date.

use super::journal::Journal;
use super::staging::{fail, Change, Staged, Staging};
use super::stamps::{file_clock, Known, Record, Stamp};
use super::{read_manifest, safe_join, FileSource, Output, WriteReport, MANIFEST};
use crate::diagnostics::{Diagnostic, Location};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::HashSet;
use std::path::Path;

impl Staging {
    /// Makes the output folder hold exactly `output`'s files besides the user's own: files not
    /// staged yet are staged (copies, embedded and in-memory files), changed files are moved into
    /// place, files the previous build wrote and this one did not are removed, and the manifest
    /// lists this build's files. If any step fails, the steps before it are undone.
    pub fn commit(mut self, output: &Output) -> Result<WriteReport, Diagnostic> {
        // The cache files the links ledger's check found as they were (see `Ledger::vouched`).
        let ledger = super::links::settled();
        // Files are independent; reading and comparing them on every core matters on slow disks.
        output.files.par_iter().try_for_each(|(rel, source)| match source {
            FileSource::Staged(_) => Ok(()),
            FileSource::Copy(from) => self.put_copy(rel, from, ledger.as_deref()),
            other => {
                let bytes = other.read().map_err(|e| fail(Path::new(rel), "read the source of this file", e))?;
                self.put(rel, &bytes).map(drop)
            }
        })?;
        let staged = std::mem::take(&mut *self.files.lock().unwrap_or_else(|e| e.into_inner()));
        if staged.len() > output.files.len() {
            remove_unlisted(output, &staged);
        }
        let mut journal = Journal::new(&self.out, self.dir.join("replaced"));
        let mut report = WriteReport::default();
        match place_files(output, &staged, &self.dir, self.folders.tree(), &mut journal, &mut report) {
            Ok(alone) => {
                journal.finish();
                self.committed = true;
                self.record_files(output, &staged, &alone);
                // 43,000 paths at 10,000 pages: freed on a worker rather than before returning.
                rayon::spawn(move || drop(staged));
                // What is left is this build's leftovers and the files it replaced.
                let _ = std::fs::remove_dir_all(&self.dir);
                Ok(report)
            }
            Err(e) => {
                journal.undo();
                Err(e)
            }
        }
    }
    /// Records what is now known of every file of `output` in the output folder (see `stamps`),
    /// unless it is what the record already says.
    /// `alone` are the files moved into place one by one, which moving set a new change time on.
    fn record_files(&self, output: &Output, staged: &FxHashMap<String, Staged>, alone: &HashSet<&str>) {
        let Some(path) = &self.record_path else { return };
        if self.record_holds(output, staged) {
            return;
        }
        // Taken before the placed files are stamped: see `stamps` on writes in the same tick.
        let placed = file_clock(&self.dir);
        let known: FxHashMap<String, Known> = output
            .files
            .par_iter()
            .filter_map(|(rel, _)| match staged.get(rel)? {
                Staged::Unchanged(known) => Some((rel.clone(), known.clone()?)),
                Staged::Changed(Change { sum, source, stamp, in_tree, linked, .. }) => {
                    let stamp = match stamp {
                        Some(stamp) if *in_tree && !alone.contains(rel.as_str()) => *stamp,
                        _ => Stamp::of(&safe_join(&self.out, rel)?)?,
                    };
                    let stamp = Some(stamp).filter(|s| s.older_than(placed))?;
                    // A link's source is the file itself: moving it into place moved both stamps.
                    let source = if *linked { source.map(|(digest, _)| (digest, stamp)) } else { *source };
                    Some((rel.clone(), Known { stamp, sum: *sum, source }))
                }
            })
            .collect();
        if known != self.record.get().known {
            Record::store(path, &known);
        }
    }

    /// Whether the record already says what `record_files` would: every file of `output` was
    /// found unchanged, as the record knew it, and the record knows no other file. Then nothing
    /// is collected (a build with nothing changed would copy 43,000 paths to find that out).
    fn record_holds(&self, output: &Output, staged: &FxHashMap<String, Staged>) -> bool {
        let known = &self.record.get().known;
        known.len() == output.files.len()
            && output.files.par_iter().all(|(rel, _)| match staged.get(rel) {
                Some(Staged::Unchanged(Some(now))) => known.get(rel) == Some(now),
                _ => false,
            })
    }
}

/// Removes the staging tree's files that `output` does not list, which moving their folder into
/// place would otherwise publish.
fn remove_unlisted(output: &Output, staged: &FxHashMap<String, Staged>) {
    for (rel, staged) in staged {
        if let Staged::Changed(Change { path, in_tree: true, .. }) = staged {
            if !output.files.contains_key(rel) {
                let _ = std::fs::remove_file(path);
            }
        }
    }
}

/// The steps of a commit, in order: the changed files, the stale ones, then the manifest. A file
/// staged in the staging tree goes in with the new folder it is in, which is moved whole; the
/// others are moved one by one. Returns those moved one by one.
fn place_files<'a>(
    output: &'a Output,
    staged: &FxHashMap<String, Staged>,
    dir: &Path,
    tree: &Path,
    journal: &mut Journal,
    report: &mut WriteReport,
) -> Result<HashSet<&'a str>, Diagnostic> {
    let mut alone = HashSet::new();
    for rel in output.files.keys() {
        match staged.get(rel) {
            Some(Staged::Unchanged(_)) => report.unchanged += 1,
            Some(Staged::Changed(change)) => {
                if !(change.in_tree && journal.place_in_new_folder(rel, tree)?) {
                    journal.place(rel, &change.path)?;
                    alone.insert(rel.as_str());
                }
                report.written += 1;
            }
            None => {
                return Err(Diagnostic::new(Location::file(rel), "this file was never handed to the staging folder")
                    .with_help("this is a bug in Folio; please report it"))
            }
        }
    }
    let mut manifest = String::with_capacity(output.files.keys().map(|k| k.len() + 1).sum());
    for path in output.files.keys() {
        manifest.push_str(path);
        manifest.push('\n');
    }
    // A manifest listing exactly this build's files names no stale one (the common case: nothing
    // was added or removed), and need not be parsed.
    if !holds(&journal.out.join(MANIFEST), manifest.as_bytes()) {
        for stale in read_manifest(journal.out).iter().filter(|p| !output.files.contains_key(p.as_str())) {
            if journal.set_aside(stale)? {
                report.removed += 1;
            }
        }
        let path = dir.join("manifest");
        std::fs::write(&path, manifest).map_err(|e| fail(&path, "write", e))?;
        journal.place(MANIFEST, &path)?;
    }
    Ok(alone)
}

/// Whether `target` is a file holding exactly `bytes` (sizes are compared before contents).
fn holds(target: &Path, bytes: &[u8]) -> bool {
    match std::fs::metadata(target) {
        Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => {
            std::fs::read(target).is_ok_and(|old| old == bytes)
        }
        _ => false,
    }
}
