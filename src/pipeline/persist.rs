//! `folio build`'s memory between runs: the results of its most expensive stages, kept in
//! `.folio-cache/build/` so that building an unchanged site again costs a fraction of the first
//! build. The dev server keeps its memory in the process instead (`BuildCache`) and never reads
//! these files.
//!
//! Each entry is one stage's whole result for one site (one per language of a multilingual site),
//! stored under a fixed name with the **key** it was made for: a digest of every value the stage
//! was given (the assembled site's `digest()`, which covers `site.yaml`, every page and every
//! folder; the Markdown's keys; the generated pages), made with this very Folio binary (its
//! version and a digest of its executable, so an upgrade or a rebuilt Folio starts afresh). A
//! result is reused only for the same key, so the written site is the same as a cold build's;
//! the checked mode (see `memo`) computes every reused result again and panics if they differ.
//!
//! An entry that is missing, truncated, corrupted or from another Folio is computed again and
//! rewritten; a cache folder that cannot be written is only a slower build. Entries are written
//! to a temporary file and renamed into place, so a concurrent build never reads half of one, and
//! they are pruned like the images and cards (`cache.max_age`, `folio build --gc`).

use crate::content::body::{debug_cache, LateReads};
use crate::diagnostics::{Diagnostic, Location};
use crate::markdown::HtmlFile;
use crate::memo::{checking, fingerprint, Checksum};
use bincode::Options;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt::Debug;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// The folder of the stages' entries, beside `images/` and `cards/` (`disk_cache` prunes all three).
pub const CACHE_DIR: &str = ".folio-cache/build";

/// The first bytes of every entry; a new layout gets a new number.
const MAGIC: &[u8; 16] = b"folio-stage v1\n\0";

/// The header: magic, Folio's identity, the key, the payload's length and checksum.
const HEADER: usize = MAGIC.len() + 8 * 4;

/// One site's entries in the cache folder, and the ones this build read or wrote.
#[derive(Debug)]
pub(super) struct StageStore {
    dir: PathBuf,
    /// `""` for a one-language site, the language prefix (`fr/`) of one of a multilingual site.
    prefix: String,
    identity: u64,
    used: Mutex<Vec<PathBuf>>,
    /// The entries held open for reading on demand, which `check_whole` looks at.
    held: Mutex<Vec<Arc<HtmlFile>>>,
    /// The bodies of pages trusted by their file's stamp, read late (`check_pages` looks at them).
    pages: Mutex<Option<(Arc<LateReads>, usize)>>,
}

impl StageStore {
    /// The store of the site at `root` (of its language at `prefix`), or `None` when this Folio
    /// cannot tell what it is (its executable cannot be read), in which case nothing is kept.
    pub fn open(root: &Path, prefix: &str) -> Option<StageStore> {
        let dir = root.join(CACHE_DIR);
        let identity = folio_identity(&dir)?;
        let prefix = prefix.trim_end_matches('/').to_string();
        let store = StageStore {
            dir,
            prefix,
            identity,
            used: Mutex::default(),
            held: Mutex::default(),
            pages: Mutex::default(),
        };
        // The executable's checksum, kept beside the entries of every language (see `executable_checksum`).
        let executable = store.dir.join(format!("{EXECUTABLE}.bin"));
        if executable.is_file() {
            store.used(executable);
        }
        Some(store)
    }

    /// Keeps `file`, an entry this build reads on demand, to be checked by `check_whole`.
    pub fn hold(&self, file: Arc<HtmlFile>) {
        self.held.lock().unwrap_or_else(|e| e.into_inner()).push(file);
    }

    /// Keeps the late reads of the `trusted` pages' bodies, for `check_pages`.
    pub fn hold_pages(&self, late: Arc<LateReads>, trusted: usize) {
        *self.pages.lock().unwrap_or_else(|e| e.into_inner()) = Some((late, trusted));
    }

    /// Fails when a page trusted by its file's stamp had changed when its body was read late (an
    /// edit during the build): the pages made from what was trusted must not be committed. The
    /// cache holds nothing wrong, so it is kept; the next build reads the file.
    pub fn check_pages(&self) -> Result<(), Diagnostic> {
        let pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
        let Some((late, trusted)) = pages.as_ref() else { return Ok(()) };
        if debug_cache() {
            eprintln!(
                "folio cache: {trusted} pages trusted by their file's stamp, {} of their bodies read",
                late.read()
            );
        }
        let Some(path) = late.changed() else { return Ok(()) };
        let message =
            "this page changed while the build ran; the build stopped and the output folder was left as it was";
        Err(Diagnostic::new(Location::file(path), message).with_help("build again"))
    }

