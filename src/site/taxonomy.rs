//! Taxonomies: the values of list-valued front-matter keys (`tags`, `categories`, or any key named in
//! site.yaml's `taxonomies:`), gathered into terms with the pages that carry them.

use super::{slug_as, slugify, Page};
use crate::config::SlugStyle;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// One taxonomy and its terms, published at `/<name>/` and `/<name>/<term>/`.
#[derive(Debug, Clone, PartialEq)]
pub struct Taxonomy {
    /// The front-matter key: `tags`.
    pub name: String,
    pub url_path: String,
    /// Terms ordered by name.
    pub terms: Vec<Term>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// The term as written (the first spelling met, in page order, when several share a slug).
    pub name: String,
    pub url_path: String,
    /// Pages carrying the term: newest first, then by title.
    pub pages: Vec<usize>,
}

/// The values page `page` has for taxonomy `name`, as written in its front matter (those that make
/// a URL segment in `style`).
pub fn page_terms<'p>(page: &'p Page, name: &str, style: SlugStyle) -> Vec<&'p str> {
    let mut terms = written_terms(page, name);
    terms.retain(|term| !slug_as(term, style).is_empty());
    terms
}

/// The values page `page` has for taxonomy `name`, as written, whether or not they make a URL segment.
fn written_terms<'p>(page: &'p Page, name: &str) -> Vec<&'p str> {
    match name {
        "tags" => page.front.tags.iter().map(String::as_str).collect(),
        "categories" => page.front.categories.iter().map(String::as_str).collect(),
        other => match page.source.parsed.extra.get(other) {
            Some(serde_json::Value::String(one)) => vec![one.as_str()],
            Some(serde_json::Value::Array(list)) => list.iter().filter_map(serde_json::Value::as_str).collect(),
            _ => Vec::new(),
        },
    }
}

/// Gathers every configured taxonomy over `pages`. Taxonomies no page uses are left out.
///
/// The pages are visited in the order terms list them (`term_order`), so each term's pages come
/// out sorted; a term's spelling is still the one met first in page order. A spelling's slug is
/// worked out once, not once per page carrying it (at 10,000 pages that was a third of assembling).
/// The taxonomies are gathered side by side (`tags` beside `categories`).
pub fn collect_taxonomies(names: &[String], pages: &[Page], style: SlugStyle) -> Vec<Taxonomy> {
    if names.is_empty() {
        return Vec::new();
    }
    let order = term_order(pages);
    let gathered: Vec<Option<Taxonomy>> =
        names.par_iter().map(|name| collect_taxonomy(name, pages, &order, style)).collect();
    gathered.into_iter().flatten().collect()
}

/// One taxonomy over `pages` visited in `order` (see `collect_taxonomies`); `None` if no page uses it.
fn collect_taxonomy(name: &str, pages: &[Page], order: &[usize], style: SlugStyle) -> Option<Taxonomy> {
    let url_path = format!("/{}/", slugify(name));
    let mut slugs: FxHashMap<&str, String> = FxHashMap::default();
    // Each term, and the first page (in page order) that spells it as it is shown.
    let mut by_slug: FxHashMap<String, (Term, usize)> = FxHashMap::default();
    for &i in order.iter().filter(|&&i| pages[i].borrowed.is_none()) {
        for term in written_terms(&pages[i], name) {
            let slug = slugs.entry(term).or_insert_with(|| slug_as(term, style));
            if slug.is_empty() {
                continue;
            }
            if !by_slug.contains_key(slug.as_str()) {
                let new =
                    Term { name: term.trim().to_string(), url_path: term_url(name, term, style), pages: Vec::new() };
                by_slug.insert(slug.clone(), (new, i));
            }
            let Some((entry, first)) = by_slug.get_mut(slug.as_str()) else { continue };
            if i < *first {
                (entry.name, *first) = (term.trim().to_string(), i);
            }
            if entry.pages.last() != Some(&i) {
                entry.pages.push(i);
            }
        }
    }
    if by_slug.is_empty() {
        return None;
    }
    let mut terms: Vec<Term> = by_slug.into_values().map(|(term, _)| term).collect();
    sort_terms(&mut terms);
    Some(Taxonomy { name: name.to_string(), url_path, terms })
}

