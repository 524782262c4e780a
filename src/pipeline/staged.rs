//! `folio build`'s way through the pipeline: every page, search file and site-wide file goes to the
//! output folder's `Staging` folder as soon as it is made, instead of being held until the end, so
//! a build's memory does not grow with the size of its output. The `Output` it returns lists each
//! file with where its bytes are; `Staging::commit` then puts them in place.

use super::{build_into, BuildCache, BuildOptions, Built};
use crate::diagnostics::{BuildError, Diagnostic};
use crate::output::{FileSource, Staging};

/// Builds the site, handing its files to `staging` as they are made. Nothing in the output folder
/// changes until the caller commits `staging` with the returned output.
pub fn build_site_staged(options: &BuildOptions, staging: &Staging) -> Result<Built, BuildError> {
    build_into(options, &mut BuildCache::default(), Some(staging))
}

/// Where one site's files go: the staging folder, under the site's language prefix (`fr/`).
#[derive(Clone, Copy)]
pub(super) struct Sink<'a> {
    pub staging: &'a Staging,
    pub prefix: &'a str,
}

impl Sink<'_> {
    /// Stages the file at `path` (relative to this site).
    pub fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.staging.put(&super::languages::prefixed(self.prefix, path), bytes).map(drop)
    }

    /// The output entry for a file of this site: a page the renderer already staged (it kept no
    /// bytes), or any other file, staged now.
    pub fn staged(&self, path: &str, bytes: &[u8]) -> Result<FileSource, Diagnostic> {
        let rel = super::languages::prefixed(self.prefix, path);
        match self.staging.location(&rel) {
            Some(location) if bytes.is_empty() => Ok(FileSource::Staged(location)),
            _ => self.staging.put(&rel, bytes).map(FileSource::Staged),
        }
    }
}

impl Sink<'_> {
    /// Takes the file at `path` as the output folder holds it if its bytes have the checksum
    /// `sum` (see `Staging::keep_if_holds`); whether they have.
    pub fn keep_if_holds(&self, path: &str, sum: u64) -> bool {
        self.staging.keep_if_holds(&super::languages::prefixed(self.prefix, path), sum)
    }
}
