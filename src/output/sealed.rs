//! The files Folio keeps about an output folder (`stamps`' record, `links`' ledger) are sealed: a
//! 16-byte magic naming the layout, the checksum of the payload, then the payload (bincode). A
//! missing, damaged or older-layout file reads as nothing, and the build that finds it starts afresh.

use crate::memo::checksum;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::path::Path;

/// The value sealed in the file at `path` under `magic`, if it is whole.
pub(super) fn read_sealed<T: DeserializeOwned>(path: &Path, magic: &[u8; 16]) -> Option<T> {
    let bytes = std::fs::read(path).ok()?;
    let (found, rest) = bytes.split_at_checked(magic.len())?;
    let (sum, payload) = rest.split_at_checked(8)?;
    let whole = found == magic && u64::from_le_bytes(sum.try_into().ok()?) == checksum(payload);
    whole.then(|| bincode::deserialize(payload).ok()).flatten()
}

/// Seals `value` into the file at `path` under `magic`, through a temporary file renamed into
/// place, so that a reader never sees half a file.
pub(super) fn write_sealed<T: Serialize>(path: &Path, magic: &[u8; 16], value: &T) -> std::io::Result<()> {
    let payload = bincode::serialize(value).map_err(std::io::Error::other)?;
    let mut bytes = Vec::with_capacity(magic.len() + 8 + payload.len());
    bytes.extend_from_slice(magic);
    bytes.extend_from_slice(&checksum(&payload).to_le_bytes());
    bytes.extend_from_slice(&payload);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let temporary = path.with_extension(format!("{}.tmp", std::process::id()));
    let written = std::fs::write(&temporary, &bytes).and_then(|()| std::fs::rename(&temporary, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_value_reads_back_and_a_damaged_one_reads_as_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/record.bin");
        let magic = b"folio-test v1\n\n\n";
        let value: Vec<(String, u64)> = vec![("index.html".into(), 7), ("kb/a/index.html".into(), 9)];
        write_sealed(&path, magic, &value).unwrap();
        assert_eq!(read_sealed::<Vec<(String, u64)>>(&path, magic), Some(value));
        assert_eq!(read_sealed::<Vec<(String, u64)>>(&path, b"folio-test v2\n\n\n"), None, "another layout");
        let mut bytes = std::fs::read(&path).unwrap();
        *bytes.last_mut().unwrap() ^= 1;
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(read_sealed::<Vec<(String, u64)>>(&path, magic), None, "a flipped bit");
        std::fs::write(&path, &bytes[..10]).unwrap();
        assert_eq!(read_sealed::<Vec<(String, u64)>>(&path, magic), None, "cut short");
        assert!(std::fs::read_dir(path.parent().unwrap()).unwrap().all(|e| !e
            .unwrap()
            .path()
            .to_string_lossy()
            .ends_with(".tmp")));
    }
}
