//! The folders a staging folder deals with, each looked at or made once. Whether the output
//! folder has a folder is asked once per folder, and a folder inside a missing one is known to be
//! missing without asking: in a fresh output folder, almost no file's target costs a lookup. A file whose
//! folder the output folder lacks is staged under its own path in the staging tree, so that the
//! commit moves the whole new folder into place with one rename (`Journal::place_in_new_folder`);
//! each of the tree's folders is made once.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

/// Folder bookkeeping of one staging folder; folders are output paths (`/` separated, no slash at
/// either end; "" is the output folder itself).
#[derive(Debug)]
pub(super) struct Folders {
    out: PathBuf,
    tree: PathBuf,
    /// Whether the output folder has each folder asked about.
    present: Mutex<HashMap<String, bool>>,
    /// The staging tree's folders made so far.
    made: Mutex<HashSet<String>>,
    /// Whether any folder was found missing (set before it is noted in `present`).
    any_missing: AtomicBool,
}

impl Folders {
    pub(super) fn new(out: &Path, tree: &Path) -> Folders {
        Folders {
            out: out.to_path_buf(),
            tree: tree.to_path_buf(),
            present: Mutex::default(),
            made: Mutex::default(),
            any_missing: AtomicBool::new(false),
        }
    }

    /// The staging tree: files whose folder the output folder lacks, under their own paths.
    pub(super) fn tree(&self) -> &Path {
        &self.tree
    }

    /// Whether the output folder has the folder `rel` (a symbolic link to a folder counts).
    pub(super) fn present(&self, rel: &str) -> bool {
        if rel.is_empty() {
            return true;
        }
        if let Some(&known) = lock(&self.present).get(rel) {
            return known;
        }
        let known = self.present(parent(rel)) && self.out.join(rel).is_dir();
        if !known {
            self.any_missing.store(true, Ordering::Relaxed);
        }
        lock(&self.present).insert(rel.to_string(), known);
        known
    }

    /// Whether the folder `rel` is known to be missing from the output folder, without looking:
    /// it or a folder above it was found missing before.
    pub(super) fn known_missing(&self, rel: &str) -> bool {
        // Asked for every output file; in a rebuild that stages nothing, no folder was looked at.
        if !self.any_missing.load(Ordering::Relaxed) {
            return false;
        }
        let present = lock(&self.present);
        !rel.is_empty()
            && rel.match_indices('/').map(|(end, _)| &rel[..end]).chain([rel]).any(|f| present.get(f) == Some(&false))
    }

    /// Makes the folder `rel` of the staging tree, and those above it, unless made already.
    pub(super) fn make_in_tree(&self, rel: &str) -> std::io::Result<()> {
        if rel.is_empty() || lock(&self.made).contains(rel) {
            return Ok(());
        }
        self.make_in_tree(parent(rel))?;
        match std::fs::create_dir(self.tree.join(rel)) {
            // Another thread made it first.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            other => other?,
        }
        lock(&self.made).insert(rel.to_string());
        Ok(())
    }
}

/// The folder of the output path `rel` ("" for a file at the top).
pub(super) fn parent(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(folder, _)| folder)
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_inside_a_missing_one_is_missing_and_tree_folders_are_made_with_their_parents() {
        let dir = tempfile::tempdir().unwrap();
        let (out, tree) = (dir.path().join("out"), dir.path().join("tree"));
        std::fs::create_dir_all(out.join("a/b")).unwrap();
        std::fs::create_dir_all(&tree).unwrap();
        let folders = Folders::new(&out, &tree);
        assert!(folders.present("") && folders.present("a/b") && folders.present("a"));
        assert!(!folders.present("c/d"));
        // Asked once: a folder made afterwards is still missing to this staging folder.
        std::fs::create_dir_all(out.join("c/d")).unwrap();
        assert!(!folders.present("c/d") && !folders.present("c"));
        assert!(folders.known_missing("c/d/e") && folders.known_missing("c") && !folders.known_missing("a/b/f"));
        folders.make_in_tree("x/y/z").unwrap();
        folders.make_in_tree("x/y").unwrap();
        assert!(tree.join("x/y/z").is_dir());
        assert_eq!((parent("a/b/c.html"), parent("c.html")), ("a/b", ""));
    }
}
