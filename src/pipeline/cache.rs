//! What a build leaves for the next one, for the dev server: each stage's own memory, held here
//! between builds. Every stage keys its results by a digest of its inputs (see `memo`), so a
//! cached build equals a full build; the checked mode proves it on every reuse in tests.

use crate::cards::CardsMemo;
use crate::content::Discovered;
use crate::glossary::GlossaryMemo;
use crate::images::ImagesMemo;
use crate::markdown::MarkdownMemo;
use crate::memo::Memo;
use crate::related::RelatedCache;
use crate::render::{KeptKeys, NavKeys, PreviousPages};
use crate::search::SearchCache;
use crate::site::feeds::Feed;
use crate::site::{Site, SiteChanges};
use std::path::PathBuf;
use std::sync::Arc;

/// The memories of the stages, from the previous build.
#[derive(Debug)]
pub struct BuildCache {
    /// Files changed since the previous build, when the caller knows them (the dev server's
    /// watcher does): unchanged pages are then not read again. `None` means "look at everything".
    pub changed: Option<Vec<PathBuf>>,
    /// The files the previous build found and read, as they are on disk.
    pub(crate) content: Option<Discovered>,
    /// The previous build's assembled site, and whether it included drafts and future pages.
    pub(crate) site: Option<((bool, bool), Site)>,
    /// What this build's site changed since the previous one's (`Everything` when assembled afresh).
    pub(crate) changes: SiteChanges,
    /// Each page's glossary findings.
    pub(crate) glossary: GlossaryMemo,
    /// What each image file is, by its size and modification time.
    pub(crate) images: ImagesMemo,
    pub(crate) markdown: MarkdownMemo,
    /// Term counts of each page's text, for related pages.
    pub(crate) related: RelatedCache,
    /// The compiled templates, by digest of their sources and the base path.
    pub(crate) templates: Memo<Arc<CompiledTemplates>>,
    /// The feed plan of the last build that made one (see `stages::feed_plan`).
    pub(crate) feeds: Option<Arc<Vec<Feed>>>,
    /// The feeds' entries as the last builds wrote them (see `publish::FeedEntries`).
    pub(crate) feed_entries: crate::publish::FeedEntries,
    /// Output path → (digest of template, templates and context; the rendered file).
    pub(crate) pages: PreviousPages,
    /// Each page's section-navigation digest, by its navigation's tree and its place in it.
    pub nav_keys: NavKeys,
    /// The pages' render keys, kept while only texts change (see `render::KeptKeys`).
    pub(crate) kept_keys: KeptKeys,
    /// Each page's share of the search index, and each language's merged postings.
    pub(crate) search: SearchCache,
    /// The order the last build's output files were put in (see `collect::OutputOrder`).
    pub(crate) output_order: super::collect::OutputOrder,
    /// The social cards known to be in the cache folder.
    pub(crate) cards: CardsMemo,
    /// How much the last build could reuse.
    pub stats: CacheStats,
    /// The pages the last build rendered rather than reused (output paths), for tests and timings.
    pub rendered: Vec<String>,
    /// A multilingual site's memories, one per language (the default's included).
    pub(crate) languages: std::collections::BTreeMap<String, BuildCache>,
    /// The last successful build, handed back when a save changed nothing.
    pub(crate) last: Option<super::unchanged::LastBuild>,
}

/// The Markdown stage's memory, empty (`build_found` fills one while the site is assembled).
pub(super) fn markdown_memo() -> MarkdownMemo {
    Memo::new("markdown")
}

impl Default for BuildCache {
    fn default() -> Self {
        BuildCache {
            changed: None,
            content: None,
            site: None,
            changes: SiteChanges::Everything,
            glossary: Memo::new("glossary"),
            images: Memo::new("images"),
            markdown: markdown_memo(),
            related: RelatedCache::default(),
            templates: Memo::new("templates"),
            feeds: None,
            feed_entries: Default::default(),
            pages: PreviousPages::default(),
            nav_keys: NavKeys::default(),
            kept_keys: KeptKeys::default(),
            search: SearchCache::default(),
            output_order: Default::default(),
            cards: CardsMemo::default(),
            stats: CacheStats::default(),
            rendered: Vec::new(),
            languages: Default::default(),
            last: None,
        }
    }
}

/// Compiled templates, compared by the digest they were compiled from (tera has no equality).
pub struct CompiledTemplates {
    pub key: u64,
    pub tera: tera::Tera,
}

impl PartialEq for CompiledTemplates {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl std::fmt::Debug for CompiledTemplates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "templates compiled from {:x}", self.key)
    }
}

/// Counts from the last build, to show (and test) that a small edit does little work.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CacheStats {
    pub markdown_rendered: usize,
    pub markdown_reused: usize,
    pub pages_rendered: usize,
    pub pages_reused: usize,
    /// Related lists computed (the others were kept from the previous build).
    pub related_recomputed: usize,
    /// Site-wide files (feeds, sitemap, llms.txt, Markdown copies) kept from the previous build.
    pub site_files_reused: usize,
    /// Search index files serialised (the others' bytes were kept from the previous build).
    pub search_files_written: usize,
    /// Pages whose search entry was found by the last build's key, without hashing the page.
    pub search_keys_kept: usize,
    /// Whether the search index patched the last build's lists of pages (a body edit) rather than listing them again.
    pub search_entries_patched: bool,
    /// Social cards drawn, and found already drawn in the cache folder.
    pub cards_drawn: usize,
    pub cards_reused: usize,
    /// Pages whose render key was the last build's, without working it out (see `render::KeptKeys`).
    pub render_keys_kept: usize,
    /// Whether the feed plan was the last build's (no page's front matter changed).
    pub feed_plan_kept: bool,
    /// Whether the cards were handed back whole from the last build (no page's front matter changed).
    pub cards_kept: bool,
    /// Image copies encoded, and those found in the disk cache (`.folio-cache/images/`).
    pub images_encoded: usize,
    pub images_reused: usize,
}
