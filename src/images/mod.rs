//! The site's images: what each image file is (size, kind, digest), the responsive copies a
//! picture gets, the HTML that offers them, and making those copies at build time.
//!
//! Probing is cheap (the header and a digest of the bytes) and remembered between builds by each
//! file's size and modification time. Only images some page shows get copies: `encode` makes them
//! in parallel into a disk cache (`.folio-cache/images/` under the site root), named by the source's
//! digest, width and quality, so neither a second `folio build` nor a `folio serve` rebuild encodes
//! an image twice. The output refers to the cached files rather than holding their bytes.

mod encode;
mod markup;
mod probe;

pub use encode::{encode_images, EncodedImages, CACHE_DIR};
pub use markup::{picture_html, raw_picture_html, ImageUse, RawAttribute, RawImage};
pub use probe::{digest_bytes, is_image_file, probe_image, ImageInfo, ImageKind};

use crate::config::ImagesConfig;
use crate::diagnostics::{Diagnostic, Location};
use crate::memo::{fingerprint, Memo};
use crate::site::{Page, Site};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::SystemTime;

/// The widths of the extra copies of author photos, which themes show small (48 to 112 pixels wide):
/// each shown size once and twice over, so a photo in a byline does not download a 320-pixel copy.
const PHOTO_WIDTHS: [u32; 4] = [48, 96, 144, 224];

/// Probed images of the previous build, by digest of (file, size, modification time).
pub type ImagesMemo = Memo<Result<ImageInfo, String>>;

/// One copy of an image: its width and height, and where it is published.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ImageCopy {
    pub width: u32,
    pub height: u32,
    /// Output path (no leading slash).
    pub output: String,
}

/// A published image file that pages can show.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SiteImage {
    /// The source file.
    pub path: PathBuf,
    /// Its output path (no leading slash).
    pub output: String,
    pub info: ImageInfo,
    /// The WebP copies, narrowest first; empty when the image is not resized.
    pub copies: Vec<ImageCopy>,
}

/// An image as templates see it (`partials/picture.html` shows it).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Picture {
    pub src: String,
    /// The image's own size in pixels; `None` for an SVG that states none.
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// The `srcset` of its WebP copies; empty when it has none.
    pub webp: String,
}

/// Every image file of the site by output path, or why it cannot be used; and the settings.
#[derive(Debug, Default)]
pub struct SiteImages {
    pub config: ImagesConfig,
    pub base_path: String,
    pub images: BTreeMap<String, Result<Arc<SiteImage>, String>>,
}

impl SiteImages {
    /// The image published at `output` (no leading slash).
    pub fn get(&self, output: &str) -> Option<&Result<Arc<SiteImage>, String>> {
        self.images.get(output)
    }

    /// The image a URL path with the base path (`/help/images/a.png`) points to.
    pub fn by_url(&self, url: &str) -> Option<&Arc<SiteImage>> {
        let path = url.strip_prefix(&self.base_path)?.strip_prefix('/')?;
        self.images.get(path)?.as_ref().ok()
    }

    /// What templates need to show the image at `url` (a front-matter `image:` or `photo:`):
    /// `None` for a remote image or an image Folio does not size.
    pub fn picture(&self, url: Option<&str>) -> Option<Picture> {
        let image = self.by_url(url?)?;
        let srcset = |ext: &str| {
            let copies = image.copies.iter().filter(|c| c.output.ends_with(ext));
            copies.map(|c| format!("{} {}w", self.url(&c.output), c.width)).collect::<Vec<_>>().join(", ")
        };
        Some(Picture {
            src: self.url(&image.output),
            width: image.info.size.map(|(w, _)| w),
            height: image.info.size.map(|(_, h)| h),
            webp: srcset(".webp"),
        })
    }

    /// The public URL of an output path, each segment percent-encoded (a space or comma in a
    /// file name would otherwise split a `srcset`).
    pub fn url(&self, output: &str) -> String {
        let segments: Vec<String> = output.split('/').map(crate::url::percent_encode).collect();
        format!("{}/{}", self.base_path, segments.join("/"))
    }
}

