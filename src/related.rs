//! "You may also be interested in": for every post, article and guide, the pages most like it.
//!
//! Likeness is the cosine of TF-IDF vectors built with the search's own language analysis (so Hebrew
//! prefixes and plurals match as they do in search), plus shared tags and products. Each page keeps
//! only its strongest terms, and terms carried by a large share of the site are ignored, so the
//! work grows with the number of pages times a constant, not with every pair of pages. Pages pinned
//! with `related:` come first. Ties are broken by page id, so every build gives the same lists.

use crate::site::{related_id, Page, PerPage, Site};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// How many related pages a page shows.
pub const RELATED_COUNT: usize = 4;
/// How many of its strongest terms represent a page.
const TERMS_PER_PAGE: usize = 20;
/// A term carried by more pages than this share of the site says little about any of them.
const COMMON_SHARE: f32 = 0.2;
/// Each term lists only the pages where it weighs most ("champion lists"): enough to find every
/// page's best matches, and it bounds the work per page whatever the size of the site.
const PAGES_PER_TERM: usize = 32;
/// What a shared tag or product adds to the text likeness (which is at most 1).
const TAG_BONUS: f32 = 0.12;
const PRODUCT_BONUS: f32 = 0.18;

/// What the related lists of the previous build were made from, so an edit analyses only the
/// page that changed. Term ids are given out in the order terms are first met, which differs
/// between a fresh build and a long dev session; so nothing below lets an id decide an order.
#[derive(Debug, Default)]
pub struct RelatedCache {
    ids: FxHashMap<String, u32>,
    /// Page digest → its term ids and counts, in the order of the terms' text.
    counts: FxHashMap<u64, TermCounts>,
}

/// A page's analysed terms (as ids) and how often each occurs, in the order of the terms' text.
type TermCounts = Arc<Vec<(u32, u32)>>;

/// Whether pages of this kind get, and appear in, related lists.
fn takes_part(page: &Page) -> bool {
    page.kind.rules().related && page.borrowed.is_none()
}

/// For every page, the indices of its related pages, best first (empty for other kinds).
pub fn find_related(site: &Site, cache: &mut RelatedCache) -> PerPage<Vec<usize>> {
    let counts = term_counts(site, cache);
    let vectors = weigh_terms(site, &counts, cache.ids.len());
    let postings = invert(&vectors, cache.ids.len());
    let groups = Groups::new(site);
    let pinned = pinned_pages(site);
    let pages = site.pages.len();
    let lists: Vec<Vec<usize>> = (0..pages)
        .into_par_iter()
        .map_init(
            || Scores { score: vec![0.0; pages], touched: Vec::new() },
            |scores, i| {
                if !takes_part(&site.pages[i]) {
                    return Vec::new();
                }
                let mut list: Vec<usize> = pinned[i].clone();
                for j in best_matches(site, i, (&vectors, &postings, &groups), scores) {
                    if list.len() >= RELATED_COUNT.max(pinned[i].len()) {
                        break;
                    }
                    if !list.contains(&j) {
                        list.push(j);
                    }
                }
                list
            },
        )
        .collect();
    PerPage::collect(site, lists)
}

/// Each page's term counts; pages unchanged since the previous build come from the cache.
fn term_counts(site: &Site, cache: &mut RelatedCache) -> Vec<TermCounts> {
    // The digest covers all `count_terms` and `takes_part` read: text, title, description and kind.
    let keys: Vec<u64> = site.pages.iter().map(|p| p.digest()).collect();
    // Analysing text is the slow part, so new pages are analysed in parallel; naming their terms
    // with ids is quick and done in page order.
    let fresh: Vec<Option<Vec<(String, u32)>>> = site
        .pages
        .par_iter()
        .zip(&keys)
        .map(|(page, key)| (!cache.counts.contains_key(key) && takes_part(page)).then(|| count_terms(page)))
        .collect();
    let mut counts = Vec::with_capacity(keys.len());
    for (key, fresh) in keys.iter().zip(fresh) {
        let page_counts = match fresh {
            Some(terms) => {
                let ids = &mut cache.ids;
                let list = terms
                    .into_iter()
                    .map(|(term, count)| {
                        let next = ids.len() as u32;
                        (*ids.entry(term).or_insert(next), count)
                    })
                    .collect();
                Arc::new(list)
            }
            None => cache.counts.get(key).cloned().unwrap_or_default(),
        };
        counts.push(page_counts);
    }
    cache.counts = keys.into_iter().zip(&counts).map(|(key, c)| (key, c.clone())).collect();
    counts
}

