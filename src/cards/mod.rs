//! Social cards: the 1200×630 picture that a page without an image of its own shows when it is
//! shared (OpenGraph `og:image`), drawn from its title, the site's name and its byline, in the
//! page's language and direction, with the theme's colours and fonts.
//!
//! `render` decides which pages get one and where (`render::card_path`); this stage draws them.
//! Drawing is the slow part, so each card is kept on disk under `.folio-cache/cards/`, named by a
//! digest of everything drawn and the renderer's version, and the output copies the file from
//! there rather than holding it in memory. The dev server also remembers which cards it has.

mod describe;
mod encode;
mod fonts;
mod kept;
mod paint;
mod text;

pub use fonts::load_fonts;
pub use text::FontFiles;

use crate::diagnostics::{Diagnostic, Location};
use crate::memo::{checking, fingerprint};
use crate::render::{site_card_path, Theme};
use crate::site::Site;
use describe::{describe_pages, describe_site};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Bump when cards are drawn differently, so every cached card is drawn again.
const RENDERER_VERSION: u32 = 2;

/// Where cards are kept between builds, inside the site folder.
pub const CACHE_DIR: &str = ".folio-cache/cards";

/// A colour as red, green, blue.
pub type Rgb = [u8; 3];

/// The colours of a card, from the theme's stylesheet and `social_cards.accent`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Colours {
    pub background: Rgb,
    pub text: Rgb,
    pub muted: Rgb,
    pub accent: Rgb,
}

/// Everything one card shows: its digest names the cached file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Card {
    pub title: String,
    pub site: String,
    /// The authors' names and, for posts, the date.
    pub byline: String,
    pub lang: String,
    pub rtl: bool,
    pub colours: Colours,
}

/// Where a card's bytes are.
#[derive(Debug, Clone)]
pub enum CardFile {
    /// In the cache folder.
    Cached(PathBuf),
    /// In memory, when the cache folder cannot be written.
    Bytes(Arc<[u8]>),
}

/// What the dev server remembers between builds: the cards known to be in the cache folder.
#[derive(Debug, Default)]
pub struct CardsMemo {
    known: FxHashMap<Arc<str>, PathBuf>,
    /// For each card drawn or found last time (by cache name, a digest of the card and the fonts),
    /// the letters no font has: a rebuild checks only cards it has not seen.
    letters: FxHashMap<Arc<str>, Vec<char>>,
    /// When the cache folder last changed, as the last build left it: while it has not changed
    /// since, the cards in `known` are still there and need not be looked for one by one.
    folder_stamp: Option<std::time::SystemTime>,
    /// Each card of the last build and its cache name, by a digest of what `describe` reads (see
    /// `card_inputs`): a rebuild describes and names again only the cards of pages that changed.
    described: FxHashMap<u64, (Arc<Card>, Arc<str>)>,
    /// The last build's cards, with the digest of what every card shares (`Look::shared`).
    kept: Option<(u64, Arc<DrawnCards>)>,
    /// Cards the last build drew, and cards it found already drawn.
    pub drawn: usize,
    pub reused: usize,
    /// Whether the last build's cards were handed back whole (see `kept`).
    pub kept_whole: bool,
}

/// The cards of a build: output path → file, and the warnings about them.
#[derive(Debug, Default)]
pub struct DrawnCards {
    pub files: Vec<(String, CardFile)>,
    pub warnings: Vec<Diagnostic>,
}

/// The cards of every page that gets one: output path → file, and warnings (letters no font has,
/// a cache folder that cannot be written). A site font that cannot be read is an error. When no
/// page's front matter, place or publication changed since the last build (`fronts_unchanged`, see
/// `site::SiteChanges`), its cards are handed back as they were (see `kept`).
pub fn draw_cards(
    site: &Site,
    theme: &Theme,
    memo: &mut CardsMemo,
    fronts_unchanged: bool,
    present: &(dyn Fn(&Path) -> bool + Sync),
) -> Result<Arc<DrawnCards>, Vec<Diagnostic>> {
    memo.drawn = 0;
    memo.reused = 0;
    memo.kept_whole = false;
    let Some(site_path) = site_card_path(site) else {
        memo.kept = None;
        return Ok(Arc::default());
    };
    let fonts = load_fonts(&site.config, theme)?;
    let colours = theme_colours(site, theme);
    let font_digest = fingerprint(&fonts);
    // What every card shares: the configuration (site title, date styles, directions), the colours, the fonts.
    let shared = fingerprint((site.config.fingerprint, colours, font_digest, RENDERER_VERSION));
    let look = Look { fonts: &fonts, colours, font_digest, shared };
    if let Some(drawn) = kept::kept_cards(memo, shared, fronts_unchanged, &site.config.root.join(CACHE_DIR)) {
        kept::verify_kept(&drawn, || {
            draw_every_card(site, site_path.clone(), &look, &mut CardsMemo::default(), present)
        });
        memo.reused = drawn.files.len();
        memo.kept_whole = true;
        return Ok(drawn);
    }
    let drawn = Arc::new(draw_every_card(site, site_path, &look, memo, present)?);
    memo.kept = Some((shared, drawn.clone()));
    Ok(drawn)
}

