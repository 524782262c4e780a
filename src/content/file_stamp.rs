//! A file's stamp — size, modification and change times, inode — by which a build trusts that a
//! file it saw before still holds the same bytes without reading it (see `output::stamps` for the
//! output folder, `content::trusted` for the pages), and the file system's clock that tells which
//! stamps a write in the same tick could leave unchanged.

use serde::{Deserialize, Serialize};
use std::path::Path;

/// A file's size, modification and change times (nanoseconds) and inode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    len: u64,
    modified: i128,
    changed: i128,
    inode: u64,
}

impl Stamp {
    /// The stamp of the file at `path`, or `None` when it is not a plain file (or the platform
    /// has no change times, when nothing is ever taken on trust).
    pub fn of(path: &Path) -> Option<Stamp> {
        Stamp::from_metadata(&std::fs::metadata(path).ok()?)
    }

    #[cfg(unix)]
    pub fn from_metadata(meta: &std::fs::Metadata) -> Option<Stamp> {
        use std::os::unix::fs::MetadataExt;
        let nanos = |seconds: i64, nanos: i64| i128::from(seconds) * 1_000_000_000 + i128::from(nanos);
        meta.is_file().then(|| Stamp {
            len: meta.len(),
            modified: nanos(meta.mtime(), meta.mtime_nsec()),
            changed: nanos(meta.ctime(), meta.ctime_nsec()),
            inode: meta.ino(),
        })
    }

    #[cfg(not(unix))]
    pub fn from_metadata(_: &std::fs::Metadata) -> Option<Stamp> {
        None
    }

    /// Whether a write after `moment` (a change time in the file system's clock) must move this
    /// stamp: the file's own change time is older.
    pub fn older_than(&self, moment: Option<i128>) -> bool {
        moment.is_some_and(|moment| self.changed < moment)
    }

    /// The length of the file.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// The file's modification time.
    pub fn modified(&self) -> std::time::SystemTime {
        let after = |nanos: i128| std::time::Duration::from_nanos(u64::try_from(nanos).unwrap_or(u64::MAX));
        match self.modified {
            nanos if nanos >= 0 => std::time::UNIX_EPOCH + after(nanos),
            nanos => std::time::UNIX_EPOCH - after(-nanos),
        }
    }

    /// Whether the file is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// The current moment in the file system's clock: the change time of a file made now in `dir`.
/// Files are stamped by that clock (coarser than the system's), so only it can say which stamps a
/// later write must move.
pub fn file_clock(dir: &Path) -> Option<i128> {
    let marker = dir.join(format!(".clock-{}", std::process::id()));
    std::fs::write(&marker, b"").ok()?;
    let moment = Stamp::of(&marker).map(|stamp| stamp.changed);
    let _ = std::fs::remove_file(&marker);
    moment
}