/// The title counts three times: it says what the page is about better than any sentence. Words
/// are counted first and each distinct word expanded into its index terms once, as the search index
/// does, since words repeat.
fn count_terms(page: &Page) -> Vec<(String, u32)> {
    let description = page.front.description.as_deref().unwrap_or("");
    let text = format!("{0}\n{0}\n{0}\n{description}\n{1}", page.title, page.source.parsed.body);
    let mut words: FxHashMap<String, u32> = FxHashMap::default();
    for word in crate::analysis::normal_words(&text) {
        *words.entry(word).or_default() += 1;
    }
    let mut counts: FxHashMap<String, u32> = FxHashMap::default();
    for (word, n) in words {
        for form in crate::analysis::memo_word_forms(&word, &page.lang).iter() {
            *counts.entry(form.term.clone()).or_default() += n;
        }
    }
    let mut counts: Vec<(String, u32)> = counts.into_iter().collect();
    counts.sort();
    counts
}

/// A page's strongest terms as (term id, weight), normalised to length 1, in the order of the
/// terms' text (so sums over it add up in the same order in every build).
type Vector = Vec<(u32, f32)>;

/// TF-IDF vectors over the pages that take part, keeping each page's strongest terms.
fn weigh_terms(site: &Site, counts: &[TermCounts], term_count: usize) -> Vec<Vector> {
    let mut document_frequency = vec![0u32; term_count];
    for page_counts in counts {
        for &(id, _) in page_counts.iter() {
            document_frequency[id as usize] += 1;
        }
    }
    let pages = site.pages.iter().filter(|p| takes_part(p)).count().max(1) as f32;
    let too_common = (pages * COMMON_SHARE).max(8.0) as u32;
    // A term on one page links nothing; one on too many pages says little.
    let idf: Vec<f32> = document_frequency
        .iter()
        .map(|&df| if df > 1 && df <= too_common { (pages / df as f32).ln() } else { 0.0 })
        .collect();
    counts
        .par_iter()
        .map(|page_counts| {
            let mut weighted: Vec<(usize, u32, f32)> = page_counts
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
        })
        .collect()
}

/// Term id → the pages whose vectors hold it, with the weight there.
type Postings = Vec<Vec<(usize, f32)>>;

/// Each term lists only the pages where it weighs most ("champion lists"), in page order.
fn invert(vectors: &[Vector], term_count: usize) -> Postings {
    let mut postings: Postings = vec![Vec::new(); term_count];
    for (i, vector) in vectors.iter().enumerate() {
        for &(id, weight) in vector {
            postings[id as usize].push((i, weight));
        }
    }
    postings.par_iter_mut().filter(|list| list.len() > PAGES_PER_TERM).for_each(|list| {
        list.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        list.truncate(PAGES_PER_TERM);
        list.sort_by_key(|&(page, _)| page);
    });
    postings
}

/// A score per page, reused from page to page: only the touched entries are reset.
struct Scores {
    score: Vec<f32>,
    touched: Vec<usize>,
}

impl Scores {
    fn add(&mut self, page: usize, value: f32) {
        if self.score[page] == 0.0 {
            self.touched.push(page);
        }
        // A page met only through a tag starts at a tiny score, so it counts as touched.
        self.score[page] += value.max(f32::MIN_POSITIVE);
    }
}

/// Pages by tag and by product, for finding pages that share one even when their words differ.
/// Large groups are left out as a source of candidates (a tag on half the blog links nothing in
/// particular), though a shared tag still counts for pages found by their words.
struct Groups {
    /// Label id → the pages carrying it (large groups left out).
    members: Vec<Vec<usize>>,
    /// Each page's label ids, sorted; products are told apart by `PRODUCT_LABEL`.
    labels: Vec<Vec<u32>>,
}