/// Every page's index in the order a term lists its pages (see `sort_term_pages`).
fn term_order(pages: &[Page]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..pages.len()).collect();
    order.par_sort_by(|&a, &b| term_page_order(&pages[a], &pages[b]));
    order
}

/// The URL path of the page of `term` in taxonomy `name`: `/tags/billing/`.
pub fn term_url(name: &str, term: &str, style: SlugStyle) -> String {
    format!("/{}/{}/", slugify(name), slug_as(term, style))
}

/// `taxonomies` as `collect_taxonomies` would gather them over `pages`, when only the pages
/// `replaced` (each kept at its index) changed since they were gathered: a title, tag or date edit
/// in `folio serve`. Only the terms that held a replaced page, or that a replaced page now carries,
/// are worked out again (their pages, order and spelling); the others cannot have changed. The
/// checked mode compares the site with a fresh assembly, taxonomies included.
pub fn patch_taxonomies(
    taxonomies: Vec<Taxonomy>,
    names: &[String],
    pages: &[Page],
    style: SlugStyle,
    replaced: &[usize],
) -> Vec<Taxonomy> {
    let mut old: BTreeMap<String, Taxonomy> = taxonomies.into_iter().map(|t| (t.name.clone(), t)).collect();
    let mut patched = Vec::new();
    for name in names {
        let taxonomy = old.remove(name).unwrap_or_else(|| Taxonomy {
            name: name.clone(),
            url_path: format!("/{}/", slugify(name)),
            terms: Vec::new(),
        });
        let Taxonomy { url_path, terms, .. } = taxonomy;
        // A term's slug is the last segment of its address (see `term_url`).
        let slug_of = |term: &Term| term.url_path[url_path.len()..term.url_path.len() - 1].to_string();
        let mut by_slug: BTreeMap<String, Term> = terms.into_iter().map(|t| (slug_of(&t), t)).collect();
        let mut touched = std::collections::BTreeSet::new();
        for (slug, term) in &mut by_slug {
            if term.pages.iter().any(|p| replaced.contains(p)) {
                term.pages.retain(|p| !replaced.contains(p));
                touched.insert(slug.clone());
            }
        }
        for &i in replaced.iter().filter(|&&i| pages[i].borrowed.is_none()) {
            for term in page_terms(&pages[i], name, style) {
                let slug = slug_as(term, style);
                let entry = by_slug.entry(slug.clone()).or_insert_with(|| Term {
                    name: String::new(),
                    url_path: term_url(name, term, style),
                    pages: Vec::new(),
                });
                if !entry.pages.contains(&i) {
                    entry.pages.push(i);
                }
                touched.insert(slug);
            }
        }
        for slug in touched {
            let Some(term) = by_slug.get_mut(&slug) else { continue };
            let Some(&first) = term.pages.iter().min() else {
                by_slug.remove(&slug);
                continue;
            };
            // The spelling met first in page order, as gathering every page finds it.
            let spelling = page_terms(&pages[first], name, style).into_iter().find(|t| slug_as(t, style) == slug);
            term.name = spelling.unwrap_or_default().trim().to_string();
            sort_term_pages(term, pages);
        }
        if by_slug.is_empty() {
            continue;
        }
        let mut terms: Vec<Term> = by_slug.into_values().collect();
        sort_terms(&mut terms);
        patched.push(Taxonomy { name: name.clone(), url_path, terms });
    }
    patched
}

/// A term's pages: newest first, then by title (then by id, so the order is total).
fn sort_term_pages(term: &mut Term, pages: &[Page]) {
    term.pages.sort_by(|&a, &b| term_page_order(&pages[a], &pages[b]));
}

fn term_page_order(a: &Page, b: &Page) -> std::cmp::Ordering {
    b.date.cmp(&a.date).then_with(|| a.title.cmp(&b.title)).then_with(|| a.id.cmp(&b.id))
}

/// Terms by name, case aside. No two terms of a taxonomy share a name (a name makes one slug), so
/// the order is total whatever order they were gathered in.
fn sort_terms(terms: &mut [Term]) {
    terms.sort_by_cached_key(|term| (term.name.to_lowercase(), term.name.clone()));
}
