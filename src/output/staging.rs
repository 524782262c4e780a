//! The staging folder of a build: `folio build` hands each file to it as soon as the file is made,
//! so the build's memory does not grow with the size of the site. A file whose bytes the output
//! folder already holds is only noted; the others are written into `<output>/.folio-staging/`.
//!
//! Nothing in the output folder changes before `commit`, which moves the new files into place,
//! sets aside the files the previous build wrote and this one did not, and writes the manifest —
//! and puts everything back if one of those steps fails. A staging folder dropped without being
//! committed is removed, so a failed build leaves the previous site exactly as it was.

use super::{read_manifest, remove_empty_parents, safe_join, FileSource, Output, WriteReport, MANIFEST};
use crate::diagnostics::{Diagnostic, Location};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// The staging folder's name, inside the output folder (so that moving a file into place is a rename).
pub const STAGING: &str = ".folio-staging";

/// Files of a build in progress, and where each one's bytes are.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    /// Whether opening made the output folder, which a failed build then removes again.
    made_out: bool,
    files: Mutex<HashMap<String, Staged>>,
    /// Staged files are named by number: the folder stays flat, whatever the site's tree.
    next: AtomicUsize,
    committed: bool,
}

/// Where a staged file's bytes are.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Staged {
    /// The output folder already holds them.
    Unchanged,
    /// In the staging folder, under this path.
    Changed(PathBuf),
}

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
        let staging = Staging {
            out: out.to_path_buf(),
            dir: dir.clone(),
            made_out,
            files: Mutex::default(),
            next: AtomicUsize::new(0),
            committed: false,
        };
        // Made after `staging`, so that its drop cleans up if this fails.
        std::fs::create_dir(&dir).map_err(|e| fail(&dir, "create the staging folder", e))?;
        Ok(staging)
    }

    /// Takes the file at `rel` (output path, `/` separated): its bytes are written to the staging
    /// folder unless the output folder already holds them. A later `put` of the same path wins.
    /// Returns where the bytes are until the commit.
    pub fn put(&self, rel: &str, bytes: &[u8]) -> Result<PathBuf, Diagnostic> {
        let target = safe_join(&self.out, rel)
            .ok_or_else(|| Diagnostic::new(Location::file(rel), "refusing to write outside the output folder"))?;
        let (staged, location) = if holds(&target, bytes) {
            (Staged::Unchanged, target)
        } else {
            let path = self.dir.join(self.next.fetch_add(1, Ordering::Relaxed).to_string());
            std::fs::write(&path, bytes).map_err(|e| fail(&path, "write", e))?;
            (Staged::Changed(path.clone()), path)
        };
        self.files.lock().unwrap_or_else(|e| e.into_inner()).insert(rel.to_string(), staged);
        Ok(location)
    }

    /// Takes the file at `rel` as the output folder holds it: the caller has just read it there and
    /// found the bytes this build makes (a page `folio build` kept from its previous run).
    pub fn keep(&self, rel: &str) {
        self.files.lock().unwrap_or_else(|e| e.into_inner()).insert(rel.to_string(), Staged::Unchanged);
    }

    /// Where the file at `rel` is in the output folder (what the previous build left there).
    pub fn output_file(&self, rel: &str) -> Option<PathBuf> {
        safe_join(&self.out, rel)
    }

    /// Where the bytes of the file `put` at `rel` are until the commit, if it was.
    pub fn location(&self, rel: &str) -> Option<PathBuf> {
        match self.files.lock().unwrap_or_else(|e| e.into_inner()).get(rel)? {
            Staged::Unchanged => safe_join(&self.out, rel),
            Staged::Changed(path) => Some(path.clone()),
        }
    }

    /// Makes the output folder hold exactly `output`'s files besides the user's own: files not
    /// staged yet are staged (copies, embedded and in-memory files), changed files are moved into
    /// place, files the previous build wrote and this one did not are removed, and the manifest
    /// lists this build's files. If any step fails, the steps before it are undone.
    pub fn commit(mut self, output: &Output) -> Result<WriteReport, Diagnostic> {
        // Files are independent; reading and comparing them on every core matters on slow disks.
        output.files.par_iter().try_for_each(|(rel, source)| match source {
            FileSource::Staged(_) => Ok(()),
            other => {
                let bytes = other.read().map_err(|e| fail(Path::new(rel), "read the source of this file", e))?;
                self.put(rel, &bytes).map(drop)
            }
        })?;
        let staged = std::mem::take(&mut *self.files.lock().unwrap_or_else(|e| e.into_inner()));
        let mut journal = Journal::new(&self.out, self.dir.join("replaced"));
        let mut report = WriteReport::default();
        match place_files(output, &staged, &self.dir, &mut journal, &mut report) {
            Ok(()) => {
                journal.finish();
                self.committed = true;
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

/// The steps of a commit, in order: the changed files, the stale ones, then the manifest.
fn place_files(
    output: &Output,
    staged: &HashMap<String, Staged>,
    dir: &Path,
    journal: &mut Journal,
    report: &mut WriteReport,
) -> Result<(), Diagnostic> {
    for rel in output.files.keys() {
        match staged.get(rel) {
            Some(Staged::Unchanged) => report.unchanged += 1,
            Some(Staged::Changed(path)) => {
                journal.place(rel, path)?;
                report.written += 1;
            }
            None => {
                return Err(Diagnostic::new(Location::file(rel), "this file was never handed to the staging folder")
                    .with_help("this is a bug in Folio; please report it"))
            }
        }
    }
    for stale in read_manifest(journal.out).iter().filter(|p| !output.files.contains_key(p.as_str())) {
        if journal.set_aside(stale)? {
            report.removed += 1;
        }
    }
    let manifest: String = output.files.keys().map(|k| format!("{k}\n")).collect();
    if holds(&journal.out.join(MANIFEST), manifest.as_bytes()) {
        return Ok(());
    }
    let path = dir.join("manifest");
    std::fs::write(&path, manifest).map_err(|e| fail(&path, "write", e))?;
    journal.place(MANIFEST, &path)
}

/// What a commit changed in the output folder, so that it can be undone.
struct Journal<'a> {
    out: &'a Path,
    /// Where replaced and removed files wait until the commit has succeeded.
    aside: PathBuf,
    aside_made: bool,
    steps: Vec<Step>,
    /// Folders made in the output folder, in the order they were made.
    made: Vec<PathBuf>,
}

enum Step {
    /// A file moved into place, and where the file it replaced waits.
    Placed(PathBuf, Option<PathBuf>),
    /// A stale file moved aside.
    SetAside(PathBuf, PathBuf),
}

impl<'a> Journal<'a> {
    fn new(out: &'a Path, aside: PathBuf) -> Journal<'a> {
        Journal { out, aside, aside_made: false, steps: Vec::new(), made: Vec::new() }
    }

    /// Moves the staged file at `from` to `rel` in the output folder, keeping the file it replaces.
    fn place(&mut self, rel: &str, from: &Path) -> Result<(), Diagnostic> {
        let target = safe_join(self.out, rel)
            .ok_or_else(|| Diagnostic::new(Location::file(rel), "refusing to write outside the output folder"))?;
        if target.is_dir() {
            // Never moved aside: only files Folio wrote are ever removed.
            return Err(Diagnostic::new(Location::file(&target), "cannot write this file: a folder is in the way")
                .with_help("move or rename the folder; Folio does not remove folders it did not make"));
        }
        self.make_parents(&target)?;
        let replaced = match std::fs::symlink_metadata(&target) {
            Ok(_) => Some(self.move_aside(&target)?),
            Err(_) => None,
        };
        if let Err(e) = std::fs::rename(from, &target) {
            if let Some(replaced) = &replaced {
                let _ = std::fs::rename(replaced, &target);
            }
            return Err(fail(&target, "write", e));
        }
        self.steps.push(Step::Placed(target, replaced));
        Ok(())
    }

    /// Moves a file the previous build wrote out of the way; `false` when it is already gone.
    fn set_aside(&mut self, rel: &str) -> Result<bool, Diagnostic> {
        let Some(target) = safe_join(self.out, rel) else { return Ok(false) };
        if !target.is_file() {
            return Ok(false);
        }
        let aside = self.move_aside(&target)?;
        self.steps.push(Step::SetAside(target, aside));
        Ok(true)
    }

    fn move_aside(&mut self, target: &Path) -> Result<PathBuf, Diagnostic> {
        if !self.aside_made {
            std::fs::create_dir_all(&self.aside).map_err(|e| fail(&self.aside, "create folder", e))?;
            self.aside_made = true;
        }
        let aside = self.aside.join(self.steps.len().to_string());
        std::fs::rename(target, &aside).map_err(|e| fail(target, "replace", e))?;
        Ok(aside)
    }

    /// Makes the folders above `target` that are missing, remembering them.
    fn make_parents(&mut self, target: &Path) -> Result<(), Diagnostic> {
        let mut missing = Vec::new();
        let mut current = target.parent();
        while let Some(folder) = current.filter(|f| *f != self.out && !f.is_dir()) {
            missing.push(folder.to_path_buf());
            current = folder.parent();
        }
        for folder in missing.into_iter().rev() {
            std::fs::create_dir(&folder).map_err(|e| fail(&folder, "create folder", e))?;
            self.made.push(folder);
        }
        Ok(())
    }

    /// Puts the output folder back as it was: new files out, replaced and stale files back.
    fn undo(self) {
        for step in self.steps.into_iter().rev() {
            match step {
                Step::Placed(target, replaced) => {
                    let _ = std::fs::remove_file(&target);
                    if let Some(replaced) = replaced {
                        let _ = std::fs::rename(replaced, &target);
                    }
                }
                Step::SetAside(target, aside) => {
                    let _ = std::fs::rename(aside, &target);
                }
            }
        }
        for folder in self.made.iter().rev() {
            let _ = std::fs::remove_dir(folder);
        }
    }

    /// After a successful commit: removes the folders that removing stale files emptied.
    fn finish(self) {
        for step in &self.steps {
            if let Step::SetAside(target, _) = step {
                remove_empty_parents(self.out, target);
            }
        }
    }
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

fn fail(path: &Path, what: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::new(Location::file(path), format!("cannot {what}: {e}"))
}

#[cfg(test)]
#[path = "staging_tests.rs"]
mod tests;