    /// Fails when an entry held open was changed in place by another program while this build
    /// read it: what was made from it cannot be trusted, so the build must not be committed. Every
    /// entry this build read or wrote is removed, so that the next build starts cold.
    pub fn check_whole(&self) -> Result<(), Diagnostic> {
        let held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        let Some(damaged) = held.iter().find(|file| file.damaged()) else { return Ok(()) };
        for path in self.used_entries().iter().chain([&damaged.path().to_path_buf()]) {
            let _ = std::fs::remove_file(path);
        }
        let message = "this cache entry was changed by another program while the build read it; \
                       the build stopped and the output folder was left as it was";
        let help = "the build's cache entries were removed: build again (it starts cold)";
        Err(Diagnostic::new(Location::file(damaged.path()), message).with_help(help))
    }

    /// The result of `stage` for inputs with digest `key`: the stored one if it was made for the
    /// same key by this Folio, else `compute()`'s, which is then stored. In the checked mode a
    /// stored result is computed again and compared.
    pub fn get_or_compute<T>(&self, stage: &str, key: u64, compute: impl FnOnce() -> T) -> T
    where
        T: Serialize + DeserializeOwned + PartialEq + Debug,
    {
        let path = self.entry(stage);
        if let Some(stored) = self.load::<T>(&path, key) {
            self.used(path);
            if checking() {
                let fresh = compute();
                assert!(
                    fresh == stored,
                    "cache check failed: the {stage} stage's entry in {} is stale; its key misses an input.\n\
                     stored: {:.2000}\nfresh:  {:.2000}",
                    self.dir.display(),
                    format!("{stored:?}"),
                    format!("{fresh:?}"),
                );
            }
            return stored;
        }
        let value = compute();
        if self.store(&path, key, &value) {
            self.used(path);
        }
        value
    }

    /// The entry of `stage` if it was made for `key` by this Folio (no checked mode: the caller
    /// proves what it takes from it).
    pub fn load_keyed<T: DeserializeOwned>(&self, stage: &str, key: u64) -> Option<T> {
        let path = self.entry(stage);
        let value = self.load(&path, key)?;
        self.used(path);
        Some(value)
    }

    /// Stores `value` as the entry of `stage` for `key` (see `load_keyed`).
    pub fn store_keyed<T: Serialize>(&self, stage: &str, key: u64, value: &T) {
        let path = self.entry(stage);
        if self.store(&path, key, value) {
            self.used(path);
        }
    }

    /// Counts the entry of `stage` as used by this build (so pruning keeps it) without reading it.
    pub fn keep_entry(&self, stage: &str) {
        let path = self.entry(stage);
        if path.is_file() {
            self.used(path);
        }
    }

    /// The entries of `stage` that carry their own keys inside (a map from page to key and
    /// result), as the last build of this Folio stored them.
    pub fn load_entries<T: DeserializeOwned>(&self, stage: &str) -> Option<T> {
        let path = self.entry(stage);
        let entries = self.load(&path, 0)?;
        self.used(path);
        Some(entries)
    }

    /// Stores the entries of `stage` for the next build (see `load_entries`).
    pub fn store_entries<T: Serialize>(&self, stage: &str, entries: &T) {
        let path = self.entry(stage);
        if self.store(&path, 0, entries) {
            self.used(path);
        }
    }

    /// Like `load_entries`, with the bytes the last build stored after them (`store_entries_with_tail`)
    /// left in the file: the file, held open, and the offset at which they start.
    pub fn load_entries_with_tail<T: DeserializeOwned>(&self, stage: &str) -> Option<(T, (std::fs::File, u64))> {
        let path = self.entry(stage);
        let loaded = self.load_parts(&path, 0)?;
        self.used(path);
        Some(loaded)
    }

    /// Stores the entries of `stage`, and after them what `tail` writes (see `load_entries_with_tail`).
    pub fn store_entries_with_tail<T: Serialize>(
        &self,
        stage: &str,
        entries: &T,
        tail: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) {
        let path = self.entry(stage);
        if self.store_parts(&path, 0, entries, tail) {
            self.used(path);
        }
    }

    /// The path of the entry of `stage`, for messages.
    pub fn entry_path(&self, stage: &str) -> PathBuf {
        self.entry(stage)
    }

