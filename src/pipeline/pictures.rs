//! The images stage's two ends in the pipeline: probing the site's images before the Markdown is
//! rendered (it needs their sizes), and adding the copies of the images pages show to the output.

use super::collect::OutputFiles;
use crate::diagnostics::{Diagnostic, Location};
use crate::images::{
    check_front_matter_images, encode_images, front_matter_location, probe_site_images, unreadable, ImagesMemo,
    SiteImages,
};
use crate::markdown::SiteMarkdown;
use crate::output::FileSource;
use crate::site::{Byline, Origin, Page, Site};
use std::collections::BTreeMap;

/// Every image file of the site probed; front-matter images and byline photos that cannot be read
/// are errors.
pub(super) fn probe_images(site: &Site, memo: &mut ImagesMemo) -> Result<SiteImages, Vec<Diagnostic>> {
    let images = probe_site_images(site, memo);
    let mut errors = check_front_matter_images(site, &images);
    let mut named = std::collections::HashSet::new();
    for page in &site.pages {
        for (photo, at) in byline_photos(site, page) {
            let Some(output) = photo.strip_prefix(&images.base_path).and_then(|u| u.strip_prefix('/')) else {
                continue;
            };
            if let Some(Err(why)) = images.get(output) {
                if named.insert(output) {
                    errors.push(unreadable(at, "photo", photo, why));
                }
            }
        }
    }
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
    output: &mut OutputFiles,
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
        for (photo, at) in byline_photos(site, page) {
            if let Some(image) = images.by_url(photo) {
                shown.entry(image.output.clone()).or_insert(at);
            }
        }
    }
    // Copies changed through their links in an output folder are removed first (see `output::links`).
    let ledger = crate::output::links::settled();
    let present = |path: &std::path::Path| crate::output::links::is_present(ledger.as_deref(), path);
    let encoded = encode_images(&site.config.root, images, &shown, &present)?;
    let mut errors = Vec::new();
    for (path, cached) in encoded.files {
        if let Some(source) = site.files.get(&path) {
            errors.push(
                Diagnostic::new(Location::file(source), format!("this file has the name of an image copy: /{path}"))
                    .with_help("rename the file; Folio writes resized copies of images under these names"),
            );
        }
        output.insert(path, FileSource::Copy(cached));
    }
    if errors.is_empty() {
        Ok((encoded.encoded, encoded.reused))
    } else {
        Err(errors)
    }
}

/// The photos of the people without a page in a page's byline, and where each is named: the page's
/// `author:` line for an inline person, `content/authors.yaml` for one of the authors file.
fn byline_photos<'a>(site: &'a Site, page: &'a Page) -> impl Iterator<Item = (&'a str, Location)> + 'a {
    page.bylines.iter().filter_map(move |byline| {
        let Byline::Person(person) = byline else { return None };
        let photo = person.photo.as_deref()?;
        let at = match person.origin {
            Origin::AuthorsFile => Location::file(site.config.content_dir().join("authors.yaml")),
            _ => {
                let front = &page.source.parsed.front_text;
                let key = if front.lines().any(|l| l.starts_with("authors:")) { "authors" } else { "author" };
                Location::new(&page.path, crate::content::front_matter::front_key_line(front, key), 0)
            }
        };
        Some((photo, at))
    })
}
