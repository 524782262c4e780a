//! Which pages each product and author page lists, found in one walk over the site: a product's
//! page lists the guides and articles naming it, an author's page their posts. Rendering asks for
//! these lists on every build (for each such page's key, its view and its JSON), and walking the
//! whole site once per product and per author each time made them a large part of a rebuild.

use crate::site::{PageKind, Site};
use rustc_hash::FxHashMap;

/// The pages naming each product and each author, in site order (borrowed pages left out).
pub struct ShownLists<'a> {
    products: FxHashMap<&'a str, Vec<usize>>,
    authors: FxHashMap<&'a str, Vec<usize>>,
}

impl<'a> ShownLists<'a> {
    pub fn new(site: &'a Site) -> ShownLists<'a> {
        let (mut products, mut authors) = (FxHashMap::default(), FxHashMap::default());
        for (i, page) in site.pages.iter().enumerate().filter(|(_, p)| p.borrowed.is_none()) {
            match page.kind {
                PageKind::Guide | PageKind::Article => add(&mut products, &page.front.products, i),
                PageKind::Post => add(&mut authors, &page.authors, i),
                _ => {}
            }
        }
        ShownLists { products, authors }
    }

    /// The guides and articles naming the product `key`, in site order.
    pub fn naming_product(&self, key: &str) -> &[usize] {
        self.products.get(key).map_or(&[], Vec::as_slice)
    }

    /// The posts naming the author `key`, in site order.
    pub fn naming_author(&self, key: &str) -> &[usize] {
        self.authors.get(key).map_or(&[], Vec::as_slice)
    }
}

/// Lists page `i` under each of `keys`, once under a key it names twice.
fn add<'a>(lists: &mut FxHashMap<&'a str, Vec<usize>>, keys: &'a [String], i: usize) {
    for (n, key) in keys.iter().enumerate() {
        if !keys[..n].contains(key) {
            lists.entry(key.as_str()).or_default().push(i);
        }
    }
}