    /// The entries this build read or wrote, for pruning the others.
    pub fn used_entries(&self) -> Vec<PathBuf> {
        self.used.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn entry(&self, stage: &str) -> PathBuf {
        match self.prefix.as_str() {
            "" => self.dir.join(format!("{stage}.bin")),
            prefix => self.dir.join(format!("{stage}-{prefix}.bin")),
        }
    }

    fn used(&self, path: PathBuf) {
        self.used.lock().unwrap_or_else(|e| e.into_inner()).push(path);
    }

    /// The entry at `path` if it is whole and was made by this Folio for `key`. The payload is
    /// read as it is decoded, so an entry is never held both as bytes and as values.
    fn load<T: DeserializeOwned>(&self, path: &Path, key: u64) -> Option<T> {
        self.load_parts(path, key).map(|(value, _)| value)
    }

    /// The entry at `path` (see `load`) and, for the bytes stored after its value, the file, held
    /// open, with their offset in it. Every byte is checked before the entry is taken.
    /// With `FOLIO_DEBUG_CACHE=1`, says on standard error why an entry was not taken.
    fn load_parts<T: DeserializeOwned>(&self, path: &Path, key: u64) -> Option<(T, (std::fs::File, u64))> {
        let loaded = self.try_load_parts(path, key);
        if debug_cache() {
            match &loaded {
                Ok(_) => eprintln!("folio cache: {} taken", path.display()),
                Err(why) => eprintln!("folio cache: {} not taken: {why}", path.display()),
            }
        }
        loaded.ok()
    }

    /// `load_parts`, or why the entry cannot be taken.
    fn try_load_parts<T: DeserializeOwned>(&self, path: &Path, key: u64) -> Result<(T, (std::fs::File, u64)), Miss> {
        let mut file = std::fs::File::open(path).map_err(Miss::Read)?;
        let mut header = [0u8; HEADER];
        file.read_exact(&mut header).map_err(Miss::Read)?;
        let (magic, numbers) = header.split_at(MAGIC.len());
        let number = |i: usize| u64::from_le_bytes(numbers[i * 8..i * 8 + 8].try_into().expect("eight bytes"));
        if magic != MAGIC {
            return Err(Miss::Layout);
        }
        if number(0) != self.identity {
            return Err(Miss::Identity(number(0), self.identity));
        }
        if number(1) != key {
            return Err(Miss::Key(number(1), key));
        }
        let length = number(2);
        let size = file.metadata().map_err(Miss::Read)?.len();
        if size != HEADER as u64 + length {
            return Err(Miss::Length(size, HEADER as u64 + length));
        }
        // The limit keeps a damaged length inside the entry from asking for more memory than it holds.
        let options = bincode::DefaultOptions::new().with_fixint_encoding().allow_trailing_bytes().with_limit(length);
        // Summed below the buffer: the decoder's many small reads come from memory, and the
        // checksum takes whole buffers at once (summing each small read cost more than decoding).
        let mut payload = std::io::BufReader::with_capacity(1 << 16, Summed::new(file.take(length)));
        let value = options.deserialize_from(&mut payload).map_err(|e| Miss::Decode(e.to_string()))?;
        let tail = HEADER as u64 + payload.get_ref().sum.length() - payload.buffer().len() as u64;
        std::io::copy(&mut payload, &mut std::io::sink()).map_err(Miss::Read)?;
        let payload = payload.into_inner();
        let whole = payload.sum.length() == length && payload.sum.finish() == number(3);
        if !whole {
            return Err(Miss::Checksum);
        }
        Ok((value, (payload.inner.into_inner(), tail)))
    }

    /// Writes the entry for `key` (through a temporary file renamed into place); whether it was.
    /// The payload is encoded straight into the file, not into memory first: the header's length
    /// and checksum are filled in when it is written.
    fn store<T: Serialize>(&self, path: &Path, key: u64, value: &T) -> bool {
        self.store_parts(path, key, value, |_| Ok(()))
    }

    /// Writes the entry for `key` (see `store`), `tail` writing bytes of its own after the value.
    fn store_parts<T: Serialize>(
        &self,
        path: &Path,
        key: u64,
        value: &T,
        tail: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> bool {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("entry");
        let temporary = self.dir.join(format!("{name}.{}.tmp", std::process::id()));
        let write = || -> std::io::Result<()> {
            use std::io::{Seek, Write};
            let mut file = std::io::BufWriter::new(std::fs::File::create(&temporary)?);
            file.write_all(&[0; HEADER])?;
            let mut payload = Summed::new(file);
            bincode::serialize_into(&mut payload, value).map_err(std::io::Error::other)?;
            tail(&mut payload)?;
            let (length, sum) = (payload.sum.length(), payload.sum.finish());
            let mut file = payload.inner.into_inner().map_err(|e| e.into_error())?;
            file.rewind()?;
            file.write_all(MAGIC)?;
            for number in [self.identity, key, length, sum] {
                file.write_all(&number.to_le_bytes())?;
            }
            Ok(())
        };
        let written =
            std::fs::create_dir_all(&self.dir).and_then(|()| write()).and_then(|()| std::fs::rename(&temporary, path));
        if written.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
        written.is_ok()
    }
}

/// Why a stored entry was not taken (for `FOLIO_DEBUG_CACHE=1`).
enum Miss {
    Read(std::io::Error),
    Layout,
    /// Made by another Folio: the entry's identity, this one's.
    Identity(u64, u64),
    /// Made for other inputs: the entry's key, the one wanted.
    Key(u64, u64),
    /// Cut short or grown: the file's length, the one its header says.
    Length(u64, u64),
    Decode(String),
    Checksum,
}

impl std::fmt::Display for Miss {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Miss::Read(e) => write!(f, "cannot read it ({e})"),
            Miss::Layout => write!(f, "another entry layout"),
            Miss::Identity(had, want) => write!(f, "made by another Folio (identity {had:016x}, this one {want:016x})"),
            Miss::Key(had, want) => write!(f, "made for other inputs (key {had:016x}, wanted {want:016x})"),
            Miss::Length(had, want) => write!(f, "{had} bytes where its header says {want}"),
            Miss::Decode(e) => write!(f, "does not decode ({e})"),
            Miss::Checksum => write!(f, "its checksum does not match"),
        }
    }
}

