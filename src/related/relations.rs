//! Everything the related lists are made from, kept between builds: a text edit updates the
//! edited pages' terms, then only the vectors, champion lists and related lists that depend on
//! them. Each of those is a pure function of the values below it, so recomputing exactly the ones
//! whose inputs changed gives what a full computation gives.
//!
//! The chain, and what invalidates each link:
//! - a page's terms change → the document frequency of the terms it gained or lost;
//! - a term's weight level changes (`Scale::idf`) → the vectors of every page holding the term,
//!   and the edited pages' vectors in any case;
//! - a page's vector changes → the champion lists of the terms it held and holds;
//! - a term's champion list changes, or a page's own vector → the related lists of the pages
//!   whose vectors hold the term, and of that page;
//! - a page's tags or products change → its own list, the lists of the pages that meet it as a
//!   candidate (what it shares with them changed), and the lists of every page in a group
//!   (not too large) that it joined or left.

use super::groups::Groups;
use super::weights::{champions, weigh, Postings, Scale, Vector};
use super::{pinned_pages, takes_part, TermCounts, RELATED_COUNT};
use crate::site::Site;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

#[derive(Debug)]
pub(super) struct Relations {
    /// The digest of what must stay the same for a patch (see `frame_digest`).
    pub frame: u64,
    scale: Scale,
    counts: Vec<TermCounts>,
    /// Term id → the pages whose text holds it, ascending: its document frequency is the length.
    /// Only a patch reads it: `folio build` never patches, and does not make it (making it was over a
    /// tenth of the stage's instructions, a cache miss per term of every page); else the first patch
    /// makes it if `compute` did not.
    pages_with: Option<Vec<Vec<u32>>>,
    /// Term id → its inverse document frequency.
    idf: Vec<f32>,
    vectors: Vec<Vector>,
    /// Term id → every page whose vector holds it, in page order.
    holders: Vec<Postings>,
    /// Term id → its champion list, when shorter than its holders.
    capped: Vec<Option<Postings>>,
    groups: Groups,
    /// Each page's language, as the index of its first page in that language (fixed by the frame).
    langs: Vec<u32>,
    pinned: Vec<Vec<usize>>,
    /// Each page's related pages, best first.
    pub lists: Vec<Vec<usize>>,
}

impl Relations {
    /// Every vector, champion list and related list, from the pages' term counts.
    /// `patched`: edits will follow (`folio serve`), so what only a patch reads is made now, while
    /// nobody waits, rather than on the first edit.
    pub fn compute(site: &Site, counts: Vec<TermCounts>, terms: usize, frame: u64, patched: bool) -> Relations {
        let pages_with = patched.then(|| pages_holding(&counts, terms));
        let scale = Scale::new(site.pages.iter().filter(|p| takes_part(p)).count());
        let idf: Vec<f32> = document_frequencies(&counts, terms).into_iter().map(|df| scale.idf(df)).collect();
        let vectors: Vec<Vector> = counts.par_iter().map(|c| weigh(c, &idf)).collect();
        let mut holders = holder_lists(&vectors, terms);
        for (i, vector) in vectors.iter().enumerate() {
            for &(id, weight) in vector {
                holders[id as usize].push((i, weight));
            }
        }
        let capped = holders.par_iter().map(|h| champions(h)).collect();
        let mut relations = Relations {
            frame,
            scale,
            counts,
            pages_with,
            idf,
            vectors,
            holders,
            capped,
            groups: Groups::new(site),
            langs: languages(site),
            pinned: pinned_pages(site),
            lists: Vec::new(),
        };
        relations.lists = relations.relate(site, &(0..site.pages.len()).collect::<Vec<_>>());
        relations
    }

