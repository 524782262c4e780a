//! "You may also be interested in": for every post, article and guide, the pages most like it.
//!
//! Likeness is the cosine of TF-IDF vectors built with the search's own language analysis (so Hebrew
//! prefixes and plurals match as they do in search), plus shared tags and products. Each page keeps
//! only its strongest terms, and terms carried by a large share of the site are ignored, so the
//! work grows with the number of pages times a constant, not with every pair of pages. Pages pinned
//! with `related:` come first. Ties are broken by page id, so every build gives the same lists.

use super::{Page, PageKind, Site};
use crate::cache::fingerprint;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// How many related pages a page shows.
pub const RELATED_COUNT: usize = 4;
/// How many of its strongest terms represent a page.
const TERMS_PER_PAGE: usize = 24;
/// A term carried by more pages than this share of the site says little about any of them.
const COMMON_SHARE: f32 = 0.2;
/// What a shared tag or product adds to the text likeness (which is at most 1).
const TAG_BONUS: f32 = 0.12;
const PRODUCT_BONUS: f32 = 0.18;

/// Term counts of each page's text by the fingerprint of its source, kept between builds so an
/// edit analyses only the page that changed.
#[derive(Debug, Default)]
pub struct RelatedCache {
    counts: FxHashMap<u64, TermCounts>,
}

/// A page's analysed terms and how often each occurs, sorted by term.
type TermCounts = Arc<Vec<(String, u32)>>;

/// Whether pages of this kind get, and appear in, related lists.
fn takes_part(page: &Page) -> bool {
    matches!(page.kind, PageKind::Post | PageKind::Article | PageKind::Guide)
}

/// For every page, the indices of its related pages, best first (empty for other kinds).
pub fn find_related(site: &Site, cache: &mut RelatedCache) -> Vec<Vec<usize>> {
    let counts = term_counts(site, cache);
    let vectors = weigh_terms(site, &counts);
    let postings = invert(&vectors);
    let groups = Groups::new(site);
    let pinned = pinned_pages(site);
    (0..site.pages.len())
        .into_par_iter()
        .map(|i| {
            if !takes_part(&site.pages[i]) {
                return Vec::new();
            }
            let mut list: Vec<usize> = pinned[i].clone();
            for j in best_matches(site, i, &vectors, &postings, &groups) {
                if list.len() >= RELATED_COUNT.max(pinned[i].len()) {
                    break;
                }
                if !list.contains(&j) {
                    list.push(j);
                }
            }
            list
        })
        .collect()
}

/// Each page's analysed terms with their counts; unchanged pages come from the cache.
fn term_counts(site: &Site, cache: &mut RelatedCache) -> Vec<TermCounts> {
    let counts: Vec<(u64, TermCounts)> = site
        .pages
        .par_iter()
        .map(|page| {
            let key = fingerprint((page.source_fingerprint, "related"));
            match cache.counts.get(&key) {
                Some(counts) => (key, counts.clone()),
                None => (key, Arc::new(count_terms(page))),
            }
        })
        .collect();
    cache.counts = counts.iter().map(|(key, counts)| (*key, counts.clone())).collect();
    counts.into_iter().map(|(_, counts)| counts).collect()
}

/// The title counts three times: it says what the page is about better than any sentence.
fn count_terms(page: &Page) -> Vec<(String, u32)> {
    let mut counts: FxHashMap<String, u32> = FxHashMap::default();
    let description = page.front.description.as_deref().unwrap_or("");
    let text = format!("{0}\n{0}\n{0}\n{description}\n{1}", page.title, page.source.parsed.body);
    for term in analyze(&text) {
        *counts.entry(term).or_default() += 1;
    }
    let mut counts: Vec<(String, u32)> = counts.into_iter().collect();
    counts.sort();
    counts
}

/// A page's strongest terms as (term id, weight), normalised to length 1, sorted by term id.
type Vector = Vec<(u32, f32)>;

/// TF-IDF vectors over the pages that take part, keeping each page's strongest terms.
fn weigh_terms(site: &Site, counts: &[TermCounts]) -> Vec<Vector> {
    let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
    let mut document_frequency: Vec<u32> = Vec::new();
    let taking_part: Vec<bool> = site.pages.iter().map(takes_part).collect();
    let mut page_ids: Vec<Vec<(u32, u32)>> = Vec::with_capacity(counts.len());
    for (i, page_counts) in counts.iter().enumerate() {
        if !taking_part[i] {
            page_ids.push(Vec::new());
            continue;
        }
        let mut list = Vec::with_capacity(page_counts.len());
        for (term, count) in page_counts.iter() {
            let next = ids.len() as u32;
            let id = *ids.entry(term.as_str()).or_insert(next);
            if id as usize == document_frequency.len() {
                document_frequency.push(0);
            }
            document_frequency[id as usize] += 1;
            list.push((id, *count));
        }
        page_ids.push(list);
    }
    let pages = taking_part.iter().filter(|&&t| t).count().max(1) as f32;
    let too_common = (pages * COMMON_SHARE).max(8.0);
    page_ids
        .into_par_iter()
        .map(|list| {
            let mut weighted: Vector = list
                .into_iter()
                .filter(|&(id, _)| {
                    let df = document_frequency[id as usize] as f32;
                    df > 1.0 && df <= too_common
                })
                .map(|(id, count)| {
                    let df = document_frequency[id as usize] as f32;
                    (id, (1.0 + (count as f32).ln()) * (pages / df).ln())
                })
                .collect();
            weighted.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            weighted.truncate(TERMS_PER_PAGE);
            let norm = weighted.iter().map(|(_, w)| w * w).sum::<f32>().sqrt().max(f32::EPSILON);
            let mut vector: Vector = weighted.into_iter().map(|(id, w)| (id, w / norm)).collect();
            vector.sort_by_key(|&(id, _)| id);
            vector
        })
        .collect()
}

