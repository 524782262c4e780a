//! The images stage's two ends in the pipeline: probing the site's images before the Markdown is
//! rendered (it needs their sizes), and adding the copies of the images pages show to the output.

use crate::diagnostics::{Diagnostic, Location};
use crate::images::{
    check_front_matter_images, encode_images, front_matter_location, probe_site_images, ImagesMemo, SiteImages,
};
use crate::markdown::SiteMarkdown;
use crate::output::{FileSource, Output};
use crate::site::Site;
use std::collections::BTreeMap;

/// Every image file of the site probed; front-matter images that cannot be read are errors.
pub(super) fn probe_images(site: &Site, memo: &mut ImagesMemo) -> Result<SiteImages, Vec<Diagnostic>> {
    let images = probe_site_images(site, memo);
    let errors = check_front_matter_images(site, &images);
    if errors.is_empty() {
        Ok(images)
    } else {
        Err(errors)
    }
}

/// Makes (or takes from the disk cache) the copies of every image a page shows — in its text or
/// as its `image:`/`photo:` — and adds them to the output as files to copy. Returns how many copies
/// were encoded and how many reused.
pub(super) fn add_image_copies(
    output: &mut Output,
    site: &Site,
    images: &SiteImages,
    markdown: &SiteMarkdown,
) -> Result<(usize, usize), Vec<Diagnostic>> {
    let mut shown: BTreeMap<String, Location> = BTreeMap::new();
    let texts = markdown.pages.iter().chain(markdown.sections.iter().flatten());
    for image in texts.flat_map(|r| &r.images) {
        shown.entry(image.output.clone()).or_insert_with(|| image.location.clone());
    }
    for page in &site.pages {
        if let Some(image) = page.image.as_deref().and_then(|url| images.by_url(url)) {
            shown.entry(image.output.clone()).or_insert_with(|| front_matter_location(page));
        }
    }
    let encoded = encode_images(&site.config.root, images, &shown)?;
    let mut errors = Vec::new();
    for (path, cached) in encoded.files {
        if let Some(source) = site.files.get(&path) {
            errors.push(
                Diagnostic::new(Location::file(source), format!("this file has the name of an image copy: /{path}"))
                    .with_help("rename the file; Folio writes resized copies of images under these names"),
            );
        }
        output.files.insert(path, FileSource::Copy(cached));
    }
    if errors.is_empty() {
        Ok((encoded.encoded, encoded.reused))
    } else {
        Err(errors)
    }
}
