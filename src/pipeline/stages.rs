//! The expensive stages as one call each: a stage takes its memory from the `BuildCache` (the
//! dev server's, kept in the process) and, for `folio build`, its entry in the `StageStore` on disk;
//! in the checked mode (see `memo`) each proves a reuse by computing it again.

use super::cache::CompiledTemplates;
use super::persist::StageStore;
use super::staged::Sink;
use super::stored;
use super::BuildCache;
use crate::diagnostics::Diagnostic;
use crate::images::SiteImages;
use crate::markdown::{render_site_markdown, MarkdownMemo, SiteMarkdown};
use crate::memo::{checking, fingerprint, verify_files, Memo};
use crate::output::FileSource;
use crate::publish::{render_site_files, FeedEntries};
use crate::related::{find_related, RelatedCache};
use crate::render::{compile_templates, render_pages, RenderInput, RenderedFile, Theme};
use crate::render::{KeptKeys, NavKeys, PreviousPages};
use crate::search::{build_search_index, ExtraPage, SearchCache};
use crate::site::feeds::{site_feeds, Feed};
use crate::site::{PerPage, Site};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// `f`'s result and how long it took.
pub(super) fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let started = Instant::now();
    (f(), started.elapsed())
}

/// Every text's HTML; `folio build` takes the texts it rendered before from `store`.
pub(super) fn markdown_stage(
    site: &Site,
    images: &SiteImages,
    memo: &mut MarkdownMemo,
    store: Option<&StageStore>,
    loaded: Option<usize>,
) -> Result<SiteMarkdown, Vec<Diagnostic>> {
    // The stored texts are read into `memo` here unless the caller did (`loaded` of them).
    let loaded = store.map(|store| loaded.unwrap_or_else(|| stored::load_markdown(store, memo)));
    let markdown = render_site_markdown(site, images, memo)?;
    if let (Some(store), Some(loaded)) = (store, loaded) {
        stored::keep_markdown(store, memo, &markdown, loaded);
    }
    Ok(markdown)
}

/// Related pages; `folio build` takes them from `store` when the site did not change.
pub(super) fn related_stage(
    site: &Site,
    memo: &mut RelatedCache,
    store: Option<(&StageStore, u64)>,
) -> PerPage<Vec<usize>> {
    match store {
        Some((store, site_digest)) => stored::related_pages(store, site, site_digest, || relate_pages(site, memo)),
        None => relate_pages(site, memo),
    }
}

/// Related pages, with the term counts of unchanged pages taken from `memo`.
pub(super) fn relate_pages(site: &Site, memo: &mut RelatedCache) -> PerPage<Vec<usize>> {
    let related = find_related(site, memo);
    if checking() {
        let fresh = find_related(site, &mut RelatedCache::default());
        assert!(fresh == related, "cache check failed: related pages differ from a fresh computation");
    }
    related
}

/// Compiles the templates, or takes the previous build's when no template changed.
pub(super) fn compile_cached(
    theme: &Theme,
    base_path: &str,
    memo: &Memo<Arc<CompiledTemplates>>,
) -> Result<Arc<CompiledTemplates>, Vec<Diagnostic>> {
    let key = fingerprint((theme.templates.iter().map(|(n, t)| (n, &t.text)).collect::<Vec<_>>(), base_path));
    let compile = || compile_templates(theme, base_path).map(|tera| Arc::new(CompiledTemplates { key, tera }));
    Ok(memo.get_or_try(key, || "the theme's templates".into(), compile)?.0)
}

/// Every HTML page (and the product JSON files), reusing those whose inputs did not change.
pub(super) fn render_html(input: &RenderInput, previous: &PreviousPages) -> Result<Vec<RenderedFile>, Vec<Diagnostic>> {
    let files = render_pages(input, previous)?;
    verify_files("render", files.iter().map(|f| (f.path.as_str(), &*f.bytes)), || {
        let fresh = RenderInput { nav_keys: &NavKeys::default(), kept: &KeptKeys::default(), ..*input };
        let fresh = render_pages(&fresh, &PreviousPages::default()).expect("the pages rendered before");
        fresh.into_iter().map(|f| (f.path, f.bytes.to_vec())).collect()
    });
    Ok(files)
}

