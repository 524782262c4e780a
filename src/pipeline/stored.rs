//! The stages `folio build` keeps on disk between runs (see `persist`), each with the key of
//! everything it is given: related pages and the search index, the two most expensive ones, as
//! whole results.

use super::persist::{Blob, StageStore};
use crate::markdown::SiteMarkdown;
use crate::memo::fingerprint;
use crate::search::ExtraPage;
use crate::site::{PerPage, Site};
use std::sync::Arc;

/// Related pages read only the site (`find_related(site, …)`): its digest is their key.
pub(super) fn related_pages(
    store: &StageStore,
    site: &Site,
    site_digest: u64,
    compute: impl FnOnce() -> PerPage<Vec<usize>>,
) -> PerPage<Vec<usize>> {
    let key = fingerprint(("related", site_digest));
    let lists = store.get_or_compute("related", key, || compute().iter().cloned().collect::<Vec<Vec<usize>>>());
    PerPage::collect(site, lists)
}

/// The search index files read the site, each text's HTML (whose keys cover all it was made from)
/// and the generated pages indexed beside them.
pub(super) fn search_files(
    store: &StageStore,
    site_digest: u64,
    markdown: &SiteMarkdown,
    extra: &[ExtraPage],
    compute: impl FnOnce() -> Vec<(String, Arc<[u8]>)>,
) -> Vec<(String, Arc<[u8]>)> {
    let texts: Vec<u64> = markdown.keys.iter().copied().collect();
    let extra: Vec<_> = extra
        .iter()
        .map(|page| {
            // Named field by field, so that a new field cannot be left out of the key.
            let ExtraPage { url_path, title, lang, headings, text } = page;
            (url_path, title, lang, headings, text)
        })
        .collect();
    let key = fingerprint(("search", site_digest, texts, &markdown.section_keys, extra));
    let files = store.get_or_compute("search", key, || {
        compute().into_iter().map(|(path, bytes)| (path, Blob(bytes.to_vec()))).collect::<Vec<_>>()
    });
    files.into_iter().map(|(path, Blob(bytes))| (path, Arc::from(bytes))).collect()
}
