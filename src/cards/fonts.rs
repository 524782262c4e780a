//! The fonts a card is drawn with: the theme's `fonts/` folder (the default theme embeds subsets
//! of Noto Sans, Noto Sans Hebrew and Noto Sans Arabic, SIL Open Font License) and, tried first
//! for every letter, the site's own font from `social_cards.font`.

use super::text::FontFiles;
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Location};
use crate::render::{Theme, ThemeFile};
use std::borrow::Cow;
use std::path::Path;

/// The fonts for titles (`*-Bold.ttf`) and for the small lines (`*-Regular.ttf`), in the order of
/// their file names, after the site's own font if it names one.
pub fn load_fonts(config: &Config, theme: &Theme) -> Result<FontFiles, Vec<Diagnostic>> {
    let mut files = FontFiles { bold: Vec::new(), regular: Vec::new() };
    let mut errors = Vec::new();
    if let Some(path) = &config.social_cards.font {
        match read_font(path) {
            Ok(data) => {
                files.bold.push(data.clone());
                files.regular.push(data);
            }
            Err(e) => errors.push(
                Diagnostic::new(
                    Location::file(config.root.join(crate::config::CONFIG_FILE)),
                    format!("`social_cards.font`: {e}"),
                )
                .with_help("give the path of a TrueType or OpenType font, relative to the site folder"),
            ),
        }
    }
    for (name, file) in &theme.fonts {
        let stem = name.rsplit_once('.').map_or(name.as_str(), |(stem, _)| stem);
        let list = if stem.ends_with("-Bold") {
            &mut files.bold
        } else if stem.ends_with("-Regular") {
            &mut files.regular
        } else {
            continue;
        };
        let data = match file {
            ThemeFile::Embedded(bytes) => Ok(Cow::Borrowed(*bytes)),
            ThemeFile::Disk(path) => read_font(path),
        };
        match data {
            Ok(data) => list.push(data),
            Err(e) => errors.push(Diagnostic::new(Location::file(name), format!("theme font: {e}"))),
        }
    }
    if files.bold.is_empty() || files.regular.is_empty() {
        errors.push(Diagnostic::new(Location::file("fonts/"), "the theme has no fonts for social cards").with_help(
            "add Name-Regular.ttf and Name-Bold.ttf to the theme's fonts/ folder, or set `social_cards: false`",
        ));
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}

/// A font file's bytes, refused when they are not a font.
fn read_font(path: &Path) -> Result<Cow<'static, [u8]>, String> {
    let data = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if rustybuzz::Face::from_slice(&data, 0).is_none() {
        return Err(format!("{} is not a TrueType or OpenType font", path.display()));
    }
    Ok(Cow::Owned(data))
}