/// A reader or writer that sums the bytes passing through it.
struct Summed<I> {
    inner: I,
    sum: Checksum,
}

impl<I> Summed<I> {
    fn new(inner: I) -> Summed<I> {
        Summed { inner, sum: Checksum::default() }
    }
}

impl<R: Read> Read for Summed<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.sum.add(&buf[..n]);
        Ok(n)
    }
}

impl<W: std::io::Write> std::io::Write for Summed<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.sum.add(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// What this Folio is: its version and a digest of its executable, so that entries made by another
/// release, or by the same version compiled again with changed code, are never reused. (A debug
/// build, a few hundred megabytes read slowly, is told apart by its size and time instead: every
/// compile writes it anew.) `dir` is the cache folder, where the executable's checksum is kept.
fn folio_identity(dir: &Path) -> Option<u64> {
    static IDENTITY: OnceLock<Option<u64>> = OnceLock::new();
    *IDENTITY.get_or_init(|| {
        let digest = if cfg!(debug_assertions) {
            let meta = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
            fingerprint((meta.len(), meta.modified().ok()?))
        } else {
            executable_checksum(&dir.join(format!("{EXECUTABLE}.bin")))?
        };
        Some(fingerprint((env!("CARGO_PKG_VERSION"), digest)))
    })
}

/// The entry keeping the executable's checksum by its stamp (see `executable_checksum`).
const EXECUTABLE: &str = "executable";

/// The checksum of the running executable (of the file the process runs, even if its path now names
/// another), kept in `record` by the file's stamp: reading the 24 MB executable was a tenth of
/// the build's serial start when nothing changed.
fn executable_checksum(record: &Path) -> Option<u64> {
    let running = Path::new("/proc/self/exe");
    let exe = if running.exists() { running.to_path_buf() } else { std::env::current_exe().ok()? };
    checksum_by_stamp(&exe, record, std::time::Duration::from_secs(2))
}

/// The checksum of the file at `path`, taken from `record` when it was kept there for the file's
/// present stamp (device, inode, size, modification and change times), else read and kept. As
/// for the output folder's files (`output::stamps`), a stamp vouches for the bytes because every
/// write moves a file's change time, which no program can set back; a stamp is kept only once the
/// change time is `settled` old, so that no write can have come in the same tick. In the checked
/// mode the file is read anyway and a kept checksum that differs is a panic.
fn checksum_by_stamp(path: &Path, record: &Path, settled: std::time::Duration) -> Option<u64> {
    let mut file = std::fs::File::open(path).ok()?;
    let meta = file.metadata().ok()?;
    let stamp = file_stamp(&meta);
    let kept = stamp.and_then(|stamp| read_kept_checksum(record, stamp));
    if let Some(sum) = kept.filter(|_| !checking()) {
        return Some(sum);
    }
    let sum = checksum_of_reader(&mut file)?;
    if let Some(kept) = kept {
        assert!(
            kept == sum,
            "cache check failed: the checksum of {} kept in {} is stale; its stamp misses a change",
            path.display(),
            record.display()
        );
        return Some(sum);
    }
    let now = std::time::SystemTime::now();
    let changed = changed_time(&meta);
    let is_settled = changed.is_some_and(|changed| now.duration_since(changed).is_ok_and(|age| age >= settled));
    if let Some(stamp) = stamp.filter(|_| is_settled) {
        keep_checksum(record, stamp, sum);
    }
    Some(sum)
}

/// The first bytes of the executable's checksum entry.
const EXECUTABLE_MAGIC: &[u8; 16] = b"folio-exe v1\n\0\0\0";

/// A digest of the file's stamp, where the platform has change times.
fn file_stamp(meta: &std::fs::Metadata) -> Option<u64> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let times = (meta.mtime(), meta.mtime_nsec(), meta.ctime(), meta.ctime_nsec());
        meta.is_file().then(|| fingerprint((meta.dev(), meta.ino(), meta.len(), times)))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

/// The file's change time, where the platform has one.
fn changed_time(meta: &std::fs::Metadata) -> Option<std::time::SystemTime> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let nanos = u32::try_from(meta.ctime_nsec()).ok()?;
        let seconds = u64::try_from(meta.ctime()).ok()?;
        std::time::UNIX_EPOCH.checked_add(std::time::Duration::new(seconds, nanos))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

/// The checksum `record` keeps for a file with stamp `stamp`, if it is whole and for that stamp.
fn read_kept_checksum(record: &Path, stamp: u64) -> Option<u64> {
    let bytes = std::fs::read(record).ok()?;
    let (magic, numbers) = bytes.split_at_checked(EXECUTABLE_MAGIC.len())?;
    let numbers: [u8; 24] = numbers.try_into().ok()?;
    let number = |i: usize| u64::from_le_bytes(numbers[i * 8..i * 8 + 8].try_into().expect("eight bytes"));
    let (kept_stamp, sum, check) = (number(0), number(1), number(2));
    (magic == EXECUTABLE_MAGIC && kept_stamp == stamp && check == fingerprint((stamp, sum))).then_some(sum)
}

/// Keeps `sum` for the stamp `stamp` in `record` (through a temporary file renamed into place); a
/// cache folder that cannot be written only means reading the file again next time.
fn keep_checksum(record: &Path, stamp: u64, sum: u64) {
    let Some(dir) = record.parent() else { return };
    let temporary = record.with_extension(format!("{}.tmp", std::process::id()));
    let mut bytes = EXECUTABLE_MAGIC.to_vec();
    for number in [stamp, sum, fingerprint((stamp, sum))] {
        bytes.extend_from_slice(&number.to_le_bytes());
    }
    let written = std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(&temporary, &bytes))
        .and_then(|()| std::fs::rename(&temporary, record));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
}

