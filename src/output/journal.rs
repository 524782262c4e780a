//! The undo log of a staging folder's commit: every file it moved into the output folder or set
//! aside, every new folder it moved in whole and every folder it made, so that a commit that fails
//! halfway puts the previous site back exactly as it was.

use super::staging::fail;
use super::{remove_empty_parents, safe_join};
use crate::diagnostics::{Diagnostic, Location};
use std::collections::HashMap;
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
    /// What the commit found or did at each folder of the output folder it looked at.
    folders: HashMap<String, Folder>,
}

enum Step {
    /// A file moved into place, and where the file it replaced waits.
    Placed(PathBuf, Option<PathBuf>),
    /// A stale file moved aside.
    SetAside(PathBuf, PathBuf),
    /// A new folder moved in whole from the staging tree, and where it came from.
    MovedIn(PathBuf, PathBuf),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Folder {
    /// The output folder had it (or a file or link of that name).
    There,
    /// Moved in whole from the staging tree by this commit.
    MovedIn,
}

impl<'a> Journal<'a> {
    pub(super) fn new(out: &'a Path, aside: PathBuf) -> Journal<'a> {
        Journal { out, aside, aside_made: false, steps: Vec::new(), made: Vec::new(), folders: HashMap::new() }
    }

    /// When the output folder lacks a folder above `rel`, moves the topmost such folder in whole
    /// from `tree` (the staging tree, which holds `rel` under its own path); whether `rel` is now
    /// in place, moved in with its folder now or before.
    pub(super) fn place_in_new_folder(&mut self, rel: &str, tree: &Path) -> Result<bool, Diagnostic> {
        for (end, _) in rel.match_indices('/') {
            let folder = &rel[..end];
            match self.folders.get(folder) {
                Some(Folder::MovedIn) => return Ok(true),
                Some(Folder::There) => continue,
                None => {}
            }
            let target = self.out.join(folder);
            let missing =
                matches!(std::fs::symlink_metadata(&target), Err(e) if e.kind() == std::io::ErrorKind::NotFound);
            if !missing {
                self.folders.insert(folder.to_string(), Folder::There);
                continue;
            }
            let from = tree.join(folder);
            std::fs::rename(&from, &target).map_err(|e| fail(&target, "write", e))?;
            self.steps.push(Step::MovedIn(target, from));
            self.folders.insert(folder.to_string(), Folder::MovedIn);
            return Ok(true);
        }
        Ok(false)
    }

    /// Moves the staged file at `from` to `rel` in the output folder, keeping the file it replaces.
    pub(super) fn place(&mut self, rel: &str, from: &Path) -> Result<(), Diagnostic> {
        let target = safe_join(self.out, rel)
            .ok_or_else(|| Diagnostic::new(Location::file(rel), "refusing to write outside the output folder"))?;
        let existing = std::fs::symlink_metadata(&target).ok();
        let in_the_way =
            existing.as_ref().is_some_and(|m| m.is_dir() || (m.file_type().is_symlink() && target.is_dir()));
        if in_the_way {
            // Never moved aside: only files Folio wrote are ever removed.
            return Err(Diagnostic::new(Location::file(&target), "cannot write this file: a folder is in the way")
                .with_help("move or rename the folder; Folio does not remove folders it did not make"));
        }
        let replaced = match existing {
            Some(_) => Some(self.move_aside(&target)?),
            None => {
                self.make_parents(rel, &target)?;
                None
            }
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

    /// Makes the folders above `target` (the output path `rel`) that are missing, remembering
    /// them; a folder found or made is not looked at again.
    fn make_parents(&mut self, rel: &str, target: &Path) -> Result<(), Diagnostic> {
        let mut missing = Vec::new();
        let (mut folder, mut path) = (rel, target);
        while let (Some((above, _)), Some(above_path)) = (folder.rsplit_once('/'), path.parent()) {
            (folder, path) = (above, above_path);
            if self.folders.contains_key(folder) || path.is_dir() {
                break;
            }
            missing.push((folder, path.to_path_buf()));
        }
        for (folder, path) in missing.into_iter().rev() {
            std::fs::create_dir(&path).map_err(|e| fail(&path, "create folder", e))?;
            self.folders.insert(folder.to_string(), Folder::There);
            self.made.push(path);
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
                Step::MovedIn(target, from) => {
                    let _ = std::fs::rename(&target, from);
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
