//! The stages `folio build` keeps on disk between runs (see `persist`), each with the key of
//! everything it is given: related pages and the search index, the two most expensive ones, as
//! whole results, and each text's Markdown by its own key.

use super::persist::{Blob, StageStore};
use super::staged::Sink;
use crate::markdown::{AnchorRef, Heading, Html, HtmlFile, MarkdownMemo, Rendered, ShownImage, SiteMarkdown};
use crate::memo::{checking, checksum, fingerprint};
use crate::output::FileSource;
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

/// The key of the search index: it reads the site, each text's HTML (whose keys cover all it was
/// made from) and the generated pages indexed beside them.
pub(super) fn search_key(site_digest: u64, markdown: &SiteMarkdown, extra: &[ExtraPage]) -> u64 {
    let texts: Vec<u64> = markdown.keys.iter().copied().collect();
    let extra: Vec<_> = extra
        .iter()
        .map(|page| {
            // Named field by field, so that a new field cannot be left out of the key.
            let ExtraPage { url_path, title, lang, headings, text } = page;
            (url_path, title, lang, headings, text)
        })
        .collect();
    fingerprint(("search", site_digest, texts, &markdown.section_keys, extra))
}

/// The search index files for `key`: kept whole, and as each file's checksum (`search-sums`), so
/// that a build whose output folder still holds them need not load them (see `search_files_kept`).
pub(super) fn search_files(
    store: &StageStore,
    key: u64,
    compute: impl FnOnce() -> Vec<(String, Arc<[u8]>)>,
) -> Vec<(String, Arc<[u8]>)> {
    let files = store.get_or_compute("search", key, || {
        compute().into_iter().map(|(path, bytes)| (path, Blob(bytes))).collect::<Vec<_>>()
    });
    let files: Vec<(String, Arc<[u8]>)> = files.into_iter().map(|(path, Blob(bytes))| (path, bytes)).collect();
    if store.load_keyed::<Vec<(String, u64)>>("search-sums", key).is_none() {
        let sums: Vec<(&str, u64)> = files.iter().map(|(path, bytes)| (path.as_str(), checksum(bytes))).collect();
        store.store_keyed("search-sums", key, &sums);
    }
    files
}

/// The search index files of `key` as the output folder holds them, when it holds every one
/// the last build made for the same key (by checksum); `None` when one is missing or changed.
pub(super) fn search_files_kept(store: &StageStore, key: u64, sink: Sink) -> Option<Vec<(String, FileSource)>> {
    use rayon::prelude::*;
    let sums: Vec<(String, u64)> = store.load_keyed("search-sums", key)?;
    let kept = sums
        .into_par_iter()
        .map(|(path, sum)| {
            let source = sink.keep_if_holds(&path, sum).then(|| sink.staged(&path, &[]).ok()).flatten()?;
            Some((path, source))
        })
        .collect();
    // The whole files are still wanted by the next build that finds one changed.
    store.keep_entry("search");
    kept
}

/// The Markdown stage keeps each text's HTML by a digest of all it is made from (`MarkdownMemo`):
/// the memo is filled from disk before the stage and kept after it, so a build renders only the
/// texts that changed. Reused texts are checked by the memo itself in the checked mode.
///
/// The entry holds each text's small parts, then all the HTML after them (`StoredText`): the HTML
/// stays in the file, held open, until a page, feed or bio reads it (`markdown::Html`), so a
/// build that reuses every page decodes none of it.
pub(super) fn load_markdown(store: &StageStore, memo: &mut MarkdownMemo) -> usize {
    let Some((entries, (file, mut offset))) = store.load_entries_with_tail::<Vec<StoredText>>("markdown") else {
        memo.replace([]);
        return 0;
    };
    let file = Arc::new(HtmlFile::new(file, store.entry_path("markdown")));
    store.hold(file.clone());
    #[cfg(test)]
    tests::after_opening(file.path());
    let count = entries.len();
    let texts = entries.into_iter().map(
        |(key, shown, (length, sum), first_paragraph, headings, word_count, anchor_refs, images)| {
            let html = Html::stored(file.clone(), offset, length, sum);
            offset += length;
            let rendered = Rendered { html, first_paragraph, headings, word_count, anchor_refs, images };
            (key, (shown, Arc::new(rendered)))
        },
    );
    let texts: Vec<_> = texts.collect();
    // The checked mode reads every reused text to compare it: a damaged one must fail the build
    // (`StageStore::check_whole`), not the comparison, so the texts are read here first.
    if checking() && !texts.iter().all(|(_, (_, rendered))| rendered.html.check()) {
        memo.replace([]);
        return 0;
    }
    memo.replace(texts);
    count
}

/// A stored text: its key and images' digest, its HTML's length and checksum (the HTML itself
/// follows all the entries), then the rest of `Rendered`.
type StoredText = (u64, u64, (u64, u64), String, Vec<Heading>, usize, Vec<AnchorRef>, Vec<ShownImage>);

/// Stores the texts of this build, unless they are exactly those loaded (`loaded` of them, all reused).
pub(super) fn keep_markdown(store: &StageStore, memo: &MarkdownMemo, markdown: &SiteMarkdown, loaded: usize) {
    let texts: Vec<(u64, u64, &Rendered)> =
        memo.entries().map(|(key, (shown, text))| (*key, *shown, &**text)).collect();
    if markdown.rendered == 0 && texts.len() == loaded {
        return;
    }
    // Named field by field, so that a new field cannot be left out of the entry.
    let entries: Vec<_> = texts
        .iter()
        .map(|(key, shown, text)| {
            let Rendered { html, first_paragraph, headings, word_count, anchor_refs, images } = text;
            (key, shown, html.length_and_sum(), first_paragraph, headings, word_count, anchor_refs, images)
        })
        .collect();
    store.store_entries_with_tail("markdown", &entries, |out| {
        texts.iter().try_for_each(|(_, _, text)| text.html.write_to(out))
    });
}

#[cfg(test)]
#[path = "stored_tests.rs"]
mod tests;
