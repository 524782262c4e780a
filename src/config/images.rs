//! The `images:` block of site.yaml: whether pictures get responsive WebP copies, at which widths
//! and quality, and the `sizes` the pages announce for them.

use crate::diagnostics::{Diagnostic, Location};
use serde::Deserialize;
use std::path::Path;

/// Widths (in pixels) of the WebP copies, unless site.yaml says otherwise: a phone, a tablet, the
/// text column on a high-density screen and a wide screen.
pub const DEFAULT_WIDTHS: [u32; 4] = [320, 640, 960, 1440];

/// The widest copy Folio makes; wider source images keep only their original as the fallback.
const MAX_WIDTH: u32 = 8192;

/// A modern format Folio can write copies in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ImageFormat {
    Webp,
}

impl ImageFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Webp => "webp",
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            ImageFormat::Webp => "image/webp",
        }
    }
}

/// The checked `images:` settings.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ImagesConfig {
    /// `false` leaves every image as written: no copies, no size attributes.
    pub enabled: bool,
    /// Widths of the copies, ascending; a copy is never wider than its source.
    pub widths: Vec<u32>,
    /// Lossy encoding quality, 1–100.
    pub quality: u8,
    /// The formats of the copies; empty writes none but still sizes the images.
    pub formats: Vec<ImageFormat>,
    /// The `sizes` attribute of images in the text: how wide they are shown.
    pub sizes: String,
}

impl Default for ImagesConfig {
    fn default() -> Self {
        ImagesConfig {
            enabled: true,
            widths: DEFAULT_WIDTHS.to_vec(),
            quality: 80,
            formats: vec![ImageFormat::Webp],
            sizes: "(max-width: 760px) 100vw, 720px".into(),
        }
    }
}

/// `images:` as written in site.yaml.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawImages {
    enabled: Option<bool>,
    widths: Option<Vec<i64>>,
    quality: Option<i64>,
    formats: Option<Vec<String>>,
    sizes: Option<String>,
}

/// Checks `images:`; `text` and `path` locate errors in site.yaml.
pub(super) fn check_images(raw: RawImages, text: &str, path: &Path) -> Result<ImagesConfig, Vec<Diagnostic>> {
    let defaults = ImagesConfig::default();
    let mut errors = Vec::new();
    let at = |key: &str| Location::new(path, nested_key_line(text, "images", key).unwrap_or(0), 0);
    let mut widths: Vec<u32> = Vec::new();
    for width in raw.widths.clone().unwrap_or_else(|| defaults.widths.iter().map(|&w| w.into()).collect()) {
        match u32::try_from(width) {
            Ok(w) if (16..=MAX_WIDTH).contains(&w) => widths.push(w),
            _ => errors.push(
                Diagnostic::new(at("widths"), format!("`images.widths`: {width} is not a usable width"))
                    .with_help(format!("widths are pixels between 16 and {MAX_WIDTH}, e.g. widths: [480, 960, 1440]")),
            ),
        }
    }
    widths.sort_unstable();
    widths.dedup();
    if widths.is_empty() && errors.is_empty() {
        errors.push(
            Diagnostic::new(at("widths"), "`images.widths` is empty")
                .with_help("list at least one width, e.g. widths: [480, 960, 1440], or set `enabled: false`"),
        );
    }
    let quality = match raw.quality {
        None => defaults.quality,
        Some(q) if (1..=100).contains(&q) => q as u8,
        Some(q) => {
            errors.push(
                Diagnostic::new(at("quality"), format!("`images.quality` must be between 1 and 100, found {q}"))
                    .with_help("80 keeps photos sharp at a fraction of their size"),
            );
            defaults.quality
        }
    };
    let mut formats = Vec::new();
    for name in raw.formats.unwrap_or_else(|| vec!["webp".into()]) {
        match name.trim().to_ascii_lowercase().as_str() {
            "webp" => formats.push(ImageFormat::Webp),
            "avif" => errors.push(
                Diagnostic::new(at("formats"), "`images.formats`: Folio does not write AVIF")
                    .with_help("write `formats: [webp]`; every current browser shows WebP"),
            ),
            other => errors.push(
                Diagnostic::new(at("formats"), format!("`images.formats`: unknown format `{other}`"))
                    .with_help("the one format Folio writes is webp: `formats: [webp]`, or `formats: []` for none"),
            ),
        }
    }
    formats.dedup();
    let sizes = raw.sizes.unwrap_or(defaults.sizes);
    if sizes.trim().is_empty() || sizes.contains(['"', '<', '>']) {
        errors.push(
            Diagnostic::new(
                at("sizes"),
                "`images.sizes` must be a sizes list, e.g. \"(max-width: 760px) 100vw, 720px\"",
            )
            .with_help("it is written into each image's `sizes` attribute as it is"),
        );
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ImagesConfig { enabled: raw.enabled.unwrap_or(true), widths, quality, formats, sizes })
}

/// The line of `key:` inside the top-level block `block:`, or of the block itself.
fn nested_key_line(text: &str, block: &str, key: &str) -> Option<usize> {
    let start = crate::yaml::key_line(text, block)?;
    let inside = text.lines().enumerate().skip(start).take_while(|(_, l)| l.is_empty() || l.starts_with([' ', '\t']));
    for (i, line) in inside {
        if line.trim_start().strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with(':')) {
            return Some(i + 1);
        }
    }
    Some(start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse_config;

    fn parse(block: &str) -> Result<ImagesConfig, String> {
        let text = format!("title: A\nbase_url: https://e.com\n{block}");
        parse_config(&text, Path::new("/site"), Path::new("site.yaml")).map(|c| c.images).map_err(|e| e.to_string())
    }

    #[test]
    fn images_default_to_webp_at_four_widths() {
        let config = parse("").unwrap();
        assert_eq!(config, ImagesConfig::default());
        let config = parse("images:\n  widths: [960, 480, 480]\n  quality: 70\n  formats: []\n").unwrap();
        assert_eq!((config.widths, config.quality, config.formats), (vec![480, 960], 70, vec![]));
    }

    #[test]
    fn bad_image_settings_name_their_line() {
        let err = parse("images:\n  widths: [480]\n  quality: 200\n").unwrap_err();
        assert!(err.contains("site.yaml:5"), "{err}");
        assert!(err.contains("`images.quality` must be between 1 and 100, found 200"), "{err}");
        let err = parse("images:\n  formats: [avif]\n").unwrap_err();
        assert!(err.contains("site.yaml:4") && err.contains("does not write AVIF"), "{err}");
        let err = parse("images:\n  widths: [0]\n").unwrap_err();
        assert!(err.contains("site.yaml:4") && err.contains("0 is not a usable width"), "{err}");
        let err = parse("images:\n  width: [480]\n").unwrap_err();
        assert!(err.contains("site.yaml:4") && err.contains("width"), "{err}");
    }
}
