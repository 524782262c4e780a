//! Memory between builds: each stage keeps its results by a digest of the inputs they were made
//! from, and a rebuild reuses a result only when that digest is the same.
//!
//! A stage's key must cover everything its computation reads; the stages build keys from the very
//! values they pass to the computation (a page's `digest`, the config's, the theme's), not from a
//! list of fields picked by hand. Because a missed input would silently serve stale pages, the
//! *checked mode* recomputes every reused result and panics, naming the stage and the item, when
//! the two differ. It is on in debug builds (every `cargo test`) and with `FOLIO_VERIFY_CACHE=1`;
//! `FOLIO_VERIFY_CACHE=0` turns it off.

use rustc_hash::{FxHashMap, FxHasher};
use std::fmt::Debug;
use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

/// A digest of anything hashable. The same for the same value in every run of one Folio binary
/// (no random seed), which `folio build`'s cache on disk relies on (it is keyed by the binary too);
/// a fast non-cryptographic hash, since the inputs are the site's own files.
pub fn fingerprint(value: impl Hash) -> u64 {
    let mut hasher = FxHasher::default();
    value.hash(&mut hasher);
    hasher.finish()
}

/// A digest of anything serializable (a JSON value, a template context), hashed as its JSON text
/// without building the string.
pub fn fingerprint_json(seed: u64, value: &impl serde::Serialize) -> u64 {
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

/// A digest of a file's bytes, to tell a damaged or changed file from a whole one (`folio build`'s
/// cache entries, the pages and files it left in the output folder).
pub fn checksum(bytes: &[u8]) -> u64 {
    let mut sum = Checksum::default();
    sum.add(bytes);
    sum.finish()
}

/// The checksum of bytes that come in pieces: FxHash over their 8-byte words (the last one
/// padded with zeros), then their length.
#[derive(Default)]
pub struct Checksum {
    hasher: FxHasher,
    word: [u8; 8],
    filled: usize,
    length: u64,
}

impl Checksum {
    pub fn add(&mut self, mut bytes: &[u8]) {
        self.length += bytes.len() as u64;
        while !bytes.is_empty() {
            if self.filled == 0 && bytes.len() >= 8 {
                // Whole words straight from the input: the common case, and the fast one.
                let words = bytes.chunks_exact(8);
                let rest = words.remainder();
                for word in words {
                    self.hasher.write_u64(u64::from_le_bytes(word.try_into().expect("eight bytes")));
                }
                bytes = rest;
                continue;
            }
            let take = (8 - self.filled).min(bytes.len());
            self.word[self.filled..self.filled + take].copy_from_slice(&bytes[..take]);
            (self.filled, bytes) = (self.filled + take, &bytes[take..]);
            if self.filled == 8 {
                self.hasher.write_u64(u64::from_le_bytes(self.word));
                self.filled = 0;
            }
        }
    }

    /// How many bytes were added.
    pub fn length(&self) -> u64 {
        self.length
    }

    pub fn finish(mut self) -> u64 {
        if self.filled > 0 {
            self.word[self.filled..].fill(0);
            self.hasher.write_u64(u64::from_le_bytes(self.word));
        }
        self.hasher.write_usize(self.length as usize);
        self.hasher.finish()
    }
}

/// Whether reused results are checked against fresh ones (see the module comment).
pub fn checking() -> bool {
    static CHECKING: OnceLock<bool> = OnceLock::new();
    *CHECKING.get_or_init(|| match std::env::var("FOLIO_VERIFY_CACHE").as_deref() {
        Ok("1") | Ok("true") => true,
        Ok("0") | Ok("false") => false,
        _ => cfg!(debug_assertions),
    })
}

/// One stage's results of the previous build, by digest of their inputs.
#[derive(Debug)]
pub struct Memo<V> {
    /// The stage, for the checked mode's message.
    stage: &'static str,
    entries: FxHashMap<u64, V>,
}

impl<V> Memo<V> {
    pub fn new(stage: &'static str) -> Memo<V> {
        Memo { stage, entries: FxHashMap::default() }
    }

    /// This build's results, by key (for `folio build` to keep them on disk).
    pub fn entries(&self) -> impl Iterator<Item = (&u64, &V)> {
        self.entries.iter()
    }

    /// Adds `entries` to those kept (which must be as right as ever: kept by the digest of their inputs).
    pub fn extend(&mut self, entries: impl IntoIterator<Item = (u64, V)>) {
        self.entries.extend(entries);
    }

    /// Keeps exactly `entries` (this build's results) for the next build.
    pub fn replace(&mut self, entries: impl IntoIterator<Item = (u64, V)>) {
        self.entries = entries.into_iter().collect();
    }
}

impl<V: Clone + PartialEq + Debug> Memo<V> {
    /// The result for inputs with digest `key`: the previous build's, or `compute()`'s (failures
    /// are never kept), and whether it was reused. `what` names the item for the checked mode's
    /// message.
    pub fn get_or_try<E>(
        &self,
        key: u64,
        what: impl FnOnce() -> String,
        compute: impl FnOnce() -> Result<V, E>,
    ) -> Result<(V, bool), E> {
        self.get_valid_or_try(key, |_| true, what, compute)
    }

    /// Like `get_or_try`, for results whose inputs are only known once they are made (the images a
    /// text shows): the previous result is reused only if `still_valid` says its own inputs are
    /// unchanged.
    pub fn get_valid_or_try<E>(
        &self,
        key: u64,
        still_valid: impl FnOnce(&V) -> bool,
        what: impl FnOnce() -> String,
        compute: impl FnOnce() -> Result<V, E>,
    ) -> Result<(V, bool), E> {
        let previous = self.entries.get(&key).filter(|previous| still_valid(previous));
        let Some(previous) = previous else { return compute().map(|v| (v, false)) };
        if checking() {
            let fresh = compute();
            if !fresh.as_ref().is_ok_and(|fresh| fresh == previous) {
                let fresh = fresh.as_ref().map_err(|_| "an error");
                panic!(
                    "cache check failed: the {} stage reused a stale result for {}; its key misses an input.\n\
                     reused: {:.2000}\nfresh:  {:.2000}",
                    self.stage,
                    what(),
                    format!("{previous:?}"),
                    format!("{fresh:?}"),
                );
            }
        }
        Ok((previous.clone(), true))
    }
}

/// In checked mode, a stage's files made with its memory must equal the files made without it:
/// panics naming the first file that differs. `fresh` is only called in checked mode.
pub fn verify_files<'a>(
    stage: &str,
    cached: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    fresh: impl FnOnce() -> Vec<(String, Vec<u8>)>,
) {
    if !checking() {
        return;
    }
    let cached: std::collections::BTreeMap<&str, &[u8]> = cached.into_iter().collect();
    let fresh = fresh();
    let fresh: std::collections::BTreeMap<&str, &[u8]> = fresh.iter().map(|(p, b)| (p.as_str(), &b[..])).collect();
    let paths: std::collections::BTreeSet<&str> = cached.keys().chain(fresh.keys()).copied().collect();
    for path in paths {
        let (old, new) = (cached.get(path), fresh.get(path));
        if old != new {
            let show = |bytes: Option<&&[u8]>| match bytes {
                None => "(missing)".to_string(),
                Some(b) => first_difference(b, new.or(old).copied().unwrap_or_default()),
            };
            panic!(
                "cache check failed: the {stage} stage reused a stale result for {path}; its key misses an input.\n\
                 reused: {}\nfresh:  {}",
                show(old),
                show(new)
            );
        }
    }
}