/// Marks a label id as a product (the others are tags).
const PRODUCT_LABEL: u32 = 1 << 31;

impl Groups {
    fn new(site: &Site) -> Groups {
        let mut ids: FxHashMap<(bool, &str), u32> = FxHashMap::default();
        let mut members: Vec<Vec<usize>> = Vec::new();
        let mut labels = vec![Vec::new(); site.pages.len()];
        for (i, page) in site.pages.iter().enumerate().filter(|(_, p)| takes_part(p)) {
            let tags = page.front.tags.iter().map(|t| (false, t.as_str()));
            let products = page.front.products.iter().map(|p| (true, p.as_str()));
            for label in tags.chain(products) {
                let next = members.len() as u32;
                let id = *ids.entry(label).or_insert(next);
                if id == next {
                    members.push(Vec::new());
                }
                members[id as usize].push(i);
                labels[i].push(if label.0 { id | PRODUCT_LABEL } else { id });
            }
            labels[i].sort_unstable();
            labels[i].dedup();
        }
        for list in &mut members {
            if list.len() > PAGES_PER_TERM {
                list.clear();
            }
        }
        Groups { members, labels }
    }

    fn members(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.labels[i].iter().flat_map(|&id| &self.members[(id & !PRODUCT_LABEL) as usize]).copied()
    }

    /// What shared tags and products add to the likeness of pages `a` and `b`.
    fn shared(&self, a: usize, b: usize) -> f32 {
        let (a, b) = (&self.labels[a], &self.labels[b]);
        let (mut x, mut y, mut bonus) = (0, 0, 0.0);
        while x < a.len() && y < b.len() {
            match a[x].cmp(&b[y]) {
                std::cmp::Ordering::Less => x += 1,
                std::cmp::Ordering::Greater => y += 1,
                std::cmp::Ordering::Equal => {
                    bonus += if a[x] & PRODUCT_LABEL != 0 { PRODUCT_BONUS } else { TAG_BONUS };
                    x += 1;
                    y += 1;
                }
            }
        }
        bonus
    }
}

/// The pages most like page `i`, best first, in its own language.
fn best_matches(
    site: &Site,
    i: usize,
    (vectors, postings, groups): (&[Vector], &Postings, &Groups),
    scores: &mut Scores,
) -> Vec<usize> {
    let page = &site.pages[i];
    for &(id, weight) in &vectors[i] {
        for &(j, other) in &postings[id as usize] {
            scores.add(j, weight * other);
        }
    }
    for j in groups.members(i) {
        scores.add(j, 0.0);
    }
    let labelled = !groups.labels[i].is_empty();
    let mut ranked: Vec<(usize, f32)> = Vec::with_capacity(scores.touched.len());
    for j in scores.touched.drain(..) {
        let text = std::mem::take(&mut scores.score[j]);
        if j != i && site.pages[j].lang == page.lang {
            let labels = if labelled { groups.shared(i, j) } else { 0.0 };
            ranked.push((j, text + labels));
        }
    }
    // Only the best few are kept: select them, then order just those (a page meets ~1,000 others).
    let order = |a: &(usize, f32), b: &(usize, f32)| {
        b.1.total_cmp(&a.1).then_with(|| site.pages[a.0].id.cmp(&site.pages[b.0].id))
    };
    if ranked.len() > RELATED_COUNT {
        ranked.select_nth_unstable_by(RELATED_COUNT - 1, order);
        ranked.truncate(RELATED_COUNT);
    }
    ranked.sort_by(order);
    ranked.into_iter().map(|(j, _)| j).collect()
}

/// The pages each page names in `related:` (already checked to exist), in its order.
fn pinned_pages(site: &Site) -> Vec<Vec<usize>> {
    let index: FxHashMap<&str, usize> = site.pages.iter().enumerate().map(|(i, p)| (p.id.as_str(), i)).collect();
    site.pages
        .iter()
        .map(|page| page.front.related.iter().filter_map(|id| index.get(related_id(id)).copied()).collect())
        .collect()
}
