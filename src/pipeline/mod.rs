//! `build_site`: from a site folder to an in-memory `Output`, one typed stage at a time.

mod assemble;
mod cache;
mod cards;
mod collect;
mod generated;
mod languages;
mod persist;
mod pictures;
mod staged;
mod stages;
mod stored;
mod stored_pages;
mod stored_site_files;
mod summary;
mod unchanged;

use cache::CompiledTemplates;
pub use cache::{BuildCache, CacheStats};
pub use persist::CACHE_DIR;
pub use staged::build_site_staged;
pub use summary::Summary;

use crate::config::{load_config, Config};
use crate::diagnostics::{BuildError, Diagnostic};
use crate::glossary::{check_site, load_glossary};
use crate::markdown::SiteMarkdown;
use crate::output::Output;
use crate::output::Staging;
use crate::progress::Progress;
use crate::render::PageSink;
use crate::render::{load_theme, render_pages, PreviousPages, RenderInput, RenderedFile, Theme};
use crate::site::{unfiled_authors_note, Site, SiteChanges, Withheld};
use assemble::{page_sources, place_pages, read_content, remember_front_matter, unpublished_pages, with_base_url};
use collect::collect_output;
use staged::Sink;
use stages::{compile_cached, markdown_stage, publish_site_files, related_stage, render_html, search_stage, timed};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use stored_site_files::SiteFilesInput;
use summary::{summarize, Stopwatch};
use unchanged::LastBuild;

/// What to build and how.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site folder (holding site.yaml).
    pub root: PathBuf,
    /// Overrides `base_url` from site.yaml (e.g. for a staging host).
    pub base_url: Option<String>,
    /// Publish pages marked `draft: true` and community articles not yet approved.
    pub drafts: bool,
    /// Publish pages dated in the future.
    pub future: bool,
    /// Rendering for the dev server rather than for publishing.
    pub serve_mode: bool,
    /// Where the build reports how far it has got, for a progress display.
    pub progress: Option<Arc<Progress>>,
}

/// A successful build: the files, the warnings and the numbers for the summary line.
#[derive(Debug, Clone)]
pub struct Built {
    /// Shared, not copied, with the dev server's memory of the last build (see `unchanged`).
    pub output: Arc<Output>,
    pub warnings: Vec<Diagnostic>,
    /// Things worth knowing that are not problems, such as authors shown by name only.
    pub notes: Vec<Diagnostic>,
    pub summary: Summary,
    /// The configuration the site was built with (`--base-url` applied).
    pub config: Config,
    /// Pages in the output that would not be published (drafts built with `drafts`, future pages
    /// built with `future`): output path → page language and why, so the dev server can mark them.
    pub unpublished: BTreeMap<String, (String, Withheld)>,
    /// Each page's and list's HTML file → the Markdown file it was made from (`content/blog/a.md`),
    /// so `folio check` can point at the file a link is written in. Empty with `serve_mode` and in
    /// a staged build (`build_site_staged`).
    pub sources: BTreeMap<String, PathBuf>,
    /// The entries of `.folio-cache/build/` this build read or wrote (`folio build` only), which
    /// pruning the cache keeps.
    pub cache_entries: Vec<PathBuf>,
}

/// Builds the site in memory. Nothing is written; see `output::write_output`.
pub fn build_site(options: &BuildOptions) -> Result<Built, BuildError> {
    build_site_cached(options, &mut BuildCache::default())
}

/// Builds like `build_site`, reusing from `cache` whatever the previous build made from the same
/// inputs, and leaving this build's results in it. The output is the same as a full build's; in
/// the checked mode (see `memo`) every stage proves it by computing its reused results again.
pub fn build_site_cached(options: &BuildOptions, cache: &mut BuildCache) -> Result<Built, BuildError> {
    build_into(options, cache, None)
}