    /// Brings everything up to date with `counts`, the pages' terms now, for the same frame;
    /// returns how many related lists it computed again. `labels_kept`: no page's tags or products
    /// changed (no front matter did), so the groups are as they were.
    pub fn patch(&mut self, site: &Site, counts: Vec<TermCounts>, terms: usize, labels_kept: bool) -> usize {
        let known = self.idf.len();
        self.pages_with.get_or_insert_with(|| pages_holding(&self.counts, known)).resize(terms, Vec::new());
        self.idf.resize(terms, 0.0);
        self.holders.resize(terms, Vec::new());
        self.capped.resize(terms, None);
        let previous = std::mem::replace(&mut self.counts, counts);
        let edited: Vec<usize> = (0..previous.len()).filter(|&i| previous[i] != self.counts[i]).collect();
        let mut relist = Vec::new();
        if !edited.is_empty() {
            let mut reweigh = edited.clone();
            let pages_with = self.pages_with.as_mut().expect("made above");
            for term in count_pages(pages_with, &edited, &previous, &self.counts) {
                let idf = self.scale.idf(pages_with[term].len());
                if idf != self.idf[term] {
                    self.idf[term] = idf;
                    reweigh.extend(pages_with[term].iter().map(|&i| i as usize));
                }
            }
            if crate::memo::checking() {
                let fresh = pages_holding(&self.counts, terms);
                assert!(Some(&fresh) == self.pages_with.as_ref(), "cache check failed: the pages of a term are stale");
            }
            reweigh.sort_unstable();
            reweigh.dedup();
            relist = self.reweigh_pages(&reweigh);
        }
        // After the vectors: which pages meet a relabelled page by its words is read from them.
        if !labels_kept {
            relist.extend(self.regroup(site));
        } else if crate::memo::checking() {
            assert!(Groups::new(site) == self.groups, "cache check failed: the related pages' kept groups are stale");
        }
        if relist.is_empty() {
            return 0;
        }
        relist.sort_unstable();
        relist.dedup();
        for (i, list) in relist.iter().zip(self.relate(site, &relist)) {
            self.lists[*i] = list;
        }
        relist.len()
    }

    /// Weighs the pages `reweigh` again and updates the champion lists of the terms whose holders
    /// moved; returns the pages whose related lists may have changed.
    fn reweigh_pages(&mut self, reweigh: &[usize]) -> Vec<usize> {
        let (counts, idf, vectors) = (&self.counts, &self.idf, &self.vectors);
        let moved: Vec<(usize, Vector)> = reweigh
            .par_iter()
            .map(|&i| (i, weigh(&counts[i], idf)))
            .filter(|(i, vector)| *vector != vectors[*i])
            .collect();
        let mut terms: Vec<usize> = moved
            .iter()
            .flat_map(|(i, vector)| self.vectors[*i].iter().chain(vector).map(|&(id, _)| id as usize))
            .collect();
        terms.sort_unstable();
        terms.dedup();
        let before: Vec<Postings> = terms.iter().map(|&t| self.champions(t).to_vec()).collect();
        let mut relist: Vec<usize> = Vec::new();
        for (i, vector) in moved {
            for &(id, _) in &self.vectors[i] {
                let holders = &mut self.holders[id as usize];
                if let Ok(at) = holders.binary_search_by_key(&i, |h| h.0) {
                    holders.remove(at);
                }
            }
            for &(id, weight) in &vector {
                let holders = &mut self.holders[id as usize];
                match holders.binary_search_by_key(&i, |h| h.0) {
                    Ok(at) => holders[at].1 = weight,
                    Err(at) => holders.insert(at, (i, weight)),
                }
            }
            self.vectors[i] = vector;
            relist.push(i);
        }
        for (&term, before) in terms.iter().zip(before) {
            self.capped[term] = champions(&self.holders[term]);
            if self.champions(term) != before {
                relist.extend(self.holders[term].iter().map(|&(i, _)| i));
            }
        }
        relist
    }

    /// Takes the pages' tags and products as they are now; returns the pages whose related lists
    /// they may change: a page whose labels changed, every page that meets it as a candidate (by
    /// its words or a group; what it adds there changed), and the members of every group that
    /// gained or lost candidates.
    fn regroup(&mut self, site: &Site) -> Vec<usize> {
        let groups = Groups::new(site);
        if groups == self.groups {
            return Vec::new();
        }
        let mut relist = self.groups.moved_members(&groups);
        let relabelled = (0..site.pages.len()).filter(|&i| self.groups.names_of(i) != groups.names_of(i));
        for k in relabelled {
            relist.push(k);
            relist.extend(self.groups.members(k).chain(groups.members(k)));
            // A page whose vector holds a term listing `k` among its champions meets `k` by words.
            for &(id, _) in &self.vectors[k] {
                if self.champions(id as usize).binary_search_by_key(&k, |c| c.0).is_ok() {
                    relist.extend(self.holders[id as usize].iter().map(|&(j, _)| j));
                }
            }
        }
        self.groups = groups;
        relist
    }

    /// A term's champion list: the pages where it weighs most (see `weights::champions`).
    fn champions(&self, term: usize) -> &[(usize, f32)] {
        self.capped[term].as_deref().unwrap_or(&self.holders[term])
    }

