//! Social cards into the output: copied from the cards cache when the site is written, never
//! held in memory (see `cards`).

use super::collect::OutputFiles;
use super::BuildCache;
use crate::cards::{draw_cards, CardFile, CardsMemo, DrawnCards};
use crate::diagnostics::{Diagnostic, Location};
use crate::output::FileSource;
use crate::render::Theme;
use crate::site::Site;
use std::sync::Arc;

/// Every page's card, drawn or found in the cards cache. It reads only the site and the theme:
/// `folio build` draws them beside the pages (see `build_placed`); `add_cards` puts them in the output.
pub(super) fn draw(
    site: &Site,
    theme: &Theme,
    memo: &mut CardsMemo,
    fronts_unchanged: bool,
) -> Result<Arc<DrawnCards>, Vec<Diagnostic>> {
    // Cards changed through their links in an output folder are removed first (see `output::links`).
    let ledger = crate::output::links::settled();
    draw_cards(site, theme, memo, fronts_unchanged, &|path| crate::output::links::is_present(ledger.as_deref(), path))
}

/// Adds every page's card (`drawn`, see `draw`) to `output`; returns the warnings. A static file
/// where a card goes is an error, as it is for a page.
pub(super) fn add_cards(
    output: &mut OutputFiles,
    site: &Site,
    drawn: Result<Arc<DrawnCards>, Vec<Diagnostic>>,
    cache: &mut BuildCache,
) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    let drawn = drawn?;
    cache.stats.cards_drawn = cache.cards.drawn;
    cache.stats.cards_reused = cache.cards.reused;
    cache.stats.cards_kept = cache.cards.kept_whole;
    let mut errors = Vec::new();
    for (path, file) in &drawn.files {
        if let Some(source) = site.files.get(path) {
            errors.push(
                Diagnostic::new(Location::file(source), format!("this file would overwrite the social card /{path}"))
                    .with_help("rename the file, give the page an `image:`, or set `social_cards: false` in site.yaml"),
            );
        }
        let source = match file {
            CardFile::Cached(at) => FileSource::Copy(at.clone()),
            CardFile::Bytes(bytes) => FileSource::Bytes(bytes.clone()),
        };
        output.insert(path.clone(), source);
    }
    if errors.is_empty() {
        Ok(drawn.warnings.clone())
    } else {
        Err(errors)
    }
}