/// Up to 300 bytes around where `bytes` first differs from `other`, as text.
fn first_difference(bytes: &[u8], other: &[u8]) -> String {
    let at = bytes.iter().zip(other).position(|(a, b)| a != b).unwrap_or(bytes.len().min(other.len()));
    let start = at.saturating_sub(100);
    let end = (at + 200).min(bytes.len());
    format!("…{}…", String::from_utf8_lossy(&bytes[start..end]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reuses_only_for_the_same_key() {
        let mut memo = Memo::new("test");
        memo.replace([(fingerprint("a"), 1)]);
        assert_eq!(memo.get_or_try(fingerprint("a"), || "a".into(), || Ok::<_, ()>(1)), Ok((1, true)));
        assert_eq!(memo.get_or_try(fingerprint("b"), || "b".into(), || Ok::<_, ()>(2)), Ok((2, false)));
    }

    #[test]
    #[should_panic(expected = "the test stage reused a stale result for page x")]
    fn checked_mode_catches_a_key_that_misses_an_input() {
        // Debug builds check by default; the stale entry claims "a" → 1 while the input now gives 2.
        assert!(checking(), "unit tests run with the checked mode on");
        let mut memo = Memo::new("test");
        memo.replace([(fingerprint("a"), 1)]);
        let _ = memo.get_or_try(fingerprint("a"), || "page x".into(), || Ok::<_, ()>(2));
    }

    #[test]
    fn failures_are_returned_not_reused() {
        let memo: Memo<i32> = Memo::new("test");
        assert_eq!(memo.get_or_try(1, || "x".into(), || Err::<i32, &str>("broken")), Err("broken"));
    }
}
