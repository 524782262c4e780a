//! The undo log of a staging folder's commit: every file it moved into the output folder or set
//! aside, and every folder it made, so that a commit that fails halfway puts the previous site back
//! exactly as it was.

use super::staging::fail;
use super::{remove_empty_parents, safe_join};
use crate::diagnostics::{Diagnostic, Location};
use std::path::{Path, PathBuf};

/// What a commit changed in the output folder, so that it can be undone.
pub(super) struct Journal<'a> {
    pub(super) out: &'a Path,
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
    pub(super) fn new(out: &'a Path, aside: PathBuf) -> Journal<'a> {
        Journal { out, aside, aside_made: false, steps: Vec::new(), made: Vec::new() }
    }

    /// Moves the staged file at `from` to `rel` in the output folder, keeping the file it replaces.
    pub(super) fn place(&mut self, rel: &str, from: &Path) -> Result<(), Diagnostic> {
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
    pub(super) fn set_aside(&mut self, rel: &str) -> Result<bool, Diagnostic> {
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
    pub(super) fn undo(self) {
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
    pub(super) fn finish(self) {
        for step in &self.steps {
            if let Step::SetAside(target, _) = step {
                remove_empty_parents(self.out, target);
            }
        }
    }
}
