//! The `social_cards:` setting of site.yaml: whether pages without an image of their own get a
//! generated OpenGraph picture, and how it looks. Either a switch (`social_cards: false`) or a block:
//!
//! ```yaml
//! social_cards:
//!   enabled: true
//!   accent: "#0b6e4f"          # the band and the site name; the theme's accent otherwise
//!   font: fonts/Brand-Bold.ttf # tried first for every letter; the built-in Noto fonts fill gaps
//! ```

use crate::diagnostics::{Diagnostic, Location};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Cards are drawn unless a site turns them off: a cold card costs a few milliseconds and a
/// warm build only looks its card up on disk (see content/docs/social-cards.md for the numbers).
pub const CARDS_BY_DEFAULT: bool = true;

/// The validated setting.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SocialCards {
    pub enabled: bool,
    /// The accent colour as red, green, blue; `None` keeps the theme's.
    pub accent: Option<[u8; 3]>,
    /// A font file of the site's own (absolute path), tried before the built-in ones.
    pub font: Option<PathBuf>,
}

impl Default for SocialCards {
    fn default() -> Self {
        SocialCards { enabled: CARDS_BY_DEFAULT, accent: None, font: None }
    }
}

/// `social_cards:` as written: a switch or a block.
#[derive(Debug)]
pub(super) enum RawSocialCards {
    Switch(bool),
    Block(RawBlock),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBlock {
    enabled: Option<bool>,
    accent: Option<String>,
    font: Option<String>,
}

impl<'de> Deserialize<'de> for RawSocialCards {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Either;
        impl<'de> Visitor<'de> for Either {
            type Value = RawSocialCards;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("true, false or a block with enabled, accent and font")
            }
            fn visit_bool<E: de::Error>(self, value: bool) -> Result<RawSocialCards, E> {
                Ok(RawSocialCards::Switch(value))
            }
            // The block goes through serde so an unknown key is reported at its own line.
            fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<RawSocialCards, M::Error> {
                RawBlock::deserialize(de::value::MapAccessDeserializer::new(map)).map(RawSocialCards::Block)
            }
        }
        deserializer.deserialize_any(Either)
    }
}

/// Checks `social_cards:`; `text` and `path` locate errors in site.yaml, `root` anchors `font:`.
pub(super) fn check_social_cards(
    raw: Option<RawSocialCards>,
    root: &Path,
    (text, path): (&str, &Path),
) -> Result<SocialCards, Diagnostic> {
    let block = match raw {
        None => return Ok(SocialCards::default()),
        Some(RawSocialCards::Switch(enabled)) => return Ok(SocialCards { enabled, ..SocialCards::default() }),
        Some(RawSocialCards::Block(block)) => block,
    };
    let at = |key: &str| {
        let line = text.lines().position(|l| l.trim_start().starts_with(&format!("{key}:"))).map_or(0, |i| i + 1);
        Location::new(path, line, 0)
    };
    let accent = match block.accent.as_deref().map(str::trim) {
        None => None,
        Some(value) => Some(parse_hex_colour(value).ok_or_else(|| {
            Diagnostic::new(at("accent"), format!("`social_cards.accent`: `{value}` is not a colour"))
                .with_help("write it as six hex digits, e.g. accent: \"#0b6e4f\" (quoted: YAML reads # as a comment)")
        })?),
    };
    let font = match block.font.as_deref().map(str::trim) {
        None => None,
        Some(file) => {
            let full = root.join(file);
            let known = [".ttf", ".otf"].iter().any(|ext| file.to_ascii_lowercase().ends_with(ext));
            if !known || !full.is_file() {
                let why = if known { "no such file" } else { "not a .ttf or .otf font file" };
                return Err(Diagnostic::new(at("font"), format!("`social_cards.font`: `{file}`: {why}"))
                    .with_help("give the path of a TrueType or OpenType font, relative to the site folder"));
            }
            Some(full)
        }
    };
    Ok(SocialCards { enabled: block.enabled.unwrap_or(CARDS_BY_DEFAULT), accent, font })
}

/// `#rrggbb` (or `rrggbb`) as red, green, blue.
fn parse_hex_colour(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#').unwrap_or(text);
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

#[cfg(test)]
mod tests {
    use crate::config::parse_config;
    use std::path::Path;

    fn parse(extra: &str) -> Result<crate::config::Config, String> {
        let text = format!("title: T\nbase_url: https://e.com\n{extra}");
        parse_config(&text, Path::new("/nowhere"), Path::new("site.yaml")).map_err(|e| e.to_string())
    }

    #[test]
    fn a_switch_or_a_block_turns_cards_on_and_off() {
        assert!(parse("").unwrap().social_cards.enabled);
        assert!(!parse("social_cards: false\n").unwrap().social_cards.enabled);
        let block = parse("social_cards:\n  enabled: true\n  accent: \"#0B6E4F\"\n").unwrap().social_cards;
        assert_eq!(block.accent, Some([0x0b, 0x6e, 0x4f]));
    }

    #[test]
    fn unknown_keys_and_bad_values_name_their_line() {
        let unknown = parse("social_cards:\n  enabled: true\n  colour: red\n").unwrap_err();
        assert!(unknown.contains("site.yaml:5"), "{unknown}");
        assert!(unknown.contains("colour"), "{unknown}");
        let colour = parse("social_cards:\n  accent: blue\n").unwrap_err();
        assert!(colour.contains("site.yaml:4") && colour.contains("`blue` is not a colour"), "{colour}");
        let font = parse("social_cards:\n  font: fonts/missing.ttf\n").unwrap_err();
        assert!(font.contains("site.yaml:4") && font.contains("no such file"), "{font}");
    }
}