/// The checksum of a reader's bytes (as `checksum` of them all), read through a small buffer: the
/// executable is tens of megabytes, which would otherwise be fresh memory for the kernel to clear
/// on every build.
fn checksum_of_reader(file: &mut impl Read) -> Option<u64> {
    let mut buffer = vec![0; 1 << 16];
    let mut sum = Checksum::default();
    loop {
        match file.read(&mut buffer) {
            Ok(0) => return Some(sum.finish()),
            Ok(n) => sum.add(&buffer[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
}

/// Bytes stored as one run rather than byte by byte (a search index file), shared, not copied.
#[derive(Debug, PartialEq)]
pub(super) struct Blob(pub Arc<[u8]>);

impl Serialize for Blob {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Blob {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Blob, D::Error> {
        struct Bytes;
        impl serde::de::Visitor<'_> for Bytes {
            type Value = Blob;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("bytes")
            }
            fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<Blob, E> {
                Ok(Blob(bytes.into()))
            }
            fn visit_byte_buf<E: serde::de::Error>(self, bytes: Vec<u8>) -> Result<Blob, E> {
                Ok(Blob(bytes.into()))
            }
        }
        deserializer.deserialize_byte_buf(Bytes)
    }
}

#[cfg(test)]
#[path = "persist_tests.rs"]
mod tests;
