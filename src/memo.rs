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

/// Lanes of the checksum: four independent running sums, so the multiplications of neighbouring
/// words overlap instead of waiting on one another (one FxHash chain did some 2 GB/s, and the pages
/// a build writes all pass through it).
const LANES: usize = 4;
const BLOCK: usize = 8 * LANES;
/// FxHash's multiplier.
const K: u64 = 0x517c_c1b7_2722_0a95;
/// Each lane starts from its own value, so that leading zero words still change the sum.
const SEEDS: [u64; LANES] =
    [0x243f_6a88_85a3_08d3, 0x1319_8a2e_0370_7344, 0xa409_3822_299f_31d0, 0x082e_fa98_ec4e_6c89];

/// One FxHash step: the running value turned, mixed with the word, multiplied.
#[inline(always)]
fn step(sum: u64, word: u64) -> u64 {
    (sum.rotate_left(5) ^ word).wrapping_mul(K)
}

/// `lanes` after the block `block` (`BLOCK` bytes): word `k` goes to lane `k`.
#[inline(always)]
fn add_block(lanes: [u64; LANES], block: &[u8]) -> [u64; LANES] {
    let word = |k: usize| u64::from_le_bytes(block[8 * k..8 * k + 8].try_into().expect("eight bytes"));
    [step(lanes[0], word(0)), step(lanes[1], word(1)), step(lanes[2], word(2)), step(lanes[3], word(3))]
}

/// The checksum of bytes that come in pieces: four FxHash lanes over the 8-byte words of 32-byte
/// blocks (word `k` of a block goes to lane `k`; the last block padded with zeros), then the lanes
/// and the length folded into one value and mixed. The same for any split into pieces.
pub struct Checksum {
    lanes: [u64; LANES],
    block: [u8; BLOCK],
    filled: usize,
    length: u64,
}

impl Default for Checksum {
    fn default() -> Checksum {
        Checksum { lanes: SEEDS, block: [0; BLOCK], filled: 0, length: 0 }
    }
}

impl Checksum {
    pub fn add(&mut self, mut bytes: &[u8]) {
        self.length += bytes.len() as u64;
        if self.filled > 0 {
            let take = (BLOCK - self.filled).min(bytes.len());
            self.block[self.filled..self.filled + take].copy_from_slice(&bytes[..take]);
            (self.filled, bytes) = (self.filled + take, &bytes[take..]);
            if self.filled < BLOCK {
                return;
            }
            let block = self.block;
            self.add_block(&block);
            self.filled = 0;
        }
        // Whole blocks straight from the input: the common case, and the fast one (the lanes
        // kept in registers).
        let blocks = bytes.chunks_exact(BLOCK);
        let rest = blocks.remainder();
        let mut lanes = self.lanes;
        for block in blocks {
            lanes = add_block(lanes, block);
        }
        self.lanes = lanes;
        self.block[..rest.len()].copy_from_slice(rest);
        self.filled = rest.len();
    }

    fn add_block(&mut self, block: &[u8; BLOCK]) {
        self.lanes = add_block(self.lanes, block);
    }

    /// How many bytes were added.
    pub fn length(&self) -> u64 {
        self.length
    }

    pub fn finish(mut self) -> u64 {
        if self.filled > 0 {
            self.block[self.filled..].fill(0);
            let block = self.block;
            self.add_block(&block);
        }
        let sum = self.lanes.iter().fold(0, |sum, &lane| step(sum, lane));
        // A final mix (murmur3's) so every input bit reaches every output bit.
        let mut sum = step(sum, self.length);
        sum ^= sum >> 33;
        sum = sum.wrapping_mul(0xff51_afd7_ed55_8ccd);
        sum ^= sum >> 33;
        sum
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
    fn a_checksum_is_the_same_for_any_split_and_tells_each_changed_byte() {
        let bytes: Vec<u8> = (0..200u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect();
        let whole = checksum(&bytes);
        for split in [(1, 3), (7, 8), (31, 32), (33, 95), (64, 64), (100, 199)] {
            let mut sum = Checksum::default();
            sum.add(&bytes[..split.0]);
            sum.add(&bytes[split.0..split.1]);
            sum.add(&bytes[split.1..]);
            assert_eq!(sum.length(), 200);
            assert_eq!(sum.finish(), whole, "split at {split:?}");
        }
        let mut seen = std::collections::HashSet::from([whole]);
        for at in 0..bytes.len() {
            let mut changed = bytes.clone();
            changed[at] ^= 1 << (at % 8);
            assert!(seen.insert(checksum(&changed)), "a change at byte {at} keeps the sum");
        }
        // Zeros count, wherever they are and however many.
        let zeros = [0u8; 64];
        let sums: std::collections::HashSet<u64> = (0..=64).map(|n| checksum(&zeros[..n])).collect();
        assert_eq!(sums.len(), 65);
        assert_ne!(checksum(&[&zeros[..32], b"x"].concat()), checksum(&[b"x", &zeros[..32]].concat()));
        // Swapped words of one block, or swapped blocks, are another text.
        let (a, b) = (&bytes[..32], &bytes[32..64]);
        assert_ne!(checksum(&[a, b].concat()), checksum(&[b, a].concat()));
        assert_ne!(checksum(&[&a[8..16], &a[..8], &a[16..]].concat()), checksum(a));
    }

    #[test]
    fn failures_are_returned_not_reused() {
        let memo: Memo<i32> = Memo::new("test");
        assert_eq!(memo.get_or_try(1, || "x".into(), || Err::<i32, &str>("broken")), Err("broken"));
    }
}
