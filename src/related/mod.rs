//! "You may also be interested in": for every post, article and guide, the pages most like it.
//!
//! Likeness is the cosine of TF-IDF vectors built with the search's own language analysis (so Hebrew
//! prefixes and plurals match as they do in search), plus shared tags and products. Each page keeps
//! only its strongest terms, and terms carried by a large share of the site are ignored, so the
//! work grows with the number of pages times a constant, not with every pair of pages. Pages pinned
//! with `related:` come first. Ties are broken by page id, so every build gives the same lists.
//!
//! In `folio serve` an edit costs work in proportion to what it touches: the stage keeps every
//! page's terms and vector, each term's pages and champion list, and recomputes only the lists
//! that could change (`relations`). Term weights use document frequencies in coarse steps
//! (`weights`), so that one page's edit seldom moves the weight of a term on a thousand others.

mod groups;
mod hash_sort;
mod relations;
mod terms;
mod vocabulary;
mod weights;
mod words;

use crate::memo::{checking, fingerprint};
use crate::site::{related_id, Page, PerPage, Site};
use rayon::prelude::*;
use relations::Relations;
use rustc_hash::FxHashMap;
use std::sync::Arc;
use terms::Terms;

/// How many related pages a page shows.
pub const RELATED_COUNT: usize = 4;

/// What the related lists of the previous build were made from, so an edit analyses only the
/// page that changed and recomputes only the lists it can change.
#[derive(Debug, Default)]
pub struct RelatedCache {
    terms: Terms,
    /// Page digest → its term ids and counts (see `TermCounts`).
    counts: FxHashMap<u64, TermCounts>,
    /// The previous build's vectors, champion lists and related lists.
    relations: Option<Relations>,
    /// How many related lists the last build computed (the others were kept).
    pub(crate) recomputed: usize,
    /// Each page's digest in the last build, by its place in the site (see `keep_keys_but`).
    keys: Vec<u64>,
    /// Set for one build by `keep_keys_but`: the pages whose text alone changed.
    bodies_only: Option<Vec<usize>>,
    /// Set by `once`: no edit will follow this build.
    once: bool,
}

impl RelatedCache {
    /// Tells the next build that no page's front matter, place or publication changed since the
    /// last one, and only the text of `changed` pages did (see `site::SiteChanges`): the other pages
    /// keep their digests, the frame and the tag and product groups are the last build's. Working
    /// them out for every page was most of a text edit's cost here at 10,000 pages.
    pub fn keep_keys_but(&mut self, changed: &[usize]) {
        self.bodies_only = Some(changed.to_vec());
    }

    /// Tells the builds that this cache is dropped after the next one (`folio build`): what only
    /// an edit's patch reads is not made (a patch that comes all the same makes it first).
    pub fn once(&mut self) {
        self.once = true;
    }
}

/// A page's analysed terms (as ids) and how often each occurs, in an order that does not depend on
/// the ids (see `terms::order_key`).
type TermCounts = Arc<Vec<(u32, u32)>>;

/// Whether pages of this kind get, and appear in, related lists.
fn takes_part(page: &Page) -> bool {
    page.kind.rules().related && page.borrowed.is_none()
}

/// For every page, the indices of its related pages, best first (empty for other kinds).
pub fn find_related(site: &Site, cache: &mut RelatedCache) -> PerPage<Vec<usize>> {
    let bodies_only = cache.bodies_only.take().filter(|_| cache.keys.len() == site.pages.len());
    let counts = term_counts(site, cache, bodies_only.as_deref());
    let kept_frame = cache.relations.as_ref().map(|r| r.frame).filter(|_| bodies_only.is_some());
    if let Some(kept) = kept_frame.filter(|_| checking()) {
        assert!(kept == frame_digest(site), "cache check failed: the related pages' kept frame is stale");
    }
    let frame = kept_frame.unwrap_or_else(|| frame_digest(site));
    let terms = cache.terms.len();
    let relations = match cache.relations.take() {
        Some(mut relations) if relations.frame == frame => {
            cache.recomputed = relations.patch(site, counts, terms, bodies_only.is_some());
            relations
        }
        _ => {
            cache.recomputed = site.pages.len();
            Relations::compute(site, counts, terms, frame, !cache.once)
        }
    };
    let lists = PerPage::collect(site, relations.lists.iter().cloned());
    cache.relations = Some(relations);
    lists
}

/// A digest of everything the lists depend on besides the pages' words, tags and products: which
/// pages there are, in what order, their ids and languages, whether they take part, and their pins.
/// While it holds, an edit only changes some pages' words and labels, and the lists can be patched.
fn frame_digest(site: &Site) -> u64 {
    let pages: Vec<_> = site.pages.iter().map(|p| (&p.id, &p.lang, takes_part(p), &p.front.related)).collect();
    fingerprint(pages)
}

/// Each page's term counts; pages unchanged since the previous build come from the cache.
fn term_counts(site: &Site, cache: &mut RelatedCache, bodies_only: Option<&[usize]>) -> Vec<TermCounts> {
    // The digest covers all `count_words` and `takes_part` read: text, title, description and kind.
    let keys: Vec<u64> = match bodies_only {
        Some(changed) => {
            let mut keys = cache.keys.clone();
            for &i in changed {
                keys[i] = site.pages[i].digest();
            }
            if checking() {
                let fresh: Vec<u64> = site.pages.iter().map(|p| p.digest()).collect();
                assert!(fresh == keys, "cache check failed: a related-pages digest kept for a page is stale");
            }
            keys
        }
        None => site.pages.par_iter().map(|p| p.digest()).collect(),
    };
    let fresh: Vec<usize> = (0..keys.len()).filter(|&i| !cache.counts.contains_key(&keys[i])).collect();
    let mut fresh_counts = cache.terms.count(site, &fresh).into_iter();
    let mut fresh = fresh.into_iter().peekable();
    let counts: Vec<TermCounts> = (0..keys.len())
        .map(|i| match fresh.next_if_eq(&i) {
            Some(_) => fresh_counts.next().unwrap_or_default(),
            None => cache.counts[&keys[i]].clone(),
        })
        .collect();
    cache.counts = keys.iter().zip(&counts).map(|(&key, c)| (key, c.clone())).collect();
    cache.keys = keys;
    counts
}

/// The pages each page names in `related:` (already checked to exist), in its order.
fn pinned_pages(site: &Site) -> Vec<Vec<usize>> {
    let index: FxHashMap<&str, usize> = site.pages.iter().enumerate().map(|(i, p)| (p.id.as_str(), i)).collect();
    site.pages
        .iter()
        .map(|page| page.front.related.iter().filter_map(|id| index.get(related_id(id)).copied()).collect())
        .collect()
}
