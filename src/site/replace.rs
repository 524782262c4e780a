//! A page whose front matter changed, placed again in the previous build's site without assembling
//! the whole site: `folio serve` after a title, tag, date or description edit. Only edits that leave
//! the site's structure as it was qualify — the page keeps its address, kind and key, and what is
//! published stays the same — so the folders, addresses and link targets of the previous assembly
//! still hold. What depends on every page's front matter (bylines, references, taxonomies, the order
//! of each folder's pages) is worked out again over the site; those passes are cheap next to placing
//! every page.
//!
//! The checked mode (see `memo`) compares the result with a freshly assembled site on every reuse.

use super::{authors, publish, references, sort_sections, sort_sections_of, taxonomy, Page, PageKind, Site};
use crate::config::Config;
use crate::content::authors::AuthorsFile;
use crate::content::SourcePage;
use std::sync::Arc;
use time::OffsetDateTime;

/// Places `source` again where the page with its id is, or `None` when the edit changes more than
/// the page itself (another address, a different kind, publication changed, an error to report).
pub(super) fn replace_page(
    site: &mut Site,
    config: &Config,
    source: &Arc<SourcePage>,
    now: OffsetDateTime,
) -> Option<()> {
    let at = site.pages.iter().position(|p| p.id == source.rel)?;
    let old = &site.pages[at];
    let is_bundle = source.rel.ends_with("/index.md");
    let section = &site.sections[old.section];
    let mut page = super::place_page(config, section, old.section, source.clone(), is_bundle).ok()?;
    page.withheld = publish::withheld(&page.front, page.date, config, now);
    let same_place = (&page.url_path, page.kind, &page.key, &page.lang, &page.borrowed, page.withheld)
        == (&old.url_path, old.kind, &old.key, &old.lang, &old.borrowed, old.withheld);
    // A moment still to come (a date or `expires:`) is part of the site's `next_change`.
    let settled =
        |p: &Page| [p.date.map(|d| d.0), p.front.expires.map(|e| e.0)].into_iter().flatten().all(|m| m <= now);
    if !same_place || !settled(old) || !settled(&page) {
        return None;
    }
    site.pages[at] = page;
    Some(())
}

/// After the pages `replaced` were placed again: bylines, references, taxonomies and the folders'
/// order, as assembly makes them. When no author page was replaced, the authors directory is as it
/// was, so only the replaced pages' bylines and references are resolved again, only the terms they
/// held or hold now are gathered again, and only the folders listing them sorted again; otherwise
/// the whole site is settled. `None` when any of them reports an error, which a full assembly then
/// reports; else whether only the replaced pages were settled (every other page left as it was).
/// The checked mode compares the result with a freshly assembled site.
pub(super) fn settle_pages(site: &mut Site, authors_file: Option<&AuthorsFile>, replaced: &[usize]) -> Option<bool> {
    if replaced.iter().any(|&i| site.pages[i].kind == PageKind::Author) {
        return settle_all(site, authors_file).map(|()| false);
    }
    if !authors::resolve_authors_of(site, authors_file, replaced).is_empty()
        || !references::resolve_references_of(site, replaced).is_empty()
    {
        return None;
    }
    let taxonomies = std::mem::take(&mut site.taxonomies);
    let (names, style) = (&site.config.taxonomies, site.config.slugs);
    site.taxonomies = taxonomy::patch_taxonomies(taxonomies, names, &site.pages, style, replaced);
    sort_sections_of(site, replaced);
    Some(true)
}

/// `settle_pages` over every page.
fn settle_all(site: &mut Site, authors_file: Option<&AuthorsFile>) -> Option<()> {
    if !authors::resolve_authors(site, authors_file).is_empty() || !references::resolve_references(site).is_empty() {
        return None;
    }
    site.taxonomies = taxonomy::collect_taxonomies(&site.config.taxonomies, &site.pages, site.config.slugs);
    sort_sections(site);
    Some(())
}