/// Builds with `cache`, handing the files to `staging` as they are made when there is one.
fn build_into(options: &BuildOptions, cache: &mut BuildCache, staging: Option<&Staging>) -> Result<Built, BuildError> {
    let root = &options.root;
    let fail =
        |errors: Vec<Diagnostic>| BuildError::from_many(errors.into_iter().map(|d| d.relative_to(root)).collect());
    let progress = options.progress.clone().unwrap_or_default();
    let mut clock = Stopwatch::new(progress.clone());
    let last = cache.last.take();
    let changed = cache.changed.clone();
    let config = match load_config(root).map_err(|e| fail(e.errors)).and_then(|c| with_base_url(c, options)) {
        Ok(config) => config,
        Err(e) => {
            // The files the caller said changed are not read now, so the next build, told only of
            // its own changes, must look at everything.
            cache.changed = None;
            cache.content = None;
            return Err(e);
        }
    };
    // `folio build` keeps the pages' parsed front matter on disk; the dev server keeps its pages in memory.
    let store = staging.and_then(|_| persist::StageStore::open(root, ""));
    let (found, before, remember) = read_content(root, cache, store.as_ref()).map_err(fail)?;
    clock.lap("read content");
    // Encoding the front-matter memory (~60 ms at 10,000 pages) is no stage's input: it is written
    // on a thread of its own while the site is assembled, which runs on one core.
    let store = &store;
    std::thread::scope(|scope| {
        let writing = match (store, remember) {
            (Some(store), Some(memory)) => Some(scope.spawn(move || remember_front_matter(store, &memory))),
            _ => None,
        };
        let built = build_found(options, cache, staging, (config, found, before), (last, changed), clock);
        if let Some(Err(panic)) = writing.map(|writing| writing.join()) {
            std::panic::resume_unwind(panic);
        }
        let mut built = built?;
        // Nothing made from a page that changed under the build may be committed.
        if let Some(store) = store {
            store.check_pages().map_err(|e| fail(vec![e]))?;
        }
        built.cache_entries.extend(store.as_ref().map(|store| store.used_entries()).unwrap_or_default());
        Ok(built)
    })
}

/// The content folder read and what the caller remembers of the last build.
type Found = (Config, crate::content::Discovered, Option<crate::content::Discovered>);

/// `build_into` once the content folder is read: the previous build handed back when nothing
/// changed, else every stage after.
fn build_found(
    options: &BuildOptions,
    cache: &mut BuildCache,
    staging: Option<&Staging>,
    (config, found, before): Found,
    (last, changed): (Option<LastBuild>, Option<Vec<PathBuf>>),
    mut clock: Stopwatch,
) -> Result<Built, BuildError> {
    let root = &options.root;
    let fail =
        |errors: Vec<Diagnostic>| BuildError::from_many(errors.into_iter().map(|d| d.relative_to(root)).collect());
    if let Some(built) = last.as_ref().and_then(|l| l.reuse(options, changed.as_deref(), (before.as_ref(), &found))) {
        cache.last = last;
        return Ok(reuse_last_build(built, cache, clock));
    }
    let built = if !config.languages.is_empty() {
        // Each language keeps its own memory; the one-language site's would be stale by next time.
        cache.site = None;
        languages::build_languages(config, found, options, cache, clock, staging)?
    } else {
        cache.languages.clear();
        // `folio build` reads its stored Markdown while the site is assembled, which is mostly one
        // core's work: the stored texts depend on nothing the assembly makes.
        let store = staging.and_then(|_| persist::StageStore::open(root, ""));
        let mut memo = cache::markdown_memo();
        let (placed, preloaded) = rayon::join(
            || place_pages(config, found, before, options, cache),
            || store.as_ref().map(|store| stored::load_markdown(store, &mut memo)),
        );
        let (site, warnings) = placed.map_err(fail)?;
        clock.lap("assemble site");
        let preloaded = store.zip(preloaded).map(|(store, loaded)| {
            cache.markdown = memo;
            (store, loaded)
        });
        let sink = staging.map(|staging| Sink { staging, prefix: "" });
        build_placed(site, warnings, options, cache, &mut clock, (sink, preloaded))?
    };
    if staging.is_some() {
        // A staged build's files live in the staging folder, not in memory: nothing to hand back.
        // Nor is its memory kept: a worker frees it (~25 ms at 10,000 pages) while the caller
        // commits the files.
        let spent = std::mem::take(cache);
        rayon::spawn(move || drop(spent));
        return Ok(built);
    }
    let sites = cache.site.iter().map(|(_, site)| site);
    let language_sites = cache.languages.values().filter_map(|memory| memory.site.as_ref().map(|(_, site)| site));
    cache.last = LastBuild::keep(&built, options, sites.chain(language_sites));
    Ok(built)
}