/// Feeds, the sitemap, robots.txt and redirects.
pub(super) fn publish_site_files(
    site: &Site,
    markdown: &SiteMarkdown,
    theme: &Theme,
    (drafts, generated): (bool, &[&str]),
    previous: &PreviousPages,
    cache: &mut BuildCache,
) -> Result<Vec<RenderedFile>, Vec<Diagnostic>> {
    let feeds = feed_plan(site, cache);
    let entries = &mut cache.feed_entries;
    let files = render_site_files(site, markdown, theme, drafts, generated, (previous, &feeds, entries), None)?;
    verify_files("publish", files.iter().map(|f| (f.path.as_str(), &*f.bytes)), || {
        let fresh = (&PreviousPages::default(), &site_feeds(site)[..], &mut FeedEntries::default());
        let fresh = render_site_files(site, markdown, theme, drafts, generated, fresh, None);
        fresh.expect("the site files rendered before").into_iter().map(|f| (f.path, f.bytes.to_vec())).collect()
    });
    Ok(files)
}

/// The site's feed plan: the last build's while no page's front matter, place or publication
/// changed (it is made from those alone), else planned again.
fn feed_plan(site: &Site, cache: &mut BuildCache) -> Arc<Vec<Feed>> {
    if let Some(kept) = cache.feeds.clone().filter(|_| cache.changes.fronts_unchanged()) {
        if checking() {
            assert!(*kept == site_feeds(site), "cache check failed: the kept feed plan differs from a fresh one");
        }
        cache.stats.feed_plan_kept = true;
        return kept;
    }
    let feeds = Arc::new(site_feeds(site));
    cache.feeds = Some(feeds.clone());
    feeds
}

/// The search index's files, patched from the previous build's where pages are unchanged; a
/// staged build writes them to the staging folder and lists where they are.
pub(super) fn search_stage(
    site: &Site,
    markdown: &SiteMarkdown,
    extra: &[ExtraPage],
    memo: &mut SearchCache,
    sink: Option<Sink>,
    store: Option<(&StageStore, u64)>,
) -> Result<Vec<(String, FileSource)>, Diagnostic> {
    let key = store.map(|(_, site_digest)| stored::search_key(site_digest, markdown, extra));
    if let (Some(sink), Some((store, _)), Some(key)) = (sink, store, key) {
        if let Some(files) = stored::search_files_kept(store, key, sink) {
            if checking() {
                verify_kept_search(&files, || build_search_index(site, markdown, extra, &mut SearchCache::default()));
            }
            return Ok(files);
        }
    }
    let files = match (store, key) {
        (Some((store, _)), Some(key)) => {
            stored::search_files(store, key, || build_search_index(site, markdown, extra, memo))
        }
        _ => build_search_index(site, markdown, extra, memo),
    };
    if let Some(sink) = sink {
        // `folio build` keeps no memory after it: the merged postings and page entries are freed
        // now, and each file's bytes as soon as it is staged.
        let written = memo.written;
        *memo = SearchCache::default();
        memo.written = written;
        // Thousands of small files: written on every core.
        use rayon::prelude::*;
        return files.into_par_iter().map(|(path, bytes)| Ok((path.clone(), sink.staged(&path, &bytes)?))).collect();
    }
    verify_files("search", files.iter().map(|(p, b)| (p.as_str(), &b[..])), || {
        let fresh = build_search_index(site, markdown, extra, &mut SearchCache::default());
        fresh.into_iter().map(|(path, bytes)| (path, bytes.to_vec())).collect()
    });
    Ok(files.into_iter().map(|(path, bytes)| (path, FileSource::Bytes(bytes))).collect())
}

/// The checked mode: the search files kept in the output folder are those a fresh index makes.
fn verify_kept_search(kept: &[(String, FileSource)], fresh: impl FnOnce() -> Vec<(String, Arc<[u8]>)>) {
    let fresh: Vec<(String, u64)> =
        fresh().into_iter().map(|(path, bytes)| (path, crate::memo::checksum(&bytes))).collect();
    let kept: Vec<(String, u64)> = kept
        .iter()
        .map(|(path, source)| (path.clone(), crate::memo::checksum(&source.read().expect("a kept search file"))))
        .collect();
    assert!(
        fresh == kept,
        "cache check failed: the search index kept in the output folder is stale; its key misses an input"
    );
}
