//! What `folio build` knows of the files it left in an output folder, so that a rebuild need not
//! read them back to find them unchanged: for each file, its **stamp** as the build last saw it
//! (size, modification and change times, inode) with a checksum of its bytes, and for a copied
//! file the stamp of the file it was copied from. A file whose stamp is the same still holds
//! those bytes, as git's index trusts a file's stat: any write moves a file's change time, which
//! no program can set back (`touch -r` and `cp -p` set only the modification time).
//!
//! A write in the same clock tick in which a stamp was taken would leave the stamp as it was, so a
//! stamp is kept only for a file whose change time is older than a moment taken before the stat
//! (git calls the others "racy"); such a file is read again by the next build.
//!
//! The record lives in the site's build cache, not in the output folder, so a host never gets it.
//! A record that is missing, damaged or of another output folder only means reading the files.

use super::sealed::{read_sealed, write_sealed, Presized};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

pub use crate::content::file_stamp::{file_clock, Stamp};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The first bytes of a record; a new layout gets a new number.
const MAGIC: &[u8; 16] = b"folio-stamps v1\n";

/// What a build knew of one output file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Known {
    pub stamp: Stamp,
    /// The checksum of the file's bytes (`memo::checksum`).
    pub sum: u64,
    /// For a copied file: its source's path digest and stamp when it was copied or compared.
    pub source: Option<(u64, Stamp)>,
}

/// The last build's knowledge of an output folder, by output path.
#[derive(Debug, Default)]
pub struct Record {
    /// Looked up once per output file by every build: a fast hash of the path (the site's own).
    pub known: FxHashMap<String, Known>,
}

impl Record {
    /// The record at `path`, or an empty one when it is missing or damaged.
    pub fn load(path: &Path) -> Record {
        Record { known: read_sealed::<Presized<_>>(path, MAGIC).map(|known| known.0).unwrap_or_default() }
    }

    /// Writes `known` to `path` (see `sealed`); a record that cannot be written only means the
    /// next build reads the files.
    pub fn store(path: &Path, known: &FxHashMap<String, Known>) {
        let _ = write_sealed(path, MAGIC, known);
    }

    /// What is known of the file at `rel`, if its stamp is still `stamp`.
    pub fn unchanged(&self, rel: &str, stamp: Option<Stamp>) -> Option<&Known> {
        self.known.get(rel).filter(|known| stamp == Some(known.stamp))
    }
}

/// Writes `bytes` to a new file at `path`; its stamp as written, when `stamped`, from the open
/// file (no second lookup of the path).
pub(super) fn write_stamped(path: &Path, bytes: &[u8], stamped: bool) -> std::io::Result<Option<Stamp>> {
    let mut file = std::fs::File::create(path)?;
    file.write_all(bytes)?;
    Ok(if stamped { Stamp::from_metadata(&file.metadata()?) } else { None })
}

/// The record's file for the output folder `out`, in the cache folder `dir`: one per folder.
pub fn record_path(dir: &Path, out: &Path) -> PathBuf {
    let out = std::path::absolute(out).unwrap_or_else(|_| out.to_path_buf());
    dir.join(format!("output-{:016x}.bin", crate::memo::fingerprint(out)))
}
