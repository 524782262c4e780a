//! Pages by tag and by product, for finding pages that share one even when their words differ.

use super::takes_part;
use super::weights::PAGES_PER_TERM;
use crate::site::Site;
use rustc_hash::FxHashMap;

/// What a shared tag or product adds to the text likeness (which is at most 1).
const TAG_BONUS: f32 = 0.12;
const PRODUCT_BONUS: f32 = 0.18;

/// Large groups are left out as a source of candidates (a tag on half the blog links nothing in
/// particular), though a shared tag still counts for pages found by their words.
#[derive(Debug, PartialEq)]
pub(super) struct Groups {
    /// Label id → the pages carrying it (large groups left out).
    members: Vec<Vec<usize>>,
    /// Each page's label ids, sorted; products are told apart by `PRODUCT_LABEL`.
    labels: Vec<Vec<u32>>,
    /// Label id → whether it is a product, and its name: ids are given in page order, so the
    /// same label may have another id in the next build.
    names: Vec<(bool, Box<str>)>,
}

/// Marks a label id as a product (the others are tags).
const PRODUCT_LABEL: u32 = 1 << 31;

impl Groups {
    pub fn new(site: &Site) -> Groups {
        let mut ids: FxHashMap<(bool, &str), u32> = FxHashMap::default();
        let mut members: Vec<Vec<usize>> = Vec::new();
        let mut names = Vec::new();
        let mut labels = vec![Vec::new(); site.pages.len()];
        for (i, page) in site.pages.iter().enumerate().filter(|(_, p)| takes_part(p)) {
            let tags = page.front.tags.iter().map(|t| (false, t.as_str()));
            let products = page.front.products.iter().map(|p| (true, p.as_str()));
            for label in tags.chain(products) {
                let next = members.len() as u32;
                let id = *ids.entry(label).or_insert(next);
                if id == next {
                    members.push(Vec::new());
                    names.push((label.0, label.1.into()));
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
        Groups { members, labels, names }
    }

    /// The pages sharing a group (not too large) with page `i`.
    pub fn members(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.labels[i].iter().flat_map(|&id| &self.members[(id & !PRODUCT_LABEL) as usize]).copied()
    }

    pub fn has_labels(&self, i: usize) -> bool {
        !self.labels[i].is_empty()
    }

    /// Page `i`'s labels by name, sorted.
    pub fn names_of(&self, i: usize) -> Vec<(bool, &str)> {
        let mut names: Vec<(bool, &str)> = self.labels[i]
            .iter()
            .map(|&id| {
                let (product, name) = &self.names[(id & !PRODUCT_LABEL) as usize];
                (*product, &**name)
            })
            .collect();
        names.sort_unstable();
        names
    }

    /// Each label's pages as a source of candidates (empty for a large group), by name.
    fn by_name(&self) -> FxHashMap<(bool, &str), &[usize]> {
        self.names.iter().zip(&self.members).map(|((product, name), pages)| ((*product, &**name), &pages[..])).collect()
    }

    /// The labels whose candidate pages differ between `self` and `new`, with those pages in
    /// either: a page in such a group meets other pages through it now, or no longer does.
    pub fn moved_members(&self, new: &Groups) -> Vec<usize> {
        let (old, now) = (self.by_name(), new.by_name());
        let mut pages = Vec::new();
        for (label, &before) in &old {
            let after = now.get(label).copied().unwrap_or_default();
            if before != after {
                pages.extend(before.iter().chain(after));
            }
        }
        for (_, &after) in now.iter().filter(|(label, _)| !old.contains_key(*label)) {
            pages.extend(after);
        }
        pages
    }

    /// What shared tags and products add to the likeness of pages `a` and `b`.
    pub fn shared(&self, a: usize, b: usize) -> f32 {
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
