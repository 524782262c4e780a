//! The index's entries after an edit of some pages' text alone (`SearchCache::keep_keys_but`): only
//! those pages' entries are worked out again, each put in the place its old one had in its language's
//! list, and every other page keeps its entry, its key and its place. No page moved, appeared or
//! changed its front matter, so no list needs sorting by URL again and no entry is looked up by key;
//! what is done per page of the site is comparing two numbers. The checked mode compares the result
//! with the lists a full pass makes.

use super::index::{
    entry_key, extra_entry, extra_key, indexed, page_entry, product_titles, ByLang, ExtraPage, PageKeys,
};
use super::index::{PageEntry, SearchCache};
use crate::markdown::SiteMarkdown;
use crate::site::Site;
use std::sync::Arc;

/// A slot's new entry: its language's number, its place there, its old key and its new one.
struct Replaced {
    lang: usize,
    at: usize,
    old_key: u64,
    key: u64,
    entry: Arc<PageEntry>,
}

/// Each language's entries with those of the pages `kept_key` does not keep worked out again, and every
/// page's Markdown key and entry key; `cache` is left holding the new entries. `None`, with `cache` as
/// it was, when the last build's places do not fit this site (a page left the index or joined it, or
/// an entry's URL or language changed): the full pass then makes the lists.
pub(super) fn patched_entries(
    site: &Site,
    markdown: &SiteMarkdown,
    extra: &[ExtraPage],
    cache: &mut SearchCache,
    previous_keys: &[(Option<u64>, u64)],
    kept_key: &impl Fn(usize) -> Option<u64>,
) -> Option<(ByLang, PageKeys)> {
    let pages = site.pages.len();
    let fits = previous_keys.len() == pages && cache.places.len() == pages + extra.len();
    if !fits || cache.extra_keys.len() != extra.len() {
        return None;
    }
    let text_chars = site.config.search.text_chars;
    let mut page_keys = Vec::with_capacity(pages);
    let mut replaced = Vec::new();
    for (i, &(_, old_key)) in previous_keys.iter().enumerate() {
        let key = match kept_key(i) {
            Some(key) => key,
            None => {
                let key = entry_key(site, markdown, i);
                let page = &site.pages[i];
                let new =
                    || Arc::new(page_entry(site, page, &markdown.pages[i], product_titles(site, page), text_chars));
                let entry = indexed(page).then(|| cache.entries.get(&key).cloned().unwrap_or_else(new));
                replaced.extend(replace(cache, i, old_key, key, entry)?);
                key
            }
        };
        page_keys.push((markdown.keys.get(i).copied(), key));
    }
    for (n, page) in extra.iter().enumerate() {
        let (old_key, key) = (cache.extra_keys[n], extra_key(site, page));
        if key != old_key {
            let entry =
                cache.entries.get(&key).cloned().unwrap_or_else(|| Arc::new(extra_entry(site, page, text_chars)));
            replaced.extend(replace(cache, pages + n, old_key, key, Some(entry))?);
        }
    }
    let mut by_lang: ByLang =
        cache.languages.iter().map(|(lang, (postings, _))| (lang.clone(), postings.docs.clone())).collect();
    let mut lists: Vec<&mut Vec<Arc<PageEntry>>> = by_lang.values_mut().collect();
    for replaced in &replaced {
        cache.entries.remove(&replaced.old_key);
    }
    for Replaced { lang, at, key, entry, .. } in replaced {
        lists[lang][at] = entry.clone();
        cache.entries.insert(key, entry);
    }
    cache.extra_keys = extra.iter().map(|page| extra_key(site, page)).collect();
    Some((by_lang, page_keys))
}

/// Slot `slot`'s entry in place of its old one, if it has one: `None` when it cannot take that place
/// (it is indexed and was not, or the other way round, or its URL or language is not the old entry's).
fn replace(
    cache: &SearchCache,
    slot: usize,
    old_key: u64,
    key: u64,
    entry: Option<Arc<PageEntry>>,
) -> Option<Option<Replaced>> {
    match (cache.places[slot], entry) {
        (None, None) => Some(None),
        (Some((lang, at)), Some(entry)) => {
            let (lang, at) = (lang as usize, at as usize);
            let (postings, _) = cache.languages.values().nth(lang)?;
            let old = postings.docs.get(at)?;
            (old.url == entry.url && old.lang == entry.lang).then_some(Some(Replaced { lang, at, old_key, key, entry }))
        }
        _ => None,
    }
}

/// The checked mode: the patched lists are those the full pass makes, entry for entry.
pub(super) fn check_same(patched: &ByLang, fresh: &ByLang) {
    let langs = |lists: &ByLang| lists.iter().map(|(lang, docs)| (lang.clone(), docs.len())).collect::<Vec<_>>();
    assert!(langs(patched) == langs(fresh), "cache check failed: the patched search index has other pages");
    for (lang, docs) in patched {
        for (a, b) in docs.iter().zip(&fresh[lang]) {
            let same = Arc::ptr_eq(a, b)
                || (a.url == b.url
                    && a.doc == b.doc
                    && a.terms == b.terms
                    && a.aliases == b.aliases
                    && a.section == b.section
                    && a.products == b.products);
            assert!(same, "cache check failed: the patched search entry of {} is stale", a.url);
        }
    }
}
