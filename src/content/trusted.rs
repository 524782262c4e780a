//! What `folio build` knew of each page file it read, so that the next build need not read an
//! unchanged one: the file's stamp (size, modification and change times, inode), the fingerprint
//! of its path and text, and its raw front matter. With the front matter the last build parsed
//! (`front_memory`, by that fingerprint), a page whose stamp is the same is the very page it was,
//! and its body is read only if a stage uses it (`body::Body`).
//!
//! As for the output folder's files (`output::stamps`), a stamp is trusted because any write moves
//! a file's change time, which no program can set back (`touch -d` sets only the modification
//! time), and a file put in another's place (a rename, a deleted and re-created file) has another
//! inode or a newer change time. A stamp taken in the same tick of the file system's clock as a
//! write could not tell that write apart, so only stamps older than a moment taken before the
//! build looked at the files are kept; the next build reads the others again.

use super::file_stamp::Stamp;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// The page files the last build read and may trust, by their path inside `content/`.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageStamps {
    files: FxHashMap<String, TrustedFile>,
}

/// One page file as the last build read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrustedFile {
    pub stamp: Stamp,
    /// A digest of the file's absolute path: a site folder moved whole keeps its files' stamps,
    /// but its pages' fingerprints (which cover the path) change.
    pub path: u64,
    /// `SourcePage::fingerprint`: of the file's text, `rel` and path.
    pub fingerprint: u64,
    /// `Parsed::front_text`, which is part of the file's text.
    pub front_text: String,
}

impl PageStamps {
    /// What is known of the page `rel` at `path`, if its file's stamp is still `stamp`.
    pub fn unchanged(&self, rel: &str, path: &std::path::Path, stamp: Option<Stamp>) -> Option<&TrustedFile> {
        let known = self.files.get(rel).filter(|known| stamp == Some(known.stamp))?;
        (known.path == crate::memo::fingerprint(path)).then_some(known)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The record of this build's pages, from the files that may be trusted next time.
    pub fn from_files(files: impl IntoIterator<Item = (String, TrustedFile)>) -> PageStamps {
        PageStamps { files: files.into_iter().collect() }
    }
}

#[cfg(test)]
#[path = "trusted_tests.rs"]
mod tests;
