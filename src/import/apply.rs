//! Writing a planned import into the site. A manifest (`.folio/import-<importer>.json`) records a
//! hash of every file the import wrote, so a second run can tell three cases apart: the file is
//! as planned (nothing to do), the file is as the import left it but the source changed (update
//! it), or someone edited it since (a conflict: it is left alone and reported).

use super::plan::{Content, Importer, Plan};
use super::report::ImportReport;
use crate::diagnostics::{Diagnostic, Location};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
struct Manifest {
    /// Path from the site root → FNV-1a hash of the bytes the import wrote there.
    files: BTreeMap<String, String>,
    /// The last run's full report, for the lists the printed summary cuts short.
    #[serde(default)]
    report: serde_json::Value,
}

/// Writes what changed and returns the report with what happened to each file.
pub fn apply_plan(plan: Plan, root: &Path, importer: Importer) -> Result<ImportReport, Diagnostic> {
    let Plan { files, mut report } = plan;
    let manifest_path = root.join(".folio").join(format!("import-{}.json", importer.name()));
    let mut manifest = read_manifest(&manifest_path)?;
    let mut pending: Vec<(PathBuf, Content, String)> = Vec::new();
    for file in files {
        let path = root.join(&file.rel);
        let planned = match &file.content {
            Content::Text(text) => hash_bytes(text.as_bytes()),
            Content::Copy(from) => hash_file(from)?,
        };
        let current = match std::fs::metadata(&path) {
            Ok(_) => Some(hash_file(&path)?),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(Diagnostic::new(Location::file(&path), format!("cannot read: {e}"))),
        };
        let recorded = manifest.files.get(&file.rel);
        match (current, recorded) {
            (Some(current), _) if current == planned => {
                report.unchanged += 1;
                manifest.files.insert(file.rel, planned);
            }
            (Some(current), Some(recorded)) if &current == recorded => pending.push((path, file.content, file.rel)),
            (Some(_), _) => report.conflicts.push(file.rel),
            (None, Some(_)) => report.deleted_by_user.push(file.rel),
            (None, None) => pending.push((path, file.content, file.rel)),
        }
    }
    for (path, content, rel) in pending {
        write_file(&path, &content)?;
        let hash = match &content {
            Content::Text(text) => hash_bytes(text.as_bytes()),
            Content::Copy(from) => hash_file(from)?,
        };
        manifest.files.insert(rel.clone(), hash);
        report.copied_files += usize::from(matches!(content, Content::Copy(_)));
        report.written.push(rel);
    }
    manifest.report = serde_json::to_value(&report).unwrap_or_default();
    let text = serde_json::to_string_pretty(&manifest).unwrap_or_default();
    write_file(&manifest_path, &Content::Text(text + "\n"))?;
    Ok(report)
}

fn read_manifest(path: &Path) -> Result<Manifest, Diagnostic> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Manifest::default()),
        Err(e) => return Err(Diagnostic::new(Location::file(path), format!("cannot read: {e}"))),
    };
    serde_json::from_str(&text).map_err(|e| {
        Diagnostic::new(Location::new(path, e.line(), e.column()), format!("the import manifest is damaged: {e}"))
            .with_help("delete it to import afresh; files that exist are then reported as conflicts, never overwritten")
    })
}

/// Writes through a temporary file beside the target, so no file is ever left half-written.
fn write_file(path: &Path, content: &Content) -> Result<(), Diagnostic> {
    let fail = |e: std::io::Error| {
        Diagnostic::new(Location::file(path), format!("cannot write: {e}"))
            .with_help("files written before this one are in place; fix the cause and import again to finish")
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(fail)?;
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.folio-import.tmp"));
    match content {
        Content::Text(text) => std::fs::write(&temp, text).map_err(fail)?,
        Content::Copy(from) => {
            std::fs::copy(from, &temp).map_err(fail)?;
        }
    }
    std::fs::rename(&temp, path).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        fail(e)
    })
}

/// FNV-1a, 64 bits: stable across versions and platforms, which the manifest needs.
fn hash_bytes(bytes: &[u8]) -> String {
    let mut hasher = Fnv::default();
    hasher.update(bytes);
    hasher.finish()
}

fn hash_file(path: &Path) -> Result<String, Diagnostic> {
    let fail = |e: std::io::Error| Diagnostic::new(Location::file(path), format!("cannot read: {e}"));
    let mut file = std::fs::File::open(path).map_err(fail)?;
    let mut hasher = Fnv::default();
    let mut buffer = vec![0; 64 * 1024];
    loop {
        let n = file.read(&mut buffer).map_err(fail)?;
        if n == 0 {
            return Ok(hasher.finish());
        }
        hasher.update(&buffer[..n]);
    }
}

struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn update(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> String {
        format!("{:016x}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_matches_the_reference_values() {
        assert_eq!(hash_bytes(b""), "cbf29ce484222325");
        assert_eq!(hash_bytes(b"a"), "af63dc4c8601ec8c");
    }
}