/// Term id → the pages whose vectors hold it, with the weight there.
type Postings = FxHashMap<u32, Vec<(usize, f32)>>;

fn invert(vectors: &[Vector]) -> Postings {
    let mut postings: FxHashMap<u32, Vec<(usize, f32)>> = FxHashMap::default();
    for (i, vector) in vectors.iter().enumerate() {
        for &(id, weight) in vector {
            postings.entry(id).or_default().push((i, weight));
        }
    }
    postings
}

/// Pages by tag and by product, for finding pages that share one even when their words differ.
/// Groups larger than `too_common` are left out: a tag on half the blog links nothing in particular.
struct Groups<'s> {
    by_label: FxHashMap<(bool, &'s str), Vec<usize>>,
}

impl<'s> Groups<'s> {
    fn new(site: &'s Site) -> Groups<'s> {
        let mut by_label: FxHashMap<(bool, &'s str), Vec<usize>> = FxHashMap::default();
        for (i, page) in site.pages.iter().enumerate().filter(|(_, p)| takes_part(p)) {
            for tag in &page.front.tags {
                by_label.entry((false, tag.as_str())).or_default().push(i);
            }
            for product in &page.front.products {
                by_label.entry((true, product.as_str())).or_default().push(i);
            }
        }
        let pages = site.pages.iter().filter(|p| takes_part(p)).count() as f32;
        let too_common = (pages * COMMON_SHARE).max(50.0) as usize;
        by_label.retain(|_, members| members.len() <= too_common);
        Groups { by_label }
    }

    fn members<'a>(&'a self, page: &'a Page) -> impl Iterator<Item = usize> + 'a {
        let tags = page.front.tags.iter().map(|t| (false, t.as_str()));
        let products = page.front.products.iter().map(|p| (true, p.as_str()));
        tags.chain(products).filter_map(|label| self.by_label.get(&label)).flatten().copied()
    }
}

/// What shared tags and products add to the likeness of two pages.
fn shared_labels(a: &Page, b: &Page) -> f32 {
    let tags = a.front.tags.iter().filter(|t| b.front.tags.contains(t)).count();
    let products = a.front.products.iter().filter(|p| b.front.products.contains(p)).count();
    tags as f32 * TAG_BONUS + products as f32 * PRODUCT_BONUS
}

/// The pages most like page `i`, best first, in its own language.
fn best_matches(site: &Site, i: usize, vectors: &[Vector], postings: &Postings, groups: &Groups) -> Vec<usize> {
    let page = &site.pages[i];
    let mut scores: FxHashMap<usize, f32> = FxHashMap::default();
    for &(id, weight) in &vectors[i] {
        for &(j, other) in postings.get(&id).into_iter().flatten() {
            *scores.entry(j).or_default() += weight * other;
        }
    }
    for j in groups.members(page) {
        scores.entry(j).or_default();
    }
    let mut ranked: Vec<(usize, f32)> = scores
        .into_iter()
        .filter(|&(j, _)| j != i && site.pages[j].lang == page.lang)
        .map(|(j, text)| (j, text + shared_labels(page, &site.pages[j])))
        .filter(|&(_, score)| score > 0.0)
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| site.pages[a.0].id.cmp(&site.pages[b.0].id)));
    ranked.into_iter().take(RELATED_COUNT).map(|(j, _)| j).collect()
}

/// The pages each page names in `related:` (already checked to exist), in its order.
fn pinned_pages(site: &Site) -> Vec<Vec<usize>> {
    let index: FxHashMap<&str, usize> = site.pages.iter().enumerate().map(|(i, p)| (p.id.as_str(), i)).collect();
    site.pages
        .iter()
        .map(|page| page.front.related.iter().filter_map(|id| index.get(related_id(id)).copied()).collect())
        .collect()
}

/// `related:` entries name a content file, with or without the `@/` of internal links.
pub fn related_id(entry: &str) -> &str {
    entry.trim().trim_start_matches("@/")
}

/// The analysis the search index uses, reduced to index terms.
fn analyze(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() > 1).map(str::to_lowercase).collect()
}
