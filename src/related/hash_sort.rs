//! Sorting a page's term entries by the hash of the term's text, in about linear time.
//!
//! Every page's terms are sorted so (see `terms::order_key`); with a comparison sort this was a
//! tenth of the stage's instructions. The hashes are spread evenly over their range, so filing
//! each entry in a bucket by its hash's top bits, about one entry per bucket, leaves almost
//! nothing to compare. Buckets follow the order of the hashes, so the result is the order a
//! comparison sort by (hash, id) gives, whatever the hashes are: uneven ones only cost more.

/// (hash of the term's text, term id, count).
pub(super) type Entry = (u64, u32, u32);

/// Below this, a comparison sort is quicker than clearing the buckets.
const SMALL: usize = 32;

/// The buffers `sort_by_hash` files entries with, reused from page to page: allocating and
/// freeing them for every page cost more than filing.
#[derive(Default)]
pub(super) struct Buckets {
    ends: Vec<u32>,
    sorted: Vec<Entry>,
}

/// Sorts `entries` by (hash, id), as `sort_unstable_by_key(|e| (e.0, e.1))` does (entries equal in
/// both may come in either order).
pub(super) fn sort_by_hash(entries: &mut Vec<Entry>, buckets: &mut Buckets) {
    let key = |e: &Entry| (e.0, e.1);
    if entries.len() <= SMALL {
        entries.sort_unstable_by_key(key);
        return;
    }
    // About as many buckets as entries: a power of two at least their number.
    let bits = usize::BITS - (entries.len() - 1).leading_zeros();
    let shift = u64::BITS - bits;
    let bucket = |e: &Entry| (e.0 >> shift) as usize;
    // `ends[b]`: first the size of bucket b, then where it starts, then (after filing) where it ends.
    let Buckets { ends, sorted } = buckets;
    ends.clear();
    ends.resize(1 << bits, 0);
    for e in entries.iter() {
        ends[bucket(e)] += 1;
    }
    let mut start = 0;
    for end in ends.iter_mut() {
        let size = *end;
        *end = start;
        start += size;
    }
    // Every entry is overwritten; a copy is the quickest way to a vector of the right length.
    sorted.clear();
    sorted.extend_from_slice(entries);
    for e in entries.iter() {
        let at = &mut ends[bucket(e)];
        sorted[*at as usize] = *e;
        *at += 1;
    }
    let mut start = 0;
    for &end in ends.iter() {
        let end = end as usize;
        if end - start > 1 {
            sorted[start..end].sort_unstable_by_key(key);
        }
        start = end;
    }
    // The sorted entries become the caller's, and its buffer the next page's `sorted`.
    std::mem::swap(entries, sorted);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn random(seed: &mut u64) -> u64 {
        *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        *seed ^ (*seed >> 29)
    }

    /// Each (hash, id)'s summed count.
    type Sums = std::collections::BTreeMap<(u64, u32), u64>;
    /// Makes a test entry from a seed and the entries' number.
    type Shape<'a> = &'a dyn Fn(&mut u64, usize) -> Entry;

    /// The (hash, id) sequence, and each (hash, id)'s summed count: what the caller keeps.
    fn kept(entries: &[Entry]) -> (Vec<(u64, u32)>, Sums) {
        let mut sums = std::collections::BTreeMap::new();
        for e in entries {
            *sums.entry((e.0, e.1)).or_insert(0) += u64::from(e.2);
        }
        (entries.iter().map(|e| (e.0, e.1)).collect(), sums)
    }

    #[test]
    fn gives_the_order_of_a_comparison_sort() {
        let mut seed = 11;
        // Shared by every sort, as a page's are: what one leaves behind must not change the next.
        let mut buckets = Buckets::default();
        for length in [0, 1, 2, 31, 32, 33, 64, 100, 600, 5_000] {
            // Even hashes, then few distinct ones (every entry colliding), then hashes alike in their
            // top bits (one bucket holds them all), then some repeated with several ids each.
            let shapes: [Shape; 4] = [
                &|s, _| (random(s), (random(s) % 1000) as u32, (random(s) % 9) as u32),
                &|s, _| (random(s) % 3, (random(s) % 5) as u32, 1),
                &|s, _| (random(s) >> 20, (random(s) % 50) as u32, 2),
                &|s, n| ((random(s) % (n as u64 / 4 + 1)) << 40, (random(s) % 3) as u32, (random(s) % 4) as u32),
            ];
            for shape in shapes {
                let entries: Vec<Entry> = (0..length).map(|n| shape(&mut seed, n)).collect();
                let mut expected = entries.clone();
                expected.sort_unstable_by_key(|e| (e.0, e.1));
                let mut sorted = entries;
                sort_by_hash(&mut sorted, &mut buckets);
                assert_eq!(kept(&sorted), kept(&expected), "{length} entries");
            }
        }
    }
}