/// The previous build, handed back for a save that changed nothing (see `unchanged`).
fn reuse_last_build(mut built: Built, cache: &mut BuildCache, mut clock: Stopwatch) -> Built {
    clock.lap("reuse the last build");
    let stats = cache.stats;
    cache.stats = CacheStats {
        markdown_reused: stats.markdown_rendered + stats.markdown_reused,
        pages_reused: stats.pages_rendered + stats.pages_reused,
        ..CacheStats::default()
    };
    cache.rendered.clear();
    built.summary.rendered = 0;
    built.summary.elapsed = clock.started.elapsed();
    built.summary.stages = std::mem::take(&mut clock.laps);
    built.summary.slowest.clear();
    built
}

/// The stages after assembly, for one site (one language of a multilingual site).
fn build_placed(
    site: Site,
    mut warnings: Vec<Diagnostic>,
    options: &BuildOptions,
    cache: &mut BuildCache,
    clock: &mut Stopwatch,
    (sink, preloaded): (Option<Sink>, Option<(persist::StageStore, usize)>),
) -> Result<Built, BuildError> {
    let root = &options.root;
    let fail =
        |errors: Vec<Diagnostic>| BuildError::from_many(errors.into_iter().map(|d| d.relative_to(root)).collect());
    let progress = options.progress.clone().unwrap_or_default();
    let glossary = load_glossary(root).map_err(fail)?;
    if let Some(glossary) = &glossary {
        warnings.extend(check_site(&site, glossary, &mut cache.glossary));
        clock.lap("check glossary");
    }
    // `folio build` keeps its expensive stages' results on disk, keyed by the site's digest; the
    // caller may have opened the store and read the stored Markdown into `cache` already (`preloaded`).
    let (store, markdown_loaded) = match preloaded {
        Some((store, loaded)) => (Some(store), Some(loaded)),
        None => (sink.and_then(|sink| persist::StageStore::open(root, sink.prefix)), None),
    };
    let images = pictures::probe_images(&site, &mut cache.images).map_err(fail)?;
    if let SiteChanges::Bodies(changed) = &cache.changes {
        cache.related.keep_keys_but(changed);
    }
    if sink.is_some() {
        cache.related.once();
    }
    // Related pages read the Markdown source, not its HTML: the two stages share the cores.
    // The theme is loaded and compiled beside them: when nothing changed, both stages only read
    // their results back, and compiling the templates would otherwise wait for them.
    // The site's digest (every page hashed, which the stored stages are keyed by) is made on the
    // related pages' side rather than before both, on one core.
    let relate = || {
        let stored = store.as_ref().map(|store| (store, site.digest()));
        (related_stage(&site, &mut cache.related, stored), stored)
    };
    let (((markdown, markdown_took), ((related, stored), related_took)), theme) = rayon::join(
        || {
            rayon::join(
                || timed(|| markdown_stage(&site, &images, &mut cache.markdown, store.as_ref(), markdown_loaded)),
                || timed(relate),
            )
        },
        || load_and_compile_theme(&site, &cache.templates),
    );
    clock.laps_side_by_side([("render Markdown", markdown_took), ("relate pages", related_took)]);
    if sink.is_some() {
        // `folio build`'s memory is thrown away after it (what it keeps is on disk): the pages'
        // term counts would only sit beside the rendering for the rest of the build.
        // Freeing them is ~20 ms at 10,000 pages that would hold up the rendering: a worker, idle
        // until the pages render, does it.
        let recomputed = cache.related.recomputed;
        let term_counts = std::mem::take(&mut cache.related);
        rayon::spawn(move || drop(term_counts));
        cache.related.recomputed = recomputed;
    }
    let markdown = markdown.map_err(fail)?;
    let (theme, templates) = theme.map_err(fail)?;
    warnings.extend(crate::render::strings::missing_string_warnings(&theme, &site));
    let templates = templates.map_err(fail)?;
    clock.lap("load theme");
    let feedback = crate::feedback::load_stats(&site).map_err(fail)?;
    let generated = generated::generated_paths(glossary.as_ref());
    let written = stored_pages::Written::default();
    let put = |path: &str, bytes: &[u8]| {
        if store.is_some() {
            written.note(path, bytes);
        }
        sink.map_or(Ok(()), |sink| sink.put(path, bytes))
    };
    if sink.is_none() {
        cache.kept_keys.plan(&site, &cache.changes, &markdown, &related);
    }
    let input = RenderInput {
        site: &site,
        theme: &theme,
        tera: &templates.tera,
        markdown: &markdown,
        related: &related,
        serve_mode: options.serve_mode,
        feedback: &feedback,
        progress: &progress,
        glossary: glossary.as_ref(),
        images: &images,
        sink: sink.is_some().then_some(&put as PageSink),
        nav_keys: &cache.nav_keys,
        kept: &cache.kept_keys,
    };
    // A staged build reuses only what `folio build` kept on disk (`stored_pages`), checked there.
    let render = || match (sink, &store) {
        (Some(sink), Some(store)) => stored_pages::render_stored(&input, store, sink, &written),
        (Some(_), None) => render_pages(&input, &PreviousPages::default()),
        (None, _) => render_html(&input, &cache.pages),
    };
    // A page's search entry is made from the page alone (and the titles of its products).
    if let Some(changed) = cache.changes.only_pages() {
        cache.search.keep_keys_but(changed);
    }
    // The search index reads the Markdown's HTML, not the pages: it is made while they render.
    let index = || {
        let extra = generated::generated_search_pages(&site, &theme, glossary.as_ref());
        search_stage(&site, &markdown, &extra, &mut cache.search, sink, stored)
    };
    let site_files_input =
        SiteFilesInput { markdown: &markdown, theme: &theme, drafts: options.drafts, generated: &generated };
    // `folio build`'s feeds and sitemap need neither the pages nor the index: they are made beside
    // them, on whichever core is free first, instead of after both on one core.
    let staged_site_files = || {
        sink.map(|sink| {
            timed(|| stored_site_files::render_site_files_staged(&site, &site_files_input, store.as_ref(), sink))
        })
    };
    // The social cards too (read from the cards cache, or drawn): they read only the site and theme.
    let fronts_unchanged = cache.changes.fronts_unchanged();
    let (site_ref, theme_ref, cards_memo) = (&site, &theme, &mut cache.cards);
    let draw_cards = move || timed(move || cards::draw(site_ref, theme_ref, cards_memo, fronts_unchanged));
    let ((files, render_took), ((search, search_took), (staged_site_files, (cards, cards_took)))) = rayon::join(
        || timed(render),
        || rayon::join(|| timed(|| site.config.search.enabled.then(index)), || (staged_site_files(), draw_cards())),
    );
    let mut laps = vec![("render pages", render_took)];
    laps.extend(search.is_some().then_some(("search index", search_took)));
    laps.extend(staged_site_files.as_ref().map(|(_, took)| ("feeds and sitemap", *took)));
    laps.push(("social cards", cards_took));
    clock.laps_side_by_side(laps);
    // Errors in the order of the stages run one after another: the pages', the index's, the site files'.
    let mut files = files.map_err(fail)?;
    cache.nav_keys.finish();
    let search = search.transpose().map_err(|e| fail(vec![e]))?;
    cache.stats = CacheStats {
        related_recomputed: cache.related.recomputed,
        render_keys_kept: cache.kept_keys.kept.load(std::sync::atomic::Ordering::Relaxed),
        ..cache_stats(&markdown, &files)
    };
    cache.rendered = files.iter().filter(|f| !f.reused).map(|f| f.path.clone()).collect();
    let site_files = match staged_site_files {
        Some((files, _)) => files,
        None => {
            let pages = std::mem::take(&mut cache.pages);
            let files = publish_site_files(&site, &markdown, &theme, (options.drafts, &generated), &pages, cache);
            cache.pages = pages;
            files
        }
    }
    .map_err(fail)?;
    cache.stats.site_files_reused = site_files.iter().filter(|f| f.reused).count();
    files.extend(site_files);
    warnings.extend(crate::publish::site_file_warnings(&site, &theme));
    clock.lap(if sink.is_some() { "site file warnings" } else { "feeds and sitemap" });
    cache.templates.replace([(templates.key, templates.clone())]);
    if sink.is_none() {
        keep_pages(&mut cache.pages, &files);
    }
    let mut output = collect_output(&site, &theme, files, sink).map_err(fail)?;
    clock.lap("collect output");
    warnings.extend(cards::add_cards(&mut output, &site, cards, cache).map_err(fail)?);
    clock.lap("add social cards");
    let (encoded, reused) = pictures::add_image_copies(&mut output, &site, &images, &markdown).map_err(fail)?;
    (cache.stats.images_encoded, cache.stats.images_reused) = (encoded, reused);
    clock.lap("images");
    if let Some(search) = search {
        output.extend(search);
        cache.stats.search_files_written = cache.search.written;
        cache.stats.search_keys_kept = cache.search.keys_kept;
        cache.stats.search_entries_patched = cache.search.patched;
    }
    let output = output.finish(&mut cache.output_order);
    clock.lap("output map");
    warnings.extend(crate::feedback::warnings(&site));
    let mut summary = summarize(&site, &output, clock.started.elapsed());
    summary.rendered = cache.stats.pages_rendered;
    summary.stages = std::mem::take(&mut clock.laps);
    summary.slowest = progress.slowest();
    summary.feedback_attention = feedback.attention;
    summary.images = (cache.stats.images_encoded, cache.stats.images_reused);
    let warnings = warnings.into_iter().map(|d| d.relative_to(root)).collect();
    let notes = unfiled_authors_note(&site).into_iter().map(|d| d.relative_to(root)).collect();
    let unpublished = unpublished_pages(&site);
    // Only `folio check` reads them (it builds in memory); the dev server would make and copy them
    // on every rebuild, and `folio build` would make 10,000 paths for nothing.
    let sources = if options.serve_mode || sink.is_some() { BTreeMap::new() } else { page_sources(&site) };
    let config = site.config.clone();
    cache.site = Some(((options.drafts, options.future), site));
    // Nothing made from an entry changed under the build may be committed.
    if let Some(store) = &store {
        store.check_whole().map_err(|e| fail(vec![e]))?;
    }
    let cache_entries = store.map(|store| store.used_entries()).unwrap_or_default();
    let output = Arc::new(output);
    Ok(Built { output, warnings, notes, summary, config, unpublished, sources, cache_entries })
}

