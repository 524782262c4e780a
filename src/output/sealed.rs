//! The files Folio keeps about an output folder (`stamps`' record, `links`' ledger) are sealed: a
//! 16-byte magic naming the layout, the checksum of the payload, then the payload (bincode). A
//! missing, damaged or older-layout file reads as nothing, and the build that finds it starts afresh.

use crate::memo::checksum;
use serde::de::{DeserializeOwned, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::HashMap;
use std::hash::{BuildHasher, Hash};
use std::marker::PhantomData;
use std::path::Path;

/// The value sealed in the file at `path` under `magic`, if it is whole.
pub(super) fn read_sealed<T: DeserializeOwned>(path: &Path, magic: &[u8; 16]) -> Option<T> {
    let bytes = std::fs::read(path).ok()?;
    let (found, rest) = bytes.split_at_checked(magic.len())?;
    let (sum, payload) = rest.split_at_checked(8)?;
    let whole = found == magic && u64::from_le_bytes(sum.try_into().ok()?) == checksum(payload);
    whole.then(|| bincode::deserialize(payload).ok()).flatten()
}

/// A map decoded into a table sized once for all its entries. serde sizes a large map for a
/// fraction of them and grows it step by step, hashing every key again each time: 43,000 paths for
/// the output record at 10,000 pages. Only for sealed files, whose payload is checked before it is
/// decoded, so that the length it gives is the one written.
pub(super) struct Presized<M>(pub M);

impl<'de, K, V, S> Deserialize<'de> for Presized<HashMap<K, V, S>>
where
    K: Deserialize<'de> + Eq + Hash,
    V: Deserialize<'de>,
    S: BuildHasher + Default,
{
    fn deserialize<D: Deserializer<'de>>(decoder: D) -> Result<Self, D::Error> {
        struct Entries<K, V, S>(PhantomData<(K, V, S)>);
        impl<'de, K, V, S> Visitor<'de> for Entries<K, V, S>
        where
            K: Deserialize<'de> + Eq + Hash,
            V: Deserialize<'de>,
            S: BuildHasher + Default,
        {
            type Value = HashMap<K, V, S>;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<Self::Value, A::Error> {
                let mut map = HashMap::with_capacity_and_hasher(entries.size_hint().unwrap_or(0), S::default());
                while let Some((key, value)) = entries.next_entry()? {
                    map.insert(key, value);
                }
                Ok(map)
            }
        }
        decoder.deserialize_map(Entries(PhantomData)).map(Presized)
    }
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
        assert_eq!(read_sealed::<Vec<(String, u64)>>(&path, magic), Some(value.clone()));
        assert_eq!(read_sealed::<Vec<(String, u64)>>(&path, b"folio-test v2\n\n\n"), None, "another layout");
        let mut bytes = std::fs::read(&path).unwrap();
        *bytes.last_mut().unwrap() ^= 1;
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(read_sealed::<Vec<(String, u64)>>(&path, magic), None, "a flipped bit");
        std::fs::write(&path, &bytes[..10]).unwrap();
        assert_eq!(read_sealed::<Vec<(String, u64)>>(&path, magic), None, "cut short");
        let map: HashMap<String, u64> = value.iter().cloned().collect();
        write_sealed(&path, magic, &map).unwrap();
        let read = read_sealed::<Presized<HashMap<String, u64>>>(&path, magic).map(|map| map.0);
        assert_eq!(read, Some(map), "a map, sized once");
        assert!(std::fs::read_dir(path.parent().unwrap()).unwrap().all(|e| !e
            .unwrap()
            .path()
            .to_string_lossy()
            .ends_with(".tmp")));
    }
}