/// What every card is drawn with, and the digest of it (with the configuration) they share.
struct Look<'a> {
    fonts: &'a FontFiles,
    colours: Colours,
    font_digest: u64,
    shared: u64,
}

/// `draw_cards` for every page, reusing only what `memo` knows card by card; whether a card is in
/// the cache folder is asked of `present` (`folio build` knows most without looking, see
/// `output::links`).
fn draw_every_card(
    site: &Site,
    site_path: String,
    look: &Look,
    memo: &mut CardsMemo,
    present: &(dyn Fn(&Path) -> bool + Sync),
) -> Result<DrawnCards, Vec<Diagnostic>> {
    let Look { fonts, colours, font_digest, .. } = *look;
    let config_file = site.config.root.join(crate::config::CONFIG_FILE);
    let site_card = Arc::new(describe_site(site, colours));
    let site_name: Arc<str> = cache_name(&site_card, font_digest).into();
    let mut cards: Vec<(String, Arc<Card>, &Path)> = vec![(site_path, site_card, &config_file)];
    let mut names = vec![site_name];
    let mut described = FxHashMap::default();
    for page in describe_pages(site, look, &cards[0].0, &memo.described) {
        described.insert(page.key, (page.card.clone(), page.name.clone()));
        cards.push((page.path, page.card, page.source));
        names.push(page.name);
    }
    memo.described = described;
    let mut warnings = missing_letter_warnings(&cards, &names, fonts, &mut memo.letters);
    let cache = site.config.root.join(CACHE_DIR);
    // Removing a file from the folder (by hand, or a `folio build` pruning it) changes the folder's
    // time, and so does drawing a card into it.
    let stamp = || std::fs::metadata(&cache).and_then(|m| m.modified()).ok();
    let folder_unchanged = stamp().is_some_and(|now| memo.folder_stamp == Some(now));
    let results: Vec<Result<(String, CardFile, bool), String>> = cards
        .par_iter()
        .zip(&names)
        .map(|((path, card, _), name)| {
            let file = cache.join(&**name);
            if let Some(known) = memo.known.get(&**name).filter(|known| folder_unchanged || known.is_file()) {
                return Ok((path.clone(), CardFile::Cached(known.clone()), true));
            }
            if present(&file) {
                return Ok((path.clone(), CardFile::Cached(file), true));
            }
            let png = paint::paint_card(card, fonts).map_err(|e| format!("{path}: {e}"))?;
            Ok((path.clone(), store(&file, png), false))
        })
        .collect();
    let mut files = Vec::new();
    let mut reused_at = Vec::new();
    let mut errors = Vec::new();
    let mut known = FxHashMap::default();
    for (result, name) in results.into_iter().zip(&names) {
        match result {
            Ok((path, file, reused)) => {
                if reused {
                    memo.reused += 1;
                    reused_at.push(files.len());
                } else {
                    memo.drawn += 1;
                }
                if let CardFile::Cached(at) = &file {
                    // The file is named by the card's cache name, wherever it was found.
                    known.insert(name.clone(), at.clone());
                }
                files.push((path, file));
            }
            Err(e) => errors.push(Diagnostic::new(Location::file(&cache), format!("cannot draw a social card: {e}"))),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if let Some(&first) = reused_at.first() {
        verify_reuse(&cards[first], &files[first].1, fonts);
    }
    if files.iter().any(|(_, f)| matches!(f, CardFile::Bytes(_))) {
        warnings.push(
            Diagnostic::new(
                Location::file(&cache),
                "cannot keep social cards in this folder; they are drawn anew each build",
            )
            .with_help("make the site folder writable, or turn cards off with `social_cards: false` in site.yaml"),
        );
    }
    memo.known = known;
    // A time within the last second could be shared by a removal still to come (file times move
    // in coarse steps): such a folder is searched card by card next time.
    let settled = |time: &std::time::SystemTime| time.elapsed().is_ok_and(|age| age.as_secs() >= 1);
    memo.folder_stamp = stamp().filter(settled);
    Ok(DrawnCards { files, warnings })
}

/// The cache file's name: a 128-bit digest of the card, the fonts and the renderer's version.
fn cache_name(card: &Card, font_digest: u64) -> String {
    let inputs = (RENDERER_VERSION, font_digest, card);
    format!("{:016x}{:016x}.png", fingerprint((1u8, &inputs)), fingerprint((2u8, &inputs)))
}

/// Writes a new card into the cache (beside its final name, then renamed, so a reader never
/// sees half a file); keeps it in memory when the cache cannot be written.
fn store(file: &Path, png: Vec<u8>) -> CardFile {
    let temp = file.with_extension(format!("{}.tmp", std::process::id()));
    let written = file.parent().is_some_and(|dir| std::fs::create_dir_all(dir).is_ok())
        && std::fs::write(&temp, &png).is_ok()
        && std::fs::rename(&temp, file).is_ok();
    if written {
        CardFile::Cached(file.to_path_buf())
    } else {
        let _ = std::fs::remove_file(&temp);
        CardFile::Bytes(png.into())
    }
}

/// In the checked mode (see `memo`), a reused card must be the card drawn now. The key is the
/// digest of all `paint_card` is given, so what can go stale is the drawing code itself, changed
/// without a new `RENDERER_VERSION`; one card shows that as well as all, so one is drawn again.
fn verify_reuse((path, card, _): &(String, Arc<Card>, &Path), file: &CardFile, fonts: &FontFiles) {
    let CardFile::Cached(file) = file else { return };
    if checking() {
        let fresh = paint::paint_card(card, fonts).ok();
        assert!(
            fresh.is_some() && fresh == std::fs::read(file).ok(),
            "cache check failed: the cards stage reused a stale card for {path} ({}); bump cards::RENDERER_VERSION",
            file.display()
        );
    }
}

/// A warning for each page whose card would show a box for a letter that no font has. `letters`
/// holds each card's missing letters by cache name from the last build, and this build's after.
fn missing_letter_warnings(
    cards: &[(String, Arc<Card>, &Path)],
    names: &[Arc<str>],
    fonts: &FontFiles,
    letters: &mut FxHashMap<Arc<str>, Vec<char>>,
) -> Vec<Diagnostic> {
    // The fonts are parsed only when a card was not seen before.
    let faces = std::sync::OnceLock::new();
    let parsed = || faces.get_or_init(|| (text::Faces::parse(&fonts.bold), text::Faces::parse(&fonts.regular)));
    // On every core, each with which letters each weight draws, looked up once each.
    let drawn = || (FxHashMap::default(), FxHashMap::default());
    let found: Vec<Vec<char>> = cards
        .par_iter()
        .zip(names)
        .map_init(drawn, |(bold_drawn, regular_drawn), ((_, card, _), name)| match letters.get(&**name) {
            Some(missing) => missing.clone(),
            None => {
                let (bold, regular) = parsed();
                let mut missing = bold.missing_with(&card.title, bold_drawn);
                missing.extend(regular.missing_with(&format!("{} {}", card.site, card.byline), regular_drawn));
                let mut seen = std::collections::BTreeSet::new();
                missing.retain(|c| seen.insert(*c));
                missing
            }
        })
        .collect();
    let mut known = FxHashMap::default();
    let mut warnings = Vec::new();
    for (((_, _, source), name), missing) in cards.iter().zip(names).zip(found) {
        if !missing.is_empty() {
            let letters: Vec<String> = missing.iter().map(|c| format!("`{c}` (U+{:04X})", *c as u32)).collect();
            warnings.push(
                Diagnostic::new(
                    Location::file(source),
                    format!("the social card cannot show {}: no font has it", letters.join(", ")),
                )
                .with_help("name a font that has these letters with `social_cards.font` in site.yaml"),
            );
        }
        known.insert(name.clone(), missing);
    }
    *letters = known;
    warnings
}

/// The card's colours: the light scheme of the theme's stylesheet (`--bg`, `--fg`, `--fg-muted`,
/// `--accent`), with `social_cards.accent` over the accent.
fn theme_colours(site: &Site, theme: &Theme) -> Colours {
    let css = theme.static_files.get("folio.css").and_then(|file| match file {
        crate::render::ThemeFile::Embedded(bytes) => Some(String::from_utf8_lossy(bytes).into_owned()),
        crate::render::ThemeFile::Disk(path) => std::fs::read_to_string(path).ok(),
    });
    let token = |name: &str, fallback: Rgb| css.as_deref().and_then(|css| css_colour(css, name)).unwrap_or(fallback);
    Colours {
        background: token("--bg", [0xff, 0xff, 0xff]),
        text: token("--fg", [0x1c, 0x21, 0x28]),
        muted: token("--fg-muted", [0x55, 0x5f, 0x6b]),
        accent: site.config.social_cards.accent.unwrap_or_else(|| token("--accent", [0x09, 0x69, 0xda])),
    }
}

/// The first `name: #rrggbb;` in `css` (the light scheme comes first in the theme's tokens).
fn css_colour(css: &str, name: &str) -> Option<Rgb> {
    let at = css.find(&format!("{name}:"))?;
    let value = css[at + name.len() + 1..].trim_start();
    let hex = value.strip_prefix('#')?.get(..6)?;
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

#[cfg(test)]
mod tests;
