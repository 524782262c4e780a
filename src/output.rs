//! The built site in memory, and writing it to disk.
//!
//! A build produces an `Output` and nothing touches the disk until it succeeded, so a failed build
//! leaves the previous site as it was. Writing records what Folio wrote in a manifest; only files
//! listed there are ever removed by a later build, so files a user put in the folder are never deleted.

use crate::diagnostics::{Diagnostic, Location};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

/// Lists the files the last build wrote, relative to the output folder.
pub const MANIFEST: &str = ".folio-manifest";

/// Where a file's bytes come from.
#[derive(Debug, Clone)]
pub enum FileSource {
    Bytes(Vec<u8>),
    /// Copied from the site or a theme folder when written.
    Copy(PathBuf),
    Embedded(&'static [u8]),
}

impl FileSource {
    /// The file's bytes (reads copied files from disk).
    pub fn read(&self) -> std::io::Result<std::borrow::Cow<'_, [u8]>> {
        match self {
            FileSource::Bytes(b) => Ok(b.as_slice().into()),
            FileSource::Embedded(b) => Ok((*b).into()),
            FileSource::Copy(path) => std::fs::read(path).map(Into::into),
        }
    }
}

/// The whole site: output path (no leading slash, `/` separated) → contents.
#[derive(Debug, Default, Clone)]
pub struct Output {
    pub files: BTreeMap<String, FileSource>,
}

impl Output {
    pub fn get(&self, path: &str) -> Option<&FileSource> {
        self.files.get(path)
    }

    /// The text of a generated file, for tests and the dev server.
    pub fn text(&self, path: &str) -> Option<String> {
        let bytes = self.files.get(path)?.read().ok()?;
        Some(String::from_utf8_lossy(&bytes).into_owned())
    }
}

/// What writing did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct WriteReport {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// Refuses output folders that would overwrite or swallow the site itself.
pub fn check_output_dir(root: &Path, output_dir: &Path) -> Result<(), Diagnostic> {
    let root = absolute(root);
    let out = absolute(output_dir);
    let refuse = |why: &str| {
        Err(Diagnostic::new(Location::file(output_dir), format!("refusing to write the site here: {why}"))
            .with_help("choose an output folder of its own, e.g. --output public"))
    };
    if root.starts_with(&out) {
        return refuse("it is, or contains, the site root");
    }
    for protected in ["content", "static", "templates", "themes", "i18n"] {
        let dir = root.join(protected);
        if dir.starts_with(&out) || out.starts_with(&dir) {
            return refuse(&format!("it is, contains or is inside {protected}/"));
        }
    }
    Ok(())
}

/// An absolute, lexically normalized path (the folder may not exist yet).
fn absolute(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let abs = abs.canonicalize().unwrap_or(abs);
    let mut out = PathBuf::new();
    for component in abs.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes `output` into `dir`: changed files are replaced atomically, files the previous build
/// wrote and this one did not are removed, and nothing else is touched.
pub fn write_output(output: &Output, dir: &Path) -> Result<WriteReport, Diagnostic> {
    let fail = |path: &Path, what: &str, e: std::io::Error| {
        Diagnostic::new(Location::file(path), format!("cannot {what}: {e}"))
    };
    std::fs::create_dir_all(dir).map_err(|e| fail(dir, "create the output folder", e))?;
    let previous = read_manifest(dir);
    let mut report = WriteReport::default();
    for (rel, source) in &output.files {
        let target = safe_join(dir, rel)
            .ok_or_else(|| Diagnostic::new(Location::file(rel), "refusing to write outside the output folder"))?;
        let bytes = source.read().map_err(|e| fail(&target, "read the source of this file", e))?;
        if std::fs::read(&target).is_ok_and(|old| old == *bytes) {
            report.unchanged += 1;
            continue;
        }
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| fail(parent, "create folder", e))?;
        }
        // Write beside the target, then rename: a reader never sees half a file.
        let temp =
            target.with_file_name(format!(".{}.folio-tmp", target.file_name().unwrap_or_default().to_string_lossy()));
        std::fs::write(&temp, &bytes).map_err(|e| fail(&temp, "write", e))?;
        std::fs::rename(&temp, &target).map_err(|e| fail(&target, "write", e))?;
        report.written += 1;
    }
    for stale in previous.iter().filter(|p| !output.files.contains_key(p.as_str())) {
        if let Some(path) = safe_join(dir, stale) {
            if std::fs::remove_file(&path).is_ok() {
                report.removed += 1;
                remove_empty_parents(dir, &path);
            }
        }
    }
    let manifest: String = output.files.keys().map(|k| format!("{k}\n")).collect();
    std::fs::write(dir.join(MANIFEST), manifest).map_err(|e| fail(&dir.join(MANIFEST), "write", e))?;
    Ok(report)
}

fn read_manifest(dir: &Path) -> BTreeSet<String> {
    std::fs::read_to_string(dir.join(MANIFEST))
        .map(|text| text.lines().filter(|l| !l.is_empty()).map(str::to_string).collect())
        .unwrap_or_default()
}

/// `dir/rel`, or `None` if `rel` could climb out of `dir`.
fn safe_join(dir: &Path, rel: &str) -> Option<PathBuf> {
    let rel = Path::new(rel);
    rel.components().all(|c| matches!(c, Component::Normal(_))).then(|| dir.join(rel))
}

/// Removes folders emptied by removing stale files, up to (not including) the output folder.
fn remove_empty_parents(dir: &Path, file: &Path) {
    let mut current = file.parent();
    while let Some(folder) = current {
        if folder == dir || std::fs::remove_dir(folder).is_err() {
            break;
        }
        current = folder.parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_paths_that_climb_out() {
        assert!(safe_join(Path::new("/out"), "../etc/passwd").is_none());
        assert!(safe_join(Path::new("/out"), "/etc/passwd").is_none());
        assert_eq!(safe_join(Path::new("/out"), "a/b.html"), Some(PathBuf::from("/out/a/b.html")));
    }

    #[test]
    fn refuses_output_over_the_site() {
        let root = Path::new("/tmp/folio-site-x");
        assert!(check_output_dir(root, root).is_err());
        assert!(check_output_dir(root, Path::new("/tmp")).is_err());
        assert!(check_output_dir(root, &root.join("content")).is_err());
        assert!(check_output_dir(root, &root.join("content/blog")).is_err());
        assert!(check_output_dir(root, &root.join("public")).is_ok());
    }
}
