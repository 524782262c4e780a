//! Term weights: TF-IDF with the document frequency taken in coarse steps, each page's strongest
//! terms, and each term's champion list.
//!
//! Why the steps: a term's weight on every page depends on how many pages hold it, so with exact
//! frequencies one page gaining the word "invoice" would shift that word's weight on every other
//! page holding it, and a dev-server edit would have to recompute a large share of the site to
//! stay equal to a full build. With `STEPS` levels per factor of e, a frequency of 300 moves to
//! another level only after about 40 more or fewer pages hold the word; frequencies of 2–9 still
//! get a level each, where the weight matters most and few pages are affected. The likeness this
//! ranks by is within 1/`STEPS` of exact TF-IDF in each term's weight, and the same in every build.

/// Levels of the logarithm of a term's document frequency per unit (per factor of e).
const STEPS: f32 = 8.0;
/// How many of its strongest terms represent a page.
const TERMS_PER_PAGE: usize = 20;
/// A term carried by more pages than this share of the site says little about any of them.
const COMMON_SHARE: f32 = 0.2;
/// Each term lists only the pages where it weighs most ("champion lists"): enough to find every
/// page's best matches, and it bounds the work per page whatever the size of the site.
pub(super) const PAGES_PER_TERM: usize = 32;

/// A page's strongest terms as (term id, weight), normalised to length 1, in the order of the
/// page's term counts, which no id decides (so sums over it add up in the same order in every build).
pub(super) type Vector = Vec<(u32, f32)>;

/// A term's pages with the term's weight there, in page order.
pub(super) type Postings = Vec<(usize, f32)>;

/// What turns a document frequency into an inverse one: how many pages take part.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Scale {
    pages: f32,
    too_common: usize,
}

impl Scale {
    pub fn new(pages: usize) -> Scale {
        let pages = pages.max(1) as f32;
        Scale { pages, too_common: (pages * COMMON_SHARE).max(8.0) as usize }
    }

    /// The inverse document frequency of a term on `df` pages, in steps (see the module comment).
    /// A term on one page links nothing; one on too many pages says little.
    pub fn idf(self, df: usize) -> f32 {
        if df <= 1 || df > self.too_common {
            return 0.0;
        }
        let level = ((df as f32).ln() * STEPS).floor();
        (self.pages.ln() - level / STEPS).max(0.0)
    }
}

/// A page's vector: its `TERMS_PER_PAGE` strongest terms with a weight above 0, normalised.
pub(super) fn weigh(counts: &[(u32, u32)], idf: &[f32]) -> Vector {
    let mut weighted: Vec<(usize, u32, f32)> = counts
        .iter()
        .enumerate()
        .filter(|(_, &(id, _))| idf[id as usize] > 0.0)
        .map(|(rank, &(id, count))| (rank, id, term_frequency(count) * idf[id as usize]))
        .collect();
    if weighted.len() > TERMS_PER_PAGE {
        // Ranks differ, so this order has no ties: selecting the strongest gives the same terms
        // as sorting them all.
        let stronger = |a: &(usize, u32, f32), b: &(usize, u32, f32)| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0));
        weighted.select_nth_unstable_by(TERMS_PER_PAGE - 1, stronger);
        weighted.truncate(TERMS_PER_PAGE);
        weighted.sort_unstable_by_key(|&(rank, _, _)| rank);
    }
    let norm = weighted.iter().map(|(_, _, w)| w * w).sum::<f32>().sqrt().max(f32::EPSILON);
    weighted.into_iter().map(|(_, id, w)| (id, w / norm)).collect()
}

/// How much a term's count on a page adds to its weight there: 1 + ln(count), computed once for
/// the counts most terms have.
fn term_frequency(count: u32) -> f32 {
    const KEPT: usize = 64;
    static TABLE: std::sync::OnceLock<[f32; KEPT]> = std::sync::OnceLock::new();
    let of = |count: u32| 1.0 + (count as f32).ln();
    // `black_box`: the table must hold what `ln` gives at run time, not a value folded while compiling.
    let table = TABLE.get_or_init(|| std::array::from_fn(|count| of(std::hint::black_box(count as u32))));
    match table.get(count as usize) {
        Some(&frequency) => frequency,
        None => of(count),
    }
}

