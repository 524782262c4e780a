//! Listing the site's files: every file under `content/` and `static/`, split into Markdown pages
//! and the files published as they are, with hidden and editor files left out and no symbolic link
//! followed out of the site.

use super::{authors, Asset};
use crate::diagnostics::{Diagnostic, Location};
use std::path::{Path, PathBuf};

/// The files found under the site root, before any page is read.
pub(super) struct Listed {
    pub(super) markdown: Vec<Asset>,
    pub(super) content_assets: Vec<Asset>,
    pub(super) static_files: Vec<Asset>,
    pub(super) authors_file: Option<authors::AuthorsFile>,
    pub(super) errors: Vec<Diagnostic>,
}

/// Every file under the site's `content/` and `static/` folders, and the authors' data file read.
pub(super) fn list_site(root: &Path) -> Listed {
    let mut errors = Vec::new();
    let content_dir = root.join("content");
    let (markdown, mut content_assets) = list_files(root, &content_dir, &mut errors);
    let data: Vec<PathBuf> =
        content_assets.iter().filter(|a| authors::is_authors_file(&a.rel)).map(|a| a.path.clone()).collect();
    content_assets.retain(|a| !authors::is_authors_file(&a.rel));
    let authors_file = authors::read_authors_file(&data).unwrap_or_else(|e| {
        errors.push(e);
        None
    });
    let (static_md, static_other) = list_files(root, &root.join("static"), &mut errors);
    let static_files = static_md.into_iter().chain(static_other).collect();
    Listed { markdown, content_assets, static_files, authors_file, errors }
}

/// Lists files under `dir` as (Markdown files, other files). A missing folder is simply empty.
fn list_files(root: &Path, dir: &Path, errors: &mut Vec<Diagnostic>) -> (Vec<Asset>, Vec<Asset>) {
    let (mut markdown, mut other) = (Vec::new(), Vec::new());
    if !dir.is_dir() {
        return (markdown, other);
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let walker = walkdir::WalkDir::new(dir).sort_by_file_name().into_iter();
    for entry in walker.filter_entry(|e| e.depth() == 0 || !is_ignored(e.file_name().to_string_lossy().as_ref())) {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                errors.push(Diagnostic::new(Location::file(path), format!("cannot read: {e}")));
                continue;
            }
        };
        if entry.path_is_symlink() && !link_stays_inside(entry.path(), &canonical_root) {
            errors.push(
                Diagnostic::new(
                    Location::file(entry.path()),
                    "symbolic link points outside the site; Folio does not follow it",
                )
                .with_help("copy the file into the site instead of linking to it"),
            );
            continue;
        }
        // The walk already knows a plain file's type; only a link is followed to its target's.
        let is_file = if entry.path_is_symlink() {
            std::fs::metadata(entry.path()).map(|m| m.is_file()).unwrap_or(false)
        } else {
            entry.file_type().is_file()
        };
        if !is_file {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        let asset = Asset { path: entry.path().to_path_buf(), rel };
        if entry.path().extension().is_some_and(|e| e == "md") {
            markdown.push(asset);
        } else {
            other.push(asset);
        }
    }
    (markdown, other)
}

/// Hidden files, editor backups and swap files are never content.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.starts_with("#")
}

fn link_stays_inside(path: &Path, canonical_root: &Path) -> bool {
    path.canonicalize().map(|target| target.starts_with(canonical_root)).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_files_are_ignored() {
        for name in [".git", ".DS_Store", "post.md~", ".post.md.swp", "#post.md#", "x.tmp"] {
            assert!(is_ignored(name), "{name}");
        }
        assert!(!is_ignored("post.md"));
    }
}
