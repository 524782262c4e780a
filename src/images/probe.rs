//! What an image file is: its size in pixels (after its EXIF orientation), whether it can be
//! resized, and a digest of its bytes that names its copies in the disk cache.

use image::{ImageDecoder, ImageFormat as Codec, ImageReader};
use std::hash::Hasher;
use std::io::Cursor;
use std::path::Path;

/// How an image can be treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImageKind {
    /// A still PNG, JPEG, GIF or WebP: resized copies can be made.
    Raster,
    /// An animation (GIF, APNG, WebP): shown as it is, since a still copy would lose its frames.
    Animated,
    /// A vector image: any size is sharp, so no copies; its size comes from its attributes.
    Svg,
}

/// One image file, as far as the pages need to know it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ImageInfo {
    /// Width and height as a browser shows them (EXIF rotation applied); `None` for an SVG that
    /// states no size.
    pub size: Option<(u32, u32)>,
    pub kind: ImageKind,
    /// A digest of the file's bytes, in hex: stable across runs, so it names cached copies.
    pub digest: String,
}

/// The file names (by extension) Folio looks into.
pub fn is_image_file(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    [".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"].iter().any(|ext| lower.ends_with(ext))
}

/// Reads `path` and works out what it is; `Err` says, for a person, why it cannot be used.
pub fn probe_image(path: &Path) -> Result<ImageInfo, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read it: {e}"))?;
    let digest = digest_bytes(&bytes);
    if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("svg")) {
        let size = svg_size(&String::from_utf8_lossy(&bytes)).ok_or("it is not an SVG image (no <svg> element)")?;
        return Ok(ImageInfo { size, kind: ImageKind::Svg, digest });
    }
    let reader = ImageReader::new(Cursor::new(&bytes[..])).with_guessed_format().map_err(|e| e.to_string())?;
    let Some(codec) = reader.format() else {
        return Err("it is not a PNG, JPEG, GIF or WebP image".into());
    };
    let mut decoder = reader.into_decoder().map_err(|e| format!("it is not a readable image ({e})"))?;
    let (width, height) = decoder.dimensions();
    if width == 0 || height == 0 {
        return Err("it has no pixels".into());
    }
    let turned = matches!(
        decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms),
        image::metadata::Orientation::Rotate90
            | image::metadata::Orientation::Rotate270
            | image::metadata::Orientation::Rotate90FlipH
            | image::metadata::Orientation::Rotate270FlipH
    );
    drop(decoder);
    let size = if turned { (height, width) } else { (width, height) };
    let kind = if is_animated(codec, &bytes) { ImageKind::Animated } else { ImageKind::Raster };
    Ok(ImageInfo { size: Some(size), kind, digest })
}

/// Whether a GIF, PNG or WebP holds more than one frame.
fn is_animated(codec: Codec, bytes: &[u8]) -> bool {
    use image::AnimationDecoder;
    match codec {
        Codec::Gif => image::codecs::gif::GifDecoder::new(Cursor::new(bytes))
            .map(|d| d.into_frames().take(2).count() > 1)
            .unwrap_or(false),
        Codec::Png => {
            image::codecs::png::PngDecoder::new(Cursor::new(bytes)).and_then(|d| d.is_apng()).unwrap_or(false)
        }
        Codec::WebP => {
            image::codecs::webp::WebPDecoder::new(Cursor::new(bytes)).map(|d| d.has_animation()).unwrap_or(false)
        }
        _ => false,
    }
}

/// A 128-bit digest of `bytes` as 32 hex digits. Two differently seeded passes of a fast hash: the
/// inputs are the site's own files, so speed matters more than resisting forged collisions.
pub fn digest_bytes(bytes: &[u8]) -> String {
    let pass = |seed: u64| {
        let mut hasher = rustc_hash::FxHasher::default();
        hasher.write_u64(seed);
        hasher.write_usize(bytes.len());
        hasher.write(bytes);
        hasher.finish()
    };
    format!("{:016x}{:016x}", pass(0x243f_6a88_85a3_08d3), pass(0x1319_8a2e_0370_7344))
}

/// The size an SVG states: its `width` and `height` in pixels, else its `viewBox`. `None` inside
/// means it states none; `None` outside means there is no `<svg>` element.
fn svg_size(text: &str) -> Option<Option<(u32, u32)>> {
    let start = text.find("<svg")?;
    let tag = &text[start..start + text[start..].find('>')?];
    let number = |value: &str| {
        let value = value.trim().strip_suffix("px").unwrap_or(value.trim());
        value.parse::<f64>().ok().filter(|n| *n > 0.0 && n.is_finite())
    };
    let (width, height) = (attribute(tag, "width").and_then(number), attribute(tag, "height").and_then(number));
    let view_box: Option<(f64, f64)> = attribute(tag, "viewBox").and_then(|v| {
        let parts: Vec<f64> = v.split([' ', ',']).filter(|p| !p.is_empty()).filter_map(|p| p.parse().ok()).collect();
        (parts.len() == 4 && parts[2] > 0.0 && parts[3] > 0.0).then(|| (parts[2], parts[3]))
    });
    let size = match (width, height, view_box) {
        (Some(w), Some(h), _) => Some((w, h)),
        (Some(w), None, Some((vw, vh))) => Some((w, w * vh / vw)),
        (None, Some(h), Some((vw, vh))) => Some((h * vw / vh, h)),
        (None, None, Some(view)) => Some(view),
        _ => None,
    };
    Some(size.map(|(w, h)| (w.round().max(1.0) as u32, h.round().max(1.0) as u32)))
}

/// The value of `name="…"` (or `'…'`) in an opening tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    while let Some(at) = rest.find(name) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + name.len()..].trim_start();
        rest = &rest[at + name.len()..];
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let Some(value) = after.strip_prefix('=') else { continue };
        let value = value.trim_start();
        let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let value = &value[1..];
        return value.find(quote).map(|end| &value[..end]);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_size_comes_from_attributes_or_view_box() {
        assert_eq!(svg_size(r#"<svg xmlns="x" width="120" height="40px">"#), Some(Some((120, 40))));
        assert_eq!(svg_size(r#"<?xml?><svg viewBox="0 0 300 150">"#), Some(Some((300, 150))));
        assert_eq!(svg_size(r#"<svg width="600" viewBox="0 0 300 150">"#), Some(Some((600, 300))));
        assert_eq!(svg_size(r#"<svg stroke-width="2" width="100%">"#), Some(None));
        assert_eq!(svg_size("not an image"), None);
    }

    #[test]
    fn digest_is_stable_and_tells_files_apart() {
        assert_eq!(digest_bytes(b"abc"), digest_bytes(b"abc"));
        assert_ne!(digest_bytes(b"abc"), digest_bytes(b"abd"));
        assert_eq!(digest_bytes(b"").len(), 32);
    }
}