/// Probes every image file the site publishes (reusing what `memo` knows of unchanged files) and
/// plans its copies.
pub fn probe_site_images(site: &Site, memo: &mut ImagesMemo) -> SiteImages {
    let config = site.config.images.clone();
    let candidates: Vec<(&String, &PathBuf)> =
        site.files.iter().filter(|(output, _)| config.enabled && is_image_file(output)).collect();
    let previous = &*memo;
    let probed: Vec<(u64, Result<ImageInfo, String>)> = candidates
        .par_iter()
        .map(|(_, path)| {
            let stamp = std::fs::metadata(path).map(|m| (m.len(), m.modified().unwrap_or(SystemTime::UNIX_EPOCH)));
            let key = fingerprint((path, stamp.as_ref().ok()));
            let what = || path.display().to_string();
            let info = previous.get_or_try(key, what, || Ok::<_, ()>(probe_image(path))).map(|(info, _)| info);
            (key, info.unwrap_or_else(|()| Err("cannot read it".into())))
        })
        .collect();
    memo.replace(probed.iter().cloned());
    let photos = author_photos(site);
    let images: BTreeMap<String, Result<Arc<SiteImage>, String>> = candidates
        .into_iter()
        .zip(probed)
        .map(|((output, path), (_, info))| {
            let image = info.map(|info| {
                let copies = plan_copies(output, &info, &config, photos.contains(output.as_str()));
                Arc::new(SiteImage { path: path.clone(), output: output.clone(), info, copies })
            });
            (output.clone(), image)
        })
        .collect();
    // Stages key their results by the images they show, not by all of them: see `render_site_markdown`.
    SiteImages { config, base_path: site.config.base_path.clone(), images }
}

/// The output paths of the images shown as author photos: author pages' `photo:` and the photos
/// of people in bylines (inline or from `content/authors.yaml`).
fn author_photos(site: &Site) -> std::collections::HashSet<&str> {
    let base = &site.config.base_path;
    fn output<'a>(url: &'a str, base: &str) -> Option<&'a str> {
        url.strip_prefix(base)?.strip_prefix('/')
    }
    let pages =
        site.pages.iter().filter(|p| p.kind == crate::site::PageKind::Author).filter_map(|p| p.image.as_deref());
    let people = site.pages.iter().flat_map(|p| &p.bylines).filter_map(|b| match b {
        crate::site::Byline::Person(person) => person.photo.as_deref(),
        crate::site::Byline::Page(_) => None,
    });
    pages.chain(people).filter_map(|url| output(url, base)).collect()
}

/// The copies of an image: each configured width narrower than it (and, for an author photo, the
/// small photo widths), and its own width when a wanted width was wider — never an enlargement.
/// Animations and SVGs get none.
fn plan_copies(output: &str, info: &ImageInfo, config: &ImagesConfig, photo: bool) -> Vec<ImageCopy> {
    let (ImageKind::Raster, Some((width, height))) = (info.kind, info.size) else { return Vec::new() };
    let mut wanted: Vec<u32> = config.widths.clone();
    if photo && !config.widths.is_empty() {
        wanted.extend(PHOTO_WIDTHS);
    }
    wanted.sort_unstable();
    wanted.dedup();
    let mut widths: Vec<u32> = wanted.iter().copied().filter(|w| *w < width).collect();
    if wanted.iter().any(|w| *w >= width) {
        widths.push(width);
    }
    let stem = output.rfind('.').map_or(output, |dot| &output[..dot]);
    let mut copies = Vec::new();
    for format in &config.formats {
        for &w in &widths {
            let h = ((u64::from(height) * u64::from(w) + u64::from(width) / 2) / u64::from(width)).max(1) as u32;
            // The digest in the name changes with the picture, so hosts may cache copies for ever.
            let output = format!("{stem}-{w}w-{}.{}", &info.digest[..8], format.extension());
            copies.push(ImageCopy { width: w, height: h, output });
        }
    }
    copies
}

/// Errors for front-matter images (`image:`, `photo:`) that exist but cannot be read.
pub fn check_front_matter_images(site: &Site, images: &SiteImages) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for page in &site.pages {
        let Some(url) = &page.image else { continue };
        let Some(path) = url.strip_prefix(&images.base_path).and_then(|u| u.strip_prefix('/')) else { continue };
        if let Some(Err(why)) = images.get(path) {
            let written = page.front.image.as_ref().or(page.front.photo.as_ref()).unwrap_or(url);
            errors.push(unreadable(front_matter_location(page), "image", written, why));
        }
    }
    errors
}

/// Where a page names its image: the line of its `photo:` or `image:`.
pub fn front_matter_location(page: &Page) -> Location {
    let key = if page.front.image.is_none() && page.front.photo.is_some() { "photo" } else { "image" };
    let line = crate::content::front_matter::front_key_line(&page.source.parsed.front_text, key);
    Location::new(&page.path, line, 0)
}

/// The error for an image that is there but cannot be shown.
pub fn unreadable(location: Location, what: &str, written: &str, why: &str) -> Diagnostic {
    Diagnostic::new(location, format!("{what} `{written}` cannot be used: {why}"))
        .with_help("replace the file with a PNG, JPEG, GIF, WebP or SVG image that opens in an image viewer")
}
