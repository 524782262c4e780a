//! Social cards: the 1200×630 picture that a page without an image of its own shows when it is
//! shared (OpenGraph `og:image`), drawn from its title, the site's name and its byline, in the
//! page's language and direction, with the theme's colours and fonts.
//!
//! `render` decides which pages get one and where (`render::card_path`); this stage draws them.
//! Drawing is the slow part, so each card is kept on disk under `.folio-cache/cards/`, named by a
//! digest of everything drawn and the renderer's version, and the output copies the file from
//! there rather than holding it in memory. The dev server also remembers which cards it has.

mod encode;
mod fonts;
mod kept;
mod paint;
mod text;

pub use fonts::load_fonts;
pub use text::FontFiles;

use crate::diagnostics::{Diagnostic, Location};
use crate::memo::{checking, fingerprint};
use crate::render::{card_path, site_card_path, Theme};
use crate::site::{Byline, PageKind, Site};
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
    let Look { fonts, colours, font_digest, shared } = *look;
    let config_file = site.config.root.join(crate::config::CONFIG_FILE);
    let site_card = Arc::new(describe_site(site, colours));
    let site_name: Arc<str> = cache_name(&site_card, font_digest).into();
    let mut cards: Vec<(String, Arc<Card>, &Path)> = vec![(site_path, site_card, &config_file)];
    let mut names = vec![site_name];
    let mut described = FxHashMap::default();
    for i in 0..site.pages.len() {
        // A page at the home page's address is shown with the site's card.
        let Some(path) = card_path(site, i).filter(|path| *path != cards[0].0) else { continue };
        let key = fingerprint((shared, card_inputs(site, i)));
        let (card, name) = match memo.described.remove(&key) {
            Some((card, name)) => {
                if checking() {
                    assert!(
                        *card == describe(site, i, colours),
                        "cache check failed: a kept social card of {path} is stale"
                    );
                }
                (card, name)
            }
            None => {
                let card = Arc::new(describe(site, i, colours));
                let name: Arc<str> = cache_name(&card, font_digest).into();
                (card, name)
            }
        };
        described.insert(key, (card.clone(), name.clone()));
        cards.push((path, card, site.pages[i].path.as_path()));
        names.push(name);
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

/// Everything `describe` reads of the site for page `i` besides the configuration: its title, kind,
/// date and language, its bylines and the titles of the author pages they name.
fn card_inputs(site: &Site, i: usize) -> impl std::hash::Hash + '_ {
    let page = &site.pages[i];
    let author_titles: Vec<Option<&String>> = page
        .bylines
        .iter()
        .map(|byline| match byline {
            Byline::Page(id) => site.find_page(PageKind::Author, id).map(|a| &site.pages[a].title),
            Byline::Person(_) => None,
        })
        .collect();
    (&page.title, page.kind, page.date, &page.lang, &page.bylines, author_titles)
}

/// What page `i`'s card shows.
fn describe(site: &Site, i: usize, colours: Colours) -> Card {
    let page = &site.pages[i];
    let name = |byline: &Byline| match byline {
        Byline::Page(id) => site.find_page(PageKind::Author, id).map(|a| site.pages[a].title.clone()),
        Byline::Person(person) => Some(person.name.clone()),
    };
    let mut byline: Vec<String> = vec![page.bylines.iter().filter_map(name).collect::<Vec<_>>().join(", ")];
    if page.kind == PageKind::Post {
        byline.extend(page.date.map(|d| d.display(&page.lang, site.config.date_style(&page.lang))));
    }
    byline.retain(|part| !part.is_empty());
    Card {
        title: page.title.clone(),
        site: site.config.title.clone(),
        byline: byline.join(" · "),
        lang: page.lang.clone(),
        rtl: site.config.dir_of(&page.lang) == "rtl",
        colours,
    }
}

/// What the site's own card shows, for the home page and the lists: its name and description.
/// Not its address, which `folio serve` replaces: the card must be the one `folio build` writes.
fn describe_site(site: &Site, colours: Colours) -> Card {
    let config = &site.config;
    Card {
        title: config.title.clone(),
        site: String::new(),
        byline: config.description.clone(),
        lang: config.language.clone(),
        rtl: config.dir_of(&config.language) == "rtl",
        colours,
    }
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
    let mut faces = None;
    // Which letters each weight draws, looked up once each.
    let (mut bold_drawn, mut regular_drawn) = (FxHashMap::default(), FxHashMap::default());
    let mut known = FxHashMap::default();
    let mut warnings = Vec::new();
    for ((_, card, source), name) in cards.iter().zip(names) {
        let missing = match letters.remove(&**name) {
            Some(missing) => missing,
            None => {
                let (bold, regular) =
                    faces.get_or_insert_with(|| (text::Faces::parse(&fonts.bold), text::Faces::parse(&fonts.regular)));
                let mut missing = bold.missing_with(&card.title, &mut bold_drawn);
                missing.extend(regular.missing_with(&format!("{} {}", card.site, card.byline), &mut regular_drawn));
                let mut seen = std::collections::BTreeSet::new();
                missing.retain(|c| seen.insert(*c));
                missing
            }
        };
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