/// The site's theme and its compiled templates (the previous build's when no template changed).
type ThemeAndTemplates = (Theme, Result<Arc<CompiledTemplates>, Vec<Diagnostic>>);

/// Loads the theme and compiles its templates; a theme that does not load is the first error.
fn load_and_compile_theme(
    site: &Site,
    memo: &crate::memo::Memo<Arc<CompiledTemplates>>,
) -> Result<ThemeAndTemplates, Vec<Diagnostic>> {
    let theme = load_theme(&site.config)?;
    let templates = compile_cached(&theme, &site.config.view.asset_path, memo);
    Ok((theme, templates))
}

/// Leaves in `pages` this build's files for the next build to reuse: those it made are put in, the
/// ones it reused are there already. A file a build no longer makes may stay: it is looked up only
/// by the key of what it was made from, so it is right whenever it is found. Putting in only what
/// changed spares the dev server 20,000 paths copied into a new map on every rebuild at 10,000 pages.
fn keep_pages(pages: &mut PreviousPages, files: &[RenderedFile]) {
    // Many files no longer made (a site that shrank, or a long session): start afresh.
    let afresh = pages.len() > 2 * files.len();
    if afresh {
        pages.clear();
    }
    // A reused file was found in `pages` under the same key.
    for file in files.iter().filter(|f| afresh || !f.reused) {
        pages.insert(file.path.clone(), (file.fingerprint, file.bytes.clone()));
    }
}

fn cache_stats(markdown: &SiteMarkdown, pages: &[RenderedFile]) -> CacheStats {
    let pages_reused = pages.iter().filter(|p| p.reused).count();
    CacheStats {
        markdown_rendered: markdown.rendered,
        markdown_reused: markdown.reused,
        pages_rendered: pages.len() - pages_reused,
        pages_reused,
        ..CacheStats::default()
    }
}