    /// The related lists of `pages`, computed in parallel.
    fn relate(&self, site: &Site, pages: &[usize]) -> Vec<Vec<usize>> {
        let size = site.pages.len();
        pages
            .par_iter()
            .map_init(
                || Scores { score: vec![0.0; size], touched: Vec::new() },
                |scores, &i| {
                    if !takes_part(&site.pages[i]) {
                        return Vec::new();
                    }
                    let pinned = &self.pinned[i];
                    let mut list: Vec<usize> = pinned.clone();
                    for j in self.best_matches(site, i, scores) {
                        if list.len() >= RELATED_COUNT.max(pinned.len()) {
                            break;
                        }
                        if !list.contains(&j) {
                            list.push(j);
                        }
                    }
                    list
                },
            )
            .collect()
    }

    /// The pages most like page `i`, best first, in its own language.
    fn best_matches(&self, site: &Site, i: usize, scores: &mut Scores) -> Vec<usize> {
        let lang = self.langs[i];
        for &(id, weight) in &self.vectors[i] {
            for &(j, other) in self.champions(id as usize) {
                scores.add(j, weight * other);
            }
        }
        for j in self.groups.members(i) {
            scores.add(j, 0.0);
        }
        let labelled = self.groups.has_labels(i);
        let mut ranked: Vec<(usize, f32)> = Vec::with_capacity(scores.touched.len());
        for j in scores.touched.drain(..) {
            let text = std::mem::take(&mut scores.score[j]);
            if j != i && self.langs[j] == lang {
                let labels = if labelled { self.groups.shared(i, j) } else { 0.0 };
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
}

/// Term id → on how many pages it is (`terms` ids).
fn document_frequencies(counts: &[TermCounts], terms: usize) -> Vec<usize> {
    let mut frequency = vec![0usize; terms];
    for &(id, _) in counts.iter().flat_map(|c| c.iter()) {
        frequency[id as usize] += 1;
    }
    frequency
}

/// Term id → an empty list with room for every page whose vector holds it: each list is
/// allocated once at its final size rather than grown (there are as many as there are terms).
fn holder_lists(vectors: &[Vector], terms: usize) -> Vec<Postings> {
    let mut sizes = vec![0usize; terms];
    for &(id, _) in vectors.iter().flatten() {
        sizes[id as usize] += 1;
    }
    sizes.into_iter().map(Vec::with_capacity).collect()
}

/// Term id → the pages holding it, ascending (see `Relations::pages_with`).
fn pages_holding(counts: &[TermCounts], terms: usize) -> Vec<Vec<u32>> {
    // Each list allocated once at its final size: there are as many as there are terms.
    let mut pages_with: Vec<Vec<u32>> =
        document_frequencies(counts, terms).into_iter().map(Vec::with_capacity).collect();
    for (i, page_counts) in counts.iter().enumerate() {
        for &(id, _) in page_counts.iter() {
            pages_with[id as usize].push(i as u32);
        }
    }
    pages_with
}

/// Moves the `edited` pages in `pages_with` from their `previous` terms to their terms `now`;
/// returns the terms whose document frequency changed.
fn count_pages(
    pages_with: &mut [Vec<u32>],
    edited: &[usize],
    previous: &[TermCounts],
    now: &[TermCounts],
) -> Vec<usize> {
    let mut changed = Vec::new();
    for &i in edited {
        let mut before: Vec<u32> = previous[i].iter().map(|&(id, _)| id).collect();
        let mut after: Vec<u32> = now[i].iter().map(|&(id, _)| id).collect();
        before.sort_unstable();
        after.sort_unstable();
        for &id in before.iter().filter(|id| after.binary_search(id).is_err()) {
            let pages = &mut pages_with[id as usize];
            if let Ok(at) = pages.binary_search(&(i as u32)) {
                pages.remove(at);
            }
            changed.push(id as usize);
        }
        for &id in after.iter().filter(|id| before.binary_search(id).is_err()) {
            let pages = &mut pages_with[id as usize];
            if let Err(at) = pages.binary_search(&(i as u32)) {
                pages.insert(at, i as u32);
            }
            changed.push(id as usize);
        }
    }
    changed.sort_unstable();
    changed.dedup();
    changed
}

/// Each page's language as a number: the index of the first page in the same language.
fn languages(site: &Site) -> Vec<u32> {
    let mut first: FxHashMap<&str, u32> = FxHashMap::default();
    site.pages.iter().enumerate().map(|(i, page)| *first.entry(page.lang.as_str()).or_insert(i as u32)).collect()
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
