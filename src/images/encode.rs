//! Making the WebP copies of the images pages show, in parallel, into a disk cache that outlives
//! the build: a copy already there (same source bytes, width, format and quality) is reused.

use super::{ImageCopy, SiteImage, SiteImages};
use crate::diagnostics::{Diagnostic, Location};
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageReader};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where the copies are kept, under the site root. Safe to delete; worth keeping out of git.
pub const CACHE_DIR: &str = ".folio-cache/images";

/// Changes when the way copies are made changes (resampling, encoder settings), so copies made
/// the old way are not reused.
const RECIPE: &str = "r1";

/// The copies of this build: output path → cached file, and how many were made or reused.
#[derive(Debug, Default)]
pub struct EncodedImages {
    pub files: Vec<(String, PathBuf)>,
    pub encoded: usize,
    pub reused: usize,
}

/// One image's copies (output path → cached file), and how many of them were encoded.
type ImageCopies = (Vec<(String, PathBuf)>, usize);

/// Makes (or finds in the cache) every copy of the images in `shown`, which maps each image's
/// output path to the first place a page shows it, for errors. Whether a copy is in the cache is
/// asked of `present` (`folio build` knows most without looking, see `output::links`).
pub fn encode_images(
    root: &Path,
    images: &SiteImages,
    shown: &BTreeMap<String, Location>,
    present: &(dyn Fn(&Path) -> bool + Sync),
) -> Result<EncodedImages, Vec<Diagnostic>> {
    let cache_dir = root.join(CACHE_DIR);
    let wanted: Vec<(&Arc<SiteImage>, &Location)> = shown
        .iter()
        .filter_map(|(output, at)| Some((images.get(output)?.as_ref().ok()?, at)))
        .filter(|(image, _)| !image.copies.is_empty())
        .collect();
    if wanted.is_empty() {
        return Ok(EncodedImages::default());
    }
    std::fs::create_dir_all(&cache_dir).map_err(|e| {
        vec![Diagnostic::new(Location::file(&cache_dir), format!("cannot create the image cache: {e}"))
            .with_help("Folio keeps resized images here; make the site folder writable")]
    })?;
    let quality = images.config.quality;
    let results: Vec<Result<ImageCopies, Diagnostic>> = wanted
        .par_iter()
        .map(|(image, at)| {
            let cached: Vec<(&ImageCopy, PathBuf)> =
                image.copies.iter().map(|c| (c, cache_dir.join(cache_name(image, c, quality)))).collect();
            let missing: Vec<&(&ImageCopy, PathBuf)> = cached.iter().filter(|(_, path)| !present(path)).collect();
            if !missing.is_empty() {
                let fail = |why: String| super::unreadable((*at).clone(), "image", &format!("/{}", image.output), &why);
                let source = decode(&image.path).map_err(fail)?;
                for (copy, path) in &missing {
                    let bytes = encode_webp(&source, copy, quality).map_err(fail)?;
                    write_atomically(path, &bytes).map_err(|e| {
                        Diagnostic::new(Location::file(path), format!("cannot write to the image cache: {e}"))
                            .with_help("make the site folder writable, or delete .folio-cache/ and build again")
                    })?;
                }
            }
            let files = cached.iter().map(|(copy, path)| (copy.output.clone(), path.clone())).collect();
            Ok((files, missing.len()))
        })
        .collect();
    let mut done = EncodedImages::default();
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok((files, encoded)) => {
                done.encoded += encoded;
                done.reused += files.len() - encoded;
                done.files.extend(files);
            }
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(done)
    } else {
        Err(errors)
    }
}

/// The cache file of one copy: everything that decides its bytes is in the name.
fn cache_name(image: &SiteImage, copy: &ImageCopy, quality: u8) -> String {
    let ext = copy.output.rsplit('.').next().unwrap_or("webp");
    format!("{}-{}x{}-q{quality}-{RECIPE}.{ext}", image.info.digest, copy.width, copy.height)
}

/// The whole picture, turned upright as its EXIF orientation says (as browsers show the original).
fn decode(path: &Path) -> Result<DynamicImage, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read it: {e}"))?;
    let reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|e| e.to_string())?;
    let mut decoder = reader.into_decoder().map_err(|e| format!("it is not a readable image ({e})"))?;
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut picture = DynamicImage::from_decoder(decoder).map_err(|e| format!("it is damaged or cut short ({e})"))?;
    picture.apply_orientation(orientation);
    Ok(picture)
}

/// One lossy WebP copy at `copy`'s size (transparency kept).
fn encode_webp(source: &DynamicImage, copy: &ImageCopy, quality: u8) -> Result<Vec<u8>, String> {
    let resized = if (source.width(), source.height()) == (copy.width, copy.height) {
        source.clone()
    } else {
        source.resize_exact(copy.width, copy.height, FilterType::CatmullRom)
    };
    let encoded = if resized.color().has_alpha() {
        let rgba = resized.to_rgba8();
        webp::Encoder::from_rgba(&rgba, copy.width, copy.height).encode_simple(false, f32::from(quality))
    } else {
        let rgb = resized.to_rgb8();
        webp::Encoder::from_rgb(&rgb, copy.width, copy.height).encode_simple(false, f32::from(quality))
    };
    encoded.map(|memory| memory.to_vec()).map_err(|e| format!("the WebP encoder refused it ({e:?})"))
}

/// Writes beside the target, then renames: an interrupted build never leaves half a copy that a
/// later build would take for a finished one.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    // Two pages may show the same picture under two names: their copies share one cache file.
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let temp = path.with_extension(format!("{}-{n}.tmp", std::process::id()));
    std::fs::write(&temp, bytes)?;
    std::fs::rename(&temp, path)
}
