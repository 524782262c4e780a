//! Memory between builds, for the dev server: a rebuild re-renders only what its inputs changed.
//!
//! Every cached step is a pure function of its inputs, and entries are keyed by a fingerprint of
//! *all* of them, so a cached build always equals a full build; what a change touches is found by
//! comparing inputs, not by guessing dependencies.

use crate::markdown::Rendered;
use rustc_hash::FxHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// What the previous build produced, by fingerprint of what it was made from.
#[derive(Debug, Default)]
pub struct BuildCache {
    /// Files changed since the previous build, when the caller knows them (the dev server's
    /// watcher does): unchanged pages are then not read again. `None` means "look at everything".
    pub changed: Option<Vec<std::path::PathBuf>>,
    /// The files the previous build found and read, as they are on disk.
    pub(crate) content: Option<crate::content::Discovered>,
    /// The previous build's assembled site, and whether it included drafts and future pages.
    pub(crate) site: Option<((bool, bool), crate::site::Site)>,
    /// Fingerprint of a Markdown text and everything its HTML depends on → that HTML.
    pub(crate) markdown: HashMap<u64, Arc<Rendered>>,
    /// Output path → (fingerprint of template, templates and context; the rendered page).
    pub(crate) pages: HashMap<String, (u64, Arc<[u8]>)>,
    /// Term counts of each page's text, for related pages.
    pub(crate) related: crate::site::RelatedCache,
    /// The compiled templates, by fingerprint of their sources and the base path.
    pub(crate) templates: Option<(u64, Arc<tera::Tera>)>,
    /// Each page's share of the search index, by fingerprint of its inputs.
    pub(crate) search: crate::search::index::SearchCache,
    /// How much the last build could reuse.
    pub stats: CacheStats,
}

/// Counts from the last build, to show (and test) that a small edit does little work.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CacheStats {
    pub markdown_rendered: usize,
    pub markdown_reused: usize,
    pub pages_rendered: usize,
    pub pages_reused: usize,
}

/// A fingerprint of anything hashable. Stable within one process, which is all a cache needs; a
/// fast non-cryptographic hash, since the inputs are the site's own files.
pub fn fingerprint(value: impl Hash) -> u64 {
    let mut hasher = FxHasher::default();
    value.hash(&mut hasher);
    hasher.finish()
}

/// A fingerprint of a JSON value, hashed as its serialized text without building the string.
pub fn fingerprint_json(seed: u64, value: &serde_json::Value) -> u64 {
    struct HashWriter(FxHasher);
    impl std::io::Write for HashWriter {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.write(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut writer = HashWriter(FxHasher::default());
    seed.hash(&mut writer.0);
    // Writing into a hasher cannot fail.
    let _ = serde_json::to_writer(&mut writer, value);
    writer.0.finish()
}