/// The champion list of a term held by `holders` (in page order), or `None` when it is all of
/// them: the `PAGES_PER_TERM` pages where the term weighs most, ties to the earlier page, in
/// page order.
pub(super) fn champions(holders: &[(usize, f32)]) -> Option<Postings> {
    if holders.len() <= PAGES_PER_TERM {
        return None;
    }
    let mut list = holders.to_vec();
    // Pages differ, so this order has no ties: selecting the heaviest gives the pages a full sort
    // gave, without sorting a common term's thousands of holders.
    list.select_nth_unstable_by(PAGES_PER_TERM - 1, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    list.truncate(PAGES_PER_TERM);
    list.sort_by_key(|&(page, _)| page);
    Some(list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rare_frequencies_each_get_their_own_weight() {
        let scale = Scale::new(10_000);
        let weights: Vec<f32> = (2..10).map(|df| scale.idf(df)).collect();
        assert!(weights.windows(2).all(|w| w[0] > w[1]), "{weights:?}");
    }

    #[test]
    fn a_common_frequency_moves_in_steps() {
        let scale = Scale::new(10_000);
        let distinct: std::collections::BTreeSet<u32> = (300..340).map(|df| scale.idf(df).to_bits()).collect();
        assert!(distinct.len() <= 2, "40 frequencies near 300 share at most two weights: {distinct:?}");
        assert!((scale.idf(300) - (10_000f32 / 300.0).ln()).abs() <= 1.0 / STEPS);
    }

    #[test]
    fn terms_on_one_page_or_on_too_many_weigh_nothing() {
        let scale = Scale::new(100);
        assert_eq!(scale.idf(1), 0.0);
        assert!(scale.idf(20) > 0.0);
        assert_eq!(scale.idf(21), 0.0);
    }

    #[test]
    fn champion_lists_keep_the_heaviest_pages_in_page_order() {
        let holders: Postings = (0..40).map(|page| (page, (page % 7) as f32)).collect();
        assert_eq!(champions(&holders[..PAGES_PER_TERM]), None);
        let list = champions(&holders).unwrap();
        assert_eq!(list.len(), PAGES_PER_TERM);
        assert!(list.windows(2).all(|w| w[0].0 < w[1].0));
        // The 8 dropped are the lightest: weight 0 (pages 0, 7, …, 35), then the last two of weight 1.
        assert!(list.iter().all(|&(_, w)| w >= 1.0));
        assert!(!list.iter().any(|&(page, _)| page == 29 || page == 36));
        assert!(list.iter().any(|&(page, _)| page == 22));
    }

    /// `champions` as it was written first: every holder sorted.
    fn champions_by_sorting(holders: &[(usize, f32)]) -> Option<Postings> {
        if holders.len() <= PAGES_PER_TERM {
            return None;
        }
        let mut list = holders.to_vec();
        list.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        list.truncate(PAGES_PER_TERM);
        list.sort_by_key(|&(page, _)| page);
        Some(list)
    }

    #[test]
    fn selecting_the_champions_gives_what_sorting_gave() {
        for (length, kinds) in [(0, 3), (32, 3), (33, 1), (40, 2), (500, 5), (3_000, 40), (3_000, 3_000)] {
            // Few distinct weights, so that many tie and the page decides.
            let holders: Postings = (0..length).map(|page| (page * 3, ((page * 7919) % kinds) as f32 / 7.0)).collect();
            let list = champions(&holders);
            let expected = champions_by_sorting(&holders);
            let bits = |l: Option<Postings>| l.map(|l| l.iter().map(|&(p, w)| (p, w.to_bits())).collect::<Vec<_>>());
            assert_eq!(bits(list), bits(expected), "{length} holders, {kinds} weights");
        }
    }

    /// `weigh` as it was written first: every term sorted, `ln` computed each time.
    fn weigh_by_sorting(counts: &[(u32, u32)], idf: &[f32]) -> Vector {
        let mut weighted: Vec<(usize, u32, f32)> = counts
            .iter()
            .enumerate()
            .filter(|(_, &(id, _))| idf[id as usize] > 0.0)
            .map(|(rank, &(id, count))| (rank, id, (1.0 + (count as f32).ln()) * idf[id as usize]))
            .collect();
        if weighted.len() > TERMS_PER_PAGE {
            weighted.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
            weighted.truncate(TERMS_PER_PAGE);
            weighted.sort_by_key(|&(rank, _, _)| rank);
        }
        let norm = weighted.iter().map(|(_, _, w)| w * w).sum::<f32>().sqrt().max(f32::EPSILON);
        weighted.into_iter().map(|(_, id, w)| (id, w / norm)).collect()
    }

    #[test]
    fn selecting_the_strongest_terms_gives_what_sorting_gave() {
        let scale = Scale::new(1_000);
        // Few distinct frequencies and counts, so that many weights tie.
        let idf: Vec<f32> = (0..500).map(|id| scale.idf(id % 13)).collect();
        let mut seed = 7u64;
        let mut next = move || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as u32
        };
        for length in [0, 5, 20, 21, 60, 400] {
            let counts: Vec<(u32, u32)> = (0..length).map(|_| (next() % 500, 1 + next() % 90)).collect();
            let vector = weigh(&counts, &idf);
            let expected = weigh_by_sorting(&counts, &idf);
            assert_eq!(vector.len(), expected.len());
            for (a, b) in vector.iter().zip(&expected) {
                assert_eq!((a.0, a.1.to_bits()), (b.0, b.1.to_bits()), "{length} terms");
            }
        }
    }
}
